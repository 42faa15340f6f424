"""``analyse(document) -> Analysis``: the one analysis of a document every command renders.

Stages, in order: map every passage (:class:`disclint.mapper.Mapper`) → the scope of the
cybersecurity text (:mod:`.scope`) → coverage of the directives and principles from in-scope
passages (:mod:`.coverage`) → the rules (:mod:`disclint.checks`) → findings sorted one way.
``lint``, ``map``, the HTML/JSON/SARIF/GitHub reporters, ``--annotate``, ``draft
--missing-from`` and the survey worker all call :func:`analyse`; none of them runs the mapper
or the rules itself, so the same document gets the same answer in every output.

Per-process services (the mapper with its model and GiNZA) live in :class:`Services`; pass one
explicitly or let :meth:`Services.shared` give the process's own.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..fixes import make_fix
from ..model.document import Document, Location
from ..model.findings import Finding
from .coverage import DocCoverage, document_coverage
from .scope import Scope, ScopePolicy, compute_scope

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import CheckContext, Hit, Rule
    from ..config import Config


@dataclass
class Services:
    """What an analysis needs that is costly to build: one per process (or per test)."""

    mapper: Any
    scope_policy: ScopePolicy | None = None  # None: rules/scope.yml

    @classmethod
    def shared(cls) -> Services:
        """This process's services (the mapper is loaded once, on first use)."""
        global _SHARED
        if _SHARED is None:
            from ..mapper import Mapper

            _SHARED = cls(Mapper())
        return _SHARED

    @property
    def ds(self) -> Any:
        return self.mapper.ds


_SHARED: Services | None = None


def hit_to_finding(rule: Rule, ctx: CheckContext, hit: Hit) -> Finding:
    doc = ctx.doc
    params = dict(hit.params)
    start = end = None
    excerpt = ""
    if hit.block_index is None:
        location = Location(file=doc.path)
    else:
        block = doc.blocks[hit.block_index]
        location = block.location
        if hit.start is not None and hit.end is not None:
            if hit.on_norm:
                start, end = block.norm.to_original(hit.start, hit.end)
            else:
                start, end = hit.start, hit.end
            excerpt = block.text[start:end]
    params.setdefault("match", excerpt)
    params.setdefault("excerpt", _short(excerpt))
    return Finding(
        rule=rule.id,
        level=rule.level,
        message=rule.text("message", ctx.lang, **params),
        location=location,
        block_index=hit.block_index,
        start=start,
        end=end,
        excerpt=excerpt,
        quality=rule.quality,
        hint=rule.text("hint", ctx.lang, **params) if rule.hint else "",
        data=dict(hit.data),
        fix=make_fix(rule, params, excerpt) if rule.fix and start is not None else None,
    )


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _order(f: Finding) -> tuple[int, int, int, str, str]:
    """The one order of findings: document-level first, then by position, more severe first."""
    return (-1 if f.block_index is None else f.block_index, f.start or 0, -f.level.rank, f.rule, f.message)


@dataclass(frozen=True)
class Analysis:
    """Everything known about one document; reporters render it and compute nothing new."""

    document: Document
    passages: tuple[Any, ...]  # every mapped passage (PassageResult), in document order
    scope: Scope
    coverage: DocCoverage
    findings: tuple[Finding, ...]
    timings: Mapping[str, float]
    ds: Any  # the directive set (titles, principles) the passages were mapped with
    lang: str = "ja"

    @property
    def path(self) -> str:
        return self.document.path

    def in_scope(self, passage: Any) -> bool:
        """A cyber passage inside the company's cybersecurity text (counted in the coverage)."""
        return bool(passage.cyber and passage.block_index is not None and self.scope.contains(passage.block_index))

    def cyber_passages(self, include_outside: bool = False) -> list[Any]:
        return [p for p in self.passages if p.cyber and (include_outside or self.in_scope(p))]

    def block_directives(self) -> dict[int, list[int]]:
        """Block index -> directives, for in-scope labelled passages only."""
        return {p.block_index: sorted(p.directives) for p in self.passages if p.directives and self.in_scope(p)}

    def summary(self, lang: str | None = None) -> dict[str, Any]:
        """Coverage in reporter terms (JSON-safe): status, title and where, for directives and principles.

        Every location is an in-scope passage; ``mapper_status`` appears where the mapper alone
        (counting passages outside the cybersecurity text) would have said otherwise.
        """
        from ..i18n import directive_title, principle_title

        lang = lang or self.lang
        if not self.document.blocks:
            return {}
        blocks = self.document.blocks
        out: dict[str, Any] = {"cyber_passages": self.coverage.cyber_passages, "directives": {}, "principles": {}}
        for d, c in self.coverage.directives.items():
            entry: dict[str, Any] = {
                "status": c.status,
                "title": directive_title(d, lang),
                "depth": c.depth,
                "locations": [blocks[j].location.to_dict() for j in c.blocks[:5]],
                "blocks": list(c.blocks[:8]),
            }
            if c.mapper_status != c.status:
                entry["mapper_status"] = c.mapper_status
            out["directives"][str(d)] = entry
        for key, c in self.coverage.principles.items():
            out["principles"][key] = {
                "status": c.status,
                "title": principle_title(key, lang),
                "directives": list(self.ds.principles[key].directives),
                "blocks": list(c.blocks[:8]),
            }
        return out


def context_for(
    doc: Document,
    services: Services | None = None,
    *,
    lang: str = "ja",
    everything_in_scope: bool = False,
    tick: Callable[[], None] | None = None,
    timings: dict[str, float] | None = None,
) -> CheckContext:
    """Map ``doc``, compute the scope and the coverage: the context the rules run in."""
    from ..checks import CheckContext

    services = services or Services.shared()
    timings = timings if timings is not None else {}
    t0 = time.perf_counter()
    results = list(services.mapper.map_document(doc))
    timings["map"] = time.perf_counter() - t0
    if tick is not None:
        tick()
    t0 = time.perf_counter()
    scope = compute_scope(
        doc,
        results,
        services.scope_policy,
        everything=everything_in_scope,
        not_own_hits=services.ds.heading_not_own_hits,
    )
    coverage = document_coverage(results, scope, services.ds)
    timings["coverage"] = time.perf_counter() - t0
    return CheckContext(
        doc,
        lang=lang,
        mapper=services.mapper,
        results=results,
        scope=scope,
        doc_coverage=coverage,
        all_in_scope=everything_in_scope,
    )


def analyse(
    doc: Document,
    config: Config | None = None,
    services: Services | None = None,
    *,
    lang: str = "ja",
    rules: Sequence[Rule] | None = None,
    tick: Callable[[], None] | None = None,
    everything_in_scope: bool = False,
) -> Analysis:
    """Analyse one document.

    ``rules``: the rules to run (default: the enabled rules of ``config``); ``()`` maps and
    scores coverage only (``map``, ``draft --missing-from``). ``tick`` is called between the
    stages and between rules (the survey worker checks its deadline there).
    ``everything_in_scope`` makes every block count as cybersecurity text (rule examples).
    """
    services = services or Services.shared()
    tick = tick or (lambda: None)
    timings: dict[str, float] = {}
    ctx = context_for(doc, services, lang=lang, everything_in_scope=everything_in_scope, tick=tick, timings=timings)
    tick()
    if rules is None:
        from ..config import Config

        rules = (config or Config()).rules()
    findings: list[Finding] = []
    t_rules = time.perf_counter()
    for rule in rules:
        if not rule.enabled:
            continue
        tick()
        t1 = time.perf_counter()
        for hit in rule.make_check().run(ctx):
            findings.append(hit_to_finding(rule, ctx, hit))
        timings[f"rule:{rule.id}"] = time.perf_counter() - t1
    timings["rules"] = time.perf_counter() - t_rules
    findings.sort(key=_order)
    return Analysis(doc, tuple(ctx.results), ctx.scope, ctx.doc_coverage, tuple(findings), timings, services.ds, lang)
