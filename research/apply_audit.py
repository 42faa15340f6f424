"""Apply a blind re-annotation (label audit, ``research/label_audit.py --packets``) to the corpus.

    .venv/bin/python research/apply_audit.py --key KEY.jsonl --a A.jsonl [A2.jsonl …] --b B.jsonl [B2.jsonl …]
                                             [--adjudication ADJ.jsonl] [--corpus corpus/passages]
                                             [--partial] [--dry-run]

``KEY``: one line per packet passage, ``{"pid", "id", "file", "cyber", "directives", …}`` (the labels
when the packets were built). ``--a`` / ``--b``: the two annotators' verdicts, ``{"pid", "cyber",
"directives", "note"}``, one or more files each (e.g. one per packet). ``--adjudication``:
``{"pid", "cyber", "directives"}`` for passages where the two differ (an entry for a passage they
agree on overrides them, and is counted).

The final label of a passage is the annotators' when they agree, else the adjudication's. Passages
whose final label differs from the corpus are rewritten in place: only the values of ``cyber`` and
``directives`` change, every other byte of the line and the order of lines and files stay as they
are (each rewritten line is checked by parsing it again). A passage whose corpus labels are no
longer the key's (changed since the packets were built) is an error. Unresolved passages (a verdict
or an adjudication missing) are an error unless ``--partial`` (then they are left unchanged).

Prints: agreement between the annotators (micro-F1 over directive labels, cyber agreement and
Cohen's kappa, exact label-set match), each annotator and the final labels against the old labels,
and the changes per directive (added / removed) and of ``cyber``. Errors: one line naming the file
and cause, exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Labels = tuple[bool, frozenset[int]]


class AuditError(Exception):
    pass


def read_jsonl(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise AuditError(f"{path}: cannot read ({e.strerror})") from None
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise AuditError(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(row, dict) or "pid" not in row:
            raise AuditError(f"{path}:{n}: expected an object with a pid")
        rows.append(row)
    return rows


def labels_of(row: dict, where: str) -> Labels:
    cyber, dirs = row.get("cyber"), row.get("directives")
    if not isinstance(cyber, bool):
        raise AuditError(f"{where}: cyber must be true or false")
    if not isinstance(dirs, list) or not all(
        isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 10 for d in dirs
    ):
        raise AuditError(f"{where}: directives must be a list of integers 1-10")
    if not cyber and dirs:
        raise AuditError(f"{where}: cyber false with directives {dirs} (the guideline gives [] to negatives)")
    return cyber, frozenset(dirs)


def verdicts(paths: list[Path], key: dict[str, dict], who: str) -> dict[str, Labels]:
    out: dict[str, Labels] = {}
    for path in paths:
        for row in read_jsonl(path):
            pid = row["pid"]
            where = f"{path}: {pid}"
            if pid not in key:
                raise AuditError(f"{where}: no such pid in the key")
            if pid in out:
                raise AuditError(f"{where}: labelled twice by annotator {who}")
            out[pid] = labels_of(row, where)
    return out


def micro_f1(x: dict[str, Labels], y: dict[str, Labels], pids: list[str]) -> float:
    tp = sum(len(x[p][1] & y[p][1]) for p in pids)
    n = sum(len(x[p][1]) + len(y[p][1]) for p in pids)
    return 2 * tp / n if n else 1.0


def kappa(a: list[bool], b: list[bool]) -> float:
    n = len(a)
    if not n:
        return 1.0
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def compare(name: str, x: dict[str, Labels], y: dict[str, Labels], pids: list[str]) -> str:
    ca, cb = [x[p][0] for p in pids], [y[p][0] for p in pids]
    same = sum(x[p] == y[p] for p in pids)
    return (
        f"{name}: {len(pids)} passages, directives micro-F1 {micro_f1(x, y, pids):.3f}, "
        f"cyber agreement {sum(a == b for a, b in zip(ca, cb, strict=True)) / max(1, len(pids)):.3f} (kappa {kappa(ca, cb):.3f}), "
        f"identical label sets {same} ({same / max(1, len(pids)):.1%})"
    )


_CYBER = re.compile(r'("cyber"\s*:\s*)(true|false)')
_DIRS = re.compile(r'("directives"\s*:\s*)\[([^\]]*)\]')


def rewrite_line(line: str, new: Labels, where: str) -> str:
    """``line`` (one corpus passage, without its line end) with only the values of cyber and
    directives replaced; every candidate spot is tried and the one that parses to the expected
    object is kept (a text that quotes a key cannot be hit by mistake)."""
    old = json.loads(line)
    want = dict(old, cyber=new[0], directives=sorted(new[1]))
    for cm in _CYBER.finditer(line):
        s1 = line[: cm.start(2)] + ("true" if new[0] else "false") + line[cm.end(2) :]
        for dm in _DIRS.finditer(s1):
            # the list's own separator; an empty or one-item list follows the line's "key": spacing
            listed = re.search(r"\d(,\s*)\d", dm.group(2))
            sep = listed.group(1) if listed else ("," if dm.group(1).endswith(":") else ", ")
            s2 = s1[: dm.start()] + dm.group(1) + "[" + sep.join(str(d) for d in sorted(new[1])) + "]" + s1[dm.end() :]
            try:
                got = json.loads(s2)
            except json.JSONDecodeError:
                continue
            if got == want and list(got) == list(old):
                return s2
    raise AuditError(f"{where}: cannot rewrite the labels of this line in place")


def apply_changes(corpus: Path, changes: dict[str, tuple[str, Labels, Labels]], dry_run: bool) -> int:
    """changes: corpus id -> (file name, old labels per the key, new labels)."""
    by_file: dict[str, dict[str, tuple[Labels, Labels]]] = {}
    for cid, (fname, old, new) in changes.items():
        by_file.setdefault(fname, {})[cid] = (old, new)
    written = 0
    out: dict[Path, bytes] = {}
    for fname, todo in sorted(by_file.items()):
        path = corpus / fname
        try:
            raw = path.read_bytes()
        except OSError as e:
            raise AuditError(f"{path}: cannot read ({e.strerror})") from None
        lines = raw.decode("utf-8").splitlines(keepends=True)
        seen = set()
        for n, full in enumerate(lines):
            body = full.rstrip("\r\n")
            if not body.strip():
                continue
            row = json.loads(body)
            if row.get("id") not in todo:
                continue
            cid = row["id"]
            old, new = todo[cid]
            current = labels_of(row, f"{path}:{n + 1}")
            if current != old:
                raise AuditError(
                    f"{path}:{n + 1}: {cid} has labels {fmt(current)}, the key {fmt(old)}: changed since the packets were built"
                )
            lines[n] = rewrite_line(body, new, f"{path}:{n + 1}") + full[len(body) :]
            seen.add(cid)
        missing = sorted(set(todo) - seen)
        if missing:
            raise AuditError(f"{path}: passage {missing[0]} not found (of {len(missing)} missing)")
        out[path] = "".join(lines).encode("utf-8")
        written += len(todo)
    # every file checked before any is written: an error leaves the corpus as it was
    for path, data in out.items() if not dry_run else ():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    return written


def fmt(labels: Labels) -> str:
    return f"{'cyber' if labels[0] else 'not-cyber'} {sorted(labels[1])}"


def run(args: argparse.Namespace) -> None:
    key_rows = read_jsonl(args.key)
    key = {r["pid"]: r for r in key_rows}
    old = {pid: labels_of(r, f"{args.key}: {pid}") for pid, r in key.items()}
    a = verdicts(args.a, key, "A")
    b = verdicts(args.b, key, "B")
    adj = verdicts([args.adjudication], key, "adjudication") if args.adjudication else {}
    both = [p for p in key if p in a and p in b]
    final: dict[str, Labels] = {}
    unresolved = []
    overridden = 0
    for pid in key:
        if pid in adj:
            final[pid] = adj[pid]
            overridden += pid in a and pid in b and a[pid] == b[pid]
        elif pid in a and pid in b and a[pid] == b[pid]:
            final[pid] = a[pid]
        else:
            unresolved.append(pid)
    if unresolved and not args.partial:
        why = (
            "no verdict of both annotators"
            if any(p not in a or p not in b for p in unresolved)
            else "annotators differ, no adjudication"
        )
        raise AuditError(
            f"{args.adjudication or args.key}: {len(unresolved)} passages unresolved, first {unresolved[0]} ({why}); use --partial to leave them unchanged"
        )

    print(compare("annotator A vs B", a, b, both))
    differ = [p for p in both if a[p] != b[p]]
    print(
        f"  differ on {len(differ)} passages; adjudicated {len(adj)} (of them on passages A and B agree on: {overridden})"
    )
    print(compare("annotator A vs old labels", a, old, [p for p in key if p in a]))
    print(compare("annotator B vs old labels", b, old, [p for p in key if p in b]))
    done = [p for p in key if p in final]
    print(compare("final vs old labels", final, old, done))
    if unresolved:
        print(f"  {len(unresolved)} passages unresolved, left unchanged (--partial)")

    added: Counter[int] = Counter()
    removed: Counter[int] = Counter()
    cyber_flip: Counter[str] = Counter()
    changes: dict[str, tuple[str, Labels, Labels]] = {}
    for pid in done:
        o, f = old[pid], final[pid]
        if o == f:
            continue
        added.update(f[1] - o[1])
        removed.update(o[1] - f[1])
        if o[0] != f[0]:
            cyber_flip["true -> false" if o[0] else "false -> true"] += 1
        changes[key[pid]["id"]] = (key[pid]["file"], o, f)
    print(f"passages to change: {len(changes)} of {len(done)}")
    print("directive  added  removed")
    for d in range(1, 11):
        print(f"{d:9}  {added[d]:5}  {removed[d]:7}")
    print(f"cyber: {dict(cyber_flip) or 'no change'}")
    n = apply_changes(args.corpus, changes, args.dry_run)
    for cid, (fname, o, f) in sorted(changes.items()):
        print(f"  {cid} ({fname}): {fmt(o)} -> {fmt(f)}")
    print(
        f"{'would rewrite' if args.dry_run else 'rewrote'} {n} passages in {len({c[0] for c in changes.values()})} files of {args.corpus}"
    )
    # the line's other fields are not ours to change: name what may now need a look by hand
    flagged = [cid for cid, (_f, o, f) in changes.items() if f[0] and not o[0]]
    if flagged:
        print(
            f"note: {len(flagged)} passages became cyber: check their hard_negative flag and context headings: {', '.join(sorted(flagged))}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--key", type=Path, required=True)
    ap.add_argument("--a", type=Path, nargs="+", required=True, help="annotator A's verdict file(s)")
    ap.add_argument("--b", type=Path, nargs="+", required=True, help="annotator B's verdict file(s)")
    ap.add_argument("--adjudication", type=Path)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "passages")
    ap.add_argument("--partial", action="store_true", help="leave unresolved passages unchanged instead of failing")
    ap.add_argument("--dry-run", action="store_true", help="print the figures and changes, write nothing")
    args = ap.parse_args(argv)
    try:
        run(args)
    except AuditError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
