"""Our labelled corpus (``corpus/passages/*.jsonl``) and its fixed train/dev/test split.

The split is a stable function of the passage id (SHA-1), so adding passages never moves
existing ones between splits: 70 % train, 15 % dev, 15 % test.

A passage may carry ``context``: the section headings it sits under in its document (outermost
first). The mapper sees them as it sees a real document's headings (``" ".join`` of the path).
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
    context: tuple[str, ...] = ()
    genre: str = ""  # optional short id of the kind of document (incident_notice, ir_policy, …)

    @property
    def group(self) -> str:
        """The unit of leave-one-out cross-validation: the genre, else ``style:<style>``."""
        return self.genre or f"style:{self.style or 'none'}"

    @property
    def split(self) -> str:
        return split_of(self.id)

    @property
    def context_text(self) -> str:
        return context_text(self.context)


def context_text(value: object) -> str:
    """Headings as the mapper's context string: a list is joined like a section path, a
    string is taken as it is."""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value if v)
    return "" if value is None else str(value)


def split_of(pid: str) -> str:
    bucket = int(hashlib.sha1(pid.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def load_passages(directory: Path | None = None, extra: list[Path] | tuple[Path, ...] = ()) -> list[Passage]:
    """Every ``*.jsonl`` file of ``directory`` (default ``corpus/passages``), in name order, then
    the ``extra`` files or directories (experiments only: ``make model`` reads the corpus alone)."""
    base = directory or data_dir("corpus") / "passages"
    paths = sorted(base.glob("*.jsonl"))
    for e in extra:
        e = Path(e)
        paths.extend(sorted(e.glob("*.jsonl")) if e.is_dir() else [e])
    out: list[Passage] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for _n, line in enumerate(fh, 1):
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
                        context=tuple(str(c) for c in row.get("context") or ()),
                        genre=str(row.get("genre") or ""),
                    )
                )
    return out
