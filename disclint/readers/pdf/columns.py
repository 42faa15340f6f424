"""Reading order of a page: columns and tiers found by a recursive XY cut at vertical gutters."""

from __future__ import annotations

import itertools
import statistics

from .rows import Frag, Row


def _textlike(lines: list[list[Frag]]) -> bool:
    chars = sum(len(f.text) for fr in lines for f in fr)
    frags = sum(len(fr) for fr in lines)
    if not frags or chars / frags < 6:
        return False
    letters = sum(1 for fr in lines for f in fr for c in f.text if c.isalpha())
    return letters / max(chars, 1) >= 0.6


def order_rows(
    rows: list[Row],
    depth: int = 0,
    flush: bool = True,
    hint: tuple[float, float] | None = None,
) -> list[tuple[list[Frag], tuple[int, ...]]]:
    """Reading order: list of (fragments of one line, column path).

    A recursive XY cut: find a vertical gutter (two columns); if blank bands cut across
    both columns (a 2×2 grid, e.g. the upper and lower tier of two pages of vertical text),
    read band by band, each with the same gutter; otherwise read the left column, then the
    right one, lines crossing the gutter separating the parts.
    """
    rows = sorted(rows, key=lambda r: r.y1, reverse=True)
    split = None
    if hint is not None and rows:
        split = hint
    elif depth < 4:
        split = _find_gutter(rows, flush)
    if split is None:
        return [(r.frags, ()) for r in rows]
    g0, g1 = split
    if hint is None:
        bands = _band_cuts(rows, g0, g1, 2.5 if flush else 1.3)
        if len(bands) > 1:
            out_b: list[tuple[list[Frag], tuple[int, ...]]] = []
            for bi, band in enumerate(bands):
                for frags, path in order_rows(band, depth + 1, flush, hint=split):
                    out_b.append((frags, (10 + bi,) + path))
            return out_b
    out: list[tuple[list[Frag], tuple[int, ...]]] = []
    left: list[Row] = []
    right: list[Row] = []

    def emit() -> None:
        for side, rs in ((0, left), (1, right)):
            for frags, path in order_rows(rs, depth + 1, flush):
                out.append((frags, (side,) + path))
        left.clear()
        right.clear()

    for r in rows:
        if any(f.x0 < g1 and f.x1 > g0 for f in r.frags):
            emit()
            out.append((r.frags, (9,)))  # spanning line
            continue
        lf = [f for f in r.frags if f.x1 <= g0]
        rf = [f for f in r.frags if f.x0 >= g1]
        if lf:
            left.append(Row(lf))
        if rf:
            right.append(Row(rf))
    emit()
    return out


def _band_cuts(rows: list[Row], g0: float, g1: float, factor: float) -> list[list[Row]]:
    """Split rows (top down) at blank bands wider than ``factor`` × the usual line pitch
    when the parts above and below both have text on each side of the gutter."""
    if len(rows) < 4:
        return [rows]
    centers = [(r.y0 + r.y1) / 2 for r in rows]
    pitches = [a - b for a, b in zip(centers, centers[1:], strict=False) if a - b > 0.5]
    if not pitches:
        return [rows]
    typical = statistics.median(pitches)
    cuts = [
        i + 1
        for i in range(len(rows) - 1)
        if centers[i] - centers[i + 1] >= factor * typical and rows[i].y0 > rows[i + 1].y1
    ]
    if not cuts:
        return [rows]

    def both_sides(part: list[Row]) -> bool:
        has_l = any(f.x1 <= g0 for r in part for f in r.frags)
        has_r = any(f.x0 >= g1 for r in part for f in r.frags)
        return has_l and has_r

    bands: list[list[Row]] = []
    start = 0
    for c in cuts + [len(rows)]:
        part = rows[start:c]
        if bands and not (both_sides(part) and both_sides(bands[-1])):
            bands[-1].extend(part)
        else:
            bands.append(part)
        start = c
    # a trailing band that lacks one side belongs to the one before it
    if len(bands) > 1 and not both_sides(bands[-1]):
        tail = bands.pop()
        bands[-1].extend(tail)
    return bands


def _find_gutter(rows: list[Row], flush: bool = True) -> tuple[float, float] | None:
    """A vertical gutter between two columns of running text, or None.

    ``flush``: require the left column to reach the gutter (justified horizontal text);
    not for vertical text, whose tiers (段) hold ragged lines such as verse.
    """
    if len(rows) < 4:
        return None
    frags = [f for r in rows for f in r.frags]
    xmin = min(f.x0 for f in frags)
    xmax = max(f.x1 for f in frags)
    size = statistics.median(f.size for f in frags)
    width = xmax - xmin
    if width < 12 * size:
        return None
    nb = int(width) + 2
    diff = [0] * (nb + 1)
    for r in rows:
        end = -1
        for f in sorted(r.frags, key=lambda f: f.x0):
            a = max(int(f.x0 - xmin), end + 1)
            b = min(nb - 1, int(f.x1 - xmin))
            if b >= a:
                diff[a] += 1
                diff[b + 1] -= 1
                end = b
    cover = list(itertools.accumulate(diff[:nb]))
    allowed = max(1, len(rows) // 8)
    lo_lim, hi_lim = int(width * 0.2), int(width * 0.8)
    min_width = max(6, 0.8 * size)
    best = None
    # a clean gutter first; else one crossed by a few lines (titles spanning both columns)
    for threshold in (0, allowed):
        k = lo_lim
        while k < hi_lim:
            if cover[k] <= threshold:
                j = k
                while j < hi_lim and cover[j] <= threshold:
                    j += 1
                if j - k >= min_width and (best is None or j - k > best[1] - best[0]):
                    best = (k, j)
                k = j
            else:
                k += 1
        if best is not None:
            break
    if best is None:
        return None
    k, j = best
    g0, g1 = xmin + k, xmin + j
    left = [[f for f in r.frags if f.x1 <= g0] for r in rows]
    right = [[f for f in r.frags if f.x0 >= g1] for r in rows]
    both = sum(1 for a, b in zip(left, right, strict=False) if a and b)
    left = [a for a in left if a]
    right = [b for b in right if b]
    if len(left) < 3 or len(right) < 3 or both < 2:
        return None
    for side in (left, right):
        if not _textlike(side):
            return None
        # a column of running text is wide and its lines are single fragments (table rows
        # have several cells; narrow table columns hold wrapped cell text)
        if max(fr[-1].x1 for fr in side) - min(fr[0].x0 for fr in side) < 14 * size:
            return None
        if sum(1 for fr in side if len(fr) > 1) > 0.2 * len(side):
            return None
        if statistics.median(sum(len(f.text) for f in fr) for fr in side) < 10:
            return None
    if not flush:
        return g0, g1
    # the left column reaches the gutter (justified or nearly so)
    lmax = max(fr[-1].x1 for fr in left)
    flush_rows = sum(1 for fr in left if fr[-1].x1 >= lmax - 1.5 * size)
    if flush_rows < 0.4 * len(left):
        return None
    return g0, g1
