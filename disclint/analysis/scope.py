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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model.document import BlockKind, Document
from ..resources import data_dir, load_yaml
from ..text.normalize import normalize

PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})


@dataclass(frozen=True)
class ScopePolicy:
    terms: re.Pattern[str]
    section_share: float
    passage_score: float

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ScopePolicy:
        terms = [str(t) for t in data["terms"]]
        return cls(
            re.compile("|".join(terms), re.IGNORECASE), float(data["section_share"]), float(data["passage_score"])
        )


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

    def contains(self, block_index: int) -> bool:
        if self.everything or block_index in self.sure_blocks:
            return True
        return self.section_of[block_index] in self.sections


def compute_scope(
    doc: Document, results: Sequence[Any], policy: ScopePolicy | None = None, everything: bool = False
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
    return Scope(
        cyber,
        confident,
        frozenset(sections),
        sure,
        tuple(b.location.section for b in doc.blocks),
        policy.terms,
        everything,
    )
