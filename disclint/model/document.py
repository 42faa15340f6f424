"""The Document model: what every reader produces and every later stage consumes.

A Document is an ordered list of Blocks. Each Block keeps the text exactly as the
reader found it (``text``), a normalised view for matching (``norm``) with an offset
map back to ``text``, and a Location a person can use to find it again.

Readers never leak into later stages: reporters only see Blocks and Locations.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..i18n import lookup, t
from ..text.normalize import NormalizedText, normalize


class BlockKind(str, enum.Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    CAPTION = "caption"


@dataclass(frozen=True)
class Location:
    """Where a block sits in its source, in terms a person can follow.

    Only the fields that make sense for the source format are set:
    PDF -> ``page``; docx -> ``paragraph`` (1-based body order) and ``part``;
    text/markdown -> ``line``; HTML -> ``paragraph`` (1-based order of the blocks
    outside tables) and ``section``; XBRL -> ``paragraph`` within its text block and ``section``. ``section`` is the heading
    path (outermost first) for every format that has headings.
    """

    file: str
    page: int | None = None
    paragraph: int | None = None
    line: int | None = None
    section: tuple[str, ...] = ()
    table: int | None = None
    row: int | None = None
    column: int | None = None
    part: str | None = None  # body, textbox, footnote, header, footer, comment

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        for name in ("page", "paragraph", "line", "table", "row", "column", "part"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.section:
            out["section"] = list(self.section)
        return out

    def short(self, lang: str = "ja") -> str:
        """A compact human label: ``p.18``, ``¶12``, ``L3``, plus table cell if any."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.paragraph is not None:
            parts.append(f"¶{self.paragraph}")
        if self.line is not None:
            parts.append(f"L{self.line}")
        if self.table is not None:
            cell = t("location.table", lang, n=self.table)
            if self.row is not None and self.column is not None:
                cell += f"[{self.row},{self.column}]"
            parts.append(cell)
        if self.part and self.part != "body":
            parts.append(lookup(f"location.part.{self.part}", lang, self.part))
        return " ".join(parts)


@dataclass
class Block:
    kind: BlockKind
    text: str
    location: Location
    level: int | None = None  # heading level (1 = top); None for non-headings

    @cached_property
    def norm(self) -> NormalizedText:
        return normalize(self.text)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind.value,
            "text": self.text,
            "location": self.location.to_dict(),
        }
        if self.level is not None:
            out["level"] = self.level
        return out


@dataclass
class ReaderNote:
    """Something the reader noticed that the user should know (not fatal).

    ``code`` is a message key of :mod:`disclint.i18n`; ``params`` fill it.
    Examples: a PDF page with no text layer, a page of ``(cid:NNN)`` garbage.
    """

    code: str
    page: int | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code}
        if self.page is not None:
            out["page"] = self.page
        if self.params:
            out["params"] = dict(self.params)
        return out


@dataclass
class Document:
    path: str
    format: str  # "pdf", "docx", "text", "markdown", "html", "xbrl"
    blocks: list[Block]
    metadata: dict[str, Any] = field(default_factory=dict)  # title, date, company, pages ...
    notes: list[ReaderNote] = field(default_factory=list)

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    def __len__(self) -> int:
        return len(self.blocks)

    @property
    def char_count(self) -> int:
        return sum(len(b.text) for b in self.blocks)
