"""The survey store read into company-years, (the data behind every
output of ``disclint survey report``; its tables are in :mod:`.tables`, the year-over-year
changes in :mod:`.yoy`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..guideline import directive_ids, principle_keys
from ..i18n import status_label, t
from ..quality import QUALITIES
from .inputs import SurveyError
from .store import DB_NAME
from .worker import STATUS_POINTS

DIRECTIVES = [str(d) for d in directive_ids()]
PRINCIPLES = principle_keys()
RANK = {"covered": 2, "weak": 1, "missing": 0}


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
        return t("survey.report.unknown_industry", self.lang)

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


# --------------------------------------------------------------------------- labels and groups


def _status(s: str, lang: str) -> str:
    return status_label(s, lang, mark=False)


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
