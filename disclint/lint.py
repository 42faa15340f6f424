"""Lint pipeline entry point: Document -> findings (+ directive coverage).

Rules come from ``rules/<quality>/*.yml`` (see :mod:`disclint.checks`); a
:class:`~disclint.config.Config` enables, disables, re-levels and re-options them.
The mapper runs once per document and is shared by the coverage rules and by the
``cyber`` scope of the text rules.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .checks import CheckContext, Hit, Rule
from .document import Document, Location
from .findings import Finding

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config


@dataclass
class LintResult:
    path: str
    findings: list[Finding]
    coverage: dict[str, Any] = field(default_factory=dict)  # reporter-facing summary
    timings: dict[str, float] = field(default_factory=dict)


_MAPPER = None


def shared_mapper() -> Any:
    """One Mapper per process (loading the model and directive data is not free)."""
    global _MAPPER
    if _MAPPER is None:
        from .mapper import Mapper

        _MAPPER = Mapper()
    return _MAPPER


def active_rules(config: "Config | None" = None) -> list[Rule]:
    from .config import Config

    return (config or Config()).rules()


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
    )


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def run_rules(doc: Document, rules: list[Rule], lang: str = "ja", mapper: Any = None, all_in_scope: bool = False) -> tuple[list[Finding], CheckContext, dict[str, float]]:
    ctx = CheckContext(doc, lang=lang, mapper=mapper if mapper is not None else shared_mapper(), all_in_scope=all_in_scope)
    findings: list[Finding] = []
    timings: dict[str, float] = {}
    for rule in rules:
        if not rule.enabled:
            continue
        t0 = time.perf_counter()
        check = rule.make_check()
        for hit in check.run(ctx):
            findings.append(hit_to_finding(rule, ctx, hit))
        timings[rule.id] = time.perf_counter() - t0
    findings.sort(key=_order)
    return findings, ctx, timings


def _order(f: Finding) -> tuple[int, int, int, str]:
    return (-1 if f.block_index is None else f.block_index, f.start or 0, -f.level.rank, f.rule)


def coverage_summary(ctx: CheckContext, lang: str) -> dict[str, Any]:
    """Directive coverage in reporter terms: status, title and where (Locations only)."""
    if not ctx.doc.blocks:
        return {}
    cov = ctx.coverage
    ds = ctx.mapper.ds
    out: dict[str, Any] = {"cyber_passages": sum(1 for r in ctx.results if r.cyber), "directives": {}}
    for d, c in cov.directives.items():
        status, where = ctx.scoped_coverage[d]
        entry = {
            "status": status,
            "title": ds.directives[d].title if lang == "ja" else ds.directives[d].title_en,
            "locations": [ctx.doc.blocks[j].location.to_dict() for j in where[:5]],
        }
        if status != c.status:
            entry["mapper_status"] = c.status
        out["directives"][str(d)] = entry
    return out


def lint(doc: Document, config: "Config | None" = None, lang: str = "ja", mapper: Any = None) -> LintResult:
    t0 = time.perf_counter()
    rules = active_rules(config)
    findings, ctx, timings = run_rules(doc, rules, lang=lang, mapper=mapper)
    t1 = time.perf_counter()
    summary = coverage_summary(ctx, lang)
    timings = {"rules": t1 - t0, "coverage": time.perf_counter() - t1, **{f"rule:{k}": v for k, v in timings.items()}}
    return LintResult(doc.path, findings, summary, timings)


def lint_document(doc: Document, lang: str = "ja", config: "Config | None" = None) -> list[Finding]:
    return lint(doc, config=config, lang=lang).findings


# ------------------------------------------------------------------ baseline
def fingerprint(f: Finding) -> str:
    """Stable across edits elsewhere: rule + normalised excerpt + section (no line numbers)."""
    excerpt = re.sub(r"\s+", "", unicodedata.normalize("NFKC", f.excerpt))
    key = excerpt or ",".join(f"{k}={f.data[k]}" for k in sorted(f.data)) or f.message
    section = " > ".join(f.location.section)
    return hashlib.sha1(f"{f.rule}\x1f{key}\x1f{section}".encode("utf-8")).hexdigest()[:20]
