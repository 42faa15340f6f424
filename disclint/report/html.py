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

Safety: every piece of document text, message, hint, rule id, path and configuration value goes
through :func:`html.escape`; the page's Content-Security-Policy allows no network at all and only
the page's own script and style (by SHA-256 hash), so even an escaping mistake could not run
injected script.

Quality scores come from :func:`disclint.quality.quality_scores` (documented there and in
docs/review.md), the same scores the survey stores.

Reporters do not know which reader made a document: the page only uses Blocks and Locations.
The lint command attaches the Document (and the mapper's per-block directives) with
:func:`with_document`; without it the page still has the summary, coverage and findings.
"""

from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass, field, replace
from typing import Any

from ..document import Block, BlockKind, Document
from ..findings import Finding
from ..i18n import t
from ..quality import QUALITIES, QUALITY_LABELS, quality_scores  # noqa: F401  (quality_scores re-exported)
from . import FileReport, reporter
from .html_assets import CSP, CSS, JS
from .svg import radar_svg  # noqa: F401  (part of this module's API)

LEVELS = ("error", "warning", "info")
MAX_LISTED = 5000  # findings listed and marked per file; the most severe first (JSON/SARIF carry all)
CHUNK_BLOCKS = 40  # blocks per lazily laid-out chunk of the document text (a page starts a new chunk)
STATUS_VALUE = {"covered": 100.0, "weak": 50.0, "missing": 0.0}


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


@dataclass
class HtmlFileReport(FileReport):
    """A FileReport with what only the HTML page needs: the blocks and the mapper's view of them."""

    document: Document | None = None
    block_directives: dict[int, list[int]] = field(default_factory=dict)
    principles: dict[str, dict[str, Any]] = field(default_factory=dict)
    profile: dict[str, Any] = field(default_factory=dict)
    section: str = ""  # the file's part of the page once :func:`render_section` has rendered it


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
    """Render ``report``'s part of the page now — file ``n`` of the run, its findings numbered
    from ``first_id`` — and return the next free number. ``lint`` calls it for each document
    inside that document's ``--timeout`` (with reading and analysis); the page then only joins
    the sections."""
    page = _Page(lang, "", [])
    page.next_id = first_id
    report.section = page.file_section(report, n)
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


# ------------------------------------------------------------------ the page


def _directive_meta() -> dict[int, dict[str, str]]:
    try:
        from ..mapper.definitions import load_directives

        ds = load_directives()
        return {d: {"group": x.group, "title": x.title, "title_en": x.title_en} for d, x in ds.directives.items()}
    except Exception:
        return {}


def _principles_from_directives(statuses: dict[int, str], lang: str) -> dict[str, dict[str, Any]]:
    try:
        from ..mapper.definitions import load_directives

        ds = load_directives()
    except Exception:
        return {}
    out = {}
    for key, p in ds.principles.items():
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
            "title": p.title if lang == "ja" else (p.title_en or p.title),
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
    def __init__(self, lang: str, version: str, rules: list[Any]) -> None:
        self.lang = lang
        self.version = version
        self.rules = rules
        self.next_id = 0

        self.qlabels = {q: QUALITY_LABELS.get(q, {}).get(lang, q) for q in QUALITIES}
        self.meta = _directive_meta()

    def tr(self, key: str, **params: Any) -> str:
        return esc(t(key, self.lang, **params))

    # -------------------------------------------------------------- one file
    def file_section(self, rep: FileReport, n: int) -> str:
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
        out = [f'<section class="file" id="file{n}">']
        out.append(f"<h2>{esc(_doc_title(rep, doc))}</h2>")
        out.append(f'<p class="path">{esc(rep.path)}</p>')
        out.append(
            '<p class="summary">'
            + "".join(f'<span class="badge b-{lv}">{self.tr("html.level." + lv)} {counts[lv]}</span>' for lv in LEVELS)
        )
        out.append(
            self.tr(
                "html.summary",
                findings=len(full.findings),
                errors=counts["error"],
                warnings=counts["warning"],
                infos=counts["info"],
            )
            + "</p>"
        )
        if len(rep.findings) < len(full.findings):
            out.append(
                f'<p class="note">{self.tr("html.truncated", shown=len(rep.findings), total=len(full.findings))}</p>'
            )
        out.append(self.charts(full, doc))
        out.append(self.coverage_table(rep, doc, block_dirs, n))
        out.append('<div class="cols">')
        out.append('<aside class="side">')
        out.append(self.filters(rep, block_dirs))
        out.append(
            f'<h2>{self.tr("html.findings")} <small>({self.tr("html.shown")} <span class="shown-count">{len(rep.findings)}</span> / {len(rep.findings)})</small></h2>'
        )
        out.append(self.findings_list(rep, doc, block_dirs, fid, n))
        out.append("</aside>")
        out.append(f'<div class="doc" id="doc{n}"><h2>{self.tr("html.document")}</h2>')
        out.append(
            self.document_text(rep, doc, fid, n)
            if doc is not None
            else f'<p class="note">{self.tr("html.no_document")}</p>'
        )
        out.append("</div></div>")
        out.append(self.profile(rep, doc))
        out.append("</section>")
        return "\n".join(out)

    def charts(self, rep: FileReport, doc: Document | None) -> str:
        parts = ['<div class="charts">']
        directives = (rep.coverage or {}).get("directives") or {}
        if len(directives) >= 3:
            keys = sorted(directives, key=lambda k: int(k))
            labels = [t("html.directive", self.lang, n=k) for k in keys]
            values = [STATUS_VALUE.get(directives[k].get("status", ""), 0.0) for k in keys]
            tips = [f"{labels[i]} {directives[k].get('title', '')}" for i, k in enumerate(keys)]
            title = t("html.radar_directives", self.lang)
            parts.append(
                f'<div class="chart"><h3>{esc(title)}</h3>{radar_svg(labels, values, title=title, tooltips=tips, css_class="radar radar-directives")}</div>'
            )
        chars = doc.char_count if doc is not None else 0
        scores = quality_scores(rep.findings, chars)
        title = t("html.radar_quality", self.lang)
        labels = [self.qlabels[q] for q in QUALITIES]
        parts.append(
            f'<div class="chart"><h3>{esc(title)}</h3>{radar_svg(labels, [float(scores[q]) for q in QUALITIES], title=title, css_class="radar radar-quality")}'
            f'<p class="note">{self.tr("html.score_note")}</p></div>'
        )
        parts.append("</div>")
        return "".join(parts)

    def _where(self, blocks: list[int], doc: Document | None, n: int) -> str:
        if doc is None:
            return ""
        links = []
        for b in blocks[:8]:
            if b is not None and 0 <= b < len(doc.blocks):
                label = doc.blocks[b].location.short(self.lang) or f"#{b + 1}"
                links.append(f'<a href="#f{n}b{b}">{esc(label)}</a>')
        return " ".join(links)

    def coverage_table(self, rep: FileReport, doc: Document | None, block_dirs: dict[int, list[int]], n: int) -> str:
        directives = (rep.coverage or {}).get("directives") or {}
        if not directives:
            return ""
        principles = getattr(rep, "principles", None) or (rep.coverage or {}).get("principles") or {}
        if not principles:
            principles = _principles_from_directives(
                {int(k): v.get("status", "missing") for k, v in directives.items()}, self.lang
            )
        rows = [
            f'<h2 id="cov{n}">{self.tr("html.coverage")}</h2><table class="cov"><thead><tr>'
            f"<th>{self.tr('html.col_item')}</th><th>{self.tr('html.col_group')}</th><th>{self.tr('html.col_title')}</th>"
            f"<th>{self.tr('html.col_status')}</th><th>{self.tr('html.col_where')}</th></tr></thead><tbody>"
        ]
        for k in sorted(directives, key=lambda x: int(x)):
            c = directives[k]
            status = c.get("status", "missing")
            meta = self.meta.get(int(k), {})
            where = self._where(list(c.get("blocks") or []), doc, n)  # in-scope evidence only
            depth = (
                f'<span class="depth" title="{self.tr("html.depth_help")}"> {self.tr("html.depth", depth=c["depth"])}</span>'
                if c.get("depth") is not None
                else ""
            )
            if not where:
                where = esc(", ".join(_loc_label(loc, self.lang) for loc in c.get("locations", [])))
            rows.append(
                f'<tr class="row-{esc(status)}" data-d="{esc(k)}"><th>{self.tr("html.directive", n=k)}</th><td>{esc(meta.get("group", ""))}</td>'
                f'<td>{esc(c.get("title", ""))}</td><td class="st-{esc(status)}">{self.tr("html.status." + status) if status in STATUS_VALUE else esc(status)}'
                f"{depth}</td><td>{where}</td></tr>"
            )
        derived = False
        for key, p in principles.items():
            status = p.get("status", "missing")
            derived = derived or bool(p.get("derived"))
            ds = ", ".join(t("html.directive", self.lang, n=d) for d in p.get("directives", []))
            rows.append(
                f'<tr class="principle row-{esc(status)}" data-p="{esc(key)}"><th>{self.tr("html.principle")}</th><td>{esc(ds)}</td><td>{esc(p.get("title", key))}</td>'
                f'<td class="st-{esc(status)}">{self.tr("html.status." + status) if status in STATUS_VALUE else esc(status)}</td><td>{self._where(p.get("blocks", []), doc, n)}</td></tr>'
            )
        rows.append("</tbody></table>")
        if derived:
            rows.append(f'<p class="note">{self.tr("html.principle_derived")}</p>')
        return "".join(rows)

    def filters(self, rep: FileReport, block_dirs: dict[int, list[int]]) -> str:
        def box(name: str, value: str, label: str) -> str:
            return f'<label><input type="checkbox" name="{name}" value="{esc(value)}" checked> {esc(label)}</label>'

        qualities = list(QUALITIES) + sorted({f.quality or "none" for f in rep.findings} - set(QUALITIES))
        parts = [f'<form class="filters" aria-label="{self.tr("html.filters")}"><h2>{self.tr("html.filters")}</h2>']
        parts.append(
            f'<fieldset class="f-level"><legend>{self.tr("html.level")}</legend>'
            + "".join(box("level", lv, t("html.level." + lv, self.lang)) for lv in LEVELS)
            + "</fieldset>"
        )
        parts.append(
            f'<fieldset class="f-quality"><legend>{self.tr("html.quality")}</legend>'
            + "".join(box("quality", q, self.qlabels.get(q, q)) for q in qualities)
            + "</fieldset>"
        )
        parts.append(
            f'<fieldset class="f-directive"><legend>{self.tr("html.directives")}</legend>'
            + "".join(box("directive", str(d), t("html.directive", self.lang, n=d)) for d in range(1, 11))
            + box("directive", "0", t("html.no_directive", self.lang))
            + "</fieldset>"
        )
        parts.append("</form>")
        return "".join(parts)

    def findings_list(
        self, rep: FileReport, doc: Document | None, block_dirs: dict[int, list[int]], fid: dict[int, int], n: int
    ) -> str:
        out = ['<ol class="findings">']
        for f in rep.findings:
            i = fid[id(f)]
            ds = _finding_directives(f, block_dirs)
            lv = f.level.value
            span = _span_of(f, doc)
            if f.block_index is None:
                where = esc(t("lint.document", self.lang))
                target = f"#cov{n}"
            else:
                where = esc(f.location.short(self.lang) or t("lint.document", self.lang))
                target = f"#m{i}" if span else (f"#f{n}b{f.block_index}" if doc is not None else "")
            sec = " > ".join(f.location.section)
            link = f'<a class="go" href="{target}">{where}</a>' if target else where
            item = [
                f'<li class="fd lv-{esc(lv)}" id="f{i}" data-f="{i}" data-level="{esc(lv)}" data-quality="{esc(f.quality or "none")}" data-d="{" ".join(map(str, ds)) or "0"}">',
                f'<div class="where"><span class="badge b-{esc(lv)}">{self.tr("html.level." + lv)}</span> {link}'
                + (f' <span class="sec">§ {esc(sec)}</span>' if sec else "")
                + "</div>",
                f'<div class="msg">{esc(f.message)}</div>',
            ]
            if f.hint:
                item.append(f'<div class="hint">{self.tr("html.hint")}: {esc(f.hint)}</div>')
            item.append(
                f'<div class="rule">{esc(f.rule)}{" · " + esc(self.qlabels.get(f.quality or "", f.quality or "")) if f.quality else ""}</div></li>'
            )
            out.append("".join(item))
        out.append("</ol>")
        return "\n".join(out)

    def document_text(self, rep: FileReport, doc: Document, fid: dict[int, int], n: int) -> str:
        spans: dict[int, list[_Span]] = {}
        for f in rep.findings:
            span = _span_of(f, doc)
            if span is not None:
                spans.setdefault(f.block_index, []).append(
                    _Span(span[0], span[1], fid[id(f)], f.level.value, f.quality or "none")
                )  # type: ignore[arg-type]
        first: set[int] = set()
        out: list[str] = ['<div class="chunk">']
        page = None
        blocks = doc.blocks
        i = 0
        in_chunk = 0
        while i < len(blocks):
            b = blocks[i]
            new_page = b.location.page is not None and b.location.page != page
            if in_chunk and (new_page or in_chunk >= CHUNK_BLOCKS):
                out.append('</div><div class="chunk">')  # off-screen chunks are not laid out (content-visibility)
                in_chunk = 0
            if new_page:
                page = b.location.page
                out.append(f'<div class="pg" id="f{n}p{page}">p.{page}</div>')
            if b.kind is BlockKind.TABLE_CELL and b.location.table is not None:
                j = i
                while (
                    j < len(blocks)
                    and blocks[j].kind is BlockKind.TABLE_CELL
                    and blocks[j].location.table == b.location.table
                    and blocks[j].location.page == b.location.page
                ):
                    j += 1
                out.append(self._table(blocks, i, j, spans, first, n))
                in_chunk += j - i
                i = j
                continue
            text = marked_text(b.text, spans.get(i, []), first)
            kind = b.kind.value + (f" lv{b.level}" if b.level else "")
            out.append(
                f'<div class="b k-{esc(kind)}" id="f{n}b{i}"><span class="loc">{esc(b.location.short(self.lang))}</span><span class="tx">{text}</span></div>'
            )
            i += 1
            in_chunk += 1
        out.append("</div>")
        return "\n".join(out)

    def _table(
        self, blocks: list[Block], i: int, j: int, spans: dict[int, list[_Span]], first: set[int], n: int
    ) -> str:
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
        first_loc = blocks[i].location
        label = first_loc.short(self.lang).split(" ")
        caption = esc(" ".join(x for x in label if not x.startswith("¶"))) or ""
        out = [f'<table class="dt"><caption>{caption}</caption>']
        for r in rows:
            out.append("<tr>")
            for c in colist:
                k = cells.get((r, c))
                if k is None:
                    out.append("<td></td>")
                else:
                    out.append(
                        f'<td id="f{n}b{k}" title="{esc(blocks[k].location.short(self.lang))}">{marked_text(blocks[k].text, spans.get(k, []), first)}</td>'
                    )
            out.append("</tr>")
        out.append("</table>")
        return "".join(out)

    def profile(self, rep: FileReport, doc: Document | None) -> str:
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
        if not rows:
            return ""
        body = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
        return f'<dl class="profile file-profile">{body}</dl>'

    # -------------------------------------------------------------- the run
    def run_profile(self, reports: list[FileReport]) -> str:
        now = _dt.datetime.now(_dt.UTC).astimezone().isoformat(timespec="seconds")
        enabled = [r for r in self.rules if getattr(r, "enabled", True)]
        rows = [
            (t("html.profile.version", self.lang), self.version or "?"),
            (t("html.profile.generated", self.lang), now),
            (t("html.profile.files", self.lang), ", ".join(r.path for r in reports)),
        ]
        body = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
        rule_items = "".join(
            f'<li title="{esc(getattr(r, "quality", ""))}">{esc(r.id)} <small>({esc(r.level.value)})</small></li>'
            for r in enabled
        )
        rules_block = (
            f'<dt>{self.tr("html.profile.rules", count=len(enabled))}</dt><dd><ul class="rules">{rule_items}</ul></dd>'
            if enabled
            else ""
        )
        return (
            f'<h2 id="profile">{self.tr("html.profile")}</h2><dl class="profile run-profile">{body}{rules_block}</dl>'
        )


def _doc_title(rep: FileReport, doc: Document | None) -> str:
    if doc is not None and doc.metadata.get("title"):
        return str(doc.metadata["title"])
    return rep.path.replace("\\", "/").rsplit("/", 1)[-1]


def _loc_label(loc: dict[str, Any], lang: str) -> str:
    from ..document import Location

    fields = {
        k: v for k, v in loc.items() if k in ("file", "page", "paragraph", "line", "table", "row", "column", "part")
    }
    try:
        return Location(**{"file": "", **fields}).short(lang)
    except TypeError:
        return ""


@reporter("html")
def html_report(reports: list[FileReport], rules: list[Any], lang: str, version: str) -> str:
    page = _Page(lang, version, rules)
    if reports and all(getattr(rep, "section", "") for rep in reports):  # rendered per document (lint)
        sections = [rep.section for rep in reports]  # type: ignore[attr-defined]
    else:
        sections = [page.file_section(rep, n) for n, rep in enumerate(reports)]
    title = t("html.title", lang)
    if len(reports) == 1:
        title += " — " + _doc_title(reports[0], getattr(reports[0], "document", None))
    head = (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="disclint {esc(version)}">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
    )
    header = (
        f'<header><h1>{esc(title)}</h1><div class="path">{esc(", ".join(r.path for r in reports))}</div></header><main>'
    )
    return (
        head
        + header
        + "\n".join(sections)
        + page.run_profile(reports)
        + f"</main><script>{JS}</script></body></html>\n"
    )
