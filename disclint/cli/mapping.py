"""The ``map`` and ``eval`` commands: the mapper's view of documents and of labelled passages."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..i18n import t
from .runtime import (
    EXIT_ERROR,
    EXIT_OK,
    RunContext,
    guarded,
    iter_documents,
    limit_options,
    make_limits,
    start_reading,
    timeout_option,
)


def _read_jsonl(ctx: RunContext, source: str) -> list[dict[str, Any]]:
    import json

    from ..model.errors import InputError
    from ..readers import replace_lone_surrogates
    from ..safeio import regular_input

    if source != "-":
        try:  # a regular file (a FIFO would hang, a directory or a missing file is one line)
            regular_input(source, InputError, "input.not_readable")
            stream = open(source, "rb")
        except InputError as exc:
            ctx.error(source, exc.message(ctx.lang))
            return []
        except OSError as exc:
            ctx.error(source, t("input.not_readable", ctx.lang, reason=exc.strerror or type(exc).__name__))
            return []
    else:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
    rows = []
    try:
        for n, line in _lines(stream, ctx, source):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                ctx.error(source, t("input.jsonl_invalid", ctx.lang, line=n, reason=exc.msg))
                continue
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                ctx.error(source, t("input.jsonl_no_text", ctx.lang, line=n))
                continue
            row["text"] = replace_lone_surrogates(row["text"])
            rows.append(row)
    finally:
        if stream is not sys.stdin:
            stream.close()
    return rows


def _lines(stream: Any, ctx: RunContext, source: str) -> Any:
    """Numbered text lines of a binary stream; a line that is not UTF-8 is one error line."""
    for n, raw in enumerate(stream, 1):
        if isinstance(raw, str):
            yield n, raw
            continue
        try:
            yield n, raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            ctx.error(source, t("input.jsonl_invalid", ctx.lang, line=n, reason=f"not UTF-8: {exc.reason}"))


def _gold_directives(row: dict[str, Any]) -> tuple[int, ...] | None:
    """The ``directives`` of a gold row as numbers 1-10, or None when they are not."""
    raw = row.get("directives", []) or []
    if not isinstance(raw, list):
        return None
    out = []
    for d in raw:
        if (
            isinstance(d, bool)
            or not isinstance(d, (int, str))
            or not str(d).strip().isdigit()
            or not 1 <= int(d) <= 10
        ):
            return None
        out.append(int(d))
    return tuple(sorted(out))


def _map_text_report(analysis, lang: str, show_all: bool = False) -> str:
    """The passages of one analysis and its coverage. Passages outside the cybersecurity text
    (not counted in the coverage) are listed only with ``--all``, and marked."""
    from ..i18n import directive_label, directive_title, paren, principle_title, status_label, t

    doc = analysis.document
    out = [f"# {doc.path}"]
    for r in analysis.passages:
        inside = analysis.in_scope(r)
        if not r.directives or not (inside or show_all):
            continue
        loc = r.location.short(lang) if r.location else ""
        sec = " > ".join(r.location.section) if r.location and r.location.section else ""
        labels = ", ".join(f"{directive_label(d, lang)} ({r.scores[d]:.2f})" for d in r.directives)
        out.append(f"{loc}{'  § ' + sec if sec else ''}")
        out.append(f"  {labels}")
        ev = []
        for d in r.directives:
            terms = [
                e.text + (paren(t("map.planned", lang), lang) if e.planned else "")
                for e in r.evidence.get(d, [])
                if e.kind in ("concept", "pattern")
            ]
            if not terms:
                terms = [e.text for e in r.evidence.get(d, []) if e.kind == "feature"][:2]
            ev.append(f"{d}: " + " / ".join(dict.fromkeys(terms)))
        out.append(f"  {t('map.evidence', lang)}: " + "; ".join(ev))
        if r.negated:
            out.append(f"  {t('map.negated', lang)}: " + " / ".join(e.text for e in r.negated))
        text = r.text.replace("\n", " ")
        out.append(f"  「{text[:70]}{'…' if len(text) > 70 else ''}」")
        if not inside:
            out.append("  " + t("map.outside", lang))
    out.append("")
    out.append("## " + t("map.coverage_title", lang))
    for d, c in analysis.coverage.directives.items():
        # XBRL/text blocks have no page or paragraph number: their short location is empty
        where = ", ".join(dict.fromkeys(w for j in c.blocks[:5] if (w := doc.blocks[j].location.short(lang))))
        note = ""
        if c.status == "missing" and c.outside:
            note = "  " + t("map.outside_only", lang, count=c.outside)
        depth = t("html.depth", lang, depth=c.depth)
        out.append(
            f"  {directive_label(d, lang, 3)}{status_label(c.status, lang):<10} {depth:<8} {directive_title(d, lang)}{'  [' + where + ']' if where else ''}{note}"
        )
    out.append("  " + t("map.depth_scale", lang))
    out.append("## " + t("map.principles", lang))
    for key, c in analysis.coverage.principles.items():
        out.append(f"  {status_label(c.status, lang):<10} {principle_title(key, lang)}")
    return "\n".join(out)


def register_mapper_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:
    @cli.command("map", help=H["map"])
    @click.argument("files", nargs=-1, required=True)
    @click.option(
        "--input-format",
        type=click.Choice(["document", "jsonl"]),
        default="document",
        show_default=True,
        help=H["input_format"],
    )
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json", "jsonl"]),
        default="text",
        show_default=True,
        help=H["format"],
    )
    @click.option("--all", "show_all", is_flag=True, help=H["map_all"])
    @limit_options(lang)
    @timeout_option(lang)
    @click.pass_obj
    def map_cmd(
        ctx: RunContext, files: tuple[str, ...], input_format: str, fmt: str, show_all: bool, **kw: Any
    ) -> None:
        import json

        from .. import nlp
        from ..analysis import Services, analyse
        from ..mapper.corpus import context_text

        limits = make_limits(kw)
        ahead = start_reading(ctx, files, limits) if input_format != "jsonl" else None  # before any thread
        nlp.preload(now=ahead is not None and ahead.first_is_plausible())  # while the reader reads
        services = Services.shared()
        if input_format == "jsonl":
            for source in files:
                rows = _read_jsonl(ctx, source)
                results = services.mapper.analyse([(r["text"], context_text(r.get("context"))) for r in rows])
                for row, res in zip(rows, results, strict=False):
                    click.echo(json.dumps({"id": row.get("id"), **res.to_dict()}, ensure_ascii=False))
            sys.exit(EXIT_ERROR if ctx.failed else EXIT_OK)
        for doc in iter_documents(ctx, files, limits, ahead):
            analysis = guarded(ctx, doc.path, lambda d=doc: analyse(d, services=services, lang=ctx.lang, rules=()))
            if analysis is None:
                continue
            if fmt == "text":
                from ..safeio import terminal_safe

                click.echo(terminal_safe(_map_text_report(analysis, ctx.lang, show_all), keep_newlines=True))
                continue
            passages = [
                {
                    "location": r.location.to_dict() if r.location else None,
                    "text": r.text,
                    **r.to_dict(),
                    # inside the cybersecurity text, where every output counts its labels
                    "in_scope": analysis.in_scope(r),
                }
                for r in analysis.cyber_passages(include_outside=show_all)
            ]
            summary = analysis.summary(ctx.lang)
            cov = {
                "directives": {
                    str(d): dict(c.to_dict(), title=summary["directives"][str(d)]["title"])
                    for d, c in analysis.coverage.directives.items()
                },
                "principles": {
                    k: dict(c.to_dict(), title=summary["principles"][k]["title"])
                    for k, c in analysis.coverage.principles.items()
                },
                "cyber_passages": analysis.coverage.cyber_passages,
            }
            if fmt == "jsonl":
                for p in passages:
                    click.echo(json.dumps(dict(p, file=doc.path), ensure_ascii=False))
            else:
                payload = {"file": doc.path, "passages": passages, "coverage": cov, "stats": services.mapper.stats}
                click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        sys.exit(EXIT_ERROR if ctx.failed else EXIT_OK)

    @cli.command("eval", help=H["eval"])
    @click.argument("labels", nargs=-1, required=True)
    @click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help=H["format"]
    )
    @click.option("--show-errors", is_flag=True, help=H["show_errors"])
    @click.pass_obj
    def eval_cmd(ctx: RunContext, labels: tuple[str, ...], fmt: str, show_errors: bool) -> None:
        import json

        from ..mapper import Mapper
        from ..mapper.corpus import Passage, context_text
        from ..mapper.evaluate import evaluate, format_report

        rows = []
        for source in labels:
            for n, r in enumerate(_read_jsonl(ctx, source), 1):
                if _gold_directives(r) is None:  # "abc", 1.5, 11, a string: one line, not a traceback
                    ctx.error(
                        source, t("input.jsonl_bad_directives", ctx.lang, id=r.get("id", n), value=r.get("directives"))
                    )
                    continue
                rows.append(r)
        gold = []
        for r in rows:
            directives = _gold_directives(r) or ()
            gold.append(
                Passage(
                    str(r.get("id", "")),
                    r["text"],
                    bool(r.get("cyber", bool(directives))),
                    directives,
                    genre=str(r.get("genre") or ""),
                )
            )
        mapper = Mapper()
        preds = mapper.analyse([(g.text, context_text(r.get("context"))) for g, r in zip(gold, rows, strict=False)])
        rep = evaluate(gold, preds)
        if fmt == "json":
            click.echo(json.dumps(rep, ensure_ascii=False, indent=2))
        else:
            click.echo(format_report(rep, ctx.lang))
            if show_errors:
                for e in rep["errors"]:
                    click.echo(f"  {e['id']}: gold {e['gold']} pred {e['pred']}  {e['text']}")
        sys.exit(EXIT_ERROR if ctx.failed else EXIT_OK)
