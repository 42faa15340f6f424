"""``disclint diff`` on two real consecutive filings (TIS FY2017 / FY2018 XBRL, ../shared/realdocs).

Checks what the issue asks of the real pair: the risk item added between the years (投資), the
items renumbered after it, and paragraphs found unchanged; prints the counts and the time.

    .venv/bin/python benchmarks/check_diff_tis.py     # exit 1 if an expectation fails
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from _shared import SHARED  # ../shared, also from a git worktree

ROOT = Path(__file__).resolve().parents[1]
REAL = SHARED / "realdocs" / "xbrl"


def main() -> int:
    old, new = REAL / "TIS_FY2017_xbrl2018.xbrl", REAL / "TIS_FY2018_xbrl2019.xbrl"
    if not old.exists():
        print(f"skipped: {REAL} is absent (the real filings are not part of the project)")
        return 0
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "disclint", "diff", "--format", "json", str(old), str(new)],
                       capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - t0
    data = json.loads(r.stdout)
    heads = data["headings"]
    added = [h["new"] for h in heads if h["kind"] == "added" and "事業等のリスク" in " ".join(h["parent"])]
    renumbered = [(h["old"], h["new"]) for h in heads if h["kind"] == "renumbered" and "事業等のリスク" in " ".join(h["parent"])]
    print(f"{seconds:.1f} s; counts {data['counts']}")
    print("risk items added:", added)
    print("risk items renumbered:", renumbered)
    ok = any("投資" in a for a in added) and len(renumbered) >= 6 and data["counts"]["unchanged"] > 100
    print("ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
