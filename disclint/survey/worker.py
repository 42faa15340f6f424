"""One document -> one result dict: the pure function both engines run.

State is per process and lazy: the first task (or :func:`init`, the pool initializer / Dask
worker plugin) loads the mapper (GiNZA tokenizer, directive data, model) and the rules once;
later tasks reuse them. Nothing is written here: the parent stores the returned dict.

Timeout: in the main thread of a process (the local engine's pool workers) a SIGALRM timer
interrupts the document wherever it is; in other threads (Dask runs tasks in a thread pool)
the deadline is checked between the stages and between rules. Either way the document is
recorded as an error ``limit.timeout`` and the worker goes on with the next one.
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import threading
import time
from pathlib import Path
from typing import Any

from .. import __version__
from ..model.errors import DisclintError
from ..quality import QUALITIES, cyber_text_scores
from .inputs import fiscal_year_from, normalize_code

STATUS_POINTS = {"covered": 1.0, "weak": 0.5, "missing": 0.0}
DOC_TYPES = (
    "有価証券報告書",
    "統合報告書",
    "コーポレート・ガバナンス",
    "サステナビリティ",
    "CSR",
    "情報セキュリティ報告書",
    "アニュアルレポート",
)


class _Timeout(BaseException):
    """Raised by the SIGALRM handler; a BaseException so that no ``except Exception`` eats it."""


class _State:
    def __init__(self, options: dict[str, Any]) -> None:
        from ..analysis import Services
        from ..config import config_for
        from ..readers import Limits

        self.key = _options_key(options)
        cfg = config_for(Path.cwd() / "_", options.get("config")).with_cli(
            tuple(options.get("select", ())), tuple(options.get("ignore", ()))
        )
        self.rules = [r for r in cfg.rules() if r.enabled]
        self.services = Services.shared()
        self.mapper = self.services.mapper
        self.limits = Limits(**options.get("limits", {}))
        self.lang = options.get("lang", "ja")
        self.timeout = float(options.get("timeout") or 0)
        self.tasks = 0
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        _warm_up(self.mapper)
        self.rss_start_mb = rss_mb()  # after the model is loaded


_STATE: _State | None = None
_LOCK = threading.Lock()


def _options_key(options: dict[str, Any]) -> tuple:
    return (
        options.get("config"),
        tuple(options.get("select", ())),
        tuple(options.get("ignore", ())),
        tuple(sorted(options.get("limits", {}).items())),
        options.get("lang"),
        options.get("timeout"),
    )


def _warm_up(mapper: Any) -> None:
    """Load the GiNZA model now (Mapper loads it lazily on the first candidate passage)."""
    try:
        mapper.analyse([("当社は情報セキュリティ基本方針を定めております。", "")])
    except Exception:  # pragma: no cover - warm-up is best effort
        pass


def init(options: dict[str, Any]) -> None:
    """Pool initializer / worker plugin: load the model and rules once for this process.
    With ``parent_pid`` (the local engine), a watchdog ends this worker when that process is
    gone: after ``kill -9`` of ``survey run`` no worker (≈ 500 MB each) is left behind."""
    if options.get("parent_pid"):
        _watch_parent(int(options["parent_pid"]), options.get("mp_tempdir"))
    state(options)


def _watch_parent(pid: int, tempdir: str | None = None, every: float = 1.0) -> None:
    """End this worker when the survey is gone, removing the survey's multiprocessing directory
    (``pymp-…`` in ``$TMPDIR``, the forkserver's socket): the survey removes it at exit, which a
    ``kill -9`` skips."""
    ppid = os.getppid()  # the forkserver, which itself ends when the survey process is gone

    def orphaned() -> None:
        if tempdir and os.path.basename(tempdir).startswith("pymp-"):
            import shutil

            shutil.rmtree(tempdir, ignore_errors=True)
        os._exit(3)

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != ppid:  # reparented: our parent died (the survey may be an unreaped zombie)
                orphaned()
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                orphaned()  # the survey is gone: nobody will read our result
            except PermissionError:  # pragma: no cover - the pid was reused by another user
                orphaned()

    threading.Thread(target=watch, name="disclint-parent-watch", daemon=True).start()


def state(options: dict[str, Any]) -> _State:
    global _STATE
    with _LOCK:
        if _STATE is None or _STATE.key != _options_key(options):
            _STATE = _State(options)
        return _STATE


def rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # pragma: no cover - not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _Deadline:
    """The document's time limit and memory budget (``Limits.max_memory_mb``): ``SIGALRM`` in the
    main thread of a process (every ``MEMORY_TICK`` seconds with a memory budget, else at the
    deadline); :meth:`check` between stages and rules everywhere (Dask runs tasks in threads)."""

    def __init__(self, seconds: float, limits: Any = None) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds if seconds > 0 else None
        self.limits = limits if limits is not None and limits.max_memory_mb > 0 else None
        self.signal = False

    def __enter__(self) -> _Deadline:
        from ..readers import MEMORY_TICK

        if (
            (self.end is not None or self.limits is not None)
            and threading.current_thread() is threading.main_thread()
            and hasattr(signal, "setitimer")
        ):
            self._old = signal.signal(signal.SIGALRM, self._on_alarm)
            signal.siginterrupt(signal.SIGALRM, False)  # a tick restarts the system call it interrupts
            if self.limits is not None:
                signal.setitimer(signal.ITIMER_REAL, min(self.seconds or MEMORY_TICK, MEMORY_TICK), MEMORY_TICK)
            else:
                signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.signal = True
        return self

    def _on_alarm(self, signum: int, frame: Any) -> None:
        if self.end is not None and (self.limits is None or time.monotonic() >= self.end):
            raise _Timeout()
        self.check()

    def check(self) -> None:
        if self.end is not None and time.monotonic() > self.end:
            raise _Timeout()
        exc = self.limits.memory_error() if self.limits is not None else None
        if exc is not None:
            raise exc

    def __exit__(self, *exc: Any) -> None:
        if self.signal:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old)


def merge_metadata(manifest: dict[str, Any], doc_meta: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Manifest values win; empty fields come from the document (XBRL DEI, PDF cover)."""
    out: dict[str, Any] = {}
    source: dict[str, str] = {}
    found = {
        "company": doc_meta.get("company") or None,
        "securities_code": normalize_code(doc_meta.get("securities_code")) or None,
        "fiscal_year": fiscal_year_from(doc_meta.get("fiscal_year_end")),
        "document_type": _doc_type(doc_meta),
        "industry": doc_meta.get("industry") or None,
    }
    for k, v in found.items():
        if manifest.get(k) not in (None, ""):
            out[k], source[k] = manifest[k], "manifest"
        elif v not in (None, ""):
            out[k], source[k] = v, "document"
    return out, source


def _doc_type(meta: dict[str, Any]) -> str | None:
    title = str(meta.get("title") or "")
    for t in DOC_TYPES:
        if t in title:
            return t if t != "コーポレート・ガバナンス" else "コーポレート・ガバナンス報告書"
    return meta.get("document_type") or None


def quality_rows(
    findings: list[dict[str, Any]], in_scope: Any = lambda i: True, cyber_chars: int = 0
) -> list[dict[str, Any]]:
    """Counts per quality (findings on the cybersecurity text and about the whole document) and
    the score per unit of cybersecurity text (:func:`disclint.quality.cyber_text_scores`);
    the score is ``None`` for a document without cybersecurity text."""
    scores = cyber_text_scores(findings, in_scope, cyber_chars)
    findings = [f for f in findings if f.get("block_index") is None or in_scope(f.get("block_index"))]
    rows = []
    for q in QUALITIES:
        fs = [f for f in findings if f.get("quality") == q]
        n = {lv: sum(1 for f in fs if f.get("level") == lv) for lv in ("error", "warning", "info")}
        rows.append(
            {
                "quality": q,
                "errors": n["error"],
                "warnings": n["warning"],
                "infos": n["info"],
                "findings": len(fs),
                "score": None if scores is None else float(scores[q]),
            }
        )
    return rows


def _finding_dict(f: Any) -> dict[str, Any]:
    loc = f.location
    return {
        "rule": f.rule,
        "level": f.level.value,
        "quality": f.quality,
        "message": f.message,
        "page": getattr(loc, "page", None),
        "section": " > ".join(getattr(loc, "section", ()) or ()),
        "block_index": f.block_index,
        "start": f.start,
        "end": f.end,
        "excerpt": f.excerpt[:500],
    }


def process(task: dict[str, Any], options: dict[str, Any]) -> dict[str, Any]:
    """Survey one document. Never raises for a bad document: errors are part of the result."""
    st = state(options)
    st.tasks += 1
    t_start = time.perf_counter()
    cpu_start = time.process_time()
    timings: dict[str, float] = {}
    key = task.get("key") or task["sha256"]
    document: dict[str, Any] = {"sha256": task.get("sha256"), "path": task["path"], "size": task.get("size")}
    result: dict[str, Any] = {
        "key": key,
        "document": document,
        "coverage": [],
        "quality": [],
        "findings": [],
        "timings": timings,
    }
    manifest = dict(task.get("meta") or {})
    deadline = _Deadline(st.timeout, st.limits)
    try:
        with deadline:
            _run(task, st, deadline, result, manifest, timings)
    except _Timeout:
        _error(result, manifest, "limit.timeout", {"seconds": st.timeout})
    except DisclintError as exc:
        _error(result, manifest, exc.code, exc.params)
    except MemoryError:
        _error(result, manifest, "cli.internal_error", {"reason": "MemoryError"})
    except RecursionError:
        _error(result, manifest, "cli.internal_error", {"reason": "RecursionError"})
    except Exception as exc:  # a bug must not stop the survey
        _error(result, manifest, "cli.internal_error", {"reason": f"{type(exc).__name__}: {exc}".splitlines()[0][:200]})
    timings["total"] = time.perf_counter() - t_start
    timings["cpu"] = time.process_time() - cpu_start  # this process's CPU time (all its threads)
    document["seconds"] = timings["total"]
    document["worker"] = st.worker
    result["worker"] = {
        "id": st.worker,
        "pid": os.getpid(),
        "tasks": st.tasks,
        "rss_start_mb": round(st.rss_start_mb, 1),
        "rss_mb": round(rss_mb(), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    return result


def _error(result: dict[str, Any], manifest: dict[str, Any], code: str, params: dict[str, Any]) -> None:
    from ..i18n import t

    doc = result["document"]
    meta, source = merge_metadata(manifest, {})
    doc.update(meta)
    doc.update(
        status="error",
        error_code=code,
        error_params={k: (v if isinstance(v, (int, float, str)) else str(v)) for k, v in params.items()},
        error_message=t(code, "en", **params),
        meta_source=",".join(f"{k}={v}" for k, v in sorted(source.items())),
    )
    result["coverage"], result["quality"], result["findings"] = [], [], []


def _run(
    task: dict[str, Any],
    st: _State,
    deadline: _Deadline,
    result: dict[str, Any],
    manifest: dict[str, Any],
    timings: dict[str, float],
) -> None:
    from ..analysis import analyse
    from ..model.document import BlockKind
    from ..readers import read

    if task.get("error"):
        code, params = task["error"]
        raise DisclintError(code, **params)
    t0 = time.perf_counter()
    doc = read(task["path"], st.limits)
    timings["read"] = time.perf_counter() - t0
    deadline.check()
    # the one analysis every command renders (deadline checked between stages and rules)
    analysis = analyse(doc, services=st.services, lang=st.lang, rules=st.rules, tick=deadline.check)
    timings.update({k: v for k, v in analysis.timings.items() if not k.startswith("rule:")})
    findings = analysis.findings
    coverage = analysis.coverage
    statuses = {d: c.status for d, c in coverage.directives.items()}
    cov_rows = []
    for kind, items in (("directive", coverage.directives), ("principle", coverage.principles)):
        for k, c in items.items():
            cov_rows.append(
                {
                    "kind": kind,
                    "item": str(k),
                    "status": c.status,
                    "best_score": round(c.best_score, 4),
                    "passages": len(c.blocks),
                    "concepts": list(c.concepts),
                }
            )
    fdicts = [_finding_dict(f) for f in findings]
    # quality is scored on the cybersecurity text only (the in-scope blocks), per 1,000 of its characters
    in_scope = {i for i in range(len(doc.blocks)) if analysis.scope.contains(i)} if coverage.cyber_passages else set()
    # the amount of that text: its characters outside headings (a heading is not more text to judge)
    cyber_chars = sum(len(doc.blocks[i].text) for i in in_scope if doc.blocks[i].kind != BlockKind.HEADING)
    qrows = quality_rows(fdicts, in_scope.__contains__, cyber_chars)
    scored = [q["score"] for q in qrows if q["score"] is not None]
    meta, source = merge_metadata(manifest, doc.metadata)
    d = result["document"]
    d.update(meta)
    d.update(
        format=doc.format,
        title=doc.metadata.get("title"),
        status="ok",
        meta_source=",".join(f"{k}={v}" for k, v in sorted(source.items())),
        chars=doc.char_count,
        blocks=len(doc.blocks),
        pages=doc.metadata.get("pages"),
        cyber_passages=coverage.cyber_passages,
        cyber_chars=cyber_chars,
        findings=len(fdicts),
        coverage_score=round(100.0 * sum(STATUS_POINTS[v] for v in statuses.values()) / max(1, len(statuses)), 2),
        quality_score=round(sum(scored) / len(scored), 2) if scored else None,
        metadata={k: v for k, v in doc.metadata.items() if isinstance(v, (str, int, float))},
    )
    result["coverage"], result["quality"], result["findings"] = cov_rows, qrows, fdicts


def ruleset_id(options: dict[str, Any]) -> tuple[str, list[str]]:
    """A short hash of the active rules (ids, levels, options), the directive data and the model."""
    import hashlib
    import json

    from ..config import config_for
    from ..resources import data_dir

    cfg = config_for(Path.cwd() / "_", options.get("config")).with_cli(
        tuple(options.get("select", ())), tuple(options.get("ignore", ()))
    )
    rules = [r for r in cfg.rules() if r.enabled]
    h = hashlib.sha256()
    h.update(json.dumps([[r.id, r.level.value, r.options] for r in rules], sort_keys=True, default=str).encode())
    directives = data_dir("rules") / "directives"
    for p in [*sorted(directives.glob("*")), data_dir("rules") / "scope.yml"]:  # the mapper and the scope policy
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16], [r.id for r in rules]


__all__ = ["init", "process", "ruleset_id", "merge_metadata", "quality_rows", "__version__"]
