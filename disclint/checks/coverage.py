"""``coverage``: document-level findings from the directive mapper.

One finding per directive whose coverage status is in ``status`` (``missing`` and/or
``weak``), only when the document has at least ``min_cyber_passages`` cyber passages
(a document that is not about cybersecurity is not judged on the ten directives).
The message gets ``{directive}`` (number), ``{title}``, ``{where}`` (the locations of the
evidence) and ``{at}`` (the same in brackets, or nothing when there is no location, so a
message never shows an empty 「（）」).
``specific``: regexes of specificity signals (named technologies and products, frequencies,
figures, scopes). A ``weak`` directive whose evidence passages match at least
``min_signals`` distinct signals is specific enough and not reported. Only passages in the
``cyber`` scope of the text rules count as evidence: a directive the mapper found only in
passages outside it is reported as missing (``data.mapper_status`` keeps the mapper's view).
"""

from __future__ import annotations

import re
from typing import Iterable

from ..document import Location
from .base import CHECKS, Check, CheckContext, Hit


@CHECKS.register("coverage")
class CoverageCheck(Check):
    OPTIONS = {"status": ["missing"], "min_cyber_passages": 3, "directives": list(range(1, 11)), "specific": [], "min_signals": 2}

    def setup(self) -> None:
        bad = set(self.options["status"]) - {"missing", "weak"}
        if bad:
            raise ValueError(f"unknown coverage status {sorted(bad)}")
        self.signals = [re.compile(p) for p in self.options["specific"] or []]

    def specific(self, ctx: CheckContext, blocks: list[int]) -> bool:
        """Evidence naming at least ``min_signals`` distinct specificity signals is specific."""
        if not self.signals:
            return False
        text = "\n".join(ctx.doc.blocks[j].norm.text for j in blocks)
        found = sum(1 for rx in self.signals if rx.search(text))
        return found >= int(self.options["min_signals"])

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        if ctx.all_in_scope and not ctx.doc.blocks:
            return
        n_cyber = sum(1 for r in ctx.results if r.cyber)
        if n_cyber < int(self.options["min_cyber_passages"]):
            return
        ds = ctx.mapper.ds
        want = set(self.options["status"])
        for d, c in ctx.coverage.directives.items():
            if d not in self.options["directives"]:
                continue
            status, where_i = ctx.scoped_coverage[d]
            if status not in want:
                continue
            if status == "weak" and self.specific(ctx, where_i):
                continue
            title = ds.directives[d].title if ctx.lang == "ja" else ds.directives[d].title_en
            block = where_i[0] if where_i and status == "weak" else None
            labels = [_label(ctx.doc.blocks[j].location, ctx.lang) for j in where_i[:3]]
            where = ", ".join(x for x in labels if x)
            at = (f"（{where}）" if ctx.lang == "ja" else f" ({where})") if where else ""
            data = {"directive": d, "status": status}
            if status != c.status:
                data["mapper_status"] = c.status
            yield Hit(block, None, None, {"directive": d, "title": title, "where": where, "at": at}, data=data)


def _label(loc: Location, lang: str) -> str:
    """``p.3`` / ``¶12`` / ``L40``; for a block without one, its nearest heading."""
    return loc.short(lang) or (f"§ {loc.section[-1]}" if loc.section else "")
