"""``disclint assess``: a self-assessment of cybersecurity management on the ten directives of
guideline Ver3.0, in the spirit of the IPA サイバーセキュリティ経営可視化ツール, tied to what the
company discloses.

- :mod:`.questionnaire`: the 40 items and five maturity levels (``rules/assessment/``);
- :mod:`.answers`: the blank form (XLSX with drop-downs and protection, or YAML) and reading a
  filled one, validated;
- :mod:`.results`: maturity per directive, radar chart, HTML / XLSX / JSON report;
- :mod:`.check`: maturity vs the disclosure's coverage (undersell / overstate);
- :mod:`.cli`: the ``init`` / ``report`` / ``check`` subcommands.

See ``docs/assess.md``.
"""

from __future__ import annotations

from typing import Any


def register_assess_commands(cli: Any, lang: str, H: dict[str, str]) -> None:
    """Add the ``assess`` command group to the disclint CLI."""
    from .cli import register_assess_commands as register

    register(cli, lang, H)


__all__ = ["register_assess_commands"]
