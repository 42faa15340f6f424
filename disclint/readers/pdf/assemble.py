"""Lines into blocks: paragraphs joined across lines, columns and pages; table rows and their wrapped
cells; heading candidates."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ...document import BlockKind
from .headings import BIG_FONT, HEADING_MAX_CHARS, Proto, heading_kind
from .layout import Line
from .markers import LEADER_RE, LIST_BULLET_RE, MARKER_RE, NOTE_RE

_FULL_TOL_EM = 1.2  # a line ending this close to its column's right edge is "full"


def _is_word_end(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in ",.;:!?)%")


def _is_word_start(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in "(\"'")


def join_lines(a: str, b: str) -> str:
    """Join two lines of one paragraph: no space, except between two Latin words."""
    if not a:
        return b
    if not b:
        return a
    if _is_word_end(a[-1]) and _is_word_start(b[0]) and not (a[-1].isdigit() and b[0].isdigit()):
        if a[-1] == "-" or a.endswith(" "):
            return a + b
        return a + " " + b
    return a + b


@dataclass
class _Para:
    lines: list[Line]
    first_x0: float
    cont_x0: float | None = None
    text: str = ""
    hang_x: float | None = None  # x where the text after a list marker starts


@dataclass
class _TableRow:
    line: Line  # the last physical line that went into this row
    cells: list[str]
    x0s: list[float]  # left edge of every cell
    x1s: list[float]  # right edge of the last line of every cell
    last_full: bool  # the last cell's last line reached the right edge of the column
    table: int
    row: int


class Assembler:
    """Turns the lines of a document, fed in reading order, into block candidates."""

    def __init__(self, body_size: float, pitches: dict[float, float]) -> None:
        self.body_size = body_size
        self.pitches = pitches
        self.out: list[Proto] = []
        self.para: _Para | None = None
        self.trow: _TableRow | None = None
        self.table_no = 0
        self.row_no = 0
        self.last_kind_table_page: int | None = None

    # -- helpers
    def _full(self, line: Line, x1: float | None = None) -> bool:
        """Does the line run up to the right edge of its column (or of its table cell)?"""
        em = line.size
        x1 = line.x1 if x1 is None else x1
        right = line.col_x1
        if x1 is line.x1 or x1 == line.x1:
            # text in a cell of a borderless table ends at the cell's edge, not the column's
            key = round(line.x0)
            for k in (key, key - 1, key + 1):
                edge = line.cell_edges.get(k)
                if edge is not None:
                    if edge < right - 2 * em and edge - line.x0 >= 8 * em:
                        right = edge
                    break
        return x1 >= right - _FULL_TOL_EM * em and (x1 - line.col_x0) >= 8 * em

    def _pitch_ok(self, a: Line, b: Line) -> bool:
        if b.col_key != a.col_key or b.page != a.page:
            return b.flow_start
        pitch = a.yc - b.yc
        if pitch <= 0.4 * a.size:
            return False
        typical = self.pitches.get(round(a.size * 2) / 2)
        limit = 1.8 * a.size
        if typical:
            limit = min(max(limit, 1.3 * typical), 3.5 * a.size)
        return pitch <= limit

    @staticmethod
    def _marker_end(line: Line) -> float | None:
        f = line.frags[0]
        m = MARKER_RE.match(f.text)
        if not m or m.end() >= len(f.text):
            return None
        return f.xs[m.end()]

    # -- main
    def feed(self, line: Line) -> None:
        if len(line.frags) > 1:
            self._feed_row(line)
            return
        frag = line.frags[0]
        cell = self._continues_cell(line) if self.trow is not None else None
        if cell is not None:
            t = self.trow
            t.cells[cell] = join_lines(t.cells[cell], frag.text.strip())
            t.x1s[cell] = line.x1
            if cell == len(t.cells) - 1:
                t.last_full = self._cell_full(line, line.x0, line.x1)
            t.line = line
            return
        if self.trow is not None and self._row_label(line):
            t = self.trow
            t.cells[0] = join_lines(t.cells[0], frag.text.strip())
            return
        self._close_row()
        if self.para is not None and self._continues(self.para, line):
            self._append(self.para, line)
            return
        if self.para is not None and self._side_label(self.para, line):
            self.out.append(Proto(BlockKind.PARAGRAPH, frag.text.strip(), line.page))
            return
        self._close_para()
        self._start_para(line)

    def _side_label(self, p: _Para, b: Line) -> bool:
        """A short line in a column left of an unfinished paragraph (the name cell beside a
        person's profile): a block of its own that does not end the paragraph."""
        a = p.lines[-1]
        em = a.size
        left = min(p.first_x0, p.cont_x0 if p.cont_x0 is not None else p.first_x0)
        if b.page != a.page or b.col_key != a.col_key or b.x1 > left - em:
            return False
        if not self._full(a) or a.frags[-1].text.rstrip().endswith("。"):
            return False
        return -0.5 * em <= a.yc - b.yc <= 2.5 * em

    def _start_para(self, line: Line) -> None:
        p = _Para([line], line.x0, text=line.frags[0].text.strip())
        p.hang_x = self._marker_end(line)
        self.para = p

    def _append(self, p: _Para, line: Line) -> None:
        if len(p.lines) == 1 or p.cont_x0 is None:
            p.cont_x0 = line.x0
        p.lines.append(line)
        p.text = join_lines(p.text, line.frags[0].text.strip())

    def _continues(self, p: _Para, b: Line, x0: float | None = None) -> bool:
        """Does line ``b`` (or its last fragment starting at ``x0``) continue paragraph ``p``?"""
        a = p.lines[-1]
        bx0 = b.x0 if x0 is None else x0
        btext = b.frags[-1].text if x0 is not None else b.frags[0].text
        em = a.size
        if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
            return False
        if not self._pitch_ok(a, b):
            return False
        atext = a.frags[-1].text.rstrip()
        if LEADER_RE.search(atext) or LEADER_RE.search(btext) or MARKER_RE.match(btext):
            return False
        # A line that stops short of the right edge ends its paragraph - unless it stops only
        # a little short without a full stop and the next line sits exactly where a
        # continuation line of this paragraph would (kinsoku, or a narrower note block).
        strict = self._full(a) or self._word_pushed(a, b, btext)
        if not strict:
            near = a.x1 >= a.col_x1 - 3.5 * em and (a.x1 - a.col_x0) >= 8 * em
            if not near or atext.endswith(("。", "．", ".")):
                return False
        if b.col_key != a.col_key:
            # across a column or page break only a line that surely goes on continues
            if not strict or a.col_lines < 2 or atext.endswith(("。", "．", ".", "！", "？", "!", "?")):
                return False
        # compare positions relative to the column when the flow moved to another column
        # (the same column on the next page has the same coordinates)
        shift = 0.0
        if b.col_key != a.col_key and b.col_key[3] != a.col_key[3]:
            shift = b.col_start - a.col_start
        rel = bx0 - shift
        if p.cont_x0 is not None:
            return abs(rel - p.cont_x0) <= 0.5 * em
        if p.hang_x is not None and abs(rel - p.hang_x) <= 0.6 * em:
            return True  # hanging indent after a list marker
        if p.first_x0 - 0.5 * em <= rel <= p.first_x0 + 0.5 * em:
            return True  # no indentation at all (paragraphs separated by space)
        # a first-line indent of up to four characters
        return p.first_x0 - 4.5 * em <= rel < p.first_x0 - 0.5 * em

    @staticmethod
    def _word_pushed(a: Line, b: Line, btext: str) -> bool:
        """``a`` stops short only because the Latin word that starts ``b`` did not fit."""
        if not btext or not btext[0].isascii() or not btext[0].isalnum() or b.col_key != a.col_key:
            return False
        if a.x1 - a.col_x0 < 8 * a.size:
            return False  # a short line is not a line of running text
        f = b.frags[-1] if btext is b.frags[-1].text else b.frags[0]
        end = 0
        while end < len(f.text) and f.text[end].isascii() and not f.text[end].isspace():
            end += 1
        word = (f.xs[end] if end < len(f.xs) else f.x1) - f.xs[0]
        return a.x1 + 0.25 * a.size + word > a.col_x1 - 0.5 * a.size

    def _cell_full(self, line: Line, x0: float, x1: float) -> bool:
        """Did a cell's text starting at ``x0`` run up to the cell's right edge at ``x1``?"""
        em = line.size
        edge = None
        for key in (round(x0), round(x0) - 1, round(x0) + 1):
            if key in line.cell_edges:
                edge = line.cell_edges[key]
                break
        if edge is None:
            return self._full(line, x1) and (x1 - x0) >= 8 * em
        return x1 >= edge - _FULL_TOL_EM * em and edge - x0 >= 6 * em

    def _row_label(self, b: Line) -> bool:
        """A wrapped or centred label in the first cell beside a last cell that goes on."""
        t = self.trow
        a = t.line
        em = b.size
        if len(t.cells) < 2 or b.page != a.page or b.col_key != a.col_key or not t.last_full:
            return False
        if b.x1 > t.x0s[1] - em or b.x0 < t.x0s[0] - 4 * em:
            return False
        return -0.5 * em <= a.yc - b.yc <= 2.5 * em

    def _continues_cell(self, b: Line) -> int | None:
        """Index of the cell of the open table row that line ``b`` continues (wrapped cell text)."""
        t = self.trow
        a = t.line
        em = b.size
        if b.page != a.page or b.col_key != a.col_key or not self._pitch_ok(a, b):
            return None
        if MARKER_RE.match(b.frags[0].text):
            return None
        last = len(t.cells) - 1
        for k, x0 in enumerate(t.x0s):
            if abs(b.x0 - x0) > 0.6 * em:
                continue
            if k == last:
                return k if t.last_full else None
            nxt = t.x0s[k + 1]
            if b.x1 <= nxt - 0.3 * em and t.x1s[k] >= nxt - 3 * em and not t.cells[k].endswith("。"):
                return k
            return None
        return None

    def _feed_row(self, line: Line) -> None:
        # a label to the left of a paragraph that goes on in the last cell
        p = self.para
        if p is not None and self.trow is None:
            last = line.frags[-1]
            others = line.frags[:-1]
            left_limit = min(p.first_x0, p.cont_x0 if p.cont_x0 is not None else p.first_x0)
            if all(f.x1 < left_limit - 0.5 * line.size for f in others) and self._continues(p, line, x0=last.x0):
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
                self._append(p, single)
                return
        self._close_para()
        self._close_row()
        if self.last_kind_table_page != line.page or not self.out or self.out[-1].kind is not BlockKind.TABLE_CELL:
            self.table_no += 1
            self.row_no = 0
        self.row_no += 1
        last = line.frags[-1]
        self.trow = _TableRow(
            line=line,
            cells=[f.text.strip() for f in line.frags],
            x0s=[f.x0 for f in line.frags],
            x1s=[f.x1 for f in line.frags],
            last_full=self._cell_full(line, last.x0, last.x1),
            table=self.table_no,
            row=self.row_no,
        )
        self.last_kind_table_page = line.page

    def _close_row(self) -> None:
        t = self.trow
        if t is None:
            return
        text = " | ".join(c for c in t.cells if c)
        if text:
            self.out.append(Proto(BlockKind.TABLE_CELL, text, t.line.page, table=t.table, row=t.row))
        self.trow = None

    def _close_para(self) -> None:
        p = self.para
        if p is None:
            return
        self.para = None
        text = p.text.strip()
        if not text:
            return
        first = p.lines[0]
        heading = heading_kind(text)
        big = first.size >= 1.2 * self.body_size
        kind = BlockKind.PARAGRAPH
        if len(text) <= HEADING_MAX_CHARS and not text.endswith("。") and not LEADER_RE.search(text):
            if heading is not None and (len(p.lines) == 1 or big):
                self.out.append(Proto(BlockKind.HEADING, text, first.page, heading=heading))
                return
            if heading is None and big and len(p.lines) <= 2 and len(text) <= 40 and not NOTE_RE.match(text):
                self.out.append(Proto(BlockKind.HEADING, text, first.page, heading=BIG_FONT))
                return
        if LIST_BULLET_RE.match(text) or (
            MARKER_RE.match(text) and not NOTE_RE.match(text) and not text.startswith("【")
        ):
            kind = BlockKind.LIST_ITEM
        self.out.append(Proto(kind, text, first.page))

    def finish(self) -> list[Proto]:
        self._close_row()
        self._close_para()
        return self.out


def doc_stats(lines: list[Line]) -> tuple[float, dict[float, float]]:
    sizes: Counter[float] = Counter()
    for ln in lines:
        for f in ln.frags:
            sizes[round(f.size * 2) / 2] += len(f.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    pitch_counts: dict[float, Counter[float]] = defaultdict(Counter)
    for a, b in zip(lines, lines[1:], strict=False):
        if a.col_key != b.col_key or len(a.frags) != 1 or len(b.frags) != 1:
            continue
        if abs(a.size - b.size) > 0.1 * a.size:
            continue
        pitch = a.yc - b.yc
        if 0.8 * a.size <= pitch <= 3.0 * a.size:
            pitch_counts[round(a.size * 2) / 2][round(pitch * 2) / 2] += 1
    pitches = {s: c.most_common(1)[0][0] for s, c in pitch_counts.items() if c}
    return body, pitches
