"""Rewrites for the ``pattern`` check's ``suggest`` option (``suggest: "module:function"``).

``suru_suggestion`` serves ``understandability.sahen-okonau``: verbal noun + を + 行う -> the noun +
する, in the sentence's own conjugated form.
"""

from __future__ import annotations

from typing import Any

# ---------------------------------------------------------------- sahen + 行う
# The surface of 行う (by its conjugated form) -> the same form of する, chosen by what follows.
_SURU_STEM = {"行う": "する", "行い": "し", "行っ": "し", "行お": "しよ"}
# auxiliaries and conjunctive particles that belong to the predicate (kept as written)
_PRED_LEMMAS = frozenset(
    {"て", "で", "おる", "いる", "ます", "た", "ない", "ず", "ぬ", "れる", "せる", "ば", "う", "ござる", "たり"}
)


def _suru_form(verb: str, nxt: str) -> str | None:
    if verb in _SURU_STEM:
        return _SURU_STEM[verb]
    if verb == "行わ":  # 未然形: 行わない -> しない, 行わず -> せず, 行われる -> される, 行わせる -> させる
        return {
            "ない": "し",
            "なかっ": "し",
            "ず": "せ",
            "ぬ": "せ",
            "れ": "さ",
            "れる": "さ",
            "せ": "さ",
            "せる": "さ",
        }.get(nxt)
    if verb == "行え" and nxt == "ば":
        return "すれ"
    return None


# particles after which a verbal noun stands free (「当社は監視を行う」「取引先と協議を行う」)
_FREE_AFTER = frozenset(
    {
        "は",
        "が",
        "に",
        "で",
        "へ",
        "も",
        "から",
        "まで",
        "より",
        "と",
        "にて",
        "ては",
        "では",
        "には",
        "とも",
        "て",
        "ば",
    }
)


def _modifies(toks: list[Any], i: int) -> bool:
    """Whether token ``i`` modifies the noun after it (or lists it with another noun).

    An adnominal (の, な, 的な, an adjective, a verb or auxiliary in the attributive form), a
    listing mark (・, や, 及び, 、 right after a noun) or a number make the noun part of a larger
    phrase; a case particle, an adverb or a clause comma (「当社は、」) leave it free.
    """
    t = toks[i]
    if t.text in ("、", ",", "，"):
        return (
            i >= 1
            and toks[i - 1].pos_ in ("NOUN", "PROPN", "NUM", "SYM")
            or (i >= 1 and toks[i - 1].text in ("）", ")", "」"))
        )
    if t.pos_ in ("ADP", "SCONJ"):
        return t.text not in _FREE_AFTER
    if t.pos_ in ("ADV", "PUNCT", "INTJ", "SPACE"):
        return t.text in ("・", "･")
    if (t.pos_ == "AUX" and t.text == "に") or (t.pos_ == "ADJ" and t.text.endswith("く")) or "副詞可能" in t.tag_:
        return False  # adverbial form or noun: 「速やかに調査を行う」「厳しく審査を行う」「毎年点検を行う」
    return True  # ADJ, AUX, VERB, DET, CCONJ, NUM, SYM, PRON, …


def suru_suggestion(window: list[Any], toks: list[Any], k: int) -> tuple[int, str] | None:
    """``suggest`` of the sahen-okonau pattern: verbal noun + を + 行う -> the noun + する, conjugated.

    The suggestion keeps the sentence's register and form: the auxiliaries after 行う (て・おり・ます・た …)
    and a following 読点 are part of the match and kept as written; only 行う becomes the same
    conjugated form of する (「監視を行っており」->「監視しており」, 「対応を行い、」->「対応し、」).
    A form that cannot be conjugated safely gives None (no finding).
    """
    noun, verb = window[0], window[-1]
    # the verbal noun closes a compound (「企業活動を行う」「標的型攻撃メール訓練を行い」): 「企業活動する」
    # 「…メール訓練し」 are not natural Japanese, so no suggestion (judged: most such suggestions were wrong)
    # (a noun used as an adverb stays free: 「毎年点検を行う」->「毎年点検する」)
    if k >= 1 and toks[k - 1].pos_ in ("NOUN", "PROPN", "NUM") and "副詞可能" not in toks[k - 1].tag_:
        return None
    # a modified noun has no verb form: 「適切な管理を行う」->「適切な管理する」, 「ログの監視を行う」
    # ->「ログの監視する」 and 「監視・分析を行う」->「監視・分析する」 are not Japanese
    if k >= 1 and _modifies(toks, k - 1):
        return None
    j = k + len(window)
    tail: list[Any] = []
    while j < len(toks) and len(tail) < 4 and toks[j].lemma_ in _PRED_LEMMAS:
        tail.append(toks[j])
        j += 1
    form = _suru_form(verb.text, tail[0].text if tail else "")
    if form is None:
        return None
    if j < len(toks) and toks[j].text in ("、", ","):
        tail.append(toks[j])
        j += 1
    return j - 1, noun.text + form + "".join(t.text + t.whitespace_ for t in tail).rstrip()
