"""One module for Japanese eras and dates (disclint.text.eras): both directions, 元年, and the
checks that read dates from a document (report date, document year)."""

from __future__ import annotations

import re

import pytest
from stub_mapper import StubMapper

from disclint.analysis import Services, context_for
from disclint.checks import load_rules
from disclint.draft.formats import Date, format_date, wareki_year
from disclint.lint import run_rules
from disclint.model.document import Block, BlockKind, Document, Location
from disclint.text.eras import (
    ERAS,
    date_pattern,
    era_year,
    format_era_year,
    match_year,
    western_year,
    year_pattern,
)


@pytest.mark.parametrize(
    "era, n, year",
    [
        ("令和", "元", 2019),
        ("令和", "6", 2024),
        ("平成", "元", 1989),
        ("平成", 31, 2019),
        ("昭和", "64", 1989),
        ("大正", "15", 1926),
    ],
)
def test_era_year_to_western_year(era, n, year):
    assert western_year(era, n) == year


@pytest.mark.parametrize(
    "date, expected",
    [
        ((2019, 5, 1), ("令和", 1)),
        ((2019, 4, 30), ("平成", 31)),
        ((2019, None, None), ("令和", 1)),  # a year alone counts from its end
        ((1989, 1, 7), ("昭和", 64)),
        ((1989, 1, 8), ("平成", 1)),
        ((1920, 6, 1), ("大正", 9)),
        ((1900, 1, 1), None),
    ],
)
def test_western_date_to_era(date, expected):
    assert era_year(*date) == expected


def test_era_year_text_and_the_draft_formats_agree():
    assert format_era_year(2019) == "令和元年"
    assert format_era_year(2024, 3) == "令和6年"
    assert format_era_year(1900) == "1900年"
    assert wareki_year(Date(2019, 4, 30)) == "平成31年"
    assert format_date(Date(2019, 5, 1), "wareki") == "令和元年5月1日"


def test_the_era_table_is_newest_first_with_offsets():
    assert [e.name for e in ERAS] == ["令和", "平成", "昭和", "大正"]
    assert [e.offset for e in ERAS] == [2018, 1988, 1925, 1911]


@pytest.mark.parametrize(
    "text, year",
    [
        ("2024年", 2024),
        ("令和6年", 2024),
        ("令和 元 年", 2019),
        ("平成元年", 1989),
        ("平成31年", 2019),
        ("昭和60年", 1985),
    ],
)
def test_year_pattern_reads_western_and_era_years(text, year):
    m = re.fullmatch(year_pattern(), text)
    assert m is not None and match_year(m) == year


def test_date_pattern_parts_are_required_optional_or_absent():
    full = re.compile(date_pattern())
    assert full.fullmatch("令和元年6月27日") and full.fullmatch("2024 年 6 月 27 日")
    assert not full.fullmatch("2024年6月")
    month_only = re.compile(date_pattern(day=None))
    m = month_only.fullmatch("令和6年6月")
    assert m and match_year(m) == 2024 and m.group("m") == "6" and m.group("d") is None
    assert re.compile(date_pattern(month=False, day=False)).fullmatch("平成元年")
    limited = re.compile(date_pattern(eras=("令和",), western=r"(?:19|20)\d{2}"))
    assert limited.fullmatch("令和元年5月1日") and not limited.fullmatch("平成元年5月1日")
    assert not limited.fullmatch("1850年5月1日")


# --------------------------------------------------------------- what a user sees: the date rules
CYBER = [
    "当社は、情報セキュリティ基本方針を取締役会で決議し、当社及び国内の子会社の全従業員に周知しております。",
    "最高情報セキュリティ責任者（CISO）を任命し、CISOを委員長とする情報セキュリティ委員会を毎月開催しております。",
    "全従業員を対象に、情報セキュリティの基礎と不審なメールへの対処を学ぶ研修を年1回実施しております。",
]
RULES = {r.id: r for r in load_rules()}


def _doc(first: str) -> Document:
    sec = ("情報セキュリティへの取組",)
    blocks = [Block(BlockKind.HEADING, sec[0], Location("x", section=sec), 1)]
    blocks += [Block(BlockKind.PARAGRAPH, p, Location("x", section=sec)) for p in [first, *CYBER]]
    return Document("x", "markdown", blocks, {})


@pytest.mark.parametrize("dated", ["令和元年6月27日", "平成元年4月1日", "2024年6月27日", "2024/6/27"])
def test_a_report_dated_in_any_form_has_a_report_date(dated):
    mapper = StubMapper({i: 0.9 for i in range(1, 5)})
    findings, _, _ = run_rules(_doc(f"{dated} 公表"), [RULES["timeliness.no-report-date"]], mapper=mapper)
    assert findings == []
    findings, _, _ = run_rules(_doc("公表"), [RULES["timeliness.no-report-date"]], mapper=mapper)
    assert len(findings) == 1


@pytest.mark.parametrize("dated, year", [("令和元年6月27日", 2019), ("平成30年6月", 2018), ("2023年6月", 2023)])
def test_the_document_year_is_read_from_western_and_era_dates(dated, year):
    ctx = context_for(_doc(f"{dated}現在"), Services(StubMapper({i: 0.9 for i in range(1, 5)})))
    assert ctx.doc_year == year
