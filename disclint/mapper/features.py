"""Features of a passage for the directive model.

General evidence first: concept hits from the directive definitions (synonym groups,
so a phrasing our corpus never used still counts), concept hits in the section headings
(context), and Sudachi-normalised content lemmas (漏えい/漏洩 -> 漏洩) with bigrams.
Last, the mean of ja_ginza's static word vectors over the content words (unit length times
:data:`VECTOR_SCALE`): words the corpus never used still land near words it did (out-of-fold
micro-F1 0.833 -> 0.847). The vector stays a dense float32 array (``PassageFeatures.vector``,
scored with one dot product); only training spells it out as features ``v:0`` … ``v:299``
(:func:`training_row`), which is how the weights are named in the model. Never evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .definitions import FRAME_PREFIX, ConceptHit, DirectiveSet

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
#: chosen by cross-validation on train+dev (research/cv_mapper.py): 1 -> 0.835, 3 -> 0.843,
#: 5 -> 0.847, 8 -> 0.847 micro-F1
VECTOR_SCALE = 5.0


@dataclass
class PassageFeatures:
    values: dict[str, float]  # sparse features
    hits: list[ConceptHit]  # hits in the passage (negated ones removed)
    negated: list[ConceptHit] = field(default_factory=list)
    context_hits: list[ConceptHit] = field(default_factory=list)
    vector: Any = None  # dense features: numpy float32 array (scaled), or None


def training_row(f: PassageFeatures) -> dict[str, float]:
    """All features as one sparse row, the dense vector as ``v:<i>`` (for scikit-learn)."""
    row = dict(f.values)
    if f.vector is not None:
        row.update((f"v:{i}", float(x)) for i, x in enumerate(f.vector))
    return row


def content_features(doc: Any) -> tuple[list[str], Any]:
    """Content lemmas (numbers as ``<NUM>``) and the unit mean vector (numpy float32) of the
    content words that have a static vector (None when none has)."""
    out = []
    orths = []
    for tok in doc:
        if tok.pos_ not in CONTENT_POS:
            continue
        orths.append(tok.orth)
        if tok.pos_ == "NUM" or tok.like_num:
            out.append("<NUM>")
        else:
            out.append(tok.norm_ or tok.lemma_)
    return out, _mean_vector(doc.vocab, orths)


def sentence_content(doc: Any, spans: list[tuple[int, int]]) -> list[tuple[list[str], Any]]:
    """:func:`content_features` of each sentence span (offsets in the doc's text), from the
    passage's one tokenisation."""
    out: list[tuple[list[str], list[int]]] = [([], []) for _ in spans]
    k = 0
    for tok in doc:
        while k < len(spans) and tok.idx >= spans[k][1]:
            k += 1
        if k >= len(spans):
            break
        if tok.pos_ not in CONTENT_POS or tok.idx < spans[k][0]:
            continue
        out[k][1].append(tok.orth)
        out[k][0].append("<NUM>" if tok.pos_ == "NUM" or tok.like_num else (tok.norm_ or tok.lemma_))
    return [(lemmas, _mean_vector(doc.vocab, orths)) for lemmas, orths in out]


def _mean_vector(vocab: Any, orths: list[int]) -> Any:
    vectors = vocab.vectors
    if not orths or not vectors.size:
        return None
    import numpy

    rows = vectors.find(keys=orths)
    rows = rows[rows >= 0]
    if not len(rows):
        return None
    mean = numpy.asarray(vectors.data[rows], dtype=numpy.float32).mean(axis=0)
    norm = float(numpy.linalg.norm(mean))
    return mean / norm if norm else None


def build_features(
    ds: DirectiveSet,
    norm_text: str,
    lemmas: list[str],
    hits: list[ConceptHit],
    negated: list[ConceptHit],
    context_hits: list[ConceptHit],
    context_anchored: bool,
    patterns: Sequence[str] = (),
    vector: Any = None,
    context_norm: str = "",
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
        v[("f:" if h.concept.name.startswith(FRAME_PREFIX) else "c:") + h.concept.key] = 1.0
    for d, n in per_directive.items():
        v[f"cd:{d}"] = min(n, 3) / 3.0
    for h in context_hits:
        v[f"x:{h.concept.key}"] = 1.0
    if context_anchored:
        v["x:anchor"] = 1.0  # a heading on the section path is security-specific
    for name in ds.heading_not_own_hits(context_norm) if context_norm else ():
        v[f"xg:{name}"] = 1.0  # the headings present an offering or explain a term
    for h in negated:
        v[f"n:{h.concept.key}"] = 1.0
    for directive in ds.directives.values():
        if directive.negative_hits(norm_text):
            v[f"neg:{directive.id}"] = 1.0
    for name in ds.not_own_hits(norm_text):
        v[f"g:{name}"] = 1.0
    for name, _, _, _ in ds.mention_spans(norm_text):
        v[f"m:{name}"] = 1.0
    if ds.has_strong_anchor(norm_text):
        v["anchor"] = 1.0
    elif ds.is_anchored(norm_text):
        v["anchor:weak-only"] = 1.0
    for lemma in lemmas:
        v[f"w:{lemma}"] = 1.0
    for a, b in zip(lemmas, lemmas[1:], strict=False):
        v[f"b:{a}|{b}"] = 1.0
    dense = vector * VECTOR_SCALE if vector is not None else None
    return PassageFeatures(v, hits, negated, context_hits, dense)
