"""Safe output: never overwrite an input, never leave a half-written file.

Every command that writes a file (``lint -o``, ``--write-baseline``, the annotated docx, the HTML
report, survey exports …) should

1. call :func:`check_output_path` with the output and all inputs before doing any work: an
   output that *is* an input — the same path, a symlink to it, a hard link to it, or a path
   through a symlinked directory — is refused with ``output.same_as_input``;
2. write through :func:`atomic_write_bytes` / :func:`atomic_write_text` (or
   :func:`atomic_writer` for writers that want a file object, e.g. ``Document.save(fh)``): the
   data goes to a temporary file in the same directory, is flushed and ``fsync``-ed, and only
   then renamed over the target with :func:`os.replace` (atomic on POSIX and Windows). If the
   writer raises — an exception, Ctrl-C, a full disk — the target is untouched (the old file,
   or nothing) and the temporary file is removed.

Replacing a symlink output replaces the link itself, never the file it points to.

:data:`OUTPUT_ERRORS` names a codec error handler for text output: file names that are not
valid UTF-8 arrive as ``surrogateescape`` strings and are written back as their original
bytes; any other unencodable character is written as a ``\\uXXXX`` escape instead of failing.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .i18n import Reason
from .model.errors import DisclintError

__all__ = [
    "OUTPUT_ERRORS",
    "OutputError",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "check_output_path",
    "check_output_target",
    "read_input_bytes",
    "regular_input",
    "same_file",
    "terminal_safe",
]


class OutputError(DisclintError):
    """An output path is unsafe (it is an input) or cannot be written."""


# --- output encoding ---------------------------------------------------------------------------

OUTPUT_ERRORS = "disclint.output"


def _output_error_handler(exc: UnicodeError) -> tuple[str | bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    if all(0xDC80 <= ord(c) <= 0xDCFF for c in chunk):  # surrogateescape: the original bytes
        return bytes(ord(c) - 0xDC00 for c in chunk), exc.end
    return "".join(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in chunk), exc.end


codecs.register_error(OUTPUT_ERRORS, _output_error_handler)


# --- refusing to overwrite an input ------------------------------------------------------------


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True if ``a`` and ``b`` name the same file: same resolved path, or (both existing) the
    same device and inode, which also catches hard links and symlinks."""
    pa, pb = Path(a), Path(b)
    try:
        if os.path.samefile(pa, pb):
            return True
    except OSError:  # one of them does not exist (yet), or cannot be stat'ed
        pass
    try:
        return pa.resolve() == pb.resolve()
    except (OSError, RuntimeError):  # symlink loop
        return False


def check_output_target(out: str | os.PathLike[str]) -> None:
    """What may be written: a regular file or nothing. A character device (``/dev/null``), a
    FIFO, a socket or a directory is refused with ``output.not_regular`` — replacing it with a
    regular file would destroy it (as root, the real ``/dev/null``). A symlink is judged by what
    it points to (a dangling one is fine: the link itself is replaced)."""
    try:
        st = os.stat(out)
    except FileNotFoundError:
        return
    except OSError:  # dangling link, loop, permission: the writer reports what goes wrong
        return
    if not stat.S_ISREG(st.st_mode):
        raise OutputError("output.not_regular", path=os.fspath(out))


def check_output_path(out: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None]) -> None:
    """The one check before writing ``out``: refuse a target that is not a regular file or
    absent (:func:`check_output_target`) and any file the run reads — documents, ``--config``,
    ``--baseline``, ``--profile`` … (``output.same_as_input``; ``None`` entries are skipped)."""
    check_output_target(out)
    inputs = [i for i in inputs if i]
    for inp in inputs:
        if same_file(out, inp):
            raise OutputError("output.same_as_input", path=os.fspath(out))
    # A dangling symlink as output would create its target: refuse if that target is an input.
    p = Path(out)
    if p.is_symlink():
        try:
            target = Path(os.readlink(p))
        except OSError:
            return
        if not target.is_absolute():
            target = p.parent / target
        for inp in inputs:
            if same_file(target, inp):
                raise OutputError("output.same_as_input", path=os.fspath(out))


# --- atomic writes -------------------------------------------------------------------------------


def _new_file_mode(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)  # keep the mode of the file we replace
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(
    path: str | os.PathLike[str],
    mode: str = "wb",
    encoding: str | None = None,
    errors: str | None = None,
    newline: str | None = None,
) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on a clean exit it replaces ``path`` atomically.

    ``mode`` is ``"wb"`` or ``"w"`` (text; ``encoding`` defaults to UTF-8). On any exception
    (including KeyboardInterrupt) nothing is renamed and the temporary file is deleted.
    """
    if mode not in ("w", "wb"):
        raise ValueError("atomic_writer mode must be 'w' or 'wb'")
    check_output_target(path)  # never replace a device, a FIFO or a directory, whoever calls
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    fh = None
    try:
        if mode == "w":
            fh = os.fdopen(fd, "w", encoding=encoding or "utf-8", errors=errors, newline=newline)
        else:
            fh = os.fdopen(fd, "wb")
        yield fh
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()
        os.chmod(tmp, _new_file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        if fh is not None:
            with contextlib.suppress(Exception):
                fh.close()
        else:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable (best effort: not every platform can open a directory)."""
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file in the same directory, fsync, os.replace)."""
    with atomic_writer(path, "wb") as fh:
        fh.write(data)


def atomic_write_text(
    path: str | os.PathLike[str], text: str, encoding: str = "utf-8", errors: str = OUTPUT_ERRORS
) -> None:
    """Write ``text`` atomically; unencodable characters never make the write fail half-way
    (see :data:`OUTPUT_ERRORS`), and the encoding happens before the file is created."""
    atomic_write_bytes(path, text.encode(encoding, errors))


# --- what may be read ----------------------------------------------------------------------------


def regular_input(
    file: str | os.PathLike[str], error: type[DisclintError], code: str, **params: object
) -> os.stat_result:
    """What may be read: a regular file. A FIFO would block ``open()`` forever, ``/dev/zero``
    never ends, a directory cannot be read. Raises ``error(code, reason=…, **params)``; the stat
    is cheap and never blocks. Returns the ``stat`` (for the size check before reading)."""
    try:
        st = os.stat(file)
    except FileNotFoundError:
        raise error(code, reason=Reason("reason.not_found"), **params) from None
    except (OSError, ValueError) as exc:  # ValueError: NUL in the path
        raise error(code, reason=getattr(exc, "strerror", None) or type(exc).__name__, **params) from None
    if stat.S_ISDIR(st.st_mode):
        raise error(code, reason=Reason("reason.is_directory"), **params)
    if not stat.S_ISREG(st.st_mode):
        raise error(code, reason=Reason("reason.not_regular"), **params)
    return st


def read_input_bytes(
    file: str | os.PathLike[str], max_bytes: int, error: type[DisclintError], code: str, **params: object
) -> bytes:
    """Read a small input (config, baseline, profile, manifest) after :func:`regular_input`,
    opened with ``O_NONBLOCK`` (a file swapped for a FIFO meanwhile cannot block) and never more
    than ``max_bytes`` (``reason="larger than N MB"``)."""
    regular_input(file, error, code, **params)
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:
        raise error(code, reason=getattr(exc, "strerror", None) or type(exc).__name__, **params) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise error(code, reason=Reason("reason.not_regular"), **params)
        if st.st_size > max_bytes:
            raise error(code, reason=f"larger than {max_bytes // (1024 * 1024) or 1} MB", **params)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise error(code, reason=exc.strerror or type(exc).__name__, **params) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise error(code, reason=f"larger than {max_bytes // (1024 * 1024) or 1} MB", **params)
    return data


# --- terminal output -------------------------------------------------------------------------------

# C0 and C1 controls and DEL, except TAB; plus the bidi overrides that reorder what a terminal shows
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TERMINAL_UNSAFE_NL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    return {"\n": "\\n", "\r": "\\r"}.get(c) or (f"\\x{ord(c):02x}" if ord(c) <= 0xFF else f"\\u{ord(c):04x}")


def terminal_safe(text: str, keep_newlines: bool = False) -> str:
    """``text`` with control characters (ESC of an OSC/CSI sequence, CR, NUL, C1 …) and bidi
    overrides written as visible escapes (``\\x1b``), so document text or a file name cannot
    move the cursor, set the title or forge a line of the one-line-per-file error format."""
    pattern = _TERMINAL_UNSAFE_NL if keep_newlines else _TERMINAL_UNSAFE
    return pattern.sub(_escape, text) if pattern.search(text) else text
