"""Issue 16, second round: the error patterns of the blind judgement, each written here in our own words.

Every text below was written for this test; none comes from a real filing or web page.
"""

from __future__ import annotations

import pytest
from stub_mapper import StubMapper

from disclint.analysis import Services, context_for
from disclint.checks import load_rules
from disclint.checks.examples import run_example
from disclint.lint import run_rules
from disclint.model.document import Block, BlockKind, Document, Location

BY_ID = {r.id: r for r in load_rules()}


def _run(rule_id, text):
    return run_example(BY_ID[rule_id], text)


def _doc(sections: list[tuple[str, list[str]]]) -> Document:
    blocks: list[Block] = []
    for heading, paras in sections:
        sec = (heading,)
        blocks.append(Block(BlockKind.HEADING, heading, Location("x", section=sec), 1))
        for p in paras:
            blocks.append(Block(BlockKind.PARAGRAPH, p, Location("x", section=sec)))
    return Document("x", "markdown", blocks, {})


# ------------------------------------------------------------------ scope: privacy pages are not cyber text
PRIVACY = [
    "当社は、お客様からお預かりした個人情報を、商品の発送及びアフターサービスのご案内のために利用いたします。",
    "当社は、ご本人の同意を得ることなく、個人情報を第三者に提供いたしません。",
    "市場調査へのご協力をお願いする際には、顧客情報の利用目的をあらかじめお知らせいたします。",
]


def test_a_privacy_policy_is_not_cybersecurity_text_even_when_the_mapper_scores_it_high():
    doc = _doc([("個人情報保護方針", PRIVACY)])
    ctx = context_for(doc, Services(StubMapper({1: 0.9, 2: 0.9, 3: 0.9})))
    assert ctx.cyber_sections == frozenset()
    assert not any(ctx.in_scope(i, "cyber") for i in (1, 2, 3))


@pytest.mark.parametrize("leak", [
    "不正アクセスによりお客様の個人情報が漏えいした場合、当社の信用が低下するおそれがあります。",
    "取引先から預かった顧客情報が流出した場合には、損害賠償を請求される可能性があります。",
])
def test_a_leak_of_personal_data_is_still_cybersecurity_text(leak):
    doc = _doc([("お客様へのお知らせ", [leak, *PRIVACY])])
    ctx = context_for(doc, Services(StubMapper({1: 0.9, 2: 0.9, 3: 0.9, 4: 0.9})))
    assert ctx.in_scope(1, "cyber")
    assert not ctx.in_scope(2, "cyber")


# ------------------------------------------------------------------ sahen-okonau: no ungrammatical suggestions
@pytest.mark.parametrize("modified", [
    "当社は、保有する情報資産について適切な管理を行っております。",  # adjective + な
    "外部の専門事業者が、社内ネットワークの監視を行っております。",  # の-phrase
    "外部の専門事業者が、サーバーの定期的な点検を行います。",  # 的な
    "セキュリティ部門は、通信記録の収集・分析を行い、結果を報告いたします。",  # listed with ・
    "CSIRTは、原因の調査及び復旧を行います。",  # listed with 及び
    "各部門は、社内規程で定められた点検を行っております。",  # relative clause
    "当社は、厳しい審査を行ったうえで委託先を選定しております。",  # い-adjective
    "入退室の記録、端末の操作履歴、認証記録の保存を行っております。",  # last item of a 、-list
    "すべての従業員は、企業活動を行ううえで、情報の取扱いに注意を払います。",  # last noun of a compound
    "当社は、システム監視を行い、異常を検知しております。",  # last noun of a compound
])
def test_sahen_okonau_skips_a_noun_with_a_modifier_or_in_a_list(modified):
    assert _run("understandability.sahen-okonau", modified) == []


@pytest.mark.parametrize("sentence,suggestion", [
    ("当社は、委託先に対して毎年点検を行っております。", "点検しております"),
    ("重要なシステムについては、外部の専門家と協議を行います。", "協議します"),
    ("CSIRTは、速やかに調査を行い、結果を報告いたします。", "調査し、"),
])
def test_sahen_okonau_still_reports_a_free_noun(sentence, suggestion):
    (f,) = _run("understandability.sahen-okonau", sentence)
    assert f"「{suggestion}」" in f.message


# ------------------------------------------------------------------ directive-missing: thin cyber text is not judged
SHORT_CYBER = [
    "当社は、情報セキュリティ基本方針を定めております。",
    "全PCにウイルス対策ソフトを導入しております。",
    "不正アクセスの監視を外部に委託しております。",
]
LONG_CYBER = [
    "当社は、情報セキュリティ基本方針を取締役会で決議し、当社及び国内の子会社の全従業員に周知しております。基本方針は、情報資産を脅威から守ることを経営の責任と定めております。",
    "最高情報セキュリティ責任者（CISO）を任命し、CISOを委員長とする情報セキュリティ委員会を毎月開催しております。委員会には各事業部門の責任者が出席し、対策の進捗を確認しております。",
    "全PCとサーバーにウイルス対策ソフトを導入し、社外からの不正アクセスを検知する仕組みを整えております。検知した通信は情報システム部が確認し、必要な場合には端末をネットワークから切り離します。",
    "全従業員を対象に、情報セキュリティの基礎と不審なメールへの対処を学ぶ研修を年1回実施しております。研修の受講状況は情報セキュリティ委員会に報告され、未受講者には再受講を求めております。",
    "重要な情報を扱うシステムは、年1回、外部の専門事業者による脆弱性診断を受けております。診断で見つかった問題は、重要度に応じて期限を定めて修正し、その結果を委員会に報告しております。",
]


def _missing(paras):
    doc = _doc([("情報セキュリティ", paras)])
    mapper = StubMapper({i + 1: 0.9 for i in range(len(paras))}, labels={i + 1: [1] for i in range(len(paras))})
    findings, _, _ = run_rules(doc, [BY_ID["relevance.directive-missing"]], mapper=mapper)
    return findings


def test_directive_missing_does_not_judge_three_short_cyber_sentences():
    assert sum(len(p) for p in SHORT_CYBER) < 400
    assert _missing(SHORT_CYBER) == []


def test_directive_missing_judges_a_cyber_text_long_enough_for_ten_directives():
    assert sum(len(p) for p in LONG_CYBER) >= 400
    found = {f.message.split("「")[0] for f in _missing(LONG_CYBER)}
    assert "指示1" not in found and "指示2" in found


# ------------------------------------------------------------------ no-report-date: only cybersecurity documents
def _no_date(paras, score):
    doc = _doc([("ご案内", paras)])
    findings, _, _ = run_rules(doc, [BY_ID["timeliness.no-report-date"]], mapper=StubMapper({i + 1: score for i in range(len(paras))}))
    return findings


def test_no_report_date_skips_a_page_without_cybersecurity_text():
    ir_policy = ["当社は、投資家の皆様に対し、適時かつ公平な情報開示に努めます。", "決算発表前の一定期間は、業績に関するご質問への回答を控えております。"]
    assert _no_date(ir_policy, 0.9) == []


def test_no_report_date_still_reports_an_undated_cybersecurity_page():
    assert len(_no_date(LONG_CYBER, 0.9)) == 1


# ------------------------------------------------------------------ weak-phrase
@pytest.mark.parametrize("text", [
    "当社は、お客様に素晴らしい体験をお届けするため、情報を守る仕組みを整えております。",
    "「自分は狙われないと思う」という油断をなくすため、全従業員に研修を実施しております。",
    "「うちの会社は大丈夫だろう」と思う気持ちが、最大のリスクです。",
])
def test_weak_phrase_skips_adjectives_and_quoted_mindsets(text):
    assert _run("truthfulness.weak-phrase", text) == []


def test_weak_phrase_still_reports_hearsay():
    (f,) = _run("truthfulness.weak-phrase", "委託先で不正アクセスがあったらしいとの報告を受けております。")
    assert f.excerpt == "らしい"


# ------------------------------------------------------------------ incident-without-date
def test_incident_without_date_skips_the_scenario_of_a_drill():
    text = "訓練では、取引先を装ったメールにより社内の端末がマルウェアに感染したとのシナリオで、初動の手順を確認しました。"
    assert _run("timeliness.incident-without-date", text) == []
    assert _run("timeliness.incident-without-date", "社内の端末がマルウェアに感染しました。") != []


# ------------------------------------------------------------------ number-without-period
def test_number_without_period_accepts_the_period_of_a_mid_term_plan():
    text = "中期経営計画において、全拠点の多要素認証の導入率を100%とする目標を掲げております。"
    assert _run("comparability.number-without-period", text) == []
    assert _run("comparability.number-without-period", "全拠点の多要素認証の導入率は80%です。") != []


# ------------------------------------------------------------------ vague-expression: its own exceptions
@pytest.mark.parametrize("text", [
    "当社は、経済産業省のサイバーセキュリティ経営ガイドラインに沿って、適切な対策を講じております。",
    "委託先の選定にあたっては、ISO/IEC 27001の認証の有無を確認し、適切な委託先を選んでおります。",
    "攻撃を受けた際に適切に対応できない場合、お客様の信頼を失うおそれがあります。",
    "不正アクセスにより情報が漏えいした場合には、調査や適切な補償のための費用が生じる可能性があります。",
    "お客様からお預かりした情報を適切に守ることは、当社の重要な責務です。",
    "# 情報管理\n当社は、保有する情報資産を適切に管理しております。\n- 重要な情報は暗号化して保存しております。\n- 社外への送信は上長の承認を要します。\n",
])
def test_vague_expression_honours_its_exceptions(text):
    assert _run("relevance.vague-expression", text) == []


@pytest.mark.parametrize("claim", [
    "当社は、保有する情報資産を適切に管理しております。",
    "インシデントが発生した場合には、CSIRTが適切に対応いたします。",
])
def test_vague_expression_still_reports_a_bare_claim(claim):
    (f,) = _run("relevance.vague-expression", claim)
    assert f.excerpt == "適切に"


# ------------------------------------------------------------------ max-ten: commas of a noun list
@pytest.mark.parametrize("text", [
    "当社は、情報の機密性（Confidentiality）、完全性（Integrity）、可用性（Availability）を維持するため、規程を定め、運用しております。",
    "各部門は、「情報管理規程」、「文書管理規程」、「委託先管理規程」に基づき、情報を管理しております。",
    "当社は、外部からの不正アクセス、改ざん、破壊、漏えいを防ぐため、対策を講じ、運用しております。",
])
def test_max_ten_does_not_count_the_commas_of_a_noun_list(text):
    # three clause commas (the limit) plus the commas of a noun list
    assert _run("understandability.max-ten", text) == []


def test_max_ten_still_counts_clause_commas():
    text = "当社は、2024年度に、情報セキュリティ委員会を設置し、CISOを任命したうえで、研修を開始しました。"
    (f,) = _run("understandability.max-ten", text)
    assert "4 個" in f.message


# ------------------------------------------------------------------ boilerplate / vague-frequency: a lead and its list
LEAD = "# 情報セキュリティ\n当社は、情報セキュリティ対策を定期的に見直しております。\n"
FREQ_LIST = "- 社内の全端末の設定を毎月点検しております。\n- 点検の結果は半期ごとに経営会議に報告しております。\n"
VAGUE_LIST = "- 社内の端末の設定を点検しております。\n- 点検の結果を経営会議に報告しております。\n"


@pytest.mark.parametrize("rule", ["relevance.boilerplate", "comparability.vague-frequency"])
def test_a_lead_sentence_whose_list_gives_the_frequency_is_not_reported(rule):
    assert _run(rule, LEAD + FREQ_LIST) == []
    assert len(_run(rule, LEAD + VAGUE_LIST)) == 1


# ------------------------------------------------------------------ sentence-length: quoted names are one unit
def test_sentence_length_does_not_count_quoted_names_and_glosses():
    text = ("重大なインシデントが発生した場合、当社は「情報セキュリティインシデント対応規程」及び「事業継続計画（情報システム編）」に基づき、"
            "CSIRT（Computer Security Incident Response Team）が初動対応を行い、CISOに報告します。")
    assert len(text) > 100
    assert _run("understandability.sentence-length", text) == []


def test_sentence_length_still_reports_a_long_sentence_of_clauses():
    text = ("各拠点で検知された不審な通信や端末の挙動は、監視を委託している外部の専門事業者から情報システム部を経て直ちにCSIRTへ連絡され、"
            "CSIRTは、影響範囲の調査、感染が疑われる端末の隔離、関係部署への連絡を行ったうえで、その結果を取りまとめてCISOに報告いたします。")
    (f,) = _run("understandability.sentence-length", text)
    assert "上限 120 字" in f.message  # the default limit (rules/understandability/sentence-length.yml)
