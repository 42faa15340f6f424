from variants import *
import pickle, os
from disclint.text.segment import sentence_spans
from disclint.mapper.corpus import Passage
cache = str(CACHE / f"sentwork-{KEY}.pkl")
# sentence pseudo-passages for multi-sentence fit passages
owners, sps = [], []
for j, i in enumerate(fit):
    p = passages[i]
    spans = [(s, e) for s, e in sentence_spans(p.text) if p.text[s:e].strip()]
    if len(spans) < 2: continue
    for s, e in spans:
        owners.append(j)
        sps.append(Passage(id=f"{p.id}#{s}", text=p.text[s:e], cyber=p.cyber, directives=p.directives, context=p.context))
print(len(sps), "sentences of", len(set(owners)), "passages")
if os.path.exists(cache):
    swork = pickle.load(open(cache, "rb"))
else:
    from disclint.mapper.model import LinearModel
    empty = LinearModel({l: {} for l in LABELS}, {l: 0.0 for l in LABELS}, {l: 0.5 for l in LABELS})
    swork = training.featurise(Mapper(model=empty), sps)
    pickle.dump(swork, open(cache, "wb"))
base = [training_row(work[i].features) for i in fit]
srows = [training_row(w.features) for w in swork]
oof = {l: np.zeros(len(fit)) for l in LABELS}
soof = {l: np.zeros(len(fit)) for l in LABELS}
for k in range(5):
    inner = [j for j in range(len(fit)) if folds[j] != k]
    held = set(j for j in range(len(fit)) if folds[j] == k)
    m = train([base[j] for j in inner], [gold[j] for j in inner])
    for l in LABELS:
        for j in held:
            oof[l][j] = m.score(l, base[j])
        for r, o in zip(srows, owners):
            if o in held:
                soof[l][o] = max(soof[l][o], m.score(l, r))
np.save(str(CACHE / "soof.npy"), np.array([soof[l] for l in LABELS]))
show("base", oof)
for lam in (0.6, 0.8, 0.9, 1.0):
    comb = {l: (oof[l] if l == "cyber" else np.maximum(oof[l], lam * soof[l])) for l in LABELS}
    show(f"max lam={lam}", comb)
for a in (0.3, 0.5):
    comb = {l: (oof[l] if l == "cyber" else np.where(soof[l] > 0, (1 - a) * oof[l] + a * soof[l], oof[l])) for l in LABELS}
    show(f"mix a={a}", comb)
