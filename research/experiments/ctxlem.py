from variants import *
from disclint import nlp
from disclint.mapper.features import content_features
cache = {}
def ctx_feats(s):
    if s not in cache:
        if not s: cache[s] = []
        else:
            lem, _ = content_features(nlp.tokenize(s))
            cache[s] = sorted(set(x for x in lem if x != "<NUM>"))
    return cache[s]
base = [training_row(work[i].features) for i in fit]
for scale in (0.5, 1.0):
    rows = []
    for j, i in enumerate(fit):
        r = dict(base[j])
        for x in ctx_feats(work[i].context_norm): r[f"h:{x}"] = scale
        rows.append(r)
    show(f"ctx lemmas x{scale}", oof_scores(rows))
