from variants import *
from sklearn.feature_extraction import DictVectorizer
from sklearn.neural_network import MLPClassifier
import time
base = [training_row(work[i].features) for i in fit]
Y = np.array([[1 if l in g else 0 for l in LABELS] for g in gold])
lr = oof_scores(base)  # the linear model on the same folds
for hidden, alpha in ((256, 1e-3), (512, 1e-2)):
    t = time.time()
    oof = {l: np.zeros(len(fit)) for l in LABELS}
    for k in range(5):
        inner = [j for j in range(len(fit)) if folds[j] != k]
        held = [j for j in range(len(fit)) if folds[j] == k]
        vec = DictVectorizer()
        X = vec.fit_transform([base[j] for j in inner])
        clf = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=alpha, max_iter=60, random_state=0)
        clf.fit(X, Y[inner])
        P = clf.predict_proba(vec.transform([base[j] for j in held]))
        for li, l in enumerate(LABELS):
            oof[l][held] = P[:, li]
    show(f"mlp h{hidden} a{alpha} ({time.time()-t:.0f}s)", oof)
    show("  avg with LR", {l: (oof[l] + lr[l]) / 2 for l in LABELS})
