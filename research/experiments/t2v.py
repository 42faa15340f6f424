from variants import *
import time, os, pickle
from disclint import nlp
cache = str(CACHE / f"t2v-{KEY}.pkl")
if os.path.exists(cache):
    T = pickle.load(open(cache, "rb"))
else:
    n = nlp.load()
    tok2vec = n.get_pipe("tok2vec")
    texts = [work[i].norm.text for i in fit]
    t = time.time()
    docs = [n.make_doc(x) for x in texts]
    t1 = time.time()
    T = {}
    for i, d in zip(fit, tok2vec.pipe(docs, batch_size=64)):
        v = d.tensor.mean(axis=0) if len(d) else np.zeros(d.tensor.shape[1] if d.tensor.ndim == 2 else 96)
        T[i] = v / (np.linalg.norm(v) or 1)
    t2 = time.time()
    print(f"make_doc {t1-t:.1f}s tok2vec {t2-t1:.1f}s chars {sum(map(len, texts))} -> {sum(map(len, texts))/(t2-t1):.0f} chars/s dims {len(T[fit[0]])}")
    pickle.dump(T, open(cache, "wb"))
base = [training_row(work[i].features) for i in fit]
for scale in (3.0, 5.0):
    rows = []
    for j, i in enumerate(fit):
        r = dict(base[j])
        r.update((f"t:{k}", float(x) * scale) for k, x in enumerate(T[i]))
        rows.append(r)
    show(f"tok2vec x{scale}", oof_scores(rows))
