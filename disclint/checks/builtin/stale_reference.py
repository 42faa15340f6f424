"""``stale-reference``: a statistic, survey or threat list dated well before the document
(rule ``timeliness.stale-reference``).

A year read from 「10大脅威 2019」, 「2019年版」 or 「2019年の調査」 (統計, 白書, 報告書 …) more than
``max_age_years`` before the document's year (its date, else the latest year it reports on).

Options:
    ``max_age_years`` (int, 2): the largest age that is not reported.

FAIL (a document dated 2025-06-30)::

    2019年の調査によれば、取引先を経由した被害が増えています。

PASS (a document dated 2025-06-30)::

    2024年の調査によれば、取引先を経由した被害が増えています。
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...registry import checks
from ..base import Check, CheckContext, Hit

_STALE = [
    re.compile(r"10大脅威\s*(\d{4})"),
    re.compile(r"(\d{4})\s*年?\s*版"),
    re.compile(
        r"(\d{4})\s*年度?\s*(?:に実施された|に公表された|の|に)?\s*(?:調査|統計|白書|報告書|レポート|ランキング)"
    ),
]


@checks.register("stale-reference")
class StaleReference(Check):
    OPTIONS = {"max_age_years": 2}
    ONE_RULE = True

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        year = ctx.doc_year
        if year is None:
            return
        max_age = int(self.options["max_age_years"])
        for i, b in ctx.blocks(self.scope):
            text = b.norm.text
            seen: set[int] = set()
            for rx in _STALE:
                for m in rx.finditer(text):
                    y = int(m.group(1))
                    if m.start() in seen or not 1990 <= y <= year or year - y <= max_age:
                        continue
                    seen.add(m.start())
                    params = {"match": m.group(0), "year": y, "doc_year": year, "age": year - y}
                    yield Hit(i, m.start(), m.end(), params)
