"""``assess check``: what the company does (self-assessment) vs what it says (its disclosure).

Per directive, the maturity (mean of its four items) is set beside the disclosure status that
the existing reader and mapper give (covered / weak / missing, counted inside the cybersecurity
text as lint counts it):

- maturity >= 3 and the disclosure is missing or weak -> ``assess.undersell``: the company does
  more than it says (MIC 目的適合性 relevance; guideline directive 10, disclosure);
- the disclosure covers the directive and maturity <= 1 -> ``assess.overstate``: the text may
  claim more than is done (MIC 表現真正性 faithful representation).

The call into the analysis (:func:`disclint.analysis.analyse`) is kept in :func:`_disclosure_coverage` only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..guideline import directive_ids
from ..i18n import directive_label, status_label, t
from ..model.document import Document
from .answers import Assessment
from .questionnaire import load_questionnaire
from .results import DirectiveScore, scores

UNDERSELL_AT = 3.0  # maturity at or above which a missing/weak disclosure is a finding
OVERSTATE_AT = 1.0  # maturity at or below which a covered disclosure is a finding


@dataclass(frozen=True)
class Disclosure:
    status: str  # covered / weak / missing
    where: tuple[str, ...]  # short locations of the passages (page, paragraph …)
    depth: int = 0  # disclosure depth 0-4 estimated from the text, on the maturity scale


@dataclass(frozen=True)
class Row:
    directive: int
    score: DirectiveScore
    disclosure: Disclosure
    verdict: str  # "undersell", "overstate" or "consistent"


def _disclosure_coverage(doc: Document, lang: str) -> dict[int, Disclosure]:
    """Directive -> disclosure status of ``doc``: the coverage of the one analysis every command
    shows (:func:`disclint.analysis.analyse`; no rules are run, only the mapping and the scope)."""
    from ..analysis import analyse

    return disclosure_from_summary(analyse(doc, lang=lang, rules=()).summary(lang))


def disclosure_from_summary(summary: dict[str, Any]) -> dict[int, Disclosure]:
    """Directive -> disclosure, from an analysis's reporter-facing summary (``Analysis.summary``)."""
    coverage = summary.get("directives", {})
    out = {}
    for d in directive_ids():
        entry = coverage.get(str(d), {})
        where = []
        for loc in entry.get("locations", []):
            parts = [
                f"p.{loc['page']}" if loc.get("page") else "",
                f"¶{loc['paragraph']}" if loc.get("paragraph") else "",
            ]
            w = " ".join(p for p in parts if p)
            if w:
                where.append(w)
        out[d] = Disclosure(entry.get("status", "missing"), tuple(dict.fromkeys(where)), int(entry.get("depth") or 0))
    return out


def assessment_findings(a: Assessment, summary: dict[str, Any], path: str, lang: str) -> list[Any]:
    """The findings of ``assess check`` as lint findings of one document (``lint --assessment``):
    document level, rule ``assess.undersell`` (info, relevance) or ``assess.overstate`` (warning,
    truthfulness)."""
    from ..model.document import Location
    from ..model.findings import Finding, Level

    out = []
    for r in compare(a, disclosure_from_summary(summary)):
        if r.verdict == "consistent":
            continue
        over = r.verdict == "overstate"
        out.append(
            Finding(
                rule=f"assess.{r.verdict}",
                level=Level.WARNING if over else Level.INFO,
                message=finding_message(r, lang),
                location=Location(file=path),
                quality="truthfulness" if over else "relevance",
                hint=t(f"assess.hint_{r.verdict}", lang),
                data={
                    "directive": r.directive,
                    "maturity_mean": r.score.mean,
                    "disclosure": r.disclosure.status,
                    "depth": r.disclosure.depth,
                },
            )
        )
    return out


def compare(a: Assessment, disclosure: dict[int, Disclosure]) -> list[Row]:
    sc = scores(a)
    rows = []
    for d in directive_ids():
        s, disc = sc[d], disclosure[d]
        if s.mean >= UNDERSELL_AT and disc.status in ("missing", "weak"):
            verdict = "undersell"
        elif s.mean <= OVERSTATE_AT and disc.status == "covered":
            verdict = "overstate"
        else:
            verdict = "consistent"
        rows.append(Row(d, s, disc, verdict))
    return rows


def _mean(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else str(int(v))


def finding_message(row: Row, lang: str) -> str:
    status = status_label(row.disclosure.status, lang)
    return t(f"assess.{row.verdict}", lang, n=row.directive, mean=_mean(row.score.mean), status=status)


def render_text(a: Assessment, doc_path: str, rows: list[Row], lang: str) -> str:
    q = load_questionnaire()
    out = [t("assess.check.heading", lang, assessment=a.path, document=doc_path)]
    head = [
        t("assess.check.col_directive", lang),
        t("assess.check.col_maturity", lang),
        t("assess.check.col_disclosure", lang),
        t("assess.check.col_verdict", lang),
    ]
    table = [head]
    for r in rows:
        table.append(
            [
                directive_label(r.directive, lang),
                t("assess.check.maturity", lang, mean=_mean(r.score.mean), min=r.score.minimum),
                status_label(r.disclosure.status, lang)
                + f" ({t('assess.check.depth', lang, depth=r.disclosure.depth)})"
                + (f" [{', '.join(r.disclosure.where[:3])}]" if r.disclosure.where else ""),
                t(f"assess.check.verdict_{r.verdict}", lang),
            ]
        )
    widths = [max(_width(row[k]) for row in table) for k in range(len(head))]
    for k, row in enumerate(table):
        out.append("  " + "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
        if k == 0:
            out.append("  " + "  ".join("-" * w for w in widths))
    findings = [r for r in rows if r.verdict != "consistent"]
    out.append("")
    if not findings:
        out.append(t("assess.check.none", lang))
    for r in findings:
        level = t("html.level.warning" if r.verdict == "overstate" else "html.level.info", lang)
        out.append(f"{level}: {finding_message(r, lang)}")
        out.append(f"    {t('assess.check.directive_title', lang, title=q.directives[r.directive].name(lang))}")
        out.append(f"    {t('html.hint', lang)}: {t(f'assess.hint_{r.verdict}', lang)}")
    out.append("")
    out.append(
        t(
            "assess.check.summary",
            lang,
            undersell=sum(r.verdict == "undersell" for r in rows),
            overstate=sum(r.verdict == "overstate" for r in rows),
        )
    )
    return "\n".join(out)


def render_json(a: Assessment, doc_path: str, rows: list[Row], lang: str) -> str:
    q = load_questionnaire()
    payload: dict[str, Any] = {
        "version": "1.0",
        "assessment": {"file": a.path, "company": a.company, "date": a.date},
        "document": doc_path,
        "thresholds": {"undersell_at": UNDERSELL_AT, "overstate_at": OVERSTATE_AT},
        "directives": [
            {
                "directive": r.directive,
                "title": q.directives[r.directive].name(lang),
                "maturity_mean": r.score.mean,
                "maturity_min": r.score.minimum,
                "weakest_items": list(r.score.weakest),
                "disclosure": r.disclosure.status,
                "disclosure_depth": r.disclosure.depth,
                "where": list(r.disclosure.where),
                "verdict": r.verdict,
            }
            for r in rows
        ],
        "findings": [
            {
                "rule": f"assess.{r.verdict}",
                "level": "warning" if r.verdict == "overstate" else "info",
                "quality": "truthfulness" if r.verdict == "overstate" else "relevance",
                "directive": r.directive,
                "message": finding_message(r, lang),
                "hint": t(f"assess.hint_{r.verdict}", lang),
            }
            for r in rows
            if r.verdict != "consistent"
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))
