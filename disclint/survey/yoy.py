"""Year-over-year changes of every directive, per company, between consecutive observed fiscal years."""

from __future__ import annotations

from dataclasses import dataclass

from .data import DIRECTIVES, CompanyYear, Data


@dataclass
class YoYChange:
    company: CompanyYear  # the later company-year
    before: CompanyYear
    directive: str
    change: str  # added / dropped / unchanged / changed
    unchanged_for: int  # years the later status has held (0: new this year)


def yoy_changes(data: Data) -> list[list[YoYChange]]:
    """Per company, per pair of consecutive observed fiscal years, the change of every directive.

    ``added``: not covered before, covered after; ``dropped``: covered before, not after;
    ``unchanged``: the same status; ``changed``: another change (e.g. missing -> weak).
    ``unchanged_for``: the later year minus the first year of the unbroken run of observations
    with that same status (a status held 2022, 2023, 2024 is unchanged for 2 years in 2024)."""
    by_company: dict[str, list[CompanyYear]] = {}
    for c in data.counted(data.company_years):
        if c.fiscal_year is not None:
            by_company.setdefault(c.company_id, []).append(c)
    out: list[list[YoYChange]] = []
    for cys in by_company.values():
        cys.sort(key=lambda c: c.fiscal_year or 0)
        since = {d: cys[0].fiscal_year for d in DIRECTIVES}
        for before, after in zip(cys, cys[1:], strict=False):
            pair = []
            for d in DIRECTIVES:
                a, b = before.directives[d], after.directives[d]
                if a == b:
                    change = "unchanged"
                else:
                    since[d] = after.fiscal_year
                    change = "added" if b == "covered" else "dropped" if a == "covered" else "changed"
                pair.append(YoYChange(after, before, d, change, (after.fiscal_year or 0) - (since[d] or 0)))
            out.append(pair)
    return out


def latest_pairs(pairs: list[list[YoYChange]], year: int | None) -> dict[str, list[YoYChange]]:
    """Each company's latest pair of years (ending in ``year`` when given)."""
    best: dict[str, list[YoYChange]] = {}
    for pair in pairs:
        c = pair[0].company
        if year is not None and c.fiscal_year != year:
            continue
        cur = best.get(c.company_id)
        if cur is None or (c.fiscal_year or 0) > (cur[0].company.fiscal_year or 0):
            best[c.company_id] = pair
    return best


def yoy_shares(pairs: dict[str, list[YoYChange]]) -> tuple[int, dict[str, float], dict[str, float]]:
    """(n companies, share that added each directive, share that dropped it)."""
    n = len(pairs)
    added = {d: sum(1 for p in pairs.values() if p[int(d) - 1].change == "added") / n if n else 0.0 for d in DIRECTIVES}
    dropped = {
        d: sum(1 for p in pairs.values() if p[int(d) - 1].change == "dropped") / n if n else 0.0 for d in DIRECTIVES
    }
    return n, added, dropped


def _by_industry_pairs(pairs: dict[str, list[YoYChange]]) -> dict[str, dict[str, list[YoYChange]]]:
    out: dict[str, dict[str, list[YoYChange]]] = {}
    for cid, p in pairs.items():
        out.setdefault(p[0].company.industry, {})[cid] = p
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))
