"""``disclint draft --assessment FORM``: the self-assessment decides which measures a draft states
and how (level 3-4 in place, level 2 being put in place, level 0-1 not at all), the profile gives
the facts. The forms are written by ``assess init`` and filled with openpyxl as in test_assess."""

from __future__ import annotations

import re

import pytest
from conftest import run_in_process
from test_assess import fill, one_error_line

from disclint.assess.answers import Assessment
from disclint.assess.questionnaire import load_questionnaire
from disclint.draft import DOC_TYPES, empty_profile, load_profile, render_draft, validate
from disclint.draft.assessed import assessed_states, conflicts, load_mapping, parse_mapping
from disclint.draft.schema import MEASURES
from disclint.draft.writer import to_markdown, write_docx
from disclint.model.errors import ConfigError
from disclint.resources import data_dir

Q = load_questionnaire()
EXAMPLE = data_dir("templates") / "profiles" / "example-complete.yml"

#: the test company: in place (3) almost everywhere; its CISO is being appointed (2-1 at 2), its
#: backups are ad hoc (8-2 at 1) and it does nothing yet about its supply chain (directive 9 at 0-1)
LEVELS = {"2-1": 2, "8-2": 1, "9-1": 1, "9-2": 0, "9-3": 1, "9-4": 0}


def level_of(item):
    return LEVELS.get(item.id, 3)


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    root = tmp_path_factory.mktemp("assessed")
    form = root / "様式.xlsx"
    assert run_in_process("assess", "init", "-o", form).returncode == 0
    return fill(form, root / "自己評価.xlsx", "株式会社あさぎ電工", "2025-06-30", level_of)


@pytest.fixture(scope="module")
def complete():
    return load_profile(EXAMPLE)


def assessment(levels: dict[str, int], default: int = 3) -> Assessment:
    return Assessment("a.xlsx", "", "", "", "ja", {i.id: levels.get(i.id, default) for i in Q.items})


# ----------------------------------------------------------------------------- the mapping


def test_every_measure_is_decided_by_one_existing_item():
    mapping = load_mapping()
    assert set(mapping.items) == {m.name for m in MEASURES}
    assert set(mapping.items.values()) <= set(Q.by_id())
    assert mapping.recognition == "1-1"
    with pytest.raises(ConfigError, match="measures not mapped: ciso"):
        parse_mapping({"recognition": "1-1", "measures": {k: v for k, v in mapping.items.items() if k != "ciso"}}, "x.yml")
    with pytest.raises(ConfigError, match="unknown item '99-1'"):
        parse_mapping({"recognition": "1-1", "measures": {**mapping.items, "ciso": "99-1"}}, "x.yml")


# ----------------------------------------------------------------------------- the command


def test_levels_decide_what_the_draft_says(run_cli, filled, tmp_path):
    out = tmp_path / "draft.md"
    proc = run_cli("draft", "--doc-type", "security-report", "--profile", EXAMPLE, "--assessment", filled, "-o", out)
    assert proc.returncode == 0, proc.stderr
    md = out.read_text(encoding="utf-8")
    # level 3 (7-1): the CSIRT is in place, with the profile's facts
    assert "当社グループのCSIRT（Computer Security Incident Response Team：インシデント対応チーム）である「ASAGI-CSIRT」を設置しています" in md
    # level 2 (2-1): the CISO is being appointed, not appointed
    assert "当社グループは、CISO（Chief Information Security Officer：最高情報セキュリティ責任者）の任命に向けて整備を進めています。" in md
    assert "に任命し" not in md
    # level 1 (8-2): no word of the backups, not even a plan
    assert "のバックアップを取得" not in md and "バックアップの取得" not in md
    assert "バックアップからの復旧訓練は、2024年度に1回実施しました。" in md  # 8-4 is at level 3
    # directive 9 (all items at 0-1): no section, no claim
    assert "サプライチェーンとグループ会社" not in md and "## ９．情報の収集・共有と開示" in md
    assert "SECURITY ACTION" not in md and "委託先のセキュリティ対策の状況" not in md and "要求事項" not in md
    assert "指示 1, 2, 3, 4, 5, 6, 7, 8, 10" in proc.stderr
    lines = proc.stderr.splitlines()
    assert f"disclint: {filled}: 指示 9 は自己評価の 4 項目がすべて段階1以下のため、下書きしません（実施していない取組は書きません）" in lines
    # the profile says both are in place: the assessment wins, and says so
    assert f"disclint: {filled}: 対策「CISOの任命」: プロファイルは「実施」、自己評価は項目 2-1 が段階 2（整備中）です。自己評価に従います" in lines
    assert f"disclint: {filled}: 対策「重要なデータのバックアップの取得」: プロファイルは「実施」、自己評価は項目 8-2 が段階 1（未実施）です。自己評価に従います" in lines
    assert not any("9-" in line and "対策「" in line for line in lines), "no disagreement is reported for a directive not drafted"
    assert any(re.fullmatch(rf"disclint: {re.escape(str(filled))}: 自己評価から対策の状態を決めました（実施している文 \d+ 件、整備を進めている文 1 件、書かない対策 \d+ 件）", line) for line in lines)


def test_in_english(run_cli, filled):
    proc = run_cli("--lang", "en", "draft", "--doc-type", "integrated", "--profile", EXAMPLE, "--assessment", filled)
    assert proc.returncode == 0, proc.stderr
    assert "CISO（Chief Information Security Officer：最高情報セキュリティ責任者）の任命に向けて整備を進めています。" in proc.stdout
    assert "「ASAGI-CSIRT」を設置しています" in proc.stdout and "バックアップを取得" not in proc.stdout
    assert f"disclint: {filled}: directives 9: all four items of the self-assessment are at level 1 or below, so nothing is drafted for them" in proc.stderr
    assert "measure 'ciso': the profile says 'in place', the self-assessment puts item 2-1 at level 2 (being put in place); the self-assessment wins" in proc.stderr
    assert "measure 'backup': the profile says 'in place', the self-assessment puts item 8-2 at level 1 (not in place)" in proc.stderr


def test_the_yaml_form_gives_the_same_draft(run_cli, filled, tmp_path):
    path = tmp_path / "自己評価.yml"
    assert run_cli("assess", "init", "--format", "yml", "-o", path).returncode == 0
    text = path.read_text(encoding="utf-8")
    for item in Q.items:  # each item's "level:" line follows its id key
        text = re.sub(rf'(  "{item.id}":\n(?:    #.*\n)*    item: .*\n)    level:        # 0-4', rf"\g<1>    level: {level_of(item)}", text)
    path.write_text(text, encoding="utf-8")
    from_yaml = run_cli("draft", "--doc-type", "cg", "--profile", EXAMPLE, "--assessment", path)
    from_xlsx = run_cli("draft", "--doc-type", "cg", "--profile", EXAMPLE, "--assessment", filled)
    assert from_yaml.returncode == from_xlsx.returncode == 0, from_yaml.stderr
    assert from_yaml.stdout == from_xlsx.stdout
    assert "の任命に向けて整備を進めております。" in from_yaml.stdout


def test_a_bad_form_is_one_line_and_nothing_is_written(run_cli, filled, tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(filled)
    wb["回答"]["E12"] = 7
    wb.save(tmp_path / "bad.xlsx")
    out = tmp_path / "draft.md"
    line = one_error_line(run_cli("draft", "--doc-type", "csr", "--assessment", tmp_path / "bad.xlsx", "-o", out))
    assert line == f"disclint: {tmp_path / 'bad.xlsx'}: シート「回答」のセル E12: 項目 2-1 の回答「7」は 0〜4 の整数ではありません"
    assert not out.exists()
    (tmp_path / "not.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    line = one_error_line(run_cli("--lang", "en", "draft", "--doc-type", "csr", "--assessment", tmp_path / "not.xlsx"))
    assert line.startswith(f"disclint: {tmp_path / 'not.xlsx'}: ") and "Excel" in line
    link = tmp_path / "same.md"  # the form itself under another name: never written over
    link.symlink_to(filled)
    line = one_error_line(run_cli("draft", "--doc-type", "csr", "--assessment", filled, "-o", link, "--force"))
    assert "出力先が入力ファイルと同じです" in line


def test_nothing_to_draft_when_every_chosen_directive_is_at_level_1_or_below(run_cli, filled):
    proc = run_cli("draft", "--doc-type", "csr", "--assessment", filled, "--directives", "9")
    assert proc.returncode == 0 and proc.stdout == ""
    assert "下書きする指示がありません" in proc.stderr


# ----------------------------------------------------------------------------- what is never claimed


def test_secondary_measures_are_never_claimed_by_the_assessment_alone():
    """Level 4 everywhere, no profile: only the measures the items ask about are stated (with
    placeholders for their facts); ISO 27001, insurance, memberships need the profile."""
    md = to_markdown(render_draft(empty_profile(), "security-report", assessed=assessed_states(assessment({}, 4))))
    assert "【要記入: CISOの役職】をCISO" in md and "【要記入: CSIRTの名称】を設置しています" in md
    for never in ("27001", "サイバー保険", "シーサート協議会", "SECURITY ACTION", "侵入テスト", "可視化ツール", "制御システムも"):
        assert never not in md, never


def test_a_secondary_measure_is_held_back_by_its_item(complete):
    md = to_markdown(render_draft(complete, "integrated", assessed=assessed_states(assessment({"4-3": 1, "10-2": 2}))))
    assert "サイバー保険" not in md  # 4-3 at level 1: the profile's insurance is not stated
    assert "ICT-ISACに加盟し" not in md and "日本シーサート協議会に加盟し" not in md  # 10-2 at level 2
    assert ("当社グループは、次の取組に向けて整備を進めています。\n\n"
            "- ISAC（Information Sharing and Analysis Center：業界ごとの情報共有組織）への加盟\n- 日本シーサート協議会への加盟") in md


def test_risk_recognition_follows_item_1_1():
    for level, said in ((0, False), (1, False), (2, True)):
        md = to_markdown(render_draft(empty_profile(), "csr", assessed=assessed_states(assessment({"1-1": level}))))
        assert ("経営上の重要なリスクの一つと認識しています" in md) is said, level


def test_a_dated_plan_of_the_profile_words_a_level_2_measure():
    raw = {"bcp": {"it_bcp": "なし"}, "protections": {"edr": "なし"},
           "plans": [{"measure": "it_bcp", "by": "2026-03"}, {"measure": "edr", "by": "2026-09"}]}
    profile, errors = validate(raw)
    assert errors == []
    md = to_markdown(render_draft(profile, "csr", [5, 8], assessed=assessed_states(assessment({"8-1": 2, "5-2": 2}))))
    assert "当社は、2026年3月までにサイバー攻撃を想定した事業継続計画の策定を行う予定です。" in md
    assert "当社は、2026年9月までにEDR（Endpoint Detection and Response：端末の不審な挙動を検知し対応する仕組み）の導入を行う予定です。" in md
    md = to_markdown(render_draft(profile, "csr", [8], assessed=assessed_states(assessment({"8-1": 1}))))
    assert "事業継続計画" not in md  # level 1: not even the plan
    assert [c.measure for c in conflicts(profile, assessed_states(assessment({"8-1": 1})), [8])] == ["it_bcp"]


def test_without_an_assessment_a_secondary_measure_s_plan_is_now_stated_too():
    profile, errors = validate({"bcp": {"cyber_insurance": False}, "plans": [{"measure": "cyber_insurance", "by": "2025-10"}]})
    assert errors == []
    assert "2025年10月までにサイバー保険への加入を行う予定です。" in to_markdown(render_draft(profile, "csr", [8]))


# ----------------------------------------------------------------------------- lint


def _problems(path):
    from disclint.lint import lint_document
    from disclint.readers import read

    return [(f.level.value, f.rule, f.excerpt) for f in lint_document(read(str(path))) if f.level.value in ("error", "warning")]


MIXED = {"2-1": 2, "3-3": 2, "5-2": 2, "6-1": 2, "7-1": 1, "8-2": 2, "10-2": 2, "9-1": 1, "9-2": 1, "9-3": 0, "9-4": 1}


@pytest.mark.parametrize("doc_type", list(DOC_TYPES))
def test_an_assessed_draft_lints_clean(complete, doc_type, tmp_path):
    """The complete profile with a mixed assessment (operating, being put in place, not done, a
    silent directive): 0 errors and 0 warnings, as for the profile alone (test_draft)."""
    assessed = assessed_states(assessment(MIXED))
    for variant in range(2):
        draft = render_draft(complete, doc_type, variant=variant, assessed=assessed)
        assert 9 not in draft.directives and "整備を進めて" in draft.text()
        assert _problems(write_docx(draft, tmp_path / f"d{variant}.docx")) == [], variant


@pytest.mark.parametrize("doc_type", ["yuho-risk", "security-report"])
def test_without_a_profile_only_placeholders_are_errors(doc_type, tmp_path):
    """Everything in place but no facts: every fact is a placeholder the linter finds (a measure in
    place without its details never leaves a broken sentence such as 「…については、と定めている」)."""
    from disclint.lint import lint_document
    from disclint.readers import read

    draft = render_draft(empty_profile(), doc_type, assessed=assessed_states(assessment({}, 3)))
    errors = [f for f in lint_document(read(str(write_docx(draft, tmp_path / "d.docx")))) if f.level.value == "error"]
    assert {f.rule for f in errors} <= {"truthfulness.placeholder", "truthfulness.unconfirmed-placeholder"}
    assert sorted(f.excerpt for f in errors) == sorted(draft.placeholders() + draft.questions())
    assert "【要記入: 目標復旧時間】と定め" in draft.text()
    assert ("【要記入: 指標の名称】" in draft.text()) is (doc_type != "yuho-risk")  # a risk item lists no KPI
    assert not re.search(r"[、は]と定め|、。", draft.text())
