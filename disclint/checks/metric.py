"""``metric``: a measured quantity above a threshold.

``measure``: ``sentence_chars`` (characters per sentence, URLs and whitespace not
counted), ``kanji_run`` (longest run of consecutive kanji) or ``katakana_run``.
``skip_brackets`` (sentence_chars) does not count the inside of 「」『』 (quoted names) nor a parenthetical
aside with its brackets. A run of three or more labels with no punctuation at all (a table of
contents or a menu kept on one line) is not a sentence and is not measured.
``max``: the largest allowed value. The message gets ``{value}`` and ``{max}``. For the runs,
``allow`` lists runs that are fine and ``skip_quoted`` skips runs inside 「」『』 (names of
regulations, committees and bodies, which the writer cannot shorten). ``skip_names`` skips
proper nouns, which the writer cannot break up either: the document's own company name (from
its metadata), names of legal entities (a run that starts with or ends in 株式会社, 有限会社,
… or is followed by ホールディングス/グループ, see ``entity_pattern``) and runs that SudachiPy
(the tokenizer of GiNZA) tags as proper nouns (名詞-固有名詞) for most of their length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..registry import checks
from .base import PROSE_KINDS, Check, CheckContext, Hit

_URL = re.compile(r"https?://\S+")
_SPACE = re.compile(r"\s+")
# the inside of 「…」『…』(…): a quoted name or a parenthetical gloss is read as one unit, not as clauses
# (a quoted name stays in the sentence as one word, its brackets counted; a parenthetical aside, brackets
# and all, is not part of the sentence read aloud)
_BRACKETED = re.compile(r"(?<=「)[^「」]*(?=」)|(?<=『)[^『』]*(?=』)|\([^()]*\)")
# a run of labels with no punctuation at all (a table of contents or a menu saved on one line) is no sentence
_PUNCT = re.compile(r"[、。,.，．!?！？]")
_RUNS = {
    "kanji_run": re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々〆ヵヶ]+"),
    "katakana_run": re.compile(r"[\u30a1-\u30faー・]+"),
}


@checks.register("metric")
class Metric(Check):
    OPTIONS = {
        "measure": "sentence_chars",
        "max": 100,
        "allow": [],
        "skip_quoted": False,
        "skip_names": False,
        "entity_pattern": "",
        "skip_brackets": False,
    }

    def setup(self) -> None:
        if self.options["measure"] not in ("sentence_chars", *_RUNS):
            raise ValueError(f"unknown measure {self.options['measure']!r}")
        if self.kinds is None:
            self.kinds = PROSE_KINDS
        self.allow = set(self.options["allow"])
        self.entity = re.compile(self.options["entity_pattern"]) if self.options["entity_pattern"] else None

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        measure, limit = self.options["measure"], int(self.options["max"])
        for i, b in ctx.blocks(self.scope, self.kinds):
            text = b.norm.text
            if measure == "sentence_chars":
                for s, e in ctx.sentences(i):
                    sent = text[s:e]
                    if not _PUNCT.search(sent) and len(sent.split()) >= 3:
                        continue
                    counted = _BRACKETED.sub("", sent) if self.options["skip_brackets"] else sent
                    n = len(_SPACE.sub("", _URL.sub("", counted)))
                    if n > limit:
                        st = s + (len(sent) - len(sent.lstrip()))
                        yield Hit(i, st, s + len(sent.rstrip()), {"value": n, "max": limit})
            else:
                quoted = _quoted_spans(text) if self.options["skip_quoted"] else []
                for m in _RUNS[measure].finditer(text):
                    if any(s <= m.start() < e for s, e in quoted):
                        continue
                    if len(m.group(0)) > limit and m.group(0) not in self.allow:
                        if self.options["skip_names"] and self._is_name(ctx, i, m):
                            continue
                        yield Hit(i, m.start(), m.end(), {"value": len(m.group(0)), "max": limit, "match": m.group(0)})

    def _is_name(self, ctx: CheckContext, i: int, m: re.Match[str]) -> bool:
        run, text = m.group(0), ctx.doc.blocks[i].norm.text
        if self.entity is not None:
            window = text[max(0, m.start() - 12) : m.end() + 12]
            at = m.start() - max(0, m.start() - 12)
            for em in self.entity.finditer(window):
                if em.start() < at + len(run) and em.end() > at:  # the entity name overlaps the run
                    return True
        for name in _own_names(ctx):
            if len(name) >= 2 and (name in run or run in name):
                return True
        return _mostly_proper_nouns(ctx, i, m)


def _own_names(ctx: CheckContext) -> list[str]:
    """The document's own company name (metadata), with and without its legal-form part."""
    from ..text.normalize import normalize

    out = []
    for key in ("company", "filer", "company_ja"):
        v = ctx.doc.metadata.get(key)
        if isinstance(v, str) and v.strip():
            n = normalize(v.strip()).text
            out += [n, re.sub(r"^(株式会社|有限会社|合同会社)|(株式会社|有限会社|合同会社)$", "", n)]
    return [x for x in out if x]


def _mostly_proper_nouns(ctx: CheckContext, i: int, m: re.Match[str]) -> bool:
    """SudachiPy (through GiNZA's tokenizer) tags most of the run as 名詞-固有名詞."""
    try:
        s, e = ctx.sentence_at(i, m.start())
        doc = ctx.tokens(i, s, e)
    except Exception:  # no Japanese model: no proper-noun exemption
        return False
    lo, hi = m.start() - s, m.end() - s
    proper = sum(
        min(t.idx + len(t.text), hi) - max(t.idx, lo)
        for t in doc
        if t.idx < hi and t.idx + len(t.text) > lo and "固有名詞" in t.tag_
    )
    return proper * 2 >= hi - lo


_QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
