"""The measures as templates see them (``ms.<name>``): yes / no / unknown / planned, and what a
draft writes for a measure that is not in place (a question, a dated plan, or a measure being put
in place); the section that states each measure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .formats import format_date
from .profile import MEASURES, Measure, Node, Profile

if TYPE_CHECKING:
    from .assessed import AssessedStates


QUESTION = "【要確認: {ask}】"


class MeasureView:
    """What a template knows about one measure: ``yes`` / ``no`` / ``unknown`` / ``planned`` (a
    self-assessment at level 2) and what to write instead of the sentence (``otherwise``: the
    question 【要確認: …】 for an unknown central measure, the planned-measure sentence for a *no*
    with a date in ``plans`` or a *planned* one, else nothing)."""

    def __init__(self, measure: Measure, state: str, plan_sentence: str) -> None:
        self.name = measure.name
        self.state = state
        self.central = measure.central
        self.yes = state == "yes"
        self.planned = state == "planned"
        self.no = state in ("no", "planned")  # not in place
        self.unknown = state == "unknown"
        self.ask = QUESTION.format(ask=measure.ask) if self.unknown and measure.central else ""
        self.plan = plan_sentence if self.no else ""
        self.otherwise = self.ask or self.plan

    def __bool__(self) -> bool:
        return self.yes

    def __str__(self) -> str:
        return self.otherwise


#: a measure a self-assessment puts at level 2 (defined, not yet operated organisation-wide)
PLANNED = "{co}は、{noun}に向けて整備を進めている。"


def measure_views(profile: Profile, co: str, assessed: AssessedStates | None = None) -> Node:
    """The measures as templates see them; with a self-assessment, its states replace the profile's."""
    states = assessed.resolve(profile) if assessed else {}
    views = {}
    for m in MEASURES:
        state = states.get(m.name) or profile.state(m.name)
        held_back = assessed is not None and assessed.measures[m.name].state == "no"  # level 0-1: not even a plan
        by = profile.plan(m.name) if state in ("no", "planned") and not held_back else None
        if by is not None:
            sentence = f"{co}は、{format_date(by, profile.calendar)}までに{m.noun}を行う予定である。"
        elif state == "planned":
            sentence = (assessed.planned_sentences.get(m.name) if assessed else None) or PLANNED
            sentence = sentence.format(co=co, noun=m.noun)
        else:
            sentence = ""
        views[m.name] = MeasureView(m, state, sentence)
    return Node("ms", views)


def unsaid_plans(views: Node, directive: int, text: str, co: str) -> str:
    """The planned-measure sentences of the secondary measures of ``directive`` (a template writes
    ``ms.X.otherwise`` for its central measures only, and may leave a central one out on purpose):
    the dated plans, then one sentence, or a lead and a list, for those being put in place."""
    sentences, nouns = [], []
    for m in MEASURES:
        v = getattr(views, m.name)
        if m.central or measure_directive(m) != directive or not v.plan or v.plan in text:
            continue
        if v.plan == PLANNED.format(co=co, noun=m.noun):
            nouns.append(m.noun)
        else:
            sentences.append(v.plan)
    parts = ["".join(sentences)] if sentences else []
    if len(nouns) == 1:
        parts.append(PLANNED.format(co=co, noun=nouns[0]))
    elif nouns:
        parts.append(f"{co}は、次の取組に向けて整備を進めている。\n\n" + "\n".join(f"- {n}" for n in nouns))
    return "\n\n".join(parts)


_SECTION_DIRECTIVE = {
    "policy": 1,
    "governance": 2,
    "resources": 3,
    "risk_assessment": 4,
    "protections": 5,
    "pdca": 6,
    "incident_response": 7,
    "bcp": 8,
    "supply_chain": 9,
    "information_sharing": 10,
}
_DIRECTIVE_OF_MEASURE = {"isms": 6, "nca_member": 10}


def measure_directive(m: Measure) -> int:
    """The directive whose section states the measure."""
    return _DIRECTIVE_OF_MEASURE.get(m.name) or _SECTION_DIRECTIVE[m.keys[0].split(".")[0]]
