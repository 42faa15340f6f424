"""Dask worker plugin (imported only by the Dask engine: ``distributed`` is an optional extra)."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class LoadModel(WorkerPlugin):
    """Load the mapper (GiNZA) and the rules once per worker process, when it registers."""

    name = "disclint-survey-model"

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:  # noqa: ARG002 - Dask's signature
        from disclint.survey import worker as w

        w.init(self.options)
