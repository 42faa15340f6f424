"""Rebuild the directive model from the corpus (``make model``).

1. Features for every corpus passage through the same stages as at run time
   (normalise, tokenise, concept hits, syntax on cue sentences, its headings as context).
2. Tune each label's threshold (F1, 0.10–0.75) on out-of-fold scores of a 5-fold
   cross-validation over train+dev; choose the evidence rule's minimum score
   (``evidence_free_min``) by the micro-F1 of the out-of-fold run-time decisions; then fit
   the final model on train+dev.
3. Score the untouched test split, store the scores in the model's ``meta`` and print them.
The result is ``rules/directives/model.json``; training is deterministic (liblinear).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..resources import data_dir
from .corpus import Passage, load_passages
from .definitions import DirectiveSet
from .evaluate import evaluate, format_report
from .features import PassageFeatures, training_row
from .model import LABELS, LinearModel, train
from .pipeline import Mapper, PassageResult, _Work


def gold_labels(p: Passage) -> set[str]:
    labels = {f"d{d}" for d in p.directives}
    if p.cyber:
        labels.add("cyber")
    return labels


def featurise(mapper: Mapper, passages: list[Passage]) -> list[_Work]:
    """Every passage through the run-time stages (its headings as context), features built;
    the syntax stage has no character budget here."""
    from ..text.normalize import normalize

    work = [
        _Work(i, p.text, normalize(p.text), normalize(p.context_text).text, PassageResult(text=p.text))
        for i, p in enumerate(passages)
    ]
    mapper.sentence_level = True  # experiments (research/cv_mapper.py --sentence) read them
    mapper._tokenize(work)
    if mapper.use_parser:
        budget, mapper.parse_budget_chars = mapper.parse_budget_chars, 10**9
        try:
            mapper._syntax(work)
        finally:
            mapper.parse_budget_chars = budget
    mapper._score(work, keep_features=True)  # builds the features (and scores them with the caller's model)
    return work


def tune_thresholds(
    thresholds: dict[str, float], scores_by_label: dict[str, list[float]], passages: list[Passage]
) -> None:
    """Per label, the threshold (0.10–0.75) with the best F1 on out-of-fold scores."""
    for label in LABELS:
        gold = [label in gold_labels(p) for p in passages]
        scores = scores_by_label[label]
        best, best_f1 = 0.5, -1.0
        for step in range(10, 76, 5):
            thr = step / 100
            tp = sum(1 for g, s in zip(gold, scores, strict=False) if g and s >= thr)
            fp = sum(1 for g, s in zip(gold, scores, strict=False) if not g and s >= thr)
            fn = sum(1 for g, s in zip(gold, scores, strict=False) if g and s < thr)
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f1 > best_f1 + 1e-9:
                best, best_f1 = thr, f1
        thresholds[label] = best


FOLDS = 5
#: candidates for the score a label needs when no concept or pattern of its directive is in the
#: passage or its headings (see pipeline.decide); chosen on out-of-fold decisions
EVIDENCE_FREE_CANDIDATES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never without evidence
EVIDENCE_FREE_TOLERANCE = 0.005
#: every label keeps at least one piece of evidence of its own directive; a passage with no
#: concept, pattern or frame of any directive in its text or headings gets no label
#: (pipeline.decide; the issue asks for it: out of fold 0.850 -> 0.845, realdev unchanged)
REQUIRE_EVIDENCE = True
#: sentence-level scoring (pipeline.decide): a directive's score is max(passage, λ · its best
#: sentence), so a secondary topic is not diluted; 0 = off. Thresholds are tuned on these scores.
#: 1.0: a directive evidenced in one sentence of its own counts in full; real passages are longer than ours
#: (λ 0.6 -> 1.0: realdev 0.719 -> 0.734, out of fold 0.833 -> 0.832, leave-genre-out 0.820 -> 0.819; 0.8 tried)
SENTENCE_LAMBDA = 1.0
SENTENCE_NEEDS_EVIDENCE = True


def _meta(evidence_free_min: float | dict[str, float]) -> dict[str, Any]:
    out = {"evidence_free_min": evidence_free_min, "require_evidence": REQUIRE_EVIDENCE}
    if SENTENCE_LAMBDA:
        out.update(sentence_lambda=SENTENCE_LAMBDA, sentence_needs_evidence=SENTENCE_NEEDS_EVIDENCE)
    return out


def _score(m: LinearModel, label: str, w: _Work, row: dict[str, float]) -> float:
    """The run-time score of ``label`` for a featurised passage (sentence level included)."""
    from .pipeline import sentence_score

    s = m.score(label, row)
    if SENTENCE_LAMBDA and label != "cyber" and w.sentence_features:
        s = max(s, SENTENCE_LAMBDA * sentence_score(m, int(label[1:]), w.sentence_features, SENTENCE_NEEDS_EVIDENCE))
    return s


def fold_of(pid: str) -> int:
    return int(hashlib.sha1(("fold:" + pid).encode()).hexdigest()[:8], 16) % FOLDS


def corpus_hash(passages: list[Passage]) -> str:
    h = hashlib.sha256()
    for p in sorted(passages, key=lambda p: p.id):
        row = [p.id, p.text, p.cyber, p.directives, list(p.context)] + ([p.genre] if p.genre else [])
        h.update(json.dumps(row, ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def _oof_decisions(
    ds: DirectiveSet,
    work: list[_Work],
    fit: list[int],
    models: dict[int, LinearModel],
    passages: list[Passage],
    evidence_free_min: float | dict[str, float],
) -> list[PassageResult]:
    """The full run-time decision (stage 0, thresholds, evidence rule, fallback) for every
    train+dev passage, by the model of the fold that did not see it."""
    out = []
    for i in fit:
        w = work[i]
        m = models[fold_of(passages[i].id)]
        m.meta = _meta(evidence_free_min)
        w.result = PassageResult(text=w.text, screened=ds.screens(w.norm.text, w.context_norm))
        if w.result.screened:
            Mapper(directives=ds, model=m).decide(w)
        out.append(w.result)
    return out


def _features_of(w: _Work) -> PassageFeatures:
    assert w.features is not None, "featurise() sets every passage's features"
    return w.features


def build(out: Path | None = None, C: float = 1.0) -> tuple[LinearModel, dict[str, Any]]:
    passages = load_passages()
    # a throwaway model only to reach the feature stages; scoring is not used here
    empty = LinearModel({lb: {} for lb in LABELS}, {lb: 0.0 for lb in LABELS}, {lb: 0.5 for lb in LABELS})
    mapper = Mapper(model=empty)
    work = featurise(mapper, passages)
    feats = [training_row(_features_of(w)) for w in work]
    split = {name: [i for i, p in enumerate(passages) if p.split == name] for name in ("train", "dev", "test")}
    fit = split["train"] + split["dev"]
    oof: dict[str, list[float]] = {label: [0.0] * len(fit) for label in LABELS}
    models: dict[int, LinearModel] = {}
    for k in range(FOLDS):
        inner = [j for j, i in enumerate(fit) if fold_of(passages[i].id) != k]
        held = [j for j, i in enumerate(fit) if fold_of(passages[i].id) == k]
        models[k] = m = train([feats[fit[j]] for j in inner], [gold_labels(passages[fit[j]]) for j in inner], C=C)
        for label in LABELS:
            for j in held:
                oof[label][j] = _score(m, label, work[fit[j]], feats[fit[j]])
    thresholds: dict[str, float] = {}
    tune_thresholds(thresholds, oof, [passages[i] for i in fit])
    for m in models.values():
        m.thresholds = thresholds
    fit_passages = [passages[i] for i in fit]
    runs = {
        ev: evaluate(fit_passages, _oof_decisions(mapper.ds, work, fit, models, passages, ev))
        for ev in EVIDENCE_FREE_CANDIDATES
    }
    cv: dict[Any, float] = {ev: r["micro"]["f1"] for ev, r in runs.items()}
    # per directive: the score a label needs without evidence of its own, by that directive's
    # out-of-fold F1 (ties: the stricter rule); a directive whose word weights carry it on our
    # text but not on others' (10: 「取組」「当社」) needs evidence of its own more often
    evidence_free_min: dict[str, float] = {}
    for d in mapper.ds.directives:
        best = max(runs[ev]["per_directive"][d]["f1"] for ev in runs)
        # the strictest rule within EVIDENCE_FREE_TOLERANCE of the best: a difference of two or three
        # labels out of fold is noise, and a label with evidence of its own is one a reader can check
        evidence_free_min[f"d{d}"] = max(
            ev for ev in runs if runs[ev]["per_directive"][d]["f1"] >= best - EVIDENCE_FREE_TOLERANCE
        )
    cv["per_directive"] = evaluate(
        fit_passages, _oof_decisions(mapper.ds, work, fit, models, passages, evidence_free_min)
    )["micro"]["f1"]
    model = train([feats[i] for i in fit], [gold_labels(passages[i]) for i in fit], C=C)
    model.thresholds = thresholds
    model.meta = _meta(evidence_free_min)
    mapper.model = model
    mapper.sentence_level = bool(SENTENCE_LAMBDA)
    test = [passages[i] for i in split["test"]]
    preds = mapper.analyse([(p.text, p.context_text) for p in test])
    report = evaluate(test, preds)
    model.meta = {
        "corpus_sha256_16": corpus_hash(passages),
        "passages": {k: len(v) for k, v in split.items()},
        "C": C,
        **_meta(evidence_free_min),
        "cv_micro_f1_by_evidence_free_min": {str(k): v for k, v in cv.items()},
        "test": {k: report[k] for k in ("micro", "macro", "screening", "cyber")},
        "test_per_directive": report["per_directive"],
    }
    target = out or data_dir("rules") / "directives" / "model.json"
    model.save(target)
    return model, report


def main() -> None:
    model, report = build()
    print(format_report(report, "en"))
    print(f"thresholds: {json.dumps(model.thresholds)}")
    print(f"features: {sum(len(w) for w in model.weights.values())} weights; wrote model.json")


if __name__ == "__main__":
    main()
