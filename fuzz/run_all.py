"""Run every reader's atheris harness in turn and record what happened.

    python fuzz/run_all.py --seconds 3600 [--readers pdf,docx,...] [--work fuzz/.work]

One harness at a time (the fuzzers are single-process; run them one after the other so a
shared machine keeps a core free). Each reader gets ``--seconds`` of wall time; after a crash
the harness is restarted with the same corpus until its time is used up, so one bug does not
end the session. Crashing inputs land in WORK/artifacts/<reader>/ (``crash-*``, ``timeout-*``,
``oom-*``), the growing corpus in WORK/corpus/<reader>/, the logs in WORK/logs/, and one
JSON line per reader (seconds, executions, crashes) is appended to WORK/results.jsonl.
Reproduce a crash with ``python fuzz/fuzz_<reader>.py WORK/artifacts/<reader>/crash-…``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
READERS = ("text", "html", "xbrl", "docx", "pdf")
STAT = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
DONE = re.compile(r"Done (\d+) runs in")


def run_reader(reader: str, seconds: float, work: Path, per_input_timeout: int, rss_mb: int) -> dict:
    seeds = work / "seeds" / reader
    corpus = work / "corpus" / reader
    artifacts = work / "artifacts" / reader
    logs = work / "logs"
    for d in (corpus, artifacts, logs):
        d.mkdir(parents=True, exist_ok=True)
    if not seeds.is_dir():
        subprocess.run([sys.executable, str(HERE / "make_seeds.py"), str(work / "seeds")], check=True)
    start = time.monotonic()
    executions, runs, crashes, cpu = 0, 0, [], 0.0
    while (left := seconds - (time.monotonic() - start)) >= 5:
        runs += 1
        before = set(artifacts.iterdir())
        log = logs / f"{reader}-{dt.datetime.now():%Y%m%d-%H%M%S}.log"
        cmd = [
            sys.executable, str(HERE / f"fuzz_{reader}.py"), str(corpus), str(seeds),
            f"-max_total_time={int(left)}", f"-timeout={per_input_timeout}", f"-rss_limit_mb={rss_mb}",
            f"-artifact_prefix={artifacts}/", "-print_final_stats=1",
        ]
        usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        with log.open("w") as fh:
            proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT)
        usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu += (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
        text = log.read_text(errors="replace")
        m = STAT.search(text) or DONE.search(text)
        n = int(m.group(1)) if m else max((int(x) for x in re.findall(r"^#(\d+)\s", text, re.M)), default=0)
        executions += n
        new = sorted(set(artifacts.iterdir()) - before)
        for art in new:
            exc = re.findall(r"^(\w+(?:Error|Exception|Exit)\b.*)$", text, re.M)
            crashes.append({"artifact": str(art), "exception": exc[-1][:200] if exc else None, "log": str(log)})
        print(f"[{reader}] run {runs}: exit {proc.returncode}, {n} executions, {len(new)} new artifact(s)", flush=True)
        if proc.returncode == 0 and not new:
            break
    result = {
        "reader": reader,
        "seconds": round(time.monotonic() - start, 1),
        "cpu_seconds": round(cpu, 1),  # less than seconds when the machine was shared
        "executions": executions,
        "restarts": runs - 1,
        "crashes": crashes,
        "finished": dt.datetime.now().isoformat(timespec="seconds"),
    }
    with (work / "results.jsonl").open("a") as fh:
        fh.write(json.dumps(result, ensure_ascii=False) + "\n")
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3600, help="wall time per reader")
    ap.add_argument("--readers", default=",".join(READERS))
    ap.add_argument("--work", type=Path, default=HERE / ".work")
    ap.add_argument("--timeout", type=int, default=30, help="seconds one input may take before it counts as a hang")
    ap.add_argument("--rss-limit-mb", type=int, default=2048)
    args = ap.parse_args()
    results = [run_reader(r, args.seconds, args.work, args.timeout, args.rss_limit_mb) for r in args.readers.split(",")]
    print(f"{'reader':<6} {'seconds':>8} {'executions':>11} {'crashes':>8}")
    for r in results:
        print(f"{r['reader']:<6} {r['seconds']:>8} {r['executions']:>11} {len(r['crashes']):>8}")
    sys.exit(1 if any(r["crashes"] for r in results) else 0)


if __name__ == "__main__":
    main()
