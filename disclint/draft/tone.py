"""Sentence endings for the tone of a document type.

Our templates are written in the plain style (である調), with a small set of sentence
endings. :func:`apply_tone` rewrites the end of each sentence (the text before 。) into

- ``dearu``: unchanged (有報の事業等のリスク),
- ``desumasu``: です・ます調 (統合報告書, CSR, 情報セキュリティ報告書): している。-> しています。,
- ``oru``: the formal ます調 of 有報 and CG reports: している。-> しております。, である。-> であります。

Only endings are touched; a sentence already ending in ます/です (an overriding template
written in that style) is left alone. Endings not in the table stay as written, and the
tests check that every sentence of our own templates converts.
"""

from __future__ import annotations

import re

# longest first; (plain ending, desumasu, oru)
_ENDINGS: tuple[tuple[str, str, str], ...] = (
    ("ものではない", "ものではありません", "ものではありません"),
    ("ではない", "ではありません", "ではありません"),
    ("ていく", "ていきます", "てまいります"),
    ("ている", "ています", "ております"),
    ("ていた", "ていました", "ておりました"),
    ("であった", "でした", "でした"),  # 「でありました」 is rare in filings
    ("である", "です", "であります"),
    ("できる", "できます", "できます"),
    ("とする", "とします", "としております"),
    ("する", "します", "します"),
    ("した", "しました", "しました"),
    ("ある", "あります", "あります"),
    ("なる", "なります", "なります"),
    ("当たる", "当たります", "当たっております"),
    ("図る", "図ります", "図ります"),
    ("限る", "限ります", "限ります"),
    ("いる", "います", "おります"),
    ("める", "めます", "めます"),
    ("れる", "れます", "れます"),
    ("せる", "せます", "せます"),
    ("じる", "じます", "じます"),
    ("ける", "けます", "けます"),
    ("える", "えます", "えます"),
    ("行う", "行います", "行っております"),
    ("担う", "担います", "担っております"),
    ("伴う", "伴います", "伴います"),
    ("指す", "指します", "指しております"),
    ("示す", "示します", "示します"),
    ("たす", "たします", "たします"),
    ("組む", "組みます", "組んでおります"),
    ("進む", "進みます", "進んでおります"),
    ("含む", "含みます", "含みます"),
    ("防ぐ", "防ぎます", "防ぎます"),
    ("及ぶ", "及びます", "及びます"),
    ("結ぶ", "結びます", "結んでおります"),
    ("置く", "置きます", "置いております"),
    ("続く", "続きます", "続きます"),
)
_POLITE = re.compile(r"(ます|です|ません|ました|でした)$")
_SENTENCE_END = re.compile(r"([^。]+?)(。)")

TONES = ("dearu", "desumasu", "oru")


def _split_tail(sentence: str) -> tuple[str, str]:
    """「…を設置している（2024年度末時点）」 -> (「…を設置している」, 「（2024年度末時点）」)."""
    if not sentence.endswith(("）", ")")):
        return sentence, ""
    depth = 0
    for i in range(len(sentence) - 1, -1, -1):
        c = sentence[i]
        if c in "）)":
            depth += 1
        elif c in "（(":
            depth -= 1
            if depth == 0:
                return sentence[:i], sentence[i:]
    return sentence, ""


def convert_ending(sentence: str, tone: str) -> str:
    """Rewrite the ending of one sentence (without its 。); a closing note in brackets stays after it."""
    head, tail = _split_tail(sentence)
    if tail and head:
        return convert_ending(head, tone) + tail
    if tone == "dearu" or _POLITE.search(sentence):
        return sentence
    col = 1 if tone == "desumasu" else 2
    for row in _ENDINGS:
        if sentence.endswith(row[0]):
            return sentence[: -len(row[0])] + row[col]
    return sentence


def apply_tone(text: str, tone: str) -> str:
    if tone == "dearu":
        return text
    return _SENTENCE_END.sub(lambda m: convert_ending(m.group(1), tone) + m.group(2), text)


def unconverted(text: str, tone: str) -> list[str]:
    """Sentences of ``text`` (already converted) that do not end in the tone's style."""
    out = []
    for m in _SENTENCE_END.finditer(text):
        s = _split_tail(m.group(1))[0] or m.group(1)
        polite = bool(_POLITE.search(s))
        if (tone == "dearu") == polite:
            out.append(m.group(1).strip())
    return out
