"""``coverage``: document-level findings from the analysis's coverage of the directives.

One finding per directive whose coverage status is in ``status`` (``missing`` and/or
``weak``), only when the document has at least ``min_cyber_passages`` cyber passages
and ``min_cyber_chars`` characters in them (a document that is not about cybersecurity, or
says too little about it to address ten directives, is not judged on them).
The message gets ``{directive}`` (number), ``{title}``, ``{where}`` (the locations of the
evidence) and ``{at}`` (the same in brackets, or nothing when there is no location, so a
message never shows an empty 「（）」).

The status is the one every output shows (:mod:`disclint.analysis.coverage`): only passages in
the cybersecurity text (:mod:`disclint.analysis.scope`) count, so a directive the mapper found
only outside it is missing (``data.mapper_status`` keeps the mapper's view); and evidence that
shows enough kinds of specificity signal (``rules/coverage.yml``) is not weak.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import directive_title, paren
from ..model.document import Location
from ..registry import checks
from .base import Check, CheckContext, Hit


def cyber_text_chars(ctx: CheckContext) -> int:
    """Characters (normalised) of the cyber passages inside the scope: how much cybersecurity text there is."""
    from ..analysis.coverage import in_scope_passages

    return sum(len(ctx.doc.blocks[r.block_index].norm.text) for r in in_scope_passages(ctx.results, ctx.scope))


@checks.register("coverage")
class CoverageCheck(Check):
    OPTIONS = {"status": ["missing"], "min_cyber_passages": 3, "min_cyber_chars": 0, "directives": None}  # None: all

    def setup(self) -> None:
        bad = set(self.options["status"]) - {"missing", "weak"}
        if bad:
            raise ValueError(f"unknown coverage status {sorted(bad)}")

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        if ctx.all_in_scope and not ctx.doc.blocks:
            return
        cov = ctx.doc_coverage  # in-scope passages only, as every output shows it
        if cov.cyber_passages < int(self.options["min_cyber_passages"]):
            return
        if cyber_text_chars(ctx) < int(self.options["min_cyber_chars"]):
            return
        want = set(self.options["status"])
        for d, c in cov.directives.items():
            only = self.options["directives"]
            if (only is not None and d not in only) or c.status not in want:
                continue
            where_i = c.blocks
            block = where_i[0] if where_i and c.status == "weak" else None
            labels = [_label(ctx.doc.blocks[j].location, ctx.lang) for j in where_i[:3]]
            where = ", ".join(x for x in labels if x)
            at = paren(where, ctx.lang) if where else ""
            data = {"directive": d, "status": c.status}
            if c.status != c.mapper_status:
                data["mapper_status"] = c.mapper_status
            yield Hit(
                block,
                None,
                None,
                {"directive": d, "title": directive_title(d, ctx.lang), "where": where, "at": at},
                data=data,
            )


def _label(loc: Location, lang: str) -> str:
    """``p.3`` / ``¶12`` / ``L40``; for a block without one, its nearest heading."""
    return loc.short(lang) or (f"§ {loc.section[-1]}" if loc.section else "")
