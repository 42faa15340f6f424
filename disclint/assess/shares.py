"""``assess report --survey RUN``: beside the maturity, the share of companies of the same industry
that disclose each directive, from a survey store.

The shares are those of ``disclint lint --peers`` and ``survey report`` (:func:`disclint.survey.peers.load_peers`:
each company at its latest fiscal year, company-years without cybersecurity text left out, a
directive counted when its coverage is *covered*). The industry is the form's optional industry
field; a form without one is compared with all companies, and the report says so.

This is what companies *say*, not a maturity: it is shown in its own columns labelled as a share
of companies (0-100 %), never on the maturity radar or its 0-4 scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..guideline import directive_ids
from ..i18n import paren, t
from ..model.errors import DisclintError
from .answers import Assessment


class Share(float):
    """A share of companies (0-1): formatted as a percentage, never coloured as a level."""


@dataclass(frozen=True)
class Scope:
    industry: str | None  # None: all companies (no industry on the form)
    n: int
    covered: dict[int, float]  # directive -> share of the n companies that cover it

    def label(self, lang: str) -> str:
        name = self.industry or t("text.all_industries", lang)
        return f"{name}{paren(f'n={self.n}', lang)}"

    def share(self, d: int) -> Share | None:
        return Share(self.covered[d]) if self.n else None


@dataclass(frozen=True)
class Shares:
    run: str
    scopes: list[Scope]  # one per industry named by the forms (None: all companies), in form order

    def scope_of(self, a: Assessment) -> Scope:
        return next(s for s in self.scopes if s.industry == (a.industry or None))


def load_shares(run_dir: str, assessments: list[Assessment], lang: str) -> Shares:
    """The shares for every industry the forms name; a missing or unreadable store, a store
    without documents or an industry it does not hold is a :class:`DisclintError` (one line)."""
    from ..survey.peers import load_peers

    scopes: list[Scope] = []
    for industry in dict.fromkeys(a.industry or None for a in assessments):
        try:
            peers = load_peers(run_dir, industry, lang)
        except DisclintError as exc:
            if exc.code == "survey.report_no_such_industry":
                raise DisclintError(
                    "assess.shares.no_such_industry", run=run_dir, value=industry, values=exc.params.get("values", "")
                ) from None
            raise
        covered = {d: float(peers["directives"][str(d)]["covered"]) for d in directive_ids()}
        scopes.append(Scope(industry, int(peers["n"]), covered))
    return Shares(run_dir, scopes)


def header(scope: Scope, lang: str) -> str:
    return f"{t('assess.shares.column', lang)}: {scope.label(lang)}"


def columns(shares: Shares, lang: str) -> tuple[list[str], dict[int, list[Share | None]]]:
    """The columns added to the table by directive: a header per scope and the values per directive."""
    return [header(s, lang) for s in shares.scopes], {d: [s.share(d) for s in shares.scopes] for d in directive_ids()}


def notes(shares: Shares, assessments: list[Assessment], lang: str) -> list[str]:
    """What the shares are, and which forms are compared with all companies (no industry given)."""
    out = [t("assess.shares.method", lang, run=shares.run)]
    for a in assessments:
        if not a.industry:
            out.append(t("assess.shares.no_industry", lang, form=Path(a.path).name, n=shares.scope_of(a).n))
    return out


def payload(shares: Shares, assessments: list[Assessment]) -> dict[str, Any]:
    return {
        "what": "share of companies disclosing each directive (covered), not a maturity",
        "run": shares.run,
        "scopes": [
            {"industry": s.industry, "n": s.n, "covered": {str(d): round(s.covered[d], 3) for d in directive_ids()}}
            for s in shares.scopes
        ],
        "forms": {a.path: a.industry or None for a in assessments},
    }
