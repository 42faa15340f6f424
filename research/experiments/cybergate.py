"""A passage the cyber classifier rejects is still cyber when one directive scores at least X
and has its own concept or pattern (X chosen on the training folds, nested; X = 1.1 is off)."""
from variants import *

oof = oof_scores([training_row(work[i].features) for i in fit])
screened = [ds.screens(work[i].norm.text, work[i].context_norm) for i in fit]


def tune(sel, l, lo=10, hi=76):
    return tune_threshold(oof, sel, l, lo, hi)


def decide(j, thr, gate, efm=0.5):
    """The run-time rule of pipeline.decide, plus the gate."""
    r = PassageResult(text="", screened=screened[j])
    if not r.screened:
        return r
    r.cyber = bool(oof["cyber"][j] >= thr["cyber"]) or any(
        oof[f"d{d}"][j] >= gate and d in expl[j] for d in range(1, 11))
    if r.cyber:
        sc = {d: oof[f"d{d}"][j] for d in range(1, 11)}
        labs = [d for d, s in sc.items() if s >= thr[f"d{d}"] and (d in expl[j] or s >= efm)]
        best = max(sc, key=sc.get)
        if not labs and sc[best] >= 0.2 and best in expl[j]:
            labs = [best]
        r.directives = sorted(labs)
    return r


def micro(js, thr, gate):
    tp = fp = fn = 0
    for j in js:
        pred = set(decide(j, thr, gate).directives); g = set(passages[fit[j]].directives)
        tp += len(pred & g); fp += len(pred - g); fn += len(g - pred)
    return 2 * tp / (2 * tp + fp + fn)


GATES = (0.6, 0.7, 0.8, 0.9, 1.1)
for mode in ("off", "nested"):
    out = [None] * len(fit)
    for k in range(5):
        tr = F != k
        thr = {l: tune(tr, l) for l in LABELS}
        gate = 1.1 if mode == "off" else max(GATES, key=lambda x: (micro(np.where(tr)[0], thr, x), -x))
        for j in np.where(F == k)[0]:
            out[j] = decide(j, thr, gate)
            out[j].text = work[fit[j]].text
        print(mode, "fold", k, "gate", gate)
    rep = evaluate([passages[i] for i in fit], out)
    mi = rep["micro"]
    print(mode, f"F1 {mi['f1']:.3f} P {mi['precision']:.3f} R {mi['recall']:.3f} cyber R {rep['cyber']['recall']:.3f} P {rep['cyber']['precision']:.3f}",
          " ".join(f"{d}:{m['recall']:.2f}" for d, m in rep["per_directive"].items()), flush=True)
