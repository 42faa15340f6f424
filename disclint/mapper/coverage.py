"""Document coverage of the ten directives and three principles.

A directive is
- ``covered`` when passages labelled with it give at least two distinct concepts as
  evidence (or two passages do), with a best score of at least ``COVERED_SCORE``;
- ``weak`` when something is labelled with it but less than that (one vague sentence), unless
  the caller's ``is_specific`` finds its evidence specific enough;
- ``missing`` when nothing is.
A principle is covered when all its directives are, weak when any of them is present or
its cues appear in cyber passages, missing otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..text.normalize import normalize
from .definitions import FRAME_PREFIX, DirectiveSet
from .pipeline import PassageResult

COVERED_SCORE = 0.6
STATUSES = ("covered", "weak", "missing")


@dataclass
class ItemCoverage:
    key: str  # "1".."10" or principle key
    status: str
    passages: list[int] = field(default_factory=list)  # indexes into the results list
    best_score: float = 0.0
    concepts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "passages": self.passages,
            "best_score": round(self.best_score, 3),
            "concepts": self.concepts,
        }


@dataclass
class Coverage:
    directives: dict[int, ItemCoverage]
    principles: dict[str, ItemCoverage]

    def to_dict(self) -> dict[str, Any]:
        return {
            "directives": {str(k): v.to_dict() for k, v in self.directives.items()},
            "principles": {k: v.to_dict() for k, v in self.principles.items()},
        }


def compute_coverage(
    results: Sequence[PassageResult], ds: DirectiveSet, is_specific: Callable[[list[PassageResult]], bool] | None = None
) -> Coverage:
    """``is_specific(passages)``: when given, a directive that would be weak is covered if its
    evidence passages are specific enough (the analysis's policy, ``rules/coverage.yml``)."""
    directives: dict[int, ItemCoverage] = {}
    for d in ds.directives:
        idx = [i for i, r in enumerate(results) if d in r.directives]
        # distinct measures named; a function frame (".f_") restates a measure's object and
        # predicate, so it does not count as a second one
        concepts = sorted(
            {
                e.concept
                for i in idx
                for e in results[i].evidence.get(d, [])
                if e.kind == "concept" and e.concept and not e.planned and f".{FRAME_PREFIX}" not in e.concept
            }
        )
        best = max((results[i].scores.get(d, 0.0) for i in idx), default=0.0)
        if not idx:
            status = "missing"
        elif best >= COVERED_SCORE and (len(concepts) >= 2 or len(idx) >= 2):
            status = "covered"
        elif is_specific is not None and is_specific([results[i] for i in idx]):
            status = "covered"
        else:
            status = "weak"
        directives[d] = ItemCoverage(str(d), status, idx, best, concepts)
    principles: dict[str, ItemCoverage] = {}
    for key, p in ds.principles.items():
        states = [directives[d].status for d in p.directives]
        cue_idx = [i for i, r in enumerate(results) if r.cyber and p.cues.search(normalize(r.text).text)]
        if all(s == "covered" for s in states):
            status = "covered"
        elif any(s != "missing" for s in states) or cue_idx:
            status = "weak"
        else:
            status = "missing"
        idx = sorted({i for d in p.directives for i in directives[d].passages} | set(cue_idx))
        principles[key] = ItemCoverage(
            key, status, idx, max((directives[d].best_score for d in p.directives), default=0.0)
        )
    return Coverage(directives, principles)
