"""``disclint survey``: ``run`` (the default subcommand) and ``report``."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from ..cli.runtime import EXIT_ERROR, EXIT_OK, RunContext, limit_options, make_limits
from ..i18n import t, texts
from ..safeio import terminal_safe
from .inputs import SurveyError


class SurveyGroup(click.Group):
    """``disclint survey INPUT... -o RUN_DIR`` means ``disclint survey run INPUT... -o RUN_DIR``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


def _fatal(ctx: RunContext, exc: SurveyError) -> None:
    click.echo(terminal_safe(f"disclint: {exc.message(ctx.lang)}"), err=True)
    sys.exit(EXIT_ERROR)


def register_survey_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:  # noqa: ARG001 - same signature as the others
    L = texts("help.survey", lang)

    @cli.group("survey", cls=SurveyGroup, help=L["survey"])
    def survey() -> None:
        pass

    @survey.command("run", help=L["run"])
    @click.argument("inputs", nargs=-1, required=True)
    @click.option("-o", "--output", "run_dir", required=True, type=click.Path(file_okay=False), help=L["output_run"])
    @click.option("--workers", type=click.IntRange(1), default=None, help=L["workers"])
    @click.option(
        "--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True, help=L["engine"]
    )
    @click.option("--scheduler", default=None, help=L["scheduler"])
    @click.option(
        "--connect-timeout", type=click.FloatRange(0.1), default=45.0, show_default=True, help=L["connect_timeout"]
    )
    @click.option("--stall-timeout", type=click.FloatRange(0), default=None, help=L["stall_timeout"])
    @click.option("--max-tasks-per-child", type=click.IntRange(1), default=50, show_default=True, help=L["max_tasks"])
    @click.option("--timeout", type=click.FloatRange(0), default=600.0, show_default=True, help=L["timeout"])
    @click.option("--retry-errors", is_flag=True, help=L["retry_errors"])
    @click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help=L["config"])
    @click.option("--select", multiple=True, help=L["select"])
    @click.option("--ignore", multiple=True, help=L["ignore"])
    @click.option("-q", "--quiet", is_flag=True, help=L["quiet"])
    @limit_options(lang)
    @click.pass_obj
    def run_cmd(
        ctx: RunContext,
        inputs: tuple[str, ...],
        run_dir: str,
        workers: int | None,
        engine: str,
        scheduler: str | None,
        max_tasks_per_child: int,
        connect_timeout: float,
        stall_timeout: float | None,
        timeout: float,
        retry_errors: bool,
        config_path: str | None,
        select: tuple[str, ...],
        ignore: tuple[str, ...],
        quiet: bool,
        **kw: Any,
    ) -> None:
        from dataclasses import asdict

        from ..model.errors import ConfigError
        from .engine import LocalEngine, Progress
        from .runner import run_survey

        limits = make_limits(kw)
        options = {
            "lang": ctx.lang,
            "config": config_path,
            "select": list(select),
            "ignore": list(ignore),
            "limits": asdict(limits),
            "timeout": timeout,
        }
        if engine == "dask":
            if not scheduler:
                _fatal(ctx, SurveyError("survey.no_scheduler"))
            try:
                import distributed  # noqa: F401
            except ImportError:
                _fatal(ctx, SurveyError("survey.no_dask"))
            from .dask_engine import DaskEngine, stall_bound

            try:
                eng: Any = DaskEngine(scheduler, connect_timeout, stall_bound(timeout, stall_timeout))
            except SurveyError as exc:
                _fatal(ctx, exc)
        else:
            if scheduler:
                _fatal(ctx, SurveyError("survey.scheduler_without_dask"))
            if stall_timeout is not None:
                _fatal(ctx, SurveyError("survey.stall_without_dask"))
            eng = LocalEngine(workers, max_tasks_per_child)
        progress = Progress(0, enabled=not quiet)

        def on_error(path: str, code: str, params: dict[str, Any]) -> None:
            if progress.tty and progress.enabled:
                sys.stderr.write("\r\x1b[K")
            click.echo(terminal_safe(f"disclint: {path}: {t(code, ctx.lang, **params)}"), err=True)

        def on_note(code: str, params: dict[str, Any]) -> None:
            click.echo(terminal_safe(f"disclint: {t(code, ctx.lang, **params)}"), err=True)

        try:
            summary = run_survey(
                inputs,
                Path(run_dir),
                eng,
                options,
                retry_errors=retry_errors,
                progress=progress,
                on_error=on_error,
                on_note=on_note,
            )
        except SurveyError as exc:
            _fatal(ctx, exc)
        except ConfigError as exc:
            click.echo(terminal_safe(f"disclint: {exc.message(ctx.lang)}"), err=True)
            sys.exit(EXIT_ERROR)
        except OSError as exc:  # e.g. the scheduler cannot be reached
            _fatal(
                ctx, SurveyError("survey.engine_failed", reason=f"{type(exc).__name__}: {exc}".splitlines()[0][:200])
            )
        except sqlite3.Error as exc:  # e.g. a full disk while recording: every finished document is kept
            _fatal(
                ctx,
                SurveyError(
                    "survey.store_failed",
                    path=str(Path(run_dir) / "survey.sqlite"),
                    reason=str(exc).splitlines()[0][:200],
                ),
            )
        click.echo(
            t(
                "survey.run_summary",
                ctx.lang,
                inputs=summary.inputs,
                processed=summary.processed,
                skipped=summary.skipped,
                errors=summary.errors,
                seconds=f"{summary.seconds:.1f}",
                path=str(Path(run_dir) / "survey.sqlite"),
            ),
            err=True,
        )
        sys.exit(EXIT_ERROR if summary.errors else EXIT_OK)

    @survey.command("report", help=L["report"])
    @click.argument("run_dir", type=click.Path(file_okay=False))
    @click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help=L["output_report"])
    @click.option("--compare", default=None, help=L["compare"])
    @click.option("--year", type=int, default=None, help=L["year"])
    @click.option("--industry", default=None, help=L["industry"])
    @click.option("--include-empty", is_flag=True, help=L["include_empty"])
    @click.pass_obj
    def report_cmd(
        ctx: RunContext,
        run_dir: str,
        out_dir: str,
        compare: str | None,
        year: int | None,
        industry: str | None,
        include_empty: bool,
    ) -> None:
        from .report import write_report

        codes = [c.strip() for c in (compare or "").split(",") if c.strip()]
        try:
            written = write_report(
                Path(run_dir),
                Path(out_dir),
                lang=ctx.lang,
                compare=codes,
                year=year,
                industry=industry,
                include_empty=include_empty,
            )
        except SurveyError as exc:
            _fatal(ctx, exc)
        except OSError as exc:  # e.g. a read-only or full disk: nothing half-written is left behind
            _fatal(ctx, SurveyError("output.write_failed", path=out_dir, reason=exc.strerror or type(exc).__name__))
        for note in written.notes:
            click.echo(terminal_safe(f"disclint: {t(note[0], ctx.lang, **note[1])}"), err=True)
        click.echo(t("survey.report_written", ctx.lang, path=out_dir, files=len(written.files)), err=True)
        sys.exit(EXIT_OK)
