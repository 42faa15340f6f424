"""Rebuild the directive model from the corpus (``make model``).

1. Features for every corpus passage through the same stages as at run time
   (normalise, tokenise, concept hits, syntax on cue sentences).
2. Tune each label's threshold (F1, 0.25–0.75) on out-of-fold scores of a 5-fold
   cross-validation over train+dev, then fit the final model on train+dev.
3. Score the untouched test split, store the scores in the model's ``meta`` and print them.
The result is ``rules/directives/model.json``; training is deterministic (liblinear).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from ..resources import data_dir
from .corpus import Passage, load_passages
from .evaluate import evaluate, format_report
from .model import LABELS, LinearModel, train
from .pipeline import Mapper


def _gold(p: Passage) -> set[str]:
    labels = {f"d{d}" for d in p.directives}
    if p.cyber:
        labels.add("cyber")
    return labels


def passage_features(mapper: Mapper, passages: list[Passage]) -> list[dict[str, float]]:
    from .pipeline import _Work, PassageResult
    from ..normalize import normalize

    work = []
    for i, p in enumerate(passages):
        norm = normalize(p.text)
        work.append(_Work(i, p.text, norm, "", PassageResult(text=p.text)))
    mapper._tokenize(work)
    if mapper.use_parser:
        mapper.parse_budget_chars = 10**9
        mapper._syntax(work)
    from .features import build_features

    rows = []
    for w in work:
        kept = [h for k, h in enumerate(w.hits) if k not in w.negated]
        negated = [h for k, h in enumerate(w.hits) if k in w.negated]
        rows.append(build_features(mapper.ds, w.norm.text, w.lemmas, kept, negated, [], False, [tp.key for tp, _, _ in w.pattern_hits]).values)
    return rows


def _tune(thresholds: dict[str, float], scores_by_label: dict[str, list[float]], passages: list[Passage]) -> None:
    for label in LABELS:
        gold = [label in _gold(p) for p in passages]
        scores = scores_by_label[label]
        best, best_f1 = 0.5, -1.0
        for step in range(25, 76, 5):
            thr = step / 100
            tp = sum(1 for g, s in zip(gold, scores) if g and s >= thr)
            fp = sum(1 for g, s in zip(gold, scores) if not g and s >= thr)
            fn = sum(1 for g, s in zip(gold, scores) if g and s < thr)
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f1 > best_f1 + 1e-9:
                best, best_f1 = thr, f1
        thresholds[label] = best


FOLDS = 5


def _fold(pid: str) -> int:
    return int(hashlib.sha1(("fold:" + pid).encode()).hexdigest()[:8], 16) % FOLDS


def corpus_hash(passages: list[Passage]) -> str:
    h = hashlib.sha256()
    for p in sorted(passages, key=lambda p: p.id):
        h.update(json.dumps([p.id, p.text, p.cyber, p.directives], ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def build(out: Path | None = None, C: float = 1.0) -> tuple[LinearModel, dict]:
    passages = load_passages()
    # a throwaway model only to reach the feature stages; scoring is not used here
    empty = LinearModel({l: {} for l in LABELS}, {l: 0.0 for l in LABELS}, {l: 0.5 for l in LABELS})
    mapper = Mapper(model=empty)
    feats = passage_features(mapper, passages)
    split = {name: [i for i, p in enumerate(passages) if p.split == name] for name in ("train", "dev", "test")}
    fit = split["train"] + split["dev"]
    oof: dict[str, list[float]] = {label: [0.0] * len(fit) for label in LABELS}
    for k in range(FOLDS):
        inner = [j for j, i in enumerate(fit) if _fold(passages[i].id) != k]
        held = [j for j, i in enumerate(fit) if _fold(passages[i].id) == k]
        m = train([feats[fit[j]] for j in inner], [_gold(passages[fit[j]]) for j in inner], C=C)
        for label in LABELS:
            for j in held:
                oof[label][j] = m.score(label, feats[fit[j]])
    model = train([feats[i] for i in fit], [_gold(passages[i]) for i in fit], C=C)
    _tune(model.thresholds, oof, [passages[i] for i in fit])
    mapper.model = model
    test = [passages[i] for i in split["test"]]
    preds = mapper.analyse([(p.text, "") for p in test])
    report = evaluate(test, preds)
    model.meta = {
        "corpus_sha256_16": corpus_hash(passages),
        "passages": {k: len(v) for k, v in split.items()},
        "C": C,
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
    sys.exit(main())
