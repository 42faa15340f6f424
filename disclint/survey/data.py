"""The survey store read into company-years, the views' tables and year-over-year changes
(the data behind every output of ``disclint survey report``)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..quality import QUALITIES, QUALITY_LABELS
from .inputs import SurveyError
from .store import DB_NAME
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
    "heatmap_title": {
        "ja": "業種 × 指示（記載ありの会社の割合）",
        "en": "Industry × directive (share of companies covering it)",
    },
    "trend_title": {
        "ja": "年度ごとの推移（記載ありの会社の割合）",
        "en": "Change over fiscal years (share of companies covering each directive)",
    },
    "radar_title": {
        "ja": "会社の比較（記載あり = 1、弱い = 0.5、なし = 0）",
        "en": "Company comparison (covered = 1, weak = 0.5, missing = 0)",
    },
    "radar_industry_title": {"ja": "業種平均の比較", "en": "Industry averages"},
    "industry_avg": {"ja": "業種平均", "en": "industry average"},
    "all_avg": {"ja": "全社平均", "en": "all companies"},
    "unknown_industry": {"ja": "（業種不明）", "en": "(unknown industry)"},
    "share": {"ja": "割合", "en": "share"},
    "directive": {"ja": "指示", "en": "D"},
    "legend": {
        "ja": "指示の一覧（サイバーセキュリティ経営ガイドライン Ver3.0）",
        "en": "Directives (Cyber Security Management Guidelines Ver3.0)",
    },
    "table_company": {"ja": "会社 × 指示", "en": "Company × directive"},
    "table_quality": {
        "ja": "品質スコア（MIC 開示の手引きの 5 つの品質、100 点満点）",
        "en": "Quality scores (the five qualities of the MIC guide, out of 100)",
    },
    "table_errors": {"ja": "処理できなかった文書", "en": "Documents that could not be processed"},
    "generated": {
        "ja": "disclint {version}、ルールセット {ruleset}、実行 {runs} 回",
        "en": "disclint {version}, rule set {ruleset}, {runs} runs",
    },
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
    "empty_note": {
        "ja": "サイバーセキュリティの記述がない会社・年度 {n} 件は割合と品質の集計から除いています（--include-empty で含めます）。",
        "en": "{n} company-years without cybersecurity text are left out of shares and quality (--include-empty counts them).",
    },
    "empty_included": {
        "ja": "サイバーセキュリティの記述がない会社・年度 {n} 件も割合に含めています（--include-empty）。",
        "en": "{n} company-years without cybersecurity text are counted in the shares (--include-empty).",
    },
    "table_quality_industry": {
        "ja": "品質スコアの分布（業種別、サイバー記述のある会社、n・中央値・四分位）",
        "en": "Quality score spread by industry (companies with cybersecurity text: n, median, quartiles)",
    },
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
    "yoy_title": {
        "ja": "前年度からの変化（各指示を追加・削除した会社の割合）",
        "en": "Year-over-year change (share of companies that added or dropped each directive)",
    },
    "yoy_none": {
        "ja": "2 年度以上の結果がある会社がないため、前年度からの変化は集計できません。",
        "en": "No company has results for two fiscal years: no year-over-year change to report.",
    },
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
    identity_source: str = (
        "file name"  # where the identity (code, else name) came from: manifest / document / file name
    )
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
        return round(
            100.0 * sum(STATUS_POINTS[self.directives.get(d, "missing")] for d in DIRECTIVES) / len(DIRECTIVES), 1
        )

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
            self.docs = [
                dict(r)
                for r in conn.execute("SELECT * FROM documents ORDER BY securities_code, company, fiscal_year, path")
            ]
            cov = conn.execute("SELECT key, kind, item, status FROM coverage").fetchall()
            qual = conn.execute("SELECT key, quality, score, findings FROM quality").fetchall()
            self.rule_counts = [
                dict(r)
                for r in conn.execute(
                    "SELECT key, rule, level, quality, COUNT(*) AS n FROM findings GROUP BY key, rule, level, quality ORDER BY key, rule"
                )
            ]
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
                cy = groups[key] = CompanyYear(
                    cid,
                    d["company"] or "",
                    d["securities_code"] or "",
                    d["industry"] or "",
                    d["fiscal_year"],
                    identity_source=source,
                )
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
        for cy in self.counted(self.company_years) if counted_only else self.company_years:
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


def yoy_changes(data: Data) -> list[list[YoYChange]]:
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
        for before, after in zip(cys, cys[1:], strict=False):
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
    dropped = {
        d: sum(1 for p in pairs.values() if p[int(d) - 1].change == "dropped") / n if n else 0.0 for d in DIRECTIVES
    }
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
