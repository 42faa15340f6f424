"""Stacking: a second logistic regression per label on the first model's out-of-fold scores of
all eleven labels (logits) and the per-directive concept counts; second-level folds differ from
the first-level ones."""
from variants import *
from sklearn.linear_model import LogisticRegression

base = [training_row(work[i].features) for i in fit]
oof = oof_scores(base)


def logit(p):
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


S = np.stack([logit(oof[l]) for l in LABELS], axis=1)
CD = np.array([[work[i].features.values.get(f"cd:{d}", 0.0) for d in range(1, 11)] for i in fit])
X = np.hstack([S, CD])
folds2 = np.array([(f + 2) % 5 for f in folds])
show("base", oof, (0.5, 0.7))
for weight in ("balanced", None):
    oof2 = {l: np.zeros(len(fit)) for l in LABELS}
    for l in LABELS:
        y = np.array([1 if l in g else 0 for g in gold])
        for k in range(5):
            tr = folds2 != k
            clf = LogisticRegression(C=1.0, class_weight=weight, max_iter=1000).fit(X[tr], y[tr])
            oof2[l][~tr] = clf.predict_proba(X[~tr])[:, 1]
    show(f"stack class_weight={weight}", oof2, (0.5, 0.7))
