"""Japanese formatting of facts: numbers (1,234件, 12.5%), dates (西暦/和暦), lists, placeholders.

These are the shared helpers templates call (as filters and globals, see render.py):
``{{ p.resources.phishing_drills|num("回") }}``, ``{{ p.resources.training_completion_pct|pct }}``,
``{{ p.policy.established|date }}``, ``{{ p.information_sharing.isac|join }}``, ``{{ ph("…") }}``.
A missing fact always renders as its placeholder (``【要記入: 標的型メール訓練の実施回数】``).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from ..text.eras import format_era_year

PLACEHOLDER = "【要記入: {label}】"


@dataclass(frozen=True)
class Date:
    """A date as precise as the profile gives it (year, year-month or full date)."""

    year: int
    month: int | None = None
    day: int | None = None

    def as_date(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)


def placeholder(label: str) -> str:
    return PLACEHOLDER.format(label=label)


def wareki_year(d: Date) -> str:
    """令和6年; a year alone counts from its end (2019年 -> 令和元年)."""
    return format_era_year(d.year, d.month, d.day)


def format_number(value: float | int) -> str:
    """1234 -> 1,234; 12.5 -> 12.5; 12.0 -> 12; 0.25 -> 0.25."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


def format_date(d: Date, calendar: str = "seireki") -> str:
    year = wareki_year(d) if calendar == "wareki" else f"{d.year}年"
    out = year
    if d.month:
        out += f"{d.month}月"
        if d.day:
            out += f"{d.day}日"
    return out


def fiscal_label(start: Date | None, end: Date | None, calendar: str = "seireki") -> str | None:
    """2024-04-01..2025-03-31 -> 2024年度 (令和6年度); a December year end -> 2024年12月期."""
    if start is None and end is None:
        return None
    if end is not None and end.month and end.month != 3:
        y = wareki_year(Date(end.year, end.month, end.day)) if calendar == "wareki" else f"{end.year}年"
        return f"{y}{end.month}月期"
    base = start or Date(end.year - 1, 4, 1)  # type: ignore[union-attr]
    y = wareki_year(Date(base.year)) if calendar == "wareki" else f"{base.year}年"
    return y.replace("年", "年度")


def join_ja(items: list[str], last: str = "及び") -> str:
    """[A] -> A; [A, B] -> A及びB; [A, B, C] -> A、B及びC."""
    items = [str(x) for x in items]
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + last + items[-1]


def _is_fact(value: Any) -> bool:
    """A profile fact (:class:`disclint.draft.profile.Fact`), recognised by its shape so that this
    module does not import the profile (which imports this one)."""
    return hasattr(value, "known") and hasattr(value, "value") and hasattr(value, "path")


def format_fact(fact: Any) -> str:
    if fact.no and fact.kind != "bool":
        return f"【要確認: {fact.label}】"  # a "no" is never printed as a fact (「なしをCISOに…」)
    if not fact.known:
        return placeholder(fact.label)
    v = fact.value
    if fact.kind == "date":
        return format_date(v, fact.calendar)
    if fact.kind in ("int", "number"):
        return format_number(v)
    if fact.kind == "list":
        return join_ja(v)
    if fact.kind == "bool":
        return ""  # a yes/no fact is never printed, only tested
    return str(v)


# ----------------------------------------------------------------------------- filters
def f_num(fact: Any, unit: str = "") -> str:
    """A count with its unit: ``num(4, "回")`` -> 4回; missing -> placeholder."""
    if _is_fact(fact):
        if not fact.known:
            return placeholder(fact.label)
        return format_number(fact.value) + unit
    return format_number(fact) + unit


def f_pct(fact: Any) -> str:
    return f_num(fact, "%")


def f_date(fact: Any, calendar: str | None = None) -> str:
    if _is_fact(fact):
        if not fact.known:
            return placeholder(fact.label)
        return format_date(fact.value, calendar or fact.calendar)
    return str(fact)


def f_join(fact: Any, last: str = "及び") -> str:
    if _is_fact(fact):
        if not fact.known:
            return placeholder(fact.label)
        return join_ja(list(fact.value), last)
    return join_ja(list(fact), last)


def f_adv(fact: Any) -> str:
    """A frequency used as an adverb: 「四半期ごと」 -> 「四半期ごとに」, 「毎月」 stays."""
    text = str(fact)
    if _is_fact(fact) and not fact.known:
        return text
    return text + "に" if text.endswith(("ごと", "毎")) else text


def f_quote(fact: Any) -> str:
    """A name in 「」 (a placeholder stays bare)."""
    if _is_fact(fact) and not fact.known:
        return placeholder(fact.label)
    return f"「{fact}」"
