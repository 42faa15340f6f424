"""Engines: run :func:`disclint.survey.worker.process` over tasks and hand each result back.

- :class:`LocalEngine` (default): ``concurrent.futures.ProcessPoolExecutor`` with a
  ``forkserver`` context (``spawn`` where forkserver is unavailable), ``max_tasks_per_child``
  to recycle workers (bounded memory: spaCy's string store and caches grow slowly), and the
  model loaded once per worker by the pool initializer. At most ``2 × workers`` documents are
  in flight, so a killed run loses at most those (they are simply redone). A worker that dies
  (segfault, OOM killer) breaks the pool: the pool is rebuilt, the documents that were in
  flight are retried one more time, and a document in flight during two crashes is recorded
  as ``survey.worker_crashed``.
- :class:`disclint.survey.dask_engine.DaskEngine`: the same function on an existing
  ``dask.distributed`` cluster (``--scheduler tcp://HOST:PORT``).

Both yield results in completion order; the caller stores them (single writer).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from . import worker


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def crash_result(task: dict[str, Any]) -> dict[str, Any]:
    from ..i18n import t

    return {
        "key": task.get("key") or task["sha256"],
        "document": {
            "sha256": task.get("sha256"),
            "path": task["path"],
            "size": task.get("size"),
            **(task.get("meta") or {}),
            "status": "error",
            "error_code": "survey.worker_crashed",
            "error_params": {},
            "error_message": t("survey.worker_crashed", "en"),
        },
        "coverage": [],
        "quality": [],
        "findings": [],
        "timings": {},
    }


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None, max_tasks_per_child: int = 50) -> None:
        self.workers = workers or default_workers()
        self.max_tasks_per_child = max(1, max_tasks_per_child)

    def _pool(self, options: dict[str, Any]) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=_context(),
            initializer=worker.init,
            initargs=(dict(options, parent_pid=os.getpid(), mp_tempdir=multiprocessing.util.get_temp_dir()),),
            max_tasks_per_child=self.max_tasks_per_child,
        )

    def run(self, tasks: list[dict[str, Any]], options: dict[str, Any]) -> Iterator[dict[str, Any]]:
        queue = list(reversed(tasks))
        crashes: dict[str, int] = {}
        window = 2 * self.workers
        pool = self._pool(options)
        pending: dict[Future, dict[str, Any]] = {}
        try:
            while queue or pending:
                while queue and len(pending) < window:
                    task = queue.pop()
                    try:
                        pending[pool.submit(worker.process, task, options)] = task
                    except BrokenProcessPool:
                        queue.append(task)
                        break
                done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                broken: list[dict[str, Any]] = []
                for fut in done:
                    task = pending.pop(fut)
                    try:
                        yield fut.result()
                    except BrokenProcessPool:
                        broken.append(task)
                if broken:
                    # every unfinished task of a broken pool fails; retry them once in a new pool
                    broken.extend(pending.values())
                    for fut in pending:
                        fut.cancel()
                    pending.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    for task in broken:
                        k = task.get("key") or task["sha256"]
                        crashes[k] = crashes.get(k, 0) + 1
                        if crashes[k] >= 2:
                            yield crash_result(task)
                        else:
                            queue.append(task)
                    pool = self._pool(options)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class Progress:
    """A plain-text progress bar with rate and ETA on stderr (one line, redrawn on a TTY;
    a line every 5 % or 30 s otherwise)."""

    def __init__(self, total: int, label: str = "", stream: Any = None, enabled: bool = True) -> None:
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.wanted = enabled
        self.enabled = enabled and total > 0
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.done = 0
        self.errors = 0
        self.t0 = time.monotonic()
        self._last = 0.0
        self._last_pct = -1

    def start(self, total: int) -> None:
        """Begin counting ``total`` documents now (after inputs are hashed)."""
        self.total = total
        self.enabled = self.wanted and total > 0
        self.done = self.errors = 0
        self.t0 = time.monotonic()
        if self.enabled and not self.tty:
            self.stream.write(self.line() + "\n")

    def update(self, ok: bool = True) -> None:
        self.done += 1
        self.errors += 0 if ok else 1
        if not self.enabled:
            return
        now = time.monotonic()
        pct = int(100 * self.done / self.total)
        if self.tty and (now - self._last > 0.2 or self.done == self.total):
            self.stream.write("\r" + self.line() + "\x1b[K")
            self.stream.flush()
            self._last = now
        elif not self.tty and (pct // 5 > self._last_pct // 5 or now - self._last > 30 or self.done == self.total):
            self.stream.write(self.line() + "\n")
            self.stream.flush()
            self._last, self._last_pct = now, pct

    def line(self) -> str:
        el = time.monotonic() - self.t0
        rate = self.done / el if el > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        width = 24
        fill = int(width * self.done / self.total) if self.total else width
        err = f" !{self.errors}" if self.errors else ""
        return (
            f"{self.label}[{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total} "
            f"{100 * self.done / self.total:5.1f}% {rate * 3600:,.0f}/h ETA {_hms(eta)}{err}"
        )

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _hms(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
