"""Coverage of the ten directives and three principles, from in-scope passages only.

The statuses themselves (covered / weak / missing) are decided by
:func:`disclint.mapper.compute_coverage`; here it is given only the cyber passages inside the
scope (:mod:`disclint.analysis.scope`), so every status, count and link to evidence comes from
the company's cybersecurity text, and the specificity policy of ``rules/coverage.yml`` (evidence
that names technologies, frequencies, figures, scopes … is not "weak"). The mapper's view over every passage is kept beside it
(``mapper_status``, ``outside``) so that ``map`` can say "matched only outside the
cybersecurity text".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..mapper import compute_coverage
from ..resources import data_dir, load_yaml
from ..text.normalize import normalize
from .scope import Scope


@dataclass(frozen=True)
class CoveragePolicy:
    """``rules/coverage.yml``: evidence showing ``min_signals`` kinds of specificity signal is not weak."""

    signals: tuple[re.Pattern[str], ...]
    min_signals: int
    quantified: tuple[re.Pattern[str], ...] = ()
    evaluated: tuple[re.Pattern[str], ...] = ()

    def depth(self, status: str, passages: Sequence[Any]) -> int:
        """Disclosure depth 0-4 of a directive from its in-scope evidence (an estimate; see the YAML)."""
        if status == "missing":
            return 0
        if status == "weak":
            return 1
        text = "\n".join(normalize(p.text).text for p in passages)
        if not any(rx.search(text) for rx in self.quantified):
            return 2
        return 4 if any(rx.search(text) for rx in self.evaluated) else 3

    def is_specific(self, passages: Sequence[Any]) -> bool:
        if not self.signals:
            return False
        text = "\n".join(normalize(p.text).text for p in passages)
        return sum(1 for rx in self.signals if rx.search(text)) >= self.min_signals


@lru_cache(maxsize=1)
def default_coverage_policy() -> CoveragePolicy:
    data = load_yaml((data_dir("rules") / "coverage.yml").read_text(encoding="utf-8"))
    depth = data.get("depth") or {}
    return CoveragePolicy(
        tuple(re.compile(p) for p in data.get("specificity") or ()),
        int(data.get("min_signals", 2)),
        tuple(re.compile(p) for p in depth.get("quantified") or ()),
        tuple(re.compile(p) for p in depth.get("evaluated") or ()),
    )


@dataclass(frozen=True)
class ItemStatus:
    key: str  # "1".."10" or a principle key
    status: str  # covered / weak / missing, counting in-scope passages only
    blocks: tuple[int, ...]  # the in-scope blocks behind the status, in document order
    best_score: float
    concepts: tuple[str, ...]
    mapper_status: str  # the same item counting every passage the mapper labelled
    outside: int  # passages outside the scope labelled with it (not counted)
    depth: int | None = None  # directives: disclosure depth 0-4, an estimate (rules/coverage.yml)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status,
            "blocks": list(self.blocks),
            "best_score": round(self.best_score, 3),
            "concepts": list(self.concepts),
        }
        if self.depth is not None:
            out["depth"] = self.depth
        if self.mapper_status != self.status:
            out["mapper_status"] = self.mapper_status
        if self.outside:
            out["outside_passages"] = self.outside
        return out


@dataclass(frozen=True)
class DocCoverage:
    directives: Mapping[int, ItemStatus]
    principles: Mapping[str, ItemStatus]
    cyber_passages: int  # cyber passages inside the scope

    def status(self, directive: int) -> str:
        return self.directives[directive].status

    def statuses(self) -> dict[str, str]:
        """Every directive's and principle's status: ``{"1": "covered", …, "leadership": "weak"}``."""
        return {
            **{str(d): c.status for d, c in self.directives.items()},
            **{k: c.status for k, c in self.principles.items()},
        }


def in_scope_passages(results: Sequence[Any], scope: Scope) -> list[Any]:
    return [r for r in results if r.cyber and r.block_index is not None and scope.contains(r.block_index)]


def document_coverage(
    results: Sequence[Any], scope: Scope, ds: Any, policy: CoveragePolicy | None = None
) -> DocCoverage:
    policy = policy or default_coverage_policy()
    inside = in_scope_passages(results, scope)
    scoped = compute_coverage(inside, ds, policy.is_specific)
    full = compute_coverage(results, ds)

    def item(c: Any, whole: Any, directive: bool) -> ItemStatus:
        blocks = tuple(sorted({inside[i].block_index for i in c.passages}))
        counted = set(blocks)
        outside = sum(1 for i in whole.passages if results[i].block_index not in counted)
        depth = policy.depth(c.status, [inside[i] for i in c.passages]) if directive else None
        return ItemStatus(c.key, c.status, blocks, c.best_score, tuple(c.concepts), whole.status, outside, depth)

    return DocCoverage(
        {d: item(c, full.directives[d], True) for d, c in scoped.directives.items()},
        {k: item(c, full.principles[k], False) for k, c in scoped.principles.items()},
        len(inside),
    )
