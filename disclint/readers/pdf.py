"""PDF reader: pypdfium2 for text and geometry; pdfplumber only to re-decode broken pages.

Library choice, measured on this 2-core machine with the real 117-page 有価証券報告書 of
ＴＩＳ株式会社 (122,712 characters, 1.4 MB; CPU shared with other jobs, so ±20 %):

- pypdfium2 (PDFium, C++): opening the file and building the text page of every page takes
  0.27 s; reading every character with its box through the raw API 0.5 s; the whole
  :func:`read_pdf` (layout, running headers, paragraphs, headings) 0.85–0.95 s, i.e.
  120–140 pages/s (``benchmarks/bench_pdf.py``).
- pdfplumber (pdfminer.six, pure Python): ``extract_text`` alone takes 6.8 s (17 pages/s)
  on the same file, before any layout work of ours: too slow to be the main path.

So every page goes through pypdfium2: the page text in one call, then one call per
character for its *loose* box (the em box from the font metrics, which is what line and
column geometry need). Lines, table rows, columns, paragraphs, headings and running headers
are all computed here from those boxes.

pdfplumber is used for one thing only: when PDFium reports that most characters of a page
have no Unicode mapping (``FPDFText_HasUnicodeMapError``: a font without a usable ToUnicode
map), PDFium returns the raw character codes as text (mojibake such as ``3HQČåQt…`` for the
Czech sample ``issue-791-non-unicode-cmap.pdf``). pdfminer.six decodes some of these fonts
correctly (``Peněžní prostředky…`` for that sample; note ``note.pdf_redecoded``) and prints
``(cid:NNN)`` for the others, which :func:`classify_page_text` recognises: such a page is
skipped with ``note.pdf_cid_page``.

Vertical text (縦書き) needs no pdfplumber either: a run of characters whose boxes are stacked
top to bottom is vertical; it is turned by 90° so that columns become lines (right-most
first) and the ordinary layout runs on it. On ``jo.pdf`` (two tiers, 上段/下段), pdfplumber's
``extract_text(line_dir="rtl", char_dir="ttb", line_dir_render="ttb", char_dir_render="ltr")``
puts the column of the upper tier and the column of the lower tier on one output line,
interleaving two passages; here the tier gap is found like a column gutter and the upper
tier is read before the lower one, which is the order of the poem.

Layout rules, in order:

1. Characters outside the crop box are invisible and dropped; characters are grouped by
   writing direction (page /Rotate, text rotated by 90/180/270°, vertical CJK) and each
   group is turned so that it reads left to right.
2. Lines are characters whose boxes overlap vertically; a horizontal gap of more than
   1.2 em, unless space characters fill it, splits a line into fragments (table cells).
   A fragment holding only a list marker (``•``, ``①``, ``(1)``) is kept with its text.
3. Running headers/footers: lines among the three top-most/bottom-most lines of a page,
   in the outer 12 % of its height, whose text with digits replaced repeats on at least
   three pages, and bare page numbers (``- 18 -``, ``18``, ``（18）``, ``18 / 117``) there.
4. Columns: a vertical gutter with no characters between two text-like sides (mostly
   letters, wide, single-fragment lines of 10+ characters, the left side flush with the
   gutter) splits the page into columns, read left column first; lines crossing the gutter
   split it into bands (a recursive XY cut).
5. Paragraphs: a line continues the previous one when the previous one reaches the right
   edge of its column (or of its table cell; or stops short only because the next line
   starts with a Latin word that did not fit), the font size and line pitch match, the
   new line is not indented (a first-line indent of the previous line, or a hanging indent
   after a list marker, is fine) and does not start with a list marker or heading number.
   Lines are joined with no space, except between two Latin words. A paragraph may go on
   in the next column or on the next page (only if the last line is full and does not end
   with 「。」); it keeps the page where it starts.
6. Lines with several fragments are table rows (one TABLE_CELL block per row, cells joined
   with `` | ``, ``Location.table``/``row`` set); a following line aligned with a cell that
   reached its right edge continues that cell (``沿革``-style wrapped cells), and a label
   wrapped or centred in the first cell joins it. A name to the left of a paragraph (役員
   profiles) becomes a block of its own without splitting the paragraph.
7. Headings: a one-line paragraph (two for large type) without 「。」 that starts with a
   有報 numbering (``第一部【…】``, ``第２【…】``, ``４【…】``, ``【…】``, ``１．``, ``(6)``,
   ``①``, ``ア．``) or is set at least 1.2× the body size. ``第N部``, ``第N`` and ``N【…】``
   are a fixed skeleton; the other kinds nest in the order they appear (the notes to the
   financial statements put ``１．`` under ``【注記事項】`` and ``(1)`` under ``１．``).
   ``Location.section`` is the heading path, outermost first, and includes the heading
   itself for a heading block. Two or more same-kind numbered candidates in a row with
   nothing in between are a list (LIST_ITEM), not headings.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import logging
import math
import re
import statistics
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..document import Block, BlockKind, Document, Location, ReaderNote
from ..errors import InputError, LimitExceeded
from ..normalize import RADICAL_SUPPLEMENT
from . import Limits, register

__all__ = ["read_pdf", "classify_page_text", "fix_radicals"]

# --------------------------------------------------------------------------- constants

_FRAGMENT_GAP_EM = 1.2  # a wider gap (not bridged by spaces) starts a new cell
_WS_GAP_EM = 2.5  # ... even when bridged by spaces
_MARGIN_ZONE = 0.12  # outer part of the page height where running headers/footers live
_EDGE_ROWS = 3  # how many top-most/bottom-most lines per page may be headers/footers
_FULL_TOL_EM = 1.2  # a line ending this close to its column's right edge is "full"
_EOF_WINDOW = 8192  # %%EOF must occur in the last bytes of the file
_MAP_ERROR_SAMPLE = 64  # characters per page checked for Unicode-map errors
_HEADING_MAX_CHARS = 50

_PAGE_NUMBER_RES = (
    re.compile(r"^[-‐‑–—―−－~〜]?\s*\d{1,4}\s*[-‐‑–—―−－~〜]?$"),
    re.compile(r"^[(（\[［<〈]\s*\d{1,4}\s*[)）\]］>〉]$"),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
    re.compile(r"^(?:page|p\.?)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I),
    re.compile(r"^[-–—−－]?\s*[ivxlcdm]{1,7}\s*[-–—−－]?$", re.I),
)

_CID_RE = re.compile(r"\(cid:\d+\)")
_LEADER_RE = re.compile(r"(?:…{2,}|‥{2,}|・{4,}|\.{5,}|･{4,}|·{4,}|-{6,})")
_JDATE_RE = re.compile(r"(令和|平成|昭和|大正)?\s*(元|\d{1,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}

_KANSUJI = "一二三四五六七八九十"
_NUM = "0-9０-９"

# A line starting like this begins a new paragraph (list item, note, numbered item).
_MARKER_RE = re.compile(
    "^(?:"
    r"[・●○◆◇■□▪▫◎★☆※＊•‣◦▶▷►→]\s*"
    rf"|[(（][{_NUM}]{{1,3}}[)）]\s*"
    rf"|[(（](?:[ア-ンａ-ｚa-zⅰ-ⅿⅠ-Ⅿ]|[{_KANSUJI}]{{1,2}})[)）]\s*"
    r"|[①-⑳㉑-㉟❶-❿]\s*"
    rf"|[{_NUM}]{{1,2}}[．.、](?![{_NUM}])\s*"
    r"|[ア-ン][．.、]\s*"
    r"|[a-zａ-ｚ][.．)）]\s*"
    rf"|第[{_NUM}{_KANSUJI}]+[部章節]?(?=[【\s　])\s*"
    rf"|[{_NUM}]{{1,2}}(?=[【\s　])\s*"
    r"|【"
    rf"|[(（]注[{_NUM}]*[)）]\s*(?:[{_NUM}]{{1,2}}[．.]\s*)?"
    rf"|注[{_NUM}]*[．.：:]\s*"
    ")"
)
_LIST_BULLET_RE = re.compile(r"^[・●○◆◇■□▪▫◎★☆＊•‣◦▶▷►→]")
_NOTE_RE = re.compile(rf"^(?:[(（]注[{_NUM}]*[)）]|注[{_NUM}]*[．.：:]|※)")

# Heading numbering kinds: (kind, fixed rank or None, pattern). The first three are the
# fixed skeleton of a 有報 (第一部 > 第２ > ４【…】); the others nest dynamically, because
# their order differs between parts of the same filing (the notes to the financial
# statements put １． under 【注記事項】 under ①, and (1) under １．).
_HEADING_RULES: tuple[tuple[str, int | None, re.Pattern[str]], ...] = (
    ("part", 1, re.compile(rf"^第[{_NUM}{_KANSUJI}]+部\s*(?:【[^】]+】|[\s　]+\S.*)$")),
    ("chapter", 2, re.compile(rf"^第[{_NUM}{_KANSUJI}]+章?\s*(?:【[^】]+】|[\s　]+\S.*)$")),
    ("section", 3, re.compile(rf"^[{_NUM}]{{1,2}}\s*【[^】]+】$")),
    ("bracket", None, re.compile(r"^【[^】]+】$")),
    ("dot", None, re.compile(rf"^[{_NUM}]{{1,2}}[．.](?![{_NUM}])\s*\S")),
    ("paren_bracket", None, re.compile(rf"^[(（][{_NUM}]{{1,2}}[)）]\s*【[^】]+】$")),
    ("paren", None, re.compile(rf"^[(（][{_NUM}]{{1,2}}[)）]\s*\S")),
    ("circled_bracket", None, re.compile(r"^[①-⑳㉑-㉟]\s*【[^】]+】$")),
    ("circled", None, re.compile(r"^[①-⑳㉑-㉟]\s*\S")),
    ("kana", None, re.compile(r"^(?:[(（][ア-ン][)）]|[ア-ン][．.])\s*\S")),
    ("roman", None, re.compile(r"^[(（][ⅰ-ⅿⅠ-Ⅿ][)）]\s*\S")),
    ("latin", None, re.compile(r"^(?:[(（][a-zａ-ｚ][)）]|[a-zａ-ｚ][.．])\s*\S")),
)
_BIG_FONT = ("big", 1)  # an unnumbered heading in large type ranks with 第N部
_NOT_LIST_KINDS = frozenset({"part", "chapter", "section", "bracket", "big"})


# Radical look-alikes (Kangxi radicals U+2F00–2FDF, CJK Radicals Supplement U+2E80–2EFF)
# that broken ToUnicode maps produce instead of ordinary kanji.
_RADICAL_FIX: dict[str, str] = {}
for _cp in range(0x2F00, 0x2FE0):
    _ch = chr(_cp)
    _nf = unicodedata.normalize("NFKC", _ch)
    if _nf != _ch:
        _RADICAL_FIX[_ch] = _nf
_RADICAL_FIX.update(RADICAL_SUPPLEMENT)


# Bullets of the Symbol/Wingdings fonts that Word and LibreOffice put in the private use
# area (U+F0xx) instead of their Unicode equivalents.
_SYMBOL_PUA = {
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

# A fragment holding only a list marker is glued to the text that follows it.
_LONE_MARKER_RE = re.compile(
    rf"^(?:[•・●○◆◇■□▪▫◎★☆※＊‣◦▶▷►→➢➔✓❖\-–]|[(（]?[{_NUM}]{{1,2}}[)）.．]|[①-⑳㉑-㉟❶-❿]"
    r"|[(（][ア-ンａ-ｚa-z][)）]|[ア-ン][.．])$"
)

_PDFIUM_LOCK = threading.Lock()

# --------------------------------------------------------------------------- data

# Characters are plain tuples (x0, x1, y0, y1, ch, ws, q) in the display or flow frame
# (text reads left to right, y grows upwards); ws is True for a real (not generated) space.


@dataclass(slots=True)
class _Frag:
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
class _Line:
    page: int
    frags: list[_Frag]
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


@dataclass(slots=True)
class _Row:
    """One physical line across the whole page (all columns), before column splitting."""

    frags: list[_Frag]

    @property
    def y0(self) -> float:
        return min(f.y0 for f in self.frags)

    @property
    def y1(self) -> float:
        return max(f.y1 for f in self.frags)

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.frags)


@dataclass
class _Page:
    number: int
    height: float  # in the display frame
    groups: list[list[_Row]] = field(default_factory=list)  # groups[0] = upright horizontal text
    directions: list[int] = field(default_factory=list)  # writing direction of each group
    lines: list[_Line] = field(default_factory=list)
    columns: int = 1


@dataclass
class _Proto:
    """A block before sections are assigned."""

    kind: BlockKind
    text: str
    page: int
    heading: tuple[str, int | None] | None = None  # (kind, fixed rank) of a heading candidate
    table: int | None = None
    row: int | None = None


# --------------------------------------------------------------------------- public helpers


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
        rep = _RADICAL_FIX.get(c)
        if rep is not None:
            out.append(rep)
            count += 1
        else:
            out.append(c)
    return "".join(out), count


# --------------------------------------------------------------------------- character classes


def _is_latin(c: str) -> bool:
    """Characters between which a gap means a word space (Latin, digits, ASCII punctuation)."""
    o = ord(c)
    return o < 0x2E80 and not (0x2460 <= o <= 0x24FF) and not (0x2500 <= o <= 0x27FF)


def _is_word_end(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in ",.;:!?)%")


def _is_word_start(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c in "(\"'")


def _join_lines(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    if _is_word_end(a[-1]) and _is_word_start(b[0]) and not (a[-1].isdigit() and b[0].isdigit()):
        if a[-1] == "-" or a.endswith(" "):
            return a + b
        return a + " " + b
    return a + b


# --------------------------------------------------------------------------- extraction


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - _EOF_WINDOW))
            tail = fh.read()
    except OSError as exc:
        raise InputError("input.not_readable", reason=exc.strerror or type(exc).__name__) from exc
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise InputError("input.pdf_encrypted") from exc
        reason = str(exc).replace("Failed to load document", "").strip(" ()") or "unreadable"
        if b"%%EOF" not in tail:
            reason = "truncated: no %%EOF at the end"
        raise InputError("input.pdf_corrupt", reason=reason) from exc
    except (OSError, ValueError) as exc:
        raise InputError("input.pdf_corrupt", reason=type(exc).__name__) from exc
    if b"%%EOF" not in tail:
        doc.close()
        raise InputError("input.pdf_corrupt", reason="truncated: no %%EOF at the end")
    return doc


def _display_transform(rotation: int, box: tuple[float, float, float, float]):
    """Map PDF user space to the upright display frame (origin bottom-left of the crop box)."""
    bx0, by0, bx1, by1 = box
    w, h = bx1 - bx0, by1 - by0
    if rotation == 90:
        return (lambda x, y: (y - by0, w - (x - bx0))), (h, w)
    if rotation == 180:
        return (lambda x, y: (w - (x - bx0), h - (y - by0))), (w, h)
    if rotation == 270:
        return (lambda x, y: (h - (y - by0), x - bx0)), (h, w)
    return (lambda x, y: (x - bx0, y - by0)), (w, h)


def _to_flow(q: int, x: float, y: float) -> tuple[float, float]:
    """Rotate a display point so that text with direction ``q`` (×90° clockwise) reads left to right."""
    if q == 1:
        return -y, x
    if q == 2:
        return -x, -y
    if q == 3:
        return y, -x
    return x, y


def _pdfium_chars(page: pdfium.PdfPage, number: int):
    """Characters of one page: list of (x0, x1, y0, y1, ch, ws, q) in the display frame.

    ``ws`` marks a real (not generated) white-space character, ``q`` the writing direction
    in quarter turns clockwise. Returns (chars, stats); stats hold the Unicode-map-error
    sample, the number of radical look-alikes fixed and the page size.
    """
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        n = pdfium_c.FPDFText_CountChars(tp)
        rotation = page.get_rotation() % 360
        # the visible area: crop box within media box, inherited values resolved by PDFium
        crop = page.get_bbox()
        to_display, (width, height) = _display_transform(rotation, crop)
        bx0, by0 = crop[0], crop[1]
        upright_page = rotation == 0
        rot_q = rotation // 90
        rect = pdfium_c.FS_RECTF()
        prect = ctypes.byref(rect)
        get_unicode = pdfium_c.FPDFText_GetUnicode
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        is_generated = pdfium_c.FPDFText_IsGenerated
        get_angle = pdfium_c.FPDFText_GetCharAngle
        radical_fix = _RADICAL_FIX
        half_pi = math.pi / 2
        chars = []
        append = chars.append
        radicals = 0
        q = rot_q
        # previous character in content order: its right edge and vertical band
        px1 = py0 = py1 = -1e9
        tol = 2.0
        wmax, hmax = width + tol, height + tol
        codes = _page_codes(tp, n)
        for i in range(n):
            code = codes[i]
            if code <= 32:
                if code in (0, 10, 13) or (code == 32 and is_generated(tp, i)):
                    continue
            if not get_box(tp, i, prect):
                continue
            left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
            # The writing direction only changes between text runs: ask PDFium for the
            # angle unless this character simply continues the previous one to the right.
            if not (q == rot_q and px1 - 1.0 <= left <= px1 + 3 * (top - bottom) and bottom < py1 and top > py0):
                ang = get_angle(tp, i)
                if ang >= 0:
                    q = (int(round(ang / half_pi)) + rot_q) % 4
            px1, py0, py1 = right, bottom, top
            # a lone UTF-16 surrogate (broken ToUnicode map) cannot be printed or encoded: U+FFFD
            ch = chr(code) if code < 0xD800 or 0xDFFF < code < 0x110000 else "\ufffd"
            if 0x2E80 <= code <= 0x2FDF:
                if ch in radical_fix:
                    ch = radical_fix[ch]
                    radicals += 1
            elif 0xF000 <= code <= 0xF0FF:
                ch = _SYMBOL_PUA.get(code, ch)
            if upright_page:
                x0, x1, y0, y1 = left - bx0, right - bx0, bottom - by0, top - by0
            else:
                xa, ya = to_display(left, bottom)
                xb, yb = to_display(right, top)
                x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
                y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if cx < -tol or cy < -tol or cx > wmax or cy > hmax:
                continue  # outside the crop box: invisible
            append((x0, x1, y0, y1, ch, code <= 32 or ch.isspace(), q))
        checked = errors = 0
        if n:
            step = max(1, n // _MAP_ERROR_SAMPLE)
            for i in range(0, n, step):
                if is_generated(tp, i) or get_unicode(tp, i) <= 32:
                    continue
                checked += 1
                if pdfium_c.FPDFText_HasUnicodeMapError(tp, i) == 1:
                    errors += 1
        return chars, {"checked": checked, "map_errors": errors, "radicals": radicals, "height": height, "width": width}
    finally:
        textpage.close()


def _page_codes(tp, n: int) -> list[int]:
    """Code points of all characters of a text page (one call; per character if that disagrees)."""
    if n <= 0:
        return []
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = pdfium_c.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    if got - 1 == n:
        units = memoryview(buf.raw[: n * 2]).cast("H").tolist()
        if not any(0xD800 <= u <= 0xDFFF for u in units):
            return units
    get_unicode = pdfium_c.FPDFText_GetUnicode
    return [get_unicode(tp, i) for i in range(n)]


@contextlib.contextmanager
def _quiet_pdfminer():
    """pdfminer logs warnings about broken files; the user gets our note instead."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


class _Redecoder:
    """pdfminer.six (through pdfplumber), opened once per file and only when a page needs it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdf = None

    def chars(self, number: int, rotation: int):
        """Characters of one page as (x0, x1, y0, y1, text, ws, q) in the display frame."""
        if self.pdf is None:
            import pdfplumber  # lazy: only for broken pages

            self.pdf = pdfplumber.open(str(self.path))
        page = self.pdf.pages[number - 1]
        try:
            w, h = float(page.width), float(page.height)
            to_display, (width, height) = _display_transform(rotation, (0.0, 0.0, w, h))
            chars = []
            radicals = 0
            for c in page.chars:
                text = c.get("text") or ""
                if not text:
                    continue
                matrix = c.get("matrix") or (1, 0, 0, 1, 0, 0)
                ang = math.atan2(-float(matrix[1]), float(matrix[0]))  # clockwise
                q = (int(round(ang / (math.pi / 2))) + rotation // 90) % 4
                fixed, n_fix = fix_radicals(text)
                radicals += n_fix
                xa, ya = to_display(float(c["x0"]), h - float(c["bottom"]))
                xb, yb = to_display(float(c["x1"]), h - float(c["top"]))
                # the box of a (cid:N) glyph holds the whole placeholder string
                chars.append((min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb), fixed, fixed.isspace(), q))
            return chars, {"radicals": radicals, "height": height, "width": width}
        finally:
            page.close()

    def close(self) -> None:
        if self.pdf is not None:
            pdf, self.pdf = self.pdf, None
            try:
                with _quiet_pdfminer():
                    pdf.close()
            except Exception:  # pdfplumber walks all pages on close; a broken one may raise
                stream = getattr(pdf, "stream", None)
                if stream is not None:
                    stream.close()


def _page_has_graphics(page: pdfium.PdfPage) -> bool:
    try:
        return pdfium_c.FPDFPage_CountObjects(page.raw) > 0
    except Exception:  # pragma: no cover - defensive
        return True


# --------------------------------------------------------------------------- geometry


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


def _build_rows(chars: list[tuple]) -> list[_Row]:
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
            rows.append(_Row(frags))
    return rows


def _fragments(chars: list[tuple]) -> list[_Frag]:
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
    frags: list[_Frag] = []
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
                frags.append(_Frag(fx0, fx1, fy0, fy1, "".join(text), size, xs))
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
        frags.append(_Frag(fx0, fx1, fy0, fy1, "".join(text), size, xs))
    if len(frags) > 1 and frags[1].x0 - frags[0].x1 < 6 * size and _LONE_MARKER_RE.match(frags[0].text):
        m, f = frags[0], frags[1]
        merged = _Frag(m.x0, f.x1, min(m.y0, f.y0), max(m.y1, f.y1), m.text + " " + f.text, size, m.xs + [f.x0] + f.xs)
        frags[:2] = [merged]
    return frags


def _norm_key(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\d+", "#", t)
    return re.sub(r"\s+", "", t)


def _is_page_number(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text).strip()
    return any(r.match(t) for r in _PAGE_NUMBER_RES)


def _edge_rows(rows: list[_Row], height: float) -> list[tuple[int, str]]:
    """Indices of rows that may be running headers/footers, with their zone ('top'/'bottom')."""
    if not rows:
        return []
    order = sorted(range(len(rows)), key=lambda i: rows[i].y1, reverse=True)
    out = []
    for i in order[:_EDGE_ROWS]:
        if rows[i].y0 >= height * (1 - _MARGIN_ZONE):
            out.append((i, "top"))
    for i in order[::-1][:_EDGE_ROWS]:
        if rows[i].y1 <= height * _MARGIN_ZONE and all(i != j for j, _ in out):
            out.append((i, "bottom"))
    return out


def _same_place(items: list[tuple[int, float]], tol: float = 4.0) -> set[int]:
    """Of (page index, y) pairs, the pages whose y is within ``tol`` of the most common y."""
    if not items:
        return set()
    buckets = Counter(round(y / tol) for _, y in items)
    best = max(buckets, key=lambda b: (buckets[b] + buckets.get(b - 1, 0) + buckets.get(b + 1, 0), buckets[b]))
    center = statistics.median(y for _, y in items if abs(round(y / tol) - best) <= 1)
    return {p for p, y in items if abs(y - center) <= tol}


def _remove_running(pages: list[_Page]) -> None:
    """Drop running headers/footers and page numbers from the upright group of every page.

    A running header/footer is an edge line (see :func:`_edge_rows`) whose text, digits
    aside, recurs at the same height on at least three pages (two in a two-page file); a
    body line that happens to recur (``該当事項はありません。``) sits at other heights. A bare
    page number is dropped when page numbers sit at the same height on most pages, or when
    the file is too short to tell.
    """
    n = len(pages)
    places: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    numbers: dict[str, list[tuple[int, float]]] = defaultdict(list)
    per_page: list[list[tuple[int, str, str, float]]] = []
    for pi, page in enumerate(pages):
        rows = page.groups[0] if page.groups else []
        cands = []
        for i, zone in _edge_rows(rows, page.height):
            key = _norm_key(rows[i].text)
            yc = (rows[i].y0 + rows[i].y1) / 2
            cands.append((i, zone, key, yc))
            if key:
                places[(zone, key)].append((pi, yc))
            if _is_page_number(rows[i].text):
                numbers[zone].append((pi, yc))
        per_page.append(cands)
    threshold = 2 if n == 2 else 3
    running: dict[tuple[str, str], set[int]] = {}
    for zk, items in places.items():
        where = _same_place(items)
        if n >= 2 and len(where) >= threshold:
            running[zk] = where
    numbered: dict[str, set[int]] = {}
    for zone, items in numbers.items():
        where = _same_place(items, tol=6.0)
        numbered[zone] = where if (n < 3 or len(where) >= max(2, 0.3 * n)) else set()
    for pi, (page, cands) in enumerate(zip(pages, per_page, strict=False)):
        if not cands:
            continue
        rows = page.groups[0]
        drop = set()
        for i, zone, key, _yc in cands:
            if pi in running.get((zone, key), ()):
                drop.add(i)
            elif _is_page_number(rows[i].text):
                if pi in numbered.get(zone, ()):
                    drop.add(i)
            elif len(rows[i].frags) > 1:
                # a footer "company name ... 18" split into cells: drop a page-number cell
                kept = [f for f in rows[i].frags if not _is_page_number(f.text)]
                if (
                    len(kept) != len(rows[i].frags)
                    and len(kept) >= 1
                    and (zone, _norm_key(" ".join(f.text for f in kept))) in running
                ):
                    rows[i].frags = kept
        if drop:
            page.groups[0] = [r for k, r in enumerate(rows) if k not in drop]


def _textlike(lines: list[list[_Frag]]) -> bool:
    chars = sum(len(f.text) for fr in lines for f in fr)
    frags = sum(len(fr) for fr in lines)
    if not frags or chars / frags < 6:
        return False
    letters = sum(1 for fr in lines for f in fr for c in f.text if c.isalpha())
    return letters / max(chars, 1) >= 0.6


def _order_rows(
    rows: list[_Row],
    depth: int = 0,
    flush: bool = True,
    hint: tuple[float, float] | None = None,
) -> list[tuple[list[_Frag], tuple[int, ...]]]:
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
            out_b: list[tuple[list[_Frag], tuple[int, ...]]] = []
            for bi, band in enumerate(bands):
                for frags, path in _order_rows(band, depth + 1, flush, hint=split):
                    out_b.append((frags, (10 + bi,) + path))
            return out_b
    out: list[tuple[list[_Frag], tuple[int, ...]]] = []
    left: list[_Row] = []
    right: list[_Row] = []

    def emit() -> None:
        for side, rs in ((0, left), (1, right)):
            for frags, path in _order_rows(rs, depth + 1, flush):
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
            left.append(_Row(lf))
        if rf:
            right.append(_Row(rf))
    emit()
    return out


def _band_cuts(rows: list[_Row], g0: float, g1: float, factor: float) -> list[list[_Row]]:
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

    def both_sides(part: list[_Row]) -> bool:
        has_l = any(f.x1 <= g0 for r in part for f in r.frags)
        has_r = any(f.x0 >= g1 for r in part for f in r.frags)
        return has_l and has_r

    bands: list[list[_Row]] = []
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


def _find_gutter(rows: list[_Row], flush: bool = True) -> tuple[float, float] | None:
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


# --------------------------------------------------------------------------- page layout


def _layout_page(page: _Page) -> None:
    lines: list[_Line] = []
    for gi, rows in enumerate(page.groups):
        if not rows:
            continue
        direction = page.directions[gi] if gi < len(page.directions) else 0
        ordered = _order_rows(rows, flush=(direction == 0))
        cols = {tuple(k for k in path if k < 9) for _, path in ordered if 9 not in path}
        if len(cols) > 1:
            page.columns = max(page.columns, len(cols))
        # column bounds per column path (and contiguous band)
        segs: list[list[tuple[list[_Frag], tuple]]] = []
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
                    _Line(
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


def _cell_edges(frags: list[_Frag]) -> dict[int, float]:
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


# --------------------------------------------------------------------------- paragraphs


@dataclass
class _Para:
    lines: list[_Line]
    first_x0: float
    cont_x0: float | None = None
    text: str = ""
    hang_x: float | None = None  # x where the text after a list marker starts


@dataclass
class _TableRow:
    line: _Line  # the last physical line that went into this row
    cells: list[str]
    x0s: list[float]  # left edge of every cell
    x1s: list[float]  # right edge of the last line of every cell
    last_full: bool  # the last cell's last line reached the right edge of the column
    table: int
    row: int


class _Assembler:
    def __init__(self, body_size: float, pitches: dict[float, float]) -> None:
        self.body_size = body_size
        self.pitches = pitches
        self.out: list[_Proto] = []
        self.para: _Para | None = None
        self.trow: _TableRow | None = None
        self.table_no = 0
        self.row_no = 0
        self.last_kind_table_page: int | None = None

    # -- helpers
    def _full(self, line: _Line, x1: float | None = None) -> bool:
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

    def _pitch_ok(self, a: _Line, b: _Line) -> bool:
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
    def _marker_end(line: _Line) -> float | None:
        f = line.frags[0]
        m = _MARKER_RE.match(f.text)
        if not m or m.end() >= len(f.text):
            return None
        return f.xs[m.end()]

    # -- main
    def feed(self, line: _Line) -> None:
        if len(line.frags) > 1:
            self._feed_row(line)
            return
        frag = line.frags[0]
        cell = self._continues_cell(line) if self.trow is not None else None
        if cell is not None:
            t = self.trow
            t.cells[cell] = _join_lines(t.cells[cell], frag.text.strip())
            t.x1s[cell] = line.x1
            if cell == len(t.cells) - 1:
                t.last_full = self._cell_full(line, line.x0, line.x1)
            t.line = line
            return
        if self.trow is not None and self._row_label(line):
            t = self.trow
            t.cells[0] = _join_lines(t.cells[0], frag.text.strip())
            return
        self._close_row()
        if self.para is not None and self._continues(self.para, line):
            self._append(self.para, line)
            return
        if self.para is not None and self._side_label(self.para, line):
            self.out.append(_Proto(BlockKind.PARAGRAPH, frag.text.strip(), line.page))
            return
        self._close_para()
        self._start_para(line)

    def _side_label(self, p: _Para, b: _Line) -> bool:
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

    def _start_para(self, line: _Line) -> None:
        p = _Para([line], line.x0, text=line.frags[0].text.strip())
        p.hang_x = self._marker_end(line)
        self.para = p

    def _append(self, p: _Para, line: _Line) -> None:
        if len(p.lines) == 1 or p.cont_x0 is None:
            p.cont_x0 = line.x0
        p.lines.append(line)
        p.text = _join_lines(p.text, line.frags[0].text.strip())

    def _continues(self, p: _Para, b: _Line, x0: float | None = None) -> bool:
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
        if _LEADER_RE.search(atext) or _LEADER_RE.search(btext) or _MARKER_RE.match(btext):
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
    def _word_pushed(a: _Line, b: _Line, btext: str) -> bool:
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

    def _cell_full(self, line: _Line, x0: float, x1: float) -> bool:
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

    def _row_label(self, b: _Line) -> bool:
        """A wrapped or centred label in the first cell beside a last cell that goes on."""
        t = self.trow
        a = t.line
        em = b.size
        if len(t.cells) < 2 or b.page != a.page or b.col_key != a.col_key or not t.last_full:
            return False
        if b.x1 > t.x0s[1] - em or b.x0 < t.x0s[0] - 4 * em:
            return False
        return -0.5 * em <= a.yc - b.yc <= 2.5 * em

    def _continues_cell(self, b: _Line) -> int | None:
        """Index of the cell of the open table row that line ``b`` continues (wrapped cell text)."""
        t = self.trow
        a = t.line
        em = b.size
        if b.page != a.page or b.col_key != a.col_key or not self._pitch_ok(a, b):
            return None
        if _MARKER_RE.match(b.frags[0].text):
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

    def _feed_row(self, line: _Line) -> None:
        # a label to the left of a paragraph that goes on in the last cell
        p = self.para
        if p is not None and self.trow is None:
            last = line.frags[-1]
            others = line.frags[:-1]
            left_limit = min(p.first_x0, p.cont_x0 if p.cont_x0 is not None else p.first_x0)
            if all(f.x1 < left_limit - 0.5 * line.size for f in others) and self._continues(p, line, x0=last.x0):
                label = " ".join(f.text.strip() for f in others)
                self.out.append(_Proto(BlockKind.PARAGRAPH, label, line.page))
                single = _Line(
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
            self.out.append(_Proto(BlockKind.TABLE_CELL, text, t.line.page, table=t.table, row=t.row))
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
        heading = _heading_kind(text)
        big = first.size >= 1.2 * self.body_size
        kind = BlockKind.PARAGRAPH
        if len(text) <= _HEADING_MAX_CHARS and not text.endswith("。") and not _LEADER_RE.search(text):
            if heading is not None and (len(p.lines) == 1 or big):
                self.out.append(_Proto(BlockKind.HEADING, text, first.page, heading=heading))
                return
            if heading is None and big and len(p.lines) <= 2 and len(text) <= 40 and not _NOTE_RE.match(text):
                self.out.append(_Proto(BlockKind.HEADING, text, first.page, heading=_BIG_FONT))
                return
        if _LIST_BULLET_RE.match(text) or (
            _MARKER_RE.match(text) and not _NOTE_RE.match(text) and not text.startswith("【")
        ):
            kind = BlockKind.LIST_ITEM
        self.out.append(_Proto(kind, text, first.page))

    def finish(self) -> list[_Proto]:
        self._close_row()
        self._close_para()
        return self.out


def _heading_kind(text: str) -> tuple[str, int | None] | None:
    for kind, rank, rx in _HEADING_RULES:
        if rx.match(text):
            return kind, rank
    return None


def _assign_sections(protos: list[_Proto], path: str) -> list[Block]:
    """Demote list-like heading runs, then give every block its heading path."""
    i = 0
    n = len(protos)
    while i < n:
        h = protos[i].heading
        if protos[i].kind is BlockKind.HEADING and h is not None and h[0] not in _NOT_LIST_KINDS:
            j = i + 1
            while j < n and protos[j].kind is BlockKind.HEADING and protos[j].heading == h:
                j += 1
            if j - i >= 2:
                for k in range(i, j):
                    protos[k].kind = BlockKind.LIST_ITEM
                    protos[k].heading = None
            i = j
        else:
            i += 1
    stack: list[tuple[str, int | None, str]] = []  # (kind, fixed rank, text)
    blocks: list[Block] = []
    for p in protos:
        level = None
        if p.kind is BlockKind.HEADING and p.heading is not None:
            kind, rank = p.heading
            if rank is not None:
                while stack and (stack[-1][1] is None or stack[-1][1] >= rank):
                    stack.pop()
            else:
                same = kind if kind != "bracket" else "bracket"
                idx = next(
                    (k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == same and stack[k][1] is None), None
                )
                if idx is not None:
                    del stack[idx:]
                elif kind == "bracket" and stack and stack[-1][1] is None:
                    stack.pop()  # 【…】 after ①【…】 items is their sibling
            stack.append((kind, rank, p.text))
            level = len(stack)
        section = tuple(t for _, _, t in stack)
        loc = Location(file=path, page=p.page, section=section, table=p.table, row=p.row)
        blocks.append(Block(p.kind, p.text, loc, level))
    return blocks


# --------------------------------------------------------------------------- metadata


def _iso_from_jdate(m: re.Match[str]) -> str | None:
    era, year, month, day = m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
    y = 1 if year == "元" else int(year)
    if era:
        y += _ERA_BASE[era]
    elif y < 1900:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{y:04d}-{month:02d}-{day:02d}"


def _find_date(text: str) -> str | None:
    t = unicodedata.normalize("NFKC", text)
    m = _JDATE_RE.search(t)
    if m:
        return _iso_from_jdate(m)
    m = _DATE_RE.search(t)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _pdf_date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", value.strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    if not (1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _cover_metadata(blocks: list[Block], max_page: int = 5) -> dict[str, str]:
    meta: dict[str, str] = {}
    for b in blocks:
        if b.location.page is None or b.location.page > max_page:
            break
        t = unicodedata.normalize("NFKC", b.text)
        if "date" not in meta and "提出日" in t:
            d = _find_date(t.split("提出日", 1)[1])
            if d:
                meta["date"] = d
        if "fiscal_year_end" not in meta and "事業年度" in t and "至" in t:
            d = _find_date(t.split("至", 1)[1])
            if d:
                meta["fiscal_year_end"] = d
        if "company" not in meta and "【会社名】" in b.text:
            rest = b.text.split("【会社名】", 1)[1].strip(" |\u3000")
            if rest:
                meta["company"] = rest.split(" | ")[0].strip()
    return meta


# --------------------------------------------------------------------------- reader


def _clean(value: Any) -> str:
    return str(value or "").strip(" \u3000\t\r\n")


@register("pdf", extensions=(".pdf",), sniff=lambda head, path: b"%PDF-" in head[:1024], priority=10)
def read_pdf(path: Path, limits: Limits) -> Document:
    """Read a PDF into a Document (one Block per paragraph, heading or table row)."""
    path = Path(path)
    with _PDFIUM_LOCK:  # PDFium is not thread-safe; layout below runs outside the lock
        pages, notes, counts, n_pages, meta_raw = _read_document(path, limits)
    return _build_document(path, pages, notes, counts, n_pages, meta_raw)


# Streams PDFium would inflate and parse when it loads a page: a 3 MB Flate bomb content stream
# reached 4.2 GB and 70 KB holding 3 M text operators 5.9 GB. Checked on the raw file before PDFium
# sees it; image streams are skipped (PDFium decodes images only to render them).
MAX_TEXT_OPERATORS_PER_STREAM = 200_000  # a dense page has a few thousand
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_STEP = 1 << 20


def _check_streams(path: Path, limits: Limits) -> None:
    """Inflate every FlateDecode stream that is not an image, 1 MB at a time, never keeping
    more than a megabyte: the sum must stay under ``--max-unzip-mb`` and no stream may hold more
    than :data:`MAX_TEXT_OPERATORS_PER_STREAM` text-showing operators (``Tj``, ``TJ``)."""
    import mmap
    import zlib

    limit = int(limits.max_uncompressed_mb * 1024 * 1024)
    total = 0
    try:
        fh = path.open("rb")
    except OSError:
        return  # _open reports it
    with fh:
        try:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            return
        with mm:
            for m in _STREAM_START.finditer(mm):
                head = mm[max(0, m.start() - 2048) : m.start()]
                cut = head.rfind(b"obj")
                head = head[cut:] if cut >= 0 else head
                if b"FlateDecode" not in head or b"/Image" in head:
                    continue
                end = mm.find(b"endstream", m.end())
                end = len(mm) if end < 0 else end
                inflater = zlib.decompressobj()
                pos, ops, tail = m.end(), 0, b""
                try:
                    while pos < end and not inflater.eof:
                        data = inflater.decompress(mm[pos : min(end, pos + _STEP)], _STEP)
                        pos += _STEP
                        while True:
                            total += len(data)
                            if total > limit:
                                raise InputError("input.zip_bomb", limit_mb=int(limits.max_uncompressed_mb))
                            window = tail + data
                            ops += window.count(b"Tj") + window.count(b"TJ") - tail.count(b"Tj") - tail.count(b"TJ")
                            if ops > MAX_TEXT_OPERATORS_PER_STREAM:
                                raise LimitExceeded("limit.pdf_operators", limit=f"{MAX_TEXT_OPERATORS_PER_STREAM:,}")
                            tail = window[-1:]
                            if not inflater.unconsumed_tail:
                                break
                            data = inflater.decompress(inflater.unconsumed_tail, _STEP)
                except zlib.error:
                    continue  # a broken stream: PDFium decides what it makes of it


def _read_document(path: Path, limits: Limits):
    _check_streams(path, limits)
    doc = _open(path)
    try:
        try:
            n_pages = len(doc)
        except pdfium.PdfiumError as exc:
            raise InputError("input.pdf_corrupt", reason=str(exc)) from exc
        if n_pages == 0:
            raise InputError("input.pdf_corrupt", reason="no pages")
        if n_pages > limits.max_pages:
            raise LimitExceeded("limit.pages", pages=n_pages, limit=limits.max_pages)
        try:
            meta_raw = doc.get_metadata_dict(skip_empty=True)
        except Exception:  # pragma: no cover - metadata is optional
            meta_raw = {}
        pages, notes, counts = _read_pages(doc, path, n_pages, limits)
    finally:
        doc.close()
    return pages, notes, counts, n_pages, meta_raw


def _build_document(
    path: Path, pages: list[_Page], notes: list[ReaderNote], counts: dict[str, int], n_pages: int, meta_raw: dict
) -> Document:
    if counts["text"] == 0:
        if counts["garbled"]:
            raise InputError("input.pdf_garbled", pages=n_pages)
        raise InputError("input.pdf_no_text", pages=n_pages)

    _remove_running(pages)
    for page in pages:
        _layout_page(page)
        if page.columns > 1:
            notes.append(ReaderNote("note.pdf_columns", page=page.number, params={"columns": page.columns}))

    lines = [ln for page in pages for ln in page.lines]
    body_size, pitches = _doc_stats(lines)
    asm = _Assembler(body_size, pitches)
    for ln in lines:
        asm.feed(ln)
    blocks = _assign_sections(asm.finish(), str(path))

    notes.sort(key=lambda n: n.page or 0)
    metadata: dict[str, Any] = {"pages": n_pages}
    title = _clean(meta_raw.get("Title"))
    if title.lower() in ("untitled", "無題", "none") or re.fullmatch(
        r"(?i)microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pptx?|xlsx?)", title
    ):
        title = ""  # generator defaults and file names say nothing about the document
    if not title:
        title = next((b.text for b in blocks if b.kind is BlockKind.HEADING), "")
    if title:
        metadata["title"] = title
    cover = _cover_metadata(blocks)
    date = cover.pop("date", None) or _pdf_date(meta_raw.get("CreationDate"))
    if date:
        metadata["date"] = date
    metadata.update(cover)
    author = _clean(meta_raw.get("Author"))
    if author and "company" not in metadata and re.search(r"株式会社|会社|Inc|Corp|Co\.|Ltd", author):
        metadata["company"] = author
    return Document(path=str(path), format="pdf", blocks=blocks, metadata=metadata, notes=notes)


def _read_pages(doc: pdfium.PdfDocument, path: Path, n_pages: int, limits: Limits):
    """Characters of every page, classified; text pages grouped into rows (no layout yet)."""
    pages: list[_Page] = []
    notes: list[ReaderNote] = []
    counts = {"text": 0, "garbled": 0, "image": 0, "chars": 0}
    redecoder = _Redecoder(path)
    try:
        for number in range(1, n_pages + 1):
            pages.append(_read_page(doc, number, limits, notes, counts, redecoder))
    finally:
        redecoder.close()
    return pages, notes, counts


def _read_page(
    doc: pdfium.PdfDocument,
    number: int,
    limits: Limits,
    notes: list[ReaderNote],
    counts: dict[str, int],
    redecoder: _Redecoder,
) -> _Page:
    try:
        page = doc[number - 1]
    except pdfium.PdfiumError as exc:
        raise InputError("input.pdf_corrupt", reason=f"page {number}: {exc}") from exc
    try:
        try:
            chars, stats = _pdfium_chars(page, number)
        except pdfium.PdfiumError as exc:
            raise InputError("input.pdf_corrupt", reason=f"page {number}: {exc}") from exc
        counts["chars"] += len(chars)
        if counts["chars"] > limits.max_chars:
            raise LimitExceeded("limit.chars", limit=limits.max_chars)
        kind, ratio = _classify_chars(chars, stats)
        if kind == "garbled":
            rotation = page.get_rotation() % 360
            chars, stats, kind, ratio = _fallback(redecoder, number, rotation, chars, stats)
            if kind == "ok":
                notes.append(ReaderNote("note.pdf_redecoded", page=number))
        result = _Page(number, stats["height"])
        if kind == "empty":
            if _page_has_graphics(page):
                notes.append(ReaderNote("note.pdf_no_text_page", page=number))
                counts["image"] += 1
            return result
        if kind in ("cid", "garbled"):
            if kind == "cid":
                notes.append(ReaderNote("note.pdf_cid_page", page=number, params={"ratio": ratio}))
            else:
                notes.append(ReaderNote("note.pdf_garbled_page", page=number))
            counts["garbled"] += 1
            return result
        counts["text"] += 1
        if stats.get("radicals"):
            notes.append(ReaderNote("note.pdf_radicals", page=number, params={"count": stats["radicals"]}))
        if _group_chars(chars, result):
            notes.append(ReaderNote("note.pdf_vertical_page", page=number))
        return result
    finally:
        page.close()


def _classify_chars(chars: list[tuple], stats: dict) -> tuple[str, float]:
    text = "".join(c[4] for c in chars)
    return classify_page_text(text, stats.get("map_errors", 0), stats.get("checked", 0))


def _fallback(redecoder: _Redecoder, number: int, rotation: int, chars, stats):
    """Re-decode a page whose fonts PDFium cannot map to Unicode with pdfminer.six."""
    try:
        with _quiet_pdfminer():
            pchars, pstats = redecoder.chars(number, rotation)
    except Exception:  # pdfminer failing on a broken page is no reason to stop
        return chars, stats, "garbled", 1.0
    kind, ratio = _classify_chars(pchars, {})
    if kind == "empty":
        kind = "garbled"
    return pchars, pstats, kind, ratio


def _group_chars(chars: list[tuple], page: _Page) -> bool:
    """Split characters by writing direction into flow-frame rows; True if the page is vertical."""
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
    page.groups = [_build_rows(groups.get(q, [])) for q in order]
    page.directions = order
    return visible_upright > 0 and n_vertical >= 0.5 * visible_upright and n_vertical >= 10


def _doc_stats(lines: list[_Line]) -> tuple[float, dict[float, float]]:
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
