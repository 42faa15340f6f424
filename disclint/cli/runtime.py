"""What every command shares: the run context, the one-line error ladder (:func:`guarded`),
the per-document time limit (``--timeout``, :class:`_Alarm`), reading documents (one ahead, in
a forked reader process), the common options and their help texts, and the exit codes
(0 clean, 1 findings at or above ``--fail-level``, 2 usage or input error).

Feature packages (``survey``, ``draft``, ``diff``, ``assess``) import this module, never
:mod:`disclint.cli` itself, so the command group can register them without an import cycle.
"""

from __future__ import annotations

import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import click

from ..i18n import resolve_lang, t, texts
from ..model.document import Document
from ..model.errors import DisclintError, LimitExceeded
from ..readers import MEMORY_TICK, Limits, read
from ..readers.readahead import ReadAhead
from ..safeio import terminal_safe

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _detect_lang(argv: list[str]) -> str:
    value = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    return resolve_lang(value)


DEFAULT_TIMEOUT = 300.0  # seconds per document (read + lint/map); 0 disables


@dataclass
class RunContext:
    lang: str
    debug: bool = False
    failed: list[str] = field(default_factory=list)
    timeout: float = 0.0  # seconds per document; 0 = no limit (set by --timeout)
    deadline: float | None = None  # time.monotonic() when the current document runs out of time
    limits: Limits | None = None  # the current document's limits (its memory budget), set by iter_documents
    names: dict[str, str] = field(default_factory=dict)  # a temporary copy (stdin) -> the name shown

    def error(self, path: str, message: str) -> None:
        # one line per file, whatever the file name or message holds (ESC, newline)
        path = self.names.get(path, path)
        click.echo(terminal_safe(f"disclint: {path}: {message}"), err=True)
        self.failed.append(path)

    def warn(self, path: str, message: str) -> None:
        path = self.names.get(path, path)
        label = t("cli.note", self.lang)
        click.echo(terminal_safe(f"disclint: {path}: {label}: {message}"), err=True)


class _TimeoutAbort(BaseException):
    """Second stage of the time limit, for code that catches ``Exception`` and carries on:
    not an ``Exception``, so only :func:`guarded` catches it."""


class _Alarm:
    """Per-document time and memory limit: ``SIGALRM`` (``signal.setitimer``) raises
    ``LimitExceeded`` in the main thread at the deadline, and again every 0.5 s in case the code it
    interrupted swallowed the exception; from 2 s after the deadline it raises
    :class:`_TimeoutAbort`, which ``except Exception`` does not catch. With a memory budget
    (``--max-memory-mb``) it also goes off every :data:`MEMORY_TICK` seconds and raises
    ``LimitExceeded("limit.memory")`` once the process's resident memory is over it (system calls
    it interrupts are restarted). Python code is interrupted between two bytecodes; a call into C
    (PDFium, lxml, a regular expression, SudachiPy) only when it returns to Python."""

    active = False
    fired = False
    memory_fired = False
    seconds = 0.0
    deadline: float | None = None
    limits: Limits | None = None
    GRACE = 2.0

    @classmethod
    def handler(cls, signum: int, frame: Any) -> None:
        if not cls.active:
            return
        now = time.monotonic()
        if cls.deadline is not None and now >= cls.deadline:
            cls.fired = True
            if now >= cls.deadline + cls.GRACE:
                raise _TimeoutAbort()
            raise LimitExceeded("limit.timeout", seconds=f"{cls.seconds:g}")
        exc = cls.limits.memory_error() if cls.limits is not None else None
        if exc is not None:
            cls.memory_fired = True
            raise exc

    @classmethod
    def usable(cls) -> bool:
        return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    @classmethod
    @contextmanager
    def arm(cls, ctx: RunContext) -> Iterator[None]:
        memory = ctx.limits is not None and ctx.limits.max_memory_mb > 0
        if (ctx.deadline is None and not memory) or not cls.usable():
            yield
            return
        left = ctx.deadline - time.monotonic() if ctx.deadline is not None else MEMORY_TICK
        if left <= 0:
            raise LimitExceeded("limit.timeout", seconds=f"{ctx.timeout:g}")
        cls.seconds, cls.fired, cls.memory_fired, cls.deadline = ctx.timeout, False, False, ctx.deadline
        cls.limits = ctx.limits if memory else None
        previous = signal.signal(signal.SIGALRM, cls.handler)
        signal.siginterrupt(signal.SIGALRM, False)  # a tick restarts the system call it interrupts
        cls.active = True
        try:
            signal.setitimer(
                signal.ITIMER_REAL, min(left, MEMORY_TICK) if memory else left, MEMORY_TICK if memory else 0.5
            )
            yield
        finally:
            while True:  # the alarm may still go off while we disarm it: retry until it is off
                try:
                    cls.active = False  # from here on the handler does nothing
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)
                    break
                except (LimitExceeded, _TimeoutAbort):
                    continue


def _start_document(ctx: RunContext) -> None:
    ctx.deadline = time.monotonic() + ctx.timeout if ctx.timeout and ctx.timeout > 0 else None


def _timed_out(ctx: RunContext) -> bool:
    return _Alarm.fired and ctx.deadline is not None and time.monotonic() >= ctx.deadline


def guarded(ctx: RunContext, path: str, func: Callable[[], Any]) -> Any:
    """Run ``func`` for one input file; turn any failure into a one-line error.

    Under ``--timeout`` the current document's deadline (set by :func:`iter_documents`) applies:
    reading and every later ``guarded`` step for the same document share one budget."""
    try:
        with _Alarm.arm(ctx):
            return func()
    except _TimeoutAbort:
        ctx.error(path, t("limit.timeout", ctx.lang, seconds=f"{ctx.timeout:g}"))
    except DisclintError as exc:
        if _timed_out(ctx) and not isinstance(exc, LimitExceeded):  # a reader wrapped our timeout
            exc = LimitExceeded("limit.timeout", seconds=f"{ctx.timeout:g}")
        ctx.error(path, exc.message(ctx.lang))
    except MemoryError:
        ctx.error(path, t("cli.internal_error", ctx.lang, reason="MemoryError"))
    except RecursionError:
        ctx.error(path, t("cli.internal_error", ctx.lang, reason="RecursionError"))
    except Exception as exc:  # a bug must not stop the batch or print a traceback
        if _timed_out(ctx):  # the timeout surfaced as another exception (e.g. re-raised by a library)
            ctx.error(path, t("limit.timeout", ctx.lang, seconds=f"{ctx.timeout:g}"))
            return None
        if _Alarm.memory_fired and ctx.limits is not None:  # the memory budget, re-raised as something else
            ctx.error(path, t("limit.memory", ctx.lang, limit=f"{ctx.limits.max_memory_mb:g}"))
            return None
        if ctx.debug:
            traceback.print_exc()
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        ctx.error(path, t("cli.internal_error", ctx.lang, reason=reason))
    return None


def iter_documents(
    ctx: RunContext, paths: tuple[str, ...], limits: Limits, ahead: ReadAhead | None = None
) -> Iterator[Document]:
    """Read the files one by one. Each file's time budget (``--timeout``) starts when its reading
    starts and covers whatever the caller does with the document in ``guarded`` before asking
    for the next one.

    With ``ahead`` (:func:`start_reading`) the files are read in a forked process, the next one
    while the caller works on the current one; the time its read took counts against its budget."""
    ctx.limits = limits
    try:
        for k, path in enumerate(paths):
            _start_document(ctx)
            if ahead is not None and ahead.alive:
                doc = guarded(ctx, path, lambda p=path: ahead.take(p))
                if doc is not None and ctx.deadline is not None:  # the budget started with the read
                    ctx.deadline = time.monotonic() + ctx.timeout - ahead.last_read_s
                if k + 1 < len(paths):
                    ahead.request(paths[k + 1])
            else:
                doc = guarded(ctx, path, lambda p=path: read(p, limits))
            if doc is None:
                continue
            if path in ctx.names:  # standard input: the name given by --stdin-filename
                rename_document(doc, ctx.names[path])
            for note in doc.notes:
                params = dict(note.params)
                if note.page is not None:
                    params.setdefault("page", note.page)
                ctx.warn(path, t(note.code, ctx.lang, **params))
            yield doc
    finally:
        ctx.deadline = None
        if ahead is not None:
            ahead.stop()


def rename_document(doc: Document, name: str) -> None:
    """Show ``doc`` (read from a temporary copy of standard input) as ``name`` everywhere."""
    import dataclasses

    doc.source_path = doc.path  # type: ignore[attr-defined]  # where its bytes are (suppression comments)
    doc.path = name
    for block in doc.blocks:
        block.location = dataclasses.replace(block.location, file=name)


def start_reading(ctx: RunContext, paths: tuple[str, ...], limits: Limits) -> ReadAhead | None:
    """Start reading ``paths`` in a forked process (see :mod:`disclint.readers.readahead`).
    Call it before starting any thread, i.e. before ``nlp.preload()``."""
    return ReadAhead.start(paths, limits, ctx.timeout)


def timeout_option(lang: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--timeout SECONDS`` for commands that read documents through :func:`iter_documents`.
    The value goes straight to the :class:`RunContext` (the command function does not see it)."""

    def store(cctx: click.Context, param: click.Parameter, value: float) -> float:
        run = cctx.find_object(RunContext)
        if run is not None:
            run.timeout = value
        return value

    return click.option(
        "--timeout",
        type=click.FloatRange(0),
        default=DEFAULT_TIMEOUT,
        show_default=True,
        expose_value=False,
        callback=store,
        help=texts("help.cli", lang)["timeout"],
    )


def limit_options(lang: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    d, H = Limits(), texts("help.cli", lang)
    opts = [
        click.option(name, type=kind, default=default, show_default=True, help=H[key])
        for name, kind, default, key in (
            ("--max-pages", click.IntRange(1), d.max_pages, "max_pages"),
            ("--max-file-mb", click.FloatRange(0.001), d.max_file_mb, "max_file_mb"),
            ("--max-unzip-mb", click.FloatRange(0.001), d.max_uncompressed_mb, "max_unzip_mb"),
            ("--max-chars", click.IntRange(1), d.max_chars, "max_chars"),
            ("--max-memory-mb", click.FloatRange(0), d.max_memory_mb, "max_memory_mb"),
        )
    ]

    def deco(f: Callable[..., Any]) -> Callable[..., Any]:
        for opt in reversed(opts):
            f = opt(f)
        return f

    return deco


def make_limits(kw: dict[str, Any]) -> Limits:
    return Limits(
        max_file_mb=kw.pop("max_file_mb"),
        max_uncompressed_mb=kw.pop("max_unzip_mb"),
        max_pages=kw.pop("max_pages"),
        max_chars=kw.pop("max_chars"),
        max_memory_mb=kw.pop("max_memory_mb"),
    )
