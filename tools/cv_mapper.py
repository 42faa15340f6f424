"""Compare mapper training variants by cross-validation on train+dev only (the test split is
never scored here; ``make model`` scores it once).

    .venv/bin/python tools/cv_mapper.py [--C 0.5,1,2] [--evidence-min 0.5,0.7] [--scale c:2,p:2]
                                        [--show-misses 5]

For each variant: the 5-fold out-of-fold models of ``make model``, thresholds tuned on their
scores, and the full run-time decision (stage 0, evidence rule, fallback) for every held-out
passage, scored like ``disclint eval``. Features are computed once (≈ 20 s) and cached in
``--cache`` by corpus hash.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from disclint.mapper import training  # noqa: E402
from disclint.mapper.corpus import load_passages  # noqa: E402
from disclint.mapper.evaluate import evaluate, format_report  # noqa: E402
from disclint.mapper.features import training_row  # noqa: E402
from disclint.mapper.model import LABELS, LinearModel, train  # noqa: E402
from disclint.mapper.pipeline import Mapper  # noqa: E402
from disclint.resources import data_dir  # noqa: E402


def cached_work(passages, cache: Path):
    # the corpus, the code that makes features and the directive data (concepts, patterns):
    # a stale cache would hide a change
    here = Path(training.__file__).parent
    code = b"".join((here / f).read_bytes() for f in ("features.py", "pipeline.py", "definitions.py"))
    code += b"".join(p.read_bytes() for p in sorted((data_dir("rules") / "directives").glob("*.yml")))
    key = training.corpus_hash(passages) + hashlib.sha256(code).hexdigest()[:16]
    if cache.exists():
        data = pickle.loads(cache.read_bytes())
        if data.get("key") == key:
            return data["work"]
    empty = LinearModel({l: {} for l in LABELS}, {l: 0.0 for l in LABELS}, {l: 0.5 for l in LABELS})
    work = training.featurise(Mapper(model=empty), passages)
    cache.write_bytes(pickle.dumps({"key": key, "work": work}))
    return work


def run_variant(passages, work, fit, C: float, evidence_min: float):
    feats = [training_row(work[i].features) for i in fit]
    gold = [training._gold(passages[i]) for i in fit]
    oof = {label: [0.0] * len(fit) for label in LABELS}
    models = {}
    for k in range(training.FOLDS):
        inner = [j for j, i in enumerate(fit) if training._fold(passages[i].id) != k]
        held = [j for j, i in enumerate(fit) if training._fold(passages[i].id) == k]
        models[k] = m = train([feats[j] for j in inner], [gold[j] for j in inner], C=C)
        for label in LABELS:
            for j in held:
                oof[label][j] = m.score(label, feats[j])
    thresholds: dict[str, float] = {}
    training._tune(thresholds, oof, [passages[i] for i in fit])
    for m in models.values():
        m.thresholds = thresholds
    ds = Mapper(model=models[0]).ds
    preds = training._oof_decisions(ds, work, fit, models, passages, evidence_min)
    return evaluate([passages[i] for i in fit], preds), thresholds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path("/tmp/disclint-cv.pkl"))
    ap.add_argument("--C", default="1.0")
    ap.add_argument("--evidence-min", default="0.7")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--scale", default="", help="e.g. c:2,cd:2,p:2 multiplies those feature families")
    ap.add_argument("--show-misses", type=int, default=0, help="held-out passages per directive that miss it")
    args = ap.parse_args()
    passages = load_passages()
    work = cached_work(passages, args.cache)
    fit = [i for i, p in enumerate(passages) if p.split in ("train", "dev")]
    if args.scale:
        factors = {k: float(v) for k, v in (x.split(":") for x in args.scale.split(","))}
        for w in work:
            w.features.values = {f: x * factors.get(f.split(":", 1)[0], 1.0) for f, x in w.features.values.items()}
    for C in args.C.split(","):
        for ev in args.evidence_min.split(","):
            rep, thr = run_variant(passages, work, fit, float(C), float(ev))
            mi = rep["micro"]
            rec = " ".join(f"{d}:{m['recall']:.2f}" for d, m in rep["per_directive"].items())
            print(f"C={C} ev={ev}: micro F1 {mi['f1']:.3f} P {mi['precision']:.3f} R {mi['recall']:.3f} "
                  f"macro {rep['macro']['f1']:.3f} cyber R {rep['cyber']['recall']:.3f} | recall {rec}", flush=True)
            if args.verbose:
                print(format_report(rep, "en"))
                print(thr)
            for d in range(1, 11) if args.show_misses else ():
                misses = [e for e in rep["errors"] if d in e["gold"] and d not in e["pred"]][: args.show_misses]
                for e in misses:
                    print(f"  miss {d}: {e['id']} gold {e['gold']} pred {e['pred']} {e['text']}")


if __name__ == "__main__":
    main()
