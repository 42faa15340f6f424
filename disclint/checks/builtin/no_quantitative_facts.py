"""``no-quantitative-facts``: a cyber section of some length with no quantitative fact
(rule ``comparability.no-quantitative-facts``).

A count, rate, amount or duration with its unit (件, 回, %, 名, 億円 …) is a quantitative fact; a
date is not. A subsection is judged with the whole cyber section it belongs to: a 基本方針
subsection without figures is fine when the 指標 subsection of the same cyber section gives them.
One finding per cyber section, on its first cyber paragraph.

A policy (情報セキュリティ基本方針, セキュリティポリシー) states commitments, not results, and is
not asked for figures: a cyber section whose own heading names a policy is not judged, nor a
section of a document that is a policy (its title, its first heading, or a short title
line before that heading among its first eight blocks names one).

Options:
    ``min_chars`` (int, 300): cyber sections with less prose are not judged.
    ``policy_pattern`` (regex): what names a policy in a heading or title line.

FAIL (with ``min_chars`` 30)::

    # 情報セキュリティ
    当社は情報セキュリティ委員会を設け、全社の対策の状況を審議しております。

PASS (with ``min_chars`` 30)::

    # 情報セキュリティ
    当社は情報セキュリティ委員会を設け、当期は6回開催して対策の状況を審議しました。

PASS (with ``min_chars`` 30; a policy states commitments)::

    # 情報セキュリティ基本方針
    当社は情報セキュリティ委員会を設け、全社の対策の状況を審議します。
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...i18n import paren
from ...model.document import BlockKind
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
    # a security policy, not 「経営方針」 (a 有報 risk item sits under 「…経営方針に係るリスク」)
    OPTIONS = {
        "min_chars": 300,
        "policy_pattern": r"基本方針|ポリシー|(?i:policy)|(セキュリティ|情報資産|情報管理|サイバー)[^、。]{0,10}方針",
    }
    ONE_RULE = True

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        min_chars = int(self.options["min_chars"])
        idx = [i for i, _ in ctx.blocks(self.scope, TEXT_KINDS)]
        groups: dict[tuple[str, ...], list[int]] = {}
        for sec, blocks in group_by_section(ctx, idx).items():
            if not ctx.all_in_scope and sec not in ctx.cyber_sections:
                continue
            groups.setdefault(cyber_root(ctx, sec), []).extend(blocks)
        policy = re.compile(str(self.options["policy_pattern"]))
        if _is_policy_document(ctx, policy):
            return  # a policy states commitments, not results
        for root, blocks in groups.items():
            if root and policy.search(root[-1]):
                continue  # the cyber section is the policy itself
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
            where = " > ".join(sec) if sec else ""
            yield Hit(prose[0], None, None, {"section": where, "at": paren(where, ctx.lang) if where else ""})


def _is_policy_document(ctx: CheckContext, policy: re.Pattern[str]) -> bool:
    """The document's title, or a title line before its first other heading (a heading, or a short
    line without a full stop, among its first eight blocks), names a policy."""
    if policy.search(str(ctx.doc.metadata.get("title") or "")):
        return True
    for b in ctx.doc.blocks[:8]:
        text = b.norm.text.strip()
        named = bool(policy.search(text))
        if b.kind == BlockKind.HEADING:
            return named  # the first heading decides: a report's section, or the policy's title
        if named and len(text) <= 40 and not text.endswith("。"):
            return True
    return False
