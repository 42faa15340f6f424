"""``top-threats``: the risk section names none of the top threats of its time (rule ``relevance.top-threats``).

The cyber text under the risk-section heading is compared with the top threats of IPA's yearly
list that was in force at the document's own date (its date, else the latest year it reports
on): the latest list of that year or before. One finding per document, on the first such block.

Options:
    ``section_pattern`` (str, regex, :data:`.common.RISK_SECTION`): the risk-section heading.
    ``threats_by_year`` (mapping, {}): a list's year -> {threat name: regex}; empty: the
    built-in pair (ランサムウェア, サプライチェーン攻撃) for every year.

FAIL (a document of 2024)::

    # 事業等のリスク
    システムが外部から攻撃され停止した場合、受注処理が滞るおそれがあります。

PASS (a document of 2024)::

    # 事業等のリスク
    ランサムウェアや委託先を経由した攻撃でシステムが停止した場合、受注処理が滞るおそれがあります。
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ...i18n import join_list
from ...registry import checks
from ..base import Check, CheckContext, Hit
from .common import RISK_SECTION, risk_blocks

DEFAULT_THREATS = {
    "ランサムウェア": r"ランサム|身代金",
    "サプライチェーン攻撃": r"サプライチェーン|サプライヤ|取引先|仕入先|調達先|委託先|外部委託|業務委託|協力会社|ビジネスパートナー",
}


@checks.register("top-threats")
class TopThreats(Check):
    OPTIONS: dict[str, Any] = {"section_pattern": RISK_SECTION, "threats_by_year": {}}
    ONE_RULE = True

    def setup(self) -> None:
        self.section = re.compile(self.options["section_pattern"])
        self.by_year = {int(y): dict(v) for y, v in (self.options["threats_by_year"] or {}).items()}

    def threats_for_year(self, year: int | None) -> tuple[int | None, dict[str, str]]:
        """The top threats of the list in force in ``year``: the latest list published in or before
        it (the oldest list for a document older than every list; the built-in pair without lists)."""
        if not self.by_year:
            return None, dict(DEFAULT_THREATS)
        if year is None:
            y = max(self.by_year)
        else:
            older = [y for y in self.by_year if y <= year]
            y = max(older) if older else min(self.by_year)
        return y, dict(self.by_year[y])

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        idx = risk_blocks(ctx, self.section)
        if not idx:
            return
        text = "\n".join(ctx.doc.blocks[i].norm.text for i in idx)
        list_year, threats = self.threats_for_year(ctx.doc_year)
        missing = [name for name, rx in threats.items() if not re.search(rx, text)]
        if missing:
            params = {"threats": join_list(missing, ctx.lang), "list_year": list_year or ""}
            yield Hit(idx[0], None, None, params, data={"threats": missing, "list_year": list_year})
