"""Characters and what their text means: radical look-alikes and Symbol-font bullets repaired,
pages of ``(cid:NNN)`` placeholders or mojibake recognised."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ...text.normalize import RADICAL_SUPPLEMENT


@dataclass(slots=True)
class Chars:
    """The characters of a page (or of one writing direction on it), one list per field.

    Character ``i`` is the box ``x0[i]``-``x1[i]`` × ``y0[i]``-``y1[i]``, its ``text[i]``,
    whether it is a real white-space character (``space[i]``, not one PDFium generated) and its
    writing direction in quarter turns clockwise (``turns[i]``; 1 for vertical text). Boxes are in
    the display frame of the page (origin at the bottom left of the crop box, y growing upwards)
    and, from :func:`.rows.group_chars` on, in the flow frame of their direction, where text reads
    left to right.

    Columns rather than one object per character, for speed. CPython's garbage collector stops
    tracking a plain tuple of numbers and strings but never an instance of a class: on the
    117-page TIS filing (105,000 characters) a NamedTuple per character made extraction and line
    building 35 % slower (0.31 -> 0.43 s) and a slotted dataclass the whole reader 8-12 % slower,
    most of it in garbage collection. These lists cost what the positional tuples they replace did.
    """

    x0: list[float] = field(default_factory=list)
    x1: list[float] = field(default_factory=list)
    y0: list[float] = field(default_factory=list)
    y1: list[float] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # pdfminer.six gives a ``(cid:NNN)`` placeholder as one
    space: list[bool] = field(default_factory=list)
    turns: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.text)

    def add(self, x0: float, x1: float, y0: float, y1: float, text: str, space: bool, turns: int) -> None:
        self.x0.append(x0)
        self.x1.append(x1)
        self.y0.append(y0)
        self.y1.append(y1)
        self.text.append(text)
        self.space.append(space)
        self.turns.append(turns)


_CID_RE = re.compile(r"\(cid:\d+\)")


# Radical look-alikes (Kangxi radicals U+2F00–2FDF, CJK Radicals Supplement U+2E80–2EFF)
# that broken ToUnicode maps produce instead of ordinary kanji.
RADICAL_FIX: dict[str, str] = {}
for _cp in range(0x2F00, 0x2FE0):
    _ch = chr(_cp)
    _nf = unicodedata.normalize("NFKC", _ch)
    if _nf != _ch:
        RADICAL_FIX[_ch] = _nf
RADICAL_FIX.update(RADICAL_SUPPLEMENT)


# Bullets of the Symbol/Wingdings fonts that Word and LibreOffice put in the private use
# area (U+F0xx) instead of their Unicode equivalents.
SYMBOL_PUA = {
    0xF0B7: "•",
    0xF06C: "●",
    0xF06E: "■",
    0xF075: "◆",
    0xF0A7: "▪",
    0xF0A8: "◆",
    0xF0D8: "➢",
    0xF076: "❖",
    0xF0FC: "✓",
    0xF0D2: "®",
    0xF0E0: "→",
    0xF0E8: "➔",
}


def classify_page_text(text: str, map_errors: int = 0, checked: int = 0) -> tuple[str, float]:
    """Classify the extracted text of one page.

    Returns ``(kind, ratio)`` where kind is ``"empty"`` (no visible characters), ``"cid"``
    (``(cid:NNN)`` placeholders make up ``ratio`` >= 0.3 of the characters), ``"garbled"``
    (replacement/control/private-use/unassigned characters >= 0.2, or at least half of the
    ``checked`` characters had a PDFium Unicode-map error) or ``"ok"``.
    """
    cids = _CID_RE.findall(text)
    rest = _CID_RE.sub("", text)
    visible = [c for c in rest if not c.isspace()]
    total = len(cids) + len(visible)
    if total == 0:
        return "empty", 0.0
    cid_ratio = len(cids) / total
    if cid_ratio >= 0.3:
        return "cid", cid_ratio
    if checked and map_errors / checked >= 0.5:
        return "garbled", map_errors / checked
    bad = 0
    for c in visible:
        if c == "\ufffd":
            bad += 1
            continue
        cat = unicodedata.category(c)
        if cat in ("Cc", "Co", "Cn", "Cs"):
            bad += 1
    bad_ratio = bad / total
    if bad_ratio >= 0.2:
        return "garbled", bad_ratio
    return "ok", cid_ratio


def fix_radicals(text: str) -> tuple[str, int]:
    """Replace Kangxi/CJK-radical look-alikes by ordinary kanji; return (text, count)."""
    count = 0
    out = []
    for c in text:
        rep = RADICAL_FIX.get(c)
        if rep is not None:
            out.append(rep)
            count += 1
        else:
            out.append(c)
    return "".join(out), count


def classify_chars(chars: Chars, stats: dict[str, Any]) -> tuple[str, float]:
    text = "".join(chars.text)
    return classify_page_text(text, stats.get("map_errors", 0), stats.get("checked", 0))
