"""Issue 16, third round: the error patterns of the blind judgement of round 3
(benchmarks/lint_precision), each written here in our own words and linted as a user runs disclint.

Every text below was written for this test; none comes from a real filing or web page.
"""

from __future__ import annotations

import json

import pytest

# a policy page: a title line, then commitments (no figures), long enough to be judged (300 characters)
POLICY_BODY = (
    "当社は、お客様からお預かりした情報と当社の情報資産を守ることを経営の重要な責務と考え、次の方針を定めます。"
    "当社は、情報セキュリティに関する法令、規範及び契約上の義務を守ります。情報セキュリティの責任者を置き、全社の管理体制を整えます。"
    "情報資産の重要度に応じてリスクを評価し、必要な対策を講じます。すべての役員と従業員に教育を行い、方針と規程を守らせます。"
    "事故が起きたときは速やかに対応し、原因を調べて再び起きないよう努めます。委託先にも同じ水準の管理を求めます。"
    "新しい技術や脅威の動向を踏まえ、これらの取組を見直し、改善を続けます。"
    "この方針は、当社のウェブサイトで公開し、お取引先の皆様にもご理解とご協力をお願いいたします。\n"
)


def _findings(run_cli, path, select):
    r = run_cli("lint", "--format", "json", "--fail-level", "none", "--select", select, str(path))
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["files"][0]["findings"]


# ------------------------------------------------------------------ no-quantitative-facts: a policy states commitments
@pytest.mark.parametrize(
    "name, title",
    [
        ("policy.txt", "情報セキュリティ基本方針\n"),  # a page saved as text: its title line
        ("policy.md", "# 情報セキュリティポリシー\n\n"),
        ("policy.txt", "- security policy\n情報資産の保護に関する基本方針\n"),
    ],
)
def test_a_policy_page_is_not_asked_for_figures(run_cli, write, name, title):
    assert _findings(run_cli, write(name, title + POLICY_BODY), "comparability.no-quantitative-facts") == []


def test_the_same_commitments_in_a_report_section_are_asked_for_figures_without_empty_brackets(run_cli, write):
    (f,) = _findings(run_cli, write("body.txt", POLICY_BODY), "comparability.no-quantitative-facts")
    assert "記載には定量的な情報" in f["message"] and "（）" not in f["message"]
    (f,) = _findings(
        run_cli, write("report.md", "# 情報セキュリティ\n\n" + POLICY_BODY), "comparability.no-quantitative-facts"
    )
    assert "記載（情報セキュリティ）には定量的な情報" in f["message"]


def test_a_risk_item_under_a_heading_about_management_policy_is_still_judged(run_cli, write):
    # 「経営方針」 is not a security policy: a 有報 risk item often sits under such a heading
    text = "# 事業等のリスク\n\n## (1) 事業及び経営方針に係るリスク\n\n### ⑤ 情報セキュリティについて\n\n" + POLICY_BODY
    assert len(_findings(run_cli, write("risk.md", text), "comparability.no-quantitative-facts")) == 1


def test_a_report_that_opens_with_another_heading_is_not_taken_for_a_policy(run_cli, write):
    # the first heading decides: a policy named further down does not exempt the report's measures
    text = (
        "# サイバーセキュリティへの取組\n\n"
        + POLICY_BODY
        + "\n## 情報セキュリティ基本方針\n\n当社は、基本方針を定めております。\n"
    )
    assert len(_findings(run_cli, write("report.md", text), "comparability.no-quantitative-facts")) == 1


# ------------------------------------------------------------------ mixed-style: an introduction, then the policy's text
def test_one_change_of_style_between_paragraphs_is_not_mixing(run_cli, write):
    text = (
        "当社は、お客様の情報をお守りするため、次のとおり基本方針を定めております。\n\n"
        "当社は、情報資産を適切に管理する。全従業員に情報セキュリティの教育を行う。\n\n"
        "事故が起きた場合は、速やかに対応し、再発の防止に努める。\n"
    )
    assert (
        _findings(run_cli, write("policy.md", "# 情報セキュリティ基本方針\n\n" + text), "understandability.mixed-style")
        == []
    )


def test_styles_that_alternate_are_still_mixing(run_cli, write):
    text = (
        "# 情報セキュリティ\n\n"
        "当社は、情報セキュリティ委員会を設置しております。\n\n"
        "委員会は、毎月開催する。\n\n"
        "監査室が、その結果を確認しております。\n"
    )
    (f,) = _findings(run_cli, write("report.md", text), "understandability.mixed-style")
    assert "である調" in f["message"]


# ------------------------------------------------------------------ no-report-date: a reference date anywhere
@pytest.mark.parametrize("as_of", ["（2024年8月現在）", "令和6年3月末時点の状況です。", "2025年3月31日現在"])
def test_a_reference_date_anywhere_dates_the_page(run_cli, write, as_of):
    text = (
        "# 情報セキュリティ\n\n"
        + "当社は、情報セキュリティ委員会を設置し、全社の対策を審議しております。\n\n" * 45
        + as_of
        + "\n"
    )
    assert _findings(run_cli, write("page.md", text), "timeliness.no-report-date") == []


def test_a_page_without_any_date_is_still_reported(run_cli, write):
    text = "# 情報セキュリティ\n\n当社は、情報セキュリティ委員会を設置し、全社の対策を審議しております。\n\n今後も8月に研修を行います。\n"
    assert len(_findings(run_cli, write("page.md", text), "timeliness.no-report-date")) == 1


# ------------------------------------------------------------------ sentence-length: a table of contents on one line
def test_a_table_of_contents_kept_on_one_line_is_not_a_long_sentence(run_cli, write):
    toc = (
        "目次 当社の考え方 情報セキュリティ基本方針 推進体制と役割分担 インシデント発生時の対応手順 社員教育と標的型メール訓練 "
        "委託先の管理と監査 外部認証の取得状況 お取引先の皆様へのお願い 情報セキュリティに関するお問い合わせ窓口 個人情報の取扱いについて 関連リンク"
    )
    assert len(toc.replace(" ", "")) > 120
    body = "\n\n当社は、情報セキュリティ委員会を設置しております。\n"
    assert (
        _findings(run_cli, write("page.md", "# 情報セキュリティ\n\n" + toc + body), "understandability.sentence-length")
        == []
    )


def test_a_parenthetical_aside_is_not_counted_with_its_brackets(run_cli, write):
    # 138 characters with both asides (brackets included), 109 without them; the limit is 120
    sent = (
        "当社グループは、自動車部品の製造販売（補修用部品の卸売を含む）を主な事業とし、取引先からお預かりした設計情報（図面及び試作品の仕様書を含む）"
        "を含む情報資産を、故意又は偶然の脅威から守ることを経営の重要な責務であると考え、全社を挙げて情報セキュリティの向上に取り組んでおります。"
    )
    assert (
        _findings(
            run_cli, write("page.md", "# 情報セキュリティ\n\n" + sent + "\n"), "understandability.sentence-length"
        )
        == []
    )
    longer = sent.replace(
        "取り組んでおります。", "継続して取り組むとともに、その状況を定期的に取締役会へ報告しております。"
    )
    assert (
        len(
            _findings(
                run_cli,
                write("page2.md", "# 情報セキュリティ\n\n" + longer + "\n"),
                "understandability.sentence-length",
            )
        )
        == 1
    )


# ------------------------------------------------------------------ absolute-claim: an aim is not a result
def test_protecting_from_every_threat_as_an_aim_is_not_an_absolute_claim(run_cli, write):
    aim = "当社は、お預かりした情報をあらゆる脅威から守り、お客様の信頼に応えるため、この基本方針を定めます。\n"
    assert (
        _findings(run_cli, write("policy.md", "# 情報セキュリティ基本方針\n\n" + aim), "truthfulness.absolute-claim")
        == []
    )
    result = "当社の基幹システムは、二重の防御により、あらゆるサイバー攻撃から守られています。\n"
    (f,) = _findings(run_cli, write("report.md", "# 情報セキュリティ\n\n" + result), "truthfulness.absolute-claim")
    assert "あらゆるサイバー攻撃から守" in f["message"]
