"""Re-run the attack list of issue 21 ("hostile input and faults") against a disclint build.

Every case builds its hostile input in a fresh temporary directory, runs the real command line
and reports what a user would see:

- exit status, whether the failure is one ``disclint:`` line per file (``1-line``), a traceback
  (``tb``: "Traceback" or "Exception ignored" on stderr);
- wall seconds and peak RSS in MB: the highest of any one process of the run (``os.wait4`` and
  the ``VmHWM`` of every process carrying the run's environment marker: the command, its reader
  process, survey workers, forkserver) and, as ``tree``, the largest sum over them (sampled);
- files written, replaced or removed in the case directory outside the outputs the command was
  given (``outside``), processes left behind (``left``);
- the verdict: ``ok`` when the issue's "done when" holds for the case — no traceback, no hang
  past ``--timeout`` + 10 s (or the case's own bound), peak RSS <= 1.5 GB, nothing outside the
  named outputs, plus what the case itself expects (the FIFO still a FIFO, a CSV cell that is
  not a formula …) — otherwise ``FAIL`` with the reasons.

Usage (from the repository root)::

    .venv/bin/python benchmarks/hostile/attack.py                      # every case, .venv/bin/disclint
    .venv/bin/python benchmarks/hostile/attack.py --list               # the cases and their groups
    .venv/bin/python benchmarks/hostile/attack.py --only pdf,dask --skip-slow
    .venv/bin/python benchmarks/hostile/attack.py --json after.jsonl --markdown after.md
    # an older build, e.g. an exported commit: git archive 9cf33a6 | tar -x -C /tmp/old
    .venv/bin/python benchmarks/hostile/attack.py --pythonpath /tmp/old --json before.jsonl

Options a build does not know (``--max-memory-mb``, ``--stall-timeout``) are left out of its
runs (``disclint … --help`` is read first), so an older build can be attacked with the same list.
Each run gets an address-space limit (``--memory-gb``, default 4) so that a blow-up cannot
exhaust a shared machine, and a wall-clock bound after which its process group is killed (a
hang). The heavy cases (a million paragraphs, 40,000 findings, survey runs with GiNZA, Dask)
are marked slow; the whole list takes about 20 minutes on two loaded cores.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PEAK_LIMIT_MB = 1536
# lines a successful run prints on stderr besides the ``disclint:`` lines
SUMMARY = re.compile(r"^(\d+ files, \d+ findings|\d+ inputs: |\d+ fixable with|wrote )")


@dataclass
class Run:
    args: list[str]
    exit: int | None
    stdout: str
    stderr: str
    seconds: float
    rss_mb: float
    hang: bool
    wall: float
    tree_mb: float = 0.0  # the largest sum of the resident memory of all its processes (sampled)

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr or "Exception ignored" in self.stderr

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("disclint:")]

    @property
    def one_line(self) -> bool:
        """Every stderr line is a ``disclint:`` line or a run summary."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return all(line.startswith("disclint:") or SUMMARY.match(line) for line in lines)


@dataclass
class Result:
    name: str
    group: str
    runs: list[Run] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    left: int = 0
    skipped: str = ""

    def row(self) -> dict[str, Any]:
        main = self.runs[-1] if self.runs else None
        return {
            "case": self.name,
            "group": self.group,
            "exit": main.exit if main else None,
            "exits": [r.exit for r in self.runs],
            "one_line": all(r.one_line for r in self.runs) if self.runs else None,
            "traceback": any(r.traceback for r in self.runs),
            "seconds": round(sum(r.seconds for r in self.runs), 1),
            "peak_mb": round(max((r.rss_mb for r in self.runs), default=0.0)),
            "tree_mb": round(max((r.tree_mb for r in self.runs), default=0.0)),
            "hang": any(r.hang for r in self.runs),
            "outside": self.outside,
            "left": self.left,
            "verdict": "skip" if self.skipped else ("ok" if not self.problems else "FAIL"),
            "problems": self.problems or ([self.skipped] if self.skipped else []),
            "message": (main.error_lines[0][:160] if main and main.error_lines else ""),
        }


class Harness:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        bin_dir = Path(sys.executable).parent
        if args.pythonpath:
            self.command = [sys.executable, "-P", "-m", "disclint"]  # -P: never the package in the current directory
            self.env = {"PYTHONPATH": str(Path(args.pythonpath).resolve())}
        else:
            self.command = [args.disclint or str(bin_dir / "disclint")]
            self.env = {}
        self.dask = bin_dir / "dask"
        self.memory = int(args.memory_gb * (1 << 30))
        self.known = self._known_options()
        self.services: list[subprocess.Popen] = []

    def _known_options(self) -> set[str]:
        known: set[str] = set()
        for sub in (["lint"], ["extract"], ["map"], ["draft"], ["survey", "run"], ["survey", "report"]):
            r = subprocess.run([*self.command, "--lang", "en", *sub, "--help"], capture_output=True, text=True,
                               env=self.base_env(), timeout=120, cwd=tempfile.gettempdir())
            known.update(re.findall(r"(--[a-z][a-z0-9-]+)", r.stdout))
        return known

    def base_env(self) -> dict[str, str]:
        env = dict(os.environ, **self.env)
        env.pop("DISCLINT_LANG", None)
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # a run must not write .pyc files next to the sources
        return env

    def stop_services(self) -> None:
        for p in self.services:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()
        self.services.clear()


class Work:
    """One case: its directory, its runs and what it found."""

    def __init__(self, harness: Harness, result: Result, root: Path) -> None:
        self.h = harness
        self.result = result
        self.dir = root
        self.tmp = root / ".tmp"  # TMPDIR of the runs: anything left there is a leftover
        self.tmp.mkdir()
        self.outputs: set[Path] = set()
        self.marker = uuid.uuid4().hex
        self._before: dict[str, tuple] | None = None

    # ---------------------------------------------------------------- inputs
    def write(self, name: str | Path, data: str | bytes) -> Path:
        """An input of the case (written by the case, so not counted as written by a run)."""
        p = self.dir / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_text(data, encoding="utf-8")
        if self._before is not None:
            self._before.update(_tree(self.dir, only=p))
        return p

    def service_dir(self) -> Path:
        """Where the case's helper processes (a Dask scheduler) keep logs: not an input, not checked."""
        d = self.dir / ".services"
        d.mkdir(exist_ok=True)
        self.outputs.add(d)
        return d

    def snapshot(self) -> None:
        """The inputs are built: from here on, only named outputs may change."""
        self._before = _tree(self.dir)

    def expect(self, ok: bool, what: str) -> None:
        if not ok:
            self.result.problems.append(what)

    # ---------------------------------------------------------------- runs
    def run(self, *args: Any, timeout: float = 30.0, wall: float | None = None, outputs: tuple = (),
            optional: dict[str, str] | None = None, env: dict[str, str] | None = None, preexec: Any = None,
            cwd: Path | None = None, raw: list[str] | None = None) -> Run:
        """Run disclint with ``args`` (``--lang en`` first). ``timeout`` is the per-document bound
        the case relies on: the run is a hang past ``timeout`` + 10 s (or ``wall``)."""
        if self._before is None:
            self.snapshot()
        argv = [str(a) for a in args]
        for opt, value in (optional or {}).items():
            if opt in self.h.known:
                argv += [opt, value]
        cmd = raw or [*self.h.command, "--lang", "en", *argv]
        self.outputs.update(Path(o) for o in outputs)
        limit = wall if wall is not None else timeout + 10
        full_env = dict(self.h.base_env(), TMPDIR=str(self.tmp), DISCLINT_ATTACK=self.marker, **(env or {}))
        memory = self.h.memory

        def limits() -> None:
            if memory:
                resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            if preexec:
                preexec()

        out_path, err_path = self.tmp.parent / f".out-{uuid.uuid4().hex}", self.tmp.parent / f".err-{uuid.uuid4().hex}"
        self.outputs.update((out_path, err_path))
        t0 = time.monotonic()
        with out_path.open("wb") as out, err_path.open("wb") as err:
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd or self.dir,
                                    env=full_env, preexec_fn=limits, start_new_session=True)
            hang = False
            tree = _TreeMemory(self.marker)
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                tree.sample()
                if time.monotonic() - t0 > limit:
                    hang = True
                    os.killpg(proc.pid, signal.SIGKILL)
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - t0
        run = Run(cmd[len(self.h.command):] if not raw else cmd, None if hang else proc.returncode,
                  out_path.read_text(errors="replace"), err_path.read_text(errors="replace"), seconds,
                  max(usage.ru_maxrss / 1024, tree.peak_mb), hang, limit, tree.sum_mb)
        out_path.unlink()
        err_path.unlink()
        self.result.runs.append(run)
        if hang:
            self.result.problems.append(f"hang: killed after {limit:.0f} s")
        if run.traceback:
            self.result.problems.append("traceback")
        if run.rss_mb > PEAK_LIMIT_MB:
            self.result.problems.append(f"peak RSS {run.rss_mb:.0f} MB")
        if not hang and not run.one_line:
            self.result.problems.append("stderr is not one line per error")
        return run

    def finish(self) -> None:
        deadline = time.monotonic() + 5  # a forkserver or worker may take a moment to follow its parent
        while _processes_with(self.marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = _processes_with(self.marker)
        self.result.left = len(left)
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if left:
            self.result.problems.append(f"{len(left)} processes left behind")
        if self._before is None:
            return
        after = _tree(self.dir)
        changed = []
        for rel in sorted(set(self._before) | set(after)):
            p = self.dir / rel
            if any(p == o or o in p.parents for o in self.outputs):
                continue
            if self._before.get(rel) != after.get(rel):
                how = "new" if rel not in self._before else ("removed" if rel not in after else "changed")
                changed.append(f"{how}: {rel}")
        self.result.outside = changed
        if changed:
            self.result.problems.append("written outside the named outputs: " + ", ".join(changed[:5]))


class _TreeMemory:
    """The processes of one run (found by their environment marker): the highest peak of any one
    of them (``VmHWM``, so a peak between two samples still counts; ``wait4`` misses processes
    reaped by someone else, such as the survey's workers and forkserver) and the largest sum of
    their resident memory."""

    def __init__(self, marker: str) -> None:
        self.marker = f"DISCLINT_ATTACK={marker}".encode()
        self.peak_mb = 0.0
        self.sum_mb = 0.0
        self.pids: set[int] = set()
        self.last_scan = 0.0

    def sample(self) -> None:
        now = time.monotonic()
        if now - self.last_scan > 1.0:  # look for new processes once a second
            self.last_scan = now
            for d in Path("/proc").iterdir():
                if d.name.isdigit() and int(d.name) not in self.pids:
                    try:
                        if self.marker in (d / "environ").read_bytes():
                            self.pids.add(int(d.name))
                    except OSError:
                        continue
        total = 0.0
        for pid in list(self.pids):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                self.pids.discard(pid)
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            hwm = int(fields.get("VmHWM", "0 kB").split()[0]) / 1024
            total += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
            self.peak_mb = max(self.peak_mb, hwm)
        self.sum_mb = max(self.sum_mb, total)


def _tree(root: Path, only: Path | None = None) -> dict[str, tuple]:
    out = {}
    walk = os.walk(root) if only is None else [(str(only.parent), [], [only.name])]
    for dirpath, dirnames, filenames in walk:
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            try:
                st = os.lstat(p)
            except OSError:
                continue
            kind = stat.S_IFMT(st.st_mode)
            out[str(p.relative_to(root))] = (kind, st.st_ino, st.st_size if stat.S_ISREG(st.st_mode) else 0,
                                             st.st_mtime_ns if stat.S_ISREG(st.st_mode) else 0)
    return out


def _processes_with(marker: str) -> list[int]:
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit() and int(d.name) != os.getpid():
            try:
                if f"DISCLINT_ATTACK={marker}".encode() in (d / "environ").read_bytes():
                    found.append(int(d.name))
            except OSError:
                continue
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="comma-separated case names or groups (substring match)")
    ap.add_argument("--skip-slow", action="store_true", help="leave out the heavy cases")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--disclint", default=None, help="the disclint executable (default: next to this python)")
    ap.add_argument("--pythonpath", default=None, help="run `python -m disclint` with this PYTHONPATH (an older build)")
    ap.add_argument("--memory-gb", type=float, default=4.0, help="address-space limit per run (0: none)")
    ap.add_argument("--json", default=None, help="write one JSON line per case here")
    ap.add_argument("--markdown", default=None, help="write the table as Markdown here")
    ap.add_argument("--keep", action="store_true", help="keep the case directories (printed)")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cases import CASES, Skip

    wanted = [w for w in args.only.split(",") if w]
    selected = [c for c in CASES if (not wanted or any(w in c.name or w == c.group for w in wanted))
                and not (args.skip_slow and c.slow)]
    if args.list:
        for c in selected:
            print(f"{c.group:10} {c.name}{'  (slow)' if c.slow else ''}")
        return
    harness = Harness(args)
    rows = []
    try:
        for c in selected:
            result = Result(c.name, c.group)
            root = Path(tempfile.mkdtemp(prefix=f"attack-{c.name}-"))
            work = Work(harness, result, root)
            t0 = time.monotonic()
            try:
                c.func(work)
            except Skip as exc:
                result.skipped = str(exc)
            except Exception as exc:  # a broken case is reported, the list goes on
                result.problems.append(f"case error: {type(exc).__name__}: {exc}"[:300])
            finally:
                work.finish()
                if args.keep:
                    print(f"  kept {root}", file=sys.stderr)
                else:
                    shutil.rmtree(root, ignore_errors=True)
            row = result.row()
            rows.append(row)
            print(_line(row) + f"   [{time.monotonic() - t0:.0f} s]", flush=True)
            if args.json:
                with open(args.json, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        harness.stop_services()
    failed = [r for r in rows if r["verdict"] == "FAIL"]
    print(f"\n{len(rows)} cases: {len(rows) - len(failed)} ok or skipped, {len(failed)} FAIL")
    if args.markdown:
        Path(args.markdown).write_text(markdown(rows), encoding="utf-8")
    sys.exit(1 if failed else 0)


def _line(row: dict[str, Any]) -> str:
    flags = ("1-line" if row["one_line"] else "MULTI") + (" TB" if row["traceback"] else "") + (" HANG" if row["hang"] else "")
    text = (f"{row['verdict']:4} {row['case']:36} exit={row['exit']!s:4} {flags:14} {row['seconds']:7.1f} s "
            f"{row['peak_mb']:6} MB (tree {row['tree_mb']} MB)")
    if row["problems"]:
        text += "  " + "; ".join(row["problems"])[:200]
    return text


def markdown(rows: list[dict[str, Any]]) -> str:
    out = ["| case | exit | 1-line | traceback | s | peak MB | tree MB | outside | verdict |",
           "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['case']} | {r['exit']} | {'yes' if r['one_line'] else 'no'} | {'yes' if r['traceback'] else 'no'} | "
                   f"{r['seconds']} | {r['peak_mb']} | {r['tree_mb']} | {len(r['outside'])} | {r['verdict']}"
                   + (f": {'; '.join(r['problems'])[:120]}" if r["problems"] else "") + " |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
