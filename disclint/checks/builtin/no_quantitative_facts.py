"""``no-quantitative-facts``: a cyber section of some length with no quantitative fact
(rule ``comparability.no-quantitative-facts``).

A count, rate, amount or duration with its unit (件, 回, %, 名, 億円 …) is a quantitative fact; a
date is not. A subsection is judged with the whole cyber section it belongs to: a 基本方針
subsection without figures is fine when the 指標 subsection of the same cyber section gives them.
One finding per cyber section, on its first cyber paragraph.

Options:
    ``min_chars`` (int, 300): cyber sections with less prose are not judged.

FAIL (with ``min_chars`` 30)::

    # 情報セキュリティ
    当社は情報セキュリティ委員会を設け、全社の対策の状況を審議しております。

PASS (with ``min_chars`` 30)::

    # 情報セキュリティ
    当社は情報セキュリティ委員会を設け、当期は6回開催して対策の状況を審議しました。
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...registry import checks
from ...text.eras import date_pattern
from ..base import PROSE_KINDS, TEXT_KINDS, Check, CheckContext, Hit
from .common import cyber_root, group_by_section

_DATES = re.compile(date_pattern(month=None, day=None) + r"|\d{1,2}\s*月\s*\d{1,2}\s*日")
_QUANTITY = re.compile(
    r"\d[\d,.]*\s*(%|件|回|名|人|台|社|時間|日|か月|ヶ月|カ月|億円|百万円|千円|万円|円|拠点|種類|割|倍|ポイント|システム|部署|項目|講座|時間)"
)


@checks.register("no-quantitative-facts")
class NoQuantitativeFacts(Check):
    OPTIONS = {"min_chars": 300}
    ONE_RULE = True

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        min_chars = int(self.options["min_chars"])
        idx = [i for i, _ in ctx.blocks(self.scope, TEXT_KINDS)]
        groups: dict[tuple[str, ...], list[int]] = {}
        for sec, blocks in group_by_section(ctx, idx).items():
            if not ctx.all_in_scope and sec not in ctx.cyber_sections:
                continue
            groups.setdefault(cyber_root(ctx, sec), []).extend(blocks)
        for _root, blocks in groups.items():
            blocks.sort()
            prose = [
                i
                for i in blocks
                if ctx.doc.blocks[i].kind in PROSE_KINDS and (ctx.all_in_scope or i in ctx.cyber_blocks)
            ]
            if not prose or sum(len(ctx.doc.blocks[i].norm.text) for i in prose) < min_chars:
                continue
            if any(_QUANTITY.search(_DATES.sub("", ctx.doc.blocks[i].norm.text)) for i in blocks):
                continue
            sec = ctx.doc.blocks[prose[0]].location.section
            yield Hit(prose[0], None, None, {"section": " > ".join(sec) if sec else ""})
