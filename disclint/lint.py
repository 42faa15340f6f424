"""Lint pipeline entry point: Document -> findings (+ directive coverage).

Rules come from ``rules/<quality>/*.yml`` (see :mod:`disclint.checks`); a
:class:`~disclint.config.Config` enables, disables, re-levels and re-options them.
The analysis itself (mapper, scope, coverage, rules) is :func:`disclint.analysis.analyse`;
this module keeps the lint-facing helpers: findings from hits, the baseline fingerprint.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .analysis.core import hit_to_finding  # noqa: F401  (re-exported)
from .checks import Rule
from .model.document import Document
from .model.findings import Finding

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config


@dataclass
class LintResult:
    path: str
    findings: list[Finding]
    coverage: dict[str, Any] = field(default_factory=dict)  # reporter-facing summary (Analysis.summary)
    timings: dict[str, float] = field(default_factory=dict)
    analysis: Any = None  # the disclint.analysis.Analysis behind it


def shared_mapper() -> Any:
    """This process's Mapper (``disclint.analysis.Services.shared()``)."""
    from .analysis import Services

    return Services.shared().mapper


def active_rules(config: Config | None = None) -> list[Rule]:
    from .config import Config

    return (config or Config()).rules()


def run_rules(
    doc: Document, rules: list[Rule], lang: str = "ja", mapper: Any = None, all_in_scope: bool = False
) -> tuple[list[Finding], Any, dict[str, float]]:
    """Run exactly ``rules`` on ``doc`` through :func:`disclint.analysis.analyse`: (findings, analysis,
    timings). The rules are the caller's explicit choice (rule examples, tests), so a rule that is off
    by default runs too."""
    from dataclasses import replace

    from .analysis import Services, analyse

    services = Services(mapper) if mapper is not None else None
    chosen = [r if r.enabled else replace(r, enabled=True) for r in rules]
    result = analyse(doc, services=services, lang=lang, rules=chosen, everything_in_scope=all_in_scope)
    return list(result.findings), result, dict(result.timings)


def lint(doc: Document, config: Config | None = None, lang: str = "ja", mapper: Any = None) -> LintResult:
    """The analysis of ``doc`` in lint terms (findings, coverage summary, timings)."""
    from .analysis import Services, analyse

    result = analyse(doc, config, Services(mapper) if mapper is not None else None, lang=lang)
    return LintResult(doc.path, list(result.findings), result.summary(lang), dict(result.timings), result)


def lint_document(doc: Document, lang: str = "ja", config: Config | None = None) -> list[Finding]:
    return lint(doc, config=config, lang=lang).findings


# ------------------------------------------------------------------ baseline
def fingerprint(f: Finding) -> str:
    """Stable across edits elsewhere: rule + normalised excerpt + section (no line numbers)."""
    excerpt = re.sub(r"\s+", "", unicodedata.normalize("NFKC", f.excerpt))
    key = excerpt or ",".join(f"{k}={f.data[k]}" for k in sorted(f.data)) or f.message
    section = " > ".join(f.location.section)
    return hashlib.sha1(f"{f.rule}\x1f{key}\x1f{section}".encode()).hexdigest()[:20]
