"""Where ``../shared`` (real documents and the labelled development set) is, for every benchmark.

``$DISCLINT_SHARED`` when set, else ``shared/`` beside the repository, else one level further up
(a git worktree under ``<root>/wt/<name>``). Benchmarks that need it say so and skip when it is
absent; tests never use it.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def find_shared() -> Path:
    cands = [Path(os.environ["DISCLINT_SHARED"])] if os.environ.get("DISCLINT_SHARED") else []
    cands += [REPO.parent / "shared", REPO.parent.parent / "shared"]
    return next((c for c in cands if (c / "realdocs").is_dir()), cands[0])


SHARED = find_shared()
