"""Evaluation of the mapper against gold labels: per-directive P/R/F1, micro/macro F1,
screening recall/precision and the confusions between directives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..guideline import directive_ids
from ..i18n import t
from .corpus import Passage
from .pipeline import PassageResult


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate(gold: Sequence[Passage], pred: Sequence[PassageResult]) -> dict[str, Any]:
    per: dict[int, dict[str, int]] = {d: {"tp": 0, "fp": 0, "fn": 0} for d in directive_ids()}
    confusions: Counter[tuple[int, int]] = Counter()
    errors: list[dict[str, Any]] = []
    scr: Counter[str] = Counter()
    cyb: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=False):
        gs, ps = set(g.directives), set(p.directives)
        for d in per:
            if d in gs and d in ps:
                per[d]["tp"] += 1
            elif d in ps:
                per[d]["fp"] += 1
            elif d in gs:
                per[d]["fn"] += 1
        for missed in gs - ps:
            for extra in ps - gs:
                confusions[(missed, extra)] += 1
        if gs != ps:
            errors.append({"id": g.id, "gold": sorted(gs), "pred": sorted(ps), "text": g.text[:80]})
        scr["tp" if g.cyber and p.screened else "fn" if g.cyber else "fp" if p.screened else "tn"] += 1
        cyb["tp" if g.cyber and p.cyber else "fn" if g.cyber else "fp" if p.cyber else "tn"] += 1
    by_genre: dict[str, Counter[str]] = {}
    for g, p in zip(gold, pred, strict=False):
        if g.genre:
            c = by_genre.setdefault(g.genre, Counter())
            gs, ps = set(g.directives), set(p.directives)
            c["n"] += 1
            c["tp"] += len(gs & ps)
            c["fp"] += len(ps - gs)
            c["fn"] += len(gs - ps)
    tp = sum(v["tp"] for v in per.values())
    fp = sum(v["fp"] for v in per.values())
    fn = sum(v["fn"] for v in per.values())
    per_directive = {d: _prf(**v) for d, v in per.items()}
    macro = sum(v["f1"] for v in per_directive.values()) / len(per_directive)
    return {
        "n": len(gold),
        "per_directive": per_directive,
        "micro": _prf(tp, fp, fn),
        "macro": {"f1": round(macro, 4)},
        "screening": _prf(scr["tp"], scr["fp"], scr["fn"]),
        "cyber": _prf(cyb["tp"], cyb["fp"], cyb["fn"]),
        "per_genre": {k: dict(_prf(c["tp"], c["fp"], c["fn"]), n=c["n"]) for k, c in sorted(by_genre.items())},
        "confusions": [{"gold": a, "predicted": b, "count": c} for (a, b), c in confusions.most_common(15)],
        "errors": errors,
    }


def format_report(rep: dict[str, Any], lang: str = "ja") -> str:
    col = {k: t(f"eval.col_{k}", lang) for k in ("directive", "precision", "recall")}
    lines = [
        f"{t('eval.passages', lang)}: {rep['n']}",
        f"{col['directive']:<6}{col['precision']:>8}{col['recall']:>8}{'F1':>8}{'TP':>5}{'FP':>5}{'FN':>5}",
    ]
    for d, m in rep["per_directive"].items():
        lines.append(
            f"{d:<6}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['tp']:>5}{m['fp']:>5}{m['fn']:>5}"
        )
    mi = rep["micro"]
    lines.append(
        f"micro F1 {mi['f1']:.3f} (P {mi['precision']:.3f} / R {mi['recall']:.3f}), macro F1 {rep['macro']['f1']:.3f}"
    )
    s, c = rep["screening"], rep["cyber"]
    lines.append(f"{t('eval.screening', lang)}: recall {s['recall']:.3f}, precision {s['precision']:.3f}")
    lines.append(f"{t('eval.cyber', lang)}: recall {c['recall']:.3f}, precision {c['precision']:.3f}")
    for genre, m in rep.get("per_genre", {}).items():
        lines.append(
            f"  {t('eval.genre', lang)} {genre}: n={m['n']} micro F1 {m['f1']:.3f} (P {m['precision']:.3f} / R {m['recall']:.3f})"
            f" TP {m['tp']} FP {m['fp']} FN {m['fn']}"
        )
    if rep["confusions"]:
        lines.append(
            t("eval.confusions", lang)
            + ", ".join(f"{x['gold']}→{x['predicted']}×{x['count']}" for x in rep["confusions"][:10])
        )
    return "\n".join(lines)
