"""Characters into rows: grouped by writing direction, turned to read left to right, gathered into
physical lines and split into fragments (table cells) at wide gaps."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .chars import Chars
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


def _split_runs_vertical(chars: Chars, idx: list[int]) -> list[bool]:
    """For the upright characters ``idx`` in content order, tell which ones belong to vertical runs.

    Consecutive visible characters are compared: the next one directly below the previous
    one is a vertical step, directly to its right a horizontal step; anything else, or a
    change of direction, ends the run. Runs without any step (a lone character) follow the
    majority of the page.
    """
    n = len(idx)
    flags = [False] * n
    if n < 2:
        return flags
    x0, x1, y0, y1, space = chars.x0, chars.x1, chars.y0, chars.y1, chars.space
    # quick check: without any vertical step there is nothing to do (most pages)
    any_down = False
    p = -1  # the previous visible character
    for i in idx:
        if space[i]:
            continue
        if p >= 0:
            h = y1[p] - y0[p]
            if 0.3 * h < (y0[p] + y1[p] - y0[i] - y1[i]) * 0.5 < 1.8 * h and abs(x0[p] + x1[p] - x0[i] - x1[i]) < h:
                any_down = True
                break
        p = i
    if not any_down:
        return flags
    runs: list[tuple[int, int, int]] = []  # (start, end, direction: 1 down, 2 right, 0 none) in idx
    start = 0
    direction = 0
    p = -1
    for k, i in enumerate(idx):
        if space[i]:  # white space decides nothing
            continue
        if p >= 0:
            h = max(y1[p] - y0[p], y1[i] - y0[i], x1[p] - x0[p], 1.0)
            dx = (x0[i] + x1[i] - x0[p] - x1[p]) / 2
            dy = (y0[p] + y1[p] - y0[i] - y1[i]) / 2
            ph, ch_ = y1[p] - y0[p], y1[i] - y0[i]
            if abs(ph - ch_) > 0.3 * max(ph, ch_):
                step = 0  # another font size: another run
            elif abs(dx) < 0.5 * h and 0.3 * h < dy < 1.8 * h:
                step = 1
            elif abs(dy) < 0.5 * h and -0.3 * h < dx < 3.0 * h:
                step = 2
            else:
                step = 0
            if step == 0 or (direction and step != direction):
                runs.append((start, k, direction))
                start, direction = k, 0
            elif not direction:
                direction = step
        p = i
    runs.append((start, n, direction))
    down = sum(e - s for s, e, d in runs if d == 1)
    right = sum(e - s for s, e, d in runs if d == 2)
    for s, e, d in runs:
        if d == 1 or (d == 0 and down > right):
            flags[s:e] = [True] * (e - s)
    return flags


def _build_rows(chars: Chars, idx: list[int]) -> list[Row]:
    """Group the flow-frame characters ``idx`` into physical lines and split them into fragments.

    Characters are taken from the top down; one joins the current line when its box
    overlaps the line's band by at least half of the smaller height.
    """
    if not idx:
        return []
    y0, y1, space = chars.y0, chars.y1, chars.space
    idx.sort(key=lambda i: y0[i] + y1[i], reverse=True)
    groups: list[list[int]] = []
    cur: list[int] = []
    lo = hi = 0.0
    for i in idx:
        if cur:
            clo = y0[i]
            chi = y1[i]
            ov = (hi if hi < chi else chi) - (lo if lo > clo else clo)
            if ov > 0 and (ov >= 0.5 * (hi - lo) or ov >= 0.5 * (chi - clo) or space[i]):
                cur.append(i)
                continue
        cur = [i]
        lo, hi = y0[i], y1[i]
        groups.append(cur)
    rows = []
    for g in groups:
        frags = _fragments(chars, g)
        if frags:
            rows.append(Row(frags))
    return rows


def _fragments(chars: Chars, idx: list[int]) -> list[Frag]:
    """Split one physical line, the characters ``idx``, into fragments at cell-sized gaps.

    Real space characters become one space (U+3000 is kept as such); a gap between two
    Latin characters becomes a space; gaps between Japanese characters add nothing.
    """
    x0s, x1s, y0s, y1s, texts, spaces = chars.x0, chars.x1, chars.y0, chars.y1, chars.text, chars.space
    idx.sort(key=x0s.__getitem__)
    heights = [y1s[i] - y0s[i] for i in idx if not spaces[i]]
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
    p = -1  # previous visible character
    pending_ws: str | None = None
    ws_width = 0.0
    letter_gap: float | None = None
    for i in idx:
        if spaces[i]:
            if p >= 0:
                pending_ws = "\u3000" if (texts[i] == "\u3000" and pending_ws != " ") else (pending_ws or " ")
                ws_width += x1s[i] - x0s[i]
            continue
        ch = texts[i]
        x0 = x0s[i]
        if p >= 0:
            gap = x0 - x1s[p]
            if (
                texts[p] == ch
                and abs(x0 - x0s[p]) < dup_tol
                and abs(x0 - x0s[p]) < 0.3 * (x1s[p] - x0s[p])
                and abs(y0s[i] - y0s[p]) < dup_tol
                and not (ch.isascii() and x0 == x0s[p] and x1s[i] == x1s[p])  # ligature (ﬀ → f f)
            ):
                continue  # the same glyph drawn twice (fake bold)
            # spaces bridge a wide gap only when they fill it (a space at the end of a
            # table cell does not join it to the next cell)
            bridged = pending_ws is not None and ws_width >= 0.6 * gap
            if gap > split_gap and (not bridged or gap > ws_split_gap):
                frags.append(Frag(fx0, fx1, fy0, fy1, "".join(text), size, xs))
                text = []
                xs = []
                p = -1
            elif pending_ws is not None:
                text.append(pending_ws)
                xs.append(x0)
            elif gap > word_gap and _is_latin(texts[p][-1]) and _is_latin(ch[0]):
                if letter_gap is None:
                    # justified lines are letter-spaced: a word space is wider than that
                    vis = [k for k in idx if not spaces[k]]
                    gaps = sorted(x0s[b] - x1s[a] for a, b in zip(vis, vis[1:], strict=False))
                    letter_gap = max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0
                if gap > letter_gap + word_gap:
                    text.append(" ")
                    xs.append(x0)
        if p < 0:
            fx0, fx1, fy0, fy1 = x0, x1s[i], y0s[i], y1s[i]
        else:
            if x1s[i] > fx1:
                fx1 = x1s[i]
            if y0s[i] < fy0:
                fy0 = y0s[i]
            if y1s[i] > fy1:
                fy1 = y1s[i]
        text.append(ch)
        if len(ch) == 1:
            xs.append(x0)
        else:
            xs.extend([x0] * len(ch))
        p = i
        pending_ws = None
        ws_width = 0.0
    if text:
        frags.append(Frag(fx0, fx1, fy0, fy1, "".join(text), size, xs))
    if len(frags) > 1 and frags[1].x0 - frags[0].x1 < 6 * size and LONE_MARKER_RE.match(frags[0].text):
        m, f = frags[0], frags[1]
        merged = Frag(m.x0, f.x1, min(m.y0, f.y0), max(m.y1, f.y1), m.text + " " + f.text, size, m.xs + [f.x0] + f.xs)
        frags[:2] = [merged]
    return frags


def group_chars(chars: Chars) -> tuple[list[list[Row]], list[int], bool]:
    """Split characters by writing direction into flow-frame rows.

    Returns the rows of each direction group (upright horizontal text first), the writing
    direction of each group and whether the page is mostly vertical text.
    """
    n = len(chars)
    turns, space = chars.turns, chars.space
    upright = [i for i in range(n) if turns[i] == 0]
    vflags = _split_runs_vertical(chars, upright)
    # per direction: the characters in its flow frame and which of them belong to the group
    frames: dict[int, Chars] = {0: chars}
    groups: dict[int, list[int]] = defaultdict(list)
    n_vertical = 0
    if any(vflags):
        vertical_set = {upright[k] for k, v in enumerate(vflags) if v}
        n_vertical = sum(1 for i in vertical_set if not space[i])
    else:
        vertical_set = set()
    if not vertical_set and len(upright) == n:
        groups[0] = list(range(n))
    else:
        for i in range(n):
            q = turns[i]
            if q == 0 and i in vertical_set:
                q = 1
            if q == 0:
                groups[0].append(i)
                continue
            frame = frames.get(q)
            if frame is None:
                frame = frames[q] = Chars()
            xa, ya = _to_flow(q, chars.x0[i], chars.y0[i])
            xb, yb = _to_flow(q, chars.x1[i], chars.y1[i])
            groups[q].append(len(frame))
            frame.add(min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb), chars.text[i], space[i], q)
    visible_upright = sum(1 for i in upright if not space[i])
    order = [0] + sorted((q for q in groups if q != 0), key=lambda q: -len(groups[q]))
    rows = [_build_rows(frames[q], groups.get(q, [])) for q in order]
    vertical = visible_upright > 0 and n_vertical >= 0.5 * visible_upright and n_vertical >= 10
    return rows, order, vertical
