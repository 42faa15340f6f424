"""``disclint survey run``: inputs -> tasks -> engine -> one SQLite transaction per document."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from .inputs import SurveyError, Task, collect, hash_tasks
from .store import DB_NAME, Store


@dataclass
class RunSummary:
    run_id: int
    inputs: int
    distinct: int
    skipped: int
    processed: int
    errors: int
    seconds: float
    error_lines: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (path, key, params)
    workers: list[dict[str, Any]] = field(default_factory=list)  # per-result worker stats
    status: str = "finished"


def prepare_run_dir(run_dir: Path, inputs: tuple[str, ...]) -> None:
    """RUN_DIR is new, empty, or an earlier survey run (resumed); never an input."""
    resolved = run_dir.resolve()
    for raw in inputs:
        p = Path(raw).resolve()
        if p == resolved or (p.is_file() and p.parent == resolved and p.name == DB_NAME):
            raise SurveyError("survey.run_dir_is_input", path=str(run_dir))
    if run_dir.exists():
        if not run_dir.is_dir():
            raise SurveyError("survey.run_dir_not_dir", path=str(run_dir))
        if any(p.name != LOCK_NAME for p in run_dir.iterdir()) and not (run_dir / DB_NAME).exists():
            raise SurveyError("survey.run_dir_not_survey", path=str(run_dir))
    else:
        try:
            run_dir.mkdir(parents=True)
        except OSError as exc:
            raise SurveyError(
                "survey.run_dir_create", path=str(run_dir), reason=exc.strerror or type(exc).__name__
            ) from exc


LOCK_NAME = "survey.lock"


def lock_run_dir(run_dir: Path) -> int:
    """One ``survey run`` per RUN_DIR: an exclusive ``flock`` on ``RUN_DIR/survey.lock``, held
    until the process ends (the kernel releases it even after ``kill -9``). A second run on the
    same directory refuses with one line instead of doing every document a second time."""
    import fcntl

    fd = os.open(run_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise SurveyError("survey.run_dir_locked", path=str(run_dir)) from None
    return fd


def task_key(task: Task) -> str:
    return task.sha256 or "path:" + os.path.abspath(task.path)


def run_survey(
    inputs: tuple[str, ...],
    run_dir: Path,
    engine: Any,
    options: dict[str, Any],
    *,
    retry_errors: bool = False,
    progress: Any = None,
    on_error: Callable[[str, str, dict[str, Any]], None] | None = None,
    on_note: Callable[[str, dict[str, Any]], None] | None = None,
) -> RunSummary:
    t0 = time.monotonic()
    prepare_run_dir(run_dir, inputs)
    lock = lock_run_dir(run_dir)
    try:
        return _run_locked(inputs, run_dir, engine, options, t0, retry_errors, progress, on_error, on_note)
    finally:
        os.close(lock)


def _run_locked(
    inputs: tuple[str, ...],
    run_dir: Path,
    engine: Any,
    options: dict[str, Any],
    t0: float,
    retry_errors: bool,
    progress: Any,
    on_error: Any,
    on_note: Any,
) -> RunSummary:
    from .worker import ruleset_id

    skipped: Counter[str] = Counter()
    tasks = collect(inputs, exclude=run_dir, skipped=skipped)
    if skipped and on_note:
        kinds = ", ".join(f"{ext} {n}" for ext, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        on_note("survey.folder_skipped", {"count": sum(skipped.values()), "kinds": kinds})
    if not tasks:
        raise SurveyError("survey.no_inputs")
    hash_tasks(tasks, (options.get("limits") or {}).get("max_file_mb"))
    ruleset, rule_ids = ruleset_id(options)
    store = Store(run_dir)
    try:
        previous = store.previous_rulesets()
        if previous and (__version__, ruleset) not in previous and on_note:
            old = sorted(previous)[-1]
            on_note("survey.ruleset_changed", {"old": f"{old[0]}/{old[1]}", "new": f"{__version__}/{ruleset}"})
        run_id = store.start_run(
            __version__,
            ruleset,
            rule_ids,
            engine.name,
            getattr(engine, "workers", 0),
            {k: v for k, v in options.items()} | {"retry_errors": retry_errors, "argv": sys.argv[1:]},
        )
        done = store.done_keys(include_errors=not retry_errors)
        todo: dict[str, dict[str, Any]] = {}
        extra_paths: dict[str, list[str]] = {}
        skipped = 0
        done_meta: dict[str, dict[str, Any]] = {}
        for task in tasks:
            key = task_key(task)
            if key in done and task.sha256:
                skipped += 1
                store.add_path(key, task.path)
                # the same content under several rows: the first row's metadata wins, as on the
                # first run (updating row by row let the last row win on every rerun)
                done_meta[key] = {**task.meta, **done_meta.get(key, {})}
                continue
            if key in todo:  # same content under another path: surveyed once
                todo[key]["meta"] = {**task.meta, **todo[key]["meta"]}
                extra_paths.setdefault(key, []).append(task.path)
                continue
            d = task.to_dict()
            d["key"] = key
            if task.error:
                d["error"] = task.error
            todo[key] = d
        for key, meta in done_meta.items():
            store.update_meta(key, meta)
        summary = RunSummary(run_id, len(tasks), len(todo) + skipped, skipped, 0, 0, 0.0)
        if progress is not None:
            progress.start(len(todo))
        status = "interrupted"
        try:
            for result in engine.run(list(todo.values()), options):
                store.save(result, run_id, __version__, ruleset)
                for path in extra_paths.get(result["key"], ()):
                    store.add_path(result["key"], path)
                summary.processed += 1
                doc = result["document"]
                ok = doc.get("status") == "ok"
                if not ok:
                    summary.errors += 1
                    summary.error_lines.append(
                        (doc["path"], doc.get("error_code") or "", doc.get("error_params") or {})
                    )
                    if on_error:
                        on_error(doc["path"], doc.get("error_code") or "", doc.get("error_params") or {})
                if "worker" in result:
                    summary.workers.append(result["worker"])
                if progress is not None:
                    progress.update(ok)
            status = "finished"
        finally:
            summary.status = status
            summary.seconds = time.monotonic() - t0
            store.finish_run(
                run_id, status, inputs=len(tasks), processed=summary.processed, skipped=skipped, errors=summary.errors
            )
            if progress is not None:
                progress.close()
    finally:
        store.close()
    return summary
