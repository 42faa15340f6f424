"""lint on real formats (python-docx, the bundled sample), as a user sees it."""

import json
from pathlib import Path

import docx
import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "sample_draft.docx"


def make_docx(path, paragraphs, heading=None):
    d = docx.Document()
    if heading:
        d.add_heading(heading, level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    return path


@pytest.fixture(scope="module")
def sample_json():
    from conftest import run_in_process

    r = run_in_process("lint", "--format", "json", SAMPLE)
    assert r.returncode == 1, r.stderr  # the sample has placeholders (errors)
    return json.loads(r.stdout)


def _by_rule(payload, rule):
    return [f for f in payload["files"][0]["findings"] if f["rule"] == rule]


def test_sample_planted_problems_are_found(sample_json):
    excerpts = lambda rule: [f["excerpt"] for f in _by_rule(sample_json, rule)]  # noqa: E731
    assert "万全" in excerpts("truthfulness.absolute-claim")
    assert "完全に防止" in excerpts("truthfulness.absolute-claim")
    assert not any("困難" in f["message"] or f["excerpt"].startswith("完全に防ぐ") for f in _by_rule(sample_json, "truthfulness.absolute-claim"))
    assert set(excerpts("truthfulness.placeholder")) == {"【要記入】", "●●"}
    assert set(excerpts("understandability.unexplained-acronym")) == {"EDR", "SOC"}
    # on by default again since round 7 of the blind judging (issue 16): the planted 215-character sentence
    assert any("215 字" in f["message"] for f in _by_rule(sample_json, "understandability.sentence-length"))
    assert "4.3%" in excerpts("comparability.number-without-period")
    (mix,) = _by_rule(sample_json, "understandability.mixed-style")
    assert mix["excerpt"].endswith("監視を行っております。") and "事業等のリスク" in " ".join(mix["location"]["section"])
    assert excerpts("timeliness.superseded-guideline") == ["経営ガイドライン Ver2.0"]


def test_sample_findings_carry_exact_offsets(sample_json):
    from disclint.readers import Limits
    from disclint.readers.docx import read_docx

    doc = read_docx(SAMPLE, Limits())
    for f in sample_json["files"][0]["findings"]:
        if "start" in f:
            assert doc.blocks[f["block_index"]].text[f["start"]:f["end"]] == f["excerpt"]
            assert f["location"]["paragraph"] == doc.blocks[f["block_index"]].location.paragraph


def test_sample_coverage_in_json(sample_json, run_cli):
    cov = sample_json["files"][0]["coverage"]["directives"]
    assert set(cov) == {str(d) for d in range(1, 11)}
    assert {c["status"] for c in cov.values()} <= {"covered", "weak", "missing"}
    assert not _by_rule(sample_json, "relevance.directive-missing")  # off by default (issue 16)
    selected = json.loads(run_cli("lint", "--format", "json", "--select", "relevance.directive-missing", SAMPLE).stdout)
    missing = {f["data"]["directive"] for f in _by_rule(selected, "relevance.directive-missing")}
    assert missing == {int(d) for d, c in cov.items() if c["status"] == "missing"} and missing


def test_text_report_groups_by_location_with_coverage(run_cli):
    r = run_cli("lint", SAMPLE)
    assert r.returncode == 1
    out = r.stdout
    assert "¶26  § 第２【事業の状況】 > ２【サステナビリティに関する考え方及び取組】 > (3) 戦略" in out
    assert "警告: 「万全」は断定的すぎる表現です" in out
    assert "網羅状況（サイバーセキュリティ経営ガイドライン Ver3.0 指示1〜10）" in out
    assert "ファイル、指摘" in out


def test_english_report(run_cli):
    r = run_cli("--lang", "en", "lint", SAMPLE, "--select", "truthfulness.placeholder")
    assert 'error: leftover placeholder "【要記入】"  [truthfulness.placeholder]' in r.stdout
    assert "Coverage (Cyber Security Management Guidelines Ver3.0" in r.stdout


def test_docx_made_with_python_docx_and_fail_level(run_cli, tmp_path):
    p = make_docx(tmp_path / "d.docx", ["当社は、不正アクセスを防ぐため、全PCにウイルス対策ソフトを導入しており、万全の体制です。"], "情報セキュリティ")
    r = run_cli("lint", p, "--select", "truthfulness")
    assert r.returncode == 0, r.stdout  # only a warning; default fail level is error
    assert "「万全」" in r.stdout
    r = run_cli("lint", p, "--select", "truthfulness", "--fail-level", "warning")
    assert r.returncode == 1
    good = make_docx(tmp_path / "g.docx", ["当社は、不正アクセスを防ぐため、全PCにウイルス対策ソフトを導入しております。ただし、被害を完全に防ぐことは困難です。"], "情報セキュリティ")
    r = run_cli("lint", good, "--select", "truthfulness.absolute-claim", "--fail-level", "info")
    assert r.returncode == 0 and "指摘 0 件" in r.stdout


def test_scope_keeps_non_cyber_text_quiet(run_cli, tmp_path):
    # a long sentence about exchange rates is not a cybersecurity passage: the sentence-length rule stays quiet
    long = "当社グループは、当連結会計年度において売上高の約45%を北米、欧州及びアジアの顧客に対する輸出及び海外子会社による販売が占めており、為替相場が想定を超えて円高方向に変動した場合には、円換算後の売上高及び利益が減少する可能性がある。"
    p = make_docx(tmp_path / "fx.docx", [long], "為替相場の変動について")
    r = run_cli("lint", p, "--select", "understandability.sentence-length,understandability.max-ten")
    assert "指摘 0 件" in r.stdout, r.stdout


def test_output_file_never_overwrites_input(run_cli, tmp_path):
    p = make_docx(tmp_path / "d.docx", ["情報セキュリティ研修の受講率は●●%でした。"])
    before = p.read_bytes()
    r = run_cli("lint", p, "-o", p)
    assert r.returncode == 2 and "出力先が入力ファイルと同じです" in r.stderr
    assert p.read_bytes() == before
    out = tmp_path / "report.sarif"
    r = run_cli("lint", p, "--format", "sarif", "-o", out)
    assert r.returncode == 1 and out.exists() and json.loads(out.read_text())["version"] == "2.1.0"
    r = run_cli("lint", p, "-o", out)
    assert r.returncode == 2 and "--force" in r.stderr


def test_github_annotations(run_cli, tmp_path):
    p = make_docx(tmp_path / "d.docx", ["情報セキュリティ研修の受講率は●●%でした。"])
    r = run_cli("lint", p, "--format", "github", "--select", "truthfulness.placeholder")
    (line,) = [x for x in r.stdout.splitlines() if x.startswith("::")]
    # a docx paragraph is no line (issue 20): file + a title that says where
    assert line.startswith(f"::error file={p},title=truthfulness.placeholder (¶1)::")
    assert "●●" in line


