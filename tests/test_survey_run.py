"""disclint survey end to end: real documents (XBRL strings, python-docx, reportlab PDF), the
local process pool, resume after kill -9, errors and timeouts, reports, and a real Dask
scheduler + worker on 127.0.0.1 giving the same results as the local engine."""

from __future__ import annotations

import csv
import html as htmllib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import hanging_survey_env
from dask_relay import stop_process_groups

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# --------------------------------------------------------------------------- inputs

CYBER = [
    "当社は、サイバーセキュリティリスクを重要な経営リスクと認識し、情報セキュリティ基本方針を定め全従業員に周知しております。",
    "最高情報セキュリティ責任者（CISO）を任命し、CSIRTを設置してインシデント発生時の緊急対応体制を整備しております。",
    "ランサムウェア等による被害に備え、バックアップからの復旧手順を定め、年1回復旧訓練を実施しております。",
    "委託先を含むサプライチェーン全体のセキュリティ対策状況を年1回評価し、必要な改善を求めております。",
    "多要素認証やEDRの導入により、不正アクセスの防御と検知を多層的に行っております。",
]
FILLER = (
    "当連結会計年度における売上高は、前期比3.2%増の1,234億円となりました。営業利益は原材料価格の高騰により前期比1.5%減の98億円となりました。"
    "当社グループは、中期経営計画に基づき、主力製品の拡販と生産性の向上に取り組んでまいりました。"
)


def xbrl(company: str, code: str, year: int, cyber: list[str], filler: int = 3) -> bytes:
    def fact(concept: str, body: str) -> str:
        return f'<jpcrp_cor:{concept} contextRef="CurrentYearDuration">{htmllib.escape(body, quote=False)}</jpcrp_cor:{concept}>'

    risks = "<p>３【事業等のリスク】</p>" + "".join(f"<p>{FILLER}</p>" for _ in range(filler))
    if cyber:
        risks += "<p>(5) 情報セキュリティについて</p>" + "".join(f"<p>{c}</p>" for c in cyber)
    business = "".join(f"<p>{FILLER}</p>" for _ in range(filler))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:jpdei_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpdei/2013-08-31/jpdei_cor"
  xmlns:jpcrp_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpcrp/2024-11-01/jpcrp_cor">
  <xbrli:context id="FilingDateInstant"><xbrli:entity><xbrli:identifier scheme="http://disclosure.edinet-fsa.go.jp">E9{code}-000</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>{year}-06-27</xbrli:instant></xbrli:period></xbrli:context>
  <xbrli:context id="CurrentYearDuration"><xbrli:entity><xbrli:identifier scheme="http://disclosure.edinet-fsa.go.jp">E9{code}-000</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>{year - 1}-04-01</xbrli:startDate><xbrli:endDate>{year}-03-31</xbrli:endDate></xbrli:period></xbrli:context>
  <jpdei_cor:SecurityCodeDEI contextRef="FilingDateInstant">{code}0</jpdei_cor:SecurityCodeDEI>
  <jpdei_cor:FilerNameInJapaneseDEI contextRef="FilingDateInstant">{company}</jpdei_cor:FilerNameInJapaneseDEI>
  <jpdei_cor:CurrentFiscalYearEndDateDEI contextRef="FilingDateInstant">{year}-03-31</jpdei_cor:CurrentFiscalYearEndDateDEI>
  <jpcrp_cor:DocumentTitleCoverPage contextRef="FilingDateInstant">有価証券報告書</jpcrp_cor:DocumentTitleCoverPage>
  {fact("DescriptionOfBusinessTextBlock", business)}
  {fact("BusinessRisksTextBlock", risks)}
</xbrli:xbrl>
""".encode()


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.core_properties.title = "サステナビリティ報告書"
    d.add_heading("情報セキュリティ", level=1)
    for c in CYBER[:3]:
        d.add_paragraph(c)
    d.add_paragraph(FILLER)
    d.save(str(path))
    return path


def make_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if "HeiseiMin-W3" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("HeiseiMin-W3", 16)
    c.drawString(60, 780, "情報セキュリティへの取組")
    c.setFont("HeiseiMin-W3", 10)
    y = 740
    for text in CYBER[1:4]:
        for i in range(0, len(text), 44):
            c.drawString(60, y, text[i : i + 44])
            y -= 16
        y -= 10
    c.showPage()
    c.save()
    return path


def build_inputs(root: Path) -> dict[str, Path]:
    """A folder and a manifest: 4 XBRL of 3 companies, a docx, a PDF, a corrupt file, a duplicate."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    files = {
        "a2023": docs / "a_2023.xbrl", "a2024": docs / "a_2024.xbrl", "b2024": docs / "b_2024.xbrl", "c2024": docs / "c_2024.xbrl",
    }
    files["a2023"].write_bytes(xbrl("あおば精機株式会社", "7203", 2023, CYBER[:2]))
    files["a2024"].write_bytes(xbrl("あおば精機株式会社", "7203", 2024, CYBER))
    files["b2024"].write_bytes(xbrl("みなと化成株式会社", "6301", 2024, CYBER[2:4]))
    files["c2024"].write_bytes(xbrl("さくら商事株式会社", "8001", 2024, []))
    files["docx"] = make_docx(docs / "sus_2024.docx")
    files["pdf"] = make_pdf(docs / "report_2024.pdf")
    files["bad"] = docs / "broken.pdf"
    files["bad"].write_bytes(b"%PDF-1.7\nthis is not a pdf at all\n")
    files["dup"] = docs / "copy_of_b.xbrl"
    shutil.copyfile(files["b2024"], files["dup"])
    manifest = root / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "company", "securities_code", "industry", "fiscal_year", "document_type"])
        w.writerow(["docs/a_2023.xbrl", "", "", "輸送用機器", "", ""])
        w.writerow(["docs/a_2024.xbrl", "", "", "輸送用機器", "", ""])
        w.writerow(["docs/b_2024.xbrl", "", "", "機械", "", ""])
        w.writerow(["docs/c_2024.xbrl", "", "", "卸売業", "", ""])
        w.writerow(["docs/sus_2024.docx", "みなと化成株式会社", "6301", "機械", "2024", "サステナビリティ報告書"])
        w.writerow(["docs/report_2024.pdf", "ひかり電機株式会社", "6501", "電気機器", "2025年3月期", "統合報告書"])
        w.writerow(["docs/broken.pdf", "こわれ株式会社", "9999", "サービス業", "2024", ""])
    files["manifest"] = manifest
    return files


def survey(*args, env=None, timeout=300) -> subprocess.CompletedProcess:
    full = dict(os.environ)
    full.pop("DISCLINT_LANG", None)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "disclint", *map(str, args)], capture_output=True, text=True, timeout=timeout, env=full)


def db(run_dir: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(run_dir / "survey.sqlite")
    conn.row_factory = sqlite3.Row
    return conn


@pytest.fixture(scope="module")
def surveyed(tmp_path_factory):
    root = tmp_path_factory.mktemp("survey")
    files = build_inputs(root)
    before = {p: p.read_bytes() for p in files.values()}
    run = root / "run"
    r = survey("--lang", "en", "survey", "run", files["manifest"], root / "docs", "-o", run, "--workers", "2", "--max-tasks-per-child", "2")
    return root, files, run, r, before


# --------------------------------------------------------------------------- local engine


def test_run_records_every_document_once_with_metadata_and_errors(surveyed):
    root, files, run, r, before = surveyed
    assert r.returncode == 2, r.stderr  # one bad file
    err = [l for l in r.stderr.splitlines() if l.startswith("disclint: ") and "broken.pdf" in l]
    assert len(err) == 1 and "corrupt PDF" in err[0]
    conn = db(run)
    docs = {Path(d["path"]).name: dict(d) for d in conn.execute("SELECT * FROM documents")}
    # the duplicate content is surveyed once, under the first path; both paths are recorded
    assert set(docs) == {"a_2023.xbrl", "a_2024.xbrl", "b_2024.xbrl", "c_2024.xbrl", "sus_2024.docx", "report_2024.pdf", "broken.pdf"}
    paths = {Path(p[0]).name for p in conn.execute("SELECT path FROM paths WHERE key = ?", (docs["b_2024.xbrl"]["key"],))}
    assert paths == {"b_2024.xbrl", "copy_of_b.xbrl"}
    a = docs["a_2024.xbrl"]
    assert (a["company"], a["securities_code"], a["industry"], a["fiscal_year"], a["document_type"]) == ("あおば精機株式会社", "7203", "輸送用機器", 2024, "有価証券報告書")
    assert "company=document" in a["meta_source"] and "industry=manifest" in a["meta_source"]
    p = docs["report_2024.pdf"]
    assert (p["company"], p["securities_code"], p["fiscal_year"], p["document_type"], p["status"]) == ("ひかり電機株式会社", "6501", 2025, "統合報告書", "ok")
    assert docs["sus_2024.docx"]["status"] == "ok" and docs["sus_2024.docx"]["format"] == "docx"
    bad = docs["broken.pdf"]
    assert bad["status"] == "error" and bad["error_code"].startswith("input.pdf") and bad["company"] == "こわれ株式会社"
    for name, d in docs.items():
        assert d["sha256"] and len(d["sha256"]) == 64
        assert d["disclint_version"] and d["ruleset"] and d["seconds"] > 0
        n_cov = conn.execute("SELECT COUNT(*) FROM coverage WHERE key = ?", (d["key"],)).fetchone()[0]
        n_q = conn.execute("SELECT COUNT(*) FROM quality WHERE key = ?", (d["key"],)).fetchone()[0]
        assert (n_cov, n_q) == ((13, 5) if d["status"] == "ok" else (0, 0)), name
    # the company with cyber passages covers more than the one without
    assert docs["a_2024.xbrl"]["coverage_score"] > docs["c_2024.xbrl"]["coverage_score"]
    run_row = conn.execute("SELECT * FROM runs").fetchone()
    assert run_row["status"] == "finished" and run_row["engine"] == "local" and run_row["processed"] == 7 and run_row["errors"] == 1
    assert conn.execute("SELECT COUNT(*) FROM timings WHERE stage = 'map'").fetchone()[0] == 6
    # inputs untouched, nothing written next to them
    assert all(p.read_bytes() == data for p, data in before.items())
    assert sorted(x.name for x in (root / "docs").iterdir()) == sorted(p.name for k, p in files.items() if k != "manifest")


def test_rerun_skips_finished_documents(surveyed):
    root, files, run, _, _ = surveyed
    r = survey("--lang", "en", "survey", files["manifest"], root / "docs", "-o", run, "-q")
    assert r.returncode == 0, r.stderr
    assert "8 inputs: 0 processed" in r.stderr and "8 skipped" in r.stderr  # the duplicate path too
    conn = db(run)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 7
    assert conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2


def test_timeout_is_recorded_as_an_error_and_the_run_goes_on(tmp_path, surveyed):
    _, files, _, _, _ = surveyed
    run = tmp_path / "run"
    r = survey("--lang", "en", "survey", files["a2024"], files["c2024"], "-o", run, "--workers", "1", "--timeout", "0.0001", "-q")
    assert r.returncode == 2
    conn = db(run)
    rows = conn.execute("SELECT status, error_code FROM documents").fetchall()
    assert [tuple(x) for x in rows] == [("error", "limit.timeout")] * 2
    assert r.stderr.count("processing exceeded the time limit") == 2


def test_resume_after_kill_9(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    n = 10
    for i in range(n):
        (docs / f"d{i:02d}.xbrl").write_bytes(xbrl(f"会社{i}株式会社", str(1300 + i), 2024, CYBER[: 1 + i % 5], filler=40))
    run = tmp_path / "run"
    cmd = [sys.executable, "-m", "disclint", "survey", "run", str(docs), "-o", str(run), "--workers", "1", "-q"]
    # the last document never finishes (tests/blocking_worker): the kill surely comes mid-run
    hang = hanging_survey_env(f"d{n - 1:02d}.xbrl")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=hang)
    try:
        deadline = time.monotonic() + 120  # a bound on waiting for two commits, not on the outcome
        committed = 0
        while time.monotonic() < deadline and proc.poll() is None:
            if (run / "survey.sqlite").exists():
                try:
                    committed = sqlite3.connect(run / "survey.sqlite", timeout=1).execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:
                    committed = 0
                if committed >= 2:
                    break
            time.sleep(0.05)
        assert committed >= 2, "no document committed in time"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its pool workers
        proc.wait()
    conn = sqlite3.connect(run / "survey.sqlite")
    first = {r[0] for r in conn.execute("SELECT key FROM documents")}
    conn.close()
    assert 2 <= len(first) < n, "the kill must happen mid-run"
    r = survey("--lang", "en", "survey", "run", docs, "-o", run, "--workers", "2", "-q")
    assert r.returncode == 0, r.stderr
    conn = db(run)
    rows = conn.execute("SELECT key, path, status, run_id FROM documents").fetchall()
    assert len(rows) == n and len({r["key"] for r in rows}) == n and len({r["path"] for r in rows}) == n
    assert all(r["status"] == "ok" for r in rows)
    assert {r["key"] for r in rows if r["run_id"] == 1} == first  # finished work was kept, not redone
    assert conn.execute("SELECT COUNT(*) FROM coverage").fetchone()[0] == 13 * n
    statuses = [r["status"] for r in conn.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["running", "finished"]  # the killed run never got to record its end


# --------------------------------------------------------------------------- report


def test_report_outputs(surveyed, tmp_path):
    from openpyxl import load_workbook

    _, _, run, _, _ = surveyed
    out = tmp_path / "report"
    r = survey("survey", "report", run, "-o", out, "--compare", "7203,6301")
    assert r.returncode == 0, r.stderr
    with (out / "company_coverage.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    by_code = {row["証券コード"]: row for row in rows}
    # さくら商事 (8001) has no cybersecurity text: left out of the shares, listed with the company-years
    assert set(by_code) == {"7203", "6301", "6501"}
    years = {row["証券コード"]: row for row in csv.DictReader((out / "company_years.csv").open(encoding="utf-8-sig"))}
    assert years["8001"]["割合の集計対象"] == "いいえ（サイバー記述なし）" and years["7203"]["割合の集計対象"] == "はい"
    assert by_code["7203"]["年度"] == "2024"  # the latest year by default
    assert by_code["6301"]["業種"] == "機械"
    assert all(row[f"指示{d}"] in ("記載あり", "記載が弱い", "記載なし") for row in rows for d in range(1, 11))
    wb = load_workbook(out / "survey.xlsx", read_only=True)
    assert {"会社×指示", "品質スコア", "指摘（ルール別）", "業種×指示", "年度推移", "文書", "エラー"} <= set(wb.sheetnames)
    ws = wb["会社×指示"]
    assert [c.value for c in next(ws.iter_rows(max_row=1))][:4] == ["会社名", "証券コード", "業種", "年度"]
    assert ws.max_row == 4
    assert wb["エラー"].max_row == 2
    trend = list(csv.reader((out / "trend.csv").open(encoding="utf-8-sig")))
    assert [row[0] for row in trend[1:]] == ["2023", "2024", "2025"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 6  # share, heatmap, trend, year over year, compare radar, industry radar
    lowered = page.lower()
    assert "http://" not in lowered and "https://" not in lowered and "<script" not in lowered and "<link" not in lowered
    assert "あおば精機株式会社" in page and "サイバーセキュリティリスク管理体制の構築" in page
    assert {p.name for p in (out / "charts").iterdir()} == {"share.png", "heatmap.png", "trend.png", "yoy.png", "radar_compare.png", "radar_industry.png"}
    # outputs go to new paths only
    again = survey("--lang", "en", "survey", "report", run, "-o", out)
    assert again.returncode == 2 and again.stderr.strip().startswith("disclint: the output directory")


def test_charts_use_the_bundled_japanese_font_without_missing_glyphs(surveyed, tmp_path):
    import matplotlib_fontja

    from disclint.survey.charts import chart_radar, font_path, render_charts
    from disclint.survey.data import Data

    _, _, run, _, _ = surveyed
    assert Path(font_path()).resolve().parent == (Path(matplotlib_fontja.__file__).parent / "fonts").resolve()
    data = Data(run, "ja")
    charts, glyph, missing = render_charts(data, data.selected(None), ["7203", "0000"])
    assert glyph == [] and missing == ["0000"]
    assert set(charts) == {"share", "heatmap", "trend", "yoy", "radar_compare", "radar_industry"}
    # a figure whose only text is Japanese renders with that font and no glyph warning
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = chart_radar([("情報セキュリティ委員会", [0.5] * 10)], "経営者のリーダーシップ", "ja")
        fig.savefig(tmp_path / "ja.png")
    texts = [t for t in fig.findobj(lambda o: hasattr(o, "get_fontname") and hasattr(o, "get_text")) if t.get_text()]
    assert texts and all(t.get_fontname() == "IPAexGothic" for t in texts)


# --------------------------------------------------------------------------- Dask


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _comparable(run: Path) -> dict:
    conn = db(run)
    out = {}
    for d in conn.execute("SELECT * FROM documents ORDER BY key"):
        key = d["key"]
        out[key] = {
            "doc": {k: d[k] for k in ("company", "securities_code", "industry", "fiscal_year", "document_type", "status", "error_code",
                                      "chars", "blocks", "cyber_passages", "findings", "coverage_score", "quality_score")},
            "coverage": [tuple(r) for r in conn.execute("SELECT kind, item, status, best_score, passages FROM coverage WHERE key = ? ORDER BY kind, item", (key,))],
            "quality": [tuple(r) for r in conn.execute("SELECT quality, errors, warnings, infos, score FROM quality WHERE key = ? ORDER BY quality", (key,))],
            "findings": [tuple(r) for r in conn.execute("SELECT seq, rule, level, message, block_index, start, \"end\" FROM findings WHERE key = ? ORDER BY seq", (key,))],
        }
    return out


def test_dask_engine_with_real_scheduler_and_worker_matches_local(surveyed, tmp_path):
    if not (BIN / "dask").exists():
        pytest.skip("dask CLI not installed")
    root, files, local_run, _, _ = surveyed
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    logs = tmp_path / "logs"
    logs.mkdir()
    procs = []
    try:
        procs.append(subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                      stdout=subprocess.DEVNULL, stderr=(logs / "scheduler.log").open("w"), env=env, start_new_session=True))
        procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                                       "--local-directory", str(tmp_path / "dask-worker")],
                                      stdout=subprocess.DEVNULL, stderr=(logs / "worker.log").open("w"), env=env, start_new_session=True, cwd=REPO))
        from distributed import Client

        deadline = time.monotonic() + 45
        while True:
            try:
                with Client(address, timeout="2s") as c:
                    if c.scheduler_info()["workers"]:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, (logs / "worker.log").read_text()[-2000:]
            time.sleep(0.5)
        run = tmp_path / "dask-run"
        r = survey("--lang", "en", "survey", "run", files["manifest"], root / "docs", "-o", run, "--engine", "dask", "--scheduler", address, "-q")
        assert r.returncode == 2, r.stderr  # the broken PDF, as locally
        assert db(run).execute("SELECT engine FROM runs").fetchone()[0] == "dask"
        assert _comparable(run) == _comparable(local_run)
    finally:
        stop_process_groups(procs, wait=10)


def test_an_interrupted_report_leaves_no_directory_behind(surveyed, tmp_path, monkeypatch):
    """The report is written into a temporary sibling and renamed when complete."""
    from disclint.survey import report

    _, _, run, _, _ = surveyed
    out = tmp_path / "report"

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "render_html", boom)  # the last file written
    with pytest.raises(KeyboardInterrupt):
        report.write_report(Path(run), out)
    assert list(tmp_path.iterdir()) == []  # neither the report nor its temporary directory
    monkeypatch.undo()
    written = report.write_report(Path(run), out)
    assert (out / "index.html").is_file() and all(f.parent in (out, out / "charts") and f.exists() for f in written.files)
    assert list(tmp_path.iterdir()) == [out]
