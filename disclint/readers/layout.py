"""Japanese text layout shared by the text, HTML and XBRL readers: character classes and widths,
re-joining hard-wrapped lines, numbering styles and heading candidates, and raw blocks -> Blocks.

A reader collects :class:`Raw` blocks (a numbered short line is a heading *candidate*,
:func:`numbered_raw`); :func:`finalize` decides candidates (a heading introduces a body, a run of
same-style numbered lines is a list), assigns heading levels by numbering style in order of first
appearance (:class:`HeadingPath`) and gives every Block its section path.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..model.document import Block, BlockKind, Location

# ---------------------------------------------------------------------------
# character classes
# ---------------------------------------------------------------------------


def is_wide(ch: str) -> bool:
    """True for characters that are written without spaces between them (CJK, kana, full-width)."""
    if not ch:
        return False
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff"


def _is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _is_fullwidth_form(ch: str) -> bool:
    # full-width ASCII forms and CJK punctuation (、。「」『』【】〒 …; not the ideographic space)
    return "\uff01" <= ch <= "\uff5e" or "\u3001" <= ch <= "\u303f"


def has_japanese(text: str) -> bool:
    """Kana, kanji or full-width forms (ＣＳＩＲＴ, 、。): only Japanese encodings produce them."""
    return any(_is_kana(c) or _is_kanji(c) or _is_fullwidth_form(c) for c in text)


def display_width(text: str) -> int:
    return sum(2 if is_wide(c) else 1 for c in text)


# ---------------------------------------------------------------------------
# line joining
# ---------------------------------------------------------------------------


def join_wrapped(first: str, second: str) -> str:
    """Join two hard-wrapped lines: no space next to Japanese text, one space between Latin words."""
    a = first.rstrip(" \t")
    b = second.lstrip(" \t\u3000")
    if not a:
        return b
    if not b:
        return a
    if is_wide(a[-1]) or is_wide(b[0]):
        return a + b
    return a + " " + b


_WS_RUN = re.compile(r"[ \t\r\n\f\v]+")
# wide characters (East Asian Width W/F), as a regex class for the C-level fast path
_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
)
_NL_RUN_NEXT_TO_WIDE = re.compile(
    rf"(?<=[{_WIDE}])[ \t\f\v]*[\r\n][ \t\r\n\f\v]*|[ \t\f\v]*[\r\n][ \t\r\n\f\v]*(?=[{_WIDE}])"
)


def collapse_whitespace(text: str) -> str:
    """Collapse whitespace runs (HTML-style); a run containing a line break next to a
    Japanese character disappears (the source was hard-wrapped), others become one space."""
    if "\n" in text or "\r" in text:
        text = _NL_RUN_NEXT_TO_WIDE.sub("", text)
    return _WS_RUN.sub(" ", text)


# ---------------------------------------------------------------------------
# numbering styles, heading candidates
# ---------------------------------------------------------------------------

_D = "0-9０-９"
_KANSUJI = "一二三四五六七八九十百〇"
_ROMAN_LOWER = "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ"
_ROMAN_UPPER = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
_SP = "[ \t\u3000]"

# (style, pattern). Order matters: the first match names the style. The pattern matches the
# marker at the start of a line (after indentation).
_NUMBERING: list[tuple[str, re.Pattern[str]]] = [
    ("dai", re.compile(rf"第[{_D}{_KANSUJI}]+[部章節款]?(?=[{_SP[1:-1]}【（(]|$)")),
    ("sumi", re.compile(rf"(?:[{_D}]+|[{_KANSUJI}]+)?{_SP}*【[^】]+】")),
    ("angle", re.compile(r"[＜<〈《][^＞>〉》]+[＞>〉》]")),
    ("paren_sub", re.compile(rf"[（(][{_D}]+[）)][-‐－―][{_D}]+")),
    ("paren", re.compile(rf"(?:[（(][{_D}]+[）)]|[\u2474-\u2487])")),
    ("roman_paren", re.compile(rf"[（(](?:[{_ROMAN_LOWER}]|[ivx]+)[）)]")),
    ("alpha_paren", re.compile(r"[（(][a-zａ-ｚ][）)]")),
    ("kana_paren", re.compile(r"[（(][ア-ンｱ-ﾝ][）)]")),
    ("circled", re.compile(r"[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]")),
    ("halfparen", re.compile(rf"[{_D}]+[）)](?![{_D}])")),
    ("dot", re.compile(rf"[{_D}]+[.．](?![{_D}])")),
    ("roman", re.compile(rf"[{_ROMAN_UPPER}]+[.．、]?")),
    ("kana_dot", re.compile(r"[ア-ン][.．](?![ア-ン])")),
    ("mark", re.compile(r"[■□◆◇]")),
]

# bullets are always list items, never headings
_BULLET = re.compile(r"(?:[・●○◯•◦‣▪▫]|[-*+](?=[ \t]))")

_MAX_HEADING_CHARS = 50


def numbering_style(text: str) -> tuple[str | None, str]:
    """``(style, rest)``: the numbering style of a line (``paren`` for ``(6)``, ``dot`` for
    ``３．``, ``sumi`` for ``【…】`` …) and the text after the marker; ``(None, text)`` if none."""
    s = text.lstrip(" \t\u3000")
    for style, pat in _NUMBERING:
        m = pat.match(s)
        if m:
            rest = s[m.end() :]
            if style == "sumi" or style == "angle":
                # the bracket is the heading; anything long after it is body text
                return style, rest
            if style in ("roman", "kana_dot", "halfparen") and not rest.strip():
                return None, text
            return style, rest
    return None, text


def bullet_match(text: str) -> re.Match[str] | None:
    return _BULLET.match(text.lstrip(" \t\u3000"))


def is_heading_like(text: str) -> bool:
    """Short, no sentence end, not a continued line: could be a heading if it is numbered."""
    t = text.strip()
    if not t or len(t) > _MAX_HEADING_CHARS:
        return False
    if "。" in t or t[-1] in "、，,：:；;":
        return False
    return True


def _heading_key(text: str) -> str:
    """Text of a heading without numbering, brackets and spaces (to compare titles)."""
    t = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    t = re.sub(
        r"^(第[0-9一二三四五六七八九十百]+[部章節]?|[0-9]+[.)]?|\([0-9]+\)|[\u2460-\u2473]|[ⅰ-ⅻⅠ-Ⅻ]+[.]?)", "", t
    )
    return t.strip("【】<>()[]「」『』")


def same_title(a: str, b: str) -> bool:
    ka, kb = _heading_key(a), _heading_key(b)
    return bool(ka) and ka == kb


# ---------------------------------------------------------------------------
# raw blocks -> Blocks (shared with html / xbrl)
# ---------------------------------------------------------------------------


@dataclass
class Raw:
    """A block before heading classification and section assignment."""

    kind: BlockKind
    text: str
    loc: dict[str, Any] = field(default_factory=dict)  # Location fields except file/section
    level: int | None = None  # explicit heading level (markdown #, html hN)
    style: str | None = None  # numbering style of a heading candidate
    candidate: bool = False  # numbered line that may be a heading or a list item
    always_heading: bool = False  # 【…】, ＜…＞, 第N: headings whenever short


def classify_candidates(raws: list[Raw]) -> None:
    """Decide for numbered short lines whether they are headings or list items.

    A numbered line is a heading when it introduces a body; a run of same-style numbered
    lines without bodies (``1. EDR の導入`` / ``2. 多要素認証`` …) is a list.
    """
    for i, r in enumerate(raws):
        if not r.candidate:
            continue
        if r.always_heading:
            r.kind = BlockKind.HEADING
            continue
        prev = raws[i - 1] if i > 0 else None
        nxt = raws[i + 1] if i + 1 < len(raws) else None
        in_list = (
            prev is not None and prev.candidate and prev.style == r.style and prev.kind == BlockKind.LIST_ITEM
        ) or (nxt is not None and nxt.candidate and nxt.style == r.style)
        r.kind = BlockKind.LIST_ITEM if in_list else BlockKind.HEADING


@dataclass
class _Entry:
    level: int
    text: str
    style: str | None  # None for explicit (markdown/html) headings and prefix entries


class HeadingPath:
    """The current heading path. Explicit headings (``#``, ``<h2>``) nest by level; numbered
    headings nest by numbering style, a style seen before closing everything below it."""

    def __init__(self, prefix: tuple[str, ...] = ()) -> None:
        self.entries = [_Entry(i + 1, t, None) for i, t in enumerate(prefix)]
        self.base = len(prefix)

    def explicit(self, level: int, text: str) -> int:
        while self.entries and self.entries[-1].level >= level and len(self.entries) > self.base:
            self.entries.pop()
        self.entries.append(_Entry(level, text, None))
        return level

    def numbered(self, style: str, text: str) -> int:
        # look for the same style below the last explicit heading
        for i in range(len(self.entries) - 1, self.base - 1, -1):
            entry = self.entries[i]
            if entry.style is None:
                break
            if entry.style == style:
                level = entry.level
                del self.entries[i:]
                self.entries.append(_Entry(level, text, style))
                return level
        level = (self.entries[-1].level if self.entries else self.base) + 1
        self.entries.append(_Entry(level, text, style))
        return level

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(e.text for e in self.entries)


def finalize(
    raws: list[Raw], file: str, section_prefix: tuple[str, ...] = (), rank_levels: bool = False
) -> list[Block]:
    """Turn raw blocks into Blocks: classify candidates, assign heading levels and sections.

    With ``rank_levels`` explicit heading levels are renumbered by rank below the prefix
    (``<h3>``, ``<h4>`` in an XBRL text block become levels 2, 3 under the section title).
    A heading's own section includes itself.
    """
    classify_candidates(raws)
    rank: dict[int, int] = {}
    if rank_levels:
        levels = sorted({r.level for r in raws if r.kind == BlockKind.HEADING and r.style is None and r.level})
        rank = {lvl: len(section_prefix) + i + 1 for i, lvl in enumerate(levels)}
    path = HeadingPath(section_prefix)
    out: list[Block] = []
    for r in raws:
        level: int | None = None
        if r.kind == BlockKind.HEADING:
            if r.style is not None and r.level is None:
                level = path.numbered(r.style, r.text)
            else:
                lvl = r.level or 1
                level = path.explicit(rank.get(lvl, lvl) if rank_levels else lvl, r.text)
        loc = Location(file=file, section=path.section, **r.loc)
        out.append(Block(r.kind, r.text, loc, level))
    return out


def numbered_raw(text: str, loc: dict[str, Any], default: BlockKind = BlockKind.PARAGRAPH) -> Raw:
    """A Raw for one line/paragraph, recognising numbered headings and list items."""
    style, _rest = numbering_style(text)
    if style is not None:
        if is_heading_like(text):
            return Raw(
                BlockKind.LIST_ITEM,
                text,
                loc,
                style=style,
                candidate=True,
                always_heading=style in ("dai", "sumi", "angle"),
            )
        if style in ("dai", "sumi", "angle", "mark"):
            return Raw(default, text, loc)
        return Raw(BlockKind.LIST_ITEM, text, loc, style=style)
    if bullet_match(text):
        return Raw(BlockKind.LIST_ITEM, text, loc)
    return Raw(default, text, loc)
