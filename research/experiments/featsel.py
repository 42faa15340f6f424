"""Per-label chi2 feature selection (top k sparse features) before the logistic regression."""
from variants import *
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_selection import chi2
from sklearn.linear_model import LogisticRegression
base = [training_row(work[i].features) for i in fit]
def run(k):
    oof = {l: np.zeros(len(fit)) for l in LABELS}
    for f in range(5):
        inner = [j for j in range(len(fit)) if folds[j] != f]
        held = [j for j in range(len(fit)) if folds[j] == f]
        vec = DictVectorizer()
        X = vec.fit_transform([base[j] for j in inner]).tocsr()
        Xh = vec.transform([base[j] for j in held]).tocsr()
        names = vec.get_feature_names_out()
        dense = np.array([n.startswith("v:") for n in names])
        Xpos = abs(X)
        for l in LABELS:
            y = np.array([1 if l in gold[j] else 0 for j in inner])
            sc, _ = chi2(Xpos, y)
            sc = np.nan_to_num(sc)
            sc[dense] = np.inf  # always keep the word vector
            keep = np.argsort(-sc)[: k + dense.sum()]
            clf = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced", max_iter=1000)
            clf.fit(X[:, keep], y)
            oof[l][held] = clf.predict_proba(Xh[:, keep])[:, 1]
    return oof
for k in (1000, 3000, 10000):
    show(f"chi2 top {k}", run(k))
