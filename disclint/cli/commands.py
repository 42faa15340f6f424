"""CLI commands beyond ``extract``: each is thin glue over a pipeline stage."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..findings import FAIL_LEVELS, level_at_least
from ..i18n import t
from ..safeio import terminal_safe
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


def register_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:
    from .mapping import register_mapper_commands

    register_mapper_commands(cli, lang, H)

    _register_lint(cli, lang, H)
    _register_rules(cli, lang)
    from ..survey import register_survey_commands

    register_survey_commands(cli, lang, H)
    from ..draft.commands import register_draft_commands

    register_draft_commands(cli, lang, H)
    from ..diff.cli import register_diff_command

    register_diff_command(cli, lang)
    from ..assess import register_assess_commands

    register_assess_commands(cli, lang, H)


_LINT_HELP = {
    "format": {
        "ja": "出力形式（text / json / sarif / github / html）",
        "en": "output format (text / json / sarif / github / html)",
    },
    "annotate": {
        "ja": "指摘を Word のコメントにした文書のコピーをこのファイルに書き出す（入力は .docx 1 つ。入力は変更しない）",
        "en": "write a copy of the document with every finding as a Word comment to this file (one .docx input; the input is never changed)",
    },
    "output": {
        "ja": "結果をこのファイルに書き出す（入力ファイルは上書きしない）",
        "en": "write the report to this file (never an input file)",
    },
    "force": {
        "ja": "-o / --annotate / --write-baseline の出力先が既にあれば上書きする",
        "en": "overwrite the -o / --annotate / --write-baseline file if it exists",
    },
    "config": {
        "ja": "設定ファイル（省略時は .disclint.toml / pyproject.toml / setup.cfg を上位へ探索）",
        "en": "config file (default: search .disclint.toml / pyproject.toml / setup.cfg upward)",
    },
    "isolated": {
        "ja": "設定ファイルを探索しない（--config を指定しなければ既定の設定。第三者の文書を検査するとき）",
        "en": "do not search for config files (defaults unless --config is given; for third-party documents)",
    },
    "select": {
        "ja": "実行するルール（ID またはプレフィックス、カンマ区切り可。例: truthfulness）",
        "en": "rules to run (ids or prefixes, comma-separated, e.g. truthfulness)",
    },
    "ignore": {"ja": "除外するルール（ID またはプレフィックス）", "en": "rules to skip (ids or prefixes)"},
    "baseline": {"ja": "このベースラインに記録済みの指摘を表示しない", "en": "hide findings recorded in this baseline"},
    "write_baseline": {
        "ja": "現在の指摘をベースラインとして書き出す",
        "en": "record the current findings as a baseline",
    },
    "peers": {
        "ja": "survey の RUN_DIR の公表済み報告書と比べ、指示ごとに同業他社の記載率を示す（text / json）",
        "en": "compare with the published reports of a survey RUN_DIR: per directive, the share of peers disclosing it (text / json)",
    },
    "assessment": {
        "ja": "自己評価の様式（disclint assess init、XLSX / YAML）と突き合わせ、取組が開示に表れていない指示・実態以上の記載のおそれがある指示を指摘に加える",
        "en": "check against a self-assessment form (disclint assess init, XLSX / YAML): add findings for directives the text undersells or may overstate",
    },
    "peer_industry": {
        "ja": "--peers で比べる業種（既定: すべての業種）",
        "en": "industry of the peers for --peers (default: all)",
    },
    "rules": {
        "ja": "ルールの一覧を表示します（ID・品質・重要度・メッセージ）。1 つのルールの詳細は disclint rule ID。",
        "en": "List the rules (id, quality, level, message). One rule in full: disclint rule ID.",
    },
    "rule": {
        "ja": "1 つのルールを詳しく表示します（メッセージ・説明・直し方・参照・オプション・例）。例: disclint rule truthfulness.absolute-claim",
        "en": "Explain one rule in full (message, explanation, how to fix, reference, options, examples), e.g. disclint rule truthfulness.absolute-claim",
    },
    "rules_format": {"ja": "出力形式（text / json）", "en": "output format (text / json)"},
    "fix": {
        "ja": "安全な修正（機械的な書き換え）を .md / .txt に直接適用する（一時ファイル経由で置き換え。他の形式は変更しない）",
        "en": "apply the safe fixes (mechanical rewrites) to .md / .txt files in place (atomic replace; other formats are never written)",
    },
    "unsafe_fixes": {"ja": "--fix で要確認の修正も適用する", "en": "with --fix, also apply the fixes that need review"},
    "suggest": {
        "ja": "すべての修正案を Word の変更履歴（作成者 disclint）にした文書のコピーをこのファイルに書き出す（入力は .docx 1 つ。入力は変更しない）",
        "en": "write a copy of the document with every fix as a Word tracked change (author disclint) to this file (one .docx input; never changed)",
    },
    "exclude": {
        "ja": "フォルダ・グロブの展開から除くパターン（fnmatch。複数指定可。.disclintignore も参照）",
        "en": "pattern to leave out when expanding folders and globs (fnmatch; repeatable; .disclintignore is read too)",
    },
    "stdin_filename": {
        "ja": "標準入力（-）の名前。拡張子で形式を決め、メッセージにこの名前を表示する",
        "en": "name of standard input (-): its extension chooses the format, messages show this name",
    },
    "fail_level": {
        "ja": "この重要度以上の指摘があれば終了コード 1（既定: 設定ファイル、なければ error）",
        "en": "exit 1 when a finding at or above this level exists (default: config, else error)",
    },
}


def _register_lint(cli: click.Group, lang: str, H: dict[str, str]) -> None:
    L = {k: v[lang] for k, v in _LINT_HELP.items()}

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
        from ..errors import ConfigError
        from ..report import FileReport, render

        if fmt == "html":
            from ..report import html as _html  # noqa: F401  (registers the html reporter)
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


def _accepted_vocabulary(doc: Any, findings: list[Any], vocabulary: list[str]) -> list[Any]:
    """Drop findings whose span lies inside an accepted term of the config's ``vocabulary``."""
    if not vocabulary:
        return findings
    import unicodedata

    terms = [unicodedata.normalize("NFKC", v) for v in vocabulary]
    kept = []
    for f in findings:
        if (
            f.block_index is not None
            and f.start is not None
            and f.end is not None
            and 0 <= f.block_index < len(doc.blocks)
        ):
            text = doc.blocks[f.block_index].text
            if unicodedata.normalize("NFKC", f.excerpt) in terms or any(
                (a := text.find(v, max(0, f.end - len(v)))) >= 0 and a <= f.start and f.end <= a + len(v)
                for v in vocabulary
            ):
                continue
        kept.append(f)
    return kept


def _apply_text_fixes(ctx: RunContext, doc: Any, findings: list[Any], unsafe: bool) -> list[Any]:
    """``--fix``: rewrite a .md/.txt file in place with its fixes; the fixed findings are gone."""
    from ..fixes import fix_text_file, wanted
    from ..sourcetext import TEXT_FORMATS

    if not any(wanted(f, unsafe) for f in findings):
        return findings
    if doc.format not in TEXT_FORMATS:
        ctx.warn(doc.path, t("fix.text_only", ctx.lang))
        return findings
    if getattr(doc, "source_path", None):
        ctx.warn(doc.path, t("fix.stdin", ctx.lang))
        return findings
    try:
        fixed = fix_text_file(doc.path, findings, unsafe)
    except OSError as exc:
        ctx.error(
            doc.path, t("output.write_failed", ctx.lang, path=doc.path, reason=exc.strerror or type(exc).__name__)
        )
        return findings
    if fixed:
        click.echo(terminal_safe(f"disclint: {t('fix.applied', ctx.lang, count=len(fixed), path=doc.path)}"), err=True)
    done = {id(f) for f in fixed}
    return [f for f in findings if id(f) not in done]


def _inline_suppression(doc: Any, findings: list[Any], cfg: Any, lang: str) -> tuple[list[Any], int]:
    """Text formats: real line/column for each finding, then the inline ``disclint-disable``
    comments (:mod:`disclint.suppress`); an unknown rule id in one is a finding itself."""
    from ..checks.rules import load_rules
    from ..document import Location
    from ..findings import Finding, Level
    from ..sourcetext import SourceText
    from ..suppress import UNKNOWN_RULE, Suppressions

    if doc.format == "docx":  # Word comments "disclint-disable ids" on the passage
        from ..suppress import docx_suppressions

        sup = docx_suppressions(getattr(doc, "source_path", None) or doc.path)
        if sup is None:
            return findings, 0

        def where(f: Any) -> int | None:
            part = f.location.part or "body"
            return (
                f.location.paragraph
                if f.block_index is not None and part in ("body", "textbox")
                else (None if f.block_index is None else -1)
            )  # footnotes etc.: not covered by a body comment
    else:
        src = SourceText.of(doc)
        if src is None:
            return findings, 0
        src.place(findings, doc)
        sup = Suppressions.parse(src.lines)
        if not sup.directives:
            return findings, 0

        def where(f: Any) -> int | None:
            return f.location.line if f.block_index is not None else None

    kept = [f for f in findings if not sup.suppressed(f.rule, where(f))]
    known = {r.id for r in load_rules()} | {r.id for r in cfg.rules()}
    suppressed = len(findings) - len(kept)
    for d, rid in sup.unknown_ids(known):
        if doc.format == "docx":
            kept.append(
                Finding(
                    UNKNOWN_RULE,
                    Level.WARNING,
                    t("suppress.unknown_rule", lang, id=rid),
                    Location(doc.path, paragraph=d.line),
                    excerpt=rid,
                )
            )
            continue
        col = d.column_of(rid)
        kept.append(
            Finding(
                UNKNOWN_RULE,
                Level.WARNING,
                t("suppress.unknown_rule", lang, id=rid),
                Location(doc.path, line=d.line),
                excerpt=rid,
                column=col,
                end_line=d.line,
                end_column=col + len(rid),
            )
        )
    return kept, suppressed


def _register_rules(cli: click.Group, lang: str) -> None:
    L = {k: v[lang] for k, v in _LINT_HELP.items()}

    def load(
        ctx: RunContext,
        config_path: str | None,
        isolated: bool,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
    ):
        from pathlib import Path

        from ..config import config_for
        from ..errors import ConfigError

        try:
            return config_for(Path.cwd() / "_", config_path, isolated).with_cli(select, ignore).rules()
        except ConfigError as exc:
            click.echo(terminal_safe(f"disclint: {exc.message(ctx.lang)}"), err=True)
            sys.exit(EXIT_ERROR)

    def rule_options(f: Any) -> Any:
        """--format text|json, --config, --isolated: what `rules` and `rule` share."""
        f = click.option("--isolated", is_flag=True, help=L["isolated"])(f)
        f = click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help=L["config"])(f)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(["text", "json"]),
            default="text",
            show_default=True,
            help=L["rules_format"],
        )(f)

    @cli.command("rules", help=L["rules"])
    @rule_options
    @click.option("--select", multiple=True, help=L["select"])
    @click.option("--ignore", multiple=True, help=L["ignore"])
    @click.pass_obj
    def rules_cmd(
        ctx: RunContext,
        fmt: str,
        config_path: str | None,
        select: tuple[str, ...],
        ignore: tuple[str, ...],
        isolated: bool = False,
    ) -> None:
        import json

        from ..checks.rules import QUALITY_LABELS
        from .explain import rendered

        rules = load(ctx, config_path, isolated, select, ignore)
        if fmt == "json":
            click.echo(
                json.dumps(
                    {"version": "1.0", "rules": [r.to_dict(ctx.lang) for r in rules]}, ensure_ascii=False, indent=2
                )
            )
            sys.exit(EXIT_OK)
        current = None
        for r in rules:
            if r.quality != current:
                current = r.quality
                click.echo(f"{QUALITY_LABELS[r.quality][ctx.lang]} ({r.quality})" if ctx.lang == "ja" else r.quality)
            state = "" if r.enabled else ("（無効）" if ctx.lang == "ja" else " (disabled)")
            click.echo(f"  {r.id:<46} {r.level.value}{state}")
            click.echo(f"      {rendered(r, 'message', ctx.lang)}")  # whole, placeholders rendered as …
        click.echo("")
        click.echo(t("rules.explain_hint", ctx.lang))
        sys.exit(EXIT_OK)

    @cli.command("rule", help=L["rule"])
    @click.argument("rule_id")
    @rule_options
    @click.pass_obj
    def rule_cmd(ctx: RunContext, rule_id: str, fmt: str, config_path: str | None, isolated: bool = False) -> None:
        import difflib
        import json

        from .explain import explain, explain_json

        rules = {r.id: r for r in load(ctx, config_path, isolated)}
        rule = rules.get(rule_id)
        if rule is None:
            close = difflib.get_close_matches(rule_id, list(rules), n=3, cutoff=0.5)
            message = t("rules.unknown", ctx.lang, id=rule_id, close=", ".join(close) or "-")
            click.echo(terminal_safe(f"disclint: {message}"), err=True)
            sys.exit(EXIT_ERROR)
        if fmt == "json":
            click.echo(json.dumps(explain_json(rule, ctx.lang), ensure_ascii=False, indent=2))
        else:
            click.echo(explain(rule, ctx.lang), nl=False)
        sys.exit(EXIT_OK)
