"""Compare mapper training variants by cross-validation on train+dev only (the test split is
never scored here; ``make model`` scores it once).

    .venv/bin/python research/cv_mapper.py [--C 0.5,1,2] [--evidence-min 0.5,0.7] [--scale c:2,p:2]
                                        [--show-misses 5] [--groups] [--extra FILE_OR_DIR ...]
                                        [--realdev]

For each variant: the 5-fold out-of-fold models of ``make model``, thresholds tuned on their
scores, and the full run-time decision (stage 0, evidence rule, fallback) for every held-out
passage, scored like ``disclint eval``. Features are computed once (≈ 20 s) and cached in
``--cache`` by corpus hash.

``--groups`` adds leave-one-group-out cross-validation: each genre (``genre`` of the passage;
``style:<style>`` for passages without one) is held out in turn, the model trained on all
other groups, thresholds tuned on those out-of-group scores; micro-F1 over all passages and
per group. ``--extra`` adds passage files (e.g. the staging genres) to train+dev for an
experiment (``make model`` reads ``corpus/passages`` only). ``--realdev`` also fits on all of
train+dev (the thresholds of the 5-fold run) and scores ``../shared/realdev`` (both sets,
through ``benchmarks/bench_realdev.py``), when present.
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


META: dict = {}  # extra model meta for every variant (sentence_lambda, require_evidence …)


def _scorer(m, w, j_row, label):
    s = m.score(label, j_row)
    lam = META.get("sentence_lambda", 0.0)
    if lam and label != "cyber" and w.sentence_features:
        from disclint.mapper.pipeline import sentence_directives

        need = META.get("sentence_needs_evidence", False)
        d = int(label[1:])
        sc = [m.score(label, sf.values, sf.vector) for sf in w.sentence_features if not need or d in sentence_directives(sf)]
        s = max(s, lam * max(sc, default=0.0))
    return s


def run_variant(passages, work, fit, C: float, evidence_min: float, fold_of=None):
    """Out-of-fold run-time decisions; ``fold_of(passage)`` names the fold (default: the
    5 hash folds of ``make model``; leave-one-group-out passes ``Passage.group``)."""
    fold_of = fold_of or (lambda p: training.fold_of(p.id))
    feats = [training_row(work[i].features) for i in fit]
    gold = [training.gold_labels(passages[i]) for i in fit]
    oof = {label: [0.0] * len(fit) for label in LABELS}
    models = {}
    fold = [fold_of(passages[i]) for i in fit]
    for k in sorted(set(fold)):
        inner = [j for j in range(len(fit)) if fold[j] != k]
        held = [j for j in range(len(fit)) if fold[j] == k]
        models[k] = m = train([feats[j] for j in inner], [gold[j] for j in inner], C=C)
        for label in LABELS:
            for j in held:
                oof[label][j] = _scorer(m, work[fit[j]], feats[j], label)
    thresholds: dict[str, float] = {}
    training.tune_thresholds(thresholds, oof, [passages[i] for i in fit])
    for m in models.values():
        m.thresholds = thresholds
    ds = Mapper(model=models[fold[0]]).ds
    preds = decisions(ds, work, fit, [models[k] for k in fold], evidence_min)
    return evaluate([passages[i] for i in fit], preds), thresholds


def decisions(ds, work, idx, models, evidence_min):
    """The run-time decision for work[idx[j]] by models[j] (the model that did not see it)."""
    from disclint.mapper.pipeline import PassageResult

    out = []
    for i, m in zip(idx, models):
        w = work[i]
        m.meta = dict(m.meta, evidence_free_min=evidence_min, **META)
        w.result = PassageResult(text=w.text, screened=ds.screens(w.norm.text, w.context_norm))
        if w.result.screened:
            Mapper(directives=ds, model=m).decide(w)
        out.append(w.result)
    return out


def realdev_score(passages, work, fit, C, evidence_min, thresholds, cache: Path, dump: Path | None = None):
    """Fit on all of ``fit`` and score both realdev sets (None when ../shared is absent)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import bench_realdev as br

    if not (br.REALDEV / "build.py").exists():
        return None
    from disclint.mapper.corpus import Passage

    items = [it for s in br.load_sets().values() for it in s]
    rd = [Passage(it["id"], it["text"], bool(it["directives"]), tuple(it["directives"]), context=tuple(it["context"]),
                  genre=it["genre"]) for it in items]
    rd_work = cached_work(rd, cache.with_name(cache.stem + "-realdev.pkl"))
    m = train([training_row(work[i].features) for i in fit], [training.gold_labels(passages[i]) for i in fit], C=C)
    m.thresholds = thresholds
    ds = Mapper(model=m).ds
    preds = decisions(ds, rd_work, range(len(rd)), [m] * len(rd), evidence_min)
    pred = {it["id"]: {"directives": r.directives, "cyber": r.cyber} for it, r in zip(items, preds)}
    n1 = sum(1 for it in items if not it["id"].startswith("rd2-"))
    if dump:  # per-passage gold and predicted labels, to compare variants (stays outside the project)
        import json

        dump.write_text(json.dumps({it["id"]: [it["directives"], pred[it["id"]]["directives"]] for it in items}))
    return {"both": br.score(items, pred), "realdev": br.score(items[:n1], pred), "batch2": br.score(items[n1:], pred)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path("/tmp/disclint-cv.pkl"))
    ap.add_argument("--C", default="1.0")
    ap.add_argument("--evidence-min", default="0.7")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--scale", default="", help="e.g. c:2,cd:2,p:2 multiplies those feature families")
    ap.add_argument("--show-misses", type=int, default=0, help="held-out passages per directive that miss it")
    ap.add_argument("--groups", action="store_true", help="also leave-one-genre-out (style for passages without genre)")
    ap.add_argument("--extra", nargs="*", type=Path, default=[], help="passage files or folders added to train+dev")
    ap.add_argument("--realdev", action="store_true", help="also fit on train+dev and score ../shared/realdev")
    ap.add_argument("--sentence", default="0", help="sentence_lambda values: label score = max(passage, λ·best sentence)")
    ap.add_argument("--require-evidence", action="store_true", help="drop labels with no evidence span; no label for bare cells")
    ap.add_argument("--sentence-needs-evidence", action="store_true", help="a sentence counts for a directive only with its own evidence of it")
    ap.add_argument("--dump-realdev", type=Path, help="write realdev gold/predicted labels per passage (JSON) here")
    ap.add_argument("--logo-thresholds", action="store_true", help="score realdev with thresholds tuned on leave-genre-out scores (needs --groups)")
    ap.add_argument("--meta", action="append", default=[], help="KEY=JSON added to every variant's model meta")
    args = ap.parse_args()
    import json

    for kv in args.meta:
        k, v = kv.split("=", 1)
        META[k] = json.loads(v)
    if args.require_evidence:
        META["require_evidence"] = True
    if args.sentence_needs_evidence:
        META["sentence_needs_evidence"] = True
    passages = load_passages(extra=args.extra)
    work = cached_work(passages, args.cache)
    extra_ids = {p.id for p in load_passages(extra=args.extra)} - {p.id for p in load_passages()} if args.extra else set()
    # extra passages are experiment data: all of them go to train+dev
    fit = [i for i, p in enumerate(passages) if p.split in ("train", "dev") or p.id in extra_ids]
    if args.scale:
        factors = {k: float(v) for k, v in (x.split(":") for x in args.scale.split(","))}
        for w in work:
            w.features.values = {f: x * factors.get(f.split(":", 1)[0], 1.0) for f, x in w.features.values.items()}
    for C, ev, lam in ((C, ev, lam) for C in args.C.split(",") for ev in args.evidence_min.split(",")
                       for lam in args.sentence.split(",")):
        META["sentence_lambda"] = float(lam)
        print(f"variant: sentence_lambda={lam} require_evidence={bool(META.get('require_evidence'))}", flush=True)
        if True:
            rep, thr = run_variant(passages, work, fit, float(C), float(ev))
            mi = rep["micro"]
            rec = " ".join(f"{d}:{m['recall']:.2f}" for d, m in rep["per_directive"].items())
            print(f"C={C} ev={ev}: micro F1 {mi['f1']:.3f} P {mi['precision']:.3f} R {mi['recall']:.3f} "
                  f"macro {rep['macro']['f1']:.3f} cyber R {rep['cyber']['recall']:.3f} | recall {rec}", flush=True)
            if args.verbose:
                print(format_report(rep, "en"))
                print(thr)
            if args.groups:
                ngroups = len({passages[i].group for i in fit})
                # many genres: whole genres are held out together in 10 folds (each passage is still
                # scored by a model that saw no passage of its genre); few: one genre at a time
                fold_of = (lambda p: p.group) if ngroups <= 12 else (
                    lambda p: int(hashlib.sha1(("genre:" + p.group).encode()).hexdigest()[:8], 16) % 10)
                grep, gthr = run_variant(passages, work, fit, float(C), float(ev), fold_of=fold_of)
                if args.logo_thresholds:  # the realdev fit below uses the leave-genre-out thresholds
                    print(f"   leave-genre-out thresholds: {gthr} (5-fold: {thr})", flush=True)
                    thr = gthr
                gm = grep["micro"]
                by_group: dict[str, list[int]] = {}
                for j, i in enumerate(fit):
                    by_group.setdefault(passages[i].group, []).append(j)
                per = []
                for g, js in sorted(by_group.items()):
                    tp = fp = fn = 0
                    for j in js:
                        e = [x for x in grep["errors"] if x["id"] == passages[fit[j]].id]
                        gs = set(passages[fit[j]].directives)
                        ps = set(e[0]["pred"]) if e else gs
                        tp += len(gs & ps); fp += len(ps - gs); fn += len(gs - ps)
                    per.append(f"{g}:{2 * tp / max(1, 2 * tp + fp + fn):.2f}/{len(js)}")
                print(f"   leave-genre-out ({len(by_group)} groups{'' if ngroups <= 12 else ', in 10 folds of whole genres'}): micro F1 {gm['f1']:.3f} P {gm['precision']:.3f} "
                      f"R {gm['recall']:.3f} macro {grep['macro']['f1']:.3f} cyber P {grep['cyber']['precision']:.3f} "
                      f"R {grep['cyber']['recall']:.3f}", flush=True)
                print("   per group F1/n: " + " ".join(per), flush=True)
            if args.realdev:
                rd = realdev_score(passages, work, fit, float(C), float(ev), thr, args.cache, args.dump_realdev)
                if rd is None:
                    print("   realdev: skipped (../shared/realdev not found)")
                else:
                    b = rd["both"]
                    per = " ".join(f"{d}:{v[2]:.2f}" for d, v in b["per"].items())
                    print(f"   realdev both micro F1 {b['micro'][2]:.3f} (P {b['micro'][0]:.3f} R {b['micro'][1]:.3f}) "
                          f"realdev {rd['realdev']['micro'][2]:.3f} batch2 {rd['batch2']['micro'][2]:.3f} "
                          f"cyber P {b['cyber'][0]:.3f} R {b['cyber'][1]:.3f} | F1 {per}", flush=True)
            for d in range(1, 11) if args.show_misses else ():
                misses = [e for e in rep["errors"] if d in e["gold"] and d not in e["pred"]][: args.show_misses]
                for e in misses:
                    print(f"  miss {d}: {e['id']} gold {e['gold']} pred {e['pred']} {e['text']}")


if __name__ == "__main__":
    main()
