"""``disclint assess``: the questionnaire, the form (XLSX / YAML), reading answers, the report and the
check against a disclosure, as a user runs them (``python -m disclint``) on real files.

The forms are filled here with openpyxl the way a person fills them in Excel: the level cells,
the notes and the company / group / date cells, nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from disclint.assess.questionnaire import load_questionnaire
from disclint.guideline import directive_ids
from disclint.resources import data_dir

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed (pip install -e '.[survey]')")
pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install -e '.[survey]')")

Q = load_questionnaire()
FIRST_ROW = 8


def one_error_line(proc):
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def fill(form, out, company, date, level_of, notes=None, group="本社", industry=None):
    """Answer every item of ``form`` with ``level_of(item)`` and save the copy as ``out``."""
    wb = openpyxl.load_workbook(form)
    ws = wb["回答"]
    ws["C2"], ws["C3"], ws["C4"] = company, group, dt.date.fromisoformat(date)
    if industry is not None:
        ws["C6"] = industry  # optional: for assess report --survey
    for k, item in enumerate(Q.items):
        assert ws[f"A{FIRST_ROW + k}"].value == item.id
        ws[f"E{FIRST_ROW + k}"] = level_of(item)
        if notes and item.id in notes:
            ws[f"G{FIRST_ROW + k}"] = notes[item.id]
    wb.save(out)
    return out


@pytest.fixture
def form(run_cli, tmp_path):
    path = tmp_path / "自己評価.xlsx"
    proc = run_cli("assess", "init", "-o", path)
    assert proc.returncode == 0, proc.stderr
    assert "自己評価の様式を書き出しました" in proc.stderr
    return path


# ----------------------------------------------------------------------------- the questionnaire


def test_questionnaire_has_40_items_four_per_directive_five_levels_unique_ids():
    raw = yaml.safe_load((data_dir("rules") / "assessment" / "questionnaire.yml").read_text(encoding="utf-8"))
    items = raw["items"]
    assert len(items) == 40
    assert len({i["id"] for i in items}) == 40
    for d in directive_ids():
        assert sum(1 for i in items if i["directive"] == d) == 4, d
    for i in items:
        assert len(i["levels"]) == 5, i["id"]
        texts = [i["title"]["ja"], i["question"]["ja"], *(lv["ja"] for lv in i["levels"])]
        assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", s) for s in texts), i["id"]
        assert all(lv["en"].strip() for lv in i["levels"]) and i["title"]["en"].strip()
        assert len({lv["ja"] for lv in i["levels"]}) == 5, f"{i['id']}: two levels say the same"
    assert [s["ja"] for s in raw["scale"]][0] == "未実施" and raw["scale"][4]["ja"] == "継続的に改善・開示"


def test_questionnaire_directive_titles_are_the_guideline_titles():
    """The references to the directives quote the Guideline Ver3.0 titles the mapper uses."""
    for d in directive_ids():
        mapped = yaml.safe_load((data_dir("rules") / "directives" / f"d{d:02d}.yml").read_text(encoding="utf-8"))
        assert Q.directives[d].title == mapped["title"]
    assert Q.directives[10].title == "サイバーセキュリティに関する情報の収集、共有及び開示の促進"


# ----------------------------------------------------------------------------- init


def test_init_writes_a_protected_workbook_with_drop_downs(form):
    wb = openpyxl.load_workbook(form)
    assert wb.sheetnames == ["記入方法", "回答", "結果", "_disclint"]
    assert wb["_disclint"].sheet_state == "hidden"
    assert wb.active.title == "回答" and [ws.sheet_view.tabSelected for ws in wb.worksheets] == [False, True, False, False]
    assert wb.security.lockStructure
    ws = wb["回答"]
    assert ws.protection.sheet and wb["結果"].protection.sheet and wb["記入方法"].protection.sheet
    # the drop-down: a list 0-4 on exactly the 40 answer cells
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"0,1,2,3,4"'
    assert str(dv.sqref) == f"E{FIRST_ROW}:E{FIRST_ROW + 39}"
    # unlocked: answers, notes, company / group / date; everything else locked
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row
                if c.protection.locked is False and type(c).__name__ != "MergedCell"}  # merged: the top-left cell counts
    expected = {"C2", "C3", "C4", "C6"} | {f"{col}{r}" for r in range(FIRST_ROW, FIRST_ROW + 40) for col in "EG"}
    assert unlocked == expected
    assert ws[f"C{FIRST_ROW}"].value == "経営リスクとしての認識"
    assert ws[f"H{FIRST_ROW}"].value == Q.items[0].levels[0].ja and ws[f"L{FIRST_ROW}"].value == Q.items[0].levels[4].ja
    assert ws[f"F{FIRST_ROW}"].value.startswith("=IF(E8=")  # the chosen level's text, a protected formula
    res = wb["結果"]
    assert res["C4"].value.startswith("=IF(COUNT('回答'!E8:E11)")
    assert len(res._charts) == 1 and type(res._charts[0]).__name__ == "RadarChart"
    text = " ".join(str(c.value) for row in wb["記入方法"].iter_rows() for c in row if c.value)
    assert "ドロップダウン" in text and "継続的に改善・開示" in text


def test_init_never_overwrites_without_force(run_cli, form):
    before = form.read_bytes()
    line = one_error_line(run_cli("assess", "init", "-o", form))
    assert line == f"disclint: 出力先が既に存在します（--force で上書き）: {form}"
    assert form.read_bytes() == before
    assert "use --force" in one_error_line(run_cli("--lang", "en", "assess", "init", "-o", form))
    assert run_cli("assess", "init", "-o", form, "--force").returncode == 0


def test_init_yaml_form_is_commented_and_readable(run_cli, tmp_path):
    path = tmp_path / "自己評価.yml"
    assert run_cli("assess", "init", "--format", "yml", "-o", path).returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "#   4 = 継続的に改善・開示" in text and "#   0: 全社のリスク一覧にサイバーリスクがなく" in text
    data = yaml.safe_load(text)
    assert data["format"] == "disclint-assessment" and len(data["answers"]) == 40
    assert data["answers"]["1-1"] == {"item": "経営リスクとしての認識", "level": None, "notes": ""}
    assert data["industry"] == "" and "# 任意。assess report --survey で同じ業種" in text


def test_init_in_english(run_cli, tmp_path):
    proc = run_cli("--lang", "en", "assess", "init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    wb = openpyxl.load_workbook(tmp_path / "self-assessment.xlsx")
    assert wb.sheetnames[:3] == ["Instructions", "Answers", "Results"]
    assert wb["Answers"][f"C{FIRST_ROW}"].value == "Cyber risk recognised as a management risk"


# ----------------------------------------------------------------------------- reading answers


def test_unanswered_items_name_the_sheet_and_cell(run_cli, form, tmp_path):
    wb = openpyxl.load_workbook(form)
    ws = wb["回答"]
    for r in range(FIRST_ROW, FIRST_ROW + 40):
        ws[f"E{r}"] = 2
    ws["E9"] = None
    wb.save(tmp_path / "a.xlsx")
    proc = run_cli("assess", "report", tmp_path / "a.xlsx", "-o", tmp_path / "out")
    line = one_error_line(proc)
    assert line == f"disclint: {tmp_path / 'a.xlsx'}: シート「回答」のセル E9: 項目 1-2「セキュリティ方針の策定」が未回答です（0〜4 を選んでください）"
    assert not (tmp_path / "out").exists()


def test_empty_form_lists_the_first_problems_then_counts_the_rest(run_cli, form, tmp_path):
    proc = run_cli("assess", "report", form, "-o", tmp_path / "out")
    lines = proc.stderr.splitlines()
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(lines) == 13 and lines[-1].endswith("ほかに 28 件の問題があります")
    assert all(line.startswith(f"disclint: {form}: ") for line in lines)


def test_out_of_range_and_edited_text_are_refused(run_cli, form, tmp_path):
    wb = openpyxl.load_workbook(form)
    ws = wb["回答"]
    for r in range(FIRST_ROW, FIRST_ROW + 40):
        ws[f"E{r}"] = 3
    ws["E18"] = 7
    ws.protection.sheet = False  # someone unprotected the sheet and "improved" an item
    ws["C12"] = "CISOの任命"
    wb.save(tmp_path / "b.xlsx")
    proc = run_cli("assess", "report", tmp_path / "b.xlsx", "-o", tmp_path / "out")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines == [
        f"disclint: {tmp_path / 'b.xlsx'}: シート「回答」のセル C12: 項目 2-1 の項目名が様式から書き換えられています（回答の意味が変わるため読めません。元の文に戻してください）",
        f"disclint: {tmp_path / 'b.xlsx'}: シート「回答」のセル E18: 項目 3-3 の回答「7」は 0〜4 の整数ではありません",
    ]
    en = run_cli("--lang", "en", "assess", "report", tmp_path / "b.xlsx", "-o", tmp_path / "out")
    assert "sheet 'Answers'" not in en.stderr  # the sheet keeps the name of the form's language
    assert "sheet '回答', cell E18: the answer \"7\" to item 3-3 is not a whole number 0-4" in en.stderr


def test_levels_typed_as_text_are_accepted(run_cli, form, tmp_path):
    """LibreOffice or a person may leave "3" or "３" as text: it is still level 3."""
    path = fill(form, tmp_path / "t.xlsx", "株式会社テスト", "2025-04-01", lambda i: "３" if i.directive == 1 else "2")
    proc = run_cli("assess", "report", path, "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert data["assessments"][0]["directives"]["1"]["mean"] == 3


@pytest.mark.parametrize("content,expected", [
    (b"PK\x03\x04 not really a zip", "Excel ファイルとして読めません"),
    (None, "disclint の自己評価の様式ではありません"),
])
def test_not_a_form(run_cli, tmp_path, content, expected):
    path = tmp_path / "x.xlsx"
    if content is None:
        wb = openpyxl.Workbook()
        wb.active["A1"] = "売上"
        wb.save(path)
    else:
        path.write_bytes(content)
    line = one_error_line(run_cli("assess", "report", path, "-o", tmp_path / "out"))
    assert line.startswith(f"disclint: {path}: {expected}")


def test_a_zip_bomb_posing_as_a_form_is_refused_before_it_is_unpacked(run_cli, tmp_path):
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/sharedStrings.xml", "w") as fh:
        chunk = b"\0" * 1_000_000
        for _ in range(101):
            fh.write(chunk)
    assert path.stat().st_size < 1_000_000
    line = one_error_line(run_cli("assess", "report", path, "-o", tmp_path / "out"))
    assert line == f"disclint: {path}: 展開後のサイズが上限 100 MB を超えます（zip bomb の疑い）"


def test_yaml_errors_name_the_key_and_line(run_cli, tmp_path):
    path = tmp_path / "a.yml"
    run_cli("assess", "init", "-o", path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("level:        # 0-4", "level: 2", 39)  # the last item stays unanswered
    text = text.replace('item: "セキュリティ方針の策定"', 'item: "方針"')
    path.write_text(text, encoding="utf-8")
    proc = run_cli("assess", "report", path, "-o", tmp_path / "out")
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 2
    line_no = text.splitlines().index('    item: "方針"') + 1
    assert lines[0] == f"disclint: {path}: answers > 1-2 > item（{line_no} 行目）: 項目 1-2 の項目名が様式から書き換えられています（回答の意味が変わるため読めません。元の文に戻してください）"
    assert "answers > 10-4 > level" in lines[1] and "未回答です" in lines[1]


# ----------------------------------------------------------------------------- report


def test_report_of_one_form(run_cli, form, tmp_path):
    levels = {"1-1": 4, "1-2": 3, "1-3": 3, "1-4": 2}
    path = fill(form, tmp_path / "a.xlsx", "株式会社みなと精機", "2025-06-30", lambda i: levels.get(i.id, 1),
                notes={"1-2": "情報セキュリティ基本方針（2021年4月 取締役会決議）"})
    out = tmp_path / "結果"
    proc = run_cli("assess", "report", path, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "Glyph" not in proc.stderr and "フォントに無い文字" not in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "radar.png", "results.json", "results.xlsx"]
    assert (out / "radar.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "<script" not in page and 'src="http' not in page
    assert "Content-Security-Policy" in page
    assert "株式会社みなと精機（2025-06-30）" in page and "情報セキュリティ基本方針（2021年4月 取締役会決議）" in page
    # directive 1: mean (4+3+3+2)/4 = 3, weakest item 1-4
    row = re.search(r"<tr><td>指示1</td>.*?</tr>", page).group(0)
    assert '<td class="num l3">3</td><td class="num l2">2</td><td>1-4 経営者の関与と発信</td>' in row
    wb = openpyxl.load_workbook(out / "results.xlsx")
    ws = wb["指示別の成熟度"]
    assert ws["A2"].value == "指示1" and ws["C2"].value == 3 and ws["D2"].value == 2
    assert ws["C3"].value == 1
    # the user's note cannot become a formula in our workbook
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert data["assessments"][0]["directives"]["1"] == {"mean": 3, "min": 2, "weakest": ["1-4"]}
    # never overwrite a report without --force
    line = one_error_line(run_cli("assess", "report", path, "-o", out))
    assert "出力先が既に存在します" in line
    assert run_cli("assess", "report", path, "-o", out, "--force").returncode == 0


def test_report_refuses_to_write_over_its_input(run_cli, form, tmp_path):
    path = fill(form, tmp_path / "results.xlsx", "株式会社テスト", "2025-04-01", lambda i: 2)
    line = one_error_line(run_cli("assess", "report", path, "-o", tmp_path, "--force"))
    assert "出力先が入力ファイルと同じです" in line


def test_formula_like_notes_stay_text(run_cli, form, tmp_path):
    path = fill(form, tmp_path / "a.xlsx", "=HYPERLINK(\"http://x\")", "2025-04-01", lambda i: 2, notes={"2-1": "=1+1"})
    out = tmp_path / "out"
    assert run_cli("assess", "report", path, "-o", out).returncode == 0
    wb = openpyxl.load_workbook(out / "results.xlsx")
    values = [c.value for row in wb["項目別の回答"].iter_rows() for c in row]
    assert "'=1+1" in values and not any(isinstance(v, str) and v.startswith("=") for v in values)


# ----------------------------------------------------------------------------- the whole path


DISCLOSURE = [
    ("heading", "サイバーセキュリティへの取組"),
    ("p", "当社は、サイバー攻撃による情報漏えいやシステム停止を経営上の重要なリスクの一つと認識し、"
          "取締役会で決議した情報セキュリティ基本方針を全従業員に周知しています。"),
    ("p", "最高情報セキュリティ責任者（CISO）を任命し、CISO を委員長とする情報セキュリティ委員会を四半期ごとに開催して、"
          "対策の状況を取締役会に報告しています。"),
    ("p", "不正アクセスを防ぐため、多要素認証の導入、EDR による端末の監視、外部の SOC による24時間のログ監視を行っています。"),
    ("p", "インシデントの発生に備えて CSIRT を設置し、対応手順を定めるとともに、年1回、経営層が参加する対応訓練を実施しています。"),
]


def write_disclosure(path):
    from docx import Document

    doc = Document()
    for kind, text in DISCLOSURE:
        doc.add_heading(text, level=1) if kind == "heading" else doc.add_paragraph(text)
    doc.save(path)
    return path


def test_init_fill_report_two_companies_then_check(run_cli, form, tmp_path):
    # company A: two years; company B: one year. A's latest year: strong on 8 and 10, weak on 7.
    a_levels = {1: 2, 2: 3, 3: 2, 4: 2, 5: 3, 6: 2, 7: 1, 8: 4, 9: 2, 10: 3}
    a1 = fill(form, tmp_path / "A_2024.xlsx", "株式会社みなと精機", "2024-06-30", lambda i: max(0, a_levels[i.directive] - 1))
    a2 = fill(form, tmp_path / "A_2025.xlsx", "株式会社みなと精機", "2025-06-30", lambda i: a_levels[i.directive])
    b = fill(form, tmp_path / "B_2025.xlsx", "北星物流株式会社", "2025-05-15", lambda i: 4 if i.id.endswith("-1") else 1)
    out = tmp_path / "report"
    proc = run_cli("assess", "report", a2, b, a1, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "3 件の自己評価の結果を書き出しました" in proc.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "同じ会社の前回からの変化（評価日順）" in page
    # year over year: A's directive 8 went from 3 (2024) to 4 (2025)
    assert "<tr><td>株式会社みなと精機</td><td>指示8</td><td>3（2024-06-30）</td><td>4（2025-06-30）</td><td>+1.00</td></tr>" in page
    # B: mean (4+1+1+1)/4 = 1.75 everywhere
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    by_company = {(x["company"], x["date"]): x for x in data["assessments"]}
    assert by_company[("北星物流株式会社", "2025-05-15")]["directives"]["5"]["mean"] == 1.75
    assert data["year_over_year"][0]["change"]["7"] == 1.0
    wb = openpyxl.load_workbook(out / "results.xlsx")
    assert wb.sheetnames == ["指示別の成熟度", "項目別の回答", "前回からの変化"]

    # check A's latest year against its draft: the draft covers 1, 2, 5 and 7
    docx = write_disclosure(tmp_path / "開示文書.docx")
    proc = run_cli("assess", "check", a2, docx)
    assert proc.returncode == 1, proc.stderr
    out_text = proc.stdout
    table = {m.group(1): m.group(0) for m in re.finditer(r"^  (指示\d+) .*$", out_text, re.M)}
    assert "● 記載あり" in table["指示7"] and "記載が実態を上回るおそれ" in table["指示7"]
    assert "× 記載なし" in table["指示8"] and "取組が開示に表れていない" in table["指示8"]
    assert "取組が開示に表れていない" in table["指示10"]
    assert "—" in table["指示1"] and "—" in table["指示5"]
    assert "警告: 指示7: 開示は「● 記載あり」ですが、自己評価の成熟度は 1（1 以下）です。" in out_text
    assert "情報: 指示8: 自己評価の成熟度は 4（3 以上）ですが、開示は「× 記載なし」です。" in out_text
    assert "取組が開示に表れていない指示 2 件、記載が実態を上回るおそれのある指示 1 件" in out_text

    proc = run_cli("--lang", "en", "assess", "check", a2, docx, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    verdicts = {d["directive"]: d["verdict"] for d in data["directives"]}
    assert verdicts[7] == "overstate" and verdicts[8] == "undersell" and verdicts[10] == "undersell"
    assert {f["quality"] for f in data["findings"]} == {"truthfulness", "relevance"}
    assert data["directives"][6]["where"], "the covered directive names where the text covers it"


def test_check_with_a_yaml_form_and_a_bad_document(run_cli, tmp_path):
    path = tmp_path / "a.yml"
    run_cli("assess", "init", "-o", path)
    path.write_text(path.read_text(encoding="utf-8").replace("level:        # 0-4", "level: 2"), encoding="utf-8")
    bad = tmp_path / "開示.docx"
    bad.write_bytes(b"not a docx")
    line = one_error_line(run_cli("assess", "check", path, bad))
    assert line.startswith(f"disclint: {bad}: ")


def test_wheel_carries_the_assess_package_and_questionnaire(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"disclint/assess/__init__.py", "disclint/assess/cli.py", "disclint/assess/answers.py", "disclint/assess/shares.py",
            "disclint/draft/assessed.py", "disclint/rules/assessment/questionnaire.yml",
            "disclint/rules/assessment/draft-measures.yml"} <= names


# ----------------------------------------------------------------------------- real applications (skip when absent)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Writer alone cannot open a workbook: LibreOffice Calc is a package of its own.
CALC = SOFFICE is not None and any(Path(p).exists() for p in ("/usr/lib/libreoffice/program/libsclo.so",
                                                               "/opt/libreoffice/program/libsclo.so"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.mark.skipif(not CALC, reason="LibreOffice Calc is not installed (`make test` installs libreoffice-calc-nogui)")
def test_a_form_saved_again_by_libreoffice_is_still_read(run_cli, form, tmp_path):
    """A user fills the form in LibreOffice Calc: its re-saved workbook must still be read."""
    import subprocess

    filled = fill(form, tmp_path / "filled.xlsx", "株式会社みなと精機", "2025-06-30", lambda i: i.directive % 5)
    outdir = tmp_path / "lo"
    r = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--convert-to", "xlsx",
                        "--outdir", str(outdir), str(filled)], capture_output=True, text=True, timeout=240)
    assert r.returncode == 0, r.stderr
    resaved = outdir / "filled.xlsx"
    wb = openpyxl.load_workbook(resaved)
    assert wb["回答"].protection.sheet and wb["回答"].data_validations.dataValidation
    proc = run_cli("assess", "report", resaved, "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert data["assessments"][0]["directives"]["7"]["mean"] == 2 and data["assessments"][0]["company"] == "株式会社みなと精機"


@pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                    reason="Chromium and/or chromedriver are not installed (`make test` installs chromium and chromium-driver)")
def test_report_page_in_headless_chromium(run_cli, form, tmp_path):
    pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[test]')")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    a = fill(form, tmp_path / "a.xlsx", "株式会社みなと精機", "2025-06-30", lambda i: 3)
    b = fill(form, tmp_path / "b.xlsx", "北星物流株式会社", "2025-05-15", lambda i: i.directive % 5)
    assert run_cli("assess", "report", a, b, "-o", tmp_path / "out").returncode == 0
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1300,1800",
                f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get((tmp_path / "out" / "index.html").as_uri())
        assert driver.execute_script("return document.images[0].complete && document.images[0].naturalWidth") > 300
        assert driver.execute_script("return document.querySelectorAll('table')[0].tBodies[0].rows.length") == 10
        assert "株式会社みなと精機" in driver.execute_script("return document.body.innerText")
        shot = tmp_path / "assess_report.png"
        assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
        print(f"screenshot: {shot}")
    finally:
        driver.quit()


def test_every_assess_message_has_both_languages_and_none_is_missing(run_cli, form, tmp_path):
    """A missing key would show up as its name ("assess.…") in what the user reads."""
    from disclint.i18n import MESSAGES

    keys = [k for k in MESSAGES if k.startswith("assess.")]
    assert len(keys) > 80
    for k in keys:
        assert MESSAGES[k]["ja"].strip() and MESSAGES[k]["en"].strip(), k
    a = fill(form, tmp_path / "a.xlsx", "株式会社みなと精機", "2024-06-30", lambda i: 4 if i.directive == 8 else 1)
    b = fill(form, tmp_path / "b.xlsx", "株式会社みなと精機", "2025-06-30", lambda i: 2)
    for lang in ("ja", "en"):
        out = tmp_path / f"out-{lang}"
        assert run_cli("--lang", lang, "assess", "report", a, b, "-o", out).returncode == 0
        wb = openpyxl.load_workbook(out / "results.xlsx")
        seen = [(out / "index.html").read_text(encoding="utf-8"), " ".join(wb.sheetnames),
                " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)]
        written = tmp_path / f"form-{lang}.xlsx"
        assert run_cli("--lang", lang, "assess", "init", "-o", written).returncode == 0
        wb = openpyxl.load_workbook(written)
        seen.append(" ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None))
        seen.append(run_cli("--lang", lang, "assess", "init", "--format", "yml", "-o", tmp_path / f"f-{lang}.yml").stderr)
        seen.append((tmp_path / f"f-{lang}.yml").read_text(encoding="utf-8"))
        for text in seen:
            assert not re.search(r"assess\.[a-z_]+\.?[a-z_0-9]*", text.replace("disclint assess", "")), re.search(r"assess\.\S+", text)


def test_help_in_both_languages(run_cli):
    ja = run_cli("assess", "--help")
    en = run_cli("--lang", "en", "assess", "check", "--help")
    assert ja.returncode == en.returncode == 0
    assert "サイバーセキュリティ経営の自己評価" in ja.stdout and "init" in ja.stdout and "check" in ja.stdout
    assert "maturity >= 3 but the disclosure is missing or weak" in " ".join(en.stdout.split())


def test_lint_with_an_assessment_reports_what_the_text_undersells_or_overstates(run_cli, form, tmp_path):
    """`lint --assessment FORM`: the findings of `assess check` join lint's own, in every output."""
    from disclint.resources import data_dir

    sample = data_dir("corpus") / "samples" / "sample_draft.docx"
    # mature everywhere but directive 6 (level 1): 6 is disclosed, 4 and 8 are not (the sample's coverage)
    filled = fill(form, tmp_path / "a.xlsx", "株式会社みなと精機", "2025-06-30", lambda i: 1 if i.directive == 6 else 3)
    r = run_cli("lint", "--format", "json", "--fail-level", "none", "--assessment", filled, sample)
    assert r.returncode == 0, r.stderr
    found = {(f["rule"], f["data"]["directive"]) for f in json.loads(r.stdout)["files"][0]["findings"] if f["rule"].startswith("assess.")}
    assert ("assess.overstate", 6) in found
    assert {("assess.undersell", 4), ("assess.undersell", 8)} <= found
    text = run_cli("lint", "--fail-level", "none", "--assessment", filled, sample).stdout
    assert "[assess.overstate]" in text and "表現真正性" in text
    bad = tmp_path / "bad.yml"
    bad.write_text("company: x\n", encoding="utf-8")
    r = run_cli("lint", "--assessment", bad, sample)
    assert r.returncode == 2 and "Traceback" not in r.stderr and str(bad) in r.stderr
