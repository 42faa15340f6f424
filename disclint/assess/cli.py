"""``disclint assess init | report | check``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from ..cli.runtime import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, RunContext, limit_options, make_limits
from ..i18n import t, texts
from ..safeio import terminal_safe


def _fatal(message: str) -> NoReturn:
    click.echo(terminal_safe(f"disclint: {message}"), err=True)
    sys.exit(EXIT_ERROR)


def _read_all(ctx: RunContext, paths: tuple[str, ...]) -> list[Any]:
    """Read every form; print every problem (one line each, naming file and cell); exit 2 if any."""
    from .answers import AssessErrors, read_answers

    out, failed = [], False
    for p in paths:
        try:
            out.append(read_answers(p))
        except AssessErrors as exc:
            failed = True
            for line in exc.lines(ctx.lang):
                click.echo(terminal_safe(f"disclint: {p}: {line}"), err=True)
        except Exception as exc:  # a bug must not print a traceback
            if ctx.debug:
                raise
            failed = True
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
            click.echo(terminal_safe(f"disclint: {p}: {t('cli.internal_error', ctx.lang, reason=reason)}"), err=True)
    if failed:
        sys.exit(EXIT_ERROR)
    return out


def _check_target(ctx: RunContext, target: Path, inputs: tuple[str, ...], force: bool) -> None:
    from ..safeio import OutputError, check_output_path

    try:
        check_output_path(target, inputs)
    except OutputError as exc:
        _fatal(exc.message(ctx.lang))
    if (target.exists() or target.is_symlink()) and not force:
        _fatal(t("output.exists", ctx.lang, path=str(target)))
    if target.is_dir():
        _fatal(f"{target}: {t('input.is_directory', ctx.lang)}")


def _write(ctx: RunContext, target: Path, data: bytes) -> None:
    from ..safeio import atomic_write_bytes

    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        _fatal(t("output.write_failed", ctx.lang, path=str(target), reason=exc.strerror or type(exc).__name__))


def register_assess_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:  # noqa: ARG001
    L = texts("assess.help", lang)

    @cli.group("assess", help=L["assess"])
    def assess() -> None:
        pass

    @assess.command("init", help=L["init"])
    @click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help=L["init_output"])
    @click.option("--format", "fmt", type=click.Choice(["xlsx", "yml"]), default=None, help=L["init_format"])
    @click.option("--force", is_flag=True, help=L["force"])
    @click.pass_obj
    def init_cmd(ctx: RunContext, output: str | None, fmt: str | None, force: bool) -> None:
        if fmt is None:
            fmt = "yml" if output and Path(output).suffix.lower() in (".yml", ".yaml") else "xlsx"
        if output is None:
            output = t("assess.default_form", ctx.lang) + (".yml" if fmt == "yml" else ".xlsx")
        target = Path(output)
        _check_target(ctx, target, (), force)
        try:
            if fmt == "yml":
                from .answers import yaml_text

                data = yaml_text(ctx.lang).encode("utf-8")
            else:
                from .answers import workbook_bytes

                data = workbook_bytes(ctx.lang)
        except ImportError:
            _fatal(t("assess.needs_extra", ctx.lang))
        _write(ctx, target, data)
        click.echo(t("assess.init_written", ctx.lang, path=output), err=True)
        sys.exit(EXIT_OK)

    @assess.command("report", help=L["report"])
    @click.argument("forms", nargs=-1, required=True)
    @click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help=L["report_output"])
    @click.option("--force", is_flag=True, help=L["force"])
    @click.option("--survey", "survey_run", type=click.Path(), default=None, metavar="RUN", help=L["report_survey"])
    @click.pass_obj
    def report_cmd(
        ctx: RunContext, forms: tuple[str, ...], out_dir: str, force: bool, survey_run: str | None = None
    ) -> None:
        from ..model.errors import DisclintError
        from .results import REPORT_FILES, build_report

        out = Path(out_dir)
        if out.exists() and not out.is_dir():
            _fatal(t("assess.out_not_dir", ctx.lang, path=out_dir))
        for name in REPORT_FILES:
            _check_target(ctx, out / name, forms, force)
        assessments = _read_all(ctx, forms)
        shares = None
        if survey_run is not None:  # a missing or unreadable store: one line, exit 2, nothing written
            from .shares import load_shares, notes

            try:
                shares = load_shares(survey_run, assessments, ctx.lang)
            except DisclintError as exc:
                _fatal(exc.message(ctx.lang))
            for line in notes(shares, assessments, ctx.lang)[1:]:  # forms compared with all industries
                click.echo(f"disclint: {line}", err=True)
        try:
            files, glyph = build_report(assessments, ctx.lang, shares)
        except ImportError:
            _fatal(t("assess.needs_extra", ctx.lang))
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fatal(t("output.write_failed", ctx.lang, path=out_dir, reason=exc.strerror or type(exc).__name__))
        for name in REPORT_FILES:
            _write(ctx, out / name, files[name])
        for g in glyph:  # a chart label the font cannot draw: say so rather than ship tofu
            click.echo(terminal_safe(f"disclint: {t('assess.glyph_missing', ctx.lang, detail=g[:120])}"), err=True)
        click.echo(
            t("assess.report_written", ctx.lang, path=out_dir, count=len(assessments), files=", ".join(REPORT_FILES)),
            err=True,
        )
        sys.exit(EXIT_OK)

    @assess.command("check", help=L["check"])
    @click.argument("form")
    @click.argument("document")
    @click.option(
        "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help=L["format"]
    )
    @click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help=L["check_output"])
    @click.option("--force", is_flag=True, help=L["force"])
    @limit_options(lang)
    @click.pass_obj
    def check_cmd(
        ctx: RunContext, form: str, document: str, fmt: str, output: str | None, force: bool, **kw: Any
    ) -> None:
        from ..cli.runtime import guarded
        from ..readers import read
        from .check import _disclosure_coverage, compare, render_json, render_text

        if output:
            _check_target(ctx, Path(output), (form, document), force)
        (assessment,) = _read_all(ctx, (form,))
        limits = make_limits(kw)
        doc = guarded(ctx, document, lambda: read(document, limits))
        if doc is None:
            sys.exit(EXIT_ERROR)
        coverage = guarded(ctx, document, lambda: _disclosure_coverage(doc, ctx.lang))
        if coverage is None:
            sys.exit(EXIT_ERROR)
        rows = compare(assessment, coverage)
        text = (
            render_json(assessment, document, rows, ctx.lang)
            if fmt == "json"
            else render_text(assessment, document, rows, ctx.lang)
        )
        if output:
            _write(ctx, Path(output), (text + "\n").encode("utf-8"))
        else:
            click.echo(text)
        sys.exit(EXIT_FINDINGS if any(r.verdict != "consistent" for r in rows) else EXIT_OK)
