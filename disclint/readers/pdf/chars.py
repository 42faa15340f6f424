"""Characters and what their text means: radical look-alikes and Symbol-font bullets repaired,
pages of ``(cid:NNN)`` placeholders or mojibake recognised."""

from __future__ import annotations

import re
import unicodedata

from ...normalize import RADICAL_SUPPLEMENT

# Characters are plain tuples (x0, x1, y0, y1, ch, ws, q) in the display or flow frame
# (text reads left to right, y grows upwards); ws is True for a real (not generated) space.

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


def classify_chars(chars: list[tuple], stats: dict) -> tuple[str, float]:
    text = "".join(c[4] for c in chars)
    return classify_page_text(text, stats.get("map_errors", 0), stats.get("checked", 0))
