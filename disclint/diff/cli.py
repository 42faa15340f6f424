"""The ``diff`` command: read two documents, analyse each once, compare, render."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..i18n import t, texts


def register_diff_command(cli: click.Group, lang: str) -> None:
    from ..cli.runtime import (
        EXIT_ERROR,
        EXIT_OK,
        RunContext,
        guarded,
        iter_documents,
        limit_options,
        make_limits,
        timeout_option,
    )

    H = texts("help.diff", lang)

    @cli.command("diff", help=H["diff"])
    @click.argument("old")
    @click.argument("new")
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json", "html"]),
        default="text",
        show_default=True,
        help=H["format"],
    )
    @click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help=H["output"])
    @click.option("--force", is_flag=True, help=H["force"])
    @click.option("--all", "show_all", is_flag=True, help=H["all"])
    @limit_options(lang)
    @timeout_option(lang)
    @click.pass_obj
    def diff_cmd(
        ctx: RunContext, old: str, new: str, fmt: str, output: str | None, force: bool, show_all: bool, **kw: Any
    ) -> None:
        from ..analysis import analyse
        from ..safeio import OutputError, atomic_write_text, check_output_path, terminal_safe
        from .compare import diff_analyses
        from .render import to_html, to_json, to_text

        def fatal(message: str) -> None:
            click.echo(terminal_safe(f"disclint: {message}"), err=True)
            sys.exit(EXIT_ERROR)

        if output:
            try:
                check_output_path(output, (old, new))
            except OutputError as exc:
                fatal(exc.message(ctx.lang))
            if Path(output).exists() and not force:
                fatal(t("output.exists", ctx.lang, path=output))
        limits = make_limits(kw)
        analyses = []
        for doc in iter_documents(ctx, (old, new), limits):
            result = guarded(ctx, doc.path, lambda d=doc: analyse(d, lang=ctx.lang, rules=()))
            if result is not None:
                analyses.append(result)
        if ctx.failed or len(analyses) != 2:
            sys.exit(EXIT_ERROR)
        diff = diff_analyses(*analyses)
        text = (
            to_json(diff)
            if fmt == "json"
            else to_html(diff, ctx.lang, show_all)
            if fmt == "html"
            else to_text(diff, ctx.lang, show_all)
        )
        if output:
            try:
                atomic_write_text(output, text)
            except OSError as exc:
                fatal(t("output.write_failed", ctx.lang, path=output, reason=exc.strerror or type(exc).__name__))
            click.echo(terminal_safe(f"disclint: {t('diff.written', ctx.lang, path=output)}"), err=True)
        else:
            click.echo(terminal_safe(text, keep_newlines=True) if fmt == "text" else text, nl=False)
        sys.exit(EXIT_OK)
