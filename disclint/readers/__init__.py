"""Readers: file -> :class:`~disclint.model.document.Document`.

One module per format, registered in :data:`disclint.registry.readers` (``@registry.readers.register(name,
extensions=..., sniff=..., priority=...)``; the registry names each built-in's module), with
the extensions it claims and a ``sniff(head: bytes, path) -> bool`` that recognises its
content. :func:`read` picks the reader by content first (a ``.txt`` that is really a PDF
is read as PDF) and falls back to the extension only for formats without a signature
(plain text, markdown). Readers raise :class:`~disclint.model.errors.InputError` for bad input.
"""

from __future__ import annotations

import dataclasses
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .. import registry
from ..model.document import Document
from ..model.errors import InputError, LimitExceeded
from ..registry import ReaderSpec

MEMORY_TICK = 0.25  # seconds between two looks at the resident memory while a file is worked on


@dataclass(frozen=True)
class Limits:
    """Resource limits for one input file (all configurable from the CLI/config)."""

    max_file_mb: float = 200.0
    max_uncompressed_mb: float = 500.0  # docx / zip members, summed
    max_pages: int = 2000
    max_chars: int = 20_000_000
    # resident memory of a process while it reads, analyses and renders one file (0: none). The
    # per-format caps (pages, characters, inflated bytes, spans, operators) stop known blow-ups;
    # this budget stops the rest, e.g. a 5 MB text of a million one-character paragraphs (2 GB).
    max_memory_mb: float = 1300.0

    def memory_error(self) -> LimitExceeded | None:
        """``LimitExceeded("limit.memory")`` when this process's resident memory is over
        ``max_memory_mb``; checked every :data:`MEMORY_TICK` seconds by the per-file time limit's
        ``SIGALRM`` (``lint``, ``extract``, ``map`` …, the reader process, the survey workers)."""
        if self.max_memory_mb <= 0:
            return None
        rss = resident_mb()
        if rss is None or rss <= self.max_memory_mb:
            return None
        return LimitExceeded("limit.memory", limit=f"{self.max_memory_mb:g}")


def resident_mb() -> float | None:
    """This process's resident memory in MB (``None`` where ``/proc`` cannot tell)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def readers() -> list[ReaderSpec]:
    """Every reader (:data:`disclint.registry.readers`), in the order they sniff."""
    return sorted(registry.readers.all().values(), key=lambda r: (r.priority, r.name))


HEAD_BYTES = 8192


def detect(path: Path, head: bytes) -> ReaderSpec:
    """Choose the reader for ``path`` whose first bytes are ``head``."""
    specs = readers()
    for spec in specs:
        if spec.sniff(head, path):
            return spec
    ext = path.suffix.lower()
    other = content_kind(head)
    if other is not None:  # a PNG renamed .pdf: say what it is, not "truncated PDF"
        claimed = next((s.name for s in specs if ext in s.extensions), None)
        if claimed is not None:
            raise InputError(
                "input.wrong_content",
                expected=_FORMAT_LABELS.get(claimed, claimed),
                actual_ja=other[0],
                actual_en=other[1],
            )
        raise InputError("input.unknown_format")
    for spec in specs:
        if ext in spec.extensions:
            return spec
    raise InputError("input.unknown_format")


_FORMAT_LABELS = {"pdf": "PDF", "docx": "docx", "xbrl": "XBRL", "html": "HTML", "text": "text", "markdown": "Markdown"}
# signatures of common files that are no document disclint reads (checked only when no reader
# recognised the content), named as a person would say it (ja, en)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", ("PNG 画像", "PNG image")),
    (b"\xff\xd8\xff", ("JPEG 画像", "JPEG image")),
    (b"GIF87a", ("GIF 画像", "GIF image")),
    (b"GIF89a", ("GIF 画像", "GIF image")),
    (b"II*\x00", ("TIFF 画像", "TIFF image")),
    (b"MM\x00*", ("TIFF 画像", "TIFF image")),
    (b"7z\xbc\xaf\x27\x1c", ("7-Zip 書庫", "7-Zip archive")),
    (b"Rar!\x1a\x07", ("RAR 書庫", "RAR archive")),
    (b"\x7fELF", ("実行ファイル", "executable program")),
)


def content_kind(head: bytes) -> tuple[str, str] | None:
    """What a file is when no reader recognised it, as (ja, en) labels ("PNG 画像", "PNG image")
    or None. Containers some reader handles itself (zip, OLE .doc) are left to that reader."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ("WebP 画像", "WebP image")
    for magic, label in _MAGIC:
        if head.startswith(magic):
            return label
    return None


def check_file(path: Path, limits: Limits) -> bytes:
    """Common checks before any reader runs; returns the first bytes of the file."""
    try:
        st = path.stat()  # never blocks, unlike open() on a FIFO
    except FileNotFoundError:
        raise InputError("input.not_found") from None
    except ValueError:  # NUL in the path
        raise InputError("input.not_found") from None
    except OSError as exc:
        raise InputError("input.not_readable", reason=exc.strerror or type(exc).__name__) from exc
    if stat.S_ISDIR(st.st_mode):
        raise InputError("input.is_directory")
    if not stat.S_ISREG(st.st_mode):  # /dev/zero, a FIFO, a socket: what may be read is a regular file
        raise InputError("input.not_regular")
    try:
        size = st.st_size
        if size == 0:
            raise InputError("input.empty")
        if size > limits.max_file_mb * 1024 * 1024:
            raise LimitExceeded("limit.file_size", limit_mb=limits.max_file_mb)
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError as exc:
        raise InputError("input.not_readable", reason=exc.strerror or type(exc).__name__) from exc


def read(path: str | os.PathLike[str], limits: Limits | None = None) -> Document:
    """Read one file into a Document, or raise InputError with a user-facing cause."""
    limits = limits or Limits()
    p = Path(path)
    head = check_file(p, limits)
    spec = detect(p, head)
    doc = spec.read(p, limits)
    if doc.char_count > limits.max_chars:
        raise LimitExceeded("limit.chars", limit=limits.max_chars)
    scrub_surrogates(doc)
    return doc


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> str:
    """``text`` with every lone UTF-16 surrogate replaced by U+FFFD (a no-op on clean text)."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def scrub_surrogates(doc: Document) -> Document:
    """Replace lone UTF-16 surrogates (broken PDF ToUnicode maps, ``\\ud800`` escapes in JSON)
    by U+FFFD in block texts, metadata and note parameters: such a string cannot be encoded,
    so printing or saving it would fail far from the reader (found by fuzzing)."""
    sub = _LONE_SURROGATE.sub
    for block in doc.blocks:
        if _LONE_SURROGATE.search(block.text):
            block.text = sub("\ufffd", block.text)
            block.__dict__.pop("norm", None)  # cached normalised view of the old text
        section = block.location.section
        if any(_LONE_SURROGATE.search(h) for h in section):
            block.location = dataclasses.replace(block.location, section=tuple(sub("\ufffd", h) for h in section))
    for key, value in list(doc.metadata.items()):
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            doc.metadata[key] = sub("\ufffd", value)
    for note in doc.notes:
        params = getattr(note, "params", None)
        if isinstance(params, dict):
            for key, value in list(params.items()):
                if isinstance(value, str) and _LONE_SURROGATE.search(value):
                    params[key] = sub("\ufffd", value)
    return doc
