"""The ``cyber`` scope of the text rules and the evidence of the coverage rules, with a stub mapper.

On real filings (benchmarks/lint_precision.md) most noise came from passages outside
cybersecurity that the mapper scored high (governance, audit, disaster, R&D) and from the
section rule that spread one such passage to its whole section. These tests pin the scope
down without depending on the trained model.
"""

from __future__ import annotations

from stub_mapper import StubMapper

from disclint.analysis import Services, context_for
from disclint.checks import load_rules
from disclint.lint import run_rules
from disclint.model.document import Block, BlockKind, Document, Location

RULES = {r.id: r for r in load_rules()}


def _doc(sections: list[tuple[str, list[str]]]) -> Document:
    blocks: list[Block] = []
    for heading, paras in sections:
        sec = ("事業等のリスク", heading)
        blocks.append(Block(BlockKind.HEADING, heading, Location("x", section=sec), 2))
        for p in paras:
            blocks.append(Block(BlockKind.PARAGRAPH, p, Location("x", section=sec)))
    return Document("x", "markdown", blocks, {})


LONG_GOVERNANCE = (
    "当社取締役会は、原則毎月１回の開催に加え、必要に応じ機動的に開催し、法令で定められた事項及び重要事項の決定を行うとともに、"
    "業務執行を監督しており、その内容については、監査役会にも報告され、必要に応じて、各委員会において審議されることとなっております。"
)
LONG_CYBER = (
    "当社グループは、情報セキュリティ基本方針に基づき、情報の適切な管理に努めておりますが、コンピュータウイルス、不正アクセス等の理由により、"
    "機密情報の漏洩などが発生した場合、顧客企業等から損害賠償請求を受け、当社グループの業績に影響を及ぼす可能性があります。"
)


def test_high_mapper_score_without_a_cyber_word_is_out_of_scope():
    doc = _doc([("③ 内部統制システムの整備の状況", [LONG_GOVERNANCE])])
    ctx = context_for(doc, Services(StubMapper({1: 0.93})))
    assert not ctx.in_scope(1, "cyber")
    findings, _, _ = run_rules(doc, [RULES["understandability.sentence-length"]], mapper=StubMapper({1: 0.93}))
    assert findings == []


def test_confident_cyber_passage_outside_a_cyber_section_is_in_scope():
    doc = _doc([("ハ．内部統制システムの整備の状況", [LONG_CYBER, LONG_GOVERNANCE, LONG_GOVERNANCE])])
    ctx = context_for(doc, Services(StubMapper({1: 0.95, 2: 0.9, 3: 0.9})))
    assert ctx.in_scope(1, "cyber")
    # one confident passage out of three is not a cyber section: its neighbours stay out
    assert not ctx.in_scope(2, "cyber") and not ctx.in_scope(3, "cyber")


def test_cyber_heading_makes_a_cyber_section_even_when_the_mapper_misses():
    doc = _doc([("(6) 情報セキュリティについて", [LONG_GOVERNANCE])])
    ctx = context_for(doc, Services(StubMapper({1: 0.1})))
    assert ctx.in_scope(1, "cyber")


def test_broad_screening_words_in_a_heading_do_not_make_a_cyber_section():
    # クラウド, ネットワーク, 情報システム are screening anchors (recall), not cyber topics
    doc = _doc([("(2) クラウド技術", ["当社では、クラウド間の通信量の削減を実現するべく研究開発を実施しています。", LONG_GOVERNANCE])])
    ctx = context_for(doc, Services(StubMapper({1: 0.7, 2: 0.35})))
    assert ctx.cyber_sections == frozenset()
    assert not ctx.in_scope(2, "cyber")


def test_one_stray_passage_does_not_spread_to_its_section():
    # before: 1 mapper-cyber block of 2 made the whole section cyber (share 0.5)
    doc = _doc([("３．新株予約権の行使の条件", [LONG_GOVERNANCE, "新株予約権者が新株予約権を放棄した場合には、かかる新株予約権を行使することができないものとする。"])])
    ctx = context_for(doc, Services(StubMapper({1: 0.7, 2: 0.0})))
    assert not ctx.in_scope(2, "cyber")


def test_covid_and_oil_are_not_cyber_words():
    from disclint.analysis.scope import default_policy

    CYBER_TERMS = default_policy().terms

    for text in ("新型コロナウイルス感染症の流行", "燃料油の漏洩による環境汚染", "ウイルス感染症の拡大"):
        assert not CYBER_TERMS.search(text), text
    for text in ("コンピュータウィルスへの感染", "顧客情報の漏えい", "重大ICTインシデント", "EDRを導入"):
        assert CYBER_TERMS.search(text), text


def _run_coverage(rule_id: str, doc: Document, mapper: StubMapper):
    """The rule's findings on directive 3 (the stub labels nothing else)."""
    ctx = context_for(doc, Services(mapper))
    return [h for h in RULES[rule_id].make_check().run(ctx) if h.data["directive"] == 3], ctx


def test_coverage_evidence_outside_the_cyber_scope_counts_as_missing():
    doc = _doc([("(4) 情報セキュリティ", [LONG_CYBER, LONG_CYBER, LONG_CYBER, LONG_CYBER]), ("③ 内部統制システム", [LONG_GOVERNANCE])])
    # four passages: enough cyber text (min_cyber_chars) for the ten directives to be judged
    scores = {1: 0.99, 2: 0.99, 3: 0.99, 4: 0.99, 6: 0.9}
    only_outside = StubMapper(scores, {6: [3]})
    assert _run_coverage("relevance.directive-weak", doc, only_outside)[0] == []
    (missing,), _ = _run_coverage("relevance.directive-missing", doc, only_outside)
    assert missing.data == {"directive": 3, "status": "missing", "mapper_status": "weak"}
    # evidence in the cyber section counts; the passage outside it does not (the mapper alone
    # would call two passages "covered")
    (weak,), _ = _run_coverage("relevance.directive-weak", doc, StubMapper(scores, {2: [3], 6: [3]}))
    assert weak.block_index == 2 and weak.data == {"directive": 3, "status": "weak", "mapper_status": "covered"}
    assert _run_coverage("relevance.directive-missing", doc, StubMapper(scores, {1: [3], 2: [3]}))[0] == []
