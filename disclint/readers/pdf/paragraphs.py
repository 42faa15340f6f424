"""Paragraphs: whether a line goes on with the open paragraph, how lines are joined, and what a
finished paragraph is (a heading candidate, a list item or a paragraph)."""

from __future__ import annotations

from dataclasses import dataclass

from ...model.document import BlockKind
from .headings import BIG_FONT, HEADING_MAX_CHARS, Proto, heading_kind
from .layout import Line, LineStats
from .markers import LEADER_RE, LIST_BULLET_RE, MARKER_RE, NOTE_RE


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


def _marker_end(line: Line) -> float | None:
    """Where the text after a list marker starts on ``line`` (the x of a hanging indent)."""
    f = line.frags[0]
    m = MARKER_RE.match(f.text)
    if not m or m.end() >= len(f.text):
        return None
    return f.xs[m.end()]


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


@dataclass
class Para:
    """An open paragraph: its lines so far and where they start."""

    lines: list[Line]
    first_x0: float
    cont_x0: float | None = None
    text: str = ""
    hang_x: float | None = None  # x where the text after a list marker starts

    @classmethod
    def start(cls, line: Line) -> Para:
        p = cls([line], line.x0, text=line.frags[0].text.strip())
        p.hang_x = _marker_end(line)
        return p

    @property
    def left(self) -> float:
        """The left edge of the paragraph's text (its first line or its continuation lines)."""
        return min(self.first_x0, self.cont_x0 if self.cont_x0 is not None else self.first_x0)

    def append(self, line: Line) -> None:
        if len(self.lines) == 1 or self.cont_x0 is None:
            self.cont_x0 = line.x0
        self.lines.append(line)
        self.text = join_lines(self.text, line.frags[0].text.strip())

    def continued_by(self, b: Line, stats: LineStats, x0: float | None = None) -> bool:
        """Does line ``b`` (or its last fragment starting at ``x0``) continue this paragraph?"""
        a = self.lines[-1]
        bx0 = b.x0 if x0 is None else x0
        btext = b.frags[-1].text if x0 is not None else b.frags[0].text
        em = a.size
        if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
            return False
        if not stats.follows(a, b):
            return False
        atext = a.frags[-1].text.rstrip()
        if LEADER_RE.search(atext) or LEADER_RE.search(btext) or MARKER_RE.match(btext):
            return False
        # A line that stops short of the right edge ends its paragraph - unless it stops only
        # a little short without a full stop and the next line sits exactly where a
        # continuation line of this paragraph would (kinsoku, or a narrower note block).
        strict = a.full() or _word_pushed(a, b, btext)
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
        if self.cont_x0 is not None:
            return abs(rel - self.cont_x0) <= 0.5 * em
        if self.hang_x is not None and abs(rel - self.hang_x) <= 0.6 * em:
            return True  # hanging indent after a list marker
        if self.first_x0 - 0.5 * em <= rel <= self.first_x0 + 0.5 * em:
            return True  # no indentation at all (paragraphs separated by space)
        # a first-line indent of up to four characters
        return self.first_x0 - 4.5 * em <= rel < self.first_x0 - 0.5 * em

    def side_label(self, b: Line) -> bool:
        """Is ``b`` a short line in a column left of this unfinished paragraph (the name cell beside
        a person's profile): a block of its own that does not end the paragraph?"""
        a = self.lines[-1]
        em = a.size
        if b.page != a.page or b.col_key != a.col_key or b.x1 > self.left - em:
            return False
        if not a.full() or a.frags[-1].text.rstrip().endswith("。"):
            return False
        return -0.5 * em <= a.yc - b.yc <= 2.5 * em

    def proto(self, body_size: float) -> Proto | None:
        """The finished paragraph as a heading candidate, a list item or a paragraph."""
        text = self.text.strip()
        if not text:
            return None
        first = self.lines[0]
        heading = heading_kind(text)
        big = first.size >= 1.2 * body_size
        kind = BlockKind.PARAGRAPH
        if len(text) <= HEADING_MAX_CHARS and not text.endswith("。") and not LEADER_RE.search(text):
            if heading is not None and (len(self.lines) == 1 or big):
                return Proto(BlockKind.HEADING, text, first.page, heading=heading)
            if heading is None and big and len(self.lines) <= 2 and len(text) <= 40 and not NOTE_RE.match(text):
                return Proto(BlockKind.HEADING, text, first.page, heading=BIG_FONT)
        if LIST_BULLET_RE.match(text) or (
            MARKER_RE.match(text) and not NOTE_RE.match(text) and not text.startswith("【")
        ):
            kind = BlockKind.LIST_ITEM
        return Proto(kind, text, first.page)
