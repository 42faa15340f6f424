"""Our labelled corpus (``corpus/passages/*.jsonl``) and its fixed train/dev/test split.

The split is a stable function of the passage id (SHA-1), so adding passages never moves
existing ones between splits: 70 % train, 15 % dev, 15 % test.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..resources import data_dir


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    cyber: bool
    directives: tuple[int, ...]
    style: str = ""
    hard_negative: bool = False

    @property
    def split(self) -> str:
        return split_of(self.id)


def split_of(pid: str) -> str:
    bucket = int(hashlib.sha1(pid.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def load_passages(directory: Path | None = None) -> list[Passage]:
    base = directory or data_dir("corpus") / "passages"
    out: list[Passage] = []
    for path in sorted(base.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                out.append(
                    Passage(
                        id=row["id"],
                        text=row["text"],
                        cyber=bool(row["cyber"]),
                        directives=tuple(sorted(int(d) for d in row.get("directives", []))),
                        style=row.get("style", ""),
                        hard_negative=bool(row.get("hard_negative", False)),
                    )
                )
    return out
