"""Baselines: accept today's findings, report only new ones.

A baseline is JSON ``{"version": 1, "tool": "disclint", "fingerprints": {fp: count}}``.
Fingerprints (:func:`disclint.lint.fingerprint`) use rule + normalised excerpt +
section, never line or page numbers, so edits elsewhere in the document keep them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..model.errors import ConfigError
from ..model.findings import Finding
from ..safeio import atomic_write_text

BASELINE_VERSION = 1
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def write_baseline(path: str | Path, findings: list[Finding]) -> int:
    from ..lint import fingerprint

    counts = Counter(fingerprint(f) for f in findings)
    data = {"version": BASELINE_VERSION, "tool": "disclint", "fingerprints": dict(sorted(counts.items()))}
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")  # never half-written
    return sum(counts.values())


def load_baseline(path: str | Path) -> Counter[str]:
    from ..safeio import read_input_bytes

    # a regular file only, size checked first: a FIFO would hang, /dev/zero would never end
    raw = read_input_bytes(path, MAX_BASELINE_BYTES, ConfigError, "config.baseline_invalid", path=str(path))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ConfigError("config.baseline_invalid", path=str(path), reason=str(exc).splitlines()[0]) from None
    fps = data.get("fingerprints") if isinstance(data, dict) else None
    if data.get("version") != BASELINE_VERSION if isinstance(data, dict) else True:
        raise ConfigError("config.baseline_invalid", path=str(path), reason="unsupported version")
    if not isinstance(fps, dict) or not all(isinstance(v, int) for v in fps.values()):
        raise ConfigError("config.baseline_invalid", path=str(path), reason="'fingerprints' must map strings to counts")
    return Counter(fps)


def apply_baseline(findings: list[Finding], remaining: Counter[str]) -> tuple[list[Finding], int]:
    """Drop findings the baseline knows (each fingerprint as often as it was recorded)."""
    from ..lint import fingerprint

    kept, hidden = [], 0
    for f in findings:
        fp = fingerprint(f)
        if remaining.get(fp, 0) > 0:
            remaining[fp] -= 1
            hidden += 1
        else:
            kept.append(f)
    return kept, hidden
