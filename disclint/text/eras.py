"""Japanese eras (元号) and dates written with them: one table, both directions, one regex builder.

``western_year("令和", "元")`` -> 2019; ``era_year(2019, 5, 1)`` -> ``("令和", 1)``;
``format_era_year(2019)`` -> 「令和元年」; :func:`year_pattern` and :func:`date_pattern` build the
regular expressions the readers and checks search with (named groups ``y``, ``era``, ``n``, ``m``,
``d``), and :func:`match_year` turns a match into a western year.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Era:
    name: str
    start: _dt.date  # the first day of year 1 (元年)

    @property
    def offset(self) -> int:
        """Add an era year to get the western year (令和: 2018)."""
        return self.start.year - 1


#: newest first
ERAS: tuple[Era, ...] = (
    Era("令和", _dt.date(2019, 5, 1)),
    Era("平成", _dt.date(1989, 1, 8)),
    Era("昭和", _dt.date(1926, 12, 25)),
    Era("大正", _dt.date(1912, 7, 30)),
)
ERA_NAMES: tuple[str, ...] = tuple(e.name for e in ERAS)
_BY_NAME = {e.name: e for e in ERAS}
GANNEN = "元"  # the first year of an era (令和元年)


def era_number(text: str | int) -> int:
    """「元」 -> 1, 「6」 -> 6."""
    return 1 if text == GANNEN else int(text)


def western_year(era: str, n: str | int) -> int:
    """令和6 -> 2024, 平成元 -> 1989. ``KeyError`` for an unknown era."""
    return _BY_NAME[era].offset + era_number(n)


def era_year(year: int, month: int | None = None, day: int | None = None) -> tuple[str, int] | None:
    """The era and its year for a western date, or None before the oldest era in the table.
    A year or month alone counts from its end (2019 -> 令和元年, 2019-04 -> 平成31年)."""
    key = (year, month or 12, day or 31)
    for era in ERAS:
        if key >= (era.start.year, era.start.month, era.start.day):
            return era.name, year - era.offset
    return None


def format_era_year(year: int, month: int | None = None, day: int | None = None) -> str:
    """「令和6年」, 「令和元年」; a year before the oldest era stays western (「1900年」)."""
    found = era_year(year, month, day)
    if found is None:
        return f"{year}年"
    name, n = found
    return f"{name}{GANNEN if n == 1 else n}年"


def era_alternation(eras: tuple[str, ...] = ERA_NAMES) -> str:
    return "|".join(re.escape(e) for e in eras)


def year_pattern(*, western: str = r"\d{4}", eras: tuple[str, ...] = ERA_NAMES) -> str:
    """A year written 「2024年」, 「令和6年」 or 「令和元年」 (spaces allowed before 年): groups ``y``
    (western digits) or ``era`` and ``n`` (digits or 元)."""
    return rf"(?:(?P<y>{western})|(?P<era>{era_alternation(eras)})\s*(?P<n>\d{{1,2}}|{GANNEN}))\s*年"


def date_pattern(
    *, month: bool | None = True, day: bool | None = True, western: str = r"\d{4}", eras: tuple[str, ...] = ERA_NAMES
) -> str:
    """A year (see :func:`year_pattern`) followed by 「6月」 (group ``m``) and 「27日」 (group ``d``):
    True = required, None = optional (each on its own), False = absent."""
    out = year_pattern(western=western, eras=eras)
    for flag, group, unit in ((month, "m", "月"), (day, "d", "日")):
        part = rf"\s*(?P<{group}>\d{{1,2}})\s*{unit}"
        if flag:
            out += part
        elif flag is None:
            out += f"(?:{part})?"
    return out


def match_year(m: re.Match[str]) -> int | None:
    """The western year of a match of :func:`year_pattern` / :func:`date_pattern`."""
    if m.group("y"):
        return int(m.group("y"))
    if m.group("era"):
        return western_year(m.group("era"), m.group("n"))
    return None
