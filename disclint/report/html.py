"""HTML reporter: one self-contained page (inline CSS, JS and SVG; no network) per lint run.

What the page shows, per file
-----------------------------
- A summary and two radar charts drawn as SVG by :func:`radar_svg`: directive coverage
  (covered 100, weak 50, missing 0) and the five quality scores (:func:`quality_scores`).
- The coverage matrix: directives 1-10 (group, title, status, links to the passages the mapper
  labelled) and the three principles.
- Filters (quality, level, directive) - plain JS toggling the class ``off`` on the findings and
  their highlights; the state lives in the DOM (``data-*`` attributes), not in a JS copy of the data.
- The findings list, each linked to its highlight, and the document text (blocks with their
  page / paragraph / line / table references; a page heading whenever ``Location.page`` changes)
  with every finding's span wrapped in ``<mark>`` at its exact offsets (crossing spans are split
  into nested pieces; whole-block findings mark the whole block).
- The run profile: disclint version, rules used, configuration, timestamp, timings.

The markup is the Jinja2 template ``templates/report.html.j2`` (style ``report.css``, script
``report.js``, shipped with the package); this module prepares the values it shows (``_Page``).

Safety: the template is autoescaped, and every value it prints (document text, message, hint,
rule id, path, configuration value) goes through :func:`html.escape` unless it is ``Markup`` made
here (the SVG charts, the document text with its highlights, escaped piece by piece); the page's Content-Security-Policy allows no network at all and only
the page's own script and style (by SHA-256 hash), so even an escaping mistake could not run
injected script.

Quality scores come from :func:`disclint.quality.quality_scores` (documented there and in
docs/review.md), the same scores the survey stores.

Reporters do not know which reader made a document: the page only uses Blocks and Locations.
The lint command attaches the Document (and the mapper's per-block directives) with
:func:`with_document`; without it the page still has the summary, coverage and findings.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
import html
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..guideline import directive_ids, load_guideline
from ..i18n import directive_label, level_label, principle_title, quality_label, status_label, t
from ..model.document import Block, BlockKind, Document
from ..model.findings import Finding
from ..quality import QUALITIES, quality_scores  # noqa: F401  (quality_scores re-exported)
from ..registry import reporters
from . import FileReport
from .svg import radar_svg  # noqa: F401  (part of this module's API)

LEVELS = ("error", "warning", "info")
MAX_LISTED = 5000  # findings listed and marked per file; the most severe first (JSON/SARIF carry all)
CHUNK_BLOCKS = 40  # blocks per lazily laid-out chunk of the document text (a page starts a new chunk)
STATUS_VALUE = {"covered": 100.0, "weak": 50.0, "missing": 0.0}
# the page's markup (report.html.j2), style (report.css) and script (report.js); shipped as package data
TEMPLATES = Path(__file__).resolve().parent / "templates"


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@dataclass
class HtmlFileReport(FileReport):
    """A FileReport with what only the HTML page needs: the blocks and the mapper's view of them."""

    document: Document | None = None
    block_directives: dict[int, list[int]] = field(default_factory=dict)
    principles: dict[str, dict[str, Any]] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
    view: dict[str, Any] | None = None  # the file's part of the page once :func:`render_section` prepared it


def with_document(report: FileReport, analysis: Any, config: Any = None, lang: str = "ja") -> HtmlFileReport:
    """Attach the document and the analysis's view of it (per-block directives and principle
    coverage, in-scope passages only). Nothing is mapped again: the page shows what lint found."""
    summary = report.coverage or analysis.summary(lang)
    profile: dict[str, Any] = {}
    if config is not None:
        profile.update(
            config=getattr(config, "source", None),
            select=list(getattr(config, "select", []) or []),
            ignore=list(getattr(config, "ignore", []) or []),
            fail_level=getattr(config, "fail_level", None),
        )
    timings = analysis.timings
    profile["seconds"] = round(sum(v for k, v in timings.items() if k in ("map", "coverage", "rules")), 2)
    return HtmlFileReport(
        report.path,
        report.findings,
        summary,
        report.hidden,
        config=getattr(report, "config", None),
        document=analysis.document,
        block_directives=analysis.block_directives(),
        principles=dict(summary.get("principles") or {}),
        profile=profile,
    )


def render_section(report: HtmlFileReport, n: int, first_id: int, lang: str = "ja") -> int:
    """Prepare ``report``'s part of the page now (placing its findings in the text, the marked text,
    coverage and charts) — file ``n`` of the run, its findings numbered from ``first_id`` — and return
    the next free number. ``lint`` calls it for each document inside that document's ``--timeout``
    (with reading and analysis); the page template then only prints the prepared values."""
    page = _Page(lang, "", [])
    page.next_id = first_id
    report.view = page.file_view(report, n)
    return page.next_id


# ------------------------------------------------------------------ scores


@dataclass
class _Span:
    start: int
    end: int
    fid: int
    level: str
    quality: str


def marked_text(text: str, spans: list[_Span], first: set[int]) -> str:
    """``text`` escaped, with ``<mark data-f=ID>`` around every span (crossing spans split into nested pieces).

    ``first`` collects the ids already given an ``id="mID"`` anchor (the first piece of each span).
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    if not spans:
        return esc(text)
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    order = sorted(spans, key=lambda s: (s.start, -s.end, s.fid))
    stack: list[_Span] = []
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [s for s in order if s.start <= a and s.end >= b]
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        while len(stack) > keep:
            stack.pop()
            out.append("</mark>")
        for s in active[keep:]:
            anchor = ""
            if s.fid not in first:
                first.add(s.fid)
                anchor = f' id="m{s.fid}"'
            out.append(f'<mark{anchor} class="lv-{esc(s.level)}" data-f="{s.fid}">')
            stack.append(s)
        out.append(esc(text[a:b]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _principles_from_directives(statuses: dict[int, str], lang: str) -> dict[str, dict[str, Any]]:
    out = {}
    for key, p in load_guideline().principles.items():
        states = [statuses.get(d, "missing") for d in p.directives]
        status = (
            "covered"
            if states and all(s == "covered" for s in states)
            else "weak"
            if any(s != "missing" for s in states)
            else "missing"
        )
        out[key] = {
            "status": status,
            "title": principle_title(key, lang),
            "directives": list(p.directives),
            "blocks": [],
            "derived": True,
        }
    return out


def _finding_directives(f: Finding, block_directives: dict[int, list[int]]) -> list[int]:
    d = f.data.get("directive") if isinstance(f.data, dict) else None
    if isinstance(d, int) or (isinstance(d, str) and d.isdigit()):
        return [int(d)]
    if f.block_index is not None:
        return block_directives.get(f.block_index, [])
    return []


def _span_of(f: Finding, doc: Document | None) -> tuple[int, int] | None:
    if doc is None or f.block_index is None or not 0 <= f.block_index < len(doc.blocks):
        return None
    n = len(doc.blocks[f.block_index].text)
    if f.start is not None and f.end is not None and 0 <= f.start < f.end <= n:
        return f.start, f.end
    if f.start is None:
        return 0, n  # about the whole block
    return None


class _Page:
    """Prepares what the template shows (``templates/report.html.j2``): plain values the template
    escapes, and the two kinds of ready-made markup marked safe (the SVG charts, the document text
    with its ``<mark>`` highlights, both escaped here)."""

    def __init__(self, lang: str, version: str, rules: list[Any]) -> None:
        self.lang = lang
        self.version = version
        self.rules = rules
        self.next_id = 0

        self.groups = {d: x.group for d, x in load_guideline().directives.items()}

    # -------------------------------------------------------------- one file
    def file_view(self, rep: FileReport, n: int) -> dict[str, Any]:
        doc: Document | None = getattr(rep, "document", None)
        block_dirs: dict[int, list[int]] = getattr(rep, "block_directives", {}) or {}
        counts = {lv: sum(1 for f in rep.findings if f.level.value == lv) for lv in LEVELS}
        full = rep
        if len(rep.findings) > MAX_LISTED:  # a page nobody can read would also render for minutes
            keep = sorted(range(len(rep.findings)), key=lambda k: (-rep.findings[k].level.rank, k))[:MAX_LISTED]
            rep = replace(rep, findings=[rep.findings[k] for k in sorted(keep)])
        ids = list(range(self.next_id, self.next_id + len(rep.findings)))
        self.next_id += len(rep.findings)
        fid = {id(f): i for f, i in zip(rep.findings, ids, strict=False)}
        return {
            "n": n,
            "title": _doc_title(rep, doc),
            "path": rep.path,
            "counts": counts,
            "total": len(full.findings),
            "shown": len(rep.findings),
            "charts": self.charts(full, doc),
            "coverage": self.coverage(rep, doc, n),
            "filters": self.filters(rep),
            "findings": self.findings(rep, doc, block_dirs, fid, n),
            "chunks": self.document_text(rep, doc, fid, n) if doc is not None else None,
            "profile": self.profile(rep, doc),
        }

    def charts(self, rep: FileReport, doc: Document | None) -> dict[str, Markup | None]:
        out: dict[str, Markup | None] = {"directives": None}
        directives = (rep.coverage or {}).get("directives") or {}
        if len(directives) >= 3:
            keys = sorted(directives, key=lambda k: int(k))
            labels = [directive_label(k, self.lang) for k in keys]
            values = [STATUS_VALUE.get(directives[k].get("status", ""), 0.0) for k in keys]
            tips = [f"{labels[i]} {directives[k].get('title', '')}" for i, k in enumerate(keys)]
            title = t("html.radar_directives", self.lang)
            out["directives"] = Markup(
                radar_svg(labels, values, title=title, tooltips=tips, css_class="radar radar-directives")
            )
        chars = doc.char_count if doc is not None else 0
        scores = quality_scores(rep.findings, chars)
        title = t("html.radar_quality", self.lang)
        labels = [quality_label(q, self.lang) for q in QUALITIES]
        out["quality"] = Markup(
            radar_svg(labels, [float(scores[q]) for q in QUALITIES], title=title, css_class="radar radar-quality")
        )
        return out

    def _links(self, blocks: list[int], doc: Document | None, n: int) -> list[tuple[str, str]]:
        if doc is None:
            return []
        links = []
        for b in blocks[:8]:
            if b is not None and 0 <= b < len(doc.blocks):
                label = doc.blocks[b].location.short(self.lang) or f"#{b + 1}"
                links.append((f"#f{n}b{b}", label))
        return links

    def _status_label(self, status: str) -> str:
        return status_label(status, self.lang) if status in STATUS_VALUE else status

    def coverage(self, rep: FileReport, doc: Document | None, n: int) -> dict[str, Any] | None:
        directives = (rep.coverage or {}).get("directives") or {}
        if not directives:
            return None
        principles = getattr(rep, "principles", None) or (rep.coverage or {}).get("principles") or {}
        if not principles:
            principles = _principles_from_directives(
                {int(k): v.get("status", "missing") for k, v in directives.items()}, self.lang
            )
        rows = []
        for k in sorted(directives, key=lambda x: int(x)):
            c = directives[k]
            status = c.get("status", "missing")
            links = self._links(list(c.get("blocks") or []), doc, n)  # in-scope evidence only
            rows.append(
                {
                    "key": k,
                    "status": status,
                    "status_label": self._status_label(status),
                    "depth": c.get("depth"),
                    "group": self.groups.get(int(k), ""),
                    "title": c.get("title", ""),
                    "links": links,
                    "where_text": ""
                    if links
                    else ", ".join(_loc_label(loc, self.lang) for loc in c.get("locations", [])),
                }
            )
        prows = []
        derived = False
        for key, p in principles.items():
            status = p.get("status", "missing")
            derived = derived or bool(p.get("derived"))
            prows.append(
                {
                    "key": key,
                    "status": status,
                    "status_label": self._status_label(status),
                    "depth": None,
                    "directives": ", ".join(directive_label(d, self.lang) for d in p.get("directives", [])),
                    "title": p.get("title", key),
                    "links": self._links(p.get("blocks", []), doc, n),
                }
            )
        return {"directives": rows, "principles": prows, "derived": derived}

    def filters(self, rep: FileReport) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
        """(fieldset class, legend key, input name, [(value, label)]) per fieldset."""
        qualities = list(QUALITIES) + sorted({f.quality or "none" for f in rep.findings} - set(QUALITIES))
        directives = [(str(d), directive_label(d, self.lang)) for d in directive_ids()]
        return [
            ("f-level", "html.level", "level", [(lv, level_label(lv, self.lang)) for lv in LEVELS]),
            ("f-quality", "html.quality", "quality", [(q, quality_label(q, self.lang)) for q in qualities]),
            ("f-directive", "html.directives", "directive", directives + [("0", t("html.no_directive", self.lang))]),
        ]

    def findings(
        self, rep: FileReport, doc: Document | None, block_dirs: dict[int, list[int]], fid: dict[int, int], n: int
    ) -> list[dict[str, Any]]:
        out = []
        for f in rep.findings:
            i = fid[id(f)]
            span = _span_of(f, doc)
            if f.block_index is None:
                where = t("lint.document", self.lang)
                target = f"#cov{n}"
            else:
                where = f.location.short(self.lang) or t("lint.document", self.lang)
                target = f"#m{i}" if span else (f"#f{n}b{f.block_index}" if doc is not None else "")
            out.append(
                {
                    "id": i,
                    "level": f.level.value,
                    "quality": f.quality or "none",
                    "directives": " ".join(map(str, _finding_directives(f, block_dirs))) or "0",
                    "where": where,
                    "target": target,
                    "section": " > ".join(f.location.section),
                    "message": f.message,
                    "hint": f.hint,
                    "rule": f.rule,
                    "quality_label": quality_label(f.quality, self.lang) if f.quality else None,
                }
            )
        return out

    def document_text(self, rep: FileReport, doc: Document, fid: dict[int, int], n: int) -> list[list[dict[str, Any]]]:
        """The blocks in chunks of ``CHUNK_BLOCKS``; a page starts a new chunk and gets a page
        heading; the cells of one table make one item.

        Big documents: the chunks have ``content-visibility:auto`` (off-screen chunks are not laid
        out), and findings are ``display:block`` rather than list items - hiding many list items is
        quadratic in Chromium (ordinal re-numbering): 2,400 findings took 5 s to filter, now 0.1 s."""
        spans: dict[int, list[_Span]] = {}
        for f in rep.findings:
            span = _span_of(f, doc)
            if span is not None:
                spans.setdefault(f.block_index, []).append(
                    _Span(span[0], span[1], fid[id(f)], f.level.value, f.quality or "none")
                )  # type: ignore[arg-type]
        first: set[int] = set()
        chunks: list[list[dict[str, Any]]] = [[]]
        page = None
        blocks = doc.blocks
        i = 0
        in_chunk = 0
        while i < len(blocks):
            b = blocks[i]
            new_page = b.location.page is not None and b.location.page != page
            if in_chunk and (new_page or in_chunk >= CHUNK_BLOCKS):
                chunks.append([])
                in_chunk = 0
            if new_page:
                page = b.location.page
                chunks[-1].append({"type": "page", "page": page})
            if b.kind is BlockKind.TABLE_CELL and b.location.table is not None:
                j = i
                while (
                    j < len(blocks)
                    and blocks[j].kind is BlockKind.TABLE_CELL
                    and blocks[j].location.table == b.location.table
                    and blocks[j].location.page == b.location.page
                ):
                    j += 1
                chunks[-1].append(self._table(blocks, i, j, spans, first))
                in_chunk += j - i
                i = j
                continue
            chunks[-1].append(
                {
                    "type": "block",
                    "index": i,
                    "kind": b.kind.value + (f" lv{b.level}" if b.level else ""),
                    "where": b.location.short(self.lang),
                    "html": Markup(marked_text(b.text, spans.get(i, []), first)),
                }
            )
            i += 1
            in_chunk += 1
        return chunks

    def _table(
        self, blocks: list[Block], i: int, j: int, spans: dict[int, list[_Span]], first: set[int]
    ) -> dict[str, Any]:
        cells: dict[tuple[int, int], int] = {}
        rows: list[int] = []
        cols: set[int] = set()
        for k in range(i, j):
            loc = blocks[k].location
            r, c = loc.row or 0, loc.column or 0
            if (r, c) in cells:  # unexpected duplicate position: keep document order, new row
                r = max(rows) + 1 if rows else 0
            cells[(r, c)] = k
            if r not in rows:
                rows.append(r)
            cols.add(c)
        colist = sorted(cols)
        label = blocks[i].location.short(self.lang).split(" ")
        grid: list[list[dict[str, Any] | None]] = []
        for r in rows:
            row: list[dict[str, Any] | None] = []
            for c in colist:
                k = cells.get((r, c))
                row.append(
                    None
                    if k is None
                    else {
                        "index": k,
                        "where": blocks[k].location.short(self.lang),
                        "html": Markup(marked_text(blocks[k].text, spans.get(k, []), first)),
                    }
                )
            grid.append(row)
        return {"type": "table", "caption": " ".join(x for x in label if not x.startswith("¶")), "rows": grid}

    def profile(self, rep: FileReport, doc: Document | None) -> list[tuple[str, str]]:
        prof = getattr(rep, "profile", {}) or {}
        rows: list[tuple[str, str]] = []
        if doc is not None:
            pages = doc.metadata.get("pages") or max((b.location.page or 0 for b in doc.blocks), default=0)
            extra = t("html.profile.pages", self.lang, pages=pages) if pages else ""
            rows.append(
                (
                    t("html.profile.size", self.lang),
                    t(
                        "html.profile.size_value",
                        self.lang,
                        blocks=len(doc.blocks),
                        chars=f"{doc.char_count:,}",
                        pages=extra,
                    ),
                )
            )
        if "config" in prof:
            rows.append(
                (t("html.profile.config", self.lang), prof.get("config") or t("html.profile.config_default", self.lang))
            )
            if prof.get("select"):
                rows.append((t("html.profile.select", self.lang), ", ".join(prof["select"])))
            if prof.get("ignore"):
                rows.append((t("html.profile.ignore", self.lang), ", ".join(prof["ignore"])))
            if prof.get("fail_level"):
                rows.append((t("html.profile.fail_level", self.lang), prof["fail_level"]))
        if "seconds" in prof:
            rows.append((t("html.profile.time", self.lang), f"{prof['seconds']} s"))
        if rep.hidden:
            rows.append((t("html.profile.baseline", self.lang), str(rep.hidden)))
        return rows

    # -------------------------------------------------------------- the run
    def run_profile(self, reports: list[FileReport]) -> dict[str, Any]:
        now = _dt.datetime.now(_dt.UTC).astimezone().isoformat(timespec="seconds")
        enabled = [r for r in self.rules if getattr(r, "enabled", True)]
        rows = [
            (t("html.profile.version", self.lang), self.version or "?"),
            (t("html.profile.generated", self.lang), now),
            (t("html.profile.files", self.lang), ", ".join(r.path for r in reports)),
        ]
        rules = [{"id": r.id, "level": r.level.value, "quality": getattr(r, "quality", "")} for r in enabled]
        return {"rows": rows, "rules": rules}


def _doc_title(rep: FileReport, doc: Document | None) -> str:
    if doc is not None and doc.metadata.get("title"):
        return str(doc.metadata["title"])
    return rep.path.replace("\\", "/").rsplit("/", 1)[-1]


def _loc_label(loc: dict[str, Any], lang: str) -> str:
    from ..model.document import Location

    fields = {
        k: v for k, v in loc.items() if k in ("file", "page", "paragraph", "line", "table", "row", "column", "part")
    }
    try:
        return Location(**{"file": "", **fields}).short(lang)
    except TypeError:
        return ""


@functools.cache
def _template() -> Any:
    """The page template, loaded once: autoescaped; each value is escaped by ``html.escape`` (the
    page's entities as before: ``&quot;``, ``&#x27;``; ``None`` prints nothing) unless it is
    ``Markup`` already."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=lambda v: v if isinstance(v, Markup) else Markup(esc(v)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("report.html.j2")


def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@reporters.register("html")
def html_report(reports: list[FileReport], rules: list[Any], lang: str, version: str) -> str:
    page = _Page(lang, version, rules)
    # a file's view is prepared inside its document's --timeout by lint (render_section); else here
    files = [getattr(rep, "view", None) or page.file_view(rep, n) for n, rep in enumerate(reports)]
    title = t("html.title", lang)
    if len(reports) == 1:
        title += " — " + _doc_title(reports[0], getattr(reports[0], "document", None))
    css, js = _asset("report.css"), _asset("report.js")
    csp = f"default-src 'none'; img-src data:; style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; base-uri 'none'; form-action 'none'"
    return str(
        _template().render(
            lang=lang,
            version=version,
            title=title,
            paths=", ".join(r.path for r in reports),
            csp=csp,
            css=Markup(css),
            js=Markup(js),
            levels=LEVELS,
            files=files,
            run=page.run_profile(reports),
            t=lambda key, **params: t(key, lang, **params),
        )
    )
