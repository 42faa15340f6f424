"""CLI commands beyond ``extract``: each is thin glue over a pipeline stage."""

from __future__ import annotations

import sys
from typing import Any

import click

from .cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, RunContext, guarded, iter_documents, limit_options, make_limits
from .findings import FAIL_LEVELS, Finding, level_at_least
from .i18n import t


def register_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:
    register_mapper_commands(cli, lang, H)

    @cli.command("lint", help=H["lint"])
    @click.argument("files", nargs=-1, required=True)
    @click.option("--fail-level", type=click.Choice(FAIL_LEVELS), default="error", show_default=True, help=H["fail_level"])
    @limit_options(lang)
    @click.pass_obj
    def lint(ctx: RunContext, files: tuple[str, ...], fail_level: str, **kw: Any) -> None:
        from .lint import lint_document

        limits = make_limits(kw)
        all_findings: list[Finding] = []
        n_files = 0
        for doc in iter_documents(ctx, files, limits):
            findings = guarded(ctx, doc.path, lambda d=doc: lint_document(d, lang=ctx.lang))
            if findings is None:
                continue
            n_files += 1
            all_findings.extend(findings)
            for f in findings:
                click.echo(f"{doc.path}:{f.location.short(ctx.lang)}: {f.level.value}: {f.message} [{f.rule}]")
        counts = {lv: sum(1 for f in all_findings if f.level.value == lv) for lv in ("error", "warning", "info")}
        click.echo(
            t("cli.summary", ctx.lang, files=n_files, findings=len(all_findings), errors=counts["error"], warnings=counts["warning"], infos=counts["info"])
        )
        if ctx.failed:
            click.echo(f"disclint: {t('cli.failed_files', ctx.lang, count=len(ctx.failed))}", err=True)
            sys.exit(EXIT_ERROR)
        sys.exit(EXIT_FINDINGS if any(level_at_least(f.level, fail_level) for f in all_findings) else EXIT_OK)


def _read_jsonl(ctx: RunContext, source: str) -> list[dict[str, Any]]:
    import json

    stream = sys.stdin if source == "-" else open(source, encoding="utf-8")
    rows = []
    try:
        for n, line in enumerate(stream, 1):
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
            rows.append(row)
    finally:
        if stream is not sys.stdin:
            stream.close()
    return rows


def _map_text_report(doc, results, coverage, ds, lang: str) -> str:
    ja = lang == "ja"
    out = [f"# {doc.path}"]
    for r in results:
        if not r.directives:
            continue
        loc = r.location.short(lang) if r.location else ""
        sec = " > ".join(r.location.section) if r.location and r.location.section else ""
        labels = ", ".join(f"{'指示' if ja else 'D'}{d} ({r.scores[d]:.2f})" for d in r.directives)
        out.append(f"{loc}{'  § ' + sec if sec else ''}")
        out.append(f"  {labels}")
        ev = []
        for d in r.directives:
            terms = [e.text + ("（予定）" if e.planned and ja else " (planned)" if e.planned else "") for e in r.evidence.get(d, []) if e.kind == "concept"]
            if not terms:
                terms = [e.text for e in r.evidence.get(d, []) if e.kind == "feature"][:2]
            ev.append(f"{d}: " + " / ".join(dict.fromkeys(terms)))
        out.append(f"  {'根拠' if ja else 'evidence'}: " + "; ".join(ev))
        if r.negated:
            out.append(f"  {'否定された対策' if ja else 'negated'}: " + " / ".join(e.text for e in r.negated))
        text = r.text.replace("\n", " ")
        out.append(f"  「{text[:70]}{'…' if len(text) > 70 else ''}」")
    out.append("")
    out.append("## " + ("網羅状況（サイバーセキュリティ経営ガイドライン Ver3.0 指示1〜10）" if ja else "Coverage (guideline Ver3.0 directives 1-10)"))
    marks = {"covered": ("● 記載あり", "● covered"), "weak": ("▲ 記載が弱い", "▲ weak"), "missing": ("× 記載なし", "× missing")}
    for d, c in coverage.directives.items():
        title = ds.directives[d].title if ja else ds.directives[d].title_en
        where = ", ".join(results[i].location.short(lang) for i in c.passages[:5] if results[i].location)
        out.append(f"  {'指示' if ja else 'D'}{d:<3}{marks[c.status][0 if ja else 1]:<10} {title}{'  [' + where + ']' if where else ''}")
    out.append("## " + ("3 原則" if ja else "Principles"))
    for key, c in coverage.principles.items():
        p = ds.principles[key]
        out.append(f"  {marks[c.status][0 if ja else 1]:<10} {p.title if ja else p.title_en}")
    return "\n".join(out)


def register_mapper_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:
    @cli.command("map", help=H["map"])
    @click.argument("files", nargs=-1, required=True)
    @click.option("--input-format", type=click.Choice(["document", "jsonl"]), default="document", show_default=True, help=H["input_format"])
    @click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text", show_default=True, help=H["format"])
    @limit_options(lang)
    @click.pass_obj
    def map_cmd(ctx: RunContext, files: tuple[str, ...], input_format: str, fmt: str, **kw: Any) -> None:
        import json

        from .mapper import Mapper, compute_coverage

        mapper = Mapper()
        if input_format == "jsonl":
            for source in files:
                rows = _read_jsonl(ctx, source)
                results = mapper.analyse([(r["text"], str(r.get("context", ""))) for r in rows])
                for row, res in zip(rows, results):
                    click.echo(json.dumps({"id": row.get("id"), **res.to_dict()}, ensure_ascii=False))
            sys.exit(EXIT_ERROR if ctx.failed else EXIT_OK)
        limits = make_limits(kw)
        for doc in iter_documents(ctx, files, limits):
            def run(doc=doc):
                results = mapper.map_document(doc)
                return results, compute_coverage(results, mapper.ds)

            out = guarded(ctx, doc.path, run)
            if out is None:
                continue
            results, coverage = out
            if fmt == "text":
                click.echo(_map_text_report(doc, results, coverage, mapper.ds, ctx.lang))
            else:
                passages = [
                    {"location": r.location.to_dict() if r.location else None, "text": r.text, **r.to_dict()}
                    for r in results if r.cyber
                ]
                payload = {"file": doc.path, "passages": passages, "coverage": coverage.to_dict(), "stats": mapper.stats}
                if fmt == "jsonl":
                    for p in passages:
                        click.echo(json.dumps(dict(p, file=doc.path), ensure_ascii=False))
                else:
                    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        sys.exit(EXIT_ERROR if ctx.failed else EXIT_OK)

    @cli.command("eval", help=H["eval"])
    @click.argument("labels", nargs=-1, required=True)
    @click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help=H["format"])
    @click.option("--show-errors", is_flag=True, help=H["show_errors"])
    @click.pass_obj
    def eval_cmd(ctx: RunContext, labels: tuple[str, ...], fmt: str, show_errors: bool) -> None:
        import json

        from .mapper import Mapper
        from .mapper.corpus import Passage
        from .mapper.evaluate import evaluate, format_report

        rows = [r for source in labels for r in _read_jsonl(ctx, source)]
        gold = []
        for r in rows:
            directives = tuple(sorted(int(d) for d in r.get("directives", []) or []))
            gold.append(Passage(str(r.get("id", "")), r["text"], bool(r.get("cyber", bool(directives))), directives))
        mapper = Mapper()
        preds = mapper.analyse([(g.text, str(r.get("context", ""))) for g, r in zip(gold, rows)])
        rep = evaluate(gold, preds)
        if fmt == "json":
            click.echo(json.dumps(rep, ensure_ascii=False, indent=2))
        else:
            click.echo(format_report(rep, ctx.lang))
            if show_errors:
                for e in rep["errors"]:
                    click.echo(f"  {e['id']}: gold {e['gold']} pred {e['pred']}  {e['text']}")
        sys.exit(EXIT_ERROR if ctx.failed else EXIT_OK)
