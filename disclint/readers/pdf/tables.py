"""Table rows: a line of several fragments is a row; a following line may continue one of its cells
(wrapped cell text) or be a label wrapped or centred in its first cell."""

from __future__ import annotations

from dataclasses import dataclass

from ...model.document import BlockKind
from .headings import Proto
from .layout import Line, LineStats
from .markers import MARKER_RE
from .paragraphs import join_lines


@dataclass
class TableRow:
    """An open table row: its cells so far and where they are."""

    line: Line  # the last physical line that went into this row
    cells: list[str]
    x0s: list[float]  # left edge of every cell
    x1s: list[float]  # right edge of the last line of every cell
    last_full: bool  # the last cell's last line reached the right edge of the column
    table: int
    row: int

    @classmethod
    def start(cls, line: Line, table: int, row: int) -> TableRow:
        last = line.frags[-1]
        return cls(
            line=line,
            cells=[f.text.strip() for f in line.frags],
            x0s=[f.x0 for f in line.frags],
            x1s=[f.x1 for f in line.frags],
            last_full=line.cell_full(last.x0, last.x1),
            table=table,
            row=row,
        )

    def cell_continued_by(self, b: Line, stats: LineStats) -> int | None:
        """Index of the cell that line ``b`` continues (wrapped cell text), or None."""
        a = self.line
        em = b.size
        if b.page != a.page or b.col_key != a.col_key or not stats.follows(a, b):
            return None
        if MARKER_RE.match(b.frags[0].text):
            return None
        last = len(self.cells) - 1
        for k, x0 in enumerate(self.x0s):
            if abs(b.x0 - x0) > 0.6 * em:
                continue
            if k == last:
                return k if self.last_full else None
            nxt = self.x0s[k + 1]
            if b.x1 <= nxt - 0.3 * em and self.x1s[k] >= nxt - 3 * em and not self.cells[k].endswith("。"):
                return k
            return None
        return None

    def continue_cell(self, k: int, b: Line) -> None:
        self.cells[k] = join_lines(self.cells[k], b.frags[0].text.strip())
        self.x1s[k] = b.x1
        if k == len(self.cells) - 1:
            self.last_full = b.cell_full(b.x0, b.x1)
        self.line = b

    def label_in_first_cell(self, b: Line) -> bool:
        """Is ``b`` a wrapped or centred label in the first cell, beside a last cell that goes on?"""
        a = self.line
        em = b.size
        if len(self.cells) < 2 or b.page != a.page or b.col_key != a.col_key or not self.last_full:
            return False
        if b.x1 > self.x0s[1] - em or b.x0 < self.x0s[0] - 4 * em:
            return False
        return -0.5 * em <= a.yc - b.yc <= 2.5 * em

    def add_label(self, b: Line) -> None:
        self.cells[0] = join_lines(self.cells[0], b.frags[0].text.strip())

    def proto(self) -> Proto | None:
        """The row as one TABLE_CELL block, cells joined with `` | `` (None when it is empty)."""
        text = " | ".join(c for c in self.cells if c)
        if not text:
            return None
        return Proto(BlockKind.TABLE_CELL, text, self.line.page, table=self.table, row=self.row)
