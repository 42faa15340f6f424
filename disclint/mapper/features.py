"""Features of a passage for the directive model.

General evidence first: concept hits from the directive definitions (synonym groups,
so a phrasing our corpus never used still counts), concept hits in the section headings
(context), and Sudachi-normalised content lemmas (漏えい/漏洩 -> 漏洩) with bigrams.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .definitions import ConceptHit, DirectiveSet

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})


@dataclass
class PassageFeatures:
    values: dict[str, float]
    hits: list[ConceptHit]  # hits in the passage (negated ones removed)
    negated: list[ConceptHit] = field(default_factory=list)
    context_hits: list[ConceptHit] = field(default_factory=list)


def token_lemmas(doc) -> list[str]:
    out = []
    for tok in doc:
        if tok.pos_ not in CONTENT_POS:
            continue
        if tok.pos_ == "NUM" or tok.like_num:
            out.append("<NUM>")
        else:
            out.append(tok.norm_ or tok.lemma_)
    return out


def build_features(
    ds: DirectiveSet,
    norm_text: str,
    lemmas: list[str],
    hits: list[ConceptHit],
    negated: list[ConceptHit],
    context_hits: list[ConceptHit],
    context_anchored: bool,
    patterns: list[str] = (),
) -> PassageFeatures:
    v: dict[str, float] = {}
    for key in patterns:
        v[f"p:{key}"] = 1.0
    per_directive: Counter[int] = Counter()
    seen_concepts = set()
    for h in hits:
        if h.concept.key not in seen_concepts:
            seen_concepts.add(h.concept.key)
            per_directive[h.concept.directive] += 1
        v[f"c:{h.concept.key}"] = 1.0
    for d, n in per_directive.items():
        v[f"cd:{d}"] = min(n, 3) / 3.0
    for h in context_hits:
        v[f"x:{h.concept.key}"] = 1.0
    if context_anchored:
        v["x:anchor"] = 1.0  # a heading on the section path is security-specific
    for h in negated:
        v[f"n:{h.concept.key}"] = 1.0
    for d in ds.directives.values():
        if d.negative_hits(norm_text):
            v[f"neg:{d.id}"] = 1.0
    if ds.has_strong_anchor(norm_text):
        v["anchor"] = 1.0
    elif ds.is_anchored(norm_text):
        v["anchor:weak-only"] = 1.0
    for lemma in lemmas:
        v[f"w:{lemma}"] = 1.0
    for a, b in zip(lemmas, lemmas[1:]):
        v[f"b:{a}|{b}"] = 1.0
    return PassageFeatures(v, hits, negated, context_hits)
