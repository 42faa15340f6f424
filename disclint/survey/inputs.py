"""Survey inputs: folders, single files and manifest CSVs -> a list of :class:`Task`.

A manifest is a CSV file (UTF-8 with or without BOM, or CP932) with a header row. The
``path`` column is required; ``company``, ``securities_code``, ``industry``, ``fiscal_year``
and ``document_type`` are optional (Japanese header names are accepted too, see
:data:`COLUMNS`). Relative paths are relative to the manifest's folder. Metadata left empty
in the manifest is filled later from the document itself (EDINET XBRL DEI facts, PDF cover).

Nothing here writes anywhere: inputs are only read (and hashed, SHA-256, in 1 MB chunks).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.errors import DisclintError

# file types a folder scan picks up (a manifest may list any file: the reader sniffs content)
SCAN_EXTENSIONS = frozenset({".pdf", ".docx", ".html", ".htm", ".xhtml", ".xbrl", ".zip"})
MANIFEST_EXTENSIONS = frozenset({".csv"})
META_FIELDS = ("company", "securities_code", "industry", "fiscal_year", "document_type")

# accepted header names (after strip + lower-case) -> field
COLUMNS: dict[str, str] = {
    "path": "path",
    "file": "path",
    "ファイル": "path",
    "パス": "path",
    "company": "company",
    "会社名": "company",
    "企業名": "company",
    "securities_code": "securities_code",
    "code": "securities_code",
    "ticker": "securities_code",
    "証券コード": "securities_code",
    "industry": "industry",
    "業種": "industry",
    "東証33業種": "industry",
    "sector": "industry",
    "fiscal_year": "fiscal_year",
    "year": "fiscal_year",
    "年度": "fiscal_year",
    "決算年度": "fiscal_year",
    "document_type": "document_type",
    "doc_type": "document_type",
    "書類": "document_type",
    "書類種別": "document_type",
}


class SurveyError(DisclintError):
    """A fatal problem with the survey command line, a manifest or a run directory."""


@dataclass
class Task:
    """One document to survey. ``meta`` holds the manifest's (non-empty) metadata."""

    path: str
    meta: dict[str, Any] = field(default_factory=dict)
    sha256: str | None = None
    size: int = 0
    error: tuple[str, dict[str, Any]] | None = None  # (message key, params) found before reading

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "meta": dict(self.meta), "sha256": self.sha256, "size": self.size}


def normalize_code(value: Any) -> str:
    """Securities codes: ``72030`` (EDINET, 5 digits) -> ``7203``; full-width digits -> ASCII."""
    s = (
        str(value or "")
        .strip()
        .translate(
            str.maketrans(
                "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＲＳＴＵＷＸＹ", "0123456789ABCDEFGHJKLMNPRSTUWXY"
            )
        )
    )
    if len(s) == 5 and s.endswith("0"):
        s = s[:4]
    return s


def fiscal_year_from(value: Any) -> int | None:
    """``2024``, ``2024年度``, ``2025年3月期``, ``FY2024`` or an ISO end date -> the year (fiscal
    years are named by the calendar year in which they end: 2025年3月期 -> 2025)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value if 1900 <= value <= 2100 else None
    s = str(value).strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    m = re.search(r"(19|20|21)\d\d", s)
    if not m:
        return None
    return int(m.group(0))


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp932"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise SurveyError("survey.manifest_encoding")


MAX_MANIFEST_BYTES = 256 * 1024 * 1024


def read_manifest(path: Path) -> list[Task]:
    from ..safeio import read_input_bytes

    # a regular file only, size checked first (a FIFO would hang, /dev/zero never end)
    data = read_input_bytes(path, MAX_MANIFEST_BYTES, SurveyError, "survey.manifest_unreadable", path=str(path))
    try:
        text = _decode(data)
    except SurveyError:
        raise SurveyError("survey.manifest_encoding", path=str(path)) from None
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise SurveyError("survey.manifest_syntax", path=str(path), reason=str(exc)) from exc
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise SurveyError("survey.manifest_empty", path=str(path))
    header = [COLUMNS.get(h.strip().lower().lstrip("\ufeff"), "") for h in rows[0]]
    if "path" not in header:
        raise SurveyError("survey.manifest_no_path", path=str(path), columns=", ".join(h.strip() for h in rows[0]))
    for name in set(header) - {""}:
        if header.count(name) > 1:  # which one would win is a guess: refuse
            cols = ", ".join(rows[0][i].strip() for i, h in enumerate(header) if h == name)
            raise SurveyError("survey.manifest_duplicate_column", path=str(path), field=name, columns=cols)
    tasks: list[Task] = []
    base = path.parent
    for line, row in enumerate(rows[1:], 2):
        if len(row) > len(header):
            raise SurveyError("survey.manifest_columns", path=str(path), line=line, expected=len(header), got=len(row))
        rec = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header) if h}
        if not rec.get("path"):
            raise SurveyError("survey.manifest_no_file", path=str(path), line=line)
        meta: dict[str, Any] = {}
        for key in META_FIELDS:
            value = rec.get(key, "")
            if not value:
                continue
            if key == "fiscal_year":
                year = fiscal_year_from(value)
                if year is None:
                    raise SurveyError("survey.manifest_bad_year", path=str(path), line=line, value=value)
                meta[key] = year
            elif key == "securities_code":
                meta[key] = normalize_code(value)
            else:
                meta[key] = value
        if "\x00" in rec["path"]:
            raise SurveyError("survey.manifest_bad_path", path=str(path), line=line)
        file = Path(rec["path"])
        if not file.is_absolute():
            file = base / file
        tasks.append(Task(str(file), meta))
    return tasks


def _scan(folder: Path, exclude: Path | None, skipped: Counter[str] | None = None) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder):
        rootp = Path(root)
        if exclude is not None and (rootp == exclude or exclude in rootp.parents):
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            p = rootp / name
            if name.startswith((".", "~$")):  # hidden files, Office lock files
                continue
            if p.suffix.lower() in SCAN_EXTENSIONS:
                yield p
            elif skipped is not None:
                skipped[p.suffix.lower() or name] += 1


def collect(inputs: Iterable[str], exclude: Path | None = None, skipped: Counter[str] | None = None) -> list[Task]:
    """Tasks for the command-line inputs, in order, each path once (manifest metadata wins).
    Files of other kinds found in folders are counted by extension in ``skipped``."""
    exclude = exclude.resolve() if exclude else None
    by_path: dict[str, Task] = {}
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            found = [Task(str(f)) for f in _scan(p, exclude, skipped)]
        elif p.suffix.lower() in MANIFEST_EXTENSIONS:
            if not p.exists():
                raise SurveyError("survey.input_not_found", path=raw)
            found = read_manifest(p)
        elif p.exists():
            found = [Task(str(p))]
        else:
            raise SurveyError("survey.input_not_found", path=raw)
        for task in found:
            key = os.path.abspath(task.path)
            if key in by_path:
                by_path[key].meta.update(task.meta)
            else:
                by_path[key] = task
    return list(by_path.values())


def sha256_file(path: str, max_bytes: int | None = None) -> tuple[str, int]:
    """SHA-256 and size of a regular file, opened without blocking (``O_NONBLOCK``: a FIFO
    put in place meanwhile cannot hang us) and never read past ``max_bytes`` + 1 MB."""
    h = hashlib.sha256()
    size = 0
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotRegular()
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
            if max_bytes is not None and size > max_bytes:
                raise _TooLarge()
    return h.hexdigest(), size


class _NotRegular(Exception):
    pass


class _TooLarge(Exception):
    pass


def hash_tasks(tasks: list[Task], max_file_mb: float | None = None) -> None:
    """Fill ``sha256``/``size``; a file that cannot be read gets ``error`` instead. Only regular
    files are hashed, and only after their size passed ``max_file_mb`` (``/dev/zero``, a FIFO in a
    manifest or a folder would otherwise be read forever before any check or timeout)."""
    max_bytes = int(max_file_mb * 1024 * 1024) if max_file_mb else None
    for task in tasks:
        try:
            st = os.stat(task.path)
            if stat.S_ISDIR(st.st_mode):
                task.error = ("input.is_directory", {})
                continue
            if not stat.S_ISREG(st.st_mode):
                task.error = ("input.not_regular", {})
                continue
            if max_bytes is not None and st.st_size > max_bytes:
                task.error = ("limit.file_size", {"limit_mb": max_file_mb})
                continue
            task.sha256, task.size = sha256_file(task.path, max_bytes)
        except FileNotFoundError:
            task.error = ("input.not_found", {})
        except _NotRegular:
            task.error = ("input.not_regular", {})
        except _TooLarge:
            task.error = ("limit.file_size", {"limit_mb": max_file_mb})
        except ValueError:  # NUL in the path
            task.error = ("input.not_found", {})
        except OSError as exc:
            task.error = ("input.not_readable", {"reason": exc.strerror or type(exc).__name__})
