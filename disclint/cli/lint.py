"""``disclint lint``: read, analyse, then each file's findings through the steps of
:mod:`.lint_findings`, then the reporters, --annotate / --suggest copies and the exit status."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..i18n import t
from ..model.findings import FAIL_LEVELS, level_at_least
from ..safeio import terminal_safe
from .lint_findings import _accepted_vocabulary, _apply_text_fixes, _inline_suppression
from .runtime import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    RunContext,
    guarded,
    iter_documents,
    limit_options,
    make_limits,
    start_reading,
    timeout_option,
)


def register_lint(cli: click.Group, lang: str, H: dict[str, str], L: dict[str, str]) -> None:
    """``H``: the commands' help, ``L``: the options' help (``help.lint.*`` in :mod:`disclint.i18n`), in ``lang``."""

    @cli.command("lint", help=H["lint"])
    @click.argument("files", nargs=-1, required=True)
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json", "sarif", "github", "html"]),
        default="text",
        show_default=True,
        help=L["format"],
    )
    @click.option("--annotate", "annotate", type=click.Path(dir_okay=False), default=None, help=L["annotate"])
    @click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help=L["output"])
    @click.option("--force", is_flag=True, help=L["force"])
    @click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help=L["config"])
    @click.option("--isolated", is_flag=True, help=L["isolated"])
    @click.option("--select", multiple=True, help=L["select"])
    @click.option("--ignore", multiple=True, help=L["ignore"])
    @click.option("--fail-level", type=click.Choice(FAIL_LEVELS), default=None, help=L["fail_level"])
    @click.option("--baseline", type=click.Path(dir_okay=False), default=None, help=L["baseline"])
    @click.option("--write-baseline", type=click.Path(dir_okay=False), default=None, help=L["write_baseline"])
    @click.option("--peers", "peers_run", type=click.Path(file_okay=False), default=None, help=L["peers"])
    @click.option("--industry", "peer_industry", default=None, help=L["peer_industry"])
    @click.option("--fix", "apply_fixes", is_flag=True, help=L["fix"])
    @click.option("--unsafe-fixes", is_flag=True, help=L["unsafe_fixes"])
    @click.option("--suggest", type=click.Path(dir_okay=False), default=None, help=L["suggest"])
    @click.option("--exclude", multiple=True, metavar="PATTERN", help=L["exclude"])
    @click.option("--stdin-filename", default=None, metavar="NAME", help=L["stdin_filename"])
    @click.option("--assessment", type=click.Path(dir_okay=False), default=None, metavar="FORM", help=L["assessment"])
    @limit_options(lang)
    @timeout_option(lang)
    @click.pass_obj
    def lint(
        ctx: RunContext,
        files: tuple[str, ...],
        exclude: tuple[str, ...] = (),
        stdin_filename: str | None = None,
        apply_fixes: bool = False,
        unsafe_fixes: bool = False,
        suggest: str | None = None,
        assessment: str | None = None,
        **options: Any,
    ) -> None:
        """Expand the inputs (folders, globs, stdin) and read the assessment form; ``_lint`` does the rest."""
        from .inputs import expand_inputs

        form = None
        if assessment:  # read and validated before any document: a bad form is one line per problem, exit 2
            from ..assess.cli import _read_all

            (form,) = _read_all(ctx, (assessment,))

        inputs = expand_inputs(files, exclude, stdin_filename)
        ctx.names.update(inputs.names)
        for arg, key in inputs.missing:
            ctx.error(arg, t(key, ctx.lang))
        if not inputs.paths:  # an empty folder, everything excluded, a glob matching nothing
            sys.exit(EXIT_ERROR)
        try:
            _lint(ctx, tuple(inputs.paths), fixing=(apply_fixes, unsafe_fixes, suggest), form=form, **options)
        finally:
            inputs.cleanup()

    def _lint(
        ctx: RunContext,
        files: tuple[str, ...],
        fmt: str,
        output: str | None,
        force: bool,
        config_path: str | None,
        select: tuple[str, ...],
        ignore: tuple[str, ...],
        fail_level: str | None,
        baseline: str | None,
        write_baseline: str | None,
        annotate: str | None = None,
        isolated: bool = False,
        peers_run: str | None = None,
        peer_industry: str | None = None,
        fixing: tuple[bool, bool, str | None] = (False, False, None),
        form: Any = None,
        **kw: Any,
    ) -> None:
        from pathlib import Path

        from .. import __version__
        from ..analysis import analyse
        from ..config import config_for
        from ..model.errors import ConfigError
        from ..report import FileReport, render
        from ..report.baseline import apply_baseline, load_baseline
        from ..report.baseline import write_baseline as save_baseline

        def fatal(message: str) -> None:
            click.echo(terminal_safe(f"disclint: {message}"), err=True)
            sys.exit(EXIT_ERROR)

        from ..safeio import OutputError, atomic_write_text, check_output_path

        apply_fixes, unsafe_fixes, suggest = fixing

        def check_outputs(read: list[str | None], documents: tuple[str, ...] = ()) -> None:
            for target in (output, write_baseline, annotate, suggest):
                if target:
                    try:  # a device / FIFO / directory, or anything the run reads (also through links)
                        # (--annotate/--suggest name their own input in the message: annotate.check_target)
                        check_output_path(target, read + ([] if target in (annotate, suggest) else list(documents)))
                    except OutputError as exc:
                        fatal(exc.message(ctx.lang))

        check_outputs([config_path, baseline], files)
        peers = None
        if peers_run or peer_industry:  # the peer view (issue 19): shares from a survey store, checked before any work
            from ..survey.inputs import SurveyError
            from ..survey.peers import load_peers

            if not peers_run:
                fatal(t("lint.industry_without_peers", ctx.lang))
            if fmt not in ("text", "json"):
                fatal(t("lint.peers_format", ctx.lang, format=fmt))
            try:
                peers = load_peers(peers_run, peer_industry, ctx.lang)
            except SurveyError as exc:
                fatal(exc.message(ctx.lang))
        for target in (output, write_baseline):
            if target and (Path(target).exists() or Path(target).is_symlink()) and not force:
                fatal(t("output.exists", ctx.lang, path=target))
        from ..annotate import AnnotateError, annotate_docx, check_target

        # --annotate and --suggest each write a copy of the one .docx input
        for target, one_file_key, other in (
            (annotate, "annotate.one_file", output),
            (suggest, "suggest.one_file", annotate),
        ):
            if not target:
                continue
            if len(files) != 1:
                fatal(t(one_file_key, ctx.lang))
            if other and Path(other).resolve() == Path(target).resolve():
                fatal(t("annotate.same_as_output", ctx.lang, path=target))
            try:
                check_target(files[0], target, force)
            except AnnotateError as exc:
                fatal(exc.message(ctx.lang))
        limits = make_limits(kw)
        configs: dict[str, Any] = {}
        try:

            def cfg_for(path: str):
                base = config_for(path, config_path, isolated)
                key = base.source or ""
                if key not in configs:
                    check_outputs([base.source, base.baseline])  # every config read, and its baseline, is an input
                    configs[key] = base.with_cli(select, ignore, fail_level)
                    configs[key].rules()  # validate now: a config error is fatal, once
                return configs[key]

            first = cfg_for(files[0])
            remaining = None
            baseline_path = baseline or first.baseline
            check_outputs([baseline_path])
            if baseline_path and not write_baseline:
                remaining = load_baseline(baseline_path)
        except ConfigError as exc:
            fatal(exc.message(ctx.lang))
        reports: list[FileReport] = []
        threshold = fail_level
        from .. import nlp

        ahead = start_reading(ctx, files, limits)  # a forked reader: before any thread starts
        nlp.preload(now=ahead is not None and ahead.first_is_plausible())  # while the reader reads
        from .progress import Progress

        progress = Progress(len(files))
        done_files = html_ids = 0
        for doc in iter_documents(ctx, files, limits, ahead):
            done_files += 1
            progress.step(done_files, doc.path)
            try:
                cfg = cfg_for(doc.path)
            except ConfigError as exc:
                fatal(exc.message(ctx.lang))
            if (annotate or suggest) and doc.format != "docx":
                fatal(t("annotate.not_docx", ctx.lang, path=doc.path, format=doc.format))
            result = guarded(ctx, doc.path, lambda d=doc, c=cfg: analyse(d, c, lang=ctx.lang))
            if result is None:
                continue
            threshold = threshold or cfg.fail_level
            findings, hidden = list(result.findings), 0
            if form is not None:  # what the company does (its self-assessment) against what it says
                from ..assess.check import assessment_findings

                findings = assessment_findings(form, result.summary(ctx.lang), doc.path, ctx.lang) + findings

            def after(d: Any = doc, c: Any = cfg, fs: list[Any] = findings) -> tuple[list[Any], int]:
                fs = _accepted_vocabulary(d, fs, getattr(c, "vocabulary", []))
                fs, n = _inline_suppression(d, fs, c, ctx.lang)
                if apply_fixes:
                    fs = _apply_text_fixes(ctx, d, fs, unsafe_fixes)
                return fs, n

            done_after = guarded(ctx, doc.path, after)  # a failure here is one line, like the analysis
            if done_after is None:
                continue
            findings, suppressed = done_after
            if remaining is not None:
                findings, hidden = apply_baseline(findings, remaining)
            summary = result.summary(ctx.lang)
            report = FileReport(
                doc.path,
                findings,
                summary,
                hidden,
                config=cfg.source,
                format=doc.format,
                texts=tuple(b.text for b in doc.blocks),
                suppressed=suppressed,
            )
            if fmt == "html":  # the file's part of the page, within its --timeout like reading and analysis
                from ..report.html import render_section, with_document

                page = with_document(report, result, cfg, ctx.lang)
                nxt = guarded(ctx, doc.path, lambda p=page, k=html_ids: render_section(p, len(reports), k, ctx.lang))
                if nxt is None:
                    continue
                report, html_ids = page, nxt
            reports.append(report)
            if annotate:
                from ..annotate import AnnotateError, annotate_docx

                try:
                    done = annotate_docx(
                        doc.path, annotate, doc, findings, summary, lang=ctx.lang, force=force, limits=limits
                    )
                except AnnotateError as exc:
                    fatal(exc.message(ctx.lang))
                click.echo(
                    f"disclint: {t('annotate.written', ctx.lang, path=annotate, comments=done.comments, anchored=done.anchored)}",
                    err=True,
                )
            if suggest:
                from ..annotate import AnnotateError
                from ..annotate.revisions import suggest_docx

                try:
                    sdone = suggest_docx(doc.path, suggest, doc, findings, lang=ctx.lang, force=force, limits=limits)
                except AnnotateError as exc:
                    fatal(exc.message(ctx.lang))
                click.echo(
                    f"disclint: {t('suggest.written', ctx.lang, path=suggest, changes=sdone.changes, skipped=sdone.skipped)}",
                    err=True,
                )
        progress.clear()
        all_findings = [f for r in reports for f in r.findings]
        if write_baseline:
            try:
                n = save_baseline(write_baseline, all_findings)
            except OSError as exc:
                fatal(
                    t("output.write_failed", ctx.lang, path=write_baseline, reason=exc.strerror or type(exc).__name__)
                )
            click.echo(t("lint.baseline_written", ctx.lang, path=write_baseline, count=n), err=True)
            all_findings_for_exit: list[Any] = []  # the findings are now accepted: exit 0 (like ruff --add-noqa)
        else:
            all_findings_for_exit = all_findings
        text = render(fmt, reports, rules=first.rules(), lang=ctx.lang, version=__version__)
        if peers is not None:
            from ..survey.peers import add_to_json, text_section

            text = (
                add_to_json(text, peers, reports)
                if fmt == "json"
                else text.rstrip("\n") + "\n" + text_section(peers, reports, ctx.lang)
            )
        if output:
            try:  # temp file + fsync + rename: never a half-written report
                atomic_write_text(output, text if text.endswith("\n") else text + "\n")
            except OSError as exc:
                fatal(t("output.write_failed", ctx.lang, path=output, reason=exc.strerror or type(exc).__name__))
        else:
            click.echo(text, nl=not text.endswith("\n"))
        counts = {lv: sum(1 for f in all_findings if f.level.value == lv) for lv in ("error", "warning", "info")}
        summary = t(
            "cli.summary",
            ctx.lang,
            files=len(reports),
            findings=len(all_findings),
            errors=counts["error"],
            warnings=counts["warning"],
            infos=counts["info"],
        )
        safe = sum(1 for f in all_findings if f.fix and f.fix["applicability"] == "safe")
        review = sum(1 for f in all_findings if f.fix and f.fix["applicability"] != "safe")
        if safe or review:
            summary += "\n" + t("fix.available", ctx.lang, count=safe, review=review)
        if any(r.suppressed for r in reports):
            summary += t("cli.summary_suppressed", ctx.lang, count=sum(r.suppressed for r in reports))
        click.echo(summary, err=fmt != "text" or bool(output))
        if ctx.failed:
            click.echo(terminal_safe(f"disclint: {t('cli.failed_files', ctx.lang, count=len(ctx.failed))}"), err=True)
            sys.exit(EXIT_ERROR)
        threshold = threshold or "error"
        sys.exit(EXIT_FINDINGS if any(level_at_least(f.level, threshold) for f in all_findings_for_exit) else EXIT_OK)
