"""Issue 16, round 6 of the blind judging (benchmarks/lint_precision): the findings the judges did
not accept, each written here in our own words and linted as a user runs disclint.

- a document-level notice (no cybersecurity text, no date) on a page that is not the company's
  cybersecurity disclosure: an environment or IR disclosure policy, a privacy policy with one
  security clause, a vendor's column;
- an acronym on a bare label line or inside an organisation's name;
- an incident pointed back at by a noun-modifying clause.

Every text below was written for this test; none comes from a real filing or web page.
"""

from __future__ import annotations

import json

import pytest

SECURITY_PARAGRAPHS = (
    "当社は、情報セキュリティ委員会を設置し、全社の対策の方針を審議しております。\n\n"
    "全従業員を対象に、年に一度、標的型メールへの対処を含む研修を行っております。\n\n"
    "外部からの不正アクセスに備え、通信の監視と端末の検知ソフトの導入を進めております。\n\n"
    "事故が起きた場合は、対応チームが初動を担い、経営陣へ速やかに報告いたします。\n"
)


def _findings(run_cli, path, select):
    r = run_cli("lint", "--format", "json", "--fail-level", "none", "--select", select, str(path))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["files"][0]["findings"]


# ------------------------------------------------------------------ no-cyber-content
@pytest.mark.parametrize(
    "title",
    ["環境基本方針", "ディスクロージャー・ポリシー", "反社会的勢力への対応方針", "社長メッセージ"],
)
def test_a_page_titled_for_another_topic_is_not_told_it_lacks_cyber_text(run_cli, write, title):
    body = "当社は、事業活動に伴う温室効果ガスの排出を減らし、資源の有効な利用に努めます。\n\n法令を守り、公正な取引を行います。\n"
    assert _findings(run_cli, write("page.txt", f"{title}\n\n{body}"), "relevance.no-cyber-content") == []


@pytest.mark.parametrize(
    "head",
    ["", "# 統合報告書 2025\n\n", "# 事業等のリスク\n\n", "# サイバーセキュリティへの取組み\n\n"],
)
def test_a_draft_report_or_security_page_without_cyber_text_is_still_told(run_cli, write, head):
    # untitled (a bare draft), a report, a risk section, a security page whose text says nothing of it
    body = "当期の売上高は前期より8%増え、海外向けの比率が高まりました。\n\n新工場の建設を進めております。\n"
    (f,) = _findings(run_cli, write("draft.md", head + body), "relevance.no-cyber-content")
    assert "サイバーセキュリティに関する記載が見つかりません" in f["message"]


# ------------------------------------------------------------------ no-report-date
def test_a_vendor_column_explaining_a_service_is_not_asked_for_a_date(run_cli, write):
    text = "標的型メール訓練サービスとは？効果と選び方をわかりやすく解説\n\n" + SECURITY_PARAGRAPHS
    assert _findings(run_cli, write("column.txt", text), "timeliness.no-report-date") == []


def test_a_privacy_policy_with_one_security_clause_is_not_asked_for_a_date(run_cli, write):
    text = (
        "個人情報保護方針\n\n"
        "当社は、お客様の個人情報を、ご本人の同意を得た利用目的の範囲内で取り扱います。\n\n"
        "法令に基づく場合を除き、ご本人の同意なく第三者に提供いたしません。\n\n"
        "個人情報への不正アクセスや漏えいを防ぐため、合理的な安全対策を講じます。\n\n"
        "開示等のご請求には、ご本人であることを確認のうえ、遅滞なく対応いたします。\n"
    )
    assert _findings(run_cli, write("privacy.txt", text), "timeliness.no-report-date") == []


@pytest.mark.parametrize("title", ["基本方針", "私たちの取組み", "情報セキュリティ基本方針"])
def test_a_security_page_under_any_title_is_still_asked_for_a_date(run_cli, write, title):
    (f,) = _findings(run_cli, write("page.txt", f"{title}\n\n{SECURITY_PARAGRAPHS}"), "timeliness.no-report-date")
    assert "日付" in f["message"]


# ------------------------------------------------------------------ unexplained-acronym
def test_an_acronym_on_a_bare_label_line_is_judged_where_the_text_uses_it(run_cli, write):
    explained = "ISMS\n\n当社は、ISMS（情報セキュリティマネジメントシステム）の認証を取得しております。\n"
    assert _findings(run_cli, write("page.txt", explained), "understandability.unexplained-acronym") == []
    bare = "ISMS\n\n当社は、本社の全部門でISMSの認証を取得しております。\n"
    (f,) = _findings(run_cli, write("page.txt", bare), "understandability.unexplained-acronym")
    assert f["location"]["line"] == 3


def test_an_isac_named_as_an_organisation_is_not_an_unexplained_acronym(run_cli, write):
    text = "# 情報セキュリティ\n\n当社の対応チームは、金融ISACやICT-ISACなどの団体と攻撃の手口に関する情報を交換しております。\n"
    assert _findings(run_cli, write("page.md", text), "understandability.unexplained-acronym") == []
    bare = "# 情報セキュリティ\n\n当社は、業界のISACに加盟し、攻撃の手口に関する情報を交換しております。\n"
    (f,) = _findings(run_cli, write("page.md", bare), "understandability.unexplained-acronym")
    assert "「ISAC」" in f["message"]


# ------------------------------------------------------------------ incident-without-date
def test_a_clause_pointing_back_at_the_incident_is_not_a_new_report_of_it(run_cli, write):
    text = (
        "# 不正アクセスに関するお知らせ\n\n"
        "2025年4月3日、当社の会員サイトのサーバーに外部からの不正アクセスがあったことが判明しました。\n\n"
        "なお、不正アクセスを受けたサーバーには、お客様のクレジットカード情報は保存されておりません。\n"
    )
    assert _findings(run_cli, write("notice.md", text), "timeliness.incident-without-date") == []
    (f,) = _findings(
        run_cli,
        write("notice2.md", "# お知らせ\n\n当社のサーバーが不正アクセスを受けました。\n"),
        "timeliness.incident-without-date",
    )
    assert "時期" in f["message"]


# ------------------------------------------------------------------ no-residual-risk
def test_a_risk_item_that_plans_for_an_incident_does_not_present_the_risk_as_gone(run_cli, write):
    head = (
        "# 事業等のリスク\n\n## (3) 情報セキュリティに関するリスク\n\n"
        "当社グループの業務は情報システムに依存しており、サイバー攻撃によりシステムが停止した場合には、業績に影響を及ぼす可能性があります。"
    )
    plan = "当社グループは、外部からの侵入を検知する仕組みを導入しております。重大な事故が発生した場合には、社長を本部長とする対策本部を設置し、復旧にあたります。\n"
    assert _findings(run_cli, write("risk.md", head + "\n\n" + plan), "truthfulness.no-residual-risk") == []
    only_prevention = "当社グループは、外部からの侵入を検知する仕組みを導入し、全従業員への教育を行っております。\n"
    (f,) = _findings(run_cli, write("risk2.md", head + "\n\n" + only_prevention), "truthfulness.no-residual-risk")
    assert "残るリスク" in f["message"]
