"""``mixed-width-digits``: full-width and half-width digits mixed in running text; the minority
form is reported (rule ``comparability.mixed-width-digits``).

Numbers are read as written (not NFKC): 「１，２００」「４．３」 are one number each. Single digits
and numbers of two or more digits are compared separately, so the usual convention of filings
(全角 for one digit, 半角 for more: 「６月」「2025年」) is consistent, not mixed.

Options:
    ``max_findings`` (int, 5): at most this many findings per document, the first ones.

FAIL::

    当期は訓練を12回行い、受講率は９８％でした。

PASS::

    当期は訓練を12回行い、受講率は98%でした。
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...i18n import t
from ...registry import checks
from ..base import PROSE_KINDS, Check, CheckContext, Hit

_FW = re.compile(r"[０-９]+(?:[，．,.][０-９]+)*")  # 「１，２００」「４．３」 are one number
_HW = re.compile(r"[0-9]+(?:[,.][0-9]+)*")

_Spans = list[tuple[int, re.Match[str]]]


@checks.register("mixed-width-digits")
class MixedWidthDigits(Check):
    OPTIONS = {"max_findings": 5}
    ONE_RULE = True

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        # by length class (one digit / more): (full-width numbers, half-width numbers)
        classes: dict[bool, tuple[_Spans, _Spans]] = {False: ([], []), True: ([], [])}
        for i, b in ctx.blocks(self.scope, PROSE_KINDS):
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
        for i, m, majority in hits[: int(self.options["max_findings"])]:
            yield Hit(i, m.start(), m.end(), {"match": m.group(0), "majority": majority}, on_norm=False)
