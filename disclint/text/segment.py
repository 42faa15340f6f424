"""Japanese sentence segmentation and SudachiPy-safe chunking.

Both functions return spans that **partition** the input: consecutive ``(start, end)``
pairs from 0 to ``len(text)``, so no character is lost or duplicated and every span
maps straight back to the original text (needed for findings and Word comments).

Sentence rules, written for real disclosure text rather than clean prose:
- a sentence ends after 。．！？!? (and any closing brackets or quotes that follow);
- a full stop inside 「…」『…』（…）【…】 does not end the sentence (quoted speech,
  parenthetical notes), but a line break always does, which also recovers from an
  unbalanced bracket;
- lines without 。 (headings such as ``(6) 情報セキュリティについて``, bullets) end at the
  line break;
- runs of whitespace stay attached to the preceding sentence.

SudachiPy rejects inputs over 49,149 UTF-8 bytes, and memory grows ≈ 67 KB per token, so
:func:`chunk_spans` packs whole sentences into chunks under a byte budget and hard-splits
only a single sentence that is longer than the budget (flattened tables, lists with no 。).
"""

from __future__ import annotations

SUDACHI_MAX_BYTES = 49_149
DEFAULT_CHUNK_BYTES = 40_000  # headroom under the SudachiPy limit

_TERMINATORS = frozenset("。．！？!?")
_OPENERS = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "【": "】",
    "〔": "〕",
    "［": "］",
    "｛": "｝",
    "〈": "〉",
    "《": "》",
    "“": "”",
}
_CLOSERS = frozenset(_OPENERS.values()) | frozenset("’\"'")
_NEWLINES = frozenset("\n\r\u2028\u2029")
_SPACES = frozenset(" \t\u3000\u00a0")
# A bracket left open longer than this is treated as unbalanced: its 。 end sentences again.
_MAX_QUOTED = 400


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans that partition it."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    start = 0
    stack: list[str] = []
    opened_at = 0
    i = 0
    while i < n:
        ch = text[i]
        end_here = False
        if ch in _NEWLINES:
            stack.clear()
            end_here = True
        elif ch in _OPENERS:
            if not stack:
                opened_at = i
            stack.append(_OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in _TERMINATORS:
            if stack and i - opened_at > _MAX_QUOTED:
                stack.clear()
            if not stack:
                end_here = True
        if end_here:
            j = i + 1
            # absorb repeated terminators and closing quotes: 「…。」 ！？
            while j < n and (text[j] in _TERMINATORS or text[j] in _CLOSERS) and ch not in _NEWLINES:
                j += 1
            # absorb trailing whitespace and line breaks
            while j < n and (text[j] in _SPACES or text[j] in _NEWLINES):
                j += 1
            if text[start:j].strip():
                spans.append((start, j))
                start = j
            i = j
            continue
        i += 1
    if start < n:
        if spans and not text[start:].strip():
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((start, n))
    elif not spans and n:
        spans.append((0, n))
    return spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def _hard_split(text: str, start: int, end: int, max_bytes: int) -> list[tuple[int, int]]:
    """Split text[start:end] into pieces under max_bytes, preferring 、 or spaces."""
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        size = 0
        cut = pos
        best_soft = -1
        while cut < end:
            b = len(text[cut].encode("utf-8"))
            if size + b > max_bytes:
                break
            size += b
            cut += 1
            if text[cut - 1] in "、，, \u3000\t":
                best_soft = cut
        if cut < end and best_soft > pos and (cut - best_soft) < 200:
            cut = best_soft
        if cut == pos:  # cannot happen with max_bytes >= 4, but never loop forever
            cut = pos + 1
        out.append((pos, cut))
        pos = cut
    return out


def chunk_spans(text: str, max_bytes: int = DEFAULT_CHUNK_BYTES) -> list[tuple[int, int]]:
    """Pack sentences into chunks of at most ``max_bytes`` UTF-8 bytes (spans partition text)."""
    if max_bytes < 4:
        raise ValueError("max_bytes must be at least 4")
    chunks: list[tuple[int, int]] = []
    cur_start: int | None = None
    cur_end = 0
    cur_bytes = 0
    for s, e in sentence_spans(text):
        size = len(text[s:e].encode("utf-8"))
        if size > max_bytes:
            if cur_start is not None:
                chunks.append((cur_start, cur_end))
                cur_start = None
                cur_bytes = 0
            chunks.extend(_hard_split(text, s, e, max_bytes))
            continue
        if cur_start is not None and cur_bytes + size > max_bytes:
            chunks.append((cur_start, cur_end))
            cur_start = None
            cur_bytes = 0
        if cur_start is None:
            cur_start = s
        cur_end = e
        cur_bytes += size
    if cur_start is not None:
        chunks.append((cur_start, cur_end))
    return chunks
