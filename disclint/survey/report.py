"""``disclint survey report``: RUN_DIR/survey.sqlite -> CSV, XLSX and an HTML dashboard.

The unit of the company views is the *company-year*: every surveyed document of one company
(securities code, else company name, else file) for one fiscal year, merged: a directive is
covered when any of those documents covers it (a company may disclose in its 有報 and in an
integrated report). ``--year`` picks the fiscal year of the company views; by default each
company's latest year. Industry and trend views count company-years.

Shares: ``covered`` = share of company-years covering a directive; the heatmap and trend
use that share; radar values are covered = 1, weak = 0.5, missing = 0 (averaged for an
industry). Charts are drawn with matplotlib (Agg) in the Japanese font bundled with
matplotlib-fontja (IPAexGothic) and embedded as base64 PNG: the HTML needs no other file.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .inputs import SurveyError
from .store import DB_NAME
from ..quality import QUALITIES, QUALITY_LABELS
from .worker import STATUS_POINTS

DIRECTIVES = [str(d) for d in range(1, 11)]
PRINCIPLES = ("leadership", "supply_chain", "communication")
RANK = {"covered": 2, "weak": 1, "missing": 0}

T = {
    "title": {"ja": "サイバーセキュリティ開示 調査レポート", "en": "Cybersecurity disclosure survey"},
    "documents": {"ja": "文書", "en": "documents"},
    "companies": {"ja": "会社", "en": "companies"},
    "industries": {"ja": "業種", "en": "industries"},
    "years": {"ja": "年度", "en": "fiscal years"},
    "errors": {"ja": "エラー", "en": "errors"},
    "company": {"ja": "会社名", "en": "company"},
    "code": {"ja": "証券コード", "en": "securities code"},
    "industry": {"ja": "業種", "en": "industry"},
    "fiscal_year": {"ja": "年度", "en": "fiscal year"},
    "document_type": {"ja": "書類", "en": "document type"},
    "coverage_score": {"ja": "網羅スコア", "en": "coverage score"},
    "quality_score": {"ja": "品質スコア", "en": "quality score"},
    "findings": {"ja": "指摘数", "en": "findings"},
    "share_title": {"ja": "各指示を開示している会社の割合", "en": "Share of companies disclosing each directive"},
    "covered": {"ja": "記載あり", "en": "covered"},
    "weak": {"ja": "記載が弱い", "en": "weak"},
    "missing": {"ja": "記載なし", "en": "missing"},
    "heatmap_title": {"ja": "業種 × 指示（記載ありの会社の割合）", "en": "Industry × directive (share of companies covering it)"},
    "trend_title": {"ja": "年度ごとの推移（記載ありの会社の割合）", "en": "Change over fiscal years (share of companies covering each directive)"},
    "radar_title": {"ja": "会社の比較（記載あり = 1、弱い = 0.5、なし = 0）", "en": "Company comparison (covered = 1, weak = 0.5, missing = 0)"},
    "radar_industry_title": {"ja": "業種平均の比較", "en": "Industry averages"},
    "industry_avg": {"ja": "業種平均", "en": "industry average"},
    "all_avg": {"ja": "全社平均", "en": "all companies"},
    "unknown_industry": {"ja": "（業種不明）", "en": "(unknown industry)"},
    "share": {"ja": "割合", "en": "share"},
    "directive": {"ja": "指示", "en": "D"},
    "legend": {"ja": "指示の一覧（サイバーセキュリティ経営ガイドライン Ver3.0）", "en": "Directives (Cyber Security Management Guidelines Ver3.0)"},
    "table_company": {"ja": "会社 × 指示", "en": "Company × directive"},
    "table_quality": {"ja": "品質スコア（MIC 開示の手引きの 5 つの品質、100 点満点）", "en": "Quality scores (the five qualities of the MIC guide, out of 100)"},
    "table_errors": {"ja": "処理できなかった文書", "en": "Documents that could not be processed"},
    "generated": {"ja": "disclint {version}、ルールセット {ruleset}、実行 {runs} 回", "en": "disclint {version}, rule set {ruleset}, {runs} runs"},
    "year_note": {"ja": "会社別の表とグラフ: {year}", "en": "Per-company views: {year}"},
    "latest": {"ja": "会社ごとの最新年度", "en": "each company's latest fiscal year"},
    "n": {"ja": "社数", "en": "n"},
    "path": {"ja": "ファイル", "en": "file"},
    "error": {"ja": "エラー", "en": "error"},
    "status": {"ja": "状態", "en": "status"},
    "format": {"ja": "形式", "en": "format"},
    "pages": {"ja": "ページ", "en": "pages"},
    "chars": {"ja": "文字数", "en": "characters"},
    "seconds": {"ja": "処理秒", "en": "seconds"},
    "rule": {"ja": "ルール", "en": "rule"},
    "quality": {"ja": "品質", "en": "quality"},
    "level": {"ja": "重要度", "en": "level"},
    "count": {"ja": "件数", "en": "count"},
    "docs_with": {"ja": "該当文書数", "en": "documents"},
    "identity_source": {"ja": "識別の出典", "en": "identity_source"},
    "id_manifest": {"ja": "マニフェスト", "en": "manifest"},
    "id_document": {"ja": "文書", "en": "document"},
    "id_file": {"ja": "ファイル名", "en": "file name"},
    "cyber_passages": {"ja": "サイバー記述数", "en": "cyber passages"},
    "cyber_chars": {"ja": "サイバー記述の文字数", "en": "cyber text characters"},
    "in_shares": {"ja": "割合の集計対象", "en": "counted in shares"},
    "yes": {"ja": "はい", "en": "yes"},
    "no_cyber": {"ja": "いいえ（サイバー記述なし）", "en": "no (no cybersecurity text)"},
    "per_1000": {"ja": "指摘/千字", "en": "findings per 1,000 chars"},
    "median": {"ja": "中央値", "en": "median"},
    "q1": {"ja": "第1四分位", "en": "Q1"},
    "q3": {"ja": "第3四分位", "en": "Q3"},
    "all_companies": {"ja": "（全社）", "en": "(all companies)"},
    "empty_note": {"ja": "サイバーセキュリティの記述がない会社・年度 {n} 件は割合と品質の集計から除いています（--include-empty で含めます）。",
                   "en": "{n} company-years without cybersecurity text are left out of shares and quality (--include-empty counts them)."},
    "empty_included": {"ja": "サイバーセキュリティの記述がない会社・年度 {n} 件も割合に含めています（--include-empty）。",
                       "en": "{n} company-years without cybersecurity text are counted in the shares (--include-empty)."},
    "table_quality_industry": {"ja": "品質スコアの分布（業種別、サイバー記述のある会社、n・中央値・四分位）",
                               "en": "Quality score spread by industry (companies with cybersecurity text: n, median, quartiles)"},
    "from_year": {"ja": "前年度", "en": "from year"},
    "to_year": {"ja": "年度", "en": "to year"},
    "gap": {"ja": "間隔（年）", "en": "gap (years)"},
    "before": {"ja": "前", "en": "before"},
    "after": {"ja": "後", "en": "after"},
    "change": {"ja": "変化", "en": "change"},
    "unchanged_for": {"ja": "同じ状態の年数", "en": "unchanged for (years)"},
    "added": {"ja": "追加", "en": "added"},
    "dropped": {"ja": "削除", "en": "dropped"},
    "unchanged": {"ja": "変化なし", "en": "unchanged"},
    "changed": {"ja": "変化（記載あり以外）", "en": "changed (not covered either way)"},
    "yoy_title": {"ja": "前年度からの変化（各指示を追加・削除した会社の割合）", "en": "Year-over-year change (share of companies that added or dropped each directive)"},
    "yoy_none": {"ja": "2 年度以上の結果がある会社がないため、前年度からの変化は集計できません。",
                 "en": "No company has results for two fiscal years: no year-over-year change to report."},
}


@dataclass
class Written:
    files: list[Path] = field(default_factory=list)
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    glyph_warnings: list[str] = field(default_factory=list)  # matplotlib "Glyph … missing" (must stay empty)


@dataclass
class CompanyYear:
    company_id: str
    company: str
    code: str
    industry: str
    fiscal_year: int | None
    docs: list[str] = field(default_factory=list)
    directives: dict[str, str] = field(default_factory=dict)
    principles: dict[str, str] = field(default_factory=dict)
    quality: dict[str, float | None] = field(default_factory=dict)
    quality_findings: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    identity_source: str = "file name"  # where the identity (code, else name) came from: manifest / document / file name
    cyber_passages: int = 0  # in-scope cybersecurity passages over the company-year's documents
    cyber_chars: int = 0  # characters of that text

    @property
    def empty(self) -> bool:
        """No cybersecurity text in any of its documents: no quality score, not in the shares."""
        return self.cyber_passages == 0

    @property
    def quality_score(self) -> float | None:
        vals = [v for v in self.quality.values() if v is not None]
        return round(sum(vals) / len(vals), 1) if vals else None

    @property
    def coverage_score(self) -> float:
        return round(100.0 * sum(STATUS_POINTS[self.directives.get(d, "missing")] for d in DIRECTIVES) / len(DIRECTIVES), 1)

    def value(self, d: str) -> float:
        return STATUS_POINTS[self.directives.get(d, "missing")]


class Data:
    """Everything the report needs, read once from the database."""

    def __init__(self, run_dir: Path, lang: str, include_empty: bool = False, industry: str | None = None) -> None:
        db = run_dir / DB_NAME
        if not db.is_file():
            raise SurveyError("survey.report_no_run", path=str(run_dir))
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            conn.row_factory = sqlite3.Row
            self.docs = [dict(r) for r in conn.execute("SELECT * FROM documents ORDER BY securities_code, company, fiscal_year, path")]
            cov = conn.execute("SELECT key, kind, item, status FROM coverage").fetchall()
            qual = conn.execute("SELECT key, quality, score, findings FROM quality").fetchall()
            self.rule_counts = [dict(r) for r in conn.execute(
                "SELECT key, rule, level, quality, COUNT(*) AS n FROM findings GROUP BY key, rule, level, quality ORDER BY key, rule")]
            self.runs = [dict(r) for r in conn.execute("SELECT * FROM runs ORDER BY id")]
            conn.close()
        except sqlite3.Error as exc:
            raise SurveyError("survey.report_bad_db", path=str(db), reason=str(exc)) from exc
        self.lang = lang
        self.include_empty = include_empty
        self.industry = industry
        self.ok = [d for d in self.docs if d["status"] == "ok"]
        self.failed = [d for d in self.docs if d["status"] != "ok"]
        self.coverage: dict[str, dict[tuple[str, str], str]] = {}
        for r in cov:
            self.coverage.setdefault(r["key"], {})[(r["kind"], r["item"])] = r["status"]
        self.quality: dict[str, dict[str, tuple[float, int]]] = {}
        for r in qual:
            self.quality.setdefault(r["key"], {})[r["quality"]] = (r["score"], r["findings"])
        self.all_company_years = self._company_years()
        self.company_years = [c for c in self.all_company_years if industry is None or c.industry == industry]

    def counted(self, cys: list[CompanyYear]) -> list[CompanyYear]:
        """The company-years the shares count: those with cybersecurity text (all with ``--include-empty``)."""
        return [c for c in cys if self.include_empty or not c.empty]

    def unknown(self) -> str:
        return T["unknown_industry"][self.lang]

    def _company_years(self) -> list[CompanyYear]:
        groups: dict[tuple[str, int | None], CompanyYear] = {}
        codes = name_codes(self.ok)  # a PDF without a code joins the XBRL of the same company and year
        for d in self.ok:
            cid, source = identity(d, codes)
            key = (cid, d["fiscal_year"])
            cy = groups.get(key)
            if cy is None:
                cy = groups[key] = CompanyYear(cid, d["company"] or "", d["securities_code"] or "", d["industry"] or "", d["fiscal_year"],
                                               identity_source=source)
            cy.company = cy.company or d["company"] or ""
            cy.code = cy.code or d["securities_code"] or ""
            cy.cyber_passages += d["cyber_passages"] or 0
            cy.cyber_chars += d.get("cyber_chars") or 0
            cy.industry = cy.industry or d["industry"] or ""
            cy.docs.append(d["key"])
            cov = self.coverage.get(d["key"], {})
            for item in DIRECTIVES:
                s = cov.get(("directive", item), "missing")
                cy.directives[item] = max(s, cy.directives.get(item, "missing"), key=RANK.get)
            for item in PRINCIPLES:
                s = cov.get(("principle", item), "missing")
                cy.principles[item] = max(s, cy.principles.get(item, "missing"), key=RANK.get)
            cy.findings += d["findings"] or 0
        for cy in groups.values():
            for q in QUALITIES:
                vals = [self.quality.get(k, {}).get(q) for k in cy.docs]
                vals = [v for v in vals if v is not None]
                scored = [v[0] for v in vals if v[0] is not None]  # documents without cyber text have no score
                cy.quality[q] = round(sum(scored) / len(scored), 1) if scored else None
                cy.quality_findings[q] = sum(v[1] for v in vals)
            cy.industry = cy.industry or self.unknown()
            if not cy.company and cy.identity_source == "file name":
                cy.company = cy.company_id  # the file name, so that the row says which document it is
        return sorted(groups.values(), key=lambda c: (c.code or "~", c.company, c.fiscal_year or 0))

    def selected(self, year: int | None, counted_only: bool = True) -> list[CompanyYear]:
        """One company-year per company: ``year`` if given, else the latest (among the counted
        company-years unless ``counted_only`` is false)."""
        best: dict[str, CompanyYear] = {}
        for cy in (self.counted(self.company_years) if counted_only else self.company_years):
            if year is not None and cy.fiscal_year != year:
                continue
            cur = best.get(cy.company_id)
            if cur is None or (cy.fiscal_year or 0) > (cur.fiscal_year or 0):
                best[cy.company_id] = cy
        return sorted(best.values(), key=lambda c: (c.code or "~", c.company))


def identity(d: dict[str, Any], codes: dict[str, str] | None = None) -> tuple[str, str]:
    """(identity, source) of a document: its securities code, else the code another document of
    the same company name gives (``codes``: name -> code), else its company name, else its file
    name; source says where the value used came from (manifest / document / file name)."""
    sources = dict(part.split("=", 1) for part in (d.get("meta_source") or "").split(",") if "=" in part)
    if d.get("securities_code"):
        return str(d["securities_code"]), sources.get("securities_code", "manifest")
    if d.get("company"):
        return (codes or {}).get(_name_key(d["company"]), str(d["company"])), sources.get("company", "manifest")
    return Path(d["path"]).name, "file name"


def _name_key(name: str) -> str:
    """A company name compared across documents: NFKC (ＴＩＳ = TIS), no spaces."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", name).split())


def name_codes(docs: list[dict[str, Any]]) -> dict[str, str]:
    """Company name -> securities code, from documents that give both (one code per name only)."""
    seen: dict[str, set[str]] = {}
    for d in docs:
        if d.get("company") and d.get("securities_code"):
            seen.setdefault(_name_key(d["company"]), set()).add(str(d["securities_code"]))
    return {name: next(iter(codes)) for name, codes in seen.items() if len(codes) == 1}


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    """(Q1, median, Q3) by linear interpolation between order statistics (``statistics.quantiles``
    method "inclusive", the same as numpy's default); one value is its own quartiles."""
    import statistics

    v = sorted(values)
    if len(v) == 1:
        return v[0], v[0], v[0]
    q1, med, q3 = statistics.quantiles(v, n=4, method="inclusive")
    return round(q1, 1), round(med, 1), round(q3, 1)


# --------------------------------------------------------------------------- year over year


@dataclass
class YoYChange:
    company: CompanyYear  # the later company-year
    before: CompanyYear
    directive: str
    change: str  # added / dropped / unchanged / changed
    unchanged_for: int  # years the later status has held (0: new this year)


def yoy_changes(data: "Data") -> list[list[YoYChange]]:
    """Per company, per pair of consecutive observed fiscal years, the change of every directive.

    ``added``: not covered before, covered after; ``dropped``: covered before, not after;
    ``unchanged``: the same status; ``changed``: another change (e.g. missing -> weak).
    ``unchanged_for``: the later year minus the first year of the unbroken run of observations
    with that same status (a status held 2022, 2023, 2024 is unchanged for 2 years in 2024)."""
    by_company: dict[str, list[CompanyYear]] = {}
    for c in data.counted(data.company_years):
        if c.fiscal_year is not None:
            by_company.setdefault(c.company_id, []).append(c)
    out: list[list[YoYChange]] = []
    for cys in by_company.values():
        cys.sort(key=lambda c: c.fiscal_year or 0)
        since = {d: cys[0].fiscal_year for d in DIRECTIVES}
        for before, after in zip(cys, cys[1:]):
            pair = []
            for d in DIRECTIVES:
                a, b = before.directives[d], after.directives[d]
                if a == b:
                    change = "unchanged"
                else:
                    since[d] = after.fiscal_year
                    change = "added" if b == "covered" else "dropped" if a == "covered" else "changed"
                pair.append(YoYChange(after, before, d, change, (after.fiscal_year or 0) - (since[d] or 0)))
            out.append(pair)
    return out


def latest_pairs(pairs: list[list[YoYChange]], year: int | None) -> dict[str, list[YoYChange]]:
    """Each company's latest pair of years (ending in ``year`` when given)."""
    best: dict[str, list[YoYChange]] = {}
    for pair in pairs:
        c = pair[0].company
        if year is not None and c.fiscal_year != year:
            continue
        cur = best.get(c.company_id)
        if cur is None or (c.fiscal_year or 0) > (cur[0].company.fiscal_year or 0):
            best[c.company_id] = pair
    return best


def yoy_shares(pairs: dict[str, list[YoYChange]]) -> tuple[int, dict[str, float], dict[str, float]]:
    """(n companies, share that added each directive, share that dropped it)."""
    n = len(pairs)
    added = {d: sum(1 for p in pairs.values() if p[int(d) - 1].change == "added") / n if n else 0.0 for d in DIRECTIVES}
    dropped = {d: sum(1 for p in pairs.values() if p[int(d) - 1].change == "dropped") / n if n else 0.0 for d in DIRECTIVES}
    return n, added, dropped


# --------------------------------------------------------------------------- tables


def _label(key: str, lang: str) -> str:
    return T[key][lang]


def _dlabel(d: str, lang: str) -> str:
    return f"指示{d}" if lang == "ja" else f"D{d}"


def _plabel(p: str, lang: str) -> str:
    from ..mapper import load_directives

    pr = load_directives().principles[p]
    return pr.title if lang == "ja" else pr.title_en


def _status(s: str, lang: str) -> str:
    return T[s][lang]


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
        head + [_dlabel(d, L) for d in DIRECTIVES] + [_plabel(p, L) for p in PRINCIPLES] + [lab("coverage_score"), lab("cyber_passages")],
        [row0(c) + [_status(c.directives[d], L) for d in DIRECTIVES]
         + [_status(c.principles[p], L) for p in PRINCIPLES] + [c.coverage_score, c.cyber_passages] for c in sel],
    )
    out["company_years"] = (
        out["company_coverage"][0] + [lab("cyber_chars"), lab("findings"), lab("in_shares")],
        [row0(c) + [_status(c.directives[d], L) for d in DIRECTIVES]
         + [_status(c.principles[p], L) for p in PRINCIPLES] + [c.coverage_score, c.cyber_passages, c.cyber_chars, c.findings,
                                                                 lab("yes") if (data.include_empty or not c.empty) else lab("no_cyber")]
         for c in data.company_years],
    )
    per_k = lambda c, q: round(c.quality_findings[q] / (c.cyber_chars / 1000), 2) if c.cyber_chars else None  # noqa: E731
    out["quality"] = (
        head + [lab("cyber_chars"), lab("quality_score")] + [QUALITY_LABELS[q][L] for q in QUALITIES]
        + [f"{QUALITY_LABELS[q][L]} {lab('findings')}" for q in QUALITIES] + [f"{QUALITY_LABELS[q][L]} {lab('per_1000')}" for q in QUALITIES],
        [row0(c) + [c.cyber_chars, c.quality_score] + [c.quality[q] for q in QUALITIES] + [c.quality_findings[q] for q in QUALITIES]
         + [per_k(c, q) for q in QUALITIES] for c in data.company_years],
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
    out["quality_industry"] = ([lab("industry"), lab("quality"), lab("n"), lab("median"), lab("q1"), lab("q3")], qi_rows)
    by_key = {d["key"]: d for d in data.ok}
    out["findings"] = (
        head[:4] + [lab("path"), lab("rule"), lab("quality"), lab("level"), lab("count")],
        [[by_key[r["key"]]["company"], by_key[r["key"]]["securities_code"], by_key[r["key"]]["industry"], by_key[r["key"]]["fiscal_year"],
          by_key[r["key"]]["path"], r["rule"], QUALITY_LABELS.get(r["quality"] or "", {}).get(L, r["quality"]), r["level"], r["n"]]
         for r in data.rule_counts if r["key"] in by_key],
    )
    totals: dict[tuple[str, str, str], list[int]] = {}
    for r in data.rule_counts:
        t = totals.setdefault((r["rule"], r["quality"] or "", r["level"]), [0, 0])
        t[0] += 1
        t[1] += r["n"]
    out["rules"] = (
        [lab("rule"), lab("quality"), lab("level"), lab("docs_with"), lab("count")],
        [[k[0], QUALITY_LABELS.get(k[1], {}).get(L, k[1]), k[2], v[0], v[1]] for k, v in sorted(totals.items(), key=lambda kv: -kv[1][1])],
    )
    out["industry"] = (
        [lab("industry"), lab("n")] + [_dlabel(d, L) for d in DIRECTIVES] + [lab("coverage_score")],
        [[ind, len(cs)] + [round(sum(c.directives[d] == "covered" for c in cs) / len(cs), 3) for d in DIRECTIVES]
         + [round(sum(c.coverage_score for c in cs) / len(cs), 1)] for ind, cs in _by_industry(sel).items()],
    )
    out["trend"] = (
        [lab("fiscal_year"), lab("n")] + [_dlabel(d, L) for d in DIRECTIVES] + [lab("coverage_score")],
        [[y, len(cs)] + [round(sum(c.directives[d] == "covered" for c in cs) / len(cs), 3) for d in DIRECTIVES]
         + [round(sum(c.coverage_score for c in cs) / len(cs), 1)] for y, cs in _by_year(counted_years).items()],
    )
    pairs = yoy_changes(data)
    out["yoy"] = (
        head[:3] + [lab("from_year"), lab("to_year"), lab("gap"), lab("directive"), lab("before"), lab("after"), lab("change"), lab("unchanged_for")],
        [[x.company.company, x.company.code, x.company.industry, x.before.fiscal_year, x.company.fiscal_year,
          (x.company.fiscal_year or 0) - (x.before.fiscal_year or 0), _dlabel(x.directive, L), _status(x.before.directives[x.directive], L),
          _status(x.company.directives[x.directive], L), lab(x.change), x.unchanged_for] for pair in pairs for x in pair],
    )
    latest = latest_pairs(pairs, year)
    yi_rows = []
    for ind, group in [(lab("all_companies"), latest), *_by_industry_pairs(latest).items()]:
        n, added, dropped = yoy_shares(group)
        yi_rows.append([ind, n] + [round(added[d], 3) for d in DIRECTIVES] + [round(dropped[d], 3) for d in DIRECTIVES])
    out["yoy_industry"] = (
        [lab("industry"), lab("n")] + [f"{_dlabel(d, L)} {lab('added')}" for d in DIRECTIVES] + [f"{_dlabel(d, L)} {lab('dropped')}" for d in DIRECTIVES],
        yi_rows if latest else [],
    )
    out["documents"] = (
        [lab("path"), lab("company"), lab("code"), lab("industry"), lab("fiscal_year"), lab("identity_source"), lab("document_type"), lab("format"),
         lab("status"), lab("error"), lab("pages"), lab("chars"), lab("cyber_passages"), lab("cyber_chars"), lab("findings"), lab("coverage_score"),
         lab("quality_score")]
        + [_dlabel(d, L) for d in DIRECTIVES] + [QUALITY_LABELS[q][L] for q in QUALITIES] + [lab("seconds"), "sha256"],
        [[d["path"], d["company"] or ("" if d["securities_code"] else Path(d["path"]).name),  # a file name rather than an empty cell
          d["securities_code"], d["industry"], d["fiscal_year"],
          lab({"manifest": "id_manifest", "document": "id_document"}.get(identity(d)[1], "id_file")), d["document_type"], d["format"], d["status"],
          _error_text(d, L), d["pages"], d["chars"], d["cyber_passages"], d.get("cyber_chars"), d["findings"], d["coverage_score"], d["quality_score"]]
         + [_status(data.coverage.get(d["key"], {}).get(("directive", x), "missing"), L) if d["status"] == "ok" else "" for x in DIRECTIVES]
         + [data.quality.get(d["key"], {}).get(q, ("", 0))[0] for q in QUALITIES] + [round(d["seconds"] or 0, 2), d["sha256"]]
         for d in data.docs],
    )
    out["errors"] = (
        [lab("path"), lab("company"), lab("code"), "error_code", lab("error")],
        [[d["path"], d["company"], d["securities_code"], d["error_code"], _error_text(d, L)] for d in data.failed],
    )
    return out


def _by_industry_pairs(pairs: dict[str, list[YoYChange]]) -> dict[str, dict[str, list[YoYChange]]]:
    out: dict[str, dict[str, list[YoYChange]]] = {}
    for cid, p in pairs.items():
        out.setdefault(p[0].company.industry, {})[cid] = p
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _error_text(d: dict[str, Any], lang: str) -> str:
    if d["status"] == "ok":
        return ""
    from ..i18n import t

    try:
        params = json.loads(d["error_params"] or "{}")
    except ValueError:
        params = {}
    return t(d["error_code"] or "", lang, **params) if d["error_code"] else (d["error_message"] or "")


def _by_industry(cys: list[CompanyYear]) -> dict[str, list[CompanyYear]]:
    out: dict[str, list[CompanyYear]] = {}
    for c in cys:
        out.setdefault(c.industry, []).append(c)
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _by_year(cys: list[CompanyYear]) -> dict[int, list[CompanyYear]]:
    out: dict[int, list[CompanyYear]] = {}
    for c in cys:
        if c.fiscal_year is not None:
            out.setdefault(c.fiscal_year, []).append(c)
    return dict(sorted(out.items()))


# C0 controls but TAB / LF / CR, DEL, C1 controls: never meaningful in a cell, and openpyxl
# refuses most of them (IllegalCharacterError) — a manifest or a DEI fact can carry them
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# what a spreadsheet may take for a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(v: Any) -> Any:
    """Strings without control characters; anything else unchanged."""
    return _CONTROL.sub("", v) if isinstance(v, str) and _CONTROL.search(v) else v


def csv_cell(v: Any) -> Any:
    """A CSV cell safe to open in a spreadsheet: a string that begins with ``= + - @`` TAB or CR
    is prefixed with a single quote, as OWASP recommends (numbers are written as numbers)."""
    v = clean_text(v)
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with path.open("x", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens it as UTF-8
        w = csv.writer(fh)
        w.writerow([csv_cell(h) for h in header])
        w.writerows([csv_cell(v) for v in row] for row in rows)


SHEET_NAMES = {
    "company_coverage": {"ja": "会社×指示", "en": "company x directive"},
    "company_years": {"ja": "会社×年度", "en": "company-years"},
    "quality": {"ja": "品質スコア", "en": "quality scores"},
    "findings": {"ja": "指摘（文書別）", "en": "findings by document"},
    "rules": {"ja": "指摘（ルール別）", "en": "findings by rule"},
    "industry": {"ja": "業種×指示", "en": "industry x directive"},
    "trend": {"ja": "年度推移", "en": "trend"},
    "quality_industry": {"ja": "品質の分布", "en": "quality spread"},
    "yoy": {"ja": "前年比", "en": "YoY"},
    "yoy_industry": {"ja": "前年比（業種別）", "en": "YoY by industry"},
    "documents": {"ja": "文書", "en": "documents"},
    "errors": {"ja": "エラー", "en": "errors"},
}
FILLS = {"covered": "C6EFCE", "weak": "FFEB9C", "missing": "F4CCCC"}


def write_xlsx(path: Path, views: dict[str, tuple[list[str], list[list[Any]]]], lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    fills = {T[k][lang]: PatternFill("solid", fgColor=v) for k, v in FILLS.items()}
    wb = Workbook()
    wb.remove(wb.active)
    for name, (header, rows) in views.items():
        ws = wb.create_sheet(SHEET_NAMES[name][lang][:31])
        ws.append([clean_text(h) for h in header])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([clean_text(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula; no visible apostrophe
        ws.freeze_panes = "A2"
        if rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                fill = fills.get(cell.value) if isinstance(cell.value, str) else None
                if fill is not None:
                    cell.fill = fill
        for i, h in enumerate(header, 1):
            width = max([len(str(h))] + [len(str(r[i - 1])) for r in rows[:200] if i - 1 < len(r) and r[i - 1] is not None])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width * 1.6 if lang == "ja" else width + 2))
    wb.save(path)


# --------------------------------------------------------------------------- charts


def setup_matplotlib() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # company and industry names are data: "$…$" must be drawn as it is, not parsed as mathtext
    # (a bad expression raised ValueError in the middle of the report)
    matplotlib.rcParams["text.parse_math"] = False

    try:
        import matplotlib_fontja  # noqa: F401 - sets the Japanese font (IPAexGothic)
    except ImportError:  # pragma: no cover - the survey extra installs it
        pass
    return plt


def font_path() -> str:
    """The file of the font matplotlib uses for text (the bundled IPAexGothic when available)."""
    plt = setup_matplotlib()
    from matplotlib import font_manager

    return font_manager.findfont(font_manager.FontProperties(family=plt.rcParams["font.family"]))


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def chart_share(data: Data, sel: list[CompanyYear]) -> Any:
    plt = setup_matplotlib()
    L = data.lang
    fig, ax = plt.subplots(figsize=(8, 4.2))
    labels = [_dlabel(d, L) for d in DIRECTIVES]
    n = max(1, len(sel))
    cov = [sum(c.directives[d] == "covered" for c in sel) / n for d in DIRECTIVES]
    weak = [sum(c.directives[d] == "weak" for c in sel) / n for d in DIRECTIVES]
    ax.bar(labels, cov, color="#2e7d32", label=T["covered"][L])
    ax.bar(labels, weak, bottom=cov, color="#f9a825", label=T["weak"][L])
    ax.set_ylim(0, 1)
    ax.set_ylabel(T["share"][L])
    ax.set_title(f"{T['share_title'][L]}（n={len(sel)}）" if L == "ja" else f"{T['share_title'][L]} (n={len(sel)})")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.legend(loc="upper right")
    return fig


def chart_heatmap(data: Data, sel: list[CompanyYear]) -> Any:
    plt = setup_matplotlib()
    L = data.lang
    groups = _by_industry(sel)
    names = list(groups)
    matrix = [[sum(c.directives[d] == "covered" for c in cs) / len(cs) for d in DIRECTIVES] for cs in groups.values()]
    fig, ax = plt.subplots(figsize=(9, 0.38 * len(names) + 1.6))
    im = ax.imshow(matrix or [[0] * 10], cmap="Greens", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(10), [_dlabel(d, L) for d in DIRECTIVES])
    ax.set_yticks(range(len(names)), [f"{n}（{len(groups[n])}）" if L == "ja" else f"{n} ({len(groups[n])})" for n in names])
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=7, color="white" if v > 0.6 else "black")
    ax.set_title(T["heatmap_title"][L])
    fig.colorbar(im, ax=ax, fraction=0.03, format=plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    return fig


MAX_LINES = 6  # lines per chart; more series become small multiples


def _year_ticks(years: dict[int, list[CompanyYear]], lang: str) -> list[str]:
    return [f"{y}\nn={len(cs)}" for y, cs in years.items()]


def chart_trend(data: Data) -> Any:
    """Small multiples, one directive per panel (never ten overlapping lines); fiscal years are
    categories (evenly spaced, gaps are not stretched) labelled with their n."""
    plt = setup_matplotlib()
    L = data.lang
    years = _by_year(data.counted(data.company_years))
    xs = list(range(len(years)))
    fig, axes = plt.subplots(2, 5, figsize=(12, 6.2), sharey=True)
    for k, (d, ax) in enumerate(zip(DIRECTIVES, axes.flat)):
        ys = [sum(c.directives[d] == "covered" for c in cs) / len(cs) for cs in years.values()]
        ax.plot(xs, ys, marker="o", color="#2e7d32", linewidth=1.8)
        ax.set_title(_dlabel(d, L), fontsize=10)
        ax.set_ylim(-0.03, 1.03)
        ax.grid(axis="y", alpha=0.3)
        ax.set_xticks(xs, _year_ticks(years, L), fontsize=7)
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    fig.suptitle(f"{T['trend_title'][L]}（n は各年度の社数）" if L == "ja" else f"{T['trend_title'][L]} (n: companies in each year)")
    fig.tight_layout()
    return fig


def chart_yoy(data: Data, pairs: dict[str, list[YoYChange]]) -> Any:
    """Per directive: share of companies that added it (up) and that dropped it (down)."""
    plt = setup_matplotlib()
    L = data.lang
    n, added, dropped = yoy_shares(pairs)
    fig, ax = plt.subplots(figsize=(8, 4.2))
    labels = [_dlabel(d, L) for d in DIRECTIVES]
    ax.bar(labels, [added[d] for d in DIRECTIVES], color="#2e7d32", label=T["added"][L])
    ax.bar(labels, [-dropped[d] for d in DIRECTIVES], color="#c62828", label=T["dropped"][L])
    ax.axhline(0, color="#444", linewidth=0.8)
    top = max([0.1, *added.values(), *dropped.values()])
    ax.set_ylim(-top * 1.15, top * 1.15)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{abs(v):.0%}"))
    ax.set_ylabel(T["share"][L])
    ax.set_title(f"{T['yoy_title'][L]}（n={n}）" if L == "ja" else f"{T['yoy_title'][L]} (n={n})", fontsize=10)
    ax.legend(loc="upper right")
    return fig


def chart_radar(series: list[tuple[str, list[float]]], title: str, lang: str) -> Any:
    import math

    plt = setup_matplotlib()
    angles = [2 * math.pi * i / 10 for i in range(10)] + [0.0]
    fig = plt.figure(figsize=(6, 6))
    ax = fig.add_subplot(polar=True)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_xticks(angles[:-1], [_dlabel(d, lang) for d in DIRECTIVES])
    ax.set_ylim(0, 1)
    ax.set_yticks([0.25, 0.5, 0.75, 1.0], ["", "0.5", "", "1"])
    for name, vals in series:
        v = list(vals) + [vals[0]]
        ax.plot(angles, v, linewidth=1.8, label=name)
        ax.fill(angles, v, alpha=0.12)
    ax.set_title(title, pad=18)
    ax.legend(loc="upper right", bbox_to_anchor=(1.35, 1.12), fontsize=8)
    return fig


def radar_series(data: Data, sel: list[CompanyYear], codes: list[str]) -> tuple[list[tuple[str, list[float]]], str, list[str]]:
    """Series for ``--compare``: several companies, or one company against its industry average."""
    L = data.lang
    from .inputs import normalize_code

    wanted = [normalize_code(c) for c in codes]
    found = [c for w in wanted for c in sel if c.code == w or c.company == w]
    missing = [w for w in wanted if not any(c.code == w or c.company == w for c in sel)]
    found = found[: MAX_LINES - 1]  # at most ~6 lines per chart (the report notes the others: survey.report_compare_limited)
    series = [(f"{c.company}（{c.code} {c.fiscal_year}）" if L == "ja" else f"{c.company} ({c.code} {c.fiscal_year})", [c.value(d) for d in DIRECTIVES]) for c in found]
    if len(found) == 1:
        peers = [c for c in sel if c.industry == found[0].industry]
        avg = [sum(c.value(d) for c in peers) / len(peers) for d in DIRECTIVES]
        series.append((f"{T['industry_avg'][L]}：{found[0].industry}（n={len(peers)}）" if L == "ja" else f"{T['industry_avg'][L]}: {found[0].industry} (n={len(peers)})", avg))
    return series, T["radar_title"][L], missing


def industry_radar(data: Data, sel: list[CompanyYear], top: int = 4) -> list[tuple[str, list[float]]]:
    L = data.lang
    series = [(f"{T['all_avg'][L]}（n={len(sel)}）" if L == "ja" else f"{T['all_avg'][L]} (n={len(sel)})",
               [sum(c.value(d) for c in sel) / max(1, len(sel)) for d in DIRECTIVES])]
    groups = _by_industry(sel)
    if len(groups) == 1:  # one industry: its average is the all-companies line (drawn once, not hidden under a copy)
        return series
    for ind, cs in list(groups.items())[:top]:
        series.append((f"{ind}（n={len(cs)}）" if L == "ja" else f"{ind} (n={len(cs)})", [sum(c.value(d) for c in cs) / len(cs) for d in DIRECTIVES]))
    return series


def render_charts(data: Data, sel: list[CompanyYear], codes: list[str], out_dir: Path | None = None,
                  year: int | None = None) -> tuple[dict[str, str], list[str], list[str]]:
    """name -> base64 PNG; also the glyph warnings matplotlib emitted (must be none)."""
    charts: dict[str, str] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts["share"] = _png(chart_share(data, sel))
        charts["heatmap"] = _png(chart_heatmap(data, sel))
        if len(_by_year(data.counted(data.company_years))) >= 1:
            charts["trend"] = _png(chart_trend(data))
        latest = latest_pairs(yoy_changes(data), year)
        if latest:
            charts["yoy"] = _png(chart_yoy(data, latest))
        missing: list[str] = []
        if codes:
            series, title, missing = radar_series(data, sel, codes)
            if series:
                charts["radar_compare"] = _png(chart_radar(series, title, data.lang))
        charts["radar_industry"] = _png(chart_radar(industry_radar(data, sel), T["radar_industry_title"][data.lang], data.lang))
    glyph = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    if out_dir is not None:
        (out_dir / "charts").mkdir()
        for name, b64 in charts.items():
            (out_dir / "charts" / f"{name}.png").write_bytes(base64.b64decode(b64))
    return charts, glyph, missing


# --------------------------------------------------------------------------- HTML


CSS = """
body{font-family:"Hiragino Sans","Noto Sans CJK JP","Yu Gothic",Meiryo,sans-serif;margin:1.5em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.5em;border-bottom:3px solid #2e7d32;padding-bottom:.3em}h2{font-size:1.2em;margin-top:2em;border-left:6px solid #2e7d32;padding-left:.5em}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{background:#f3f6f3;border-radius:8px;padding:.6em 1.2em;min-width:7em}
.card b{display:block;font-size:1.6em}table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;white-space:nowrap}th{background:#eef2ee;position:sticky;top:0}
td.covered{background:#c6efce}td.weak{background:#ffeb9c}td.missing{background:#f4cccc}td.num{text-align:right}
.scroll{max-height:34em;overflow:auto;border:1px solid #ddd}img{max-width:100%;height:auto}.meta{color:#666;font-size:.85em}
ol.legend{font-size:.9em;columns:2}
"""


def _cell(v: Any, lang: str) -> str:
    v = clean_text(v)
    cls = next((k for k in ("covered", "weak", "missing") if v == T[k][lang]), "num" if isinstance(v, (int, float)) else "")
    if isinstance(v, float):
        v = f"{v:.3f}".rstrip("0").rstrip(".") if v < 1.0001 and v != int(v) else f"{v:g}"
    return f'<td class="{cls}">{html.escape("" if v is None else str(v))}</td>' if cls else f"<td>{html.escape('' if v is None else str(v))}</td>"


def _table(header: list[str], rows: list[list[Any]], lang: str, limit: int = 2000) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(_cell(v, lang) for v in r) + "</tr>" for r in rows[:limit])
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def render_html(data: Data, views: dict[str, tuple[list[str], list[list[Any]]]], charts: dict[str, str], year: int | None) -> str:
    from .. import __version__
    from ..mapper import load_directives

    L = data.lang
    ds = load_directives()
    sel = data.selected(year)
    last = data.runs[-1] if data.runs else {}
    counted = data.counted(data.company_years)
    n_empty = sum(1 for c in data.company_years if c.empty)
    all_companies = len({c.company_id for c in data.company_years})
    cards = [
        (T["documents"][L], len(data.ok)),
        (T["companies"][L], f"{len({c.company_id for c in counted})} / {all_companies}" if not data.include_empty else all_companies),
        (T["industries"][L], len({c.industry for c in counted})), (T["years"][L], len(_by_year(counted))),
        (T["errors"][L], len(data.failed)),
    ]
    note = T["empty_included" if data.include_empty else "empty_note"][L].format(n=n_empty) if n_empty else ""
    img = lambda name: f'<img alt="{name}" src="data:image/png;base64,{charts[name]}">' if name in charts else ""  # noqa: E731
    legend = "".join(f"<li>{html.escape(d.title if L == 'ja' else d.title_en)}</li>" for d in ds.directives.values())
    parts = [
        f'<!DOCTYPE html><html lang="{L}"><head><meta charset="utf-8"><title>{T["title"][L]}</title><style>{CSS}</style></head><body>',
        f"<h1>{T['title'][L]}</h1>",
        '<p class="meta">' + html.escape(T["generated"][L].format(version=last.get("disclint_version") or __version__, ruleset=last.get("ruleset") or "-", runs=len(data.runs)))
        + " / " + html.escape(T["year_note"][L].format(year=year if year is not None else T["latest"][L])) + "</p>",
        '<div class="cards">' + "".join(f'<div class="card">{html.escape(k)}<b>{v}</b></div>' for k, v in cards) + "</div>",
        f'<p class="meta">{html.escape(note)}</p>' if note else "",
        f"<h2>{T['share_title'][L]}</h2>{img('share')}",
        f"<h3>{T['legend'][L]}</h3><ol class=\"legend\">{legend}</ol>",
        f"<h2>{T['heatmap_title'][L]}</h2>{img('heatmap')}",
        f"<h2>{T['trend_title'][L]}</h2>{img('trend')}",
    ]
    if "radar_compare" in charts:
        parts.append(f"<h2>{T['radar_title'][L]}</h2>{img('radar_compare')}")
    parts.append(f"<h2>{T['radar_industry_title'][L]}</h2>{img('radar_industry')}")
    parts.append(f"<h2>{T['table_company'][L]}（n={len(sel)}）</h2>" + _table(*views["company_coverage"], L))
    parts.append(f"<h2>{T['yoy_title'][L]}</h2>" + (img("yoy") + _table(*views["yoy_industry"], L) if "yoy" in charts else f"<p>{T['yoy_none'][L]}</p>"))
    parts.append(f"<h2>{T['table_quality_industry'][L]}</h2>" + _table(*views["quality_industry"], L))
    parts.append(f"<h2>{T['table_quality'][L]}</h2>" + _table(*views["quality"], L))
    parts.append(f"<h2>{SHEET_NAMES['industry'][L]}</h2>" + _table(*views["industry"], L))
    parts.append(f"<h2>{SHEET_NAMES['trend'][L]}</h2>" + _table(*views["trend"], L))
    parts.append(f"<h2>{SHEET_NAMES['rules'][L]}</h2>" + _table(*views["rules"], L))
    if data.failed:
        parts.append(f"<h2>{T['table_errors'][L]}</h2>" + _table(*views["errors"], L))
    parts.append("</body></html>\n")
    return "\n".join(parts)


# --------------------------------------------------------------------------- entry point


def write_report(run_dir: Path, out_dir: Path, lang: str = "ja", compare: list[str] | None = None, year: int | None = None,
                 industry: str | None = None, include_empty: bool = False) -> Written:
    """Write the report into a new directory ``out_dir`` (absent or empty).

    Everything is written into a temporary sibling directory that is renamed to ``out_dir`` only
    when complete, so an interrupted run leaves no half-written report (see :mod:`disclint.safeio`)."""
    if out_dir.resolve() == run_dir.resolve():
        raise SurveyError("survey.report_out_is_run", path=str(out_dir))
    data = Data(run_dir, lang, include_empty=include_empty, industry=industry)
    if not data.ok:
        raise SurveyError("survey.report_no_documents", path=str(run_dir))
    check_filters(data, year, industry)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise SurveyError("survey.report_out_exists", path=str(out_dir))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temp_dirs(out_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    try:
        written = _write_files(data, tmp, lang, compare, year)
        os.replace(tmp, out_dir)  # onto an absent or empty directory: atomic on POSIX
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    written.files = [out_dir / f.relative_to(tmp) for f in written.files]
    return written


def _listing(values: list[Any], limit: int = 30) -> str:
    shown = [str(v) for v in values[:limit]]
    return ", ".join(shown) + (f", …（+{len(values) - limit}）" if len(values) > limit else "")


def check_filters(data: Data, year: int | None, industry: str | None) -> None:
    """A filter that selects nothing is an error naming the values that exist (never empty tables)."""
    if industry is not None and not data.company_years:
        values = sorted({c.industry for c in data.all_company_years})
        raise SurveyError("survey.report_no_such_industry", value=industry, values=_listing(values))
    if year is not None and not any(c.fiscal_year == year for c in data.counted(data.company_years)):
        values = sorted({c.fiscal_year for c in data.counted(data.company_years) if c.fiscal_year is not None})
        raise SurveyError("survey.report_no_such_year", value=year, values=_listing(values) or "-")


STALE_TEMP_SECONDS = 3600


def _remove_stale_temp_dirs(out_dir: Path) -> None:
    """A report killed with ``kill -9`` leaves its ``.OUT.*.tmp`` sibling (megabytes of CSV and
    PNG): remove those of earlier runs for the same OUT_DIR, once they are an hour old (a report
    still being written by another process is younger)."""
    import time

    now = time.time()
    for p in out_dir.parent.glob(f".{glob_escape(out_dir.name)}.*.tmp"):
        try:
            if p.is_dir() and not p.is_symlink() and now - p.stat().st_mtime > STALE_TEMP_SECONDS:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            continue


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


def _write_files(data: Data, out_dir: Path, lang: str, compare: list[str] | None, year: int | None) -> Written:
    written = Written()
    views = tables(data, year)
    for name, (header, rows) in views.items():
        p = out_dir / f"{name}.csv"
        write_csv(p, header, rows)
        written.files.append(p)
    xlsx = out_dir / "survey.xlsx"
    write_xlsx(xlsx, views, lang)
    written.files.append(xlsx)
    sel = data.selected(year)
    charts, glyph, missing = render_charts(data, sel, compare or [], out_dir, year)
    written.files.extend(sorted((out_dir / "charts").glob("*.png")))
    if missing:
        written.notes.append(("survey.report_compare_unknown", {"codes": ", ".join(missing)}))
    from .inputs import normalize_code

    drawn = [c for c in (normalize_code(x) for x in (compare or [])) if any(s.code == c or s.company == c for s in sel)]
    if len(drawn) > MAX_LINES - 1:
        written.notes.append(("survey.report_compare_limited", {"count": MAX_LINES - 1, "codes": ", ".join(drawn[MAX_LINES - 1:])}))
    page = out_dir / "index.html"
    page.write_text(render_html(data, views, charts, year), encoding="utf-8")
    written.files.append(page)
    written.glyph_warnings = glyph
    return written
