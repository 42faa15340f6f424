from variants import *
import pickle, os
from disclint import nlp
cache = str(CACHE / f"np_tokens-{KEY}.pkl")
if os.path.exists(cache):
    toks = pickle.load(open(cache, "rb"))
else:
    toks = {}
    for i in fit:
        d = nlp.tokenize(work[i].norm.text)
        toks[i] = [(t.norm_ or t.lemma_, t.pos_, t.tag_) for t in d]
    pickle.dump(toks, open(cache, "wb"))
def np_feats(tt, with_particle, window=6):
    out = set()
    pending = []
    for k, (lem, pos, tag) in enumerate(tt):
        if pos == "PUNCT" and lem in ("。", "．"):
            pending = []; continue
        if pos == "VERB":
            for n, part in pending:
                out.add(f"np:{n}|{part}|{lem}" if with_particle else f"np:{n}|{lem}")
            pending = []
            if tag.startswith("名詞"):  # サ変 noun used as predicate can also be an argument later? no
                pass
            continue
        if pos in ("NOUN", "PROPN") and not tag.endswith("助数詞可能") and lem not in ("当社", "こと", "ため", "等"):
            part = tt[k + 1][0] if k + 1 < len(tt) and tt[k + 1][1] == "ADP" else ""
            pending.append((lem, part))
            pending = pending[-window:]
    return out
base = [training_row(work[i].features) for i in fit]
for wp in (False, True):
    for scale in (0.5, 1.0):
        rows = []
        for j, i in enumerate(fit):
            r = dict(base[j])
            for f in np_feats(toks[i], wp): r[f] = scale
            rows.append(r)
        show(f"np particle={wp} x{scale}", oof_scores(rows))
