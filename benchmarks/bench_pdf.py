"""Benchmark and real-data check of the PDF reader.

Run from the repository root: ``.venv/bin/python benchmarks/bench_pdf.py [--compare]``.

Uses ``../shared/realdocs/pdf`` (relative to the repository) when it exists; the documents
there are third-party files and stay outside the repository. Without them the script says so
and exits 0.

- Reads the 117-page TIS 有価証券報告書 five times and prints the median and best wall time
  and pages/s (``--compare`` also times pdfplumber's plain ``extract_text`` on it, the
  alternative main path, for the record).
- Checks: the paragraph under ``(6) 情報セキュリティについて`` is ONE paragraph block on page 18
  that contains ``システム技術情報`` (no break, no space) and has that heading in its section;
  no running header or page number is left in, or glued into, any block. The running
  header/footer lines are found independently of the reader, from PDFium's raw page text
  (a line at the top or bottom of a page that repeats, digits aside, on most pages).
- Reads every other PDF of the folder and prints what it gives (blocks, notes, or the one-line
  error a user would see) - it must not crash.

Exits with status 1 when a check fails or a reader crashes.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import traceback
import unicodedata
from collections import Counter
from pathlib import Path

from _shared import SHARED  # ../shared, also from a git worktree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from disclint.model.document import BlockKind, Document  # noqa: E402
from disclint.model.errors import InputError  # noqa: E402
from disclint.readers import Limits  # noqa: E402
from disclint.readers.pdf import read_pdf  # noqa: E402

PDF_DIR = SHARED / "realdocs" / "pdf"
TIS = PDF_DIR / "TIS_yuho_FY2017_test_example_1.pdf"
HEADING = "(6) 情報セキュリティについて"
PAGE_NUMBER = re.compile(r"^[-‐–—−－]?\s*\d{1,4}\s*[-‐–—−－]?$|^[(（]\d{1,4}[)）]$")
GLUED_PAGE_NUMBER = re.compile(r"(?:^|\D)[-‐–—−－]\s*\d{1,4}\s*[-‐–—−－](?:\D|$)")


def timed(path: Path, repeat: int) -> tuple[Document, list[float]]:
    times = []
    doc = None
    for _ in range(repeat):
        start = time.perf_counter()
        doc = read_pdf(path, Limits())
        times.append(time.perf_counter() - start)
    assert doc is not None
    return doc, times


def raw_running_lines(path: Path) -> tuple[set[str], int]:
    """Running header/footer lines of the file according to PDFium's plain text (no layout)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    edges: list[list[str]] = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            lines = [ln.strip() for ln in textpage.get_text_range().splitlines() if ln.strip()]
            edges.append(lines[:2] + lines[-2:])
            textpage.close()
            page.close()
    finally:
        pdf.close()
    key = lambda s: re.sub(r"\d+", "#", unicodedata.normalize("NFKC", s)).replace(" ", "")  # noqa: E731
    counts = Counter(k for page in edges for k in {key(s) for s in page})
    running = {s for page in edges for s in page if counts[key(s)] >= 0.5 * len(edges) and not PAGE_NUMBER.match(s)}
    return running, len(edges)


def check_tis(doc: Document, running: set[str]) -> list[str]:
    failures: list[str] = []
    hits = [b for b in doc.blocks if "システム技術情報" in b.text]
    if len(hits) != 1:
        failures.append(f"expected ONE block containing システム技術情報, got {len(hits)}")
    for b in hits:
        if b.location.page != 18:
            failures.append(f"the システム技術情報 block is on page {b.location.page}, not 18")
        if b.kind is not BlockKind.PARAGRAPH:
            failures.append(f"the システム技術情報 block is a {b.kind.value}, not a paragraph")
        if not b.location.section or b.location.section[-1] != HEADING:
            failures.append(f"its section is {b.location.section}, not ending with {HEADING}")
        if not (b.text.startswith("当社グループでは、システム開発から") and b.text.endswith("影響を及ぼす可能性があります。")):
            failures.append("the (6) paragraph is split or cut: " + b.text[:30] + "…" + b.text[-20:])
        if re.search(r"\s", b.text):
            failures.append("the (6) paragraph contains white space: " + repr(b.text))
    under = [b for b in doc.blocks if b.location.section[-1:] == (HEADING,) and b.kind is not BlockKind.HEADING]
    if len(under) != 1:
        failures.append(f"expected exactly one block under {HEADING}, got {len(under)}")
    heads = [b for b in doc.blocks if b.text == HEADING]
    if len(heads) != 1 or heads[0].kind is not BlockKind.HEADING:
        failures.append(f"{HEADING} is not one heading block: {[(b.kind.value, b.location.page) for b in heads]}")
    # running headers / footers / page numbers
    for b in doc.blocks:
        for line in running:
            if line in b.text:
                failures.append(f"p.{b.location.page}: running header/footer {line!r} in block {b.text[:60]!r}")
        if PAGE_NUMBER.match(b.text.strip()) and "-" in b.text:
            failures.append(f"p.{b.location.page}: page number left as a block: {b.text!r}")
        elif b.kind is not BlockKind.TABLE_CELL and GLUED_PAGE_NUMBER.search(b.text):
            failures.append(f"p.{b.location.page}: page number glued into {b.text[:80]!r}")
    return failures


def summary(doc: Document, n: int = 4) -> str:
    kinds = Counter(b.kind.value for b in doc.blocks)
    lines = [f"  {len(doc.blocks)} blocks {dict(kinds)}; metadata {doc.metadata}"]
    for note in doc.notes:
        lines.append(f"  note {note.code} p.{note.page} {note.params or ''}".rstrip())
    for b in doc.blocks[:n]:
        text = b.text if len(b.text) <= 70 else b.text[:70] + "…"
        lines.append(f"  [{b.kind.value}{b.level or ''}] p.{b.location.page}: {text}")
    if len(doc.blocks) > n:
        lines.append(f"  … ({len(doc.blocks) - n} more)")
    return "\n".join(lines)


def compare_pdfplumber(path: Path) -> None:
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(str(path)) as pdf:
        n = len(pdf.pages)
        for page in pdf.pages:
            page.extract_text()
            page.close()
    dt = time.perf_counter() - start
    print(f"pdfplumber extract_text only: {dt:.2f} s, {n / dt:.0f} pages/s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--compare", action="store_true", help="also time pdfplumber on the TIS file")
    ap.add_argument("--show", type=int, default=4, help="blocks to print per edge-case file")
    args = ap.parse_args()
    if not TIS.is_file():
        print(f"skipped: {TIS} not found (the real documents live outside the repository)")
        return 0
    failures: list[str] = []

    doc, times = timed(TIS, args.repeat)
    pages = doc.metadata["pages"]
    med = statistics.median(times)
    print(f"{TIS.name}: {pages} pages, {len(doc.blocks)} blocks, {doc.char_count} characters")
    print(f"  read_pdf x{args.repeat}: median {med:.3f} s ({pages / med:.0f} pages/s), best {min(times):.3f} s")
    if med >= 2.0:
        failures.append(f"TIS: median {med:.2f} s is not under 2 s")
    running, _ = raw_running_lines(TIS)
    print(f"  running header/footer lines found in the raw text: {sorted(running)}")
    tis_failures = check_tis(doc, running)
    for f in tis_failures:
        print(f"  VIOLATION {f}")
    failures += [f"TIS: {f}" for f in tis_failures]
    block = next((b for b in doc.blocks if "システム技術情報" in b.text), None)
    if block is not None:
        print(f"  (6) block p.{block.location.page} § {' > '.join(block.location.section)}")
        print(f"    {block.text}")
    print(summary(doc, 0))
    if args.compare:
        compare_pdfplumber(TIS)

    for path in sorted(PDF_DIR.glob("*.pdf")):
        if path == TIS:
            continue
        print(f"\n{path.name}:")
        try:
            start = time.perf_counter()
            other = read_pdf(path, Limits())
            print(f"  {time.perf_counter() - start:.3f} s")
            print(summary(other, args.show))
        except InputError as exc:
            print(f"  disclint: {path.name}: {exc.message('ja')}  [{exc.code}]")
        except Exception:  # a crash is a failure, whatever the file
            traceback.print_exc()
            failures.append(f"{path.name}: crashed")

    print()
    if failures:
        print(f"FAILED ({len(failures)}):")
        for f in failures:
            print(f"  {f}")
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
