"""Find likely label errors in the corpus by confident learning (cleanlab), model-agnostically.

    .venv/bin/python research/label_audit.py [--out research/out/label_audit.jsonl]
                                             [--near-dup 0.0] [--packets /work/staging/audit15 --max 400]

1. Out-of-fold predicted probabilities for every passage of ``corpus/passages`` (all splits: a
   label error in the test split matters as much) and every label (``cyber``, ``d1`` … ``d10``):
   the features of ``make model`` (``cv_mapper.cached_work``: the run-time stages, its headings as
   context), 5 folds by ``training.fold_of`` (the seeded hash folds of ``make model``), each fold
   scored by ``model.train`` on the other four with the shipped settings (C 1.0, sentence-level
   score of ``training._score``). The code has no grouping of near-duplicates; ``--near-dup J``
   puts passages of one file whose character-trigram Jaccard is >= J into one fold (off by default;
   the number of such pairs is printed either way).
2. cleanlab (research tool, not a dependency of disclint: ``.venv/bin/pip install cleanlab``):
   ``multilabel_classification.filter.find_label_issues`` (prune by noise rate, ranked by
   self-confidence) flags passages; ``find_multilabel_issues_per_class`` says which labels are in
   question; ``rank.get_label_quality_scores`` gives each passage a score (low = likely wrong).
   The linear models are trained with balanced class weights, so their probabilities are not
   calibrated; confident learning only compares a passage with the per-label average
   self-confidence (its thresholds), which absorbs that.
3. Writes one JSON line per passage (flagged first, in cleanlab's order; then the rest by score)
   and prints the counts by label and direction (label present but probably wrong / probably
   missing) and by genre. ``--packets DIR`` also writes the blind annotation packets (see
   ``write_packets``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cv_mapper import cached_work  # noqa: E402

from disclint.mapper import training  # noqa: E402
from disclint.mapper.corpus import Passage, load_passages  # noqa: E402
from disclint.mapper.features import training_row  # noqa: E402
from disclint.mapper.model import LABELS, train  # noqa: E402
from disclint.resources import data_dir  # noqa: E402

HERE = Path(__file__).resolve().parent


def file_of_ids() -> dict[str, str]:
    """Passage id -> its file name in corpus/passages (load_passages does not keep it)."""
    out = {}
    for path in sorted((data_dir("corpus") / "passages").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out[json.loads(line)["id"]] = path.name
    return out


def near_duplicate_groups(passages: list[Passage], files: dict[str, str], jaccard: float) -> tuple[list[int], int]:
    """Union-find over passages of one file whose text + headings share >= ``jaccard`` of their
    character trigrams; returns each passage's group representative and the number of pairs."""
    parent = list(range(len(passages)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    grams = []
    for p in passages:
        t = p.context_text + "\n" + p.text
        grams.append({t[i : i + 3] for i in range(max(1, len(t) - 2))})
    by_file: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(passages):
        by_file[files[p.id]].append(i)
    pairs = 0
    for idx in by_file.values():
        for a_pos, a in enumerate(idx):
            ga = grams[a]
            for b in idx[a_pos + 1 :]:
                gb = grams[b]
                small, large = sorted((len(ga), len(gb)))
                if small < jaccard * large:  # the Jaccard cannot reach the bound
                    continue
                if len(ga & gb) >= jaccard * len(ga | gb):
                    pairs += 1
                    parent[find(a)] = find(b)
    return [find(i) for i in range(len(passages))], pairs


def out_of_fold(passages: list[Passage], work, groups: list[int] | None, C: float):
    """N x K out-of-fold probabilities (K = LABELS) by the shipped model settings."""
    import numpy as np

    feats = [training_row(w.features) for w in work]
    gold = [training.gold_labels(p) for p in passages]
    # a group takes the fold of its representative passage: the seeded hash folds of make model
    fold = [training.fold_of(passages[g].id) for g in groups] if groups else [training.fold_of(p.id) for p in passages]
    probs = np.zeros((len(passages), len(LABELS)))
    for k in range(training.FOLDS):
        inner = [i for i in range(len(passages)) if fold[i] != k]
        held = [i for i in range(len(passages)) if fold[i] == k]
        m = train([feats[i] for i in inner], [gold[i] for i in inner], C=C)
        for i in held:
            for j, label in enumerate(LABELS):
                probs[i, j] = training._score(m, label, work[i], feats[i])
        print(f"fold {k}: {len(held)} held out", flush=True)
    return probs


def audit(passages: list[Passage], probs, filter_by: str):
    """cleanlab's verdicts: ranked flagged indices, per-label issue mask, quality scores."""
    from cleanlab.multilabel_classification import filter as mlfilter
    from cleanlab.multilabel_classification.rank import get_label_quality_scores

    labels = [[LABELS.index(lb) for lb in sorted(training.gold_labels(p), key=LABELS.index)] for p in passages]
    ranked = mlfilter.find_label_issues(labels, probs, filter_by=filter_by, return_indices_ranked_by="self_confidence")
    per_class = mlfilter.find_multilabel_issues_per_class(labels, probs, filter_by=filter_by)
    scores = get_label_quality_scores(labels, probs, method="self_confidence")
    return [int(i) for i in ranked], per_class, scores


def oof_micro_f1(passages: list[Passage], probs) -> tuple[float, dict[str, float]]:
    """Sanity check: micro-F1 over d1–d10 of the out-of-fold scores at thresholds tuned on them
    (``training.tune_thresholds``; no evidence rule, so not the run-time figure)."""
    thr: dict[str, float] = {}
    training.tune_thresholds(thr, {lb: list(probs[:, j]) for j, lb in enumerate(LABELS)}, passages)
    tp = fp = fn = 0
    for i, p in enumerate(passages):
        g = training.gold_labels(p)
        for j, lb in enumerate(LABELS[1:], 1):
            pred = probs[i, j] >= thr[lb]
            tp += pred and lb in g
            fp += pred and lb not in g
            fn += (not pred) and lb in g
    return 2 * tp / (2 * tp + fp + fn), thr


def report(passages: list[Passage], rows: list[dict]) -> str:
    flagged = [r for r in rows if r["flagged"]]
    lines = [f"flagged passages: {len(flagged)} of {len(rows)}"]
    total = Counter(lb for p in passages for lb in training.gold_labels(p))
    present = Counter(q["label"] for r in flagged for q in r["in_question"] if q["direction"] == "present")
    missing = Counter(q["label"] for r in flagged for q in r["in_question"] if q["direction"] == "missing")
    lines.append("label   labelled  present-but-probably-wrong  probably-missing")
    for lb in LABELS:
        lines.append(f"{lb:6} {total[lb]:9} {present[lb]:27} {missing[lb]:17}")
    lines.append(f"{'all':6} {sum(total.values()):9} {sum(present.values()):27} {sum(missing.values()):17}")
    by_group = Counter(r["genre"] for r in rows)
    fl_group = Counter(r["genre"] for r in flagged)
    lines.append("by genre (style:<style> for passages without one): flagged / passages (share)")
    for g, n in sorted(by_group.items(), key=lambda kv: (-fl_group[kv[0]] / kv[1], kv[0])):
        lines.append(f"  {g:36} {fl_group[g]:4} / {n:4}  ({fl_group[g] / n:.0%})")
    by_file = Counter(r["file"] for r in rows)
    fl_file = Counter(r["file"] for r in flagged)
    lines.append(
        "by file: " + " ".join(f"{f.removesuffix('.jsonl')}:{fl_file[f]}/{n}" for f, n in sorted(by_file.items()))
    )
    return "\n".join(lines)


def write_packets(
    rows: list[dict], passages_by_id: dict[str, Passage], out: Path, limit: int, size: int, seed: int = 15
) -> list[Path]:
    """Blind packets of the ``limit`` top-ranked flagged passages: A001 … in a seeded random
    order (the position says nothing of the rank), text and headings only; ``key.jsonl``
    maps packet id -> corpus id and the current labels (for apply_audit.py; not for annotators)."""
    chosen = [r for r in rows if r["flagged"]][:limit]
    random.Random(seed).shuffle(chosen)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    key = []
    for n in range(0, len(chosen), size):
        part = chosen[n : n + size]
        no = n // size + 1
        path = out / f"packet_{no:02d}.md"
        text = [
            f"# Packet {no:02d} ({len(part)} passages)",
            "",
            "Instructions: ANNOTATE.md in this folder. Label every passage below.",
            "",
        ]
        for k, r in enumerate(part, n + 1):
            pid = f"A{k:03d}"
            p = passages_by_id[r["id"]]
            key.append(
                {
                    "pid": pid,
                    "id": r["id"],
                    "file": r["file"],
                    "cyber": p.cyber,
                    "directives": list(p.directives),
                    "packet": path.name,
                    "rank": r["rank"],
                    "in_question": r["in_question"],
                }
            )
            ctx = json.dumps(list(p.context), ensure_ascii=False) if p.context else "(none / なし)"
            text += [
                f"## {pid}",
                "",
                f"context (headings / 見出し): {ctx}",
                "",
                "text:",
                "",
                "~~~text",
                p.text,
                "~~~",
                "",
            ]
        path.write_text("\n".join(text), encoding="utf-8")
        paths.append(path)
    with (out / "key.jsonl").open("w", encoding="utf-8") as fh:
        for k in sorted(key, key=lambda k: k["pid"]):
            fh.write(json.dumps(k, ensure_ascii=False) + "\n")
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=HERE / "out" / "audit-features.pkl")
    ap.add_argument("--out", type=Path, default=HERE / "out" / "label_audit.jsonl")
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--near-dup", type=float, default=0.0, help="group near-duplicates of one file (trigram Jaccard)")
    ap.add_argument("--filter-by", default="prune_by_noise_rate")
    ap.add_argument("--packets", type=Path, help="also write blind annotation packets to this folder")
    ap.add_argument("--max", type=int, default=400, help="passages in the packets (top-ranked flagged)")
    ap.add_argument("--packet-size", type=int, default=100)
    args = ap.parse_args()

    passages = load_passages()
    files = file_of_ids()
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    groups, pairs = near_duplicate_groups(passages, files, args.near_dup or 0.7)
    print(f"near-duplicate pairs within a file (trigram Jaccard >= {args.near_dup or 0.7}): {pairs}", flush=True)
    work = cached_work(passages, args.cache)
    probs = out_of_fold(passages, work, groups if args.near_dup else None, args.C)
    f1, thr = oof_micro_f1(passages, probs)
    print(f"out-of-fold micro-F1 (d1-d10, tuned thresholds, no evidence rule): {f1:.3f}", flush=True)

    ranked, per_class, scores = audit(passages, probs, args.filter_by)
    rank_of = {i: r for r, i in enumerate(ranked, 1)}
    rows = []
    for i, p in enumerate(passages):
        gold = training.gold_labels(p)
        question = [
            {"label": lb, "direction": "present" if lb in gold else "missing", "p": round(float(probs[i, j]), 3)}
            for j, lb in enumerate(LABELS)
            if per_class[i, j]
        ]
        rows.append(
            {
                "id": p.id,
                "file": files[p.id],
                "genre": p.group,
                "split": p.split,
                "cyber": p.cyber,
                "directives": list(p.directives),
                "flagged": i in rank_of,
                "rank": rank_of.get(i),
                "score": round(float(scores[i]), 4),
                "in_question": question,
                "probs": {lb: round(float(probs[i, j]), 3) for j, lb in enumerate(LABELS)},
            }
        )
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["score"]))
    with args.out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    no_class = sum(1 for r in rows if r["flagged"] and not r["in_question"])
    print(report(passages, rows))
    if no_class:
        print(f"({no_class} flagged passages have no single label in question in the per-label run)")
    print(f"wrote {args.out}")
    if args.packets:
        paths = write_packets(rows, {p.id: p for p in passages}, args.packets, args.max, args.packet_size)
        print("packets: " + ", ".join(str(p) for p in paths) + f"; key: {args.packets / 'key.jsonl'}")


if __name__ == "__main__":
    main()
