"""Plain text and Markdown reader, plus the Japanese text helpers the HTML/XBRL readers share.

Decoding (:func:`decode_bytes`): strict UTF-8 first, then a BOM (UTF-8 / UTF-16 / UTF-32),
then CP932 / EUC-JP. charset-normalizer is asked (restricted to Japanese encodings), but its
answer is only taken when the decoded text really looks Japanese: short Japanese texts are
often mis-detected, so every candidate is decoded strictly and scored.

Blocks: paragraphs are separated by blank lines; hard-wrapped lines are joined without a space
between Japanese characters (:func:`join_wrapped`). List items (``・``, ``-``, ``1.``, ``（１）``,
``①`` …) become LIST_ITEM blocks. Markdown ``#`` headings become HEADING blocks with their
level; in plain text, short numbered lines without ``。`` (``(6) 情報セキュリティについて``,
``第2 事業の状況``, ``【事業等のリスク】``, ``３．管理体制``) are headings, with levels assigned by
numbering style in order of first appearance (:class:`HeadingPath`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Block, BlockKind, Document, Location, ReaderNote
from ..errors import InputError, LimitExceeded
from . import _REGISTRY, Limits, register

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
# decoding
# ---------------------------------------------------------------------------

ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "cp932": "Shift_JIS (CP932)",
    "euc_jp": "EUC-JP",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "utf-32-le": "UTF-32LE",
    "utf-32-be": "UTF-32BE",
    "iso2022_jp": "ISO-2022-JP",
}

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")


def _score(text: str) -> float:
    """How much ``text`` looks like real Japanese (per character; higher is better)."""
    if not text:
        return 0.0
    score = 0.0
    for c in text:
        o = ord(c)
        if "\u3041" <= c <= "\u309f":
            score += 3  # hiragana: the strongest signal
        elif "\u30a0" <= c <= "\u30ff":
            score += 2
        elif _is_kanji(c):
            score += 1
        elif o < 0x80:
            score += 0.5 if (c.isprintable() or c in _ALLOWED_CONTROLS) else -10
        elif "\uff61" <= c <= "\uff9f":
            score -= 3  # half-width katakana: typical of EUC-JP read as CP932
        elif "\ue000" <= c <= "\uf8ff" or unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs"):
            score -= 10
        elif "\u3000" <= c <= "\u303f" or "\uff01" <= c <= "\uff60":
            score += 1  # Japanese punctuation, full-width forms
    return score / len(text)


_SAMPLE = 200_000


def _looks_japanese(text: str) -> bool:
    """A decoded text is accepted only if it contains Japanese and no binary junk
    (control, unassigned or private-use characters). Choosing between encodings that both
    pass is :func:`_score`'s job."""
    text = text[:_SAMPLE]
    if not has_japanese(text):
        return False
    bad = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs") and c not in _ALLOWED_CONTROLS)
    return bad <= len(text) // 1000


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _charset_normalizer_guess(data: bytes, encodings: list[str]) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - dependency is declared
        return None
    try:
        best = from_bytes(data, cp_isolation=encodings).best()
    except Exception:  # pragma: no cover - a detector failure must not stop reading
        return None
    if best is None:
        return None
    name = best.encoding.lower().replace("-", "_")
    return {"shift_jis": "cp932", "cp932": "cp932", "euc_jp": "euc_jp"}.get(name)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a Japanese text file. Returns ``(text, codec)``; raises InputError.

    ``codec`` is a Python codec name (``utf-8``, ``utf-8-sig``, ``cp932``, ``euc_jp``,
    ``utf-16-le`` …); :data:`ENCODING_LABELS` gives the label shown to users.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec.replace("-sig", ""))
            if text is None:
                raise InputError("input.decode_failed")
            return text, codec
    if b"\x00" in data:
        # UTF-16 without a BOM has NULs in every ASCII character; anything else is binary.
        for codec in ("utf-16-le", "utf-16-be"):
            text = _strict(data, codec) if len(data) % 2 == 0 else None
            if text is not None and _looks_japanese(text) and "\x00" not in text:
                return text, codec
        raise InputError("input.unknown_format")
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    candidates = {}
    for codec in ("cp932", "euc_jp"):
        decoded = _strict(data, codec)
        if decoded is not None and _looks_japanese(decoded):
            candidates[codec] = decoded
    if not candidates:
        raise InputError("input.decode_failed")
    if len(candidates) == 1:
        codec = next(iter(candidates))
        return candidates[codec], codec
    # Both decode: CP932 mojibake of EUC-JP never contains hiragana (CP932 hiragana need a 0x82
    # lead byte, which EUC-JP never has) and vice versa, so hiragana decide first, then the score.
    guess = _charset_normalizer_guess(data, ["cp932", "euc_jp"])
    keys = {}
    for codec, decoded in candidates.items():
        sample = decoded[:_SAMPLE]
        hiragana = sum(1 for c in sample if "\u3041" <= c <= "\u309f")
        keys[codec] = (hiragana / max(1, len(sample)), _score(sample))
    best = max(keys, key=keys.get)
    # Trust the detector when it agrees with the evidence or the evidence is a tie
    if guess in candidates and keys[guess][0] >= keys[best][0] and keys[guess][1] >= keys[best][1] - 0.25:
        best = guess
    return candidates[best], best


def encoding_note(codec: str) -> ReaderNote | None:
    if codec in ("utf-8", "utf-8-sig"):
        return None
    return ReaderNote("note.encoding", params={"encoding": ENCODING_LABELS.get(codec, codec)})


def looks_like_text(head: bytes) -> bool:
    """Sniff: could these first bytes be a text file in an encoding we read?"""
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13, 27))
    if controls > len(head) // 100:
        return False
    for cut in range(4):  # the head may end in the middle of a multi-byte character
        chunk = head[: len(head) - cut] if cut else head
        for codec in ("utf-8", "cp932", "euc_jp"):
            text = _strict(chunk, codec)
            if text is not None and (codec == "utf-8" or _looks_japanese(text)):
                return True
    return False


# ---------------------------------------------------------------------------
# line joining
# ---------------------------------------------------------------------------

_SENTENCE_END = "。．！？!?"
# characters a Japanese line never starts with (kinsoku) or a paragraph never starts with (を):
# a line starting with one continues the previous line
_CONTINUATION_START = "、。，．）」』】〕〉》ーっゃゅょぁぃぅぇぉッャュョァィゥェォをヶ々"


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


# ---------------------------------------------------------------------------
# plain text / markdown parsing
# ---------------------------------------------------------------------------

_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
_MD_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|(?=[^#\s]))(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_MD_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_ORDERED = re.compile(r"[0-9]+[.)](?=[ \t])")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _md_inline(text: str) -> str:
    """Strip inline Markdown markup that a reader does not see."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"~~(?=\S)(.+?)(?<=\S)~~", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~])", r"\1", text)
    return text


def _split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


@dataclass
class _Para:
    """The open block. Its lines are folded into ``parts`` exactly as repeated
    :func:`join_wrapped` calls would join them, but without rebuilding the whole text for every
    line (that was quadratic: 50 k hard-wrapped lines 1.3 s, 200 k 14 s, 1 M > 200 s);
    ``raw.text`` is filled in by :meth:`flush`."""

    raw: Raw
    last_line: str
    parts: list[str] = field(default_factory=list)
    count: int = 1
    chunks: list[str] = field(default_factory=list)  # earlier parts, joined 4096 at a time

    def __post_init__(self) -> None:
        self.parts = [self.raw.text]

    def add(self, second: str) -> None:
        parts = self.parts
        while True:  # a = text.rstrip(" \t"), touching only the tail
            if not parts:
                if not self.chunks:
                    break
                parts.append(self.chunks.pop())
            last = parts[-1]
            stripped = last.rstrip(" \t")
            if stripped:
                if stripped != last:
                    parts[-1] = stripped
                break
            parts.pop()  # empty once stripped: the text ends earlier
        b = second.lstrip(" \t\u3000")
        self.count += 1
        if not parts:
            parts.append(b)
        elif b:
            if not (is_wide(parts[-1][-1]) or is_wide(b[0])):
                parts.append(" ")
            parts.append(b)
        if len(parts) > 4096:  # few large strings instead of millions of small ones
            self.chunks.append("".join(parts))
            parts.clear()

    def flush(self) -> Raw:
        self.raw.text = "".join(self.chunks) + "".join(self.parts)
        self.chunks, self.parts = [], [self.raw.text]
        return self.raw


class _TextParser:
    def __init__(self, lines: list[str], markdown: bool) -> None:
        self.lines = lines
        self.markdown = markdown
        self.raws: list[Raw] = []
        self.open: _Para | None = None
        self.tables = 0
        self.front_matter: list[str] = []
        nonblank_idx = [i for i, ln in enumerate(lines) if ln.strip(" \t\f\v\u3000")]
        widths = sorted(display_width(lines[i].strip()) for i in nonblank_idx)
        self.wrap_width = widths[max(0, math.ceil(len(widths) * 0.9) - 1)] if widths else 0
        # Paragraphs are separated by blank lines when there is a blank line between text lines.
        self.blank_mode = markdown or (
            len(nonblank_idx) >= 2 and nonblank_idx[-1] - nonblank_idx[0] + 1 > len(nonblank_idx)
        )

    # -- helpers --
    def close(self) -> None:
        if self.open is not None:
            raw = self.open.flush()
            raw.text = raw.text.strip(" \t\u3000")
            if self.markdown:
                raw.text = _md_inline(raw.text).strip()
            if raw.text:
                self.raws.append(raw)
        self.open = None

    def looks_wrapped(self, line: str) -> bool:
        s = line.rstrip()
        if not s:
            return False
        if s[-1] in "、，,":
            return True
        if s[-1] in _SENTENCE_END:
            return False
        return self.wrap_width > 0 and display_width(s.strip()) >= 0.8 * self.wrap_width

    def continues(self, line: str) -> bool:
        """May ``line`` (not a marker line) continue the open block?"""
        op = self.open
        if op is None or op.raw.kind == BlockKind.HEADING:
            return False
        if line.startswith("\u3000"):
            return False  # a full-width indent starts a new Japanese paragraph
        if line.strip()[:1] in _CONTINUATION_START:
            return True
        if self.markdown:
            return True  # paragraph continuation / lazy list-item continuation
        if self.looks_wrapped(op.last_line):
            return True
        if not self.blank_mode or op.raw.kind == BlockKind.LIST_ITEM:
            return line[:1] in (" ", "\t") and op.raw.kind == BlockKind.LIST_ITEM
        # blank-line mode: lines of a paragraph belong together, except a short title line
        first = op.count == 1 and op.raw.text == op.last_line.strip()  # raw.text is current while count == 1
        title = first and len(op.last_line.strip()) <= 20 and not re.search(r"[、。，．,.:：]", op.last_line)
        return not title

    def start(self, raw: Raw, line: str) -> None:
        self.close()
        self.open = _Para(raw, line)

    def add(self, line: str) -> None:
        assert self.open is not None
        self.open.add(line)  # = join_wrapped(text, line), linear in the number of lines
        self.open.last_line = line

    # -- main loop --
    def parse(self) -> list[Raw]:
        lines = self.lines
        i = 0
        n = len(lines)
        if self.markdown and n and lines[0].strip() == "---":  # YAML front matter
            for j in range(1, min(n, 200)):
                if lines[j].strip() in ("---", "..."):
                    self.front_matter = lines[1:j]
                    i = j + 1
                    break
        while i < n:
            line = lines[i].rstrip()
            lineno = i + 1
            stripped = line.strip(" \t\f\v")
            if not stripped.strip("\u3000"):
                self.close()
                i += 1
                continue
            if self.markdown:
                consumed = self.markdown_line(i, line, stripped)
                if consumed:
                    i += consumed
                    continue
                if stripped.startswith(">"):
                    line = re.sub(r"^\s*(>\s?)+", "", line)
                    stripped = line.strip()
                    if not stripped:
                        self.close()
                        i += 1
                        continue
            self.text_line(line, stripped, lineno)
            i += 1
        self.close()
        return self.raws

    def markdown_line(self, i: int, line: str, stripped: str) -> int:
        lines = self.lines
        lineno = i + 1
        m = _MD_FENCE.match(line)
        if m:
            fence = m.group(1)
            body: list[str] = []
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence):
                body.append(lines[j].rstrip())
                j += 1
            self.close()
            text = "\n".join(body).strip("\n")
            if text.strip():
                self.raws.append(Raw(BlockKind.PARAGRAPH, text, {"line": lineno}))
            return j - i + 1
        m = _MD_ATX.match(line)
        if m:
            self.close()
            text = _md_inline(m.group(2).strip())
            if text:
                self.raws.append(Raw(BlockKind.HEADING, text, {"line": lineno}, level=len(m.group(1))))
            return 1
        if _MD_HR.match(line) and not (
            self.open
            and self.open.raw.kind == BlockKind.PARAGRAPH
            and line.strip().startswith("-")
            and set(line.strip()) <= {"-"}
        ):
            self.close()
            return 1
        m = _MD_SETEXT.match(line)
        if m and self.open is not None and self.open.raw.kind == BlockKind.PARAGRAPH:
            raw = self.open.flush()
            self.open = None
            raw.kind = BlockKind.HEADING
            raw.level = 1 if m.group(1)[0] == "=" else 2
            raw.text = _md_inline(raw.text.strip())
            self.raws.append(raw)
            return 1
        if "|" in stripped and i + 1 < len(lines) and _MD_TABLE_SEP.match(lines[i + 1]) and "-" in lines[i + 1]:
            self.close()
            self.tables += 1
            j = i
            row = 0
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                if j != i + 1:
                    row += 1
                    for col, cell in enumerate(_split_row(lines[j]), start=1):
                        text = _md_inline(cell).strip()
                        if text:
                            self.raws.append(
                                Raw(
                                    BlockKind.TABLE_CELL,
                                    text,
                                    {"line": j + 1, "table": self.tables, "row": row, "column": col},
                                )
                            )
                j += 1
            return j - i
        return 0

    def text_line(self, line: str, stripped: str, lineno: int) -> None:
        loc = {"line": lineno}
        if self.markdown:
            bullet = bullet_match(stripped)
            style, _ = numbering_style(stripped)
            if _MD_ORDERED.match(stripped) or (style is not None and style not in ("dai", "sumi", "angle", "mark")):
                self.start(Raw(BlockKind.LIST_ITEM, stripped, loc, style=style), line)
            elif bullet is not None:
                # "- item": the bullet is markup; "・item": the bullet is part of the text
                text = stripped[bullet.end() :].strip() if stripped[:1] in "-*+" else stripped
                self.start(Raw(BlockKind.LIST_ITEM, text, loc), line)
            elif self.open is not None and self.continues(line):
                self.add(stripped)
            else:
                self.start(Raw(BlockKind.PARAGRAPH, stripped, loc), line)
            return
        # plain text
        style, _ = numbering_style(stripped)
        bullet = bullet_match(stripped)
        if style is None and bullet is None and self.open is not None and self.continues(line):
            self.add(stripped)
            return
        self.start(numbered_raw(stripped, loc), line)
        if self.open is not None and self.open.raw.candidate:
            self.close()  # a heading candidate is a single line


def parse_text(text: str, file: str, markdown: bool) -> tuple[list[Block], dict[str, Any]]:
    from ..suppress import is_directive

    # inline suppression comments are not text: blank lines keep every other line's number
    lines = ["" if "disclint-" in ln and is_directive(ln) else ln for ln in _LINE_SPLIT.split(text)]
    parser = _TextParser(lines, markdown)
    raws = parser.parse()
    blocks = finalize(raws, file)
    meta: dict[str, Any] = {}
    fm = parser.front_matter
    if fm:
        for ln in fm:
            m = re.match(r"^(title|date|company)\s*:\s*(.+)$", ln.strip())
            if m:
                meta[m.group(1)] = m.group(2).strip().strip("\"'")
    if markdown and "title" not in meta:
        first = next((b for b in blocks if b.kind == BlockKind.HEADING), None)
        if first is not None:
            meta["title"] = first.text
    return blocks, meta


# ---------------------------------------------------------------------------
# reader registration
# ---------------------------------------------------------------------------

_TEXT_EXTS = (".txt", ".text")
_MD_EXTS = (".md", ".markdown")


def _sniff_text(head: bytes, path: Path) -> bool:
    """Lowest-priority sniff: a text-looking file whose extension no other reader claims."""
    ext = path.suffix.lower()
    if ext not in _TEXT_EXTS:
        for spec in _REGISTRY.values():
            if spec.name != "text" and ext in spec.extensions:
                return False
    return looks_like_text(head)


def _never(head: bytes, path: Path) -> bool:
    return False


def _read(path: Path, limits: Limits, markdown: bool) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError("input.not_readable", reason=exc.strerror or type(exc).__name__) from exc
    text, codec = decode_bytes(data)
    if len(text) > limits.max_chars:
        raise LimitExceeded("limit.chars", limit=limits.max_chars)
    blocks, meta = parse_text(text, str(path), markdown)
    if not blocks:
        raise InputError("input.no_text")
    notes = [n for n in [encoding_note(codec)] if n is not None]
    meta["encoding"] = ENCODING_LABELS.get(codec, codec)
    return Document(str(path), "markdown" if markdown else "text", blocks, meta, notes)


@register("text", extensions=_TEXT_EXTS, sniff=_sniff_text, priority=90)
def read_text(path: Path, limits: Limits) -> Document:
    """Plain text (also any text-looking file with an unknown extension)."""
    return _read(path, limits, markdown=path.suffix.lower() in _MD_EXTS)


@register("markdown", extensions=_MD_EXTS, sniff=_never, priority=91)
def read_markdown(path: Path, limits: Limits) -> Document:
    return _read(path, limits, markdown=True)
