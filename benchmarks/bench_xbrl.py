"""Benchmark and real-data check of the XBRL reader.

Run from the repository root: ``.venv/bin/python benchmarks/bench_xbrl.py``.

Uses ``../shared/realdocs`` (relative to the repository) when it exists; the documents there are
third-party filings and stay outside the repository. Prints the time, block count and section
titles per file and exits with status 1 when a check fails (0 when the data is absent).

Checks:
- TIS FY2017 XBRL: in 事業等のリスク, the paragraph under ``(6) 情報セキュリティについて`` is ONE
  block that contains システム技術情報, and its Location.section includes that heading;
- each canonical JSON dump has a 事業等のリスク section with its information-security risk
  item as a heading (JT ⑮, Komatsu (4), MOL （２）).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from _shared import SHARED  # ../shared, also from a git worktree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from disclint.model.document import BlockKind, Document  # noqa: E402
from disclint.readers import Limits  # noqa: E402
from disclint.readers.xbrl import read_xbrl, sniff_xbrl  # noqa: E402

REALDOCS = SHARED / "realdocs"
TIS = REALDOCS / "xbrl" / "TIS_FY2017_xbrl2018.xbrl"
RISKS = "事業等のリスク"
SECURITY_HEADINGS = {
    "E00492-S100VH9B.canonical.json.gz": "⑮ 情報セキュリティについて",
    "E01532-S100VXAI.canonical.json.gz": "(4) 情報セキュリティ",
    "E04236-S100W1NC.canonical.json.gz": "（２）サイバーセキュリティリスク",
}


def timed_read(path: Path, repeat: int) -> tuple[Document, float]:
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not sniff_xbrl(head, path):
        raise SystemExit(f"FAIL {path.name}: not detected as XBRL")
    best = float("inf")
    doc = None
    for _ in range(repeat):
        start = time.perf_counter()
        doc = read_xbrl(path, Limits())
        best = min(best, time.perf_counter() - start)
    assert doc is not None
    return doc, best


def section_titles(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind == BlockKind.HEADING and b.level == 1]


def check_tis(doc: Document) -> list[str]:
    failures: list[str] = []
    heading = "(6) 情報セキュリティについて"
    in_risks = [b for b in doc.blocks if b.location.section[:1] == (RISKS,)]
    if not in_risks:
        return [f"TIS: no section {RISKS}"]
    hits = [b for b in in_risks if "システム技術情報" in b.text]
    if len(hits) != 1:
        failures.append(f"TIS: expected one block with システム技術情報 in {RISKS}, got {len(hits)}")
    for b in hits:
        if b.kind != BlockKind.PARAGRAPH:
            failures.append(f"TIS: システム技術情報 block is a {b.kind.value}, not a paragraph")
        if heading not in b.location.section:
            failures.append(f"TIS: section of the システム技術情報 block is {b.location.section}, missing {heading}")
        if "コンピュータウィルス" not in b.text or not b.text.endswith("可能性があります。"):
            failures.append("TIS: the (6) paragraph is split or cut: " + b.text[:40] + "…" + b.text[-20:])
    under = [b for b in in_risks if heading in b.location.section and b.kind != BlockKind.HEADING]
    if len(under) != 1:
        failures.append(f"TIS: expected exactly one block under {heading}, got {len(under)}")
    return failures


def check_canonical(name: str, doc: Document) -> list[str]:
    expected = SECURITY_HEADINGS.get(name)
    if expected is None:
        return []
    risks = [b for b in doc.blocks if b.location.section[:1] == (RISKS,)]
    if not risks:
        return [f"{name}: no section {RISKS}"]
    if not any(b.kind == BlockKind.HEADING and b.text == expected for b in risks):
        return [f"{name}: no heading {expected!r} in {RISKS}"]
    body = [b for b in risks if expected in b.location.section and b.kind == BlockKind.PARAGRAPH]
    if not body:
        return [f"{name}: no paragraph under {expected!r}"]
    return []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="reads per file; the best time is shown")
    ap.add_argument("--titles", action="store_true", help="print every section title (default: first 12)")
    args = ap.parse_args(argv)
    if not REALDOCS.is_dir():
        print(f"skip: {REALDOCS} not found")
        return 0
    files = [TIS] + sorted((REALDOCS / "edinet").glob("*.canonical.json.gz"))
    failures: list[str] = []
    total = 0.0
    for path in files:
        if not path.is_file():
            failures.append(f"missing {path}")
            continue
        doc, seconds = timed_read(path, max(1, args.repeat))
        total += seconds
        titles = section_titles(doc)
        meta = doc.metadata
        print(
            f"{path.name}: {seconds * 1000:7.1f} ms  {len(doc.blocks):6d} blocks  {len(titles):4d} sections  "
            f"{doc.char_count:8d} chars  {meta.get('company', '?')} FY{meta.get('fiscal_year_end', '?')}"
        )
        shown = titles if args.titles else titles[:12]
        print("    " + " / ".join(shown) + ("" if args.titles or len(titles) <= 12 else f" / … (+{len(titles) - 12})"))
        for note in doc.notes:
            print(f"    note: {note.code} {note.params}")
        failures += check_tis(doc) if path == TIS else check_canonical(path.name, doc)
    print(f"total {total * 1000:.1f} ms for {len(files)} files")
    for failure in failures:
        print("FAIL " + failure)
    if failures:
        return 1
    print("OK all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
