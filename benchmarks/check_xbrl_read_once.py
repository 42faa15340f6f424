"""Each text read once in XBRL / EDINET filings (issue: nested text blocks were read twice).

EDINET nests text blocks (役員の状況 holds 社外役員の状況 …) and each is also a fact of its own;
the reader keeps every paragraph once. This check reads the real filings of ``../shared/realdocs``
and counts paragraphs over 60 characters that appear in two different text-block sections
(text read twice: must be 0) and, separately, repeats inside one section (the filing itself
repeats them, e.g. the same footnote under every stock-option plan: kept, as in the document).

    .venv/bin/python benchmarks/check_xbrl_read_once.py      # exit 1 if any text is read twice
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from _shared import SHARED  # ../shared, also from a git worktree

ROOT = Path(__file__).resolve().parents[1]
REAL = SHARED / "realdocs"
FILES = ["edinet/E00492-S100VH9B.canonical.json.gz", "edinet/E01532-S100VXAI.canonical.json.gz",
         "edinet/E04236-S100W1NC.canonical.json.gz", "xbrl/TIS_FY2017_xbrl2018.xbrl", "xbrl/TIS_FY2018_xbrl2019.xbrl"]


def main() -> int:
    if not REAL.is_dir():
        print(f"skipped: {REAL} is absent (the real filings are not part of the project)")
        return 0
    from disclint.readers import Limits, read

    bad = 0
    for name in FILES:
        doc = read(REAL / name, Limits())
        where: dict[str, set[str]] = defaultdict(set)
        count: dict[str, int] = defaultdict(int)
        for b in doc.blocks:
            key = "".join(b.text.split())
            if len(key) > 60 and b.kind.value != "heading":
                where[key].add(b.location.section[0] if b.location.section else "")
                count[key] += 1
        long_blocks = sum(count.values())
        twice = sum(count[k] - 1 for k, s in where.items() if len(s) > 1)
        inside = sum(count[k] - 1 for k, s in where.items() if len(s) == 1)
        bad += twice
        print(f"{name:45} paragraphs>60: {long_blocks:5}  read twice (across sections): {twice:3}  "
              f"repeated inside one section (as filed): {inside:3}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
