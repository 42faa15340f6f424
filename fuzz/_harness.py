"""Shared body of the per-reader atheris harnesses (``fuzz/fuzz_<reader>.py``).

Each input is written to a file (readers take a path) and given to one reader directly,
after every reader's ``sniff`` has looked at its head. The document that comes back goes
through the reader-independent stages that cost little (normalisation with its offset map,
sentence and SudachiPy chunk spans), so a bad block is caught here and not in ``lint``.

``InputError`` (and its subclass ``LimitExceeded``) is the documented way to reject a file:
fine. Anything else, including ``MemoryError`` and ``RecursionError``, is a crash, and so is a
document whose text cannot be encoded as UTF-8 (it could be neither printed nor saved).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Small limits keep executions fast; the limits themselves are tested in tests/test_hostile.py.
FUZZ_LIMITS = dict(max_file_mb=8.0, max_uncompressed_mb=32.0, max_pages=30, max_chars=1_000_000)


def main(reader: str, suffix: str) -> None:
    try:
        import atheris
    except ImportError:  # pragma: no cover - depends on the machine
        sys.exit("atheris is not installed: pip install -e '.[fuzz]'  (see docs/hardening.md)")

    with atheris.instrument_imports(include=["disclint"]):
        from disclint.model.errors import InputError
        from disclint.readers import Limits, readers, scrub_surrogates
        from disclint.text.segment import SUDACHI_MAX_BYTES, chunk_spans, sentence_spans

        specs = readers()  # imports the reader modules inside the instrumented block
    by_name = {s.name: s for s in specs}
    limits = Limits(**FUZZ_LIMITS)
    workdir = Path(tempfile.mkdtemp(prefix=f"disclint-fuzz-{reader}-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    targets = [(by_name[reader], workdir / f"input{suffix}")]
    if reader == "text":  # the same bytes through the Markdown reader too
        targets.append((by_name["markdown"], workdir / "input.md"))

    def check_document(doc) -> None:
        scrub_surrogates(doc)  # what readers.read() does after every reader
        for key, value in doc.metadata.items():
            str(value).encode("utf-8")
        for block in doc.blocks:
            block.text.encode("utf-8")  # printable and writable (no lone surrogates)
            for heading in block.location.section:
                heading.encode("utf-8")
            norm = block.norm
            if norm.text:
                s, e = norm.to_original(0, len(norm.text))
                assert 0 <= s <= e <= len(block.text)
            sentence_spans(block.text)
            for s, e in chunk_spans(block.text):
                assert len(block.text[s:e].encode("utf-8")) <= SUDACHI_MAX_BYTES

    def one_input(data: bytes) -> None:
        for spec, path in targets:
            path.write_bytes(data)
            head = data[:8192]
            for s in specs:
                s.sniff(head, path)
            try:
                doc = spec.read(path, limits)
            except InputError:
                continue
            check_document(doc)

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
