"""Issue 16: the lint findings a careful reviewer disagreed with, each written here in our own words.

Every text below was written for this test; none comes from a real filing.
"""

import json

import pytest

from disclint.checks import load_rules
from disclint.checks.examples import document_from_example, run_example
from disclint.model.document import Block, Location

BY_ID = {r.id: r for r in load_rules()}


def _run(rule_id, text, **meta):
    return run_example(BY_ID[rule_id], {"text": text, **meta} if meta else text)


# ------------------------------------------------------------------ absolute claims
@pytest.mark.parametrize("claim,span", [
    ("当社グループは、多層防御の仕組みを整えており、外部からの攻撃による損害が生じることはありません。", "攻撃による損害が生じることはありません"),
    ("ファイアウォールと侵入検知の装置により、社外からの不正アクセスを完全に防止しています。", "完全に防止"),
    ("暗号化を徹底しているため、お客様の個人情報の漏えいは一切ありません。", "漏えいは一切ありません"),
    ("当社のシステムは、すべての攻撃を遮断しております。", "すべての攻撃を遮断"),
    ("常時監視しているため、ウイルス感染のおそれはない。", "感染のおそれはない"),
])
def test_guarantees_of_no_harm_are_absolute_claims(claim, span):
    (f,) = _run("truthfulness.absolute-claim", claim)
    assert f.excerpt == span
    assert f"「{span}」は断定的すぎる表現です" in f.message


def test_a_later_negation_does_not_hedge_an_earlier_overclaim():
    # the 「ありません」 of the second clause is the guarantee itself, not a hedge of 「万全」
    text = "当社グループは、情報セキュリティ対策を万全に講じており、サイバー攻撃による被害が生じることはありません。"
    spans = [f.excerpt for f in _run("truthfulness.absolute-claim", text)]
    assert spans == ["万全", "攻撃による被害が生じることはありません"]


@pytest.mark.parametrize("hedged", [
    "外部からの攻撃により、当社の事業に重大な損害が生じる可能性があります。",
    "これらの対策を講じておりますが、攻撃を完全に防ぐことはできません。",
    "これらの対策によっても、被害を完全に防止できるわけではありません。",
    "当連結会計年度において、重大な情報の漏えいはありませんでした。",
    "これまでに不正アクセスによる被害が発生したことはありません。",
    "対策を講じておりますが、被害が生じるおそれはないとは言えません。",
])
def test_hedged_or_factual_text_is_not_an_absolute_claim(hedged):
    assert _run("truthfulness.absolute-claim", hedged) == []


# ------------------------------------------------------------------ residual risk
RISK = """# 事業等のリスク
当社グループの事業に影響を及ぼす可能性のある主なリスクは、次のとおりであります。
## (1) 情報セキュリティについて
### ① 不正アクセス
当社グループは、ファイアウォールを導入し、社外からの不正アクセスを防止する対策を講じております。
### ② 情報の漏えい
当社グループは、情報セキュリティ委員会を設置し、個人情報を暗号化する体制を整備しております。
## (2) 自然災害について
大規模な地震により拠点が被災した場合には、生産が停止する可能性があります。
"""


def test_residual_risk_missing_everywhere_is_one_finding_per_risk_section():
    findings = _run("truthfulness.no-residual-risk", RISK)
    assert len(findings) == 1
    assert findings[0].location.section[0] == "事業等のリスク"


@pytest.mark.parametrize("closing", [
    "なお、上記の対策を講じておりますが、これらのリスクを完全に排除できるものではありません。",
    "しかしながら、攻撃の手口は巧妙化しており、被害を完全に防ぐことは困難であります。",
])
def test_residual_risk_wording_anywhere_in_the_risk_section_covers_its_items(closing):
    # the closing sentence stands after the last item, under another heading than items ① and ②
    text = RISK + "## (3) その他\n" + closing + "\n"
    assert _run("truthfulness.no-residual-risk", text) == []


def test_residual_risk_in_one_paragraph_of_the_item_covers_the_item():
    text = RISK.replace(
        "個人情報を暗号化する体制を整備しております。\n",
        "個人情報を暗号化する体制を整備しております。\n万一、想定を超える攻撃を受けた場合には、業績に影響を及ぼす可能性があります。\n",
    )
    assert _run("truthfulness.no-residual-risk", text) == []


@pytest.mark.slow
def test_our_own_risk_draft_has_no_residual_risk_finding(run_cli, tmp_path):
    assert run_cli("init", "--example", cwd=tmp_path).returncode == 0
    r = run_cli("draft", "--doc-type", "yuho-risk", "--profile", "disclint-profile.yml", "-o", "risk.md", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run_cli("lint", "--format", "json", "--fail-level", "none", "--select", "truthfulness", "risk.md", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rules = [f["rule"] for f in json.loads(r.stdout)["files"][0]["findings"]]
    assert "truthfulness.no-residual-risk" not in rules, rules


# ------------------------------------------------------------------ directive-weak
WEAK = BY_ID["relevance.directive-weak"].examples["invalid"][0]


def _without_numbers(doc):
    """The same document as an XBRL/HTML reader without paragraph numbers would give it."""
    for k, b in enumerate(doc.blocks):
        doc.blocks[k] = Block(b.kind, b.text, Location(b.location.file, section=b.location.section), b.level)
    return doc


def test_directive_weak_message_never_prints_empty_brackets():
    from disclint.lint import run_rules

    doc = _without_numbers(document_from_example(WEAK))
    findings, _, _ = run_rules(doc, [BY_ID["relevance.directive-weak"]])
    assert findings
    for f in findings:
        assert "（）" not in f.message and "（, " not in f.message
        assert "（§ 情報セキュリティ）" in f.message


def test_specificity_signals_make_a_weak_directive_specific():
    from disclint.lint import run_rules

    rule = BY_ID["relevance.directive-weak"]
    doc = document_from_example(WEAK)
    findings, _, _ = run_rules(doc, [rule])
    assert findings
    for f in findings:
        i = f.block_index
        doc.blocks[i] = Block(doc.blocks[i].kind, doc.blocks[i].text + "外部のSOCによる24時間365日の監視を行い、EDRを全端末に導入しております。",
                              doc.blocks[i].location)
    again, _, _ = run_rules(doc, [rule])
    assert [f.data["directive"] for f in again if f.block_index in {g.block_index for g in findings}] == []


# ------------------------------------------------------------------ kanji runs
def test_legal_entity_names_are_not_kanji_runs():
    text = "当社の連結子会社である東北精密機械製造販売株式会社においても、同じ規程を適用しております。"
    assert _run("understandability.kanji-run", text) == []
    # a run that is not a name is still reported
    assert _run("understandability.kanji-run", "情報資産管理台帳整備状況定期確認結果を報告いたします。")


def test_the_documents_own_company_name_is_not_a_kanji_run():
    text = "西日本総合情報通信機器販売は、情報セキュリティ基本方針を定めております。"
    assert _run("understandability.kanji-run", text)
    assert _run("understandability.kanji-run", text, company="西日本総合情報通信機器販売株式会社") == []


# ------------------------------------------------------------------ sahen + 行う
@pytest.mark.parametrize("sentence,match,suggestion", [
    ("外部の専門事業者が24時間体制で監視を行っており、異常を通知します。", "監視を行っており、", "監視しており、"),
    ("重大なインシデントには、CSIRTが直ちに対応を行います。", "対応を行います", "対応します"),
    ("CSIRTは速やかに調査を行い、結果を経営会議に報告いたします。", "調査を行い、", "調査し、"),
    ("年1回、委託先に対して点検を行った。", "点検を行った", "点検した"),
    ("この訓練は全拠点で実施を行わない。", "実施を行わない", "実施しない"),
])
def test_sahen_suggestion_keeps_register_and_form(sentence, match, suggestion):
    (f,) = _run("understandability.sahen-okonau", sentence)
    assert f.excerpt == match
    assert f.message == f"「{match}」は「{suggestion}」と簡潔に書けます"


# ------------------------------------------------------------------ top threats of the period
OLD_RISK = """# 事業等のリスク
標的型攻撃やランサムウェアにより重要な情報が漏えいした場合には、当社の業績に影響を及ぼす可能性があります。
"""


def test_top_threats_compares_with_the_list_of_the_documents_own_year():
    rule = "relevance.top-threats"
    assert _run(rule, OLD_RISK, date="2017-06-28") == []  # the 2017 list: targeted attacks, ransomware
    (f,) = _run(rule, OLD_RISK, date="2025-06-20")  # the 2025 list: ransomware, supply chain
    assert "サプライチェーン攻撃" in f.message and "2025" in f.message
    assert "ランサムウェア" not in f.message.split("：")[-1].split("上位: ")[-1]


def test_top_threats_uses_the_latest_year_the_document_reports_on_without_a_date():
    text = OLD_RISK.replace("標的型攻撃や", "") + "当社は2017年3月期において、訓練を実施しました。\n"
    (f,) = _run("relevance.top-threats", text)
    assert "2017" in f.message and "標的型攻撃" in f.message


# ------------------------------------------------------------------ locations on HTML and XBRL
HTML = """<!doctype html><html><head><meta charset="utf-8"><title>情報セキュリティ</title></head><body>
<h1>情報セキュリティへの取組</h1>
<p>当社は、情報セキュリティ基本方針を定め、全従業員に周知しております。</p>
<p>当社は、万全のセキュリティ対策により、お客様の情報を守っております。</p>
</body></html>
"""


@pytest.mark.slow
def test_findings_on_html_carry_a_paragraph_number(write, run_cli):
    path = write("policy.html", HTML)
    r = run_cli("lint", "--format", "json", "--fail-level", "none", "--select", "truthfulness.absolute-claim", path)
    assert r.returncode == 0, r.stderr
    (f,) = json.loads(r.stdout)["files"][0]["findings"]
    assert f["location"]["paragraph"] == 3 and f["location"]["section"] == ["情報セキュリティへの取組"]
    r = run_cli("lint", "--fail-level", "none", "--select", "truthfulness.absolute-claim", path)
    assert "¶3" in r.stdout


@pytest.mark.slow
def test_every_draft_of_the_example_profile_lints_without_errors_or_warnings(run_cli, tmp_path):
    """Issue 16: the tool must not flag its own drafts (it gave 9 residual-risk findings on one)."""
    assert run_cli("init", "--example", cwd=tmp_path).returncode == 0
    kinds = ["yuho-risk", "yuho-sustainability", "integrated", "csr", "cg", "security-report"]
    for kind in kinds:
        r = run_cli("draft", "--doc-type", kind, "--profile", "disclint-profile.yml", "-o", f"{kind}.md", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    r = run_cli("lint", "--format", "json", "--fail-level", "none", *[f"{k}.md" for k in kinds], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    bad = [(f["path"], x["rule"], x["message"]) for f in json.loads(r.stdout)["files"] for x in f["findings"]
           if x["level"] in ("error", "warning")]
    assert bad == []


def test_residual_wording_of_another_risk_item_does_not_cover_the_cyber_item():
    from disclint.lint import run_rules

    rule = BY_ID["truthfulness.no-residual-risk"]
    other = "## (3) 法規制について\n上記のような規制の内容を予測することは困難であり、業績に影響を及ぼす可能性があります。\n"
    findings, _, _ = run_rules(document_from_example(RISK + other), [rule])  # scope as in a real run
    assert len(findings) == 1
    closing = "## (4) その他\nなお、上記の対策を講じておりますが、これらのリスクを完全に排除できるものではありません。\n"
    findings, _, _ = run_rules(document_from_example(RISK + other + closing), [rule])
    assert findings == []
