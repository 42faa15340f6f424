"""The directives, principles and status labels are defined once: the guideline's data in
rules/directives, read by disclint.guideline, named by disclint.i18n."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclint.guideline import directive_ids, load_guideline, principle_keys
from disclint.i18n import directive_title, principle_title, status_label

PACKAGE = Path(__file__).resolve().parent.parent / "disclint"


def test_the_directives_and_principles_come_from_the_data():
    assert directive_ids() == tuple(range(1, 11))
    assert principle_keys() == ("leadership", "supply_chain", "communication")
    g = load_guideline()
    assert g.principles["leadership"].directives == (1, 2, 3)
    assert g.directives[9].principles == ("supply_chain",)
    assert g.directives[1].short == "対応方針" and g.directives[6].short_name("en") == "PDCA"


def test_titles_in_both_languages():
    assert directive_title(10, "ja") == "サイバーセキュリティに関する情報の収集、共有及び開示の促進"
    assert directive_title("10", "en") == "Promote collecting, sharing and disclosing cybersecurity information"
    assert principle_title("supply_chain", "ja") == "サプライチェーン全体への目配り"
    assert principle_title("supply_chain", "en") == "The whole supply chain"


@pytest.mark.parametrize(
    "status, ja, en, ja_mark",
    [
        ("covered", "記載あり", "covered", "● 記載あり"),
        ("weak", "記載が弱い", "weak", "▲ 記載が弱い"),
        ("missing", "記載なし", "missing", "× 記載なし"),
    ],
)
def test_status_labels(status, ja, en, ja_mark):
    assert status_label(status, "ja", mark=False) == ja
    assert status_label(status, "en", mark=False) == en
    assert status_label(status, "ja") == ja_mark


def test_a_directory_with_a_gap_in_the_numbers_is_refused(tmp_path):
    for d in (1, 2, 4):
        (tmp_path / f"d{d:02d}.yml").write_text(f"id: {d}\ntitle: t{d}\n", encoding="utf-8")
    (tmp_path / "principles.yml").write_text("principles: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="1..n"):
        load_guideline(str(tmp_path))


def test_no_module_writes_the_ten_directives_or_the_status_words_itself():
    found = []
    for p in sorted(PACKAGE.rglob("*.py")):
        rel = p.relative_to(PACKAGE).as_posix()
        if rel in ("i18n.py", "guideline.py"):
            continue
        text = p.read_text(encoding="utf-8")
        for pattern in (r"range\(1,\s*11\)", r'"記載が弱い"', r'"leadership",\s*"supply_chain"'):
            if re.search(pattern, text):
                found.append(f"{rel}: {pattern}")
    assert found == []
