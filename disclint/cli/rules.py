"""``disclint rules`` (the list) and ``disclint rule ID`` (one rule in full)."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..i18n import quality_label, t
from ..safeio import terminal_safe
from .runtime import EXIT_ERROR, EXIT_OK, RunContext


def register_rules(cli: click.Group, lang: str, L: dict[str, str]) -> None:
    """``L``: the options' help (``help.lint.*`` in :mod:`disclint.i18n`) in ``lang``."""

    def load(
        ctx: RunContext,
        config_path: str | None,
        isolated: bool,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
    ):
        from pathlib import Path

        from ..config import config_for
        from ..model.errors import ConfigError

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
                click.echo(
                    t("rules.quality_heading", ctx.lang, label=quality_label(r.quality, ctx.lang), quality=r.quality)
                )
            state = "" if r.enabled else t("rules.disabled", ctx.lang)
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
