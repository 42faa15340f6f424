"""The scope policy: which passages are the company's cybersecurity text.

One policy for every command. Its terms and thresholds are data (``rules/scope.yml``); this
module only applies them. A block is in the scope when

- it lies in a *cyber section*: a heading on its section path names a scope term, or at least
  ``section_share`` of the section's prose blocks are confident cyber passages (marked cyber
  by the mapper and naming a term themselves) — the text before the first heading is a section
  of its own, so a short draft without headings is judged like any section; or
- elsewhere, it is a confident cyber passage whose cyber score reaches ``passage_score``.

Coverage, evidence links (HTML, Word comments, ``map``) and the text rules' ``cyber`` scope
all use :meth:`Scope.contains`; nothing else decides what counts.

The policy also says what the whole document presents itself as (:class:`Subject`, from its
title): the document-level rules judge only a security page, a report, or an untitled draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model.document import BlockKind, Document
from ..resources import data_dir, load_yaml
from ..text.normalize import normalize

PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
_NEVER = re.compile(r"(?!)")


@dataclass(frozen=True)
class ScopePolicy:
    terms: re.Pattern[str]
    section_share: float
    passage_score: float
    reports: re.Pattern[str] = _NEVER  # titles of the reports a cyber disclosure belongs in
    title_lines: int = 3

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ScopePolicy:
        terms = [str(t) for t in data["terms"]]
        document = data.get("document") or {}
        reports = [str(t) for t in document.get("reports") or []]
        return cls(
            re.compile("|".join(terms), re.IGNORECASE),
            float(data["section_share"]),
            float(data["passage_score"]),
            re.compile("|".join(reports), re.IGNORECASE) if reports else _NEVER,
            int(document.get("title_lines", 3)),
        )


@dataclass(frozen=True)
class Subject:
    """What the whole document presents itself as, from its title lines and its scope.

    ``kind``: ``cyber`` (a title line names a scope term), ``report`` (it names a report or a
    section of one where cyber disclosure belongs), ``other`` (titled, neither) or ``untitled``.
    ``not_own``: the not-own heading kinds (explainer, offering) of the title or of most headings:
    a vendor's column or service page. ``cyber_share``: the share of the prose blocks that lie in
    the cybersecurity scope.
    """

    kind: str = "untitled"
    titles: tuple[str, ...] = ()
    not_own: tuple[str, ...] = field(default=())
    cyber_share: float = 0.0

    @property
    def expects_cyber(self) -> bool:
        """A document that should speak of cybersecurity: a security page, a report, a bare draft.
        A page titled for another topic (環境方針, 開示方針) or a vendor's column is not."""
        return self.kind != "other" and not self.not_own

    def own_disclosure(self, share: float) -> bool:
        """The company's own cybersecurity disclosure: it expects cyber text, or, under a title of
        its own (「基本方針」), at least ``share`` of its prose is cybersecurity text. A privacy policy
        with one security clause, a DX page with a security section, or a vendor's column, is not."""
        if self.not_own:
            return False
        return self.kind != "other" or self.cyber_share >= share


def _label_like(text: str) -> bool:
    """A short line with no sentence end: a title or a heading the reader did not mark as one."""
    text = text.strip()
    return len(text) <= 60 and not re.search(r"[。．.!！?？]$", text)


def title_lines(doc: Document, limit: int = 3) -> list[str]:
    """The document's title lines: its metadata title, then the headings and short lines (no
    sentence end) before its first paragraph, at most ``limit`` of them."""
    out: list[str] = []
    title = doc.metadata.get("title")
    if isinstance(title, str) and title.strip():
        out.append(normalize(title.strip()).text)
    for b in doc.blocks:
        if len(out) >= limit:
            break
        text = b.norm.text.strip()
        if not text:
            continue
        if b.kind == BlockKind.HEADING or _label_like(text):
            if text not in out:
                out.append(text)
            continue
        break
    return out[:limit]


def document_subject(
    doc: Document,
    policy: ScopePolicy | None = None,
    not_own_hits: Callable[[str], list[str]] | None = None,
    cyber_share: float = 0.0,
) -> Subject:
    policy = policy or default_policy()
    titles = tuple(title_lines(doc, policy.title_lines))
    if not titles:
        kind = "untitled"
    elif any(policy.terms.search(t) for t in titles):
        kind = "cyber"
    elif any(policy.reports.search(t) for t in titles):
        kind = "report"
    else:
        kind = "other"
    not_own: list[str] = []
    if not_own_hits is not None:
        for t in titles:
            not_own += [n for n in not_own_hits(t) if n not in not_own]
        headings = [b.norm.text for b in doc.blocks if b.kind == BlockKind.HEADING and b.norm.text.strip()]
        if len(headings) >= 2:
            hits = [not_own_hits(h) for h in headings]
            if sum(bool(h) for h in hits) * 2 > len(headings):
                not_own += [n for h in hits for n in h if n not in not_own]
    return Subject(kind, titles, tuple(not_own), cyber_share)


@lru_cache(maxsize=1)
def default_policy() -> ScopePolicy:
    """The bundled policy, ``rules/scope.yml`` (read once per process)."""
    path = data_dir("rules") / "scope.yml"
    return ScopePolicy.from_data(load_yaml(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Scope:
    """The scope of one document, computed from the mapper's results."""

    cyber_blocks: frozenset[int]  # blocks the mapper marked cyber
    confident_blocks: frozenset[int]  # ... that also name a scope term
    sections: frozenset[tuple[str, ...]]  # section paths that are cybersecurity text
    sure_blocks: frozenset[int]  # confident blocks at or above passage_score (in scope anywhere)
    section_of: tuple[tuple[str, ...], ...]  # every block's section path
    terms: re.Pattern[str] | None = None  # the policy's scope terms (checks that look at headings use them)
    everything: bool = False  # rule examples: every block counts
    subject: Subject = Subject()  # what the whole document presents itself as

    def contains(self, block_index: int) -> bool:
        if self.everything or block_index in self.sure_blocks:
            return True
        return self.section_of[block_index] in self.sections


def compute_scope(
    doc: Document,
    results: Sequence[Any],
    policy: ScopePolicy | None = None,
    everything: bool = False,
    not_own_hits: Callable[[str], list[str]] | None = None,
) -> Scope:
    policy = policy or default_policy()
    by_block = {r.block_index: r for r in results if r.block_index is not None}
    cyber = frozenset(i for i, r in by_block.items() if r.cyber)
    confident = frozenset(i for i in cyber if policy.terms.search(doc.blocks[i].norm.text))
    sure = frozenset(i for i in confident if by_block[i].cyber_score >= policy.passage_score)
    stats: dict[tuple[str, ...], list[int]] = {}
    for i, b in enumerate(doc.blocks):
        if b.kind in PROSE_KINDS:  # text before any heading is a section of its own (a short draft, stdin)
            s = stats.setdefault(b.location.section, [0, 0])
            s[0] += 1
            s[1] += i in confident
    sections = set()
    for sec, (n, c) in stats.items():
        if any(policy.terms.search(normalize(h).text) for h in sec) or (c and c / n >= policy.section_share):
            sections.add(sec)
    # the share of the prose in the scope; short lines with no sentence end are labels, not prose
    prose = [i for i, b in enumerate(doc.blocks) if b.kind in PROSE_KINDS and not _label_like(b.norm.text)]
    inside = sum(1 for i in prose if i in sure or doc.blocks[i].location.section in sections)
    share = inside / len(prose) if prose else 0.0
    return Scope(
        cyber,
        confident,
        frozenset(sections),
        sure,
        tuple(b.location.section for b in doc.blocks),
        policy.terms,
        everything,
        document_subject(doc, policy, not_own_hits, share),
    )
