"""Command-line interface (click): ``main`` and the command group.

The language of help and messages is chosen before click parses anything
(``--lang en`` anywhere on the command line, or ``DISCLINT_LANG``), so ``--help``
itself is localised. Exit status: 0 clean, 1 findings at or above ``--fail-level``,
2 usage or input error (one line per bad file; the other files still run).

What every command shares (the run context, the one-line error ladder, the per-document
time limit, reading documents, the common options) is :mod:`disclint.cli.runtime`; the
commands are registered from :mod:`disclint.cli.commands` and the feature packages
(``survey``, ``draft``, ``diff``, ``assess``), which import ``runtime`` and never this module.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .. import __version__
from ..i18n import t, texts
from ..safeio import terminal_safe
from .click_messages import click_language
from .runtime import (  # noqa: F401  (re-exported: the names commands and tests use)
    DEFAULT_TIMEOUT,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    RunContext,
    _Alarm,
    _detect_lang,
    _start_document,
    guarded,
    iter_documents,
    limit_options,
    make_limits,
    start_reading,
    timeout_option,
)


def _block_line(block, lang: str) -> str:
    loc = block.location
    where = loc.short(lang)
    section = " > ".join(loc.section)
    kind = block.kind.value + (f"{block.level}" if block.level else "")
    head = f"[{kind}] {where}".rstrip()
    if section:
        head += f"  § {section}"
    return terminal_safe(head) + "\n    " + terminal_safe(block.text)


def build_cli(lang: str) -> click.Group:
    H = texts("help.cli", lang)

    @click.group(help=H["main"], context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
    @click.version_option(__version__, prog_name="disclint")
    @click.option("--lang", type=click.Choice(["ja", "en"]), default=lang, show_default=True, help=H["lang"])
    @click.option("--debug", is_flag=True, help=H["debug"])
    @click.pass_context
    def cli(cctx: click.Context, lang: str, debug: bool) -> None:
        cctx.obj = RunContext(lang=lang, debug=debug)

    @cli.command("extract", help=H["extract"])
    @click.argument("files", nargs=-1, required=True)
    @click.option(
        "--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True, help=H["format"]
    )
    @limit_options(lang)
    @timeout_option(lang)
    @click.pass_obj
    def extract(ctx: RunContext, files: tuple[str, ...], fmt: str, **kw: Any) -> None:
        from .inputs import expand_inputs

        limits = make_limits(kw)
        inputs = expand_inputs(files)  # folders, globs, - (standard input), as lint takes them
        ctx.names.update(inputs.names)
        for arg, key in inputs.missing:
            ctx.error(arg, t(key, ctx.lang))
        for doc in iter_documents(ctx, tuple(inputs.paths), limits):
            if fmt == "jsonl":
                for block in doc.blocks:
                    click.echo(json.dumps(block.to_dict(), ensure_ascii=False))
            else:
                meta = ", ".join(f"{k}={v}" for k, v in doc.metadata.items() if v not in (None, ""))
                click.echo(
                    terminal_safe(f"# {doc.path} ({doc.format}; {len(doc.blocks)} blocks{'; ' + meta if meta else ''})")
                )
                for block in doc.blocks:
                    click.echo(_block_line(block, ctx.lang))
        inputs.cleanup()
        sys.exit(EXIT_ERROR if ctx.failed else EXIT_OK)

    from .commands import register_commands

    register_commands(cli, lang, H)
    return cli


def _robust_streams() -> None:
    """Never die on printing: file names that are not UTF-8 go out as their bytes, anything else
    unencodable as an escape (see :data:`disclint.safeio.OUTPUT_ERRORS`)."""
    from ..safeio import OUTPUT_ERRORS

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors=OUTPUT_ERRORS)  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # replaced or closed stream (tests, pipes)
            pass


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    _robust_streams()
    lang = _detect_lang(args)
    try:
        with click_language(lang):  # before build_cli: click translates some option help as it builds them
            build_cli(lang).main(args=args, prog_name="disclint", standalone_mode=True)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo(terminal_safe(f"disclint: {t('cli.interrupted', lang)}"), err=True)
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
