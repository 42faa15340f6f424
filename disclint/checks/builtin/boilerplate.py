"""``boilerplate``: a short cyber paragraph made only of generic phrases (rule ``relevance.boilerplate``).

Every sentence of the paragraph holds a generic phrase (適切 / 必要に応じ / 定期的 / 努め …) and the
paragraph names nothing of its own: no digit, Latin letter or quotation, no internal rule
(規程, マニュアル …), nothing matching ``specific``; a lead paragraph whose list right after it
gives a frequency, figure or mechanism is not boilerplate either.

Options:
    ``max_chars`` (int, 150): longer paragraphs are not judged.
    ``specific`` (str, regex, ""): concrete mechanisms and actors; a paragraph naming one is specific.

FAIL::

    必要に応じて対策を見直し、適切な管理に努めております。

PASS::

    対策は情報システム部が毎年4月に見直し、結果を取締役会に報告しております。
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...registry import checks
from ..base import PROSE_KINDS, Check, CheckContext, Hit
from ..existence import following_list

_VAGUE = re.compile(
    r"適切|必要に応じ|適宜|定期的|随時(?![^。]{0,20}(でき|閲覧))|努め|継続的|強化を図|万全を期|推進して"
)
# A paragraph that names an internal rule or a framework is specific, however it is worded.
_NAMED_RULE = re.compile(r"規程|規則|規定|マニュアル|ガイドライン|手順書|細則|要領")


@checks.register("boilerplate")
class Boilerplate(Check):
    OPTIONS = {"max_chars": 150, "specific": ""}
    ONE_RULE = True

    def setup(self) -> None:
        self.specific = re.compile(self.options["specific"]) if self.options["specific"] else None

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        max_chars, specific = int(self.options["max_chars"]), self.specific
        for i, b in ctx.blocks(self.scope, PROSE_KINDS):
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
