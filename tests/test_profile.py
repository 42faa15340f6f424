"""Company profile: schema, validation messages, the init form, formatting of facts."""

import datetime as dt
import re

import pytest
import yaml

from disclint.draft.formats import (
    f_join,
    f_num,
    f_pct,
    fiscal_label,
    format_date,
    format_number,
    join_ja,
    placeholder,
    wareki_year,
)
from disclint.draft.profile import (
    MAX_LABEL,
    SCHEMA,
    Date,
    Fact,
    Field,
    ProfileError,
    Section,
    Table,
    empty_profile,
    init_text,
    load_profile,
    parse_date,
    validate,
)
from disclint.resources import data_dir

EXAMPLE = data_dir("templates") / "profiles" / "example-complete.yml"
PLACEHOLDER_RULE = re.compile(r"【\s*(要|未)(記入|確認|記載|修正|更新|入力)[^】]{0,20}】")  # rules/truthfulness/placeholder.yml


def leaves(section=SCHEMA, prefix=""):
    for key, spec in section.fields.items():
        if isinstance(spec, Section):
            yield from leaves(spec, prefix + key + ".")
        elif isinstance(spec, Table):
            yield prefix + key, spec
            yield from leaves(spec.row, prefix + key + "[].")
        else:
            yield prefix + key, spec


def messages(data, lang="ja"):
    _, errors = validate(data, "p.yml")
    return [e.message(lang) for e in errors]


# ----------------------------------------------------------------------------- schema
def test_every_label_fits_the_placeholder_rule():
    for path, spec in leaves():
        assert len(spec.label) <= MAX_LABEL, path
        assert PLACEHOLDER_RULE.fullmatch(placeholder(spec.label)), path


def test_schema_covers_the_brief():
    paths = {p for p, _ in leaves()}
    for needed in (
        "company.name", "fiscal_year.start", "fiscal_year.calendar", "company.industry", "company.size",
        "governance.ciso_title", "governance.committee", "governance.reports_to", "governance.reporting_frequency",
        "governance.board_oversight", "policy.iso27001_scope", "policy.frameworks", "policy.meti_guideline",
        "resources.budget_share_pct", "resources.security_staff", "resources.training_completion_pct", "resources.phishing_drills",
        "risk_assessment.asset_inventory", "risk_assessment.assessment_frequency", "risk_assessment.plan_name",
        "protections.edr", "protections.soc_operator", "protections.mfa", "pdca.internal_audit", "pdca.external_assessment",
        "pdca.kpis", "incident_response.csirt_name", "incident_response.drills_per_year", "incident_response.jpcert_contact",
        "bcp.backup", "bcp.rto_hours", "supply_chain.contractor_assessment", "supply_chain.security_action",
        "information_sharing.isac",
    ):
        assert needed in paths, needed


# ----------------------------------------------------------------------------- validation
def test_example_profile_is_valid_and_complete():
    profile = load_profile(EXAMPLE)
    missing = []
    for path, spec in leaves():
        if "[]" in path or path == "plans":  # every measure is in place: nothing is planned
            continue
        value = profile.get(path)
        if value is None:
            missing.append(path)
    assert not missing, missing
    assert profile.company_name == "株式会社あさぎ電工"


def test_empty_profile_has_every_key_as_none():
    p = empty_profile()
    for path, spec in leaves():
        if "[]" not in path:
            assert p.get(path) is None, path


def test_unknown_key_with_did_you_mean_and_path():
    assert messages({"governance": {"cisco_title": "部長"}}) == ["不明な項目 'governance.cisco_title' です（'governance.ciso_title' のことですか？）"]
    assert messages({"polcy": {}}) == ["不明な項目 'polcy' です（'policy' のことですか？）"]
    # a key in the wrong section points to where it belongs
    assert "'governance.ciso_title'" in messages({"company": {"ciso_title": "x"}})[0]
    en = messages({"governance": {"cisco_title": "x"}}, "en")
    assert en == ["unknown key 'governance.cisco_title' (did you mean 'governance.ciso_title'?)"]


def test_unknown_key_without_a_close_match():
    (msg,) = messages({"zzz_qqq_xxx": 1})
    assert "'zzz_qqq_xxx'" in msg and "のことですか" not in msg


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"resources": {"security_staff": "十名"}}, "'resources.security_staff' は整数で書いてください（値: \"十名\"）"),
        ({"resources": {"security_staff": True}}, "'resources.security_staff' は整数で書いてください（値: true）"),
        ({"resources": {"security_staff": 2.5}}, "'resources.security_staff' は整数で書いてください（値: 2.5）"),
        ({"resources": {"security_staff": -1}}, "'resources.security_staff' は整数で書いてください（値: -1）"),
        ({"resources": {"budget_share_pct": "10%"}}, "'resources.budget_share_pct' は数値で書いてください（値: \"10%\"）"),
        ({"protections": {"edr": "はい"}}, "'protections.edr' はtrue / falseで書いてください（値: \"はい\"）"),
        ({"fiscal_year": {"start": "2024年4月"}}, "'fiscal_year.start' は日付（YYYY-MM-DD）で書いてください（値: \"2024年4月\"）"),
        ({"fiscal_year": {"calendar": "heisei"}}, "'fiscal_year.calendar' は seireki / wareki のいずれかです（値: \"heisei\"）"),
        ({"policy": {"frameworks": [1, 2]}}, "'policy.frameworks' は文字列のリストで書いてください（値: [1, 2]）"),
        ({"governance": "取締役会"}, "'governance' は項目の集まり（key: value）で書いてください（値: \"取締役会\"）"),
        ({"pdca": {"kpis": [{"name": "x", "value": "多い"}]}}, "'pdca.kpis[0].value' は数値で書いてください（値: \"多い\"）"),
    ],
)
def test_wrong_types_name_the_key_path(data, expected):
    assert messages(data) == [expected]


def test_english_type_messages():
    assert messages({"resources": {"security_staff": "x"}}, "en") == ["'resources.security_staff' must be an integer (got \"x\")"]


def test_several_errors_are_all_reported():
    assert len(messages({"governance": {"cisco_title": 1, "committee_meetings": "x"}, "polcy": 1})) == 3


def test_lenient_where_harmless():
    p, errors = validate({
        "company": {"name": 123, "group": None},
        "policy": {"frameworks": "NIST CSF 2.0", "established": "2021-04"},
        "fiscal_year": {"start": dt.date(2024, 4, 1), "end": "2025/3/31"},
        "resources": {"security_staff": ""},
    })
    assert errors == []
    assert p.get("company.name") == "123"
    assert p.get("policy.frameworks") == ["NIST CSF 2.0"]
    assert p.get("policy.established") == Date(2021, 4)
    assert p.get("fiscal_year.end") == Date(2025, 3, 31)
    assert p.get("resources.security_staff") is None


def test_not_a_mapping(tmp_path):
    f = tmp_path / "p.yml"
    f.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profile(f)
    assert exc.value.code == "profile.not_mapping"


def test_yaml_syntax_error_is_one_line(tmp_path):
    f = tmp_path / "p.yml"
    f.write_text("company:\n  name: [\n", encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profile(f)
    msg = exc.value.message("ja")
    assert exc.value.code == "profile.syntax" and "\n" not in msg and "line" in msg


def test_missing_file(tmp_path):
    with pytest.raises(ProfileError) as exc:
        load_profile(tmp_path / "none.yml")
    assert exc.value.code == "profile.not_found"


def test_empty_file_is_an_empty_profile(tmp_path):
    f = tmp_path / "p.yml"
    f.write_text("# nothing yet\n", encoding="utf-8")
    assert load_profile(f).get("company.name") is None


def test_parse_date():
    assert parse_date("2024-04-01") == Date(2024, 4, 1)
    assert parse_date("2024-04") == Date(2024, 4)
    assert parse_date(2021) == Date(2021)
    assert parse_date("2024-02-30") is None
    assert parse_date(True) is None


# ----------------------------------------------------------------------------- init form
def test_init_text_is_the_schema_with_empty_values():
    text = init_text()
    data = yaml.safe_load(text)
    profile, errors = validate(data)
    assert errors == []
    assert profile.data == empty_profile().data
    for path, spec in leaves():
        if "[]" in path:
            continue
        key = path.rsplit(".", 1)[-1]
        assert re.search(rf"^\s*{re.escape(key)}:\s*$", text, re.M), path
    # Japanese comments with examples
    assert "# 会社の正式名称　例: 株式会社あさぎ電工" in text
    assert "disclint lint" in text


def test_example_file_matches_the_schema_examples_in_shape():
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert set(data) == set(SCHEMA.fields)


# ----------------------------------------------------------------------------- formatting
def test_numbers():
    assert format_number(1234) == "1,234"
    assert format_number(12.5) == "12.5"
    assert format_number(12.0) == "12"
    assert format_number(1234567.25) == "1,234,567.25"
    assert f_num(Fact(1234, "件数", "int", "x"), "件") == "1,234件"
    assert f_pct(Fact(12.5, "率", "number", "x")) == "12.5%"
    assert f_num(Fact(None, "標的型メール訓練の実施回数", "int", "x"), "回") == "【要記入: 標的型メール訓練の実施回数】"


def test_zero_is_a_fact_not_a_placeholder():
    f = Fact(0, "件数", "int", "x")
    assert f.known and not f
    assert f_num(f, "件") == "0件"


def test_lists_and_placeholders():
    assert join_ja(["A"]) == "A"
    assert join_ja(["A", "B"]) == "A及びB"
    assert join_ja(["A", "B", "C"]) == "A、B及びC"
    assert f_join(Fact(None, "加盟しているISAC", "list", "x")) == "【要記入: 加盟しているISAC】"
    assert str(Fact(None, "CSIRTの名称", "str", "x")) == "【要記入: CSIRTの名称】"


@pytest.mark.parametrize(
    "date, seireki, wareki",
    [
        (Date(2024, 4, 1), "2024年4月1日", "令和6年4月1日"),
        (Date(2019, 5, 1), "2019年5月1日", "令和元年5月1日"),
        (Date(2019, 4, 30), "2019年4月30日", "平成31年4月30日"),
        (Date(2019), "2019年", "令和元年"),
        (Date(1989, 1, 7), "1989年1月7日", "昭和64年1月7日"),
        (Date(2016, 10), "2016年10月", "平成28年10月"),
    ],
)
def test_dates(date, seireki, wareki):
    assert format_date(date, "seireki") == seireki
    assert format_date(date, "wareki") == wareki


def test_fiscal_labels():
    assert fiscal_label(Date(2024, 4, 1), Date(2025, 3, 31)) == "2024年度"
    assert fiscal_label(Date(2024, 4, 1), Date(2025, 3, 31), "wareki") == "令和6年度"
    assert fiscal_label(Date(2024, 1, 1), Date(2024, 12, 31)) == "2024年12月期"
    assert fiscal_label(None, None) is None
    assert wareki_year(Date(2025)) == "令和7年"


def test_field_rejects_long_labels():
    with pytest.raises(AssertionError):
        Field("str", "あ" * (MAX_LABEL + 1), "comment")


def test_every_key_is_documented():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "drafting.md").read_text(encoding="utf-8")
    for path, spec in leaves():
        if "[]" in path:
            continue
        assert f"`{path}`" in text, path
