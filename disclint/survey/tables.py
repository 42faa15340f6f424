"""The report's tables (one per view: CSV files, XLSX sheets, the HTML dashboard's tables)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..i18n import directive_label, principle_title, quality_label, t
from ..quality import QUALITIES
from .data import DIRECTIVES, PRINCIPLES, Data, _by_industry, _by_year, _status, identity
from .yoy import _by_industry_pairs, latest_pairs, yoy_changes, yoy_shares


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    """(Q1, median, Q3) by linear interpolation between order statistics (``statistics.quantiles``
    method "inclusive", the same as numpy's default); one value is its own quartiles."""
    import statistics

    v = sorted(values)
    if len(v) == 1:
        return v[0], v[0], v[0]
    q1, med, q3 = statistics.quantiles(v, n=4, method="inclusive")
    return round(q1, 1), round(med, 1), round(q3, 1)


def tables(data: Data, year: int | None) -> dict[str, tuple[list[str], list[list[Any]]]]:
    L = data.lang
    lab = lambda k: t(f"survey.report.{k}", L)  # noqa: E731
    idsrc = lambda c: lab({"manifest": "id_manifest", "document": "id_document"}.get(c.identity_source, "id_file"))  # noqa: E731
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    sel = data.selected(year)
    counted_years = data.counted(data.company_years)
    head = [
        t("survey.report.company", L),
        t("survey.report.code", L),
        t("survey.report.industry", L),
        t("survey.report.fiscal_year", L),
        t("survey.report.identity_source", L),
    ]
    row0 = lambda c: [c.company, c.code, c.industry, c.fiscal_year, idsrc(c)]  # noqa: E731
    out["company_coverage"] = (
        head
        + [directive_label(d, L) for d in DIRECTIVES]
        + [principle_title(p, L) for p in PRINCIPLES]
        + [t("survey.report.coverage_score", L), t("survey.report.cyber_passages", L)],
        [
            row0(c)
            + [_status(c.directives[d], L) for d in DIRECTIVES]
            + [_status(c.principles[p], L) for p in PRINCIPLES]
            + [c.coverage_score, c.cyber_passages]
            for c in sel
        ],
    )
    out["company_years"] = (
        out["company_coverage"][0]
        + [t("survey.report.cyber_chars", L), t("survey.report.findings", L), t("survey.report.in_shares", L)],
        [
            row0(c)
            + [_status(c.directives[d], L) for d in DIRECTIVES]
            + [_status(c.principles[p], L) for p in PRINCIPLES]
            + [
                c.coverage_score,
                c.cyber_passages,
                c.cyber_chars,
                c.findings,
                t("survey.report.yes", L) if (data.include_empty or not c.empty) else t("survey.report.no_cyber", L),
            ]
            for c in data.company_years
        ],
    )
    per_k = lambda c, q: round(c.quality_findings[q] / (c.cyber_chars / 1000), 2) if c.cyber_chars else None  # noqa: E731
    out["quality"] = (
        head
        + [t("survey.report.cyber_chars", L), t("survey.report.quality_score", L)]
        + [quality_label(q, L) for q in QUALITIES]
        + [f"{quality_label(q, L)} {t('survey.report.findings', L)}" for q in QUALITIES]
        + [f"{quality_label(q, L)} {t('survey.report.per_1000', L)}" for q in QUALITIES],
        [
            row0(c)
            + [c.cyber_chars, c.quality_score]
            + [c.quality[q] for q in QUALITIES]
            + [c.quality_findings[q] for q in QUALITIES]
            + [per_k(c, q) for q in QUALITIES]
            for c in data.company_years
        ],
    )
    qi_rows = []
    scored = [c for c in sel if c.quality_score is not None]
    for ind, cs in [(t("survey.report.all_companies", L), scored), *_by_industry(scored).items()]:
        for q in (*QUALITIES, None):
            vals = [c.quality[q] if q else c.quality_score for c in cs]
            vals = [v for v in vals if v is not None]
            if vals:
                q1, med, q3 = _quartiles(vals)
                qi_rows.append(
                    [ind, quality_label(q, L) if q else t("survey.report.quality_score", L), len(vals), med, q1, q3]
                )
    out["quality_industry"] = (
        [
            t("survey.report.industry", L),
            t("survey.report.quality", L),
            t("survey.report.n", L),
            t("survey.report.median", L),
            t("survey.report.q1", L),
            t("survey.report.q3", L),
        ],
        qi_rows,
    )
    by_key = {d["key"]: d for d in data.ok}
    out["findings"] = (
        head[:4]
        + [
            t("survey.report.path", L),
            t("survey.report.rule", L),
            t("survey.report.quality", L),
            t("survey.report.level", L),
            t("survey.report.count", L),
        ],
        [
            [
                by_key[r["key"]]["company"],
                by_key[r["key"]]["securities_code"],
                by_key[r["key"]]["industry"],
                by_key[r["key"]]["fiscal_year"],
                by_key[r["key"]]["path"],
                r["rule"],
                quality_label(r["quality"], L) if r["quality"] else r["quality"],
                r["level"],
                r["n"],
            ]
            for r in data.rule_counts
            if r["key"] in by_key
        ],
    )
    totals: dict[tuple[str, str, str], list[int]] = {}
    for r in data.rule_counts:
        tot = totals.setdefault((r["rule"], r["quality"] or "", r["level"]), [0, 0])
        tot[0] += 1
        tot[1] += r["n"]
    out["rules"] = (
        [
            t("survey.report.rule", L),
            t("survey.report.quality", L),
            t("survey.report.level", L),
            t("survey.report.docs_with", L),
            t("survey.report.count", L),
        ],
        [[k[0], quality_label(k[1], L), k[2], v[0], v[1]] for k, v in sorted(totals.items(), key=lambda kv: -kv[1][1])],
    )
    out["industry"] = (
        [t("survey.report.industry", L), t("survey.report.n", L)]
        + [directive_label(d, L) for d in DIRECTIVES]
        + [t("survey.report.coverage_score", L)],
        [
            [ind, len(cs)]
            + [round(sum(c.directives[d] == "covered" for c in cs) / len(cs), 3) for d in DIRECTIVES]
            + [round(sum(c.coverage_score for c in cs) / len(cs), 1)]
            for ind, cs in _by_industry(sel).items()
        ],
    )
    out["trend"] = (
        [t("survey.report.fiscal_year", L), t("survey.report.n", L)]
        + [directive_label(d, L) for d in DIRECTIVES]
        + [t("survey.report.coverage_score", L)],
        [
            [y, len(cs)]
            + [round(sum(c.directives[d] == "covered" for c in cs) / len(cs), 3) for d in DIRECTIVES]
            + [round(sum(c.coverage_score for c in cs) / len(cs), 1)]
            for y, cs in _by_year(counted_years).items()
        ],
    )
    pairs = yoy_changes(data)
    out["yoy"] = (
        head[:3]
        + [
            t("survey.report.from_year", L),
            t("survey.report.to_year", L),
            t("survey.report.gap", L),
            t("survey.report.directive", L),
            t("survey.report.before", L),
            t("survey.report.after", L),
            t("survey.report.change", L),
            t("survey.report.unchanged_for", L),
        ],
        [
            [
                x.company.company,
                x.company.code,
                x.company.industry,
                x.before.fiscal_year,
                x.company.fiscal_year,
                (x.company.fiscal_year or 0) - (x.before.fiscal_year or 0),
                directive_label(x.directive, L),
                _status(x.before.directives[x.directive], L),
                _status(x.company.directives[x.directive], L),
                lab(x.change),
                x.unchanged_for,
            ]
            for pair in pairs
            for x in pair
        ],
    )
    latest = latest_pairs(pairs, year)
    yi_rows = []
    for ind, group in [(t("survey.report.all_companies", L), latest), *_by_industry_pairs(latest).items()]:
        n, added, dropped = yoy_shares(group)
        yi_rows.append([ind, n] + [round(added[d], 3) for d in DIRECTIVES] + [round(dropped[d], 3) for d in DIRECTIVES])
    out["yoy_industry"] = (
        [t("survey.report.industry", L), t("survey.report.n", L)]
        + [f"{directive_label(d, L)} {t('survey.report.added', L)}" for d in DIRECTIVES]
        + [f"{directive_label(d, L)} {t('survey.report.dropped', L)}" for d in DIRECTIVES],
        yi_rows if latest else [],
    )
    out["documents"] = (
        [
            t("survey.report.path", L),
            t("survey.report.company", L),
            t("survey.report.code", L),
            t("survey.report.industry", L),
            t("survey.report.fiscal_year", L),
            t("survey.report.identity_source", L),
            t("survey.report.document_type", L),
            t("survey.report.format", L),
            t("survey.report.status", L),
            t("survey.report.error", L),
            t("survey.report.pages", L),
            t("survey.report.chars", L),
            t("survey.report.cyber_passages", L),
            t("survey.report.cyber_chars", L),
            t("survey.report.findings", L),
            t("survey.report.coverage_score", L),
            t("survey.report.quality_score", L),
        ]
        + [directive_label(d, L) for d in DIRECTIVES]
        + [quality_label(q, L) for q in QUALITIES]
        + [t("survey.report.seconds", L), "sha256"],
        [
            [
                d["path"],
                d["company"]
                or ("" if d["securities_code"] else Path(d["path"]).name),  # a file name rather than an empty cell
                d["securities_code"],
                d["industry"],
                d["fiscal_year"],
                lab({"manifest": "id_manifest", "document": "id_document"}.get(identity(d)[1], "id_file")),
                d["document_type"],
                d["format"],
                d["status"],
                _error_text(d, L),
                d["pages"],
                d["chars"],
                d["cyber_passages"],
                d.get("cyber_chars"),
                d["findings"],
                d["coverage_score"],
                d["quality_score"],
            ]
            + [
                _status(data.coverage.get(d["key"], {}).get(("directive", x), "missing"), L)
                if d["status"] == "ok"
                else ""
                for x in DIRECTIVES
            ]
            + [data.quality.get(d["key"], {}).get(q, ("", 0))[0] for q in QUALITIES]
            + [round(d["seconds"] or 0, 2), d["sha256"]]
            for d in data.docs
        ],
    )
    out["errors"] = (
        [
            t("survey.report.path", L),
            t("survey.report.company", L),
            t("survey.report.code", L),
            "error_code",
            t("survey.report.error", L),
        ],
        [[d["path"], d["company"], d["securities_code"], d["error_code"], _error_text(d, L)] for d in data.failed],
    )
    return out


def _error_text(d: dict[str, Any], lang: str) -> str:
    if d["status"] == "ok":
        return ""
    from ..i18n import t

    try:
        params = json.loads(d["error_params"] or "{}")
    except ValueError:
        params = {}
    return t(d["error_code"] or "", lang, **params) if d["error_code"] else (d["error_message"] or "")
