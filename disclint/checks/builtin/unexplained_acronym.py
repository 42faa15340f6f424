"""``unexplained-acronym``: a glossary term whose first use has no long form or note nearby
(rule ``understandability.unexplained-acronym``).

The terms are ``rules/glossary.yml`` (``long``: the long forms that explain a term). The first use
of a term in the document is explained when a long form came before it or stands within
``window`` characters, or the term is followed by a bracket, a colon or a footnote mark
(「EDR（…）」「CISO：…」「CSIRT※」), or stands in brackets after its long name (「…（EDR）」).

Not a use: a heading or a block that is only the term (a page label or badge: the text below it is
where a reader needs the note), and, for a term the glossary marks ``name_part`` (ISAC), the term
inside an organisation's name (「金融ISAC」「ICT-ISAC」): such a name is not expanded by spelling out
its last part.

Options:
    ``window`` (int, 80): characters before and after the first use searched for a long form.

FAIL::

    全拠点のPCにEDRを導入しました。

PASS::

    全拠点のPCにEDR（端末の不審な動きを検知して対処する仕組み）を導入しました。

PASS (the name of an information-sharing body)::

    当社は業界の金融ISACに加盟し、攻撃の手口に関する情報を交換しております。
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...model.document import BlockKind
from ...registry import checks
from ...resources import data_dir, load_yaml
from ...text.normalize import normalize
from ..base import TEXT_KINDS, Check, CheckContext, Hit


@lru_cache(maxsize=4)
def load_glossary(path: str | None = None) -> dict[str, dict[str, Any]]:
    """The terms of ``rules/glossary.yml`` (or of the YAML file ``path``)."""
    p = Path(path) if path else data_dir("rules") / "glossary.yml"
    data = load_yaml(p.read_text(encoding="utf-8")) or {}
    return dict(data.get("terms") or {})


def _term_regex(term: str) -> re.Pattern[str]:
    if re.fullmatch(r"[A-Za-z0-9/\-.]+", term):
        return re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z0-9])")
    return re.compile(re.escape(term))


@checks.register("unexplained-acronym")
class UnexplainedAcronym(Check):
    OPTIONS = {"window": 80}
    ONE_RULE = True

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        window = int(self.options["window"])
        blocks = ctx.doc.blocks
        # the whole document in order, to know what came before the first use
        for term, info in load_glossary().items():
            rx = _term_regex(term)
            longs = [normalize(x).text for x in (info or {}).get("long", [])]
            name_part = bool((info or {}).get("name_part"))
            seen_long = False
            for i, b in enumerate(blocks):
                text = b.norm.text
                # a plain substring test first (fast); the regex (word boundaries) only where the term occurs
                m = _first_use(rx, text, name_part) if term in text else None
                if m is not None and (b.kind == BlockKind.HEADING or text.strip() == m.group(0)):
                    m = None  # a heading or a bare label: the first use is in the text below
                if not m:
                    if longs and any(lf in text for lf in longs):
                        seen_long = True
                    continue
                explained = seen_long or _explained(text, m, term, longs, window)
                if not explained and b.kind in TEXT_KINDS and ctx.in_scope(i, self.scope):
                    yield Hit(i, m.start(), m.end(), {"match": m.group(0), "long": (info or {}).get("en") or ""})
                break


# a word joined to the term's front: 「金融ISAC」「ICT-ISAC」 (not after a particle or punctuation)
_NAME_FRONT = re.compile(r"[一-龥ァ-ヶー々A-Za-z0-9]-?$")


def _first_use(rx: re.Pattern[str], text: str, name_part: bool) -> re.Match[str] | None:
    """The first match of ``rx`` in ``text`` that is a use of the term (not part of a name)."""
    for m in rx.finditer(text):
        if name_part and _NAME_FRONT.search(text[max(0, m.start() - 2) : m.start()]):
            continue
        return m
    return None


def _explained(text: str, m: re.Match[str], term: str, longs: list[str], window: int) -> bool:
    """The use ``m`` of ``term`` has a long form nearby, a bracket or colon after it, or a footnote mark."""
    before, after = text[max(0, m.start() - window) : m.start()], text[m.end() : m.end() + window]
    return (
        any(lf in before or lf in after or lf in text[: m.start()] for lf in longs)
        or re.match(r"\s*[(:：]", text[m.end() :]) is not None  # EDR（Endpoint …）, CISO：…
        or re.match(r"\s*(?:[*＊※†]|\(?注\s*\d)", text[m.end() :]) is not None  # CSIRT*1, ISMS※ (a footnote)
        or re.match(r"/[A-Za-z][A-Za-z-]*\s*[(]", text[m.end() :]) is not None  # CSIRT/FSIRT（Computer/Factory …）
        or (re.search(r"[(]\s*$", text[: m.start()]) is not None and m.start() > 1)  # 長い名称（EDR）
        or re.search(rf"[(]\s*{re.escape(term)}\s*[:：)]", after) is not None  # 「X-CSIRT」（CSIRT：…）
    )
