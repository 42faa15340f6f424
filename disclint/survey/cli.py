"""``disclint survey``: ``run`` (the default subcommand) and ``report``."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from ..cli.runtime import EXIT_ERROR, EXIT_OK, RunContext, limit_options, make_limits
from ..i18n import t
from ..safeio import terminal_safe
from .inputs import SurveyError

HELP = {
    "survey": {
        "ja": "多数の開示文書を一括で調べ、会社・業種・年度ごとの開示状況を集計します（run / report）。"
        "サブコマンドを省略すると run になります。",
        "en": "Survey many disclosure documents: which companies disclose what, by industry and year (run / report). "
        "Without a subcommand, run is assumed.",
    },
    "run": {
        "ja": "フォルダ・ファイル・マニフェスト CSV の文書を調べ、結果を RUN_DIR の SQLite に記録します。"
        "中断しても再実行すれば処理済みの文書（SHA-256 で識別）を飛ばして続きから再開します。",
        "en": "Survey the documents in folders, files and manifest CSVs and record the results in SQLite in RUN_DIR. "
        "Rerunning after an interruption skips finished documents (by SHA-256) and resumes.",
    },
    "report": {
        "ja": "RUN_DIR の結果から CSV・XLSX・HTML ダッシュボード（グラフ付き）を OUT_DIR に書き出します。",
        "en": "Write CSV, XLSX and an HTML dashboard with charts to OUT_DIR from the results in RUN_DIR.",
    },
    "output_run": {
        "ja": "結果を記録するディレクトリ（新規、空、または以前の survey の RUN_DIR）",
        "en": "run directory (new, empty, or an earlier survey run to resume)",
    },
    "output_report": {"ja": "出力先ディレクトリ（新規または空）", "en": "output directory (new or empty)"},
    "workers": {"ja": "ワーカープロセス数（既定: CPU 数）", "en": "worker processes (default: number of CPUs)"},
    "engine": {
        "ja": "実行エンジン（local: ローカルのプロセス / dask: 既存の Dask クラスタ）",
        "en": "engine (local processes / an existing Dask cluster)",
    },
    "scheduler": {
        "ja": "Dask スケジューラのアドレス（例: tcp://127.0.0.1:8786）",
        "en": "Dask scheduler address (e.g. tcp://127.0.0.1:8786)",
    },
    "connect_timeout": {
        "ja": "Dask スケジューラへの接続と最初の応答を待つ上限（秒）。応答がなければ 1 行のエラー",
        "en": "seconds to wait for the Dask scheduler to connect and first answer; then one error line",
    },
    "stall_timeout": {
        "ja": "Dask クラスタから次の結果が届くまで待つ上限（秒、0 で無制限）。既定: --timeout + 120 秒。"
        "超えたら 1 行のエラーで止まり、処理済みの文書は保存され、再実行で続きから再開します",
        "en": "seconds to wait for the Dask cluster's next result (0: no limit; default: --timeout + 120); "
        "then one error line, finished documents kept, a rerun resumes",
    },
    "max_tasks": {
        "ja": "ワーカーをこの文書数ごとに入れ替える（メモリ増加の抑制）",
        "en": "replace each worker after this many documents (bounds memory)",
    },
    "timeout": {
        "ja": "1 文書の処理時間の上限（秒、0 で無制限）。超えた文書はエラーとして記録",
        "en": "time limit per document in seconds (0: none); exceeded = recorded as an error",
    },
    "retry_errors": {
        "ja": "エラーとして記録済みの文書も再処理する",
        "en": "process documents recorded as errors again",
    },
    "quiet": {"ja": "進捗表示をしない", "en": "no progress bar"},
    "config": {
        "ja": "設定ファイル（ルールの選択など。省略時はカレントディレクトリから探索）",
        "en": "config file (rule selection …; default: searched from the current directory)",
    },
    "select": {"ja": "実行するルール（ID またはプレフィックス）", "en": "rules to run (ids or prefixes)"},
    "ignore": {"ja": "除外するルール（ID またはプレフィックス）", "en": "rules to skip (ids or prefixes)"},
    "compare": {
        "ja": "レーダーチャートで比較する証券コード（カンマ区切り。1 社なら業種平均と比較）",
        "en": "securities codes to compare in radar charts (comma-separated; one code: against its industry average)",
    },
    "year": {
        "ja": "会社別の表とグラフに使う年度（既定: 会社ごとの最新年度）",
        "en": "fiscal year for the per-company views (default: each company's latest)",
    },
    "industry": {"ja": "この業種の会社だけを集計する", "en": "report on the companies of this industry only"},
    "include_empty": {
        "ja": "サイバーセキュリティの記述がない文書も割合の集計に含める（既定: 除く）",
        "en": "count documents without cybersecurity text in the shares (default: left out)",
    },
}


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
    L = {k: v[lang] for k, v in HELP.items()}

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

        from ..errors import ConfigError
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
