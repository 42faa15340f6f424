"""Findings: what checks produce and reporters consume.

A finding points at a span of one block's *original* text (``start``/``end`` are offsets
into ``Block.text``), or at the whole document (``block_index is None``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from .document import Location


class Level(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


FAIL_LEVELS = ("error", "warning", "info", "none")


def level_at_least(level: Level, threshold: str) -> bool:
    if threshold == "none":
        return False
    return level.rank >= Level(threshold).rank


@dataclass
class Finding:
    rule: str  # rule id, e.g. "truthfulness.absolute-claim"
    level: Level
    message: str  # already localised
    location: Location
    block_index: int | None = None
    start: int | None = None
    end: int | None = None
    excerpt: str = ""  # the original text of the span
    quality: str | None = None
    hint: str = ""  # how to fix, localised
    data: dict[str, Any] = field(default_factory=dict)
    # text formats: the real position in the source file (1-based; end column after the last
    # character), set by disclint.sourcetext when the excerpt is found there
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    # the rule's fix for this span of the block text: {"replacement": str, "applicability": "safe" | "review"}
    fix: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "level": self.level.value,
            "message": self.message,
            "location": self.location.to_dict(),
        }
        for name in ("quality", "block_index", "start", "end", "column", "end_line", "end_column"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.excerpt:
            out["excerpt"] = self.excerpt
        if self.hint:
            out["hint"] = self.hint
        if self.data:
            out["data"] = self.data
        if self.fix:
            out["fix"] = self.fix
        return out
