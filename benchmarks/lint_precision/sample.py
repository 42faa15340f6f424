"""Blind precision benchmark of ``disclint lint``: lint real documents, draw a seeded random
sample of findings stratified by rule, write pointers and judging packets.

Run from the repository root::

    .venv/bin/python benchmarks/lint_precision/sample.py [--n 240] [--seed 16] \
        [--work /work/staging/lintprec] [--packets /work/staging/judging]

Inputs (third-party text, never copied into the repository): every real document of
``../shared/realdocs`` (the 有価証券報告書 PDF, the XBRL and EDINET filings, the company web
pages, the chABSA sentences written out as one text file per filing) and the passages of
``../shared/realdev`` (``build.py`` output and ``batch2/passages.jsonl``, each linted as a text
file; batch2 passages get their heading path as Markdown headings, as a reader sees them).
Without ``../shared`` the script says so and exits 0.

Each input is linted as a user runs it: ``disclint lint --format json --fail-level none``
(default configuration). Document- and section-level findings (no block, or a block
without a span: directive coverage, no date, no figures in a section, top threats, residual risk)
are kept for whole documents (filings, web pages) and dropped for excerpts (chABSA sentences,
realdev passages, a page section stored as its own file), which are not documents or sections:
"no report date" or "directive missing" is meaningless on one paragraph.
Findings with the same rule and the same span text are counted once (the realdev passages
repeat parts of the filings).

Outputs:

* ``benchmarks/lint_precision/sample.jsonl`` — one line per sampled finding, pointers only:
  ``sid``, ``source`` (path relative to ``../shared``, plus ``#id`` for a passage), ``block``
  (0-based block index in the document disclint reads), ``start``/``end`` (offsets in that
  block's original text), ``location`` (page / paragraph / line, no heading text), ``rule``,
  ``quality``, ``level`` and ``span_sha1`` (SHA-1 of the span, to check a re-run points at the
  same text). No text of the documents.
* ``<work>/findings.jsonl`` — every finding of the run (with excerpts; outside the repo).
* ``<packets>/packet_NN.md`` and ``<packets>/JUDGING.md`` — what a judge sees: each finding
  with its message, its surrounding blocks and the documentation of its rule (from the rule
  YAML, as in docs/rules.md), never the rule's code. Findings are in random order.
"""

from __future__ import annotations

import argparse
import gzip  # noqa: F401  (kept for readers of this script: EDINET inputs are .json.gz)
import hashlib
import json
import math
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
from _shared import SHARED  # noqa: E402  (../shared, also from a git worktree)
HERE = Path(__file__).resolve().parent
DISCLINT = [sys.executable, "-m", "disclint"]
PER_PACKET = 50
MIN_PER_RULE = 10


# ----------------------------------------------------------------------------- inputs
def prepare_inputs(work: Path) -> list[dict[str, Any]]:
    """The documents to lint: ``{"path", "source", "whole"}`` (whole = a document, not an excerpt)."""
    rd = SHARED / "realdocs"
    out: list[dict[str, Any]] = []
    for sub, pat in (("pdf", "TIS_*.pdf"), ("xbrl", "*.xbrl"), ("edinet", "*.canonical.json.gz"), ("pages", "*.txt")):
        for p in sorted((rd / sub).glob(pat)):
            # one section of a page stored as its own file (the MobileWash policy, a page footer) is an excerpt
            whole = not (sub == "pages" and (re.search(r"__\d+_", p.name) or "Footer" in p.name))
            out.append({"path": str(p), "source": f"realdocs/{sub}/{p.name}", "whole": whole})
    inp = work / "inputs"
    inp.mkdir(parents=True, exist_ok=True)
    for p in sorted((rd / "chabsa").glob("*_ann.json")):
        data = json.loads(p.read_text(encoding="utf-8"))
        sents = [s.get("sentence", "") for s in data.get("sentences", [])]
        t = inp / f"chabsa_{p.stem}.txt"
        t.write_text("\n\n".join(s.strip() for s in sents if s.strip()) + "\n", encoding="utf-8")
        out.append({"path": str(t), "source": f"realdocs/chabsa/{p.name}", "whole": False})
    build = SHARED / "realdev" / "build.py"
    if build.exists():
        r = subprocess.run([sys.executable, str(build)], capture_output=True, text=True, check=True)
        for line in r.stdout.splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            t = inp / f"realdev_{_safe(d['id'])}.txt"
            t.write_text(d["text"].strip() + "\n", encoding="utf-8")
            out.append({"path": str(t), "source": f"realdev#{d['id']}", "whole": False})
    # batch2's page excerpts (``raw/``) are whole pages as a reader saw them: documents, like ``pages/``
    for p in sorted((SHARED / "realdev" / "batch2" / "raw").glob("*.txt")):
        out.append({"path": str(p), "source": f"realdev/batch2/raw/{p.name}", "whole": True})
    b2 = SHARED / "realdev" / "batch2" / "passages.jsonl"
    if b2.exists():
        for line in b2.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            sec = d.get("section") or []
            if isinstance(sec, str):
                sec = [h.strip() for h in re.split(r"\s*>\s*", sec) if h.strip()]
            heads = "".join(f"{'#' * min(k + 1, 6)} {h}\n\n" for k, h in enumerate(sec))
            t = inp / f"realdev2_{_safe(d['id'])}.md"
            t.write_text(heads + d["text"].strip() + "\n", encoding="utf-8")
            out.append({"path": str(t), "source": f"realdev/batch2#{d['id']}", "whole": False})
    return out


def _safe(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", s)


# ----------------------------------------------------------------------------- linting
def run_disclint(args: list[str], out: Path | None = None) -> str:
    cmd = DISCLINT + args
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if r.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(args[:3])} failed ({r.returncode}): {r.stderr.strip()[-800:]}")
    return r.stdout


def lint_all(inputs: list[dict[str, Any]], work: Path, chunk: int = 80, select: list[str] | None = None) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """Findings of every input (dicts with ``source``/``whole`` added) and the blocks of each file."""
    by_path = {i["path"]: i for i in inputs}
    findings: list[dict[str, Any]] = []
    blocks: dict[str, list[dict[str, Any]]] = defaultdict(list)
    paths = [i["path"] for i in inputs]
    for k in range(0, len(paths), chunk):
        part = paths[k : k + chunk]
        out = work / f"lint_{k // chunk:03d}.json"
        sel = ["--select", ",".join(select)] if select else []
        run_disclint(["lint", "--format", "json", "--fail-level", "none", "--force", *sel, "-o", str(out), *part])
        report = json.loads(out.read_text(encoding="utf-8"))
        for f in report["files"]:
            meta = by_path.get(f["path"]) or by_path.get(str(Path(f["path"]).resolve()))
            if meta is None:
                continue
            for x in f.get("findings", []):
                findings.append({**x, "source": meta["source"], "path": meta["path"], "whole": meta["whole"]})
        ext = run_disclint(["extract", "--format", "jsonl", *part])
        for line in ext.splitlines():
            if line.strip():
                b = json.loads(line)
                blocks[b["location"]["file"]].append(b)
    return findings, dict(blocks)


def eligible(findings: list[dict[str, Any]], blocks: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Findings that can be judged, each once: the same rule on the same span of the same paragraph
    text (the realdev passages repeat paragraphs of the filings) counts once."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for f in findings:
        i = f.get("block_index")
        if (i is None or f.get("start") is None) and not f["whole"]:
            continue  # a document- or section-level finding on an excerpt
        if i is None:
            key = (f["rule"], f["source"], f.get("message", ""))
        else:
            bl = blocks.get(f["path"], [])
            text = bl[i]["text"] if i < len(bl) else ""
            key = (f["rule"], re.sub(r"\s+", "", text), str(f.get("start")), str(f.get("end")), f.get("message", ""))
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


# ----------------------------------------------------------------------------- sampling
def allocate(counts: Counter, n: int) -> dict[str, int]:
    """At least MIN_PER_RULE per rule (or all it has), the rest proportional to what is left."""
    take = {r: min(c, MIN_PER_RULE) for r, c in counts.items()}
    while sum(take.values()) < n:
        left = {r: counts[r] - take[r] for r in counts if counts[r] > take[r]}
        if not left:
            break
        room = n - sum(take.values())
        total = sum(left.values())
        added = 0
        for r in sorted(left, key=lambda r: (-left[r], r)):
            add = min(left[r], max(1, math.floor(room * left[r] / total)))
            add = min(add, n - sum(take.values()))
            take[r] += add
            added += add
            if sum(take.values()) >= n:
                break
        if not added:
            break
    return take


def draw_with_off_rules(pool: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    """Every finding of the rules on by default when there are fewer than ``n`` (a census), else a
    stratified sample of them; the rest of ``n`` from the rules off by default, stratified the same
    way (to see whether one of them has come to earn a default place)."""
    on = [f for f in pool if f["default_on"]]
    off = [f for f in pool if not f["default_on"]]
    if len(on) >= n:
        return draw(on, n, seed)
    chosen = on + _stratified(off, n - len(on), random.Random(seed + 1))
    return _number(chosen, random.Random(seed))


def _stratified(pool: list[dict[str, Any]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in pool:
        by_rule[f["rule"]].append(f)
    take = allocate(Counter({r: len(v) for r, v in by_rule.items()}), n)
    chosen: list[dict[str, Any]] = []
    for r in sorted(by_rule):
        chosen += rng.sample(by_rule[r], take[r])
    return chosen


def _number(chosen: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    rng.shuffle(chosen)
    for k, f in enumerate(chosen, 1):
        f["sid"] = f"S{k:03d}"
    return chosen


def draw(pool: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in pool:
        by_rule[f["rule"]].append(f)
    take = allocate(Counter({r: len(v) for r, v in by_rule.items()}), n)
    chosen = []
    for r in sorted(by_rule):
        chosen += rng.sample(by_rule[r], take[r])
    rng.shuffle(chosen)
    for k, f in enumerate(chosen, 1):
        f["sid"] = f"S{k:03d}"
    return chosen


# ----------------------------------------------------------------------------- rule docs
def rule_docs() -> dict[str, dict[str, Any]]:
    import yaml

    out = {}
    for p in sorted((REPO / "rules").glob("*/*.yml")):
        if p.parent.name == "directives":
            continue
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        if isinstance(d, dict) and "id" in d:
            out[d["id"]] = d
    return out


def _ja(v: Any) -> str:
    if isinstance(v, dict):
        return str(v.get("ja") or v.get("en") or "")
    return str(v or "")


def rule_section(rid: str, d: dict[str, Any]) -> str:
    lines = [f"### `{rid}`", "", f"- quality: {d.get('quality')}; level: {d.get('level')}"]
    if d.get("reference"):
        lines.append(f"- reference: {d['reference']}")
    lines += ["", _ja(d.get("explanation")).strip(), ""]
    if d.get("hint"):
        lines += [f"ヒント: {_ja(d['hint'])}", ""]
    ex = d.get("examples") or {}
    for kind, label in (("invalid", "指摘される例"), ("valid", "指摘されない例")):
        if ex.get(kind):
            lines.append(f"{label}:")
            for e in ex[kind]:
                lines.append("    " + str(e).strip().replace("\n", "\n    "))
            lines.append("")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- packets
_CYBER = re.compile(r"サイバー|セキュリティ|不正アクセス|漏え|漏洩|情報資産|個人情報|ランサム|マルウェア|ウイルス|CSIRT|インシデント|システム障害")


def _loc_label(loc: dict[str, Any]) -> str:
    parts = []
    for k, lab in (("page", "p."), ("paragraph", "¶"), ("line", "L"), ("table", "表")):
        if loc.get(k) is not None:
            parts.append(f"{lab}{loc[k]}")
    if loc.get("section"):
        parts.append(" > ".join(loc["section"]))
    return " ".join(parts) or "(文書全体)"


def document_digest(blocks: list[dict[str, Any]], budget: int = 6000) -> str:
    """For document-level findings: the headings and the paragraphs about information security."""
    heads = [b["text"] for b in blocks if b["kind"] == "heading"]
    cyber = [b for b in blocks if b["kind"] != "heading" and _CYBER.search(b["text"])]
    out = ["見出し: " + " / ".join(heads[:60]) + (" …" if len(heads) > 60 else ""), "",
           f"情報セキュリティに触れる段落（{len(cyber)} 段落）:"]
    used = 0
    for b in cyber:
        if used > budget:
            out.append(f"…（残り {len(cyber) - (len(out) - 3)} 段落は省略）")
            break
        out.append(f"> [{_loc_label(b['location'])}] {b['text']}")
        used += len(b["text"])
    return "\n".join(out)


def context_of(f: dict[str, Any], blocks: list[dict[str, Any]], budget: int = 3500) -> str:
    i = f.get("block_index")
    if i is None:
        return f"（文書全体への指摘です。文書の抜粋はこのパケットの末尾の「{f['doc_ref']}」にあります）"
    b = blocks[i]
    sec = b["location"].get("section") or []
    if f.get("start") is None:
        # a section-level finding: the whole section (same heading path)
        idx = [j for j, x in enumerate(blocks) if (x["location"].get("section") or []) == sec]
    else:
        idx = list(range(max(0, i - 2), min(len(blocks), i + 3)))
    out = [f"見出しの階層: {' > '.join(sec) or '(なし)'}", ""]
    used = 0
    for j in idx:
        t = blocks[j]["text"]
        if j == i and f.get("start") is not None:
            s, e = f["start"], f["end"]
            t = t[:s] + "【▶" + t[s:e] + "◀】" + t[e:]
        mark = "★" if j == i else " "
        if used > budget and j != i:
            continue
        out.append(f">{mark}[{blocks[j]['kind']}] {t}")
        used += len(t)
    return "\n".join(out)


def write_packets(sample: list[dict[str, Any]], blocks: dict[str, list[dict[str, Any]]], outdir: Path) -> list[Path]:
    docs = rule_docs()
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / "JUDGING.md").write_text(JUDGING, encoding="utf-8")
    paths = []
    for k in range(0, len(sample), PER_PACKET):
        part = sample[k : k + PER_PACKET]
        lines = [f"# 判定パケット {k // PER_PACKET + 1:02d}（{len(part)} 件）", "", "判定の仕方は JUDGING.md を読んでください。", ""]
        docs_here: dict[str, str] = {}
        for f in part:
            if f.get("block_index") is None:
                f["doc_ref"] = docs_here.setdefault(f["path"], f"文書 D{len(docs_here) + 1}")
        for f in part:
            bl = blocks.get(f["path"], [])
            lines += [
                f"## {f['sid']} — `{f['rule']}`（{f['level']}）",
                "",
                f"- 文書: {f['source']}（{_loc_label(f['location'])}）",
                f"- 指摘: {f['message']}",
            ]
            if f.get("hint"):
                lines.append(f"- ヒント: {f['hint']}")
            lines += ["", context_of(f, bl), ""]
        if docs_here:
            lines += ["---", "", "## 文書全体への指摘の文書（抜粋）", ""]
            by_ref = {ref: path for path, ref in docs_here.items()}
            for ref in sorted(by_ref, key=lambda r: int(r.split("D")[-1])):
                path = by_ref[ref]
                src = next(f["source"] for f in part if f["path"] == path)
                lines += [f"### {ref}: {src}", "", document_digest(blocks.get(path, [])), ""]
        lines += ["---", "", "## このパケットのルールの説明（docs/rules.md と同じ）", ""]
        for rid in sorted({f["rule"] for f in part}):
            lines += [rule_section(rid, docs.get(rid, {})), ""]
        p = outdir / f"packet_{k // PER_PACKET + 1:02d}.md"
        p.write_text("\n".join(lines), encoding="utf-8")
        paths.append(p)
    return paths


JUDGING = """# disclint の指摘の判定（ブラインド）

あなたは、日本の上場企業のサイバーセキュリティ開示を読む注意深いレビュー担当者（IR・法務・情報セキュリティ）です。
各パケット（packet_NN.md）には、実在の開示文書に disclint（開示文書のリンター）が出した指摘が 1 件ずつ、
周辺の文脈（★の段落の【▶…◀】が指摘の箇所。節単位の指摘は節全体、文書単位の指摘は情報セキュリティに触れる段落の抜粋）と、
そのルールの説明とともに載っています。ルールのプログラムは見せません。ほかの判定者の判定も見ないでください。

各指摘を次の 3 つのどれかに判定します。

- **right**: 指摘は正しく、このルールの説明に照らして、書き手に見せる価値がある（直すか検討すべき）。
- **wrong**: 指摘は誤り（誤検出）。ルールの説明が狙うものではない、文脈を読めば当てはまらない、提案が誤り・非文法的、
  サイバーセキュリティの記載でない箇所への指摘（ルールが対象を「サイバーセキュリティの記載」に限るもの）など。
- **borderline**: どちらとも言える（文字どおりには正しいが、定型の文言で書き手には直せない、好みの問題、など）。

迷ったら、理由を一言書いてください。判定は 1 行 1 件の JSONL で書きます（ファイル名は verdicts_<あなたの名前>.jsonl）:

    {"sid": "S001", "verdict": "right", "reason": "被害が生じないと断定している"}

sid はパケットの見出しの S で始まる番号です。reason には文書の本文を引用しないでください（短い言い換えで）。
"""


# ----------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=240)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--work", type=Path, default=SHARED.parent / "staging" / "lintprec")
    ap.add_argument("--packets", type=Path, default=SHARED.parent / "staging" / "judging")
    ap.add_argument("--sample", type=Path, default=HERE / "sample.jsonl")
    ap.add_argument("--counts-only", action="store_true", help="lint and print finding counts per source and rule; no sample")
    ap.add_argument("--with-off-rules", action="store_true",
                    help="lint with every rule on; judge every finding of the default rules when they have fewer than "
                         "--n (a census) and fill the sample with findings of the rules off by default")
    args = ap.parse_args(argv)
    if not (SHARED / "realdocs").is_dir():
        print(f"lint_precision/sample.py: skipped, the real documents are not here ({SHARED / 'realdocs'} is absent; "
              "they are third-party files kept outside the repository)")
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    inputs = prepare_inputs(args.work)
    docs = rule_docs()
    on_by_default = {rid for rid, d in docs.items() if d.get("enabled", True)}
    findings, blocks = lint_all(inputs, args.work, select=sorted(docs) if args.with_off_rules else None)
    for f in findings:
        f["default_on"] = f["rule"] in on_by_default
    with (args.work / "findings.jsonl").open("w", encoding="utf-8") as fh:
        for f in findings:
            fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    print_counts(findings)
    if args.counts_only:
        return 0
    pool = eligible(findings, blocks)
    sample = draw_with_off_rules(pool, args.n, args.seed) if args.with_off_rules else draw(pool, args.n, args.seed)
    with args.sample.open("w", encoding="utf-8") as fh:
        for f in sample:
            fh.write(json.dumps(pointer(f), ensure_ascii=False) + "\n")
    packets = write_packets(sample, blocks, args.packets)
    by_rule = Counter(f["rule"] for f in sample)
    n_on = sum(1 for f in pool if f["default_on"])
    print(f"\npool {len(pool)} findings ({n_on} of rules on by default); sample {len(sample)} (seed {args.seed}) -> {args.sample}")
    for r, c in sorted(by_rule.items()):
        print(f"  {r:45s} {c:3d} of {sum(1 for f in pool if f['rule'] == r)}")
    print(f"packets: {', '.join(str(p) for p in packets)}")
    return 0


def pointer(f: dict[str, Any]) -> dict[str, Any]:
    loc = {k: v for k, v in f["location"].items() if k in ("page", "paragraph", "line", "table", "row", "column", "part")}
    span = f.get("excerpt", "")
    return {
        "sid": f["sid"],
        "source": f["source"],
        "block": f.get("block_index"),
        "start": f.get("start"),
        "end": f.get("end"),
        "location": loc,
        "rule": f["rule"],
        "quality": f.get("quality") or f["rule"].split(".")[0],
        "level": f["level"],
        "span_sha1": hashlib.sha1(span.encode("utf-8")).hexdigest()[:12] if span else None,
        "default_on": f.get("default_on", True),
    }


def print_counts(findings: list[dict[str, Any]]) -> None:
    groups = {"filings": lambda s: s.startswith(("realdocs/pdf", "realdocs/xbrl", "realdocs/edinet")),
              "pages": lambda s: s.startswith("realdocs/pages"),
              "chabsa": lambda s: s.startswith("realdocs/chabsa"),
              "realdev": lambda s: s.startswith("realdev")}
    rules = sorted({f["rule"] for f in findings})
    print(f"{'rule':45s} " + " ".join(f"{g:>8s}" for g in groups) + "   per filing")
    filings = sorted({f["source"] for f in findings if groups["filings"](f["source"])})
    for r in rules:
        row = [sum(1 for f in findings if f["rule"] == r and fn(f["source"])) for fn in groups.values()]
        per = [sum(1 for f in findings if f["rule"] == r and f["source"] == s) for s in filings]
        print(f"{r:45s} " + " ".join(f"{c:8d}" for c in row) + "   " + " ".join(str(c) for c in per))
    print(f"{'total':45s} " + " ".join(f"{sum(1 for f in findings if fn(f['source'])):8d}" for fn in groups.values()))
    print("filings: " + ", ".join(Path(s).name for s in filings))


if __name__ == "__main__":
    sys.exit(main())
