"""Measure states from a self-assessment: ``disclint draft --assessment FORM``.

The self-assessment (``disclint assess``) and the draft share one source of truth: the level of
one questionnaire item decides each measure of the draft (``rules/assessment/draft-measures.yml``):

- level 3-4: ``yes``, the measure is drafted as in place (operating);
- level 2: ``planned``, drafted as being put in place (「…に向けて整備を進めている」, or the
  profile's dated plan when it gives one);
- level 0-1: ``no``, never drafted and never asked about.

That holds for the central measures, which are what their item asks about. A secondary measure
(an add-on such as ISO 27001 certification or a cyber insurance, which an item at most names as
an example) is stated only as the profile declares it: the assessment can hold it back (level 2:
being put in place, 0-1: not drafted) but never claims it on its own.

A directive whose four items are all at level 1 or below gets no section at all (``silent``).
The profile still gives the facts (names, dates, counts); where the profile and the assessment
disagree about a measure, the assessment wins and :func:`conflicts` names each disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..assess.answers import Assessment
from ..assess.questionnaire import load_questionnaire
from ..guideline import directive_ids
from ..i18n import t
from ..model.errors import ConfigError
from ..resources import data_dir, load_yaml
from .measures import measure_directive
from .profile import Profile
from .schema import MEASURE_BY_NAME, MEASURES

OPERATING_AT = 3  # this level or above: the measure is in place
PLANNED_AT = 2  # this level: being put in place; below it: not drafted


@dataclass(frozen=True)
class Mapping:
    items: dict[str, str]  # measure name -> questionnaire item id
    planned: dict[str, str]  # measure name -> its own level-2 sentence ({co})
    recognition: str  # the item behind 「…を経営上の重要なリスクの一つと認識している」


@dataclass(frozen=True)
class AssessedMeasure:
    name: str
    item: str
    level: int
    state: str  # yes / planned / no


@dataclass(frozen=True)
class AssessedStates:
    """What the assessment says about every measure of the draft."""

    path: str
    measures: dict[str, AssessedMeasure]
    silent: tuple[int, ...]  # directives whose four items are all at level 1 or below
    risk_recognised: bool
    planned_sentences: dict[str, str]

    def resolve(self, profile: Profile) -> dict[str, str]:
        """The state of every measure in the draft: the assessment's for a central measure; for a
        secondary one the profile's, held back to *planned* or *no* by a lower level."""
        out = {}
        for m in MEASURES:
            a = self.measures[m.name].state
            if m.central or a == "no":
                out[m.name] = a
                continue
            p = profile.state(m.name)
            if a == "planned" and (p == "yes" or profile.plan(m.name) is not None):
                p = "planned"
            out[m.name] = p
        return out

    def count(self, profile: Profile, directives: list[int]) -> dict[str, int]:
        """How many measures of the sections of ``directives`` are drafted as in place, as being
        put in place, and not at all."""
        states = [
            s for name, s in self.resolve(profile).items() if measure_directive(MEASURE_BY_NAME[name]) in directives
        ]
        yes, planned = states.count("yes"), states.count("planned")
        return {"yes": yes, "planned": planned, "no": len(states) - yes - planned}


def state_for(level: int) -> str:
    return "yes" if level >= OPERATING_AT else "planned" if level >= PLANNED_AT else "no"


def parse_mapping(data: Any, path: str) -> Mapping:
    """Check the mapping: every measure mapped once, to an item of the questionnaire."""

    def bad(reason: str) -> ConfigError:
        return ConfigError("config.rule_invalid", path=path, reason=reason)

    if not isinstance(data, dict) or not isinstance(data.get("measures"), dict):
        raise bad("needs a mapping 'measures'")
    known = load_questionnaire().by_id()
    items: dict[str, str] = {}
    planned: dict[str, str] = {}
    for name, entry in data["measures"].items():
        if name not in MEASURE_BY_NAME:
            raise bad(f"unknown measure {name!r}")
        if isinstance(entry, dict):
            item, sentence = entry.get("item"), entry.get("planned")
            if sentence is not None:
                if not isinstance(sentence, str) or "{co}" not in sentence or not sentence.endswith("。"):
                    raise bad(f"{name}: 'planned' needs one sentence with {{co}}")
                planned[name] = sentence
        else:
            item = entry
        if str(item) not in known:
            raise bad(f"{name}: unknown item {item!r}")
        items[name] = str(item)
    missing = [m.name for m in MEASURES if m.name not in items]
    if missing:
        raise bad(f"measures not mapped: {', '.join(missing)}")
    recognition = str(data.get("recognition", ""))
    if recognition not in known:
        raise bad(f"recognition: unknown item {recognition!r}")
    return Mapping(items, planned, recognition)


@lru_cache(maxsize=1)
def load_mapping() -> Mapping:
    path = data_dir("rules") / "assessment" / "draft-measures.yml"
    return parse_mapping(load_yaml(path.read_text(encoding="utf-8")), str(path))


def assessed_states(assessment: Assessment, mapping: Mapping | None = None) -> AssessedStates:
    mapping = mapping or load_mapping()
    q = load_questionnaire()
    levels = assessment.levels
    measures = {
        name: AssessedMeasure(name, item, levels[item], state_for(levels[item])) for name, item in mapping.items.items()
    }
    silent = tuple(d for d in directive_ids() if all(levels[i.id] < PLANNED_AT for i in q.of(d)))
    return AssessedStates(
        assessment.path, measures, silent, levels[mapping.recognition] >= PLANNED_AT, dict(mapping.planned)
    )


@dataclass(frozen=True)
class Conflict:
    measure: str
    profile: str  # yes / no / plan (no, with a date in ``plans``)
    assessed: AssessedMeasure


def conflicts(profile: Profile, assessed: AssessedStates, directives: list[int] | None = None) -> list[Conflict]:
    """Measures the profile and the assessment disagree on (the assessment wins).

    A disagreement: the profile says *yes* and the assessment is below 3; the profile plans it
    for a date and the assessment is 1 or below; for a central measure, the profile says *no*
    (or plans it) and the assessment is 3 or more (a secondary measure keeps the profile's *no*).
    A measure the profile leaves unknown never disagrees, nor does a *no* beside a level 2 (not
    in place, being put in place). ``directives``: only the measures drafted in these sections."""
    out = []
    for m in MEASURES:
        if directives is not None and measure_directive(m) not in directives:
            continue
        a = assessed.measures[m.name]
        state = profile.state(m.name)
        dated = profile.plan(m.name) is not None
        said = "plan" if state == "no" and dated else state
        if (
            (said == "yes" and a.state != "yes")
            or (said in ("no", "plan") and a.state == "yes" and m.central)
            or (said == "plan" and a.state == "no")
        ):
            out.append(Conflict(m.name, said, a))
    return out


def conflict_params(c: Conflict, lang: str) -> dict[str, Any]:
    m = MEASURE_BY_NAME[c.measure]
    return {
        "measure": m.noun if lang == "ja" else m.name,
        "profile": t(f"draft.state.{c.profile}", lang),
        "item": c.assessed.item,
        "level": c.assessed.level,
        "assessed": t(f"draft.state.{c.assessed.state}", lang),
    }
