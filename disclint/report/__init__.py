"""Reporters: findings (+ coverage) -> text, json, sarif, github.

Reporters see only :class:`FileReport`s (path, findings, coverage summary) and rule
metadata; never which reader produced a document. ``render(name, reports, ...)``
returns the whole output as a string.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from ..findings import Finding
from ..i18n import status_label, t
from ..safeio import terminal_safe

JSON_SCHEMA_VERSION = "1.0"
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass
class FileReport:
    path: str
    findings: list[Finding]
    coverage: dict[str, Any] = field(default_factory=dict)
    hidden: int = 0  # findings suppressed by the baseline
    # the config file applied to this file (None: built-in defaults); keyword-only, so that
    # subclasses (report.html.HtmlFileReport) keep their positional fields
    config: str | None = field(default=None, kw_only=True)


Reporter = Callable[..., str]
REPORTERS: dict[str, Reporter] = {}


def reporter(name: str) -> Callable[[Reporter], Reporter]:
    def deco(func: Reporter) -> Reporter:
        REPORTERS[name] = func
        return func

    return deco


def render(name: str, reports: list[FileReport], rules: list[Any] | None = None, lang: str = "ja", version: str = "") -> str:
    return REPORTERS[name](reports, rules=rules or [], lang=lang, version=version)


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {lv: sum(1 for f in findings if f.level.value == lv) for lv in ("error", "warning", "info")}


_LEVEL_JA = {"error": "エラー", "warning": "警告", "info": "情報"}


@reporter("text")
def text_report(reports: list[FileReport], rules: list[Any], lang: str, version: str) -> str:
    ja = lang == "ja"
    out: list[str] = []
    for rep in reports:
        out.append(rep.path)
        if rep.config:
            out.append("  " + t("config.used", lang, path=rep.config))
        groups: dict[str, list[Finding]] = {}
        for f in rep.findings:
            where = f.location.short(lang) if f.block_index is not None else t("lint.document", lang)
            sec = " > ".join(f.location.section)
            key = where + (f"  § {sec}" if sec else "")
            groups.setdefault(key, []).append(f)
        if not rep.findings:
            out.append("  " + t("lint.no_findings", lang))
        for key, fs in groups.items():
            out.append(f"  {key}")
            for f in fs:
                level = _LEVEL_JA[f.level.value] if ja else f.level.value
                out.append(f"    {level}: {f.message}  [{f.rule}]")
                if f.hint:
                    out.append(f"      → {f.hint}")
        cov = rep.coverage.get("directives") if rep.coverage else None
        if cov:
            out.append("  " + t("lint.coverage_title", lang))
            for d, c in cov.items():
                out.append(f"    {'指示' if ja else 'D'}{d:<3}{status_label(c['status'], lang):<8} {c['title']}")
            for key, c in (rep.coverage.get("principles") or {}).items():
                out.append(f"    {status_label(c['status'], lang):<8} {c.get('title', key)}")
        if rep.hidden:
            out.append("  " + t("lint.baseline_hidden", lang, count=rep.hidden))
        out.append("")
    # document text (excerpts in messages), file names: no escape sequence reaches a terminal
    return "\n".join(terminal_safe(line) for line in out)


def _finding_json(f: Finding) -> dict[str, Any]:
    from ..lint import fingerprint

    d = f.to_dict()
    d["fingerprint"] = fingerprint(f)
    return d


@reporter("json")
def json_report(reports: list[FileReport], rules: list[Any], lang: str, version: str) -> str:
    all_f = [f for r in reports for f in r.findings]
    payload = {
        "version": JSON_SCHEMA_VERSION,
        "tool": {"name": "disclint", "version": version},
        "lang": lang,
        "files": [
            {"path": r.path, "config": r.config, "findings": [_finding_json(f) for f in r.findings], "coverage": r.coverage, "baseline_hidden": r.hidden}
            for r in reports
        ],
        "summary": {"files": len(reports), "findings": len(all_f), **_counts(all_f)},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _sarif_region(f: Finding) -> dict[str, Any] | None:
    loc = f.location
    region: dict[str, Any] = {}
    line = loc.line or loc.paragraph or loc.page
    if line:
        region["startLine"] = int(line)
    if f.start is not None and f.end is not None and f.end > f.start and line:
        region["startColumn"] = f.start + 1
        region["endColumn"] = f.end + 1
    if f.excerpt:
        region["snippet"] = {"text": f.excerpt}
    return region or None


@reporter("sarif")
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
        for f in rep.findings:
            phys: dict[str, Any] = {"artifactLocation": {"uri": rep.path, "index": art_index[rep.path]}}
            region = _sarif_region(f)
            if region:
                phys["region"] = region
            location: dict[str, Any] = {"physicalLocation": phys}
            if f.location.section:
                location["logicalLocations"] = [{"name": f.location.section[-1], "fullyQualifiedName": " > ".join(f.location.section), "kind": "section"}]
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
                "tool": {"driver": {"name": "disclint", "version": version or "0", "informationUri": "https://github.com/disclint/disclint", "rules": sarif_rules}},
                "artifacts": artifacts,
                "results": results,
                "columnKind": "unicodeCodePoints",
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


@reporter("github")
def github_report(reports: list[FileReport], rules: list[Any], lang: str, version: str) -> str:
    out = []
    for rep in reports:
        for f in rep.findings:
            props = [f"file={_gh_escape(rep.path, True)}"]
            line = f.location.line or f.location.paragraph or f.location.page
            if line:
                props.append(f"line={line}")
            if f.start is not None and f.location.line:
                props.append(f"col={f.start + 1}")
            props.append(f"title={_gh_escape(f.rule, True)}")
            where = f.location.short(lang)
            msg = f"{where}: {f.message}" if where else f.message
            out.append(f"::{_GH_LEVEL[f.level.value]} {','.join(props)}::{_gh_escape(msg)}")
    return "\n".join(out) + ("\n" if out else "")
