"""Precision of ``disclint lint`` from the judges' verdicts on the blind sample.

Run from the repository root::

    python benchmarks/lint_precision/score.py [--dir benchmarks/lint_precision] [--json OUT]

Reads (all in ``--dir``, written by the judging procedure of README.md):

* ``sample.jsonl`` — the sampled findings (pointers: sid, source, block, offsets, rule, quality);
* ``verdicts_<judge>.jsonl`` — one file per judge, lines ``{"sid", "verdict", "reason"}`` with
  verdict ``right`` | ``wrong`` | ``borderline``;
* ``adjudication.jsonl`` (optional) — ``{"sid", "verdict", "reason"}`` for findings the judges
  disagreed on.

The final verdict of a finding is the judges' common verdict, else the adjudicated one; a finding
with neither is *unresolved* and left out of the figures (their number is printed). Precision is
right / (right + wrong + borderline) — a borderline finding is not counted as right; the lenient
figure counting borderline as right is printed beside it. Agreement: share of findings on which
all judges gave the same verdict, and Cohen's kappa for each pair of judges (three categories).
Needs only the standard library and the files above (no access to the judged documents).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
VERDICTS = ("right", "wrong", "borderline")
RULE_FLOOR = 0.80  # a rule below this (with n >= MIN_N) should be off by default
MIN_N = 5


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{n}: not JSON ({exc.msg})")
    return out


def load_verdicts(path: Path, sids: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in read_jsonl(path):
        sid, v = str(row.get("sid", "")), str(row.get("verdict", "")).strip().lower()
        if sid not in sids:
            raise SystemExit(f"{path}: unknown sid {sid!r}")
        if v not in VERDICTS:
            raise SystemExit(f"{path}: {sid}: verdict must be one of {', '.join(VERDICTS)}, not {v!r}")
        out[sid] = v
    return out


def kappa(a: dict[str, str], b: dict[str, str]) -> tuple[float | None, int]:
    common = sorted(set(a) & set(b))
    n = len(common)
    if not n:
        return None, 0
    po = sum(a[s] == b[s] for s in common) / n
    ca, cb = Counter(a[s] for s in common), Counter(b[s] for s in common)
    pe = sum(ca[v] * cb[v] for v in VERDICTS) / (n * n)
    return (1.0 if pe == 1 else (po - pe) / (1 - pe)), n


def final_verdicts(judges: dict[str, dict[str, str]], adjudicated: dict[str, str], sids: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    final, unresolved, disagreed = {}, [], []
    for sid in sids:
        given = [v[sid] for v in judges.values() if sid in v]
        if given and len(given) == len(judges) and len(set(given)) == 1:
            final[sid] = given[0]
            continue
        if len(set(given)) > 1:
            disagreed.append(sid)
        if sid in adjudicated:
            final[sid] = adjudicated[sid]
        else:
            unresolved.append(sid)
    return final, unresolved, disagreed


def table(groups: dict[str, list[str]], final: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for key in sorted(groups):
        vs = [final[s] for s in groups[key] if s in final]
        c = Counter(vs)
        n = len(vs)
        rows.append({
            "key": key, "n": n, "right": c["right"], "wrong": c["wrong"], "borderline": c["borderline"],
            "precision": c["right"] / n if n else None,
            "lenient": (c["right"] + c["borderline"]) / n if n else None,
        })
    return rows


def _pct(x: float | None) -> str:
    return "  —" if x is None else f"{100 * x:5.1f}%"


def _on_by_default() -> set[str]:
    """Ids of the rules this checkout runs by default (``enabled`` not false in ``rules/*/*.yml``);
    a line-based read, so the script needs only the standard library."""
    out = set()
    for p in sorted((HERE.parents[1] / "rules").glob("*/*.yml")):
        text = p.read_text(encoding="utf-8")
        m = re.search(r"(?m)^id:\s*(\S+)", text)
        if m and not re.search(r"(?m)^enabled:\s*false\b", text):
            out.add(m.group(1))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=HERE)
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = ap.parse_args(argv)
    sample_path = args.dir / "sample.jsonl"
    if not sample_path.exists():
        print(f"score.py: no sample at {sample_path} (run sample.py first)")
        return 0
    sample = read_jsonl(sample_path)
    sids = [str(r["sid"]) for r in sample]
    by_sid = {str(r["sid"]): r for r in sample}
    judge_files = sorted(args.dir.glob("verdicts_*.jsonl"))
    if not judge_files:
        print(f"score.py: no verdicts yet in {args.dir} (verdicts_<judge>.jsonl); {len(sample)} findings await judging")
        return 0
    judges = {p.stem[len("verdicts_"):]: load_verdicts(p, set(sids)) for p in judge_files}
    adj_path = args.dir / "adjudication.jsonl"
    adjudicated = load_verdicts(adj_path, set(sids)) if adj_path.exists() else {}
    final, unresolved, disagreed = final_verdicts(judges, adjudicated, sids)

    print(f"sample: {len(sample)} findings; judges: {', '.join(f'{j} ({len(v)})' for j, v in judges.items())}; "
          f"adjudicated: {len(adjudicated)}")
    all_same = [s for s in sids if all(s in v for v in judges.values())]
    agree = sum(1 for s in all_same if len({v[s] for v in judges.values()}) == 1)
    if all_same:
        print(f"agreement: {agree}/{len(all_same)} = {_pct(agree / len(all_same))} of the findings every judge judged")
    for (ja, a), (jb, b) in itertools.combinations(judges.items(), 2):
        k, n = kappa(a, b)
        print(f"  Cohen's kappa {ja} vs {jb}: {'—' if k is None else f'{k:.2f}'} (n={n})")
    print(f"disagreements: {len(disagreed)}; unresolved (no adjudication): {len(unresolved)}"
          + (f" — {', '.join(unresolved[:20])}{' …' if len(unresolved) > 20 else ''}" if unresolved else ""))

    by_rule: dict[str, list[str]] = defaultdict(list)
    by_quality: dict[str, list[str]] = defaultdict(list)
    for s in sids:
        by_rule[by_sid[s]["rule"]].append(s)
        by_quality[by_sid[s].get("quality") or by_sid[s]["rule"].split(".")[0]].append(s)
    out: dict[str, Any] = {"judges": {j: len(v) for j, v in judges.items()}, "agreement": agree / len(all_same) if all_same else None,
                           "unresolved": unresolved}
    for title, groups in (("rule", by_rule), ("quality", by_quality)):
        rows = table(groups, final)
        out[title] = rows
        print(f"\n{'per ' + title:45s} {'n':>4s} {'right':>6s} {'wrong':>6s} {'border':>6s} {'precision':>9s} {'lenient':>8s}")
        for r in rows:
            flag = "  < 80 %" if title == "rule" and r["n"] >= MIN_N and r["precision"] is not None and r["precision"] < RULE_FLOOR else ""
            print(f"{r['key']:45s} {r['n']:4d} {r['right']:6d} {r['wrong']:6d} {r['borderline']:6d} {_pct(r['precision']):>9s} {_pct(r['lenient']):>8s}{flag}")
    (overall,) = table({"overall": sids}, final)
    out["overall"] = overall
    print(f"\n{'overall':45s} {overall['n']:4d} {overall['right']:6d} {overall['wrong']:6d} {overall['borderline']:6d} "
          f"{_pct(overall['precision']):>9s} {_pct(overall['lenient']):>8s}")
    # the rules on by default: as recorded when the sample was drawn (round 4 on), and as the rule
    # files of this checkout say (a post-hoc figure for today's default set on the judged findings)
    now = _on_by_default()
    views = []
    if all("default_on" in by_sid[s] for s in sids):
        views.append(("when the sample was drawn", "on_by_default", [s for s in sids if by_sid[s]["default_on"]]))
    views.append(("in this checkout's rules/, post hoc", "on_by_default_now", [s for s in sids if by_sid[s]["rule"] in now]))
    seen: list[list[str]] = []
    for how, key, on_sids in views:
        if len(on_sids) == len(sids) or on_sids in seen:
            continue
        seen.append(on_sids)
        print(f"\nrules on by default ({how}): {len(on_sids)} of the {len(sids)} findings")
        by_q: dict[str, list[str]] = defaultdict(list)
        for s in on_sids:
            by_q[by_sid[s].get("quality") or by_sid[s]["rule"].split(".")[0]].append(s)
        for r in table(by_q, final):
            print(f"  {r['key']:43s} {r['n']:4d} {r['right']:6d} {r['wrong']:6d} {r['borderline']:6d} {_pct(r['precision']):>9s} {_pct(r['lenient']):>8s}")
        (on_all,) = table({"on by default": on_sids}, final)
        out[key] = on_all
        print(f"  {'overall':43s} {on_all['n']:4d} {on_all['right']:6d} {on_all['wrong']:6d} {on_all['borderline']:6d} "
              f"{_pct(on_all['precision']):>9s} {_pct(on_all['lenient']):>8s}")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
