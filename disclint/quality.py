"""The five qualities of the MIC disclosure guide and the one score disclint gives each.

Used by the lint rules (each rule serves one quality), the HTML report and the survey, so a
document gets the same scores everywhere.

Score per quality, 0-100::

    100 - 10 * (sum of weights of findings on passages / (characters / 1000))
        - 5 * (sum of weights of findings about the whole document)       floored at 0

with weights error 5, warning 2, info 1 and ``characters`` at least 1,000. A quality without
findings scores 100. It rewards fewer and milder findings per amount of text, so long and
short reports compare fairly; it is a picture, not a measurement.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

QUALITIES = ("relevance", "truthfulness", "comparability", "understandability", "timeliness")
# their names are messages: disclint.i18n.quality_label
WEIGHTS = {"error": 5, "warning": 2, "info": 1}
PASSAGE_POINTS = 10.0  # per weight unit per 1,000 characters
DOCUMENT_POINTS = 5.0  # per weight unit of a document-level finding


def _fields(f: Any) -> tuple[str | None, str, bool]:
    """(quality, level, about the whole document) of a Finding or of its dict form."""
    if isinstance(f, dict):
        return f.get("quality"), str(f.get("level")), f.get("block_index") is None
    level = f.level.value if hasattr(f.level, "value") else str(f.level)
    return f.quality, level, f.block_index is None


def quality_scores(findings: Iterable[Any], characters: int) -> dict[str, int]:
    """One 0-100 score per quality (see the module docstring)."""
    per_k = max(characters, 1000) / 1000.0
    passage = {q: 0.0 for q in QUALITIES}
    whole = {q: 0.0 for q in QUALITIES}
    for f in findings:
        quality, level, whole_doc = _fields(f)
        if quality not in passage:
            continue
        (whole if whole_doc else passage)[quality] += WEIGHTS.get(level, 1)
    return {
        q: max(0, int(round(100 - PASSAGE_POINTS * passage[q] / per_k - DOCUMENT_POINTS * whole[q]))) for q in QUALITIES
    }


# Rules that judge the text as a whole and report once (per term at its first use, per section
# or per document) although they point at a passage: their findings do not grow with the text,
# so the survey's per-unit score counts them like findings about the whole document.
WHOLE_TEXT_RULES = frozenset(
    {
        "understandability.unexplained-acronym",  # once per term, at its first use
        "comparability.no-quantitative-facts",  # once per cybersecurity section
        "relevance.top-threats",  # once per risk section
        "truthfulness.no-residual-risk",  # once per document
    }
)


def cyber_text_scores(findings: Iterable[Any], in_scope: Any, cyber_chars: int) -> dict[str, float] | None:
    """Scores per unit of cybersecurity text (the survey's scores; ``docs/survey.md``).

    Only findings on in-scope blocks (``in_scope(block_index)`` true) and findings about the
    whole document count; the passage findings are divided by the characters of the in-scope
    text, without the 1,000-character floor of :func:`quality_scores`, so the same text
    repeated k times (k times the findings, k times the characters) gets the same score:
    length alone is neither punished nor rewarded. Findings of :data:`WHOLE_TEXT_RULES` (one per
    term, section or document however long the text) count like whole-document findings. ``None`` when there is no cybersecurity
    text (nothing to score: a document that says nothing must not score 100).
    """
    if cyber_chars <= 0:
        return None
    per_k = cyber_chars / 1000.0
    passage = {q: 0.0 for q in QUALITIES}
    whole = {q: 0.0 for q in QUALITIES}
    for f in findings:
        quality, level, whole_doc = _fields(f)
        if quality not in passage:
            continue
        rule = f.get("rule") if isinstance(f, dict) else getattr(f, "rule", None)
        if not whole_doc:
            block = f.get("block_index") if isinstance(f, dict) else f.block_index
            if not in_scope(block):
                continue
        (whole if whole_doc or rule in WHOLE_TEXT_RULES else passage)[quality] += WEIGHTS.get(level, 1)
    return {
        q: round(max(0.0, 100 - PASSAGE_POINTS * passage[q] / per_k - DOCUMENT_POINTS * whole[q]), 1) for q in QUALITIES
    }
