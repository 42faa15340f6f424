"""Reporters: findings (+ coverage) -> text, json, sarif, github.

Reporters see only :class:`FileReport`s (path, findings, coverage summary) and rule
metadata; never which reader produced a document. ``render(name, reports, ...)``
returns the whole output as a string; the reporters are :data:`disclint.registry.reporters`
(``html`` lives in :mod:`disclint.report.html`).
"""

from __future__ import annotations

import json
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

from ..i18n import directive_label, level_label, status_label, t
from ..model.findings import Finding
from ..registry import reporters
from ..safeio import terminal_safe
from ..sourcetext import char_offsets

JSON_SCHEMA_VERSION = "1.0"
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass
class FileReport:
    path: str
    findings: list[Finding]
    coverage: dict[str, Any] = field(default_factory=dict)
    hidden: int = 0  # findings suppressed by the baseline
    # keyword-only from here, so that subclasses (report.html.HtmlFileReport) keep their positional fields
    _: KW_ONLY
    config: str | None = None  # the config file applied to this file (None: built-in defaults)
    format: str | None = None  # the reader's format name (text, markdown, docx, pdf, html, xbrl)
    texts: tuple[str, ...] = ()  # the block texts, in order (context lines, SARIF char offsets)
    suppressed: int = 0  # findings suppressed by inline comments

    @property
    def has_lines(self) -> bool:
        """True for text formats, whose findings have real lines and columns."""
        return self.format in ("text", "markdown")


def render(
    name: str, reports: list[FileReport], rules: list[Any] | None = None, lang: str = "ja", version: str = ""
) -> str:
    """The output of the reporter ``name`` (:data:`disclint.registry.reporters`)."""
    func = reporters.get(name)
    if func is None:
        raise KeyError(name)
    return func(reports, rules=rules or [], lang=lang, version=version)


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {lv: sum(1 for f in findings if f.level.value == lv) for lv in ("error", "warning", "info")}


@reporters.register("text")
def text_report(reports: list[FileReport], rules: list[Any], lang: str, version: str) -> str:
    out: list[str] = []
    for rep in reports:
        out.append(rep.path)
        if rep.config:
            out.append("  " + t("config.used", lang, path=rep.config))
        groups: dict[str, list[Finding]] = {}
        for f in rep.findings:
            where = f.location.short(lang) if f.block_index is not None or f.location.line else t("lint.document", lang)
            sec = " > ".join(f.location.section)
            key = where + (f"  § {sec}" if sec else "")
            groups.setdefault(key, []).append(f)
        if not rep.findings:
            out.append("  " + t("lint.no_findings", lang))
        for key, fs in groups.items():
            out.append(f"  {key}")
            for f in fs:
                level = level_label(f.level.value, lang)
                out.append(f"    {level}: {f.message}  [{f.rule}]")
                out.extend(_context_lines(f, rep.texts))
                if f.fix:
                    out.append(
                        "      " + t("fix.line_" + f.fix["applicability"], lang, replacement=f.fix["replacement"])
                    )
                if f.hint:
                    out.append(f"      → {f.hint}")
        cov = rep.coverage.get("directives") if rep.coverage else None
        if cov:
            out.append("  " + t("lint.coverage_title", lang))
            for d, c in cov.items():
                out.append(f"    {directive_label(d, lang, 3)}{status_label(c['status'], lang):<8} {c['title']}")
            for key, c in (rep.coverage.get("principles") or {}).items():
                out.append(f"    {status_label(c['status'], lang):<8} {c.get('title', key)}")
        if rep.hidden:
            out.append("  " + t("lint.baseline_hidden", lang, count=rep.hidden))
        if rep.suppressed:
            out.append("  " + t("lint.suppressed", lang, count=rep.suppressed))
        out.append("")
    # document text (excerpts in messages), file names: no escape sequence reaches a terminal
    return "\n".join(terminal_safe(line) for line in out)


_CONTEXT_MAX = 100  # characters of a sentence shown before it is cut around the finding
_SENTENCE_END = "。！？!?"


def _context_lines(f: Finding, texts: tuple[str, ...]) -> list[str]:
    """The sentence holding the finding with the span marked under it, like ruff's context:

    | 全PCにウイルス対策ソフトを導入しており、万全の体制です。
    |                                         ^^^^
    """
    if f.block_index is None or f.start is None or f.end is None or not 0 <= f.block_index < len(texts):
        return []
    from ..readers.layout import display_width

    text = texts[f.block_index]
    if not (0 <= f.start < f.end <= len(text)):
        return []
    begin = max((text.rfind(c, 0, f.start) for c in _SENTENCE_END), default=-1) + 1
    ends = [i for c in _SENTENCE_END if (i := text.find(c, max(f.end - 1, 0))) >= 0]
    stop = min(ends) + 1 if ends else len(text)
    head, tail = "", ""
    if stop - begin > _CONTEXT_MAX:
        room = max(10, (_CONTEXT_MAX - (f.end - f.start)) // 2)
        if f.start - begin > room:
            begin, head = f.start - room, "…"
        if stop - f.end > room:
            stop, tail = f.end + room, "…"
    before = head + text[begin : f.start]
    marked = text[f.start : f.end]
    line = (before + marked + text[f.end : stop] + tail).replace("\n", " ")
    pad = display_width(before.replace("\n", " "))
    return [f"      | {line}", f"      | {' ' * pad}{'^' * max(1, display_width(marked.replace(chr(10), ' ')))}"]


def _finding_json(f: Finding) -> dict[str, Any]:
    from ..lint import fingerprint

    d = f.to_dict()
    d["fingerprint"] = fingerprint(f)
    return d


@reporters.register("json")
def json_report(reports: list[FileReport], rules: list[Any], lang: str, version: str) -> str:
    all_f = [f for r in reports for f in r.findings]
    payload = {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "disclint", "version": version},
        "lang": lang,
        "files": [
            {
                "path": r.path,
                "config": r.config,
                "findings": [_finding_json(f) for f in r.findings],
                "coverage": r.coverage,
                "baseline_hidden": r.hidden,
                "suppressed": r.suppressed,
            }
            for r in reports
        ],
        "summary": {
            "files": len(reports),
            "findings": len(all_f),
            **_counts(all_f),
            "suppressed": sum(r.suppressed for r in reports),
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _sarif_region(f: Finding, rep: FileReport, offsets: list[int] | None) -> dict[str, Any] | None:
    """Text formats: the real line and column. Other formats (docx, pdf, html, xbrl) have no
    line a viewer could open: the region is ``charOffset``/``charLength`` into the extracted text
    (the block texts joined by newlines, as ``disclint extract`` prints them)."""
    loc = f.location
    region: dict[str, Any] = {}
    if rep.has_lines or rep.format is None:
        if loc.line:
            region["startLine"] = int(loc.line)
            if f.column is not None and f.end_column is not None:
                region["startColumn"] = f.column
                region["endLine"] = f.end_line or int(loc.line)
                region["endColumn"] = f.end_column
    elif offsets is not None and f.block_index is not None and 0 <= f.block_index < len(offsets):
        start = f.start if f.start is not None else 0
        end = f.end if f.end is not None else len(rep.texts[f.block_index])
        region["charOffset"] = offsets[f.block_index] + start
        region["charLength"] = max(0, end - start)
    if f.excerpt and region:
        region["snippet"] = {"text": f.excerpt}
    return region or None


def _logical_locations(f: Finding, lang: str) -> list[dict[str, Any]]:
    """Where a finding sits in a document without lines: section path, page, paragraph, table cell."""
    loc = f.location
    out: list[dict[str, Any]] = []
    if loc.section:
        out.append({"name": loc.section[-1], "fullyQualifiedName": " > ".join(loc.section), "kind": "section"})
    if loc.page is not None:
        out.append({"name": f"p.{loc.page}", "kind": "page", "properties": {"page": loc.page}})
    if loc.paragraph is not None:
        out.append({"name": f"¶{loc.paragraph}", "kind": "paragraph", "properties": {"paragraph": loc.paragraph}})
    if loc.table is not None:
        cell = {"table": loc.table, **({"row": loc.row, "column": loc.column} if loc.row is not None else {})}
        name = f"table {loc.table}" + (f"[{loc.row},{loc.column}]" if loc.row is not None else "")
        out.append({"name": name, "kind": "tableCell", "properties": cell})
    if loc.part and loc.part != "body":
        out.append({"name": loc.part, "kind": "part"})
    return out


@reporters.register("sarif")
def sarif_report(reports: list[FileReport], rules: list[Any], lang: str, version: str) -> str:
    rule_ids = sorted({f.rule for r in reports for f in r.findings} | {r.id for r in rules})
    by_id = {r.id: r for r in rules}
    sarif_rules = []
    for rid in rule_ids:
        r = by_id.get(rid)
        entry: dict[str, Any] = {"id": rid, "name": rid.split(".", 1)[-1]}
        if r is not None:
            entry["shortDescription"] = {"text": r.text("message", lang).split("（")[0][:200] or rid}
            entry["fullDescription"] = {"text": r.text("explanation", lang)}
            entry["defaultConfiguration"] = {"level": _SARIF_LEVEL[r.level.value], "enabled": r.enabled}
            entry["properties"] = {"quality": r.quality, "reference": r.reference, "tags": [r.quality]}
        sarif_rules.append(entry)
    index = {rid: i for i, rid in enumerate(rule_ids)}
    results = []
    artifacts: list[dict[str, Any]] = []
    art_index: dict[str, int] = {}
    for rep in reports:
        if rep.path not in art_index:
            art_index[rep.path] = len(artifacts)
            artifacts.append({"location": {"uri": rep.path}})
        offsets = char_offsets(rep.texts) if rep.texts and not rep.has_lines else None
        for f in rep.findings:
            phys: dict[str, Any] = {"artifactLocation": {"uri": rep.path, "index": art_index[rep.path]}}
            region = _sarif_region(f, rep, offsets)
            if region:
                phys["region"] = region
            location: dict[str, Any] = {"physicalLocation": phys}
            logical = (
                _logical_locations(f, lang)
                if not rep.has_lines
                else (_logical_locations(f, lang)[:1] if f.location.section else [])
            )
            if logical:
                location["logicalLocations"] = logical
            res: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _SARIF_LEVEL[f.level.value],
                "message": {"text": f.message},
                "locations": [location],
                "partialFingerprints": {"disclint/v1": _finding_json(f)["fingerprint"]},
                "properties": {"location": f.location.to_dict(), **({"quality": f.quality} if f.quality else {})},
            }
            results.append(res)
    payload = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "disclint",
                        "version": version or "0",
                        "informationUri": "https://github.com/disclint/disclint",
                        "rules": sarif_rules,
                    }
                },
                "artifacts": artifacts,
                "results": results,
                "columnKind": "unicodeCodePoints",
                "properties": {
                    "charOffsets": "for docx, pdf, html and xbrl, region.charOffset/charLength count characters "
                    "in the extracted text: the block texts joined by newlines, as 'disclint extract' prints them"
                },
            }
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _gh_escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


@reporters.register("github")
def github_report(reports: list[FileReport], rules: list[Any], lang: str, version: str) -> str:
    out = []
    for rep in reports:
        for f in rep.findings:
            props = [f"file={_gh_escape(rep.path, True)}"]
            where = f.location.short(lang)
            title = f.rule
            if rep.has_lines or rep.format is None:  # a real line (and column) in a text file
                if f.location.line:
                    props.append(f"line={f.location.line}")
                    if f.column is not None:
                        props.append(f"col={f.column}")
                        if f.end_column is not None and (f.end_line or f.location.line) == f.location.line:
                            props.append(f"endColumn={f.end_column}")
            elif where:  # docx/pdf/html/xbrl: no line; the title says where (p.18, ¶12)
                title = f"{f.rule} ({where})"
            props.append(f"title={_gh_escape(title, True)}")
            msg = f"{where}: {f.message}" if where else f.message
            out.append(f"::{_GH_LEVEL[f.level.value]} {','.join(props)}::{_gh_escape(msg)}")
    return "\n".join(out) + ("\n" if out else "")
