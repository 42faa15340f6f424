"""Lines into block candidates: each line, in reading order, goes on with the open paragraph or
table row, or closes it and opens the next (paragraphs.py and tables.py say which)."""

from __future__ import annotations

from ...model.document import BlockKind
from .headings import Proto
from .layout import Line, LineStats
from .paragraphs import Para
from .tables import TableRow


class Assembler:
    """Turns the lines of a document, fed in reading order, into block candidates."""

    def __init__(self, stats: LineStats) -> None:
        self.stats = stats
        self.out: list[Proto] = []
        self.para: Para | None = None
        self.trow: TableRow | None = None
        self.table_no = 0
        self.row_no = 0
        self.last_kind_table_page: int | None = None

    def feed(self, line: Line) -> None:
        if len(line.frags) > 1:
            self._feed_row(line)
            return
        t = self.trow
        if t is not None:
            cell = t.cell_continued_by(line, self.stats)
            if cell is not None:
                t.continue_cell(cell, line)
                return
            if t.label_in_first_cell(line):
                t.add_label(line)
                return
        self._close_row()
        p = self.para
        if p is not None and p.continued_by(line, self.stats):
            p.append(line)
            return
        if p is not None and p.side_label(line):
            self.out.append(Proto(BlockKind.PARAGRAPH, line.frags[0].text.strip(), line.page))
            return
        self._close_para()
        self.para = Para.start(line)

    def _feed_row(self, line: Line) -> None:
        # a label to the left of a paragraph that goes on in the last cell
        p = self.para
        if p is not None and self.trow is None:
            last = line.frags[-1]
            others = line.frags[:-1]
            if all(f.x1 < p.left - 0.5 * line.size for f in others) and p.continued_by(line, self.stats, x0=last.x0):
                label = " ".join(f.text.strip() for f in others)
                self.out.append(Proto(BlockKind.PARAGRAPH, label, line.page))
                single = Line(
                    line.page,
                    [last],
                    last.size,
                    line.col_x0,
                    line.col_x1,
                    line.col_key,
                    line.flow_start,
                    line.col_lines,
                )
                p.append(single)
                return
        self._close_para()
        self._close_row()
        if self.last_kind_table_page != line.page or not self.out or self.out[-1].kind is not BlockKind.TABLE_CELL:
            self.table_no += 1
            self.row_no = 0
        self.row_no += 1
        self.trow = TableRow.start(line, self.table_no, self.row_no)
        self.last_kind_table_page = line.page

    def _close_row(self) -> None:
        if self.trow is not None:
            proto = self.trow.proto()
            if proto is not None:
                self.out.append(proto)
            self.trow = None

    def _close_para(self) -> None:
        if self.para is not None:
            proto = self.para.proto(self.stats.body_size)
            if proto is not None:
                self.out.append(proto)
            self.para = None

    def finish(self) -> list[Proto]:
        self._close_row()
        self._close_para()
        return self.out
