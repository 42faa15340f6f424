"""Safe CSV and XLSX files and the HTML dashboard of ``disclint survey report``."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path
from typing import Any

from ..i18n import directive_title, status_label, t
from .data import (
    Data,
    _by_year,
)

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


FILLS = {"covered": "C6EFCE", "weak": "FFEB9C", "missing": "F4CCCC"}


def write_xlsx(path: Path, views: dict[str, tuple[list[str], list[list[Any]]]], lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    fills = {status_label(k, lang, mark=False): PatternFill("solid", fgColor=v) for k, v in FILLS.items()}
    wb = Workbook()
    wb.remove(wb.active)
    for name, (header, rows) in views.items():
        ws = wb.create_sheet(t(f"survey.sheet.{name}", lang)[:31])
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
            width = max(
                [len(str(h))] + [len(str(r[i - 1])) for r in rows[:200] if i - 1 < len(r) and r[i - 1] is not None]
            )
            ws.column_dimensions[get_column_letter(i)].width = min(
                60, max(8, width * 1.6 if lang == "ja" else width + 2)
            )
    wb.save(path)


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
    cls = next(
        (k for k in FILLS if v == status_label(k, lang, mark=False)), "num" if isinstance(v, (int, float)) else ""
    )
    if isinstance(v, float):
        v = f"{v:.3f}".rstrip("0").rstrip(".") if v < 1.0001 and v != int(v) else f"{v:g}"
    return (
        f'<td class="{cls}">{html.escape("" if v is None else str(v))}</td>'
        if cls
        else f"<td>{html.escape('' if v is None else str(v))}</td>"
    )


def _table(header: list[str], rows: list[list[Any]], lang: str, limit: int = 2000) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(_cell(v, lang) for v in r) + "</tr>" for r in rows[:limit])
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def render_html(
    data: Data, views: dict[str, tuple[list[str], list[list[Any]]]], charts: dict[str, str], year: int | None
) -> str:
    from .. import __version__
    from ..guideline import directive_ids

    L = data.lang
    sel = data.selected(year)
    last = data.runs[-1] if data.runs else {}
    counted = data.counted(data.company_years)
    n_empty = sum(1 for c in data.company_years if c.empty)
    all_companies = len({c.company_id for c in data.company_years})
    cards = [
        (t("survey.report.documents", L), len(data.ok)),
        (
            t("survey.report.companies", L),
            f"{len({c.company_id for c in counted})} / {all_companies}" if not data.include_empty else all_companies,
        ),
        (t("survey.report.industries", L), len({c.industry for c in counted})),
        (t("survey.report.years", L), len(_by_year(counted))),
        (t("survey.report.errors", L), len(data.failed)),
    ]
    note = (
        t("survey.report.empty_included" if data.include_empty else "survey.report.empty_note", L, n=n_empty)
        if n_empty
        else ""
    )
    img = lambda name: f'<img alt="{name}" src="data:image/png;base64,{charts[name]}">' if name in charts else ""  # noqa: E731
    legend = "".join(f"<li>{html.escape(directive_title(d, L))}</li>" for d in directive_ids())
    parts = [
        f'<!DOCTYPE html><html lang="{L}"><head><meta charset="utf-8"><title>{t("survey.report.title", L)}</title><style>{CSS}</style></head><body>',
        f"<h1>{t('survey.report.title', L)}</h1>",
        '<p class="meta">'
        + html.escape(
            t(
                "survey.report.generated",
                L,
                version=last.get("disclint_version") or __version__,
                ruleset=last.get("ruleset") or "-",
                runs=len(data.runs),
            )
        )
        + " / "
        + html.escape(t("survey.report.year_note", L, year=year if year is not None else t("survey.report.latest", L)))
        + "</p>",
        '<div class="cards">'
        + "".join(f'<div class="card">{html.escape(k)}<b>{v}</b></div>' for k, v in cards)
        + "</div>",
        f'<p class="meta">{html.escape(note)}</p>' if note else "",
        f"<h2>{t('survey.report.share_title', L)}</h2>{img('share')}",
        f'<h3>{t("survey.report.legend", L)}</h3><ol class="legend">{legend}</ol>',
        f"<h2>{t('survey.report.heatmap_title', L)}</h2>{img('heatmap')}",
        f"<h2>{t('survey.report.trend_title', L)}</h2>{img('trend')}",
    ]
    if "radar_compare" in charts:
        parts.append(f"<h2>{t('survey.report.radar_title', L)}</h2>{img('radar_compare')}")
    parts.append(f"<h2>{t('survey.report.radar_industry_title', L)}</h2>{img('radar_industry')}")
    parts.append(
        f"<h2>{t('survey.report.table_company', L)}（n={len(sel)}）</h2>" + _table(*views["company_coverage"], L)
    )
    parts.append(
        f"<h2>{t('survey.report.yoy_title', L)}</h2>"
        + (
            img("yoy") + _table(*views["yoy_industry"], L)
            if "yoy" in charts
            else f"<p>{t('survey.report.yoy_none', L)}</p>"
        )
    )
    parts.append(f"<h2>{t('survey.report.table_quality_industry', L)}</h2>" + _table(*views["quality_industry"], L))
    parts.append(f"<h2>{t('survey.report.table_quality', L)}</h2>" + _table(*views["quality"], L))
    for name in ("industry", "trend", "rules"):
        parts.append(f"<h2>{t('survey.sheet.' + name, L)}</h2>" + _table(*views[name], L))
    if data.failed:
        parts.append(f"<h2>{t('survey.report.table_errors', L)}</h2>" + _table(*views["errors"], L))
    parts.append("</body></html>\n")
    return "\n".join(parts)
