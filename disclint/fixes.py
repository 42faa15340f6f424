"""Fixes as data (ruff's model): a rule declares ``fix:`` in its YAML, each finding of it carries
``{"replacement", "applicability"}`` for its span, and the commands apply them:

- ``lint --fix`` rewrites .md/.txt files in place with the *safe* fixes (``--unsafe-fixes`` adds
  those that need review), atomically, keeping the file's encoding and line endings; other
  formats are never written.
- ``lint DRAFT.docx --suggest OUT.docx`` writes every fix as a Word tracked change
  (:mod:`disclint.annotate.revisions`) for the writer to accept or reject.

``applicability``: ``safe`` when the rewrite keeps meaning and style (ﾊﾟｽﾜｰﾄﾞ → パスワード, することができ → でき); ``review`` when
a person should look (a change of register, a rewrite of the verb). ``review_if_match`` makes
one match of a safe rule ``review``; ``normalize: nfkc`` applies NFKC to the replacement
(half-width katakana → full-width).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from .model.findings import Finding


def make_fix(rule: Any, params: dict[str, Any], excerpt: str) -> dict[str, str] | None:
    spec = rule.fix
    try:
        replacement = spec["replacement"].format(**params)
    except (KeyError, IndexError, ValueError):
        return None
    if spec.get("normalize") == "nfkc":
        replacement = unicodedata.normalize("NFKC", replacement)
    if not excerpt or replacement == excerpt:
        return None
    applicability = spec.get("applicability", "review")
    match = str(params.get("match", excerpt))
    if applicability == "safe" and spec.get("review_if_match") and re.search(spec["review_if_match"], match):
        applicability = "review"
    # matched on the normalised text: the span may differ from the match (full-width digits …)
    if applicability == "safe" and unicodedata.normalize("NFKC", excerpt) != unicodedata.normalize("NFKC", match):
        applicability = "review"
    return {"replacement": replacement, "applicability": applicability}


def wanted(f: Finding, unsafe: bool) -> bool:
    return bool(f.fix) and (f.fix["applicability"] == "safe" or unsafe)


def fix_text_file(path: str, findings: list[Finding], unsafe: bool = False) -> list[Finding]:
    """Apply the fixes of ``findings`` (placed by :mod:`disclint.sourcetext`: real line and
    column) to the text file ``path`` in place. Returns the findings fixed. Overlapping fixes:
    the first wins (run again for the rest, as ruff does)."""
    from .readers.encoding import decode_bytes
    from .safeio import atomic_write_bytes

    data = Path(path).read_bytes()
    text, codec = decode_bytes(data)
    # original offsets of each line (\r\n, \r, \n all end a line, as the reader counts)
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    edits: list[tuple[int, int, str, Finding]] = []
    for f in findings:
        if not wanted(f, unsafe) or f.column is None or f.end_column is None or not f.location.line:
            continue
        line, end_line = f.location.line, f.end_line or f.location.line
        if line > len(starts) or end_line > len(starts):
            continue
        a = starts[line - 1] + f.column - 1
        b = starts[end_line - 1] + f.end_column - 1
        if text[a:b] != f.excerpt:  # never rewrite what we did not find
            continue
        edits.append((a, b, f.fix["replacement"], f))  # type: ignore[index]
    edits.sort(key=lambda e: (e[0], e[1]))
    applied: list[tuple[int, int, str, Finding]] = []
    last_end = -1
    for e in edits:
        if e[0] >= last_end:
            applied.append(e)
            last_end = e[1]
    if not applied:
        return []
    out = text
    for a, b, rep, _ in reversed(applied):
        out = out[:a] + rep + out[b:]
    encoding = {"utf-8-sig": "utf-8-sig"}.get(codec, codec)
    payload = out.encode(encoding)
    if codec.startswith("utf-16") or codec.startswith("utf-32"):  # keep the BOM the file had
        bom = data[: 4 if codec.startswith("utf-32") else 2]
        payload = bom + payload if data.startswith(bom) and not payload.startswith(bom) else payload
    import os

    atomic_write_bytes(os.path.realpath(path), payload)  # through a symlink: the link stays a link
    return [e[3] for e in applied]
