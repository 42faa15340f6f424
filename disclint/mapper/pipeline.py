"""The staged mapping pipeline: passages -> cyber? -> directives with evidence.

Stage 0, screening (every block, microseconds): the normalised text, or a heading on the
  block's section path, must contain one of the anchors of ``rules/directives/screening.yml``.
Stage 1, tokenising (candidates only, SudachiPy via GiNZA's tokenizer): lemmas for the
  features; concept hits from the directive definitions.
Stage 2, parsing (only sentences that contain both a concept hit and a negation/plan cue,
  within a character budget): the dependency parse decides whether the measure is negated
  (「導入していない」) or only planned (「検討する予定」); negated hits stop counting as evidence.
Stage 3, scoring: the linear model (``rules/directives/model.json``) gives a probability per
  label; the features behind each score are kept as evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model.document import BlockKind, Document, Location
from ..resources import data_dir
from ..text.normalize import NormalizedText, normalize
from ..text.segment import sentence_spans
from .definitions import ConceptHit, DirectiveSet, TokenPattern, load_directives
from .features import PassageFeatures, build_features, content_features, sentence_content
from .model import LinearModel

# Surface cues that make a sentence worth parsing: negation can take evidence away, so only
# sentences with a negation cue are parsed. Plans (予定, 検討) only mark evidence as planned,
# which the parse also reports when the sentence is parsed anyway.
_SYNTAX_CUES = re.compile(r"ない|なく|ず[、。,]|ずに|ません|未実施|未導入|未整備")
_NEG_LEMMAS = frozenset({"ない", "ず", "ぬ", "ん", "無い"})
_PLAN_LEMMAS = frozenset({"予定", "検討", "計画"})
PARSE_BUDGET_CHARS = 4000  # ≈ 1 s of parsing on this machine
MIN_PASSAGE_CHARS = 6
FALLBACK_FLOOR = 0.2
# A label needs a concept or token pattern of its own directive (in the passage or its
# headings) unless the model is at least this sure, so that a label can show its reason.
# ``make model`` chooses the value on out-of-fold train+dev decisions and stores it in the
# model's meta (``evidence_free_min``); this is the default for models without it.
EVIDENCE_FREE_MIN = 0.7


@lru_cache(maxsize=2)
def load_model(path: str | None = None) -> LinearModel:
    return LinearModel.load(Path(path) if path else data_dir("rules") / "directives" / "model.json")


@dataclass
class Evidence:
    """Why a label was given: a concept term in the text, or a weighted feature."""

    kind: str  # "concept", "pattern" (token pattern), "context" (heading), "feature" (model weight)
    text: str
    concept: str | None = None
    start: int | None = None  # offsets in the block's original text
    end: int | None = None
    weight: float = 0.0
    planned: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text}
        if self.concept:
            out["concept"] = self.concept
        if self.start is not None:
            out["start"], out["end"] = self.start, self.end
        if self.weight:
            out["weight"] = round(self.weight, 3)
        if self.planned:
            out["planned"] = True
        return out


@dataclass
class PassageResult:
    text: str
    location: Location | None = None
    block_index: int | None = None
    screened: bool = False  # passed stage 0
    cyber: bool = False
    cyber_score: float = 0.0
    directives: list[int] = field(default_factory=list)
    scores: dict[int, float] = field(default_factory=dict)
    evidence: dict[int, list[Evidence]] = field(default_factory=dict)
    negated: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cyber": self.cyber,
            "cyber_score": round(self.cyber_score, 3),
            "directives": self.directives,
            "scores": {str(d): round(s, 3) for d, s in sorted(self.scores.items())},
            "evidence": [dict(e.to_dict(), directive=d) for d in self.directives for e in self.evidence.get(d, [])],
            "negated": [e.to_dict() for e in self.negated],
        }


@dataclass
class _Work:
    index: int
    text: str
    norm: Any
    context_norm: str
    result: PassageResult
    hits: list[ConceptHit] = field(default_factory=list)
    pattern_hits: list[tuple[TokenPattern, int, int]] = field(default_factory=list)  # norm offsets
    negated: set[int] = field(default_factory=set)  # indexes into hits
    planned: set[int] = field(default_factory=set)
    lemmas: list[str] = field(default_factory=list)
    vector: Any = None  # numpy float32, see features.content_features
    features: PassageFeatures | None = None
    # sentence level (passages of two or more sentences): (start, end, lemmas, vector) and features
    sentences: list[tuple[int, int, list[str], Any]] = field(default_factory=list)
    sentence_features: list[PassageFeatures] = field(default_factory=list)


class Mapper:
    def __init__(
        self,
        directives: DirectiveSet | None = None,
        model: LinearModel | None = None,
        parse_budget_chars: int = PARSE_BUDGET_CHARS,
        use_parser: bool = True,
    ) -> None:
        self.ds = directives or load_directives()
        self.model = model or load_model()
        self.parse_budget_chars = parse_budget_chars
        self.use_parser = use_parser
        self.stats: dict[str, int] = {}
        self._matcher: Any = None
        self._patterns: dict[str, TokenPattern] = {}
        # sentence-level features only when the model scores sentences (or training asks)
        self.sentence_level = bool(self.model.meta.get("sentence_lambda"))

    def _token_matcher(self, vocab: Any) -> Any:
        """Compile the directives' token patterns once (spaCy Matcher over lemmas/POS)."""
        if self._matcher is None:
            from spacy.matcher import Matcher

            matcher = Matcher(vocab)
            for tp in self.ds.patterns:
                matcher.add(tp.key, [list(tp.pattern)])
                self._patterns[tp.key] = tp
            self._matcher = matcher
        return self._matcher

    # ------------------------------------------------------------------ stages
    def analyse(
        self,
        items: Sequence[tuple[str, str]],
        locations: Sequence[Location | None] | None = None,
        norms: Sequence[NormalizedText] | None = None,
    ) -> list[PassageResult]:
        """Map passages. ``items`` are (text, context) pairs; context = section headings.
        ``norms`` are the texts' normalised views when the caller already has them."""
        work: list[_Work] = []
        results: list[PassageResult] = []
        contexts: dict[str, tuple[str, bool]] = {}  # many blocks share one heading path
        for i, (text, context) in enumerate(items):
            loc = locations[i] if locations else None
            res = PassageResult(text=text, location=loc)
            results.append(res)
            if len(text.strip()) < MIN_PASSAGE_CHARS:
                continue
            if context not in contexts:
                c_norm = normalize(context).text if context else ""
                contexts[context] = (c_norm, bool(c_norm) and self.ds.is_anchored(c_norm))
            context_norm, context_screened = contexts[context]
            norm = norms[i] if norms is not None else normalize(text)
            if not (context_screened or self.ds.is_anchored(norm.text)):
                continue
            res.screened = True
            work.append(_Work(i, text, norm, context_norm, res))
        self.stats = {"passages": len(items), "screened": len(work), "screened_chars": sum(len(w.text) for w in work)}
        if not work:
            return results
        self._tokenize(work)
        if self.use_parser:
            self._syntax(work)
        self._score(work)
        return results

    def _tokenize(self, work: list[_Work]) -> None:
        from .. import nlp

        for w in work:
            doc = nlp.tokenize(w.norm.text)
            w.lemmas, w.vector = content_features(doc)
            spans = (
                [(a, b) for a, b in sentence_spans(w.norm.text) if w.norm.text[a:b].strip()]
                if self.sentence_level
                else []
            )
            if len(spans) > 1:
                w.sentences = [
                    (a, b, lem, vec) for (a, b), (lem, vec) in zip(spans, sentence_content(doc, spans), strict=False)
                ]
            # a directive's terms inside a span that only mentions it (functions.yml ``mentions``)
            # are no evidence of it: 「基本方針に基づき…」 cites the policy while doing something else
            mentioned = self.ds.mention_spans(w.norm.text)
            w.hits = self.ds.without_mentions(self.ds.concept_hits(w.norm.text), mentioned)
            matcher = self._token_matcher(doc.vocab)
            seen = set()
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                if key in seen:  # one (the first) span per pattern is enough evidence
                    continue
                tp, ps, pe = self._patterns[key], doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
                if any(d == tp.directive and ps < e and s < pe for _, d, s, e in mentioned):
                    continue
                seen.add(key)
                w.pattern_hits.append((tp, ps, pe))

    def _syntax(self, work: list[_Work]) -> None:
        """Parse the sentences where negation or plans may change what a hit means."""
        from .. import nlp

        jobs: list[tuple[_Work, int, str, list[int]]] = []
        budget = self.parse_budget_chars
        for w in work:
            if not w.hits:
                continue
            text = w.norm.text
            for s, e in sentence_spans(text):
                cues = [m.start() for m in _SYNTAX_CUES.finditer(text, s, e)]  # offsets in text
                if not cues:
                    continue
                # Japanese is head-final: a negation can only bind a measure named before it,
                # and the parse from the first such measure to the sentence end is enough to
                # find its predicate (the left context costs parse time and changes nothing).
                inside = [k for k, h in enumerate(w.hits) if s <= h.start < e and h.end <= cues[-1]]
                if not inside:
                    continue
                left = min(w.hits[k].start for k in inside)
                if e - left > budget:
                    continue
                budget -= e - left
                jobs.append((w, left, text[left:e], inside))
        self.stats["parsed_chars"] = self.parse_budget_chars - budget
        self.stats["parsed_sentences"] = len(jobs)
        if not jobs:
            return
        for (w, offset, _sent, inside), doc in zip(jobs, nlp.parse([j[2] for j in jobs]), strict=False):
            for k in inside:
                h = w.hits[k]
                state = _predicate_state(doc, h.start - offset, h.end - offset)
                if state == "negated":
                    w.negated.add(k)
                elif state == "planned":
                    w.planned.add(k)

    def _score(self, work: list[_Work], keep_features: bool = False) -> None:
        """Build each passage's features and decide its labels. The features are dropped once
        decided (a 200,000-paragraph document would otherwise hold them all) unless
        ``keep_features`` (training reads them)."""
        ctx_cache: dict[str, list[ConceptHit]] = {}
        for w in work:
            if w.context_norm not in ctx_cache:
                ctx_cache[w.context_norm] = self.ds.concept_hits(w.context_norm) if w.context_norm else []
            ctx_hits = ctx_cache[w.context_norm]
            kept = [h for k, h in enumerate(w.hits) if k not in w.negated]
            negated = [h for k, h in enumerate(w.hits) if k in w.negated]
            w.features = build_features(
                self.ds,
                w.norm.text,
                w.lemmas,
                kept,
                negated,
                ctx_hits,
                bool(w.context_norm and self.ds.has_strong_anchor(w.context_norm)),
                [tp.key for tp, _, _ in w.pattern_hits],
                w.vector,
                w.context_norm,
            )
            if w.sentences and (keep_features or self.model.meta.get("sentence_lambda")):
                w.sentence_features = [
                    build_features(
                        self.ds,
                        w.norm.text[a:b],
                        lem,
                        [h for h in kept if a <= h.start < b],
                        [h for h in negated if a <= h.start < b],
                        ctx_hits,
                        bool(w.context_norm and self.ds.has_strong_anchor(w.context_norm)),
                        [tp.key for tp, ps, _ in w.pattern_hits if a <= ps < b],
                        vec,
                        w.context_norm,
                    )
                    for a, b, lem, vec in w.sentences
                ]
            self.decide(w)
            if not keep_features:
                w.features, w.lemmas, w.vector = None, [], None
                w.sentences, w.sentence_features = [], []

    def decide(self, w: _Work) -> None:
        res, f, m = w.result, w.features, self.model
        assert f is not None
        res.cyber_score = m.score("cyber", f.values, f.vector)
        res.cyber = res.cyber_score >= m.thresholds.get("cyber", 0.5)
        if res.cyber and w.context_norm and self.ds.heading_not_own_hits(w.context_norm):
            # under a heading that explains a term or presents an offering (「…とは」「コラム」
            # 「サービス概要」) the text is a vendor's or an explainer's, not the company's own
            # management: every such passage of our corpus is labelled so (52 of 52)
            res.cyber = False
        res.scores = {d: m.score(f"d{d}", f.values, f.vector) for d in self.ds.directives}
        lam = m.meta.get("sentence_lambda", 0.0)
        if lam and w.sentence_features:
            # a secondary topic in one sentence is not diluted by the rest of the passage
            for d in res.scores:
                best = sentence_score(m, d, w.sentence_features, m.meta.get("sentence_needs_evidence", False))
                res.scores[d] = max(res.scores[d], lam * best)
        if res.cyber:
            efm = m.meta.get("evidence_free_min", EVIDENCE_FREE_MIN)  # one value, or one per directive
            explained = explained_directives(w)
            labels = [
                d
                for d, s in res.scores.items()
                if s >= m.thresholds.get(f"d{d}", 0.5)
                and (d in explained or s >= (efm.get(f"d{d}", EVIDENCE_FREE_MIN) if isinstance(efm, dict) else efm))
            ]
            best = max(res.scores, key=lambda d: res.scores[d])
            if not labels and res.scores[best] >= FALLBACK_FLOOR and best in explained:
                # a cyber passage usually addresses its most likely directive even when no
                # score clears its threshold; below the floor it only *mentions* cyber
                labels = [best]
            res.directives = sorted(labels)
        for k in sorted(w.negated):
            h = w.hits[k]
            s, e = w.norm.to_original(h.start, h.end)
            res.negated.append(Evidence("concept", w.text[s:e], h.concept.key, s, e))
        for d in res.directives:
            res.evidence[d] = self._evidence(w, d)
        if m.meta.get("require_evidence"):
            # every label shows at least one piece of evidence of its own directive; a bare label
            # or heading-like cell (no concept, pattern or frame of any directive in its text or
            # headings) gets none
            if not f.hits and not w.pattern_hits and not f.context_hits:
                res.directives = []
            res.directives = [d for d in res.directives if res.evidence.get(d)]
            res.evidence = {d: res.evidence[d] for d in res.directives}

    def _evidence(self, w: _Work, d: int) -> list[Evidence]:
        ev: list[Evidence] = []
        for k, h in enumerate(w.hits):
            if h.concept.directive != d or k in w.negated:
                continue
            s, e = w.norm.to_original(h.start, h.end)
            ev.append(Evidence("concept", w.text[s:e], h.concept.key, s, e, h.concept.weight, k in w.planned))
        for tp, s, e in w.pattern_hits:
            if tp.directive == d:
                os_, oe = w.norm.to_original(s, e)
                ev.append(Evidence("pattern", w.text[os_:oe], tp.key, os_, oe, tp.weight))
        assert w.features is not None
        for h in w.features.context_hits:
            if h.concept.directive == d:
                ev.append(Evidence("context", h.term, h.concept.key, weight=h.concept.weight))
        for name, contrib in self.model.contributions(f"d{d}", w.features.values, top=4):
            if name.startswith(("w:", "b:")):
                ev.append(Evidence("feature", name[2:].replace("|", " "), weight=contrib))
        return ev

    # -------------------------------------------------------------- documents
    def map_document(self, doc: Document) -> list[PassageResult]:
        """Map every passage-like block of a document (headings give context only)."""
        items: list[tuple[str, str]] = []
        locs: list[Location | None] = []
        norms: list[NormalizedText] = []
        index: list[int] = []
        for i, block in enumerate(doc.blocks):
            if block.kind == BlockKind.HEADING:
                continue
            items.append((block.text, " ".join(block.location.section)))
            locs.append(block.location)
            norms.append(block.norm)  # cached on the block: the lint rules reuse it
            index.append(i)
        results = self.analyse(items, locs, norms)
        for res, i in zip(results, index, strict=False):
            res.block_index = i
        return results


def sentence_directives(f: PassageFeatures) -> set[int]:
    """Directives with a concept, frame or token pattern of their own in this sentence."""
    out = {h.concept.directive for h in f.hits}
    return out | {int(k[3:].split(".", 1)[0]) for k in f.values if k.startswith("p:d")}


def sentence_score(m: LinearModel, d: int, sentences: list[PassageFeatures], needs_evidence: bool) -> float:
    """The best score of directive ``d`` over the passage's sentences (only sentences with
    evidence of ``d`` of their own when ``needs_evidence``)."""
    scores = [
        m.score(f"d{d}", sf.values, sf.vector) for sf in sentences if not needs_evidence or d in sentence_directives(sf)
    ]
    return max(scores, default=0.0)


def explained_directives(w: _Work) -> set[int]:
    """Directives with a concept or token pattern of their own in the passage or its headings
    (a label without one needs ``evidence_free_min``)."""
    assert w.features is not None
    out = {h.concept.directive for h in w.features.hits} | {h.concept.directive for h in w.features.context_hits}
    return out | {tp.directive for tp, _, _ in w.pattern_hits}


def _predicate_state(doc: Any, start: int, end: int) -> str | None:
    """Is the measure named at [start, end) negated or only planned in this parse?"""
    toks = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
    if not toks:
        return None
    tok = toks[-1]
    for _ in range(6):  # climb to the clause's predicate
        if tok.pos_ in ("VERB", "ADJ") or tok.dep_ == "ROOT" or tok.head is tok:
            break
        tok = tok.head
    pred = tok
    if any(c.lemma_ in _NEG_LEMMAS for c in pred.children if c.pos_ == "AUX"):
        return "negated"
    chain = [pred] + [pred.head] if pred.head is not pred else [pred]
    if any(t.lemma_ in _PLAN_LEMMAS or t.norm_ in _PLAN_LEMMAS for t in chain):
        return "planned"
    return None
