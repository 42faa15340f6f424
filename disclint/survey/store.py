"""The survey database: ``RUN_DIR/survey.sqlite`` (SQLite, WAL journal).

Only the parent process writes. Each document's rows (document, coverage, quality,
findings, timings) are written in ONE transaction, so a run killed at any moment (even
``kill -9``) leaves either all of a document or nothing of it; the next run skips every
document whose content hash (SHA-256) is already recorded. ``synchronous=NORMAL`` with WAL
is durable against a killed process (only a power loss may drop the last transactions).

Tables (see ``docs/survey.md`` for the columns):
``runs`` one row per invocation (version, rule set, engine, options, times);
``documents`` one row per distinct content (``key`` = SHA-256, or ``path:…`` for a file
that could not be read at all), with metadata, status (ok / error), error key and message,
counts and the coverage score; ``paths`` every path seen with that content;
``coverage`` status per directive (1–10) and principle; ``quality`` findings and score per
MIC quality; ``findings`` every finding; ``timings`` seconds per stage (and ``cpu``); ``workers`` the process
that did the document, its task number and its memory (RSS at start, now, peak).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
DB_NAME = "survey.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL, finished REAL, status TEXT,
  disclint_version TEXT, ruleset TEXT, rules TEXT, engine TEXT, workers INTEGER, options TEXT,
  inputs INTEGER DEFAULT 0, processed INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, errors INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS documents (
  key TEXT PRIMARY KEY, sha256 TEXT, path TEXT, size INTEGER, format TEXT,
  company TEXT, securities_code TEXT, industry TEXT, fiscal_year INTEGER, document_type TEXT, title TEXT,
  meta_source TEXT, status TEXT NOT NULL, error_code TEXT, error_params TEXT, error_message TEXT,
  chars INTEGER, blocks INTEGER, pages INTEGER, cyber_passages INTEGER, findings INTEGER,
  coverage_score REAL, quality_score REAL, seconds REAL, run_id INTEGER, worker TEXT, finished_at REAL,
  disclint_version TEXT, ruleset TEXT, metadata TEXT, cyber_chars INTEGER
);
CREATE TABLE IF NOT EXISTS paths (key TEXT, path TEXT, PRIMARY KEY (key, path));
CREATE TABLE IF NOT EXISTS coverage (
  key TEXT, kind TEXT, item TEXT, status TEXT, best_score REAL, passages INTEGER, concepts TEXT,
  PRIMARY KEY (key, kind, item)
);
CREATE TABLE IF NOT EXISTS quality (
  key TEXT, quality TEXT, errors INTEGER, warnings INTEGER, infos INTEGER, findings INTEGER, score REAL,
  PRIMARY KEY (key, quality)
);
CREATE TABLE IF NOT EXISTS findings (
  key TEXT, seq INTEGER, rule TEXT, level TEXT, quality TEXT, message TEXT, page INTEGER, section TEXT,
  block_index INTEGER, start INTEGER, "end" INTEGER, excerpt TEXT, PRIMARY KEY (key, seq)
);
CREATE TABLE IF NOT EXISTS timings (key TEXT, stage TEXT, seconds REAL, PRIMARY KEY (key, stage));
CREATE TABLE IF NOT EXISTS workers (
  key TEXT PRIMARY KEY, worker TEXT, pid INTEGER, tasks INTEGER, rss_start_mb REAL, rss_mb REAL, peak_rss_mb REAL
);
CREATE INDEX IF NOT EXISTS documents_company ON documents (securities_code, fiscal_year);
"""

DOC_COLUMNS = (
    "key",
    "sha256",
    "path",
    "size",
    "format",
    "company",
    "securities_code",
    "industry",
    "fiscal_year",
    "document_type",
    "title",
    "meta_source",
    "status",
    "error_code",
    "error_params",
    "error_message",
    "chars",
    "blocks",
    "pages",
    "cyber_passages",
    "findings",
    "coverage_score",
    "quality_score",
    "seconds",
    "run_id",
    "worker",
    "finished_at",
    "disclint_version",
    "ruleset",
    "metadata",
    "cyber_chars",
)
# columns added after schema version 1: (name, type), added to older databases on open
ADDED_COLUMNS = (("cyber_chars", "INTEGER"),)
CHILD_TABLES = ("paths", "coverage", "quality", "findings", "timings", "workers")


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=60, isolation_level=None)  # explicit transactions
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=OFF")
    return conn


class Store:
    def __init__(self, run_dir: Path, create: bool = True) -> None:
        """Open (or create) the database and check it first (``PRAGMA quick_check``): a
        truncated, garbage or bit-flipped file is one line (``survey.store_corrupt``) before
        any work, never an sqlite3 traceback in the middle of the run."""
        from .inputs import SurveyError

        self.path = run_dir / DB_NAME
        self.conn = None
        try:
            self.conn = connect(self.path)
            check = [r[0] for r in self.conn.execute("PRAGMA quick_check(5)")]
            if check != ["ok"]:
                lines = [line.strip() for row in check for line in str(row).splitlines() if line.strip()]
                raise SurveyError("survey.store_corrupt", path=str(self.path), reason="; ".join(lines)[:200])
            if create:
                self.conn.executescript(SCHEMA)
                self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                have = {r[1] for r in self.conn.execute("PRAGMA table_info(documents)")}
                for name, kind in ADDED_COLUMNS:  # a run directory of an earlier disclint: resumable
                    if name not in have:
                        self.conn.execute(f"ALTER TABLE documents ADD COLUMN {name} {kind}")
        except sqlite3.OperationalError as exc:  # full disk, I/O error, read-only: not damage
            if self.conn is not None:
                self.conn.close()
            raise SurveyError(
                "survey.store_failed", path=str(self.path), reason=str(exc).splitlines()[0][:200]
            ) from None
        except sqlite3.Error as exc:  # "file is not a database", "database disk image is malformed"
            if self.conn is not None:
                self.conn.close()
            raise SurveyError(
                "survey.store_corrupt", path=str(self.path), reason=str(exc).splitlines()[0][:200]
            ) from None
        except SurveyError:
            self.conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------------ runs
    def start_run(
        self, version: str, ruleset: str, rules: list[str], engine: str, workers: int, options: dict[str, Any]
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs (started, status, disclint_version, ruleset, rules, engine, workers, options) VALUES (?,?,?,?,?,?,?,?)",
            (
                time.time(),
                "running",
                version,
                ruleset,
                json.dumps(rules),
                engine,
                workers,
                json.dumps(options, ensure_ascii=False),
            ),
        )
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, status: str, **counts: int) -> None:
        sets = ", ".join(f"{k} = ?" for k in counts)
        self.conn.execute(
            f"UPDATE runs SET finished = ?, status = ?{', ' + sets if sets else ''} WHERE id = ?",
            (time.time(), status, *counts.values(), run_id),
        )

    def previous_rulesets(self) -> set[tuple[str, str]]:
        return {(r[0], r[1]) for r in self.conn.execute("SELECT DISTINCT disclint_version, ruleset FROM runs")}

    # ------------------------------------------------------------------ documents
    def done_keys(self, include_errors: bool = True) -> set[str]:
        q = "SELECT key FROM documents" + ("" if include_errors else " WHERE status = 'ok'")
        return {r[0] for r in self.conn.execute(q)}

    def add_path(self, key: str, path: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO paths VALUES (?, ?)", (key, path))

    def update_meta(self, key: str, meta: dict[str, Any]) -> None:
        """Manifest metadata given for an already finished document (no re-processing needed)."""
        fields = {
            k: v
            for k, v in meta.items()
            if k in ("company", "securities_code", "industry", "fiscal_year", "document_type") and v not in (None, "")
        }
        if fields:
            self.conn.execute(
                f"UPDATE documents SET {', '.join(f'{k} = ?' for k in fields)} WHERE key = ?", (*fields.values(), key)
            )

    def save(self, result: dict[str, Any], run_id: int, version: str, ruleset: str) -> None:
        """All rows of one document in one transaction (replacing an earlier record of it)."""
        key = result["key"]
        doc = {c: None for c in DOC_COLUMNS}
        doc.update({k: v for k, v in result.get("document", {}).items() if k in doc})
        doc.update(key=key, run_id=run_id, finished_at=time.time(), disclint_version=version, ruleset=ruleset)
        if isinstance(doc.get("error_params"), dict):
            doc["error_params"] = json.dumps(doc["error_params"], ensure_ascii=False)
        if isinstance(doc.get("metadata"), dict):
            doc["metadata"] = json.dumps(doc["metadata"], ensure_ascii=False, default=str)
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for table in CHILD_TABLES:
                if table != "paths":
                    c.execute(f"DELETE FROM {table} WHERE key = ?", (key,))
            c.execute(
                f"INSERT OR REPLACE INTO documents ({', '.join(DOC_COLUMNS)}) VALUES ({', '.join('?' * len(DOC_COLUMNS))})",
                tuple(doc[k] for k in DOC_COLUMNS),
            )
            c.execute("INSERT OR IGNORE INTO paths VALUES (?, ?)", (key, doc["path"]))
            c.executemany(
                "INSERT INTO coverage VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        key,
                        r["kind"],
                        r["item"],
                        r["status"],
                        r["best_score"],
                        r["passages"],
                        json.dumps(r.get("concepts", []), ensure_ascii=False),
                    )
                    for r in result.get("coverage", [])
                ],
            )
            c.executemany(
                "INSERT INTO quality VALUES (?,?,?,?,?,?,?)",
                [
                    (key, q["quality"], q["errors"], q["warnings"], q["infos"], q["findings"], q["score"])
                    for q in result.get("quality", [])
                ],
            )
            c.executemany(
                "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        key,
                        i,
                        f["rule"],
                        f["level"],
                        f.get("quality"),
                        f["message"],
                        f.get("page"),
                        f.get("section"),
                        f.get("block_index"),
                        f.get("start"),
                        f.get("end"),
                        f.get("excerpt"),
                    )
                    for i, f in enumerate(result.get("findings", []))
                ],
            )
            c.executemany(
                "INSERT INTO timings VALUES (?,?,?)", [(key, k, v) for k, v in result.get("timings", {}).items()]
            )
            w = result.get("worker")
            if w:  # memory of the process that did this document (its n-th task), for benchmarks
                c.execute(
                    "INSERT INTO workers VALUES (?,?,?,?,?,?,?)",
                    (
                        key,
                        w.get("id"),
                        w.get("pid"),
                        w.get("tasks"),
                        w.get("rss_start_mb"),
                        w.get("rss_mb"),
                        w.get("peak_rss_mb"),
                    ),
                )
            c.execute("COMMIT")
        except BaseException:
            try:  # SQLite may have rolled back already (disk full): "cannot rollback" must not hide the cause
                c.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        return list(self.conn.execute(sql, tuple(params)))
