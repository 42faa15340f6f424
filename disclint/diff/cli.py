"""The ``diff`` command: read two documents, analyse each once, compare, render."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..i18n import t

_HELP = {
    "diff": {
        "ja": "同じ会社の 2 つの開示文書（前年と今年など）を比べ、指示ごとの記載の変化、見出しの追加・削除・番号変更、"
        "段落の追加・削除・書き換え（位置ではなく類似度で対応づけ）、変わった数値、そのまま引き継がれたサイバーセキュリティの記載（適時公表性）を示します。",
        "en": "Compare two disclosures of one company (e.g. last year's and this year's): directive status then and now, headings "
        "added / removed / renumbered, paragraphs added / removed / reworded (aligned by similarity, not position), figures "
        "that changed, and cybersecurity text copied unchanged (timeliness).",
    },
    "format": {"ja": "出力形式", "en": "output format"},
    "output": {
        "ja": "結果をこのファイルに書き出す（入力ファイルは上書きしない）",
        "en": "write the result to this file (never an input file)",
    },
    "force": {"ja": "-o の書き出し先が既にあれば上書きする", "en": "overwrite the -o file if it exists"},
    "all": {
        "ja": "すべての変更を表示する（既定はサイバーセキュリティの記載とリスクの節の変更だけを一覧し、件数はすべて数える）",
        "en": "list every change (by default only changes in the cybersecurity text and in risk sections are listed; all are counted)",
    },
}


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

    H = {k: v[lang] for k, v in _HELP.items()}

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
