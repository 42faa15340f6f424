"""Japanese for click's own strings (usage line, option help, usage errors).

click looks its strings up through ``gettext`` bound at import time as the module-level
names ``_`` and ``ngettext`` in a few of its modules; ``install()`` rebinds those names to
this small catalogue. Strings not in the catalogue fall through unchanged, so a newer click
with new strings still works (in English).
"""

from __future__ import annotations

import importlib

CATALOGUE = {
    "Usage:": "使い方:",
    "Options": "オプション",
    "Commands": "コマンド",
    "Positional arguments": "引数",
    "Show the version and exit.": "バージョンを表示して終了",
    "Show this message and exit.": "このヘルプを表示して終了",
    "%(prog)s, version %(version)s": "%(prog)s バージョン %(version)s",
    "default: {default}": "既定値: {default}",
    "Error: {message}": "エラー: {message}",
    "Missing argument": "引数がありません",
    "Missing option": "オプションがありません",
    "Missing parameter": "パラメーターがありません",
    "Missing {param_type}": "{param_type} がありません",
    "Missing command.": "コマンドを指定してください。",
    "No such command {name!r}.": "{name!r} というコマンドはありません。",
    "No such option {name!r}.": "{name!r} というオプションはありません。",
    "Try '{command} {option}' for help.": "'{command} {option}' でヘルプを表示できます。",
    "Invalid value for {param_hint}: {message}": "{param_hint} の値が不正です: {message}",
    "Invalid value: {message}": "値が不正です: {message}",
    "Option {name!r} does not take a value.": "オプション {name!r} は値を取りません。",
    "Aborted!": "中止しました。",
    "{value} is not in the range {range}.": "{value} は範囲 {range} の外です。",
    "{value!r} is not a valid {number_type}.": "{value!r} は有効な{number_type}ではありません。",
    "Choose from:\n\t{choices}": "次から選んでください:\n\t{choices}",
}
PLURALS = {
    "{value!r} is not {choice}.": "{value!r} は {choice} ではありません。",
    "{value!r} is not one of {choices}.": "{value!r} は {choices} のいずれでもありません。",
    "Got unexpected extra argument ({args})": "余分な引数があります（{args}）",
    "Got unexpected extra arguments ({args})": "余分な引数があります（{args}）",
    "Option {name!r} requires an argument.": "オプション {name!r} には値が必要です。",
    "Option {name!r} requires {nargs} arguments.": "オプション {name!r} には {nargs} 個の値が必要です。",
}


def _gettext(message: str) -> str:
    return CATALOGUE.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    chosen = singular if n == 1 else plural
    return PLURALS.get(chosen, chosen)


_ORIGINAL: dict[str, tuple[object, object]] = {}


def install() -> None:
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types"):
        try:
            mod = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - click layout changed
            continue
        _ORIGINAL.setdefault(name, (getattr(mod, "_", None), getattr(mod, "ngettext", None)))
        if hasattr(mod, "_"):
            mod._ = _gettext
        if hasattr(mod, "ngettext"):
            mod.ngettext = _ngettext


def uninstall() -> None:
    """Click's own strings in English again (a process that runs several commands, e.g. tests)."""
    for name, (gettext_, ngettext_) in _ORIGINAL.items():
        mod = importlib.import_module(f"click.{name}")
        if gettext_ is not None:
            mod._ = gettext_
        if ngettext_ is not None:
            mod.ngettext = ngettext_
