"""``coverage``: document-level findings from the directive mapper.

One finding per directive whose coverage status is in ``status`` (``missing`` and/or
``weak``), only when the document has at least ``min_cyber_passages`` cyber passages
(a document that is not about cybersecurity is not judged on the ten directives).
The message gets ``{directive}`` (number), ``{title}`` and ``{where}``. Only passages in the
``cyber`` scope of the text rules count as evidence: a directive the mapper found only in
passages outside it is reported as missing (``data.mapper_status`` keeps the mapper's view).
"""

from __future__ import annotations

from typing import Iterable

from .base import CHECKS, Check, CheckContext, Hit


@CHECKS.register("coverage")
class CoverageCheck(Check):
    OPTIONS = {"status": ["missing"], "min_cyber_passages": 3, "directives": list(range(1, 11))}

    def setup(self) -> None:
        bad = set(self.options["status"]) - {"missing", "weak"}
        if bad:
            raise ValueError(f"unknown coverage status {sorted(bad)}")

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
            title = ds.directives[d].title if ctx.lang == "ja" else ds.directives[d].title_en
            block = where_i[0] if where_i and status == "weak" else None
            where = ", ".join(ctx.doc.blocks[j].location.short(ctx.lang) for j in where_i[:3])
            data = {"directive": d, "status": status}
            if status != c.status:
                data["mapper_status"] = c.status
            yield Hit(block, None, None, {"directive": d, "title": title, "where": where}, data=data)
