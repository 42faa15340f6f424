"""Checks on the raw file before PDFium sees it: Flate bombs and streams of millions of text operators."""

from __future__ import annotations

import re
from pathlib import Path

from ...model.errors import InputError, LimitExceeded
from .. import Limits

# Streams PDFium would inflate and parse when it loads a page: a 3 MB Flate bomb content stream
# reached 4.2 GB and 70 KB holding 3 M text operators 5.9 GB. Checked on the raw file before PDFium
# sees it; image streams are skipped (PDFium decodes images only to render them).
MAX_TEXT_OPERATORS_PER_STREAM = 200_000  # a dense page has a few thousand
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_STEP = 1 << 20


def check_streams(path: Path, limits: Limits) -> None:
    """Inflate every FlateDecode stream that is not an image, 1 MB at a time, never keeping
    more than a megabyte: the sum must stay under ``--max-unzip-mb`` and no stream may hold more
    than :data:`MAX_TEXT_OPERATORS_PER_STREAM` text-showing operators (``Tj``, ``TJ``)."""
    import mmap
    import zlib

    limit = int(limits.max_uncompressed_mb * 1024 * 1024)
    total = 0
    try:
        fh = path.open("rb")
    except OSError:
        return  # open_pdf reports it
    with fh:
        try:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            return
        with mm:
            for m in _STREAM_START.finditer(mm):
                head = mm[max(0, m.start() - 2048) : m.start()]
                cut = head.rfind(b"obj")
                head = head[cut:] if cut >= 0 else head
                if b"FlateDecode" not in head or b"/Image" in head:
                    continue
                end = mm.find(b"endstream", m.end())
                end = len(mm) if end < 0 else end
                inflater = zlib.decompressobj()
                pos, ops, tail = m.end(), 0, b""
                try:
                    while pos < end and not inflater.eof:
                        data = inflater.decompress(mm[pos : min(end, pos + _STEP)], _STEP)
                        pos += _STEP
                        while True:
                            total += len(data)
                            if total > limit:
                                raise InputError("input.zip_bomb", limit_mb=int(limits.max_uncompressed_mb))
                            window = tail + data
                            ops += window.count(b"Tj") + window.count(b"TJ") - tail.count(b"Tj") - tail.count(b"TJ")
                            if ops > MAX_TEXT_OPERATORS_PER_STREAM:
                                raise LimitExceeded("limit.pdf_operators", limit=f"{MAX_TEXT_OPERATORS_PER_STREAM:,}")
                            tail = window[-1:]
                            if not inflater.unconsumed_tail:
                                break
                            data = inflater.decompress(inflater.unconsumed_tail, _STEP)
                except zlib.error:
                    continue  # a broken stream: PDFium decides what it makes of it
