"""Selective Unicode normalisation with an offset map back to the original text.

Matching wants NFKC (ＡＢＣ１２３ -> ABC123, ｶﾞｲﾄﾞﾗｲﾝ -> ガイドライン, the Kangxi radical ⽇ -> 日),
but plain NFKC destroys meaning that disclosures rely on: ①② become 12, ～ becomes ~,
… becomes ..., ㈱ becomes (株). So we apply NFKC one character cluster at a time,
skip a keep-list, add the CJK-radical-supplement characters NFKC leaves alone, and
record for every output character the index of the original character it came from.
Later stages (findings, Word comments) map spans back through :meth:`NormalizedText.to_original`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Characters whose NFKC form loses meaning in a disclosure.
_KEEP_RANGES = (
    (0x2460, 0x24FF),  # enclosed alphanumerics: ①..⑳, ⑴, ⒈, ⓐ
    (0x2160, 0x2188),  # roman numerals Ⅰ Ⅱ ⅰ ⅱ (item numbering (ⅰ)…(ⅳ))
    (0x3200, 0x33FF),  # enclosed CJK and CJK compatibility: ㈱ ㊤ ㎡ ㍻
)
_KEEP_CHARS = frozenset(
    "～〜…‥・"  # wave dashes, ellipses, middle dot keep their Japanese sense
    "²³¹"  # superscripts (m², footnote marks)
)

# CJK Radicals Supplement (U+2E80–2EFF) characters seen in bad ToUnicode maps that NFKC
# does not fold (it only folds 2 of the block). Equivalent_Unified_Ideograph from Unicode's
# EquivalentUnifiedIdeograph.txt, limited to the ones that occur in business text. Public: the PDF
# reader repairs the same characters where a broken font map produced them.
RADICAL_SUPPLEMENT: dict[str, str] = {
    "\u2e8c": "\u5c0f",  # ⺌ 小
    "\u2e8d": "\u5c0f",
    "\u2e94": "\u5f51",
    "\u2e95": "\u5f50",
    "\u2e97": "\u5fc3",  # ⺗ 心
    "\u2e98": "\u624b",
    "\u2e99": "\u6534",
    "\u2e9b": "\u65e0",
    "\u2e9e": "\u6b7a",
    "\u2e9f": "\u6bcd",
    "\u2ea0": "\u6c11",
    "\u2ea4": "\u722b",
    "\u2ea6": "\u4e2c",
    "\u2ea8": "\u72ad",
    "\u2eab": "\u7f52",
    "\u2eb2": "\u7f52",
    "\u2eb9": "\u8002",
    "\u2ebc": "\u8089",
    "\u2ebe": "\u8279",
    "\u2ec4": "\u897f",
    "\u2ec6": "\u89d2",
    "\u2ecc": "\u8fb6",
    "\u2ecf": "\u961d",
    "\u2ed6": "\u961d",
    "\u2ed7": "\u96e8",
    "\u2edd": "\u98df",
    "\u2ee0": "\u9963",
    "\u2ee4": "\u9b3c",
    "\u2eeb": "\u6589",
    "\u2eed": "\u6b6f",
    "\u2eef": "\u7adc",
    "\u2ef2": "\u4e80",
    "\u2ef3": "\u9f9f",
}

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
# Default-ignorable code points (Unicode DerivedCoreProperties: Default_Ignorable_Code_Point)
# that a renderer hides: soft hyphen, combining grapheme joiner, Arabic letter mark, Mongolian
# free variation selectors, bidi marks / embeddings / overrides / isolates, invisible operators,
# variation selectors (VS1-16 and the ideographic VS17-256), tag characters. Inside 「万全」 they
# would make a rule miss what the reader sees, so they are dropped (offsets still map back).
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_ZERO_WIDTH = frozenset(_ZERO_WIDTH_CHARS) | frozenset(
    chr(c) for lo, hi in _IGNORABLE_RANGES for c in range(lo, hi + 1)
)


def _kept(ch: str) -> bool:
    if ch in _KEEP_CHARS:
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _KEEP_RANGES)


def _is_combining(ch: str) -> bool:
    # U+3099/U+309A are the combining (han)dakuten of NFD kana; U+FF9E/U+FF9F the
    # half-width ones (ｶﾞ), which are spacing characters but compose under NFKC.
    return unicodedata.combining(ch) != 0 or ch in "\u3099\u309a\uff9e\uff9f"


@dataclass(frozen=True)
class NormalizedText:
    text: str
    starts: Sequence[int]  # starts[i]: index in the original of the cluster behind char i
    ends: Sequence[int]  # ends[i]: end (exclusive) of that cluster
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to a span of the original text."""
        if start >= len(self.starts):
            return (self.original_length, self.original_length)
        o_start = self.starts[start]
        if end <= start:
            return (o_start, o_start)
        return (o_start, self.ends[min(end, len(self.ends)) - 1])


_CHAR_CACHE: dict[str, str] = {}
_SLOW_CHARS = re.compile(
    "[\u0300-\u036f\u3099\u309a\uff9e\uff9f" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _IGNORABLE_RANGES) + "]"
)


def _char_result(ch: str) -> str:
    r = _CHAR_CACHE.get(ch)
    if r is None:
        if _kept(ch):
            r = ch
        elif ch in RADICAL_SUPPLEMENT:
            r = RADICAL_SUPPLEMENT[ch]
        else:
            r = unicodedata.normalize("NFKC", ch)
        if len(_CHAR_CACHE) < 100_000:
            _CHAR_CACHE[ch] = r
    return r


def normalize(text: str) -> NormalizedText:
    # Fast path (almost all text): no combining marks or zero-width characters, and every
    # character normalises to exactly one character, so the offset map is the identity.
    if not _SLOW_CHARS.search(text) and not any(unicodedata.combining(c) for c in set(text)):
        table = {ord(c): _char_result(c) for c in set(text)}
        if all(len(r) == 1 for r in table.values()):
            n = len(text)
            return NormalizedText(text.translate(table), range(n), range(1, n + 1), n)
    return _normalize_slow(text)


def _normalize_slow(text: str) -> NormalizedText:
    out_chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        if text[i] in _ZERO_WIDTH:  # dropped alone: a mark after it keeps its own cluster
            i += 1
            continue
        j = i + 1
        while j < n and _is_combining(text[j]):
            j += 1
        cluster = text[i:j]
        ch = cluster[0]
        if len(cluster) == 1 and _kept(ch):
            result = ch
        elif ch in RADICAL_SUPPLEMENT:
            result = RADICAL_SUPPLEMENT[ch]
        else:
            result = unicodedata.normalize("NFKC", cluster)
        for c in result:
            out_chars.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    return NormalizedText("".join(out_chars), tuple(starts), tuple(ends), n)
