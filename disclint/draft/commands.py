"""``disclint init`` and ``disclint draft`` (registered by :func:`register_draft_commands`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..guideline import directive_ids
from ..i18n import t, texts
from ..safeio import terminal_safe
from .doctypes import DOC_TYPES, doc_type_help

EXIT_OK, EXIT_ERROR = 0, 2


def _fatal(message: str) -> None:
    click.echo(terminal_safe(f"disclint: {message}"), err=True)
    sys.exit(EXIT_ERROR)


def _profile_errors(exc: Any, lang: str) -> None:
    """All problems of a profile, one line each, then exit 2."""
    errors = getattr(exc, "all", None) or [exc]
    for e in errors:
        click.echo(terminal_safe(f"disclint: {e.params.get('path', '')}: {e.message(lang)}"), err=True)
    sys.exit(EXIT_ERROR)


def parse_directives(value: str | None) -> list[int] | None:
    if value is None or not value.strip():
        return None
    out = []
    for part in value.replace("、", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            a, _, b = part.partition("-")
            if not (a.strip().isdigit() and b.strip().isdigit()):
                raise ValueError(part)
            out.extend(range(int(a), int(b) + 1))
        elif part.isdigit():
            out.append(int(part))
        else:
            raise ValueError(part)
    if not out or any(d not in directive_ids() for d in out):
        raise ValueError(value)
    return sorted(set(out))


def register_draft_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:
    D = texts("help.draft", lang)

    @cli.command("init", help=D["init"])
    @click.option(
        "-o",
        "--output",
        default="disclint-profile.yml",
        show_default=True,
        type=click.Path(dir_okay=False),
        help=D["init_output"],
    )
    @click.option("--example", is_flag=True, help=D["init_example"])
    @click.pass_obj
    def init_cmd(ctx: Any, output: str, example: bool) -> None:
        from ..resources import data_dir
        from .profile import init_text

        out = Path(output)
        if out.exists() or out.is_symlink():
            _fatal(f"{output}: {t('draft.init_exists', ctx.lang)}")
        text = (
            (data_dir("templates") / "profiles" / "example-complete.yml").read_text(encoding="utf-8")
            if example
            else init_text()
        )
        try:
            with open(out, "x", encoding="utf-8") as fh:  # "x": never replace a file created meanwhile
                fh.write(text)
        except FileExistsError:
            _fatal(f"{output}: {t('draft.init_exists', ctx.lang)}")
        except OSError as exc:
            _fatal(f"{output}: {t('draft.cannot_write', ctx.lang, reason=exc.strerror or type(exc).__name__)}")
        click.echo(
            t("draft.init_example_written" if example else "draft.init_written", ctx.lang, path=output), err=True
        )

    @cli.command("draft", help=D["draft"])
    @click.option(
        "--doc-type",
        "doc_type",
        required=True,
        type=click.Choice(list(DOC_TYPES)),
        help=D["doc_type"] + doc_type_help(lang),
    )
    @click.option("--profile", "profile_path", type=click.Path(dir_okay=False), default=None, help=D["profile"])
    @click.option("--directives", default=None, metavar="1,7,8", help=D["directives"])
    @click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help=D["output"])
    @click.option("--force", is_flag=True, help=D["force"])
    @click.option(
        "--missing-from", "missing_from", type=click.Path(dir_okay=False), default=None, help=D["missing_from"]
    )
    @click.option("--insert", is_flag=True, help=D["insert"])
    @click.option("--templates", "templates_dir", type=click.Path(file_okay=False), default=None, help=D["templates"])
    @click.option("--variant", type=click.IntRange(0), default=None, help=D["variant"])
    @click.option(
        "--assessment",
        "assessment_path",
        type=click.Path(dir_okay=False),
        default=None,
        metavar="FORM",
        help=D["assessment"],
    )
    @click.pass_obj
    def draft_cmd(
        ctx: Any,
        doc_type: str,
        profile_path: str | None,
        directives: str | None,
        output: str | None,
        force: bool,
        missing_from: str | None,
        insert: bool,
        templates_dir: str | None,
        variant: int | None,
        assessment_path: str | None = None,
    ) -> None:
        from ..model.errors import DisclintError
        from .profile import ProfileError, empty_profile, load_profile
        from .render import render_draft
        from .writer import insert_into_copy, to_markdown, write_docx

        L = ctx.lang
        # --- arguments that need no file access
        try:
            chosen = parse_directives(directives)
        except ValueError:
            _fatal(t("draft.bad_directives", L, value=directives))
        fmt = None
        if output:
            fmt = Path(output).suffix.lower().lstrip(".")
            if fmt not in ("md", "docx"):
                _fatal(t("draft.bad_output_ext", L, path=output))
        if insert:
            if not missing_from:
                _fatal(t("draft.insert_needs_missing_from", L))
            if not output:
                _fatal(t("draft.insert_needs_output", L))
            if Path(missing_from).suffix.lower() != ".docx" or fmt != "docx":
                _fatal(t("draft.insert_needs_docx", L))
        if output:
            from ..safeio import OutputError, check_output_path

            try:  # never an input, never a device / FIFO / directory
                check_output_path(output, [missing_from, profile_path, assessment_path])
            except OutputError as exc:
                _fatal(exc.message(L))
            if (Path(output).exists() or Path(output).is_symlink()) and not force:
                _fatal(t("output.exists", L, path=output))

        # --- profile
        if profile_path:
            try:
                profile = load_profile(profile_path)
            except ProfileError as exc:
                _profile_errors(exc, L)
        else:
            profile = empty_profile()
        for w in profile.warnings:  # values understood as "no": one line each, naming the key
            click.echo(terminal_safe(f"disclint: {w.params.get('path', '')}: {w.message(L)}"), err=True)
        assessed = None
        if assessment_path:  # one line per problem of the form (file, sheet and cell), exit 2
            from ..assess.cli import _read_all
            from .assessed import assessed_states

            assessed = assessed_states(_read_all(ctx, (assessment_path,))[0])

        # --- which directives
        missing_mode = False
        if missing_from:
            from ..analysis import analyse
            from ..readers import Limits, read

            try:  # the same analysis (and coverage) lint reports for this document
                doc = read(missing_from, Limits())
                coverage = analyse(doc, lang=L, rules=()).coverage
            except DisclintError as exc:
                _fatal(f"{missing_from}: {exc.message(L)}")
            status = {d: c.status for d, c in coverage.directives.items()}
            lacking = [
                d for d in directive_ids() if status.get(d) in ("missing", "weak") and (chosen is None or d in chosen)
            ]
            missing = [d for d in lacking if status[d] == "missing"]
            weak = [d for d in lacking if status[d] == "weak"]
            none = "—"
            click.echo(
                f"disclint: {missing_from}: "
                + t("draft.coverage_found", L, missing=_nums(missing) or none, weak=_nums(weak) or none),
                err=True,
            )
            if not lacking:
                click.echo(terminal_safe(f"disclint: {missing_from}: {t('draft.nothing_missing', L)}"), err=True)
                sys.exit(EXIT_OK)
            chosen, missing_mode = lacking, True

        if assessed is not None:
            chosen = _apply_assessment(assessed, profile if profile_path else None, chosen, L)

        # --- render and write
        try:
            draft = render_draft(
                profile,
                doc_type,
                chosen,
                templates=templates_dir,
                variant=variant,
                missing_mode=missing_mode,
                assessed=assessed,
            )
        except DisclintError as exc:
            _fatal(exc.message(L))
        placeholders = len(draft.placeholders())
        questions = len(draft.questions())
        try:
            if insert:
                for place in insert_into_copy(missing_from, output, draft):  # type: ignore[arg-type]
                    if place.heading is None:
                        click.echo(
                            f"disclint: {output}: {t('draft.placed_appended', L, directive=place.directive)}", err=True
                        )
                    else:
                        click.echo(
                            f"disclint: {output}: {t('draft.placed_under', L, directive=place.directive, heading=place.heading)}",
                            err=True,
                        )
            elif fmt == "docx":
                write_docx(draft, output)  # type: ignore[arg-type]
            elif fmt == "md":
                from ..safeio import atomic_write_text

                atomic_write_text(output, to_markdown(draft))  # type: ignore[arg-type]  # never half-written
            else:
                click.echo(to_markdown(draft), nl=False)
        except OSError as exc:
            _fatal(f"{output}: {t('draft.cannot_write', L, reason=exc.strerror or type(exc).__name__)}")
        except Exception as exc:  # python-docx on a damaged docx: one line, no traceback
            if ctx.debug:
                raise
            _fatal(
                f"{missing_from or output}: {t('draft.cannot_write', L, reason=type(exc).__name__ + ': ' + str(exc).splitlines()[0][:150] if str(exc) else type(exc).__name__)}"
            )
        if not profile_path:
            click.echo(
                terminal_safe(f"disclint: {t('draft.no_profile_assessed' if assessed else 'draft.no_profile', L)}"),
                err=True,
            )
        key = "draft.written" if output else "draft.printed"  # standard output is not a file "-"
        click.echo(
            f"disclint: {t(key, L, path=output, doc_type=doc_type, directives=_nums(draft.directives), placeholders=placeholders, questions=questions)}",
            err=True,
        )
        sys.exit(EXIT_OK)


def _apply_assessment(assessed: Any, profile: Any, chosen: list[int] | None, lang: str) -> list[int]:
    """Say what the self-assessment decides (silent directives, disagreements with the profile,
    the counts); the directives left to draft (exit 0 when none is)."""
    from .assessed import conflict_params, conflicts
    from .profile import empty_profile

    where = f"disclint: {assessed.path}: "
    wanted = list(chosen or directive_ids())
    silent = [d for d in wanted if d in assessed.silent]
    kept = [d for d in wanted if d not in silent]
    if silent:
        click.echo(where + t("draft.assessment_silent", lang, directives=_nums(silent)), err=True)
    for c in conflicts(profile, assessed, kept) if profile is not None else []:
        click.echo(where + t("draft.assessment_conflict", lang, **conflict_params(c, lang)), err=True)
    if not kept:
        click.echo(where + t("draft.assessment_nothing", lang), err=True)
        sys.exit(EXIT_OK)
    counts = assessed.count(profile or empty_profile(), kept)
    click.echo(where + t("draft.assessment_used", lang, **counts), err=True)
    return kept


def _nums(ds: list[int]) -> str:
    return ", ".join(str(d) for d in ds)
