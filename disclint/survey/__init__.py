"""``disclint survey``: survey many disclosures (which companies disclose what, by industry and year).

- :mod:`.inputs`: folders, files and manifest CSVs -> tasks (metadata, SHA-256);
- :mod:`.worker`: one document -> coverage of directives 1–10 and the three principles,
  quality scores, findings (the model loaded once per process);
- :mod:`.engine`: local process pool (recycled workers) or an existing Dask cluster;
- :mod:`.store`: SQLite in RUN_DIR, one transaction per document (resumable after kill -9);
- :mod:`.runner`: the ``run`` command's orchestration;
- :mod:`.report`: CSV, XLSX and a self-contained HTML dashboard with charts.

See ``docs/survey.md``.
"""

from __future__ import annotations

from typing import Any


def register_survey_commands(cli: Any, lang: str, H: dict[str, str]) -> None:
    """Add the ``survey`` command group to the disclint CLI."""
    from .cli import register_survey_commands as register

    register(cli, lang, H)


__all__ = ["register_survey_commands"]
