"""Every message in both languages, every key the code names defined, and the helpers that
replaced the modules' own bilingual tables and 'ja if lang == "ja" else en' branches."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclint.i18n import (
    MESSAGES,
    directive_label,
    join_list,
    level_label,
    lookup,
    paren,
    quality_label,
    t,
    texts,
)

PACKAGE = Path(__file__).resolve().parent.parent / "disclint"


def test_every_message_has_japanese_and_english():
    bad = [k for k, v in MESSAGES.items() if set(v) != {"ja", "en"} or not v["ja"] or not v["en"]]
    assert bad == []


def test_every_key_the_code_names_is_defined():
    """Keys written out in full in t("…"), texts("…") and lookup("…") calls."""
    named = set()
    prefixes = set()
    for p in PACKAGE.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        named |= set(re.findall(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']\s*[,)]""", text))
        prefixes |= set(re.findall(r"""\btexts\(\s*["']([a-z_.]+)["']""", text))
    assert named - set(MESSAGES) == set()
    assert len(named) > 100  # the scan finds the calls (keys given to errors are not t() calls)
    assert {p for p in prefixes if not any(k.startswith(p + ".") for k in MESSAGES)} == set()


def test_help_texts_by_prefix_are_the_raw_templates():
    h = texts("help.cli", "en")
    assert h["lint"] == "Check disclosure documents and report findings."
    assert '{"id", "text"}' in h["map"]  # not formatted
    assert set(texts("help.survey", "ja")) >= {"survey", "run", "report", "workers"}
    assert "help.cli.lint" in MESSAGES and "survey" not in h


@pytest.mark.parametrize(
    "lang, aside, items, label, label3",
    [("ja", "（2024年）", "A、B", "指示7", "指示7  "), ("en", " (2024年)", "A, B", "D7", "D7  ")],
)
def test_small_helpers(lang, aside, items, label, label3):
    assert paren("2024年", lang) == aside
    assert join_list(["A", "B"], lang) == items
    assert directive_label(7, lang) == label
    assert directive_label("7", lang, 3) == label3


def test_item_separator_keeps_commas_apart_in_english():
    assert join_list(["1-1 a, b", "1-2 c"], "en", sep="text.item_sep") == "1-1 a, b; 1-2 c"
    assert join_list(["x", "y"], "ja", sep="text.item_sep") == "x、y"


def test_labels_of_levels_qualities_and_unknown_values():
    assert level_label("warning", "ja") == "警告" and level_label("warning", "en") == "warning"
    assert quality_label("truthfulness", "ja") == "表現真正性"
    assert quality_label("truthfulness", "en") == "faithful representation"
    assert quality_label("made-up", "ja") == "made-up"
    assert lookup("location.part.footnote", "ja", "footnote") == "脚注"
    assert lookup("location.part.comment", "ja", "comment") == "comment"


def test_a_message_with_a_format_spec():
    assert t("peers.share", "ja", covered=0.5, weak=0.25) == "同業他社 50% 記載あり / 25% 弱い"
    assert t("peers.share", "en", covered=0.5, weak=0.25) == "peers 50% covered / 25% weak"
