"""Decoding Japanese text files (plain text, Markdown, HTML).

Strict UTF-8 first, then a BOM (UTF-8 / UTF-16 / UTF-32), then CP932 / EUC-JP. charset-normalizer
is asked (restricted to Japanese encodings), but its answer is only taken when the decoded text
really looks Japanese: short Japanese texts are often mis-detected, so every candidate is decoded
strictly and scored.
"""

from __future__ import annotations

import unicodedata

from ..model.document import ReaderNote
from ..model.errors import InputError
from .layout import _is_kanji, has_japanese

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
