"""``disclint assess report FORM … --survey RUN``: beside the maturity, the share of companies of the
form's industry that disclose each directive, from a store written by a real ``disclint survey run``
on three small generated documents (two companies of 電気機器, one of 建設業; one worker, ≈ 10 s).

The expected shares are counted here straight from the store's tables with sqlite, not through the
code under test; the maturity radar must stay what it was without ``--survey``."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys

import pytest
from test_assess import fill, one_error_line

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is not installed (pip install -e '.[survey]')")

DOCS = {
    "a.md": ("株式会社あおば電機", "6501", "電気機器", [
        "# 情報セキュリティへの取組",
        "当社は、サイバーセキュリティリスクを重要な経営リスクと認識し、情報セキュリティ基本方針を定め全従業員に周知しております。",
        "最高情報セキュリティ責任者（CISO）を任命し、CSIRTを設置してインシデント発生時の緊急対応体制を整備しております。",
    ]),
    "b.md": ("株式会社みなと電子", "6502", "電気機器", [
        "# 情報セキュリティ",
        "ランサムウェア等による被害に備え、バックアップからの復旧手順を定め、年1回復旧訓練を実施しております。",
        "最高情報セキュリティ責任者（CISO）を任命し、情報セキュリティ委員会を設置しております。",
    ]),
    "c.md": ("さくら建設株式会社", "1801", "建設業", [
        "# サイバーセキュリティ",
        "委託先を含むサプライチェーン全体のセキュリティ対策状況を年1回評価し、必要な改善を求めております。",
    ]),
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("survey")
    (root / "docs").mkdir()
    rows = ["path,company,securities_code,industry,fiscal_year,document_type"]
    for name, (company, code, industry, lines) in DOCS.items():
        (root / "docs" / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        rows.append(f"docs/{name},{company},{code},{industry},2024,統合報告書")
    (root / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "disclint", "survey", "run", str(root / "manifest.csv"), "-o", str(root / "run"),
                        "--workers", "1"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return root / "run"


def expected_shares(run, industry=None):
    """Directive -> share of the store's companies (of ``industry``) whose coverage is 'covered'."""
    conn = sqlite3.connect(run / "survey.sqlite")
    docs = conn.execute("SELECT key, industry FROM documents WHERE status = 'ok' AND cyber_passages > 0").fetchall()
    keys = [k for k, ind in docs if industry is None or ind == industry]
    covered = {d: 0 for d in range(1, 11)}
    for (item,) in conn.execute(f"SELECT item FROM coverage WHERE kind = 'directive' AND status = 'covered' "
                                f"AND key IN ({','.join('?' * len(keys))})", keys):
        covered[int(item)] += 1
    conn.close()
    return len(keys), {d: c / len(keys) for d, c in covered.items()}


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    from conftest import run_in_process

    path = tmp_path_factory.mktemp("form") / "様式.xlsx"
    assert run_in_process("assess", "init", "-o", path).returncode == 0
    return path


def test_the_share_of_the_same_industry_sits_beside_the_maturity(run_cli, run, form, tmp_path):
    n, shares = expected_shares(run, "電気機器")
    assert n == 2 and any(0 < v < 1 for v in shares.values()), "the documents must give a telling share"
    assert shares != expected_shares(run)[1], "the industry must matter"
    a = fill(form, tmp_path / "a.xlsx", "株式会社テスト電機", "2025-06-30", lambda i: i.directive % 5, industry="電気機器")
    proc = run_cli("assess", "report", a, "-o", tmp_path / "out", "--survey", run)
    assert proc.returncode == 0, proc.stderr
    assert "全業種" not in proc.stderr
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    head = "開示している企業の割合（成熟度ではありません）: 電気機器（n=2）"
    assert f"<th>{head}</th>" in page and "業種: 電気機器" in page
    for d in range(1, 11):
        row = re.search(rf"<tr><td>指示{d}</td>.*?</tr>", page).group(0)
        assert row.endswith(f'<td class="num share">{shares[d]:.0%}</td></tr>'), (d, row)
    assert f"survey の結果 {run} の企業" in page and "成熟度（0〜4）ではありません" in page
    # the results workbook: the same column, as a percentage, not coloured as a level
    ws = openpyxl.load_workbook(tmp_path / "out" / "results.xlsx")["指示別の成熟度"]
    header = [c.value for c in ws[1]]
    col = header.index(head) + 1
    for d in range(1, 11):
        cell = ws.cell(d + 1, col)
        assert cell.value == pytest.approx(shares[d], abs=0.001) and cell.number_format == "0%"
        assert cell.fill.fgColor.rgb in (None, "00000000")
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    (scope,) = data["disclosure_share"]["scopes"]
    assert scope["industry"] == "電気機器" and scope["n"] == 2
    assert {int(d): v for d, v in scope["covered"].items()} == pytest.approx(shares, abs=0.001)
    assert "not a maturity" in data["disclosure_share"]["what"]
    # the maturity radar is not touched: the same picture as without --survey
    assert run_cli("assess", "report", a, "-o", tmp_path / "plain").returncode == 0
    assert (tmp_path / "out" / "radar.png").read_bytes() == (tmp_path / "plain" / "radar.png").read_bytes()
    assert "開示している企業の割合" not in (tmp_path / "plain" / "index.html").read_text(encoding="utf-8")


def test_without_an_industry_all_companies_are_counted_and_the_report_says_so(run_cli, run, form, tmp_path):
    n, shares = expected_shares(run)
    a = fill(form, tmp_path / "a.xlsx", "株式会社テスト", "2025-06-30", lambda i: 2)
    b = fill(form, tmp_path / "b.xlsx", "建設テスト株式会社", "2025-06-30", lambda i: 3, industry="建設業")
    proc = run_cli("assess", "report", a, b, "-o", tmp_path / "out", "--survey", run)
    assert proc.returncode == 0, proc.stderr
    assert f"disclint: a.xlsx には業種の記入がないため、全業種の企業（n={n}）と比べています。" in proc.stderr.splitlines()
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert f"<th>開示している企業の割合（成熟度ではありません）: 全業種（n={n}）</th>" in page
    assert "<th>開示している企業の割合（成熟度ではありません）: 建設業（n=1）</th>" in page
    assert f"a.xlsx には業種の記入がないため、全業種の企業（n={n}）と比べています。" in page
    row = re.search(r"<tr><td>指示2</td>.*?</tr>", page).group(0)
    assert row.endswith(f'<td class="num share">{shares[2]:.0%}</td>'
                        f'<td class="num share">{expected_shares(run, "建設業")[1][2]:.0%}</td></tr>')


def test_in_english(run_cli, run, form, tmp_path):
    a = fill(form, tmp_path / "a.xlsx", "Test Corp", "2025-06-30", lambda i: 1)
    proc = run_cli("--lang", "en", "assess", "report", a, "-o", tmp_path / "out", "--survey", run)
    assert proc.returncode == 0, proc.stderr
    assert "a.xlsx gives no industry: it is compared with the companies of all industries (n=3)." in proc.stderr
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "share of companies disclosing it (not a maturity): all industries (n=3)" in page
    help_text = " ".join(run_cli("--lang", "en", "assess", "report", "--help").stdout.split())
    assert "--survey RUN" in help_text and "a disclosure share, not a maturity" in help_text
    assert "成熟度ではなく開示の割合" in " ".join(run_cli("assess", "report", "--help").stdout.split())


def test_a_yaml_form_gives_its_industry(run_cli, run, tmp_path):
    path = tmp_path / "a.yml"
    assert run_cli("assess", "init", "--format", "yml", "-o", path).returncode == 0
    text = path.read_text(encoding="utf-8").replace("level:        # 0-4", "level: 2")
    path.write_text(re.sub(r'^industry: ""', 'industry: "建設業"', text, flags=re.M), encoding="utf-8")
    proc = run_cli("assess", "report", path, "-o", tmp_path / "out", "--survey", run)
    assert proc.returncode == 0, proc.stderr
    assert "建設業（n=1）" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_a_missing_or_corrupt_store_or_an_unknown_industry_is_one_line(run_cli, run, form, tmp_path):
    a = fill(form, tmp_path / "a.xlsx", "株式会社テスト", "2025-06-30", lambda i: 2, industry="鉄鋼")
    b = fill(form, tmp_path / "b.xlsx", "株式会社テスト", "2025-06-30", lambda i: 2)
    out = tmp_path / "out"
    line = one_error_line(run_cli("assess", "report", a, "-o", out, "--survey", run))
    assert line == f"disclint: survey の結果 {run} に業種「鉄鋼」の企業がありません（ある業種: 建設業, 電気機器）"
    line = one_error_line(run_cli("assess", "report", b, "-o", out, "--survey", tmp_path / "nowhere"))
    assert line == f"disclint: survey の結果（survey.sqlite）がありません: {tmp_path / 'nowhere'}"
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "survey.sqlite").write_bytes(b"not a database at all" * 100)
    line = one_error_line(run_cli("--lang", "en", "assess", "report", b, "-o", out, "--survey", tmp_path / "bad"))
    assert line.startswith(f"disclint: cannot read the survey results {tmp_path / 'bad' / 'survey.sqlite'} (")
    assert not out.exists()
