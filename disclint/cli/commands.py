"""CLI commands beyond ``extract``: each is thin glue over a pipeline stage.

:func:`register_commands` registers them all: ``map`` / ``eval`` (:mod:`.mapping`), ``lint``
(:mod:`.lint`, its per-file steps in :mod:`.lint_findings`), ``rules`` / ``rule`` (:mod:`.rules`)
and the feature packages' commands. The lint and rules options' help is in :mod:`disclint.i18n` (``help.lint.*``).
"""

from __future__ import annotations

import click

from ..i18n import texts


def register_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:
    from .mapping import register_mapper_commands

    register_mapper_commands(cli, lang, H)

    from .lint import register_lint
    from .rules import register_rules

    L = texts("help.lint", lang)
    register_lint(cli, lang, H, L)
    register_rules(cli, lang, L)
    from ..survey import register_survey_commands

    register_survey_commands(cli, lang, H)
    from ..draft.commands import register_draft_commands

    register_draft_commands(cli, lang, H)
    from ..diff.cli import register_diff_command

    register_diff_command(cli, lang)
    from ..assess import register_assess_commands

    register_assess_commands(cli, lang, H)
