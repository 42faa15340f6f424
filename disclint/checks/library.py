"""Functions behind the built-in ``python`` rules (``python: disclint.checks.library:name``).

Each is ``func(ctx, check) -> Iterable[Hit]``; options come from ``check.options`` (with
the defaults declared in the rule's YAML). Offsets are in the normalised text unless the
Hit says ``on_norm=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..document import BlockKind
from ..i18n import join_list, t
from ..text.eras import date_pattern
from .base import PROSE_KINDS, TEXT_KINDS, CheckContext, Hit
from .existence import following_list


def _opt(check: Any, name: str, default: Any) -> Any:
    return check.options.get(name, default)


def _group_by_section(ctx: CheckContext, idx: Iterable[int]) -> dict[tuple[str, ...], list[int]]:
    groups: dict[tuple[str, ...], list[int]] = {}
    for i in idx:
        groups.setdefault(ctx.doc.blocks[i].location.section, []).append(i)
    return groups


# ---------------------------------------------------------------- relevance
_VAGUE = re.compile(
    r"適切|必要に応じ|適宜|定期的|随時(?![^。]{0,20}(でき|閲覧))|努め|継続的|強化を図|万全を期|推進して"
)
# A paragraph that names an internal rule or a framework is specific, however it is worded.
_NAMED_RULE = re.compile(r"規程|規則|規定|マニュアル|ガイドライン|手順書|細則|要領")


def boilerplate(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """A short cyber paragraph made only of generic phrases: no number, name or term."""
    max_chars = int(_opt(check, "max_chars", 150))
    specific = re.compile(_opt(check, "specific", "")) if _opt(check, "specific", "") else None
    for i, b in ctx.blocks(check.scope, PROSE_KINDS):
        text = b.norm.text.strip()
        if not text or len(text) > max_chars or re.search(r"[0-9A-Za-z「『]", text) or _NAMED_RULE.search(text):
            continue
        if specific is not None and specific.search(text):
            continue
        # a lead paragraph whose list gives the frequency, the figures or the mechanism is not boilerplate
        items = following_list(ctx, i)
        if items and (
            re.search(r"[0-9A-Za-z「『]|毎[年月週日]|ごと", items)
            or _NAMED_RULE.search(items)
            or (specific is not None and specific.search(items))
        ):
            continue
        sents = [text[s:e] for s, e in ctx.sentences(i) if b.norm.text[s:e].strip()]
        if sents and all(_VAGUE.search(s) for s in sents):
            start = len(b.norm.text) - len(b.norm.text.lstrip())
            yield Hit(i, start, start + len(text))


_RISK_SECTION = re.compile(r"事業等のリスク|リスク要因|主要なリスク|リスク(について|情報)")


def _risk_blocks(ctx: CheckContext, check: Any) -> list[int]:
    pat = re.compile(_opt(check, "section_pattern", _RISK_SECTION.pattern))
    out = []
    for i, b in ctx.blocks("cyber", PROSE_KINDS):
        if i in ctx.cyber_blocks or ctx.all_in_scope:
            if ctx.all_in_scope or any(pat.search(h) for h in b.location.section):
                out.append(i)
    return out


_THREATS = {
    "ランサムウェア": r"ランサム|身代金",
    "サプライチェーン攻撃": r"サプライチェーン|サプライヤ|取引先|仕入先|調達先|委託先|外部委託|業務委託|協力会社|ビジネスパートナー",
}


def threats_for_year(check: Any, year: int | None) -> tuple[int | None, dict[str, str]]:
    """The top threats of the list in force in ``year``: the latest list published in or before it.

    ``threats_by_year`` (rule option) maps a list's year to ``{name: regex}``; without it, or for a
    document older than every list, ``threats`` (or the built-in pair) is used.
    """
    by_year = {int(y): v for y, v in (_opt(check, "threats_by_year", {}) or {}).items()}
    if by_year:
        if year is None:
            y = max(by_year)
        else:
            older = [y for y in by_year if y <= year]
            y = max(older) if older else min(by_year)
        return y, dict(by_year[y])
    return None, dict(_opt(check, "threats", _THREATS))


def top_threats(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """The risk section discusses cyber risk but names none of the top threats of its own period.

    The period is the document's own date (metadata, else the latest year it reports on), so a
    filing of FY2017 is compared with the list of 2017, not with today's.
    """
    idx = _risk_blocks(ctx, check)
    if not idx:
        return
    text = "\n".join(ctx.doc.blocks[i].norm.text for i in idx)
    list_year, threats = threats_for_year(check, ctx.doc_year)
    missing = [name for name, rx in threats.items() if not re.search(rx, text)]
    if missing:
        params = {
            "threats": join_list(missing, ctx.lang),
            "list_year": list_year or "",
        }
        yield Hit(idx[0], None, None, params, data={"threats": missing, "list_year": list_year})


_MITIGATION = re.compile(r"対策|体制|講じ|防止|実施|整備|導入|構築")
_RESIDUAL = re.compile(
    r"困難|限ら|限りません|防ぎきれ|防ぎ切れ|完全に(は|防ぐことは|排除することは)|否定でき|にもかかわらず|"
    r"しかしながら|ゼロに|残存|残余|想定を超え|可能性は(ある|あり)|場合があ|"
    # 「これらのリスクを完全に排除できるものではありません」「完全に防止できるわけではない」
    r"完全に[^。]{0,15}?(でき(ない|ず|ません|るもの(では|でな))|ものでは|わけでは|ことは)|"
    r"(排除|回避|防止|阻止)(でき|し切れ|しきれ)(ない|ず|ません|るものでは)|避けられ(ない|ず|ません)|"
    r"万一|万が一"
)
# A residual-risk sentence that speaks of the risks or measures in general (「これらのリスク」「上記の対策を
# 講じても」) covers every item of the risk section, wherever it stands; 「上記のような規制…困難」 in
# another item does not (the general word must name risks, measures or events).
_GENERAL = re.compile(
    r"(これら|上記|以上|前記|いずれ|すべて|全て|各種|当該)の?[^。、]{0,6}?(リスク|対策|取組|取り組み|施策|措置|事象)"
)


def _risk_root(sec: tuple[str, ...], pat: re.Pattern[str]) -> tuple[str, ...]:
    """The heading path down to the risk-section heading: every item below it shares this root."""
    for k, h in enumerate(sec):
        if pat.search(h):
            return sec[: k + 1]
    return sec


def no_residual_risk(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """Cyber risk text that lists measures but never says some risk remains.

    Residual-risk wording counts across the whole risk item (every paragraph under the item's
    heading, not only the cyber ones) and across the whole risk section when it speaks of the
    risks in general (a closing 「これらの対策を講じても…完全に防ぐことは困難」). One finding per
    risk section at most.
    """
    pat = re.compile(_opt(check, "section_pattern", _RISK_SECTION.pattern))
    idx = _risk_blocks(ctx, check)
    roots: dict[tuple[str, ...], list[int]] = {}
    for i in idx:
        roots.setdefault(_risk_root(ctx.doc.blocks[i].location.section, pat), []).append(i)
    for root, blocks in roots.items():
        mitigating = [i for i in blocks if _MITIGATION.search(ctx.doc.blocks[i].norm.text)]
        if not mitigating:
            continue
        items = {ctx.doc.blocks[i].location.section for i in blocks}
        covered = False
        for j, b in enumerate(ctx.doc.blocks):
            if b.kind not in PROSE_KINDS or b.location.section[: len(root)] != root:
                continue
            text = b.norm.text
            if not _RESIDUAL.search(text):
                continue
            if j in blocks or b.location.section in items or b.location.section == root:
                covered = True
                break
            for s, e in ctx.sentences(j):
                if _RESIDUAL.search(text[s:e]) and _GENERAL.search(text[s:e]):
                    covered = True
                    break
            if covered:
                break
        if not covered:
            yield Hit(mitigating[0], None, None)


# ---------------------------------------------------------------- comparability
_DATES = re.compile(date_pattern(month=None, day=None) + r"|\d{1,2}\s*月\s*\d{1,2}\s*日")
_QUANTITY = re.compile(
    r"\d[\d,.]*\s*(%|件|回|名|人|台|社|時間|日|か月|ヶ月|カ月|億円|百万円|千円|万円|円|拠点|種類|割|倍|ポイント|システム|部署|項目|講座|時間)"
)


def _cyber_root(ctx: CheckContext, sec: tuple[str, ...]) -> tuple[str, ...]:
    """The outermost cyber section on ``sec``'s path: its subsections (基本方針, 体制, 指標 …) are
    parts of one cyber disclosure and are judged together."""
    from ..normalize import normalize

    for k in range(1, len(sec) + 1):
        if sec[:k] in ctx.cyber_sections or ctx.scope.terms.search(normalize(sec[k - 1]).text):
            return sec[:k]
    return sec


def no_quantitative_facts(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """A cyber section of some length with no quantitative fact (count, rate, amount).

    A subsection is judged with the whole cyber section it belongs to: a 基本方針 subsection
    without figures is fine when the 指標 subsection of the same cyber section gives them.
    """
    min_chars = int(_opt(check, "min_chars", 300))
    idx = [i for i, _ in ctx.blocks(check.scope, TEXT_KINDS)]
    groups: dict[tuple[str, ...], list[int]] = {}
    for sec, blocks in _group_by_section(ctx, idx).items():
        if not ctx.all_in_scope and sec not in ctx.cyber_sections:
            continue
        groups.setdefault(_cyber_root(ctx, sec), []).extend(blocks)
    for _root, blocks in groups.items():
        blocks.sort()
        prose = [
            i for i in blocks if ctx.doc.blocks[i].kind in PROSE_KINDS and (ctx.all_in_scope or i in ctx.cyber_blocks)
        ]
        if not prose or sum(len(ctx.doc.blocks[i].norm.text) for i in prose) < min_chars:
            continue
        if any(_QUANTITY.search(_DATES.sub("", ctx.doc.blocks[i].norm.text)) for i in blocks):
            continue
        sec = ctx.doc.blocks[prose[0]].location.section
        yield Hit(prose[0], None, None, {"section": " > ".join(sec) if sec else ""})


_FW = re.compile(r"[０-９]+(?:[，．,.][０-９]+)*")  # 「１，２００」「４．３」 are one number
_HW = re.compile(r"[0-9]+(?:[,.][0-9]+)*")


def mixed_width_digits(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """Full-width and half-width digits mixed in running text: flag the minority form.

    Single digits and numbers of two or more digits are compared separately: the usual
    convention of Japanese filings (全角 for one digit, 半角 for more: 「６月」「2025年」) is
    consistent, not mixed.
    """
    classes: dict[bool, tuple[list[tuple[int, re.Match[str]]], list[tuple[int, re.Match[str]]]]] = {
        False: ([], []),
        True: ([], []),
    }
    for i, b in ctx.blocks(check.scope, PROSE_KINDS):
        for m in _FW.finditer(b.text):
            classes[len(m.group(0)) > 1][0].append((i, m))
        for m in _HW.finditer(b.text):
            classes[len(m.group(0)) > 1][1].append((i, m))
    hits: list[tuple[int, re.Match[str], str]] = []
    for full, half in classes.values():
        if not full or not half:
            continue
        minority, majority = (full, "half") if len(full) <= len(half) else (half, "full")
        hits += [(i, m, t(f"check.width.{majority}", ctx.lang)) for i, m in minority]
    hits.sort(key=lambda h: (h[0], h[1].start()))
    for i, m, majority in hits[: int(_opt(check, "max_findings", 5))]:
        yield Hit(i, m.start(), m.end(), {"match": m.group(0), "majority": majority}, on_norm=False)


# ---------------------------------------------------------------- understandability
@lru_cache(maxsize=4)
def load_glossary(path: str | None = None) -> dict[str, dict[str, Any]]:
    from ..resources import data_dir, load_yaml

    p = Path(path) if path else data_dir("rules") / "glossary.yml"
    data = load_yaml(p.read_text(encoding="utf-8")) or {}
    return dict(data.get("terms") or {})


def _term_regex(term: str) -> re.Pattern[str]:
    if re.fullmatch(r"[A-Za-z0-9/\-.]+", term):
        return re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z0-9])")
    return re.compile(re.escape(term))


def unexplained_acronym(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """A glossary term whose first use has no long form or parenthetical note nearby."""
    glossary = load_glossary(_opt(check, "glossary", None))
    window = int(_opt(check, "window", 80))
    blocks = ctx.doc.blocks
    # the whole document in order, to know what came before the first use
    for term, info in glossary.items():
        rx = _term_regex(term)
        longs = [normalize_term(x) for x in (info or {}).get("long", [])]
        seen_long = False
        for i, b in enumerate(blocks):
            text = b.norm.text
            # a plain substring test first (fast); the regex (word boundaries) only where the term occurs
            m = rx.search(text) if term in text else None
            if not m:
                if longs and any(lf in text for lf in longs):
                    seen_long = True
                continue
            before, after = text[max(0, m.start() - window) : m.start()], text[m.end() : m.end() + window]
            explained = (
                seen_long
                or any(lf in before or lf in after or lf in text[: m.start()] for lf in longs)
                or re.match(r"\s*[(:：]", text[m.end() :]) is not None  # EDR（Endpoint …）, CISO：…
                or re.match(r"\s*(?:[*＊※†]|\(?注\s*\d)", text[m.end() :])
                is not None  # CSIRT*1, ISMS※ (a footnote explains it)
                or re.match(r"/[A-Za-z][A-Za-z-]*\s*[(]", text[m.end() :])
                is not None  # CSIRT/FSIRT（Computer/Factory …）
                or re.search(r"[(]\s*$", text[: m.start()]) is not None
                and m.start() > 1  # 長い名称（EDR）
                or re.search(rf"[(]\s*{re.escape(term)}\s*[:：)]", after) is not None  # 「X-CSIRT」（CSIRT：…）
            )
            if not explained and b.kind in TEXT_KINDS and ctx.in_scope(i, check.scope):
                yield Hit(i, m.start(), m.end(), {"match": m.group(0), "long": (info or {}).get("en") or ""})
            break


def normalize_term(s: str) -> str:
    from ..normalize import normalize

    return normalize(s).text


_DESU = re.compile(r"(ます|ました|ません|ませんでした|です|でした|ましょう|ください|下さい)[)」』]*[。.]\s*$")
_DEARU = re.compile(r"(である|であった|だ|だった|ない|なかった|た|る|う|く|す|つ|む|ぶ|ぐ|い)[)」』]*[。.]\s*$")


def mixed_style(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """である調 and です・ます調 mixed within one section: flag the minority sentences."""
    max_per = int(_opt(check, "max_per_section", 3))
    idx = [i for i, _ in ctx.blocks(check.scope, {BlockKind.PARAGRAPH})]
    for _sec, blocks in _group_by_section(ctx, idx).items():
        desu: list[tuple[int, int, int]] = []
        dearu: list[tuple[int, int, int]] = []
        for i in blocks:
            text = ctx.doc.blocks[i].norm.text
            if re.match(r"\s*([(]?注|※)", text):
                continue
            for s, e in ctx.sentences(i):
                sent = text[s:e]
                if _DESU.search(sent):
                    desu.append((i, s, e))
                elif _DEARU.search(sent):
                    dearu.append((i, s, e))
        if not desu or not dearu:
            continue
        if len(desu) < len(dearu) or (len(desu) == len(dearu) and dearu[0] < desu[0]):
            minority, style, other = desu, "desumasu", "dearu"
        else:
            minority, style, other = dearu, "dearu", "desumasu"
        style, other = t(f"check.style.{style}", ctx.lang), t(f"check.style.{other}", ctx.lang)
        for i, s, e in minority[:max_per]:
            sent = ctx.doc.blocks[i].norm.text[s:e]
            st = s + len(sent) - len(sent.lstrip())
            yield Hit(i, st, s + len(sent.rstrip()), {"style": style, "other": other, "count": len(minority)})


# ---------------------------------------------------------------- timeliness
_STALE = [
    re.compile(r"10大脅威\s*(\d{4})"),
    re.compile(r"(\d{4})\s*年?\s*版"),
    re.compile(
        r"(\d{4})\s*年度?\s*(?:に実施された|に公表された|の|に)?\s*(?:調査|統計|白書|報告書|レポート|ランキング)"
    ),
]


def stale_reference(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """Statistics, surveys or threat lists dated more than ``max_age_years`` before the document."""
    year = ctx.doc_year
    if year is None:
        return
    max_age = int(_opt(check, "max_age_years", 2))
    for i, b in ctx.blocks(check.scope):
        text = b.norm.text
        seen: set[int] = set()
        for rx in _STALE:
            for m in rx.finditer(text):
                y = int(m.group(1))
                if m.start() in seen or not 1990 <= y <= year or year - y <= max_age:
                    continue
                seen.add(m.start())
                yield Hit(i, m.start(), m.end(), {"match": m.group(0), "year": y, "doc_year": year, "age": year - y})


_FULL_DATE = re.compile(date_pattern() + r"|\d{4}[/-]\d{1,2}[/-]\d{1,2}")


def no_report_date(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """Neither the file's properties nor its opening blocks give a date."""
    if ctx.doc.metadata.get("date") or not ctx.doc.blocks:
        return
    # only a cybersecurity document is judged: a privacy or IR policy page is not our business
    if ctx.doc_coverage.cyber_passages < int(_opt(check, "min_cyber_passages", 0)):
        return
    head = int(_opt(check, "head_blocks", 40))
    if any(_FULL_DATE.search(b.norm.text) for b in ctx.doc.blocks[:head]):
        return
    yield Hit(None)


def no_cyber_content(ctx: CheckContext, check: Any) -> Iterable[Hit]:
    """The document has text but the mapper found no cybersecurity passage in it."""
    prose = [b for b in ctx.doc.blocks if b.kind in PROSE_KINDS and b.text.strip()]
    if len(prose) < int(_opt(check, "min_blocks", 1)):
        return
    if not any(r.cyber for r in ctx.results):
        yield Hit(None)


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
