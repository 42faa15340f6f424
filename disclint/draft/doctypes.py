"""The document types a draft can be written for: tone, structure and section order."""

from __future__ import annotations

from dataclasses import dataclass

from ..guideline import directive_ids
from ..i18n import join_list, t

#: Lengths of the real 有価証券報告書 in ../shared/realdocs (characters without whitespace;
#: benchmarks/drafting_norms.py, figures in docs/drafting.md). Drafts of the complete example
#: profile stay within them (tests/test_draft_style.py).
REAL_NORMS = {
    # 事業等のリスク: the numbered items of 5 filings (n=91) and those on information security (n=7)
    "risk_item_max": 4445,
    "security_risk_item_median": 393,
    # サステナビリティ: paragraphs of GovernanceTextBlock (n=13) and the sections (n=3 each)
    "governance_paragraph_max": 392,
    "sustainability_section_max": {"ガバナンス": 1625, "リスク管理": 914, "戦略": 4238, "指標及び目標": 1923},
}


@dataclass(frozen=True)
class DocType:
    id: str
    name_ja: str
    name_en: str
    tone: str  # dearu / desumasu / oru (see tone.py)
    terse: bool = False  # short sections: the facts, little narrative
    risk_first: bool = False  # each section opens with the risk, then the measures
    narrative: bool = False  # longer explanations for general readers
    yuho: bool = False  # 有価証券報告書: 「当連結会計年度」, 「当社グループ」
    #: pillar headings and the directives under each (None: a flat list of sections)
    groups: tuple[tuple[str, tuple[int, ...]], ...] | None = None
    section_numbers: str = ""  # "circled": ①②③, "fullwidth": １．２．before each section heading
    group_numbers: str = ""  # "paren": (1)(2) before each pillar heading

    def order(self, directives: list[int] | tuple[int, ...]) -> list[tuple[str | None, list[int]]]:
        """The chosen directives in document order, grouped by pillar when the type has pillars."""
        chosen = set(directives)
        if not self.groups:
            return [(None, [d for d in directive_ids() if d in chosen])]
        out = []
        for heading, ds in self.groups:
            inside = [d for d in ds if d in chosen]
            if inside:
                out.append((heading, inside))
        return out

    def to_template(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name_ja,
            "tone": self.tone,
            "terse": self.terse,
            "risk_first": self.risk_first,
            "narrative": self.narrative,
            "yuho": self.yuho,
        }


DOC_TYPES: dict[str, DocType] = {
    d.id: d
    for d in (
        # 事業等のリスク of the filings in ../shared/realdocs: 85-100% of sentences in ます調 (docs/drafting.md)
        DocType(
            "yuho-risk",
            "有価証券報告書 事業等のリスク",
            "annual securities report: business risks",
            "oru",
            risk_first=True,
            yuho=True,
            terse=True,
            section_numbers="circled",
        ),
        DocType(
            "yuho-sustainability",
            "有価証券報告書 サステナビリティに関する考え方及び取組",
            "annual securities report: sustainability",
            "oru",
            yuho=True,
            terse=True,
            groups=(("ガバナンス", (1, 2)), ("リスク管理", (4, 7, 8, 9)), ("戦略", (3, 5, 10)), ("指標及び目標", (6,))),
            section_numbers="circled",
            group_numbers="paren",
        ),
        DocType("integrated", "統合報告書", "integrated report", "desumasu", narrative=True),
        DocType("csr", "CSR/サステナビリティ報告書", "CSR / sustainability report", "desumasu", narrative=True),
        DocType(
            "cg",
            "コーポレート・ガバナンス報告書",
            "corporate governance report",
            "oru",
            terse=True,
            section_numbers="fullwidth",
        ),
        DocType(
            "security-report",
            "情報セキュリティ報告書",
            "information security report",
            "desumasu",
            section_numbers="fullwidth",
        ),
    )
}

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮"


def section_number(style: str, i: int) -> str:
    """The number before the i-th (0-based) section heading: ① / １． / nothing."""
    if style == "circled":
        return f"{CIRCLED[i]} "
    if style == "fullwidth":
        return str(i + 1).translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "．"
    return ""


def doc_type_help(lang: str) -> str:
    return join_list(
        (t("draft.doc_type_item", lang, id=d.id, name_ja=d.name_ja, name_en=d.name_en) for d in DOC_TYPES.values()),
        lang,
    )
