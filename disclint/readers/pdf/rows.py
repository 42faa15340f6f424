"""Characters into rows: grouped by writing direction, turned to read left to right, gathered into
physical lines and split into fragments (table cells) at wide gaps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .markers import LONE_MARKER_RE

_FRAGMENT_GAP_EM = 1.2  # a wider gap (not bridged by spaces) starts a new cell
_WS_GAP_EM = 2.5  # ... even when bridged by spaces


@dataclass(slots=True)
class Frag:
    """A run of characters on one line without a cell-sized gap."""

    x0: float
    x1: float
    y0: float
    y1: float
    text: str
    size: float
    xs: list[float]  # x0 of every character of ``text``

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass(slots=True)
class Row:
    """One physical line across the whole page (all columns), before column splitting."""

    frags: list[Frag]

    @property
    def y0(self) -> float:
        return min(f.y0 for f in self.frags)

    @property
    def y1(self) -> float:
        return max(f.y1 for f in self.frags)

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.frags)


def _is_latin(c: str) -> bool:
    """Characters between which a gap means a word space (Latin, digits, ASCII punctuation)."""
    o = ord(c)
    return o < 0x2E80 and not (0x2460 <= o <= 0x24FF) and not (0x2500 <= o <= 0x27FF)


def _to_flow(q: int, x: float, y: float) -> tuple[float, float]:
    """Rotate a display point so that text with direction ``q`` (×90° clockwise) reads left to right."""
    if q == 1:
        return -y, x
    if q == 2:
        return -x, -y
    if q == 3:
        return y, -x
    return x, y


def _split_runs_vertical(chars: list[tuple]) -> list[bool]:
    """For upright characters in content order, tell which ones belong to vertical runs.

    Consecutive visible characters are compared: the next one directly below the previous
    one is a vertical step, directly to its right a horizontal step; anything else, or a
    change of direction, ends the run. Runs without any step (a lone character) follow the
    majority of the page.
    """
    n = len(chars)
    flags = [False] * n
    if n < 2:
        return flags
    # quick check: without any vertical step there is nothing to do (most pages)
    any_down = False
    prev = None
    for c in chars:
        if c[5]:
            continue
        if prev is not None:
            h = prev[3] - prev[2]
            if 0.3 * h < (prev[2] + prev[3] - c[2] - c[3]) * 0.5 < 1.8 * h and abs(prev[0] + prev[1] - c[0] - c[1]) < h:
                any_down = True
                break
        prev = c
    if not any_down:
        return flags
    runs: list[tuple[int, int, int]] = []  # (start, end, direction: 1 down, 2 right, 0 none)
    start = 0
    direction = 0
    prev_i = None
    for i, c in enumerate(chars):
        if c[5]:  # white space decides nothing
            continue
        if prev_i is not None:
            p = chars[prev_i]
            h = max(p[3] - p[2], c[3] - c[2], p[1] - p[0], 1.0)
            dx = (c[0] + c[1] - p[0] - p[1]) / 2
            dy = (p[2] + p[3] - c[2] - c[3]) / 2
            ph, ch_ = p[3] - p[2], c[3] - c[2]
            if abs(ph - ch_) > 0.3 * max(ph, ch_):
                step = 0  # another font size: another run
            elif abs(dx) < 0.5 * h and 0.3 * h < dy < 1.8 * h:
                step = 1
            elif abs(dy) < 0.5 * h and -0.3 * h < dx < 3.0 * h:
                step = 2
            else:
                step = 0
            if step == 0 or (direction and step != direction):
                runs.append((start, i, direction))
                start, direction = i, 0
            elif not direction:
                direction = step
        prev_i = i
    runs.append((start, n, direction))
    down = sum(e - s for s, e, d in runs if d == 1)
    right = sum(e - s for s, e, d in runs if d == 2)
    for s, e, d in runs:
        if d == 1 or (d == 0 and down > right):
            flags[s:e] = [True] * (e - s)
    return flags


def _build_rows(chars: list[tuple]) -> list[Row]:
    """Group flow-frame characters into physical lines and split them into fragments.

    Characters are taken from the top down; one joins the current line when its box
    overlaps the line's band by at least half of the smaller height.
    """
    if not chars:
        return []
    chars.sort(key=lambda c: c[2] + c[3], reverse=True)
    groups: list[list[tuple]] = []
    cur: list[tuple] = []
    lo = hi = 0.0
    for c in chars:
        if cur:
            clo = c[2]
            chi = c[3]
            ov = (hi if hi < chi else chi) - (lo if lo > clo else clo)
            if ov > 0 and (ov >= 0.5 * (hi - lo) or ov >= 0.5 * (chi - clo) or c[5]):
                cur.append(c)
                continue
        cur = [c]
        lo, hi = c[2], c[3]
        groups.append(cur)
    rows = []
    for g in groups:
        frags = _fragments(g)
        if frags:
            rows.append(Row(frags))
    return rows


def _fragments(chars: list[tuple]) -> list[Frag]:
    """Split one physical line (sorted by x) into fragments at cell-sized gaps.

    Real space characters become one space (U+3000 is kept as such); a gap between two
    Latin characters becomes a space; gaps between Japanese characters add nothing.
    """
    chars.sort(key=lambda c: c[0])
    heights = [c[3] - c[2] for c in chars if not c[5]]
    if not heights:
        return []
    if len(heights) > 2:
        heights.sort()
        size = heights[len(heights) // 2]
    else:
        size = max(heights)
    if size < 1.0:
        size = 1.0
    split_gap = _FRAGMENT_GAP_EM * size
    ws_split_gap = _WS_GAP_EM * size
    word_gap = 0.2 * size
    dup_tol = 0.15 * size
    frags: list[Frag] = []
    text: list[str] = []
    xs: list[float] = []
    fx0 = fx1 = fy0 = fy1 = 0.0
    prev = None  # previous visible character
    pending_ws: str | None = None
    ws_width = 0.0
    letter_gap: float | None = None
    for c in chars:
        if c[5]:
            if prev is not None:
                pending_ws = "\u3000" if (c[4] == "\u3000" and pending_ws != " ") else (pending_ws or " ")
                ws_width += c[1] - c[0]
            continue
        ch = c[4]
        x0 = c[0]
        if prev is not None:
            gap = x0 - prev[1]
            if (
                prev[4] == ch
                and abs(x0 - prev[0]) < dup_tol
                and abs(x0 - prev[0]) < 0.3 * (prev[1] - prev[0])
                and abs(c[2] - prev[2]) < dup_tol
                and not (ch.isascii() and x0 == prev[0] and c[1] == prev[1])  # ligature (ﬀ → f f)
            ):
                continue  # the same glyph drawn twice (fake bold)
            # spaces bridge a wide gap only when they fill it (a space at the end of a
            # table cell does not join it to the next cell)
            bridged = pending_ws is not None and ws_width >= 0.6 * gap
            if gap > split_gap and (not bridged or gap > ws_split_gap):
                frags.append(Frag(fx0, fx1, fy0, fy1, "".join(text), size, xs))
                text = []
                xs = []
                prev = None
            elif pending_ws is not None:
                text.append(pending_ws)
                xs.append(x0)
            elif gap > word_gap and _is_latin(prev[4][-1]) and _is_latin(ch[0]):
                if letter_gap is None:
                    # justified lines are letter-spaced: a word space is wider than that
                    vis = [c2 for c2 in chars if not c2[5]]
                    gaps = sorted(b[0] - a[1] for a, b in zip(vis, vis[1:], strict=False))
                    letter_gap = max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0
                if gap > letter_gap + word_gap:
                    text.append(" ")
                    xs.append(x0)
        if prev is None:
            fx0, fx1, fy0, fy1 = x0, c[1], c[2], c[3]
        else:
            if c[1] > fx1:
                fx1 = c[1]
            if c[2] < fy0:
                fy0 = c[2]
            if c[3] > fy1:
                fy1 = c[3]
        text.append(ch)
        if len(ch) == 1:
            xs.append(x0)
        else:
            xs.extend([x0] * len(ch))
        prev = c
        pending_ws = None
        ws_width = 0.0
    if text:
        frags.append(Frag(fx0, fx1, fy0, fy1, "".join(text), size, xs))
    if len(frags) > 1 and frags[1].x0 - frags[0].x1 < 6 * size and LONE_MARKER_RE.match(frags[0].text):
        m, f = frags[0], frags[1]
        merged = Frag(m.x0, f.x1, min(m.y0, f.y0), max(m.y1, f.y1), m.text + " " + f.text, size, m.xs + [f.x0] + f.xs)
        frags[:2] = [merged]
    return frags


def group_chars(chars: list[tuple]) -> tuple[list[list[Row]], list[int], bool]:
    """Split characters by writing direction into flow-frame rows.

    Returns the rows of each direction group (upright horizontal text first), the writing
    direction of each group and whether the page is mostly vertical text.
    """
    upright_idx = [i for i, c in enumerate(chars) if c[6] == 0]
    if len(upright_idx) == len(chars):
        upright = chars
    else:
        upright = [chars[i] for i in upright_idx]
    vflags = _split_runs_vertical(upright)
    groups: dict[int, list[tuple]] = defaultdict(list)
    n_vertical = 0
    if any(vflags):
        vertical_set = {upright_idx[k] for k, v in enumerate(vflags) if v}
        n_vertical = sum(1 for i in vertical_set if not chars[i][5])
    else:
        vertical_set = set()
    if not vertical_set and len(upright) == len(chars):
        groups[0] = list(chars)
    else:
        for i, c in enumerate(chars):
            q = c[6]
            if q == 0 and i in vertical_set:
                q = 1
            if q == 0:
                groups[0].append(c)
                continue
            xa, ya = _to_flow(q, c[0], c[2])
            xb, yb = _to_flow(q, c[1], c[3])
            groups[q].append((min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb), c[4], c[5], q))
    visible_upright = sum(1 for c in upright if not c[5])
    order = [0] + sorted((q for q in groups if q != 0), key=lambda q: -len(groups[q]))
    rows = [_build_rows(groups.get(q, [])) for q in order]
    vertical = visible_upright > 0 and n_vertical >= 0.5 * visible_upright and n_vertical >= 10
    return rows, order, vertical
