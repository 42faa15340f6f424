"""Page layout: the lines of a page in reading order, each with its column's edges."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .columns import order_rows
from .rows import Frag, Row

_FULL_TOL_EM = 1.2  # a line ending this close to its column's right edge is "full"


@dataclass(slots=True)
class Line:
    page: int
    frags: list[Frag]
    size: float
    col_x0: float = 0.0
    col_x1: float = 0.0
    col_key: tuple[Any, ...] = ()  # (page, direction group, segment, column path)
    flow_start: bool = False  # first line of its column on this page
    col_lines: int = 1  # lines in its column segment (the right edge is a guess below 2)
    col_start: float = 0.0  # where most lines of its column segment start
    cell_edges: dict[int, float] = field(default_factory=dict)  # right edge of text starting at x

    @property
    def x0(self) -> float:
        return self.frags[0].x0

    @property
    def x1(self) -> float:
        return self.frags[-1].x1

    @property
    def y0(self) -> float:
        return min(f.y0 for f in self.frags)

    @property
    def y1(self) -> float:
        return max(f.y1 for f in self.frags)

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def text(self) -> str:
        return self.frags[0].text if len(self.frags) == 1 else " | ".join(f.text for f in self.frags)

    def full(self, x1: float | None = None) -> bool:
        """Does the line (or its text up to ``x1``) run up to the right edge of its column, or of
        its table cell?"""
        em = self.size
        x1 = self.x1 if x1 is None else x1
        right = self.col_x1
        if x1 is self.x1 or x1 == self.x1:
            # text in a cell of a borderless table ends at the cell's edge, not the column's
            key = round(self.x0)
            for k in (key, key - 1, key + 1):
                edge = self.cell_edges.get(k)
                if edge is not None:
                    if edge < right - 2 * em and edge - self.x0 >= 8 * em:
                        right = edge
                    break
        return x1 >= right - _FULL_TOL_EM * em and (x1 - self.col_x0) >= 8 * em

    def cell_full(self, x0: float, x1: float) -> bool:
        """Did a cell's text starting at ``x0`` run up to the cell's right edge at ``x1``?"""
        em = self.size
        edge = None
        for key in (round(x0), round(x0) - 1, round(x0) + 1):
            if key in self.cell_edges:
                edge = self.cell_edges[key]
                break
        if edge is None:
            return self.full(x1) and (x1 - x0) >= 8 * em
        return x1 >= edge - _FULL_TOL_EM * em and edge - x0 >= 6 * em


@dataclass
class Page:
    number: int
    height: float  # in the display frame
    groups: list[list[Row]] = field(default_factory=list)  # groups[0] = upright horizontal text
    directions: list[int] = field(default_factory=list)  # writing direction of each group
    lines: list[Line] = field(default_factory=list)
    columns: int = 1


def layout_page(page: Page) -> None:
    lines: list[Line] = []
    for gi, rows in enumerate(page.groups):
        if not rows:
            continue
        direction = page.directions[gi] if gi < len(page.directions) else 0
        ordered = order_rows(rows, flush=(direction == 0))
        cols = {tuple(k for k in path if k < 9) for _, path in ordered if 9 not in path}
        if len(cols) > 1:
            page.columns = max(page.columns, len(cols))
        # column bounds per column path (and contiguous band)
        segs: list[list[tuple[list[Frag], tuple[int, ...]]]] = []
        for frags, path in ordered:
            if segs and segs[-1][0][1] == path:
                segs[-1].append((frags, path))
            else:
                segs.append([(frags, path)])
        for si, seg in enumerate(segs):
            x0 = min(fr[0].x0 for fr, _ in seg)
            x1 = _right_edge([fr[-1].x1 for fr, _ in seg], statistics.median(fr[0].size for fr, _ in seg))
            start = float(Counter(round(fr[0].x0) for fr, _ in seg).most_common(1)[0][0])
            edges = _cell_edges([f for fr, _ in seg for f in fr])
            for k, (frags, path) in enumerate(seg):
                size = statistics.median(f.size for f in frags) if len(frags) > 1 else frags[0].size
                lines.append(
                    Line(
                        page=page.number,
                        frags=frags,
                        size=size,
                        col_x0=x0,
                        col_x1=x1,
                        col_key=(page.number, gi, si, path),
                        flow_start=(k == 0),
                        col_lines=len(seg),
                        col_start=start,
                        cell_edges=edges,
                    )
                )
    page.lines = lines


def _cell_edges(frags: list[Frag]) -> dict[int, float]:
    """For table cells: where text starting at a given x usually ends (a cell's right edge)."""
    ends: dict[int, Counter[int]] = defaultdict(Counter)
    for f in frags:
        ends[round(f.x0)][round(f.x1)] += 1
    out: dict[int, float] = {}
    for x0, counter in ends.items():
        x1, count = counter.most_common(1)[0]
        if count >= 2:
            out[x0] = float(max(counter))
    return out


def _right_edge(ends: list[float], em: float) -> float:
    """The right margin of a column: where most long lines end (punctuation may hang past it)."""
    top = max(ends)
    near = Counter(round(e) for e in ends if e >= top - 3 * em)
    value, count = near.most_common(1)[0]
    if count >= 2:
        # the margin is the common end, or just right of it when ends scatter by a point
        return float(max(v for v in near if abs(v - value) <= 1))
    return top


@dataclass(frozen=True)
class LineStats:
    """The body font size of a document and its usual line pitch per font size (rounded to 0.5)."""

    body_size: float
    pitches: dict[float, float]

    @classmethod
    def of(cls, lines: list[Line]) -> LineStats:
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
        return cls(body, pitches)

    def follows(self, a: Line, b: Line) -> bool:
        """Is ``b`` the line after ``a`` in the flow: the next line of the same column at about the
        usual pitch, or the first line of the next column or page?"""
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
