"""Scores of filled forms and the ``assess report`` outputs (radar PNG, HTML page, XLSX, JSON).

Maturity of a directive = the mean of its four items' levels (0-4, two decimals); the weakest
item(s) = those at the lowest level. With several forms the radar and the tables compare them;
when the same company (same name, else same file stem) appears more than once, its forms are
ordered by date and a year-over-year table shows the change per directive.

Charts use matplotlib (Agg) with the Japanese font the survey report uses (IPAexGothic from
matplotlib-fontja) and are embedded as base64 PNG, so the HTML page needs no other file.
"""

from __future__ import annotations

import base64
import html
import io
import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..guideline import directive_ids
from ..i18n import directive_label, join_list, paren, t
from .answers import Assessment
from .questionnaire import Questionnaire, load_questionnaire
from .shares import Share, Shares, columns, notes
from .shares import payload as share_payload


@dataclass(frozen=True)
class DirectiveScore:
    directive: int
    mean: float
    minimum: int
    weakest: tuple[str, ...]  # item ids at the minimum


def scores(a: Assessment, q: Questionnaire | None = None) -> dict[int, DirectiveScore]:
    q = q or load_questionnaire()
    out = {}
    for d in directive_ids():
        items = q.of(d)
        vals = [a.levels[i.id] for i in items]
        low = min(vals)
        out[d] = DirectiveScore(
            d, round(sum(vals) / len(vals), 2), low, tuple(i.id for i in items if a.levels[i.id] == low)
        )
    return out


def company_key(a: Assessment) -> str:
    return " ".join((a.company or Path(a.path).stem).split()).casefold()


def yoy_groups(assessments: list[Assessment]) -> dict[str, list[Assessment]]:
    """Companies that appear more than once, their forms ordered by date (then input order)."""
    groups: dict[str, list[Assessment]] = {}
    for a in assessments:
        groups.setdefault(company_key(a), []).append(a)
    return {k: sorted(v, key=lambda a: a.date) for k, v in groups.items() if len(v) > 1}


def _L(key: str, lang: str, **kw: Any) -> str:
    return t(f"assess.report.{key}", lang, **kw)


def _fmt(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v)}"


# --------------------------------------------------------------------------- tables


def directive_table(
    assessments: list[Assessment], lang: str, q: Questionnaire, shares: Shares | None = None
) -> tuple[list[str], list[list[Any]]]:
    """One row per directive; per form: mean, minimum, weakest items; with ``shares``, then the
    share of companies disclosing the directive (per industry of the forms)."""
    header = [_L("col_directive", lang), _L("col_title", lang)]
    for a in assessments:
        lab = a.label(lang)
        header += [f"{lab} {_L('mean', lang)}", f"{lab} {_L('min', lang)}", f"{lab} {_L('weakest', lang)}"]
    share_cols: dict[int, list[Share | None]] = {}
    if shares is not None:
        extra, share_cols = columns(shares, lang)
        header += extra
    all_scores = [scores(a, q) for a in assessments]
    items = q.by_id()
    rows = []
    for d in directive_ids():
        row: list[Any] = [directive_label(d, lang), q.directives[d].name(lang)]
        for s in all_scores:
            sc = s[d]
            row += [
                sc.mean,
                sc.minimum,
                join_list((f"{i} {items[i].title(lang)}" for i in sc.weakest), lang, sep="text.item_sep"),
            ]
        rows.append(row + ["—" if v is None else v for v in share_cols.get(d, [])])
    return header, rows


def item_table(assessments: list[Assessment], lang: str, q: Questionnaire) -> tuple[list[str], list[list[Any]]]:
    header = [_L("col_item", lang), _L("col_directive", lang), _L("col_title", lang)]
    for a in assessments:
        header += [a.label(lang), f"{a.label(lang)} {_L('notes', lang)}"]
    rows = []
    for i in q.items:
        row: list[Any] = [i.id, directive_label(i.directive, lang), i.title(lang)]
        for a in assessments:
            row += [a.levels[i.id], a.notes.get(i.id, "")]
        rows.append(row)
    return header, rows


def yoy_table(assessments: list[Assessment], lang: str, q: Questionnaire) -> tuple[list[str], list[list[Any]]] | None:
    groups = yoy_groups(assessments)
    if not groups:
        return None
    header = [_L("col_company", lang), _L("col_directive", lang)]
    width = max(len(v) for v in groups.values())
    header += [_L("col_date_n", lang, n=k + 1) for k in range(width)] + [_L("change", lang)]
    rows = []
    for forms in groups.values():
        sc = [scores(a, q) for a in forms]
        name = forms[0].company or Path(forms[0].path).stem
        for d in directive_ids():
            vals = [_fmt(s[d].mean) + paren(a.date or "-", lang) for s, a in zip(sc, forms, strict=False)]
            vals += [""] * (width - len(vals))
            delta = round(sc[-1][d].mean - sc[0][d].mean, 2)
            rows.append([name, directive_label(d, lang), *vals, f"{delta:+.2f}"])
    return header, rows


# --------------------------------------------------------------------------- chart


def radar_png(series: list[tuple[str, list[float], str]], title: str, lang: str) -> tuple[bytes, list[str]]:
    """``series``: (label, ten values 0-4, line style). Returns the PNG and matplotlib's glyph warnings."""
    from ..survey.charts import radar_axes

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plt, fig, ax, angles = radar_axes(
            [directive_label(d, lang) for d in directive_ids()], 4, [0, 1, 2, 3, 4], ["0", "1", "2", "3", "4"], 6.4
        )
        for label, vals, style in series:
            v = list(vals) + [vals[0]]
            ax.plot(angles, v, linewidth=1.8, linestyle=style, label=label)
            if style == "-":
                ax.fill(angles, v, alpha=0.10)
        ax.set_title(title, pad=20)
        ax.legend(loc="upper right", bbox_to_anchor=(1.28, 1.12), fontsize=8)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
        plt.close(fig)
    glyph = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    return buf.getvalue(), glyph


def radar_series(assessments: list[Assessment], lang: str, q: Questionnaire) -> list[tuple[str, list[float], str]]:
    if len(assessments) == 1:
        s = scores(assessments[0], q)
        return [
            (_L("mean", lang), [s[d].mean for d in directive_ids()], "-"),
            (_L("min", lang), [float(s[d].minimum) for d in directive_ids()], "--"),
        ]
    return [(a.label(lang), [scores(a, q)[d].mean for d in directive_ids()], "-") for a in assessments]


# --------------------------------------------------------------------------- HTML


CSS = """
body{font-family:"Hiragino Sans","Noto Sans CJK JP","IPAexGothic","Yu Gothic",Meiryo,sans-serif;margin:1.5em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.5em;border-bottom:3px solid #1565c0;padding-bottom:.3em}h2{font-size:1.2em;margin-top:2em;border-left:6px solid #1565c0;padding-left:.5em}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#e8eef7}td.num{text-align:right}td.l0,td.l1{background:#f4cccc}td.l2{background:#ffeb9c}td.l3{background:#dcedc8}td.l4{background:#c6efce}
td.share{background:#eef3fb;color:#1a3c6e}img{max-width:100%;height:auto}.meta{color:#666;font-size:.85em}.note{font-size:.9em;color:#444}
"""


def _td(v: Any) -> str:
    if isinstance(v, Share):  # a share of companies, not a level: no level colour
        return f'<td class="num share">{v:.0%}</td>'
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        cls = f"num l{int(v)}" if 0 <= v <= 4 else "num"
        return f'<td class="{cls}">{html.escape(_fmt(float(v)))}</td>'
    return f"<td>{html.escape('' if v is None else str(v))}</td>"


def html_table(header: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(_td(v) for v in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(
    assessments: list[Assessment], lang: str, png: bytes, q: Questionnaire, shares: Shares | None = None
) -> str:
    from .. import __version__

    title = _L("title", lang)
    forms = "".join(
        f"<li>{html.escape(a.label(lang))}{(' / ' + html.escape(a.group)) if a.group else ''}"
        f"{(' / ' + html.escape(_L('industry', lang, name=a.industry))) if a.industry else ''}"
        f' <span class="meta">{html.escape(Path(a.path).name)}</span></li>'
        for a in assessments
    )
    scale = "".join(f'<li value="{n}">{html.escape(s(lang))}</li>' for n, s in enumerate(q.scale))
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        # a file people mail around: nothing but inline styles and the embedded chart may load
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="meta">{html.escape(_L("generated", lang, version=__version__, count=len(assessments), items=len(q.items)))}</p>',
        f"<ul>{forms}</ul>",
        f'<img alt="{html.escape(_L("radar_alt", lang))}" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">',
        f'<p class="note">{html.escape(_L("method", lang))}</p>',
        f'<h3>{html.escape(_L("scale", lang))}</h3><ol start="0">{scale}</ol>',
        f"<h2>{html.escape(_L('by_directive', lang))}</h2>"
        + html_table(*directive_table(assessments, lang, q, shares)),
    ]
    if shares is not None:
        parts += [f'<p class="note share-note">{html.escape(n)}</p>' for n in notes(shares, assessments, lang)]
    yoy = yoy_table(assessments, lang, q)
    if yoy:
        parts.append(f"<h2>{html.escape(_L('yoy', lang))}</h2>" + html_table(*yoy))
    parts.append(f"<h2>{html.escape(_L('by_item', lang))}</h2>" + html_table(*item_table(assessments, lang, q)))
    parts.append(f'<p class="note">{html.escape(_L("not_disclosure", lang))}</p>')
    parts.append("</body></html>\n")
    return "\n".join(parts)


# --------------------------------------------------------------------------- XLSX and JSON


def _xlsx_value(v: Any) -> Any:
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
        return "'" + v  # never a formula from a user's text
    return v


def results_xlsx(assessments: list[Assessment], lang: str, q: Questionnaire, shares: Shares | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    fills = {0: "F4CCCC", 1: "F4CCCC", 2: "FFEB9C", 3: "DCEDC8", 4: "C6EFCE"}
    wb = Workbook()
    wb.remove(wb.active)
    views = [
        ("sheet_directives", directive_table(assessments, lang, q, shares)),
        ("sheet_items", item_table(assessments, lang, q)),
    ]
    yoy = yoy_table(assessments, lang, q)
    if yoy:
        views.append(("sheet_yoy", yoy))
    for name, (header, rows) in views:
        ws = wb.create_sheet(_L(name, lang)[:31])
        ws.append([_xlsx_value(h) for h in header])
        for c in ws[1]:
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            ws.append([_xlsx_value(v) for v in row])
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, Share):  # a share of companies (0-100 %), not a level
                    c.number_format = "0%"
                elif isinstance(c.value, (int, float)) and not isinstance(c.value, bool) and 0 <= c.value <= 4:
                    c.fill = PatternFill("solid", fgColor=fills[int(c.value)])
        ws.freeze_panes = "C2"
        for i in range(1, len(header) + 1):
            ws.column_dimensions[get_column_letter(i)].width = 10 if i == 1 else 28
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def results_json(assessments: list[Assessment], q: Questionnaire, shares: Shares | None = None) -> str:
    out = []
    for a in assessments:
        s = scores(a, q)
        out.append(
            {
                "file": a.path,
                "company": a.company,
                "group": a.group,
                "date": a.date,
                "industry": a.industry,
                "directives": {
                    str(d): {"mean": s[d].mean, "min": s[d].minimum, "weakest": list(s[d].weakest)}
                    for d in directive_ids()
                },
                "items": {i.id: a.levels[i.id] for i in q.items},
                "notes": a.notes,
            }
        )
    payload: dict[str, Any] = {"version": "1.0", "questionnaire_version": q.version, "assessments": out}
    if shares is not None:
        payload["disclosure_share"] = share_payload(shares, assessments)
    groups = yoy_groups(assessments)
    if groups:
        payload["year_over_year"] = [
            {
                "company": v[0].company,
                "dates": [a.date for a in v],
                "change": {
                    str(d): round(scores(v[-1], q)[d].mean - scores(v[0], q)[d].mean, 2) for d in directive_ids()
                },
            }
            for v in groups.values()
        ]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


REPORT_FILES = ("index.html", "radar.png", "results.xlsx", "results.json")


def build_report(
    assessments: list[Assessment], lang: str, shares: Shares | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """File name -> content for the report directory; and matplotlib's glyph warnings (none expected).
    ``shares``: the disclosure shares of a survey store (``--survey``), in the tables, never on the radar."""
    q = load_questionnaire()
    title = (
        _L("radar_title_one", lang) if len(assessments) == 1 else _L("radar_title_many", lang, count=len(assessments))
    )
    png, glyph = radar_png(radar_series(assessments, lang, q), title, lang)
    files = {
        "index.html": render_html(assessments, lang, png, q, shares).encode("utf-8"),
        "radar.png": png,
        "results.xlsx": results_xlsx(assessments, lang, q, shares),
        "results.json": results_json(assessments, q, shares).encode("utf-8"),
    }
    return files, glyph
