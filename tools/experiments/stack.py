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
from disclint.mapper.pipeline import Mapper, PassageResult

passages = load_passages()
work = cm.cached_work(passages, Path("/tmp/disclint-cv.pkl"))
CACHE = Path("/tmp/disclint-exp"); CACHE.mkdir(exist_ok=True)
fit = [i for i, p in enumerate(passages) if p.split in ("train", "dev")]
feats = [training_row(work[i].features) for i in fit]
gold = [training._gold(passages[i]) for i in fit]
folds = [training._fold(passages[i].id) for i in fit]
oof = {l: np.zeros(len(fit)) for l in LABELS}
for k in range(5):
    inner = [j for j in range(len(fit)) if folds[j] != k]
    held = [j for j in range(len(fit)) if folds[j] == k]
    m = train([feats[j] for j in inner], [gold[j] for j in inner])
    for l in LABELS:
        for j in held:
            oof[l][j] = m.score(l, feats[j])
np.save(str(CACHE / "oof.npy"), np.array([oof[l] for l in LABELS]))
def logit(p): p = np.clip(p, 1e-4, 1-1e-4); return np.log(p/(1-p))
S = np.stack([logit(oof[l]) for l in LABELS], axis=1)
# cd features
CD = np.array([[work[i].features.values.get(f"cd:{d}", 0.0) for d in range(1, 11)] for i in fit])
X = np.hstack([S, CD])
from sklearn.linear_model import LogisticRegression
oof2 = {l: np.zeros(len(fit)) for l in LABELS}
# second-level CV with different fold assignment
folds2 = [(f + 2) % 5 for f in folds]
for l_i, l in enumerate(LABELS):
    y = np.array([1 if l in g else 0 for g in gold])
    for k in range(5):
        tr = np.array([f != k for f in folds2]); te = ~tr
        clf = LogisticRegression(C=1.0, max_iter=1000).fit(X[tr], y[tr])
        oof2[l][te] = clf.predict_proba(X[te])[:, 1]
import copy
def decide_with(scores_by_label, ev):
    thresholds = {}
    training._tune(thresholds, {l: list(v) for l, v in scores_by_label.items()}, [passages[i] for i in fit])
    ds = Mapper.__new__(Mapper)
    from disclint.mapper.definitions import load_directives
    ds = load_directives()
    class M:  # model stub returning precomputed scores
        pass
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
            Mapper(directives=ds, model=Fake())._decide(w)
        out.append(w.result)
    return evaluate([passages[i] for i in fit], out)
for name, sc in (("base", oof), ("stack", oof2)):
    for ev in (0.5, 0.7):
        rep = decide_with(sc, ev)
        mi = rep["micro"]
        rec = " ".join(f"{d}:{m['recall']:.2f}" for d, m in rep["per_directive"].items())
        print(name, ev, f"F1 {mi['f1']:.3f} P {mi['precision']:.3f} R {mi['recall']:.3f} macro {rep['macro']['f1']:.3f} | {rec}", flush=True)
