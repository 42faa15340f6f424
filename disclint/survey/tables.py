"""The report's tables (one per view: CSV files, XLSX sheets, the HTML dashboard's tables)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..quality import QUALITIES, QUALITY_LABELS
from .data import DIRECTIVES, PRINCIPLES, Data, _by_industry, _by_year, _dlabel, _label, _plabel, _status, identity
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
    lab = lambda k: _label(k, L)  # noqa: E731
    idsrc = lambda c: lab({"manifest": "id_manifest", "document": "id_document"}.get(c.identity_source, "id_file"))  # noqa: E731
    out: dict[str, tuple[list[str], list[list[Any]]]] = {}
    sel = data.selected(year)
    counted_years = data.counted(data.company_years)
    head = [lab("company"), lab("code"), lab("industry"), lab("fiscal_year"), lab("identity_source")]
    row0 = lambda c: [c.company, c.code, c.industry, c.fiscal_year, idsrc(c)]  # noqa: E731
    out["company_coverage"] = (
        head
        + [_dlabel(d, L) for d in DIRECTIVES]
        + [_plabel(p, L) for p in PRINCIPLES]
        + [lab("coverage_score"), lab("cyber_passages")],
        [
            row0(c)
            + [_status(c.directives[d], L) for d in DIRECTIVES]
            + [_status(c.principles[p], L) for p in PRINCIPLES]
            + [c.coverage_score, c.cyber_passages]
            for c in sel
        ],
    )
    out["company_years"] = (
        out["company_coverage"][0] + [lab("cyber_chars"), lab("findings"), lab("in_shares")],
        [
            row0(c)
            + [_status(c.directives[d], L) for d in DIRECTIVES]
            + [_status(c.principles[p], L) for p in PRINCIPLES]
            + [
                c.coverage_score,
                c.cyber_passages,
                c.cyber_chars,
                c.findings,
                lab("yes") if (data.include_empty or not c.empty) else lab("no_cyber"),
            ]
            for c in data.company_years
        ],
    )
    per_k = lambda c, q: round(c.quality_findings[q] / (c.cyber_chars / 1000), 2) if c.cyber_chars else None  # noqa: E731
    out["quality"] = (
        head
        + [lab("cyber_chars"), lab("quality_score")]
        + [QUALITY_LABELS[q][L] for q in QUALITIES]
        + [f"{QUALITY_LABELS[q][L]} {lab('findings')}" for q in QUALITIES]
        + [f"{QUALITY_LABELS[q][L]} {lab('per_1000')}" for q in QUALITIES],
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
    for ind, cs in [(lab("all_companies"), scored), *_by_industry(scored).items()]:
        for q in (*QUALITIES, None):
            vals = [c.quality[q] if q else c.quality_score for c in cs]
            vals = [v for v in vals if v is not None]
            if vals:
                q1, med, q3 = _quartiles(vals)
                qi_rows.append([ind, QUALITY_LABELS[q][L] if q else lab("quality_score"), len(vals), med, q1, q3])
    out["quality_industry"] = (
        [lab("industry"), lab("quality"), lab("n"), lab("median"), lab("q1"), lab("q3")],
        qi_rows,
    )
    by_key = {d["key"]: d for d in data.ok}
    out["findings"] = (
        head[:4] + [lab("path"), lab("rule"), lab("quality"), lab("level"), lab("count")],
        [
            [
                by_key[r["key"]]["company"],
                by_key[r["key"]]["securities_code"],
                by_key[r["key"]]["industry"],
                by_key[r["key"]]["fiscal_year"],
                by_key[r["key"]]["path"],
                r["rule"],
                QUALITY_LABELS.get(r["quality"] or "", {}).get(L, r["quality"]),
                r["level"],
                r["n"],
            ]
            for r in data.rule_counts
            if r["key"] in by_key
        ],
    )
    totals: dict[tuple[str, str, str], list[int]] = {}
    for r in data.rule_counts:
        t = totals.setdefault((r["rule"], r["quality"] or "", r["level"]), [0, 0])
        t[0] += 1
        t[1] += r["n"]
    out["rules"] = (
        [lab("rule"), lab("quality"), lab("level"), lab("docs_with"), lab("count")],
        [
            [k[0], QUALITY_LABELS.get(k[1], {}).get(L, k[1]), k[2], v[0], v[1]]
            for k, v in sorted(totals.items(), key=lambda kv: -kv[1][1])
        ],
    )
    out["industry"] = (
        [lab("industry"), lab("n")] + [_dlabel(d, L) for d in DIRECTIVES] + [lab("coverage_score")],
        [
            [ind, len(cs)]
            + [round(sum(c.directives[d] == "covered" for c in cs) / len(cs), 3) for d in DIRECTIVES]
            + [round(sum(c.coverage_score for c in cs) / len(cs), 1)]
            for ind, cs in _by_industry(sel).items()
        ],
    )
    out["trend"] = (
        [lab("fiscal_year"), lab("n")] + [_dlabel(d, L) for d in DIRECTIVES] + [lab("coverage_score")],
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
            lab("from_year"),
            lab("to_year"),
            lab("gap"),
            lab("directive"),
            lab("before"),
            lab("after"),
            lab("change"),
            lab("unchanged_for"),
        ],
        [
            [
                x.company.company,
                x.company.code,
                x.company.industry,
                x.before.fiscal_year,
                x.company.fiscal_year,
                (x.company.fiscal_year or 0) - (x.before.fiscal_year or 0),
                _dlabel(x.directive, L),
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
    for ind, group in [(lab("all_companies"), latest), *_by_industry_pairs(latest).items()]:
        n, added, dropped = yoy_shares(group)
        yi_rows.append([ind, n] + [round(added[d], 3) for d in DIRECTIVES] + [round(dropped[d], 3) for d in DIRECTIVES])
    out["yoy_industry"] = (
        [lab("industry"), lab("n")]
        + [f"{_dlabel(d, L)} {lab('added')}" for d in DIRECTIVES]
        + [f"{_dlabel(d, L)} {lab('dropped')}" for d in DIRECTIVES],
        yi_rows if latest else [],
    )
    out["documents"] = (
        [
            lab("path"),
            lab("company"),
            lab("code"),
            lab("industry"),
            lab("fiscal_year"),
            lab("identity_source"),
            lab("document_type"),
            lab("format"),
            lab("status"),
            lab("error"),
            lab("pages"),
            lab("chars"),
            lab("cyber_passages"),
            lab("cyber_chars"),
            lab("findings"),
            lab("coverage_score"),
            lab("quality_score"),
        ]
        + [_dlabel(d, L) for d in DIRECTIVES]
        + [QUALITY_LABELS[q][L] for q in QUALITIES]
        + [lab("seconds"), "sha256"],
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
        [lab("path"), lab("company"), lab("code"), "error_code", lab("error")],
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
