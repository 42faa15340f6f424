"""Read input files in a forked process, one file ahead of the caller.

Why: reading is Python and PDFium (≈ 1.2 s for a 117-page 有報 PDF), and so are importing spaCy
and loading GiNZA (≈ 2.3 s). In two threads of one process they take turns on the GIL, so
``disclint lint FILE`` waited for both, one after the other. A reader process forked before the
model is loaded runs them on two cores; in a batch, file N+1 is read while file N is mapped.
The parent loads the model in its main thread meanwhile (not in a thread: handing the GIL back
to a thread that waits on the pipe cost ≈ 0.6 s while the other thread imported spaCy).

Protocol: the parent sends ``(path, limits, timeout)``; the child answers ``("ok", document,
seconds)`` or ``("error", exception, seconds)`` with the same :class:`~disclint.model.errors.DisclintError`
an inline read would raise (unexpected exceptions become ``cli.internal_error`` with the same
reason text). Only one request is outstanding at a time.

Limits: the child enforces ``--timeout`` and the memory budget on its read with its own ``SIGALRM``; the parent stops
waiting (and kills the child) when it has not answered by then plus a grace period, for code
stuck in C. A child that dies (crash, out-of-memory kill) is that file's error; later files are
read in the parent (forking again from a process with threads is not safe).
``fork`` exists on POSIX only; elsewhere, in a process that already runs other threads, or with
``DISCLINT_READ_AHEAD=0``, files are read inline.
"""

from __future__ import annotations

import copy
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model.document import Document
from ..model.errors import DisclintError, LimitExceeded
from . import MEMORY_TICK, Limits, read

GRACE_S = 3.0


def _child(conn: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and closes the pipe
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        path, limits, timeout = request
        t0 = time.monotonic()
        doc: Any = None
        try:
            memory = limits.max_memory_mb > 0
            if timeout or memory:
                signal.signal(signal.SIGALRM, _alarm(timeout, limits, t0))
                signal.siginterrupt(signal.SIGALRM, False)  # a tick restarts the system call it interrupts
                # the memory budget is looked at every tick; the timeout again if the first is swallowed
                signal.setitimer(
                    signal.ITIMER_REAL,
                    min(timeout or MEMORY_TICK, MEMORY_TICK) if memory else timeout,
                    MEMORY_TICK if memory else 0.5,
                )
            try:
                doc = read(path, limits)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            answer: tuple[Any, ...] = ("ok", doc, time.monotonic() - t0)
        except DisclintError as exc:
            answer = ("error", exc, time.monotonic() - t0)
        except BaseException as exc:  # noqa: BLE001 - reported like an inline read's bug
            reason = (
                exc.__class__.__name__
                if isinstance(exc, (MemoryError, RecursionError))
                else f"{type(exc).__name__}: {exc}"
            )
            answer = (
                "error",
                DisclintError("cli.internal_error", reason=reason.splitlines()[0][:200] if reason else ""),
                time.monotonic() - t0,
            )
        try:
            _send(conn, answer)
        except Exception as exc:  # noqa: BLE001 - e.g. a document that cannot be pickled
            conn.send(
                (
                    "error",
                    DisclintError("cli.internal_error", reason=f"{type(exc).__name__}: {exc}"[:200]),
                    time.monotonic() - t0,
                )
            )
        del answer  # sent: neither it nor the document is held (a million blocks: 1 GB) while waiting
        doc = None


BLOCKS_PER_MESSAGE = 20_000


def _send(conn: Any, answer: tuple[Any, ...]) -> None:
    """A document's blocks go in messages of :data:`BLOCKS_PER_MESSAGE`, then the rest of it: the
    parent unpickles each in one call into C, where no time or memory limit can interrupt it (a
    million-paragraph text took 5 s and 250 MB past the memory budget in one ``recv``)."""
    kind, doc, seconds = answer
    if kind == "ok" and len(doc.blocks) > BLOCKS_PER_MESSAGE:
        blocks = doc.blocks
        for start in range(0, len(blocks), BLOCKS_PER_MESSAGE):
            conn.send(("blocks", blocks[start : start + BLOCKS_PER_MESSAGE], 0.0))
        doc = copy.copy(doc)
        doc.blocks = []
    conn.send((kind, doc, seconds))


def _alarm(timeout: float | None, limits: Limits, t0: float):
    def handler(signum: int, frame: Any) -> None:
        if timeout and time.monotonic() - t0 >= timeout:
            raise LimitExceeded("limit.timeout", seconds=f"{timeout:g}")
        exc = limits.memory_error()
        if exc is not None:
            raise exc

    return handler


def enabled() -> bool:
    return os.environ.get("DISCLINT_READ_AHEAD", "1") != "0" and "fork" in multiprocessing.get_all_start_methods()


class ReadAhead:
    """A reader process serving :meth:`take` requests for ``paths`` in order."""

    def __init__(self, paths: Sequence[str], limits: Limits, timeout: float | None) -> None:
        self.paths = list(paths)
        self.limits = limits
        self.timeout = timeout if timeout and timeout > 0 else None
        ctx = multiprocessing.get_context("fork")
        self._conn, child_conn = ctx.Pipe(duplex=True)
        self._proc = ctx.Process(target=_child, args=(child_conn,), name="disclint-reader", daemon=True)
        self._proc.start()
        child_conn.close()
        self._pending: tuple[str, float] | None = None
        self.alive = True
        self.last_read_s = 0.0

    @classmethod
    def start(cls, paths: Sequence[str], limits: Limits, timeout: float | None) -> ReadAhead | None:
        """Fork the reader and ask it for the first file; ``None`` where that is not possible.
        Call this before any thread is started (the GiNZA preload thread included)."""
        if not paths or not enabled() or threading.active_count() > 1:
            return None  # forking a process that has other threads can inherit a held lock
        try:
            ahead = cls(paths, limits, timeout)
        except OSError:
            return None
        ahead.request(paths[0])
        return ahead

    def first_is_plausible(self) -> bool:
        """Does the first file pass the cheap checks (exists, size, a known format)? Callers
        load GiNZA in the main thread while the reader works only then: a thread would take
        turns with it on the GIL, and a typo in a path should not cost a model load."""
        from . import check_file, detect

        path = Path(self.paths[0])
        try:
            detect(path, check_file(path, self.limits))
        except DisclintError:
            return False
        return True

    def request(self, path: str) -> None:
        if not self.alive or self._pending is not None:
            return
        try:
            self._conn.send((path, self.limits, self.timeout))
        except OSError:
            self.close()
            return
        self._pending = (path, time.monotonic())

    def take(self, path: str) -> Document:
        """The document for ``path`` (requested now if it was not), or its error."""
        if self._pending is None or self._pending[0] != path:
            if self._pending is not None:  # out of order: the caller skipped ahead
                self.close()
                return read(path, self.limits)
            self.request(path)
            if not self.alive:
                return read(path, self.limits)
        assert self._pending is not None
        _, sent = self._pending
        try:
            blocks: list[Any] = []
            while True:  # a big document comes in parts (see _send)
                wait = None if self.timeout is None else max(0.0, sent + self.timeout + GRACE_S - time.monotonic())
                if not self._conn.poll(wait):
                    self.close()
                    raise LimitExceeded("limit.timeout", seconds=f"{self.timeout:g}")
                kind, payload, seconds = self._conn.recv()
                if kind != "blocks":
                    break
                blocks.extend(payload)
        except (EOFError, OSError):
            self._proc.join(timeout=2)  # the pipe closes before the process is reaped
            code = self._proc.exitcode
            self.close()
            why = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            raise DisclintError("input.reader_died", reason=why) from None
        except BaseException:  # our own timeout alarm, Ctrl-C: the child's answer would be stale
            self.close()
            raise
        self._pending = None
        self.last_read_s = seconds
        if kind == "ok":
            if blocks:
                payload.blocks = blocks
            return payload
        raise payload

    def close(self) -> None:
        if not self.alive:
            return
        self.alive = False
        self._pending = None
        try:
            if self._proc.is_alive():
                self._proc.kill()
            self._proc.join(timeout=5)
        finally:
            self._conn.close()

    def stop(self) -> None:
        """End the reader at the end of a run (politely, then firmly)."""
        if not self.alive:
            return
        try:
            if self._pending is None:
                self._conn.send(None)
                self._proc.join(timeout=2)
        except OSError:
            pass
        self.close()
