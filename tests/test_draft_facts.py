"""Issue 17: a draft states only the measures the profile declares.

Every measure of the profile schema (``disclint.draft.profile.MEASURES``) is yes / no / unknown:
yes → its sentence; no → nothing (or the planned-measure sentence); unknown → the question
【要確認: …】, which lint reports as an error. These tests enumerate every drafted sentence of
every document type against the schema.
"""

import copy
import re

import pytest
import yaml

from disclint.draft import DOC_TYPES, empty_profile, load_profile, render_draft, validate
from disclint.draft.profile import MEASURES, measure_state
from disclint.draft.render import GLOSSARY, QUESTION_RE
from disclint.draft.writer import to_markdown, write_docx
from disclint.resources import data_dir

EXAMPLE = data_dir("templates") / "profiles" / "example-complete.yml"
TYPES = list(DOC_TYPES)
RAW = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
#: sentences that describe a risk, not a measure (事業等のリスク) and planned measures
NOT_AN_ASSERTION = re.compile(r"(おそれ|可能性)が(ある|あります)。?$|予定(である|です|であります)。?$")


def sentences(draft):
    """Every sentence a reader sees: paragraphs split at 。, bullets, table cells; questions removed."""
    out = []
    for b in draft.blocks:
        if b.kind == "heading":
            continue
        texts = [c for row in b.rows for c in row] if b.kind == "table" else [b.text]
        for t in texts:
            t = QUESTION_RE.sub("", t)
            out += [s + "。" if not s.endswith("。") else s for s in re.split(r"(?<=。)", t) if s.strip()]
    return out


def assertions(draft):
    return [s for s in sentences(draft) if not NOT_AN_ASSERTION.search(s)]


def with_measure(raw, measure, value):
    """The profile ``raw`` with every key of ``measure`` set to ``value`` (None: unknown)."""
    raw = copy.deepcopy(raw)
    for key in measure.keys:
        section, name = key.split(".")
        raw.setdefault(section, {})[name] = value
    return raw


def without_kpis_on(raw, measure):
    """KPI rows are facts of their own: a profile that says a measure is not in place has no KPI on it."""
    rows = raw.get("pdca", {}).get("kpis")
    if isinstance(rows, list) and measure.says != "(?!)":
        raw["pdca"]["kpis"] = [r for r in rows if not re.search(measure.says, str(r.get("name", "")))] or None
    return raw


def profile_of(raw):
    profile, errors = validate(raw)
    assert errors == []
    return profile


def _strings(value):
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) else []


# ----------------------------------------------------------------------------- the measured cases
def test_ciso_none_and_bcp_false_state_nothing_about_them(run_cli, tmp_path):
    prof = tmp_path / "p.yml"
    prof.write_text("company:\n  name: 株式会社テスト\ngovernance:\n  ciso_title: なし\nbcp:\n  it_bcp: false\n", encoding="utf-8")
    r = run_cli("draft", "--doc-type", "yuho-risk", "--profile", str(prof), "--directives", "2,3,8")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "なしを" not in out and "CISO" not in out.replace("【要確認", "")
    body = QUESTION_RE.sub("", out)
    for claim in ("研修を実施", "訓練は", "訓練を", "バックアップを取得", "事業継続計画（IT-BCP）を策定", "復旧訓練"):
        assert claim not in body, claim
    # what is unknown is asked, visibly
    for q in ("【要確認: 全従業員向け研修の有無】", "【要確認: 標的型メール訓練の有無】", "【要確認: バックアップの有無と方式】"):
        assert q in out
    # the value なし is understood as "no", with one warning line naming the key path
    warn = [ln for ln in r.stderr.splitlines() if "governance.ciso_title" in ln]
    assert len(warn) == 1 and "なし" in warn[0]
    assert "bcp.it_bcp" not in r.stderr  # false is the ordinary way to say no


def test_init_form_drafts_no_measure(run_cli, tmp_path):
    form = tmp_path / "p.yml"
    assert run_cli("init", "-o", str(form)).returncode == 0
    for doc_type in TYPES:
        r = run_cli("draft", "--doc-type", doc_type, "--profile", str(form))
        assert r.returncode == 0, r.stderr
        text = QUESTION_RE.sub("", "\n".join(ln for ln in r.stdout.splitlines() if not ln.startswith("#")))
        for m in MEASURES:
            hits = [s for s in re.split(r"(?<=。)", text) if re.search(m.says, s) and not NOT_AN_ASSERTION.search(s.strip())]
            assert hits == [], (doc_type, m.name, hits)
        assert "【要確認:" in r.stdout


@pytest.mark.parametrize("words", ["なし", "無し", "未定", "該当なし", "-", False])
def test_no_words_are_understood_as_no_with_a_warning(words):
    profile, errors = validate({"resources": {"phishing_drills": words}, "governance": {"committee": words}})
    assert errors == []
    assert profile.state("phishing") == "no" and profile.state("committee") == "no"
    lines = [w.message("ja") for w in profile.warnings]
    assert len(lines) == 2 and all("\n" not in ln for ln in lines)
    assert any("'resources.phishing_drills'" in ln for ln in lines) and any("'governance.committee'" in ln for ln in lines)
    assert any("taken as 'no'" in w.message("en") for w in profile.warnings)


def test_a_no_word_outside_a_measure_stays_a_type_error():
    _, errors = validate({"company": {"employees": "なし"}})
    assert [e.message("ja") for e in errors] == ["'company.employees' は整数で書いてください（値: \"なし\"）"]


def test_zero_drills_is_no_and_zero_incidents_is_a_fact():
    raw = copy.deepcopy(RAW)
    raw["resources"]["phishing_drills"] = 0
    profile = profile_of(raw)
    assert profile.state("phishing") == "no"
    assert "標的型メール訓練は" not in to_markdown(render_draft(profile, "integrated", [3]))


# ----------------------------------------------------------------------------- every sentence against the schema
@pytest.mark.parametrize("state", ["no", "unknown"])
@pytest.mark.parametrize("measure", MEASURES, ids=lambda m: m.name)
def test_no_sentence_asserts_a_measure_that_is_no_or_unknown(measure, state):
    profile = profile_of(without_kpis_on(with_measure(RAW, measure, "なし" if state == "no" else None), measure))
    assert measure_state(measure, profile.data) == state
    # the measure's own values (names, frequencies …) must not be printed either
    values = [v for k in measure.keys for v in _strings(RAW[k.split(".")[0]][k.split(".")[1]])]
    others = " ".join(str(v) for s, d in RAW.items() if isinstance(d, dict) for k, v in d.items() if f"{s}.{k}" not in measure.keys)
    values = [v for v in values if len(v) >= 4 and v not in others and v not in GLOSSARY]
    for doc_type in TYPES:
        draft = render_draft(profile, doc_type)
        for s in assertions(draft):
            assert not re.search(measure.says, s), (doc_type, s)
            for v in values:
                assert v not in s, (doc_type, v, s)
        if state == "unknown" and measure.central and measure.name != "bodies":  # bodies: ISAC membership suffices
            assert f"【要確認: {measure.ask}】" in draft.text(), (doc_type, measure.name)


@pytest.mark.parametrize("measure", [m for m in MEASURES if m.says != "(?!)"], ids=lambda m: m.name)
def test_each_measure_is_stated_when_yes(measure):
    """The check above is not vacuous: with the complete profile, each measure's words appear."""
    complete = load_profile(EXAMPLE)
    hits = [s for t in TYPES for s in assertions(render_draft(complete, t)) if re.search(measure.says, s)]
    assert hits, measure.name


# ----------------------------------------------------------------------------- all no, plans
def all_no_raw():
    raw = copy.deepcopy(RAW)
    for m in MEASURES:
        raw = with_measure(raw, m, "なし")
    return raw


@pytest.mark.parametrize("doc_type", TYPES)
def test_all_no_profile_drafts_only_what_is_always_true(doc_type, tmp_path):
    from disclint.lint import lint_document
    from disclint.readers import read

    profile = profile_of(all_no_raw())
    draft = render_draft(profile, doc_type)
    in_sections = [b for b in draft.blocks if b.directive is not None and b.kind != "heading"]
    assert {b.directive for b in in_sections} == {1}, [b.text for b in in_sections]
    said = " ".join(b.text for b in in_sections)
    assert "重要なリスクの一つ" in said and len(re.findall("。", said)) <= 2
    assert draft.questions() == [] and draft.placeholders() == []
    assert "これらの対策" not in draft.text() and "経営の主導" not in draft.text()
    for v in range(4):  # no sentence anywhere (title, lead, sections, closing) asserts a measure
        for s in assertions(render_draft(profile, doc_type, variant=v)):
            assert not [m.name for m in MEASURES if re.search(m.says, s)], s
    out = write_docx(draft, tmp_path / "d.docx")
    errors = [f for f in lint_document(read(str(out))) if f.level.value == "error"]
    assert errors == [], [(f.rule, f.excerpt) for f in errors]


def test_a_planned_measure_is_written_as_a_plan():
    raw = copy.deepcopy(RAW)
    raw["bcp"]["it_bcp"] = "未定"
    raw["plans"] = [{"measure": "it_bcp", "by": "2025-09"}]
    text = to_markdown(render_draft(profile_of(raw), "yuho-risk", [8]))
    assert "2025年9月までにサイバー攻撃を想定した事業継続計画の策定を行う予定であります。" in text
    assert "事業継続計画（IT-BCP）を策定し" not in text


def test_a_plan_names_a_known_measure():
    _, errors = validate({"plans": [{"measure": "it_bpc", "by": "2025-09"}]})
    assert [e.message("ja") for e in errors] == ["'plans[0].measure' の対策名 \"it_bpc\" が不明です（'it_bcp' のことですか？ 対策の一覧は docs/drafting.md）"]
    _, errors = validate({"plans": [{"measure": "bcp.it_bcp"}]})
    assert [e.message("en") for e in errors] == ["'plans[0].by': give the planned date (YYYY-MM)"]


# ----------------------------------------------------------------------------- lint
@pytest.mark.parametrize("doc_type", ["yuho-risk", "integrated"])
def test_lint_reports_every_question_as_an_error(doc_type, tmp_path):
    from disclint.lint import lint_document
    from disclint.readers import read

    draft = render_draft(empty_profile(), doc_type)
    assert draft.questions()
    out = write_docx(draft, tmp_path / "d.docx")
    errors = [f for f in lint_document(read(str(out))) if f.level.value == "error"]
    unconfirmed = sorted(f.excerpt for f in errors if f.rule == "truthfulness.unconfirmed-placeholder")
    assert unconfirmed == sorted(draft.questions())
    assert not any(f.rule == "truthfulness.placeholder" and "要確認" in f.excerpt for f in errors)  # one finding each
