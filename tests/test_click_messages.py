"""click's own messages in Japanese through gettext (``disclint/cli/click_messages.py``).

The catalogue is ``disclint/cli/locale/ja/LC_MESSAGES/disclint-click.po`` (source) and its compiled
``.mo`` (what gettext reads); ``tools/build_click_catalogue.sh`` rebuilds the .mo.
"""

from __future__ import annotations

import ast
import gettext
import os
import shutil
import subprocess
from pathlib import Path

import click
import pytest

from disclint.cli.click_messages import DOMAIN, LOCALE_DIR, click_language

PO = LOCALE_DIR / "ja" / "LC_MESSAGES" / f"{DOMAIN}.po"
REBUILD = "run tools/build_click_catalogue.sh after editing the .po"


def _po_entries(path: Path) -> list[dict[str, str]]:
    """The entries of a .po file: {"msgid": …, "msgid_plural": …, "msgstr" or "msgstr[N]": …}."""
    entries: list[dict[str, str]] = []
    entry: dict[str, str] = {}
    key = ""
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if any(k.startswith("msgstr") for k in entry):  # a blank line or comment ends an entry
                entries.append(entry)
                entry = {}
            continue
        if line.startswith('"'):
            entry[key] += ast.literal_eval(line)
            continue
        key, _, value = line.partition(" ")
        entry[key] = ast.literal_eval(value)
    return [e for e in entries if e["msgid"]]  # without the header


ENTRIES = _po_entries(PO)


def test_the_catalogue_is_read_and_has_every_message():
    assert len(ENTRIES) == 27
    assert {"Usage:", "Options", "Commands", "No such command {name!r}.", "Missing option"} <= {
        e["msgid"] for e in ENTRIES
    }


def test_the_committed_mo_says_what_the_po_says():
    catalogue = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=["ja"])
    for e in ENTRIES:
        if "msgid_plural" in e:
            assert catalogue.ngettext(e["msgid"], e["msgid_plural"], 1) == e["msgstr[0]"], REBUILD
            assert catalogue.ngettext(e["msgid"], e["msgid_plural"], 2) == e["msgstr[1]"], REBUILD
        else:
            assert catalogue.gettext(e["msgid"]) == e["msgstr"], REBUILD
            assert e["msgstr"] != e["msgid"]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed (apt-get install gettext)")
def test_the_po_passes_msgfmt_check(tmp_path):
    """Header, plural forms, and every {placeholder} / %(name)s of a msgid kept in its msgstr."""
    r = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(PO)], capture_output=True, text=True)
    assert r.returncode == 0 and "warning" not in r.stderr, r.stderr


def test_every_msgid_is_a_message_click_still_has():
    """A click release that renames a message shows it in English again: this says which one."""
    source = "".join(p.read_text(encoding="utf-8") for p in Path(click.__file__).parent.glob("*.py"))
    for e in ENTRIES:
        for msgid in filter(None, (e["msgid"], e.get("msgid_plural"))):
            literal = msgid.replace("\n", "\\n").replace("\t", "\\t")
            assert f'"{literal}"' in source or f"'{literal}'" in source, msgid


def test_click_language_puts_gettext_back_even_when_the_command_exits(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "fr")
    domain = gettext.textdomain()
    with pytest.raises(SystemExit), click_language("ja"):
        assert gettext.gettext("Usage:") == "使い方:"
        assert gettext.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 2).endswith(
            "のいずれでもありません。"
        )
        raise SystemExit(2)
    assert gettext.textdomain() == domain and os.environ["LANGUAGE"] == "fr"
    assert gettext.gettext("Usage:") == "Usage:"
    monkeypatch.delenv("LANGUAGE")
    with click_language("ja"):
        pass
    assert "LANGUAGE" not in os.environ
    with click_language("en"):
        assert gettext.gettext("Usage:") == "Usage:" and gettext.textdomain() == domain


@pytest.mark.parametrize(
    "args, ja, en",
    [
        (
            ["--help"],
            [
                "使い方: disclint [OPTIONS] COMMAND",
                "オプション:",
                "コマンド:",
                "このヘルプを表示して終了",
                "バージョンを表示して終了",
                "[既定値: ja]",
            ],
            [
                "Usage: disclint [OPTIONS] COMMAND",
                "Options:",
                "Commands:",
                "Show this message and exit.",
                "[default: en]",
            ],
        ),
        (
            ["nosuch"],
            ["エラー: 'nosuch' というコマンドはありません。", "'disclint --help' でヘルプを表示できます。"],
            ["Error: No such command 'nosuch'.", "Try 'disclint --help' for help."],
        ),
        (
            ["survey", "run", "a.pdf"],
            ["エラー: オプションがありません '-o' / '--output'."],
            ["Error: Missing option '-o' / '--output'."],
        ),
        (["rule"], ["エラー: 引数がありません 'RULE_ID'."], ["Error: Missing argument 'RULE_ID'."]),
        (["rule", "a", "b"], ["エラー: 余分な引数があります（b）"], ["Error: Got unexpected extra argument (b)"]),
        (
            ["extract", "--nosuch", "x"],
            ["'--nosuch' というオプションはありません。"],
            ["Error: No such option '--nosuch'."],
        ),
        (
            ["extract", "--format"],
            ["オプション '--format' には値が必要です。"],
            ["Option '--format' requires an argument."],
        ),
        (
            ["extract", "--timeout", "-1", "x"],
            ["'--timeout' の値が不正です: -1.0 は範囲 x>=0 の外です。"],
            ["Invalid value for '--timeout': -1.0 is not in the range x>=0."],
        ),
        (["--version"], ["disclint バージョン"], ["disclint, version"]),
    ],
    ids=[
        "help",
        "no-such-command",
        "missing-option",
        "missing-argument",
        "extra-argument",
        "no-such-option",
        "option-needs-value",
        "out-of-range",
        "version",
    ],
)
def test_click_speaks_the_language_of_the_command(run_cli, args, ja, en):
    jr, er = run_cli(*args), run_cli("--lang", "en", *args)
    assert jr.returncode == er.returncode
    for text in ja:
        assert text in jr.stdout + jr.stderr, (text, jr.stdout + jr.stderr)
    for text in en:
        assert text in er.stdout + er.stderr, (text, er.stdout + er.stderr)
    assert "使い方" not in er.stdout + er.stderr and "Usage:" not in jr.stdout + jr.stderr


def test_a_real_process_is_japanese_whatever_the_locale_asks(run_process, tmp_path):
    """disclint's language comes from --lang / DISCLINT_LANG, not from LANGUAGE or LANG."""
    env = {"LANGUAGE": "fr", "LANG": "en_US.UTF-8", "LC_ALL": ""}
    ja = run_process("nosuch", cwd=tmp_path, env=env)
    assert ja.returncode == 2 and "'nosuch' というコマンドはありません。" in ja.stderr, ja.stderr
    en = run_process("nosuch", cwd=tmp_path, env={**env, "DISCLINT_LANG": "en"})
    assert en.returncode == 2 and "No such command 'nosuch'." in en.stderr, en.stderr
    # the version option's help is translated as build_cli creates it: main() must switch first
    assert "バージョンを表示して終了" in run_process("--help", cwd=tmp_path, env=env).stdout
