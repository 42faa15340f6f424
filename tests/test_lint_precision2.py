"""Issue 16, second round: the error patterns of the blind judgement, each written here in our own words.

Every text below was written for this test; none comes from a real filing or web page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from disclint.checks import load_rules
from disclint.checks.base import CheckContext
from disclint.checks.examples import run_example
from disclint.document import Block, BlockKind, Document, Location
from disclint.lint import run_rules
from disclint.mapper import PassageResult, load_directives

BY_ID = {r.id: r for r in load_rules()}


def _run(rule_id, text):
    return run_example(BY_ID[rule_id], text)


@dataclass
class _StubMapper:
    """The mapper stubbed: a cyber score per block and, optionally, directive labels."""

    scores: dict[int, float]
    labels: dict[int, list[int]] = field(default_factory=dict)
    threshold: float = 0.5
    ds: object = field(default_factory=load_directives)

    def map_document(self, doc: Document) -> list[PassageResult]:
        return [PassageResult(doc.blocks[i].text, doc.blocks[i].location, i, True, s >= self.threshold, s,
                              self.labels.get(i, []), {d: s for d in self.labels.get(i, [])})
                for i, s in self.scores.items()]


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
    ctx = CheckContext(doc, mapper=_StubMapper({1: 0.9, 2: 0.9, 3: 0.9}))
    assert ctx.cyber_sections == frozenset()
    assert not any(ctx.in_scope(i, "cyber") for i in (1, 2, 3))


@pytest.mark.parametrize("leak", [
    "不正アクセスによりお客様の個人情報が漏えいした場合、当社の信用が低下するおそれがあります。",
    "取引先から預かった顧客情報が流出した場合には、損害賠償を請求される可能性があります。",
])
def test_a_leak_of_personal_data_is_still_cybersecurity_text(leak):
    doc = _doc([("お客様へのお知らせ", [leak, *PRIVACY])])
    ctx = CheckContext(doc, mapper=_StubMapper({1: 0.9, 2: 0.9, 3: 0.9, 4: 0.9}))
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
])
def test_sahen_okonau_skips_a_noun_with_a_modifier_or_in_a_list(modified):
    assert _run("understandability.sahen-okonau", modified) == []


@pytest.mark.parametrize("sentence,suggestion", [
    ("当社は、委託先に対して毎年点検を行っております。", "点検しております"),
    ("重要なシステムについては、外部の専門家と協議を行います。", "協議します"),
    ("当社は、システム監視を行い、異常を検知しております。", "監視し、"),
    ("CSIRTは、速やかに調査を行い、結果を報告いたします。", "調査し、"),
])
def test_sahen_okonau_still_reports_a_free_noun(sentence, suggestion):
    (f,) = _run("understandability.sahen-okonau", sentence)
    assert f"「{suggestion}」" in f.message
