"""Assessment forms: write the blank form (XLSX or YAML) and read a filled one back, validated.

The XLSX form (openpyxl) has four sheets: instructions, answers (the 40 items; the level is
chosen from a drop-down, notes beside it; company / group / date at the top), results
(formulas and a radar chart that update as the answers are filled in) and a hidden sheet
``_disclint`` that records the form's format, questionnaire version and language. Every sheet
is protected (no password: the protection prevents slips, it is not a security boundary) with
only the answer, notes and company cells unlocked, and the workbook structure is locked.

Reading compares the item texts in the form with the questionnaire (an edited text would make
the answer mean something else) and reports every problem as a one-line
:class:`AssessError` naming the sheet and cell (XLSX) or the key and line (YAML).
"""

from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import directive_label, paren, t
from ..model.errors import DisclintError
from .questionnaire import LEVELS, Questionnaire, load_questionnaire

FORMAT = "disclint-assessment"
META_SHEET = "_disclint"
FIRST_ROW = 8  # the first item row of the answers sheet
HEADER_ROW = FIRST_ROW - 1
# columns of the answers sheet
COL_ID, COL_DIRECTIVE, COL_TITLE, COL_QUESTION, COL_LEVEL, COL_CHOSEN, COL_NOTES = "A", "B", "C", "D", "E", "F", "G"
LEVEL_COLS = ("H", "I", "J", "K", "L")
FIELD_CELLS = {"company": "C2", "group": "C3", "date": "C4", "industry": "C6"}  # industry: optional (--survey)
MAX_ERRORS = 12  # more problems than this are summed up in one line
MAX_FORM_BYTES = 20_000_000  # a filled form is ≈ 30 kB; anything this big is not one
MAX_FORM_UNZIPPED = 100_000_000  # uncompressed XLSX parts (zip bomb guard)


class AssessError(DisclintError):
    """A problem with an assessment form or the assess command's input."""

    def message(self, lang: str = "ja") -> str:
        p = dict(self.params)
        if "cell" in p:
            p["where"] = t("assess.where_cell", lang, sheet=p.get("sheet", ""), cell=p["cell"])
        elif "keypath" in p:
            p["where"] = t("assess.where_key", lang, keypath=p["keypath"], line=p.get("line", "?"))
        return t(self.code, lang, **p)


class AssessErrors(DisclintError):
    """Several :class:`AssessError` for one file (``all``)."""

    def __init__(self, path: str, errors: list[AssessError]) -> None:
        super().__init__(errors[0].code, **errors[0].params)
        self.path = path
        self.all = errors

    def lines(self, lang: str) -> list[str]:
        shown = [e.message(lang) for e in self.all[:MAX_ERRORS]]
        if len(self.all) > MAX_ERRORS:
            shown.append(t("assess.more_errors", lang, count=len(self.all) - MAX_ERRORS))
        return shown

    def message(self, lang: str = "ja") -> str:
        return self.lines(lang)[0]


@dataclass
class Assessment:
    """One filled-in form."""

    path: str
    company: str
    group: str
    date: str  # as written (ISO date when the cell held a date)
    lang: str
    levels: dict[str, int]
    notes: dict[str, str] = field(default_factory=dict)
    industry: str = ""  # as the survey store names industries (e.g. 電気機器); empty: not given

    def label(self, lang: str) -> str:
        name = self.company or Path(self.path).stem
        return f"{name}{paren(self.date, lang)}" if self.date else name


def _tr(key: str, lang: str) -> str:
    return t(f"assess.form.{key}", lang)


def sheet_names(lang: str) -> dict[str, str]:
    return {k: _tr(f"sheet_{k}", lang) for k in ("instructions", "answers", "results")}


# --------------------------------------------------------------------------- XLSX form


def build_workbook(lang: str, q: Questionnaire | None = None) -> Any:
    from openpyxl import Workbook
    from openpyxl.chart import RadarChart, Reference
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    q = q or load_questionnaire()
    names = sheet_names(lang)
    wb = Workbook()
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="BBBBBB")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDE7DD")
    input_fill = PatternFill("solid", fgColor="FFF7D6")
    unlocked = Protection(locked=False)

    def protect(ws: Any) -> None:
        ws.protection.sheet = True
        ws.protection.formatColumns = False  # people may widen columns and rows
        ws.protection.formatRows = False

    # --- instructions
    ws = wb.active
    ws.title = names["instructions"]
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 100
    ws["A1"] = _tr("title", lang)
    ws["A1"].font = Font(bold=True, size=14)
    row = 3
    for k in range(1, 7):
        ws.cell(row, 1, f"{k}.")
        c = ws.cell(row, 2, _tr(f"step{k}", lang).format(answers=names["answers"], results=names["results"]))
        c.alignment = wrap
        row += 1
    row += 1
    ws.cell(row, 1, _tr("scale", lang)).font = bold
    row += 1
    for level, name in zip(LEVELS, q.scale, strict=False):
        ws.cell(row, 1, level).alignment = Alignment(horizontal="center")
        ws.cell(row, 2, name(lang))
        row += 1
    row += 1
    ws.cell(row, 1, _tr("directives", lang)).font = bold
    row += 1
    for d in q.directives.values():
        ws.cell(row, 1, directive_label(d.id, lang))
        ws.cell(row, 2, d.name(lang))
        row += 1
    row += 1
    ws.cell(row, 2, _tr("credit", lang)).alignment = wrap
    protect(ws)

    # --- answers
    ws = wb.create_sheet(names["answers"])
    ws["A1"] = _tr("title", lang)
    ws["A1"].font = Font(bold=True, size=14)
    for key, ref in FIELD_CELLS.items():
        r = int(ref[1:])
        ws.merge_cells(f"A{r}:B{r}")
        ws.merge_cells(f"C{r}:D{r}")
        ws[f"A{r}"] = _tr(f"field_{key}", lang)
        ws[f"A{r}"].font = bold
        ws[ref].protection = unlocked
        ws[ref].fill = input_fill
        ws[ref].border = box
    ws["C4"].number_format = "yyyy-mm-dd"
    last = FIRST_ROW + len(q.items) - 1
    ws.merge_cells("A5:B5")
    ws["A5"] = _tr("answered", lang)
    ws["A5"].font = bold
    ws["C5"] = f'=COUNT({COL_LEVEL}{FIRST_ROW}:{COL_LEVEL}{last})&" / {len(q.items)}"'
    headers = [_tr(f"col_{k}", lang) for k in ("id", "directive", "title", "question", "level", "chosen", "notes")]
    headers += [_tr("col_level_n", lang).format(n=n, name=q.scale[n](lang)) for n in LEVELS]
    for col, h in enumerate(headers, 1):
        c = ws.cell(HEADER_ROW, col, h)
        c.font = bold
        c.fill = head_fill
        c.alignment = wrap
        c.border = box
    widths = {"A": 7, "B": 8, "C": 24, "D": 42, "E": 11, "F": 36, "G": 30, **{c: 34 for c in LEVEL_COLS}}
    for col, w in widths.items():
        ws.column_dimensions[col].width = w
    dv = DataValidation(type="list", formula1='"0,1,2,3,4"', allow_blank=True, showDropDown=False)
    dv.error = _tr("dv_error", lang)
    dv.errorTitle = _tr("dv_error_title", lang)
    dv.prompt = _tr("dv_prompt", lang)
    dv.promptTitle = _tr("col_level", lang)
    dv.showErrorMessage = True
    dv.showInputMessage = True
    ws.add_data_validation(dv)
    for k, item in enumerate(q.items):
        r = FIRST_ROW + k
        ws[f"{COL_ID}{r}"] = item.id
        ws[f"{COL_DIRECTIVE}{r}"] = directive_label(item.directive, lang)
        ws[f"{COL_TITLE}{r}"] = item.title(lang)
        ws[f"{COL_QUESTION}{r}"] = item.question(lang)
        lv = ws[f"{COL_LEVEL}{r}"]
        lv.protection = unlocked
        lv.fill = input_fill
        lv.alignment = Alignment(horizontal="center", vertical="top")
        refs = ",".join(f"{c}{r}" for c in LEVEL_COLS)
        ws[f"{COL_CHOSEN}{r}"] = f'=IF({COL_LEVEL}{r}="","",IFERROR(CHOOSE({COL_LEVEL}{r}+1,{refs}),""))'
        ws[f"{COL_NOTES}{r}"].protection = unlocked
        ws[f"{COL_NOTES}{r}"].fill = input_fill
        for col, text in zip(LEVEL_COLS, item.levels, strict=False):
            ws[f"{col}{r}"] = text(lang)
        # Excel does not always grow wrapped rows by itself: size them from the longest text
        lines = max(_lines(ws[f"{col}{r}"].value, widths[col]) for col in ("C", "D", *LEVEL_COLS))
        ws.row_dimensions[r].height = min(160, 15 * lines + 4)
        for col in ["A", "B", "C", "D", "E", "F", "G", *LEVEL_COLS]:
            ws[f"{col}{r}"].border = box
            if col != COL_LEVEL:
                ws[f"{col}{r}"].alignment = wrap
    dv.add(f"{COL_LEVEL}{FIRST_ROW}:{COL_LEVEL}{last}")
    ws.freeze_panes = f"{COL_LEVEL}{FIRST_ROW}"
    protect(ws)

    # --- results (formulas + radar chart)
    ws = wb.create_sheet(names["results"])
    ans = names["answers"].replace("'", "''")
    ws["A1"] = _tr("results_title", lang)
    ws["A1"].font = Font(bold=True, size=14)
    for col, h in enumerate([_tr(f"res_{k}", lang) for k in ("directive", "title", "mean", "min", "answered")], 1):
        c = ws.cell(3, col, h)
        c.font = bold
        c.fill = head_fill
    for k, d in enumerate(q.directives.values()):
        r = 4 + k
        rows = [FIRST_ROW + j for j, i in enumerate(q.items) if i.directive == d.id]
        rng = f"'{ans}'!{COL_LEVEL}{rows[0]}:{COL_LEVEL}{rows[-1]}"
        ws.cell(r, 1, directive_label(d.id, lang))
        ws.cell(r, 2, d.name(lang))
        ws.cell(r, 3, f"=IF(COUNT({rng})=0,0,ROUND(AVERAGE({rng}),2))")
        ws.cell(r, 4, f'=IF(COUNT({rng})=0,"",MIN({rng}))')
        ws.cell(r, 5, f"=COUNT({rng})")
    ws.column_dimensions["A"].width = 9
    ws.column_dimensions["B"].width = 60
    ws.cell(15, 2, _tr("results_note", lang)).alignment = wrap
    chart = RadarChart()
    chart.type = "marker"
    chart.style = 26
    chart.title = _tr("results_chart", lang)
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 4
    chart.y_axis.majorUnit = 1
    chart.add_data(Reference(ws, min_col=3, min_row=3, max_row=13), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=4, max_row=13))
    chart.height, chart.width = 11, 13
    ws.add_chart(chart, "G3")
    protect(ws)

    # --- metadata
    meta = wb.create_sheet(META_SHEET)
    for r, (k, v) in enumerate((("format", FORMAT), ("version", q.version), ("lang", lang)), 1):
        meta.cell(r, 1, k)
        meta.cell(r, 2, v)
    meta.sheet_state = "hidden"
    protect(meta)
    wb.active = 1
    for sheet in wb.worksheets:  # only the answers tab selected (else Excel opens the tabs grouped)
        sheet.sheet_view.tabSelected = sheet.title == names["answers"]
    wb.security = WorkbookProtection(lockStructure=True)
    return wb


def _lines(text: object, width: float) -> int:
    """Lines a wrapped cell needs: a CJK character is about two width units, others one."""
    import math
    import unicodedata

    if not isinstance(text, str) or not text:
        return 1
    units = sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1.1 for c in text)
    return max(1, math.ceil(units / max(1.0, width - 1)))


def workbook_bytes(lang: str) -> bytes:
    buf = io.BytesIO()
    build_workbook(lang).save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- YAML form


def _yaml_str(s: str) -> str:
    import json

    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def yaml_text(lang: str, q: Questionnaire | None = None) -> str:
    q = q or load_questionnaire()
    out = [f"# {_tr('title', lang)}", *[f"# {line}" for line in _tr("yaml_help", lang).splitlines()]]
    out.append("#")
    out += [f"#   {n} = {q.scale[n](lang)}" for n in LEVELS]
    out += [
        f"format: {FORMAT}",
        f"version: {q.version}",
        f"lang: {lang}",
        f'company: ""   # {_tr("field_company", lang)}',
        f'group: ""     # {_tr("field_group", lang)}',
        f'date: ""      # {_tr("field_date", lang)} (YYYY-MM-DD)',
        f'industry: ""  # {_tr("industry_hint", lang)}',
        "answers:",
    ]
    current = None
    for item in q.items:
        if item.directive != current:
            current = item.directive
            out.append(f"  # ---- {directive_label(current, lang)} {q.directives[current].name(lang)}")
        out.append(f"  {_yaml_str(item.id)}:")
        out.append(f"    # {item.question(lang)}")
        for n, text in zip(LEVELS, item.levels, strict=False):
            out.append(f"    #   {n}: {text(lang)}")
        out.append(f"    item: {_yaml_str(item.title(lang))}")
        out.append("    level:        # 0-4")
        out.append('    notes: ""')
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- reading


def _level_value(value: Any) -> int | None | str:
    """0-4 as int; None when empty; the offending text otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if float(value).is_integer() and int(value) in LEVELS:
            return int(value)
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        import unicodedata

        s = unicodedata.normalize("NFKC", value).strip()
        head = s.split()[0].split(":")[0].split("：")[0] if s else s
        if head.isdigit() and int(head) in LEVELS:
            return int(head)
        return value.strip()[:30]
    return str(value)[:30]


def _same(a: Any, b: str) -> bool:
    return isinstance(a, str) and " ".join(a.split()) == " ".join(b.split())


def _date_text(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return str(value).strip()


def read_answers(path: str) -> Assessment:
    """Read a filled form (``.xlsx`` or ``.yml``/``.yaml``); raise :class:`AssessErrors`."""
    p = Path(path)
    if not p.exists():
        raise AssessErrors(path, [AssessError("input.not_found")])
    if p.is_dir():
        raise AssessErrors(path, [AssessError("input.is_directory")])
    if p.stat().st_size > MAX_FORM_BYTES:
        raise AssessErrors(path, [AssessError("limit.file_size", limit_mb=MAX_FORM_BYTES // 1_000_000)])
    suffix = p.suffix.lower()
    if suffix in (".yml", ".yaml"):
        return _read_yaml(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise AssessErrors(path, [AssessError("assess.unknown_form")])


def _read_xlsx(path: str) -> Assessment:
    import zipfile

    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # pragma: no cover - the survey extra installs it
        raise AssessErrors(path, [AssessError("assess.needs_extra")]) from exc
    try:
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_FORM_UNZIPPED:
                raise AssessErrors(path, [AssessError("input.zip_bomb", limit_mb=MAX_FORM_UNZIPPED // 1_000_000)])
        wb = load_workbook(path, data_only=False)
    except AssessErrors:
        raise
    except Exception as exc:  # a corrupt file can make openpyxl raise almost anything
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:120]
        raise AssessErrors(path, [AssessError("assess.corrupt_xlsx", reason=reason)]) from exc
    if META_SHEET not in wb.sheetnames or wb[META_SHEET]["B1"].value != FORMAT:
        raise AssessErrors(path, [AssessError("assess.not_a_form")])
    meta = {wb[META_SHEET].cell(r, 1).value: wb[META_SHEET].cell(r, 2).value for r in range(1, 4)}
    lang = meta.get("lang") if meta.get("lang") in ("ja", "en") else "ja"
    q = load_questionnaire()
    if str(meta.get("version")) != str(q.version):
        raise AssessErrors(path, [AssessError("assess.other_version", version=meta.get("version"), expected=q.version)])
    sheet = sheet_names(lang)["answers"]
    if sheet not in wb.sheetnames:
        raise AssessErrors(path, [AssessError("assess.no_sheet", sheet=sheet)])
    ws = wb[sheet]
    errors: list[AssessError] = []
    levels: dict[str, int] = {}
    notes: dict[str, str] = {}
    for k, item in enumerate(q.items):
        r = FIRST_ROW + k
        expected = [
            (COL_ID, item.id, "id"),
            (COL_TITLE, item.title(lang), "title"),
            (COL_QUESTION, item.question(lang), "question"),
        ]
        expected += [
            (col, text(lang), f"level{n}") for n, (col, text) in enumerate(zip(LEVEL_COLS, item.levels, strict=False))
        ]
        for col, text, what in expected:
            if not _same(ws[f"{col}{r}"].value, text):
                errors.append(
                    AssessError(
                        "assess.edited",
                        sheet=sheet,
                        cell=f"{col}{r}",
                        item=item.id,
                        what=_tr(f"what_{what[:5] if what.startswith('level') else what}", lang),
                    )
                )
                break
        value = _level_value(ws[f"{COL_LEVEL}{r}"].value)
        if value is None:
            errors.append(
                AssessError(
                    "assess.unanswered", sheet=sheet, cell=f"{COL_LEVEL}{r}", item=item.id, title=item.title(lang)
                )
            )
        elif isinstance(value, str):
            errors.append(
                AssessError("assess.bad_level", sheet=sheet, cell=f"{COL_LEVEL}{r}", item=item.id, value=value)
            )
        else:
            levels[item.id] = value
        note = ws[f"{COL_NOTES}{r}"].value
        if note not in (None, ""):
            notes[item.id] = str(note)
    extra = ws[f"{COL_ID}{FIRST_ROW + len(q.items)}"].value
    if extra not in (None, ""):
        errors.append(AssessError("assess.extra_row", sheet=sheet, cell=f"{COL_ID}{FIRST_ROW + len(q.items)}"))
    if errors:
        raise AssessErrors(path, errors)
    fields = {k: ws[ref].value for k, ref in FIELD_CELLS.items()}
    return Assessment(
        path,
        str(fields["company"] or "").strip(),
        str(fields["group"] or "").strip(),
        _date_text(fields["date"]),
        lang,
        levels,
        notes,
        str(fields["industry"] or "").strip(),
    )


def _yaml_lines(text: str) -> dict[tuple[str, ...], int]:
    """Line numbers (1-based) of the values in the YAML document, by key path."""
    import yaml

    out: dict[tuple[str, ...], int] = {}

    def walk(node: Any, path: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                key = (*path, str(k.value))
                out[key] = (
                    v.start_mark.line + 1
                    if not (isinstance(v, yaml.ScalarNode) and v.value == "" and v.tag.endswith("null"))
                    else k.start_mark.line + 1
                )
                walk(v, key)

    try:
        walk(yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), ())
    except yaml.YAMLError:
        pass
    return out


def _read_yaml(path: str) -> Assessment:
    import yaml

    from ..resources import load_yaml

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise AssessErrors(path, [AssessError("input.decode_failed")]) from None
    except OSError as exc:
        raise AssessErrors(
            path, [AssessError("input.not_readable", reason=exc.strerror or type(exc).__name__)]
        ) from exc
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = f"{getattr(exc, 'problem', None) or exc}".splitlines()[0][:120]
        raise AssessErrors(
            path, [AssessError("assess.yaml_syntax", line=(mark.line + 1) if mark else "?", reason=reason)]
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise AssessErrors(path, [AssessError("assess.not_a_form")])
    q = load_questionnaire()
    if str(data.get("version")) != str(q.version):
        raise AssessErrors(path, [AssessError("assess.other_version", version=data.get("version"), expected=q.version)])
    lang = data.get("lang") if data.get("lang") in ("ja", "en") else "ja"
    lines = _yaml_lines(text)
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AssessErrors(
            path, [AssessError("assess.yaml_no_answers", keypath="answers", line=lines.get(("answers",), "?"))]
        )
    errors: list[AssessError] = []
    levels: dict[str, int] = {}
    notes: dict[str, str] = {}
    known = q.by_id()
    for key in answers:
        if str(key) not in known:
            errors.append(
                AssessError(
                    "assess.unknown_item",
                    keypath=f"answers > {key}",
                    line=lines.get(("answers", str(key)), "?"),
                    item=key,
                )
            )
    for item in q.items:
        entry = answers.get(item.id)
        where = ("answers", item.id)
        if not isinstance(entry, dict):
            errors.append(
                AssessError(
                    "assess.unanswered",
                    keypath=" > ".join(where),
                    line=lines.get(where, "?"),
                    item=item.id,
                    title=item.title(lang),
                )
            )
            continue
        if "item" in entry and not _same(entry["item"], item.title(lang)):
            errors.append(
                AssessError(
                    "assess.edited",
                    keypath=" > ".join((*where, "item")),
                    line=lines.get((*where, "item"), "?"),
                    item=item.id,
                    what=_tr("what_title", lang),
                )
            )
        value = _level_value(entry.get("level"))
        lw = (*where, "level")
        if value is None:
            errors.append(
                AssessError(
                    "assess.unanswered",
                    keypath=" > ".join(lw),
                    line=lines.get(lw, lines.get(where, "?")),
                    item=item.id,
                    title=item.title(lang),
                )
            )
        elif isinstance(value, str):
            errors.append(
                AssessError(
                    "assess.bad_level", keypath=" > ".join(lw), line=lines.get(lw, "?"), item=item.id, value=value
                )
            )
        else:
            levels[item.id] = value
        if entry.get("notes") not in (None, ""):
            notes[item.id] = str(entry["notes"])
    if errors:
        raise AssessErrors(path, errors)
    return Assessment(
        path,
        str(data.get("company") or "").strip(),
        str(data.get("group") or "").strip(),
        _date_text(data.get("date")),
        lang,
        levels,
        notes,
        str(data.get("industry") or "").strip(),
    )
