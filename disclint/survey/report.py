"""``disclint survey report``: RUN_DIR/survey.sqlite -> CSV, XLSX and an HTML dashboard.

The unit of the company views is the *company-year*: every surveyed document of one company
(securities code, else company name, else file) for one fiscal year, merged: a directive is
covered when any of those documents covers it (a company may disclose in its 有報 and in an
integrated report). ``--year`` picks the fiscal year of the company views; by default each
company's latest year. Industry and trend views count company-years.

Shares: ``covered`` = share of company-years covering a directive; the heatmap and trend
use that share; radar values are covered = 1, weak = 0.5, missing = 0 (averaged for an
industry). Charts are drawn with matplotlib (Agg) in the Japanese font bundled with
matplotlib-fontja (IPAexGothic) and embedded as base64 PNG: the HTML needs no other file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from .charts import (
    MAX_LINES,
    render_charts,
)
from .data import (
    Data,
    Written,
)
from .files import (
    render_html,
    write_csv,
    write_xlsx,
)
from .inputs import SurveyError
from .tables import tables

# --------------------------------------------------------------------------- entry point


def write_report(
    run_dir: Path,
    out_dir: Path,
    lang: str = "ja",
    compare: list[str] | None = None,
    year: int | None = None,
    industry: str | None = None,
    include_empty: bool = False,
) -> Written:
    """Write the report into a new directory ``out_dir`` (absent or empty).

    Everything is written into a temporary sibling directory that is renamed to ``out_dir`` only
    when complete, so an interrupted run leaves no half-written report (see :mod:`disclint.safeio`)."""
    if out_dir.resolve() == run_dir.resolve():
        raise SurveyError("survey.report_out_is_run", path=str(out_dir))
    data = Data(run_dir, lang, include_empty=include_empty, industry=industry)
    if not data.ok:
        raise SurveyError("survey.report_no_documents", path=str(run_dir))
    check_filters(data, year, industry)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise SurveyError("survey.report_out_exists", path=str(out_dir))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = _writers_lock(out_dir)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
        try:
            written = _write_files(data, tmp, lang, compare, year)
            os.replace(tmp, out_dir)  # onto an absent or empty directory: atomic on POSIX
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    finally:
        if lock is not None:
            os.close(lock)  # the kernel also lets go of it when the process is killed
    written.files = [out_dir / f.relative_to(tmp) for f in written.files]
    return written


def _listing(values: list[Any], limit: int = 30) -> str:
    shown = [str(v) for v in values[:limit]]
    return ", ".join(shown) + (f", …（+{len(values) - limit}）" if len(values) > limit else "")


def check_filters(data: Data, year: int | None, industry: str | None) -> None:
    """A filter that selects nothing is an error naming the values that exist (never empty tables)."""
    if industry is not None and not data.company_years:
        values = sorted({c.industry for c in data.all_company_years})
        raise SurveyError("survey.report_no_such_industry", value=industry, values=_listing(values))
    if year is not None and not any(c.fiscal_year == year for c in data.counted(data.company_years)):
        values = sorted({c.fiscal_year for c in data.counted(data.company_years) if c.fiscal_year is not None})
        raise SurveyError("survey.report_no_such_year", value=year, values=_listing(values) or "-")


STALE_TEMP_SECONDS = 3600


def _writers_lock(out_dir: Path) -> int | None:
    """Remove the ``.OUT.*.tmp`` siblings that reports killed with ``kill -9`` left behind
    (megabytes of CSV and PNG), then hold a shared ``flock`` on the parent directory while this
    report writes its own. Every report holds that lock while its temporary directory exists, so
    a report that gets it exclusively knows no other one is writing: every such directory is
    stale and goes at once. When another report is writing (or where ``flock`` does not exist)
    only those an hour old are removed. Returns the locked descriptor (``None``: no lock)."""
    try:
        import fcntl

        fd = os.open(out_dir.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except (ImportError, OSError):
        _remove_stale_temp_dirs(out_dir, STALE_TEMP_SECONDS)
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        alone = True
    except OSError:
        alone = False
    _remove_stale_temp_dirs(out_dir, 0 if alone else STALE_TEMP_SECONDS)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # from exclusive to shared: other reports may write alongside
    except OSError:  # a file system without flock
        os.close(fd)
        return None
    return fd


def _remove_stale_temp_dirs(out_dir: Path, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Remove this OUT_DIR's ``.OUT.*.tmp`` siblings not changed for ``older_than`` seconds."""
    import time

    now = time.time()
    for p in out_dir.parent.glob(f".{glob_escape(out_dir.name)}.*.tmp"):
        try:
            if p.is_dir() and not p.is_symlink() and now - p.stat().st_mtime >= older_than:
                shutil.rmtree(p, ignore_errors=True)
        except OSError:
            continue


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


def _write_files(data: Data, out_dir: Path, lang: str, compare: list[str] | None, year: int | None) -> Written:
    written = Written()
    views = tables(data, year)
    for name, (header, rows) in views.items():
        p = out_dir / f"{name}.csv"
        write_csv(p, header, rows)
        written.files.append(p)
    xlsx = out_dir / "survey.xlsx"
    write_xlsx(xlsx, views, lang)
    written.files.append(xlsx)
    sel = data.selected(year)
    charts, glyph, missing = render_charts(data, sel, compare or [], out_dir, year)
    written.files.extend(sorted((out_dir / "charts").glob("*.png")))
    if missing:
        written.notes.append(("survey.report_compare_unknown", {"codes": ", ".join(missing)}))
    from .inputs import normalize_code

    drawn = [c for c in (normalize_code(x) for x in (compare or [])) if any(s.code == c or s.company == c for s in sel)]
    if len(drawn) > MAX_LINES - 1:
        written.notes.append(
            ("survey.report_compare_limited", {"count": MAX_LINES - 1, "codes": ", ".join(drawn[MAX_LINES - 1 :])})
        )
    page = out_dir / "index.html"
    page.write_text(render_html(data, views, charts, year), encoding="utf-8")
    written.files.append(page)
    written.glyph_warnings = glyph
    return written
