"""CLI commands beyond ``extract``: each is thin glue over a pipeline stage."""

from __future__ import annotations

import sys
from typing import Any

import click

from .cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, RunContext, guarded, iter_documents, limit_options, make_limits
from .findings import FAIL_LEVELS, Finding, level_at_least
from .i18n import t


def register_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:
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
