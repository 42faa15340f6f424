"""Page layout: the lines of a page in reading order, each with its column's edges."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .columns import order_rows
from .rows import Frag, Row


@dataclass(slots=True)
class Line:
    page: int
    frags: list[Frag]
    size: float
    col_x0: float = 0.0
    col_x1: float = 0.0
    col_key: tuple = ()
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
        segs: list[list[tuple[list[Frag], tuple]]] = []
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
