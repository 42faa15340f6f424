"""Helpers shared by the one-rule checks: sections, the risk section, the cyber section's root."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...text.normalize import normalize
from ..base import PROSE_KINDS, CheckContext

# the heading of 事業等のリスク and its usual variants (the default of ``section_pattern``)
RISK_SECTION = "事業等のリスク|リスク要因|主要なリスク|リスク(について|情報)"


def group_by_section(ctx: CheckContext, idx: Iterable[int]) -> dict[tuple[str, ...], list[int]]:
    """Block indexes by their heading path, in document order."""
    groups: dict[tuple[str, ...], list[int]] = {}
    for i in idx:
        groups.setdefault(ctx.doc.blocks[i].location.section, []).append(i)
    return groups


def risk_blocks(ctx: CheckContext, section: re.Pattern[str]) -> list[int]:
    """The cyber prose blocks under a risk-section heading (every prose block for rule examples)."""
    out = []
    for i, b in ctx.blocks("cyber", PROSE_KINDS):
        if i in ctx.cyber_blocks or ctx.all_in_scope:
            if ctx.all_in_scope or any(section.search(h) for h in b.location.section):
                out.append(i)
    return out


def risk_root(sec: tuple[str, ...], section: re.Pattern[str]) -> tuple[str, ...]:
    """The heading path down to the risk-section heading: every item below it shares this root."""
    for k, h in enumerate(sec):
        if section.search(h):
            return sec[: k + 1]
    return sec


def cyber_root(ctx: CheckContext, sec: tuple[str, ...]) -> tuple[str, ...]:
    """The outermost cyber section on ``sec``'s path: its subsections (基本方針, 体制, 指標 …) are
    parts of one cyber disclosure and are judged together."""
    for k in range(1, len(sec) + 1):
        if sec[:k] in ctx.cyber_sections or ctx.scope.terms.search(normalize(sec[k - 1]).text):
            return sec[:k]
    return sec
