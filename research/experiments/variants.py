import sys, math
ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]; sys.path[:0] = [str(ROOT), str(ROOT / "tools"), str(ROOT / "tools" / "experiments")]
from pathlib import Path
import numpy as np
import cv_mapper as cm
from disclint.mapper import training
from disclint.mapper.corpus import load_passages
from disclint.mapper.evaluate import evaluate
from disclint.mapper.features import training_row
from disclint.mapper.model import LABELS, train
from disclint.mapper.pipeline import Mapper, PassageResult, explained_directives
from disclint.mapper.definitions import load_directives

passages = load_passages()
work = cm.cached_work(passages, Path("/tmp/disclint-cv.pkl"))
fit = [i for i, p in enumerate(passages) if p.split in ("train", "dev")]
gold = [training.gold_labels(passages[i]) for i in fit]
folds = [training.fold_of(passages[i].id) for i in fit]
ds = load_directives()
CACHE = Path("/tmp/disclint-exp")  # caches of token and tok2vec features (not the results)
CACHE.mkdir(exist_ok=True)
KEY = training.corpus_hash(passages)  # the caches below are per corpus version

def oof_scores(rows, trainer=train):
    oof = {l: np.zeros(len(fit)) for l in LABELS}
    for k in range(5):
        inner = [j for j in range(len(fit)) if folds[j] != k]
        held = [j for j in range(len(fit)) if folds[j] == k]
        m = trainer([rows[j] for j in inner], [gold[j] for j in inner])
        for l in LABELS:
            for j in held:
                oof[l][j] = m.score(l, rows[j])
    return oof

def decide_with(scores_by_label, ev=0.5):
    thresholds = {}
    training.tune_thresholds(thresholds, {l: list(v) for l, v in scores_by_label.items()}, [passages[i] for i in fit])
    out = []
    for j, i in enumerate(fit):
        w = work[i]
        class Fake:
            meta = {"evidence_free_min": ev}
            def __init__(s): s.thresholds = thresholds
            def score(s, label, values, vector=None, j=j): return float(scores_by_label[label][j])
            def contributions(s, *a, **k): return []
        w.result = PassageResult(text=w.text, screened=ds.screens(w.norm.text, w.context_norm))
        if w.result.screened:
            Mapper(directives=ds, model=Fake()).decide(w)
        out.append(w.result)
    return evaluate([passages[i] for i in fit], out)

def show(name, sc, evs=(0.5,)):
    for ev in evs:
        rep = decide_with(sc, ev)
        mi = rep["micro"]
        rec = " ".join(f"{d}:{m['recall']:.2f}" for d, m in rep["per_directive"].items())
        print(name, ev, f"F1 {mi['f1']:.3f} P {mi['precision']:.3f} R {mi['recall']:.3f} macro {rep['macro']['f1']:.3f} | {rec}", flush=True)


# for the decision-rule experiments (twothr_nested.py, cybergate.py)
expl = [explained_directives(work[i]) for i in fit]  # directives with their own concept or pattern
F = np.array(folds)
G = {l: np.array([l in gold[j] for j in range(len(fit))]) for l in LABELS}


def tune_threshold(oof, sel, l, lo=10, hi=76):
    """The threshold (lo..hi in steps of 0.05) with the best F1 of label ``l`` on the passages in ``sel``."""
    s, g = oof[l], G[l]
    best, bf = 0.5, -1
    for step in range(lo, hi, 5):
        t = step / 100
        pred = s >= t
        tp = (pred & g & sel).sum(); fp = (pred & ~g & sel).sum(); fn = (~pred & g & sel).sum()
        f = 2 * tp / (2 * tp + fp + fn) if tp else 0
        if f > bf + 1e-9:
            best, bf = t, f
    return best
