"""Survey statistics that mean something (issue 19): honest denominators, scores per unit of
cybersecurity text, readable charts and change over time.

The report tests build a real ``survey.sqlite`` through :class:`disclint.survey.store.Store`
(the rows the worker produces, written by us) and read what a user reads: the CSVs, the XLSX
and the CLI's messages. The score tests run the real analysis on generated documents."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from disclint.quality import QUALITIES
from disclint.survey.store import Store
from disclint.survey.worker import quality_rows

STATUS = {"c": "covered", "w": "weak", "m": "missing"}


def result(key: str, path: str, statuses: str, *, company: str | None = None, code: str | None = None, industry: str | None = None,
           year: int | None = None, source: str = "manifest", cyber: int = 3, chars: int = 2000, warnings: int = 1) -> dict:
    """One document's result as the worker returns it; ``statuses`` is ten letters c/w/m."""
    meta = {"company": company, "securities_code": code, "industry": industry, "fiscal_year": year}
    meta_source = ",".join(f"{k}={source}" for k, v in sorted(meta.items()) if v is not None)
    findings = [{"rule": "understandability.vague", "level": "warning", "message": "曖昧な表現です", "quality": "understandability",
                 "block_index": i} for i in range(warnings)]
    return {
        "key": key,
        "document": {"sha256": key, "path": path, "status": "ok", "format": "pdf", **meta, "meta_source": meta_source,
                     "chars": chars * 3, "cyber_passages": cyber, "cyber_chars": chars if cyber else 0, "findings": len(findings),
                     "coverage_score": 0.0},
        "coverage": [{"kind": "directive", "item": str(d + 1), "status": STATUS[s], "best_score": 0.9, "passages": 1}
                     for d, s in enumerate(statuses)]
        + [{"kind": "principle", "item": p, "status": "weak", "best_score": 0.5, "passages": 1} for p in ("leadership", "supply_chain", "communication")],
        "quality": quality_rows(findings, lambda i: True, chars if cyber else 0),
        "findings": findings,
        "timings": {"total": 0.1},
    }


def make_run(run: Path, results: list[dict]) -> Path:
    run.mkdir(parents=True, exist_ok=True)
    store = Store(run)
    rid = store.start_run("0.1.0", "test", [], "local", 1, {})
    for r in results:
        store.save(r, rid, "0.1.0", "test")
    store.finish_run(rid, "finished", processed=len(results))
    store.close()
    return run


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def cli(*args):
    """``disclint ARGS`` in this process (see conftest.run_in_process); exit_code and output (stderr)."""
    from types import SimpleNamespace

    from conftest import run_in_process

    r = run_in_process(*args)
    return SimpleNamespace(exit_code=r.returncode, output=r.stderr)


ALL = "c" * 10
BASE = [
    result("a1", "/in/aoba_2023.pdf", "ccmmmmmmmm", company="あおば精機株式会社", code="7203", industry="輸送用機器", year=2023),
    result("a2", "/in/aoba_2024.pdf", "cccmmmmmmm", company="あおば精機株式会社", code="7203", industry="輸送用機器", year=2024),
    result("b1", "/in/minato_2024.pdf", "cwcmmmmmmm", company="みなと化成株式会社", code="6301", industry="化学", year=2024, source="document"),
    # no company, no code: a policy page; its identity is its file name
    result("x1", "/in/policy_page.html", "cmmmmmmmmm", industry="情報・通信業", year=2024),
    # no cybersecurity text at all (an environmental page, a poem): no score, not in the shares
    result("e1", "/in/kankyo.pdf", "mmmmmmmmmm", company="みどり環境株式会社", code="1111", industry="化学", year=2024, cyber=0, warnings=0),
    result("e2", "/in/poem.pdf", "mmmmmmmmmm", year=2024, cyber=0, warnings=0),
]


@pytest.fixture
def base_run(tmp_path):
    return make_run(tmp_path / "run", BASE)


# --------------------------------------------------------------------------- honest denominators


def test_identity_falls_back_to_the_file_name_and_says_so(base_run, tmp_path):
    r = cli("survey", "report", base_run, "-o", tmp_path / "out", "--include-empty")
    assert r.exit_code == 0, r.output
    rows = {row["証券コード"] or row["会社名"]: row for row in read_csv(tmp_path / "out" / "company_years.csv")}
    assert rows["policy_page.html"]["会社名"] == "policy_page.html"  # not an anonymous row
    assert rows["policy_page.html"]["識別の出典"] == "ファイル名"
    assert rows["7203"]["識別の出典"] == "マニフェスト" and rows["6301"]["識別の出典"] == "文書"
    docs = {Path(row["ファイル"]).name: row for row in read_csv(tmp_path / "out" / "documents.csv")}
    assert docs["poem.pdf"]["識別の出典"] == "ファイル名" and docs["poem.pdf"]["会社名"] == "poem.pdf"
    r = cli("--lang", "en", "survey", "report", base_run, "-o", tmp_path / "en")
    rows = read_csv(tmp_path / "en" / "company_years.csv")
    assert {row["identity_source"] for row in rows} == {"manifest", "document", "file name"}


def test_documents_without_cyber_text_have_no_score_and_are_not_in_the_shares(base_run, tmp_path):
    r = cli("survey", "report", base_run, "-o", tmp_path / "out")
    assert r.exit_code == 0, r.output
    out = tmp_path / "out"
    coverage = read_csv(out / "company_coverage.csv")
    assert {row["会社名"] for row in coverage} == {"あおば精機株式会社", "みなと化成株式会社", "policy_page.html"}
    quality = {row["会社名"]: row for row in read_csv(out / "quality.csv")}
    assert quality["みどり環境株式会社"]["品質スコア"] == "" and quality["poem.pdf"]["理解容易性"] == ""  # not 100
    assert float(quality["あおば精機株式会社"]["品質スコア"]) < 100
    years = {row["会社名"]: row for row in read_csv(out / "company_years.csv")}
    assert years["みどり環境株式会社"]["割合の集計対象"] == "いいえ（サイバー記述なし）"
    industry = {row["業種"]: row for row in read_csv(out / "industry.csv")}
    assert industry["化学"]["社数"] == "1" and industry["化学"]["指示1"] == "1.0"  # みどり環境 is not in the denominator
    trend = {row["年度"]: row for row in read_csv(out / "trend.csv")}
    assert trend["2024"]["社数"] == "3" and float(trend["2024"]["指示1"]) == 1.0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "サイバーセキュリティの記述がない会社・年度 2 件は割合と品質の集計から除いています" in page
    # --include-empty counts them (and says so); they still get no quality score
    r = cli("survey", "report", base_run, "-o", tmp_path / "all", "--include-empty")
    trend = {row["年度"]: row for row in read_csv(tmp_path / "all" / "trend.csv")}
    assert trend["2024"]["社数"] == "5" and float(trend["2024"]["指示1"]) == 0.6
    assert read_csv(tmp_path / "all" / "quality.csv")[0]  # written
    assert {row["会社名"]: row for row in read_csv(tmp_path / "all" / "quality.csv")}["poem.pdf"]["品質スコア"] == ""


def test_every_share_shows_its_n(base_run, tmp_path):
    from openpyxl import load_workbook

    cli("survey", "report", base_run, "-o", tmp_path / "out")
    out = tmp_path / "out"
    for name in ("industry", "trend"):
        assert list(read_csv(out / f"{name}.csv")[0])[1] == "社数"
    yoy = read_csv(out / "yoy_industry.csv")
    assert yoy[0]["業種"] == "（全社）" and yoy[0]["社数"] == "1"
    spread = read_csv(out / "quality_industry.csv")
    assert list(spread[0]) == ["業種", "品質", "社数", "中央値", "第1四分位", "第3四分位"]
    wb = load_workbook(out / "survey.xlsx", read_only=True)
    assert {"前年比", "前年比（業種別）", "品質の分布"} <= set(wb.sheetnames)


@pytest.mark.parametrize("args, message", [
    (("--year", "2030"), "disclint: --year 2030 の会社がありません（ある年度: 2023, 2024）"),
    (("--industry", "鉄鋼"), "disclint: --industry 鉄鋼 の会社がありません（ある業種: 化学, 情報・通信業, 輸送用機器, （業種不明））"),
])
def test_a_filter_that_selects_nothing_is_an_error_listing_the_values(base_run, tmp_path, args, message):
    r = cli("survey", "report", base_run, "-o", tmp_path / "out", *args)
    assert r.exit_code == 2
    assert r.output.strip() == message
    assert not (tmp_path / "out").exists()  # no empty tables written


def test_industry_filter_restricts_the_company_views(base_run, tmp_path):
    r = cli("survey", "report", base_run, "-o", tmp_path / "out", "--industry", "輸送用機器")
    assert r.exit_code == 0, r.output
    assert [row["証券コード"] for row in read_csv(tmp_path / "out" / "company_coverage.csv")] == ["7203"]


# --------------------------------------------------------------------------- quality spread


def test_group_quality_shows_n_median_and_quartiles(tmp_path):
    res = [result(f"k{i}", f"/in/{i}.pdf", ALL, company=f"会社{i}", code=str(1300 + i), industry="機械", year=2024, warnings=w, chars=1000)
           for i, w in enumerate([0, 1, 2, 3, 4])]
    run = make_run(tmp_path / "run", res)
    cli("survey", "report", run, "-o", tmp_path / "out")
    rows = {(r["業種"], r["品質"]): r for r in read_csv(tmp_path / "out" / "quality_industry.csv")}
    u = rows[("機械", "理解容易性")]
    # scores 100, 80, 60, 40, 20 (2 points per warning per 1,000 characters, 10 points each)
    assert (u["社数"], u["中央値"], u["第1四分位"], u["第3四分位"]) == ("5", "60.0", "40.0", "80.0")


# --------------------------------------------------------------------------- change over time


def test_year_over_year_added_dropped_and_unchanged_for_n_years(tmp_path):
    series = {  # company: statuses by year
        "7203": {2021: "cmmmmmmmmm", 2022: "cmmmmmmmmm", 2023: "ccmmmmmmmm", 2024: "cmmmmmmmmc"},
        "6301": {2023: "cmmmmmmmmm", 2024: "ccmmmmmmmm"},
        "8001": {2024: "cccccccccc"},  # one year only: no pair, not in the n
    }
    res = [result(f"{c}-{y}", f"/in/{c}_{y}.pdf", st, company=f"会社{c}", code=c, industry="機械" if c != "8001" else "商社", year=y)
           for c, ys in series.items() for y, st in ys.items()]
    run = make_run(tmp_path / "run", res)
    r = cli("survey", "report", run, "-o", tmp_path / "out")
    assert r.exit_code == 0, r.output
    yoy = read_csv(tmp_path / "out" / "yoy.csv")
    row = lambda c, y, d: next(x for x in yoy if x["証券コード"] == c and x["年度"] == str(y) and x["指示"] == f"指示{d}")  # noqa: E731
    assert row("7203", 2024, 1)["変化"] == "変化なし" and row("7203", 2024, 1)["同じ状態の年数"] == "3"  # covered since 2021
    assert row("7203", 2024, 2)["変化"] == "削除" and row("7203", 2024, 2)["同じ状態の年数"] == "0"
    assert row("7203", 2024, 10)["変化"] == "追加"
    assert row("7203", 2023, 2)["変化"] == "追加" and row("7203", 2023, 2)["前年度"] == "2022"
    assert row("7203", 2024, 5)["同じ状態の年数"] == "3"
    assert not any(x["証券コード"] == "8001" for x in yoy)
    ind = {r["業種"]: r for r in read_csv(tmp_path / "out" / "yoy_industry.csv")}
    # latest pairs: 7203 2023->2024 dropped D2, added D10; 6301 2023->2024 added D2
    assert ind["（全社）"]["社数"] == "2" and ind["機械"]["社数"] == "2"
    assert ind["機械"]["指示2 追加"] == "0.5" and ind["機械"]["指示2 削除"] == "0.5" and ind["機械"]["指示10 追加"] == "0.5"
    assert ind["機械"]["指示1 追加"] == "0.0"
    assert (tmp_path / "out" / "charts" / "yoy.png").is_file()
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "前年度からの変化（各指示を追加・削除した会社の割合）" in page


def test_trend_chart_has_categorical_years_with_n_and_at_most_six_lines(tmp_path):
    from disclint.survey.charts import chart_radar, chart_trend, industry_radar, radar_series
    from disclint.survey.data import Data

    years = [2017, 2018, 2024, 2025]
    res = [result(f"k{i}-{y}", f"/in/{i}_{y}.pdf", ALL if i % 2 else "cmmmmmmmmm", company=f"会社{i}", code=str(1300 + i),
                  industry=f"業種{i % 8}", year=y) for i in range(10) for y in years[: 1 + i % 4]]
    run = make_run(tmp_path / "run", res)
    data = Data(run, "ja")
    fig = chart_trend(data)
    axes = fig.axes
    assert len(axes) == 10  # one directive per panel
    for ax in axes:
        assert len(ax.get_lines()) <= 6
        assert [t.get_text() for t in ax.get_xticklabels()] == ["2017\nn=10", "2018\nn=7", "2024\nn=4", "2025\nn=2"]
        xs = list(ax.get_lines()[0].get_xdata())
        assert xs == [0, 1, 2, 3]  # evenly spaced categories, not a linear year axis
    sel = data.selected(None)
    assert len(industry_radar(data, sel)) <= 6
    series, _, _ = radar_series(data, sel, [str(1300 + i) for i in range(10)])
    assert len(series) <= 6
    assert len(chart_radar(series, "比較", "ja").axes[0].get_lines()) <= 6


def test_report_cells_stay_neutralised(tmp_path):
    res = [result("k1", "/in/=cmd.pdf", ALL, company="=HYPERLINK(\"http://x\")", code="1301", industry="@SUM(A1)", year=2023),
           result("k2", "/in/=cmd2.pdf", "cmmmmmmmmm", company="=HYPERLINK(\"http://x\")", code="1301", industry="@SUM(A1)", year=2024)]
    run = make_run(tmp_path / "run", res)
    cli("survey", "report", run, "-o", tmp_path / "out")
    text = (tmp_path / "out" / "yoy.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "\n=" not in text and ",=" not in text
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "out" / "survey.xlsx")["前年比"]
    assert ws["A2"].data_type == "s" and ws["A2"].value.startswith("=HYPERLINK")


# --------------------------------------------------------------------------- scores per unit of cyber text (real analysis)

SECURITY = [  # a cybersecurity section written for these tests (about 580 characters)
    "当社は、サイバー攻撃による事業停止や情報漏えいを重要な経営リスクと位置づけ、取締役会が毎年その対策の状況を確認しております。",
    "最高情報セキュリティ責任者（CISO）を委員長とする情報セキュリティ委員会を四半期ごとに開催し、対策の進捗と課題を審議しております。",
    "インシデントに備えて社内の対応チームを設置し、検知から経営層への報告までの手順を定め、年2回の机上訓練で手順を見直しております。",
    "2024年度は標的型メール訓練を全従業員約3,200名に年4回実施し、不審メールの報告率は前年度の62%から81%に向上しました。",
    "海外拠点を含む全サーバーの脆弱性診断を年1回実施し、重大な脆弱性は30日以内に修正する基準を定めて進捗を管理しております。",
    "重要な取引先約150社に対してセキュリティ対策状況の調査票を毎年送付し、回答に応じて改善を依頼しております。",
    "必要に応じて適切な対策を適宜講じてまいります。",
    "各システムのアクセス権限の棚卸しを定期的に実施しております。",  # vague-frequency, a rule on by default
    "当社は、情報資産の管理について、規程を定め、部門ごとに責任者を置き、その運用の状況を、内部監査で確認しております。",
    "業務データのバックアップを週1回取得してネットワークから切り離して保管し、年1回の復旧訓練で目標時間内の復旧を確認しております。",
    "これらの対策を講じてもなお、未知の攻撃手法により被害が生じる可能性があり、その場合には当社の業績に影響を及ぼすおそれがあります。",
]
FILLER_JA = ("当連結会計年度の売上高は前期比4.1%増の2,350億円、営業利益は同2.7%減の176億円となりました。"
             "主力の産業機械部門では海外向けの受注が堅調に推移し、国内では更新需要を取り込みました。")
ENVIRONMENT = [
    "当社は、事業活動に伴う温室効果ガスの排出量を2030年度までに2019年度比で42%削減する目標を掲げております。",
    "工場の屋根に太陽光パネルを設置し、再生可能エネルギーの比率を高めるとともに、廃棄物の再資源化率99%以上を維持しております。",
    "地域の河川清掃や植樹活動に毎年従業員が参加し、生物多様性の保全に取り組んでおります。",
]


def make_docx(path: Path, security: list[str] | None, k: int = 1, filler: int = 0, other: list[str] | None = None) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("事業の状況", level=1)
    for _ in range(filler):
        d.add_paragraph(FILLER_JA)
    if security:
        d.add_heading("情報セキュリティに関するリスク", level=1)
        for _ in range(k):
            for s in security:
                d.add_paragraph(s)
    for s in other or []:
        d.add_paragraph(s)
    d.save(str(path))
    return path


def survey_one(path: Path) -> dict:
    from disclint.survey import worker

    r = worker.process({"path": str(path), "sha256": path.name, "meta": {}}, {"lang": "ja", "timeout": 0})
    assert r["document"]["status"] == "ok", r["document"]
    return r


def scores(r: dict) -> dict:
    return {q["quality"]: q["score"] for q in r["quality"]}


@pytest.mark.slow
def test_the_same_text_repeated_k_times_gets_the_same_scores(tmp_path):
    """Length alone is neither punished nor rewarded: k copies have k times the findings and k
    times the characters."""
    runs = {k: survey_one(make_docx(tmp_path / f"k{k}.docx", SECURITY, k=k)) for k in (1, 2, 4)}
    base = scores(runs[1])
    assert set(base) == set(QUALITIES)
    assert any(0 < v < 100 for v in base.values()), base  # a score that could move
    assert runs[4]["document"]["cyber_chars"] == 4 * runs[1]["document"]["cyber_chars"] > 800
    per_quality_findings = {k: {q["quality"]: q["findings"] for q in r["quality"]} for k, r in runs.items()}
    assert sum(per_quality_findings[4].values()) > sum(per_quality_findings[1].values())  # more text, more findings ...
    for k in (2, 4):
        assert scores(runs[k]) == base, k  # ... and the same scores
        assert runs[k]["document"]["quality_score"] == runs[1]["document"]["quality_score"]


@pytest.mark.slow
def test_a_long_filing_is_scored_on_its_cyber_text_not_on_its_length(tmp_path):
    """The measured case: a short draft scored 10 while a 117-page filing with the same kind of
    cyber text scored 100, because findings were divided by all of the filing's characters."""
    draft = survey_one(make_docx(tmp_path / "draft.docx", SECURITY))
    filing = survey_one(make_docx(tmp_path / "filing.docx", SECURITY, filler=150))
    assert filing["document"]["chars"] > 20 * draft["document"]["chars"] / 2
    assert filing["document"]["cyber_chars"] == draft["document"]["cyber_chars"]
    assert scores(filing) == scores(draft)


@pytest.mark.slow
def test_a_document_without_cyber_text_gets_no_quality_score(tmp_path):
    """The measured case: an environmental page scored 95-100 for saying nothing about security."""
    r = survey_one(make_docx(tmp_path / "kankyo.docx", None, other=ENVIRONMENT))
    assert r["document"]["cyber_passages"] == 0 and r["document"]["cyber_chars"] == 0
    assert r["document"]["quality_score"] is None
    assert set(scores(r).values()) == {None}


# --------------------------------------------------------------------------- lint --peers


@pytest.mark.slow
def test_lint_with_peers_shows_the_share_of_published_reports_per_directive(tmp_path):
    import json

    peers = make_run(tmp_path / "peers", [
        result("p1", "/in/p1.pdf", ALL, company="会社甲", code="1301", industry="機械", year=2024),
        result("p2", "/in/p2.pdf", "c" * 5 + "m" * 5, company="会社乙", code="1302", industry="機械", year=2024),
        result("p3", "/in/p3.pdf", "m" * 10, company="会社丙", code="1303", industry="建設業", year=2024),
        result("p4", "/in/p4.pdf", "m" * 10, company="会社丁", code="1304", industry="機械", year=2024, cyber=0),  # no cyber text: not a peer
    ])
    draft = make_docx(tmp_path / "draft.docx", SECURITY)
    r = run_in_process_("lint", draft, "--peers", peers, "--industry", "機械", "--format", "json", "--fail-level", "none")
    assert r.returncode == 0, r.stderr
    payload = json.loads(r.stdout)
    section = payload["peers"]
    assert (section["industry"], section["n"]) == ("機械", 2)
    rows = section["files"][0]["directives"]
    assert [x["directive"] for x in rows] == list(range(1, 11))
    assert [x["peers_covered"] for x in rows] == [1.0] * 5 + [0.5] * 5
    status = {int(d): v["status"] for d, v in payload["files"][0]["coverage"]["directives"].items()}
    assert [x["status"] for x in rows] == [status[d] for d in range(1, 11)]  # the draft's own statuses
    lagging = [x["directive"] for x in rows if x["lagging"]]
    assert lagging == [d for d in range(1, 11) if status[d] != "covered"] and lagging  # every peer share >= 50 %
    text = run_in_process_("lint", draft, "--peers", peers, "--industry", "機械", "--fail-level", "none")
    assert text.returncode == 0
    assert f"同業他社との比較（機械、公表済みの報告書 n=2、{peers}）" in text.stdout
    assert text.stdout.count("← 同業他社の多くが記載") == len(lagging)
    assert "指示1  " in text.stdout and "同業他社 100% 記載あり / 0% 弱い" in text.stdout


@pytest.mark.parametrize("args, message", [
    (("--industry", "鉄鋼"), "disclint: --industry 鉄鋼 の会社がありません（ある業種: 化学, 情報・通信業, 輸送用機器, （業種不明））"),
    (("--format", "sarif"), "disclint: --peers は --format text または json で使えます（指定: sarif）"),
])
def test_lint_peers_bad_input_is_one_line(base_run, tmp_path, args, message):
    draft = tmp_path / "draft.txt"
    draft.write_text("当社は情報セキュリティ基本方針を定めております。\n", encoding="utf-8")
    r = run_in_process_("lint", draft, "--peers", base_run, *args)
    assert (r.returncode, r.stderr.strip()) == (2, message)
    r = run_in_process_("lint", draft, "--peers", tmp_path / "nowhere")
    assert r.returncode == 2 and r.stderr.strip() == f"disclint: survey の結果（survey.sqlite）がありません: {tmp_path / 'nowhere'}"


def run_in_process_(*args):
    from conftest import run_in_process

    return run_in_process(*args)


def test_a_document_with_only_the_company_name_joins_the_code_of_the_same_company(tmp_path):
    """The measured case on a filing given as PDF (name on the cover, no code) and as XBRL (DEI
    name and code): one company-year, not two companies of which one is counted twice."""
    run = make_run(tmp_path / "run", [
        result("x", "/in/filing.xbrl", "ccmmmmmmmm", company="ＴＩＳ株式会社", code="3626", industry="情報・通信業", year=2017, source="document"),
        result("p", "/in/filing.pdf", "cmcmmmmmmm", company="TIS株式会社", industry="情報・通信業", year=2017, source="document"),
        result("y", "/in/next.xbrl", "ccmmmmmmmm", company="ＴＩＳ株式会社", code="3626", industry="情報・通信業", year=2018, source="document"),
    ])
    r = cli("survey", "report", run, "-o", tmp_path / "out")
    assert r.exit_code == 0, r.output
    years = read_csv(tmp_path / "out" / "company_years.csv")
    assert [(y["証券コード"], y["年度"]) for y in years] == [("3626", "2017"), ("3626", "2018")]
    assert [years[0][f"指示{d}"] for d in (1, 2, 3)] == ["記載あり", "記載あり", "記載あり"]  # merged: covered in either
    assert read_csv(tmp_path / "out" / "trend.csv")[0]["社数"] == "1"


def test_compare_of_many_companies_draws_five_and_says_which_were_left_out(tmp_path):
    run = make_run(tmp_path / "run", [result(f"k{i}", f"/in/{i}.pdf", ALL, company=f"会社{i}", code=str(1300 + i), industry="機械", year=2024)
                                      for i in range(8)])
    r = cli("survey", "report", run, "-o", tmp_path / "out", "--compare", ",".join(str(1300 + i) for i in range(8)))
    assert r.exit_code == 0
    assert "disclint: --compare のレーダーチャートは最初の 5 社までです（含めなかった会社: 1305, 1306, 1307）" in r.output
