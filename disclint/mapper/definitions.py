"""Directive definitions loaded from ``rules/directives/*.yml`` (data, not code).

Each directive file gives weighted *concepts* (groups of synonymous terms), optional
spaCy Matcher token patterns, negative cues and examples. Terms are normalised with the
same selective NFKC as the text, so ``ＣＳＩＲＴ`` in a document matches ``CSIRT`` here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..guideline import load_guideline
from ..resources import data_dir, load_yaml
from ..text.normalize import normalize


def _term_regex(terms: list[str]) -> re.Pattern[str]:
    parts = []
    for term in sorted({normalize(str(t)).text for t in terms}, key=len, reverse=True):
        esc = re.escape(term)
        # ASCII terms must not match inside longer ASCII words (SOC in SOCIAL)
        if term[:1].isascii() and term[:1].isalnum():
            esc = r"(?<![A-Za-z0-9])" + esc
        if term[-1:].isascii() and term[-1:].isalnum():
            esc = esc + r"(?![A-Za-z])"
        parts.append(esc)
    return re.compile("|".join(parts)) if parts else re.compile(r"(?!x)x")


def _alternation(terms: list[str]) -> str:
    return "|".join(re.escape(t) for t in sorted({normalize(str(t)).text for t in terms}, key=len, reverse=True))


def _frame_regex(
    objects: list[str], predicates: list[str], gap: int, clause: bool = False, stop: str = ""
) -> re.Pattern[str]:
    """An object followed by a predicate within one sentence (one clause: no comma between them
    when ``clause``; none of the characters of ``stop`` either), at most ``gap`` characters apart."""
    stop = "。！？!?\\n" + ("、，," if clause else "") + re.escape(stop)
    return re.compile(f"(?:{_alternation(objects)})[^{stop}]{{0,{gap}}}?(?:{_alternation(predicates)})")


#: prefix of the concept names made from ``functions.yml`` frames (features ``f:``, not ``c:``)
FRAME_PREFIX = "f_"


@dataclass(frozen=True)
class Concept:
    directive: int
    name: str
    weight: float
    terms: tuple[str, ...]
    regex: re.Pattern[str]

    @property
    def key(self) -> str:
        return f"d{self.directive}.{self.name}"


@dataclass(frozen=True)
class ConceptHit:
    concept: Concept
    term: str  # the matched normalised text
    start: int  # offsets in the normalised text
    end: int


@dataclass(frozen=True)
class TokenPattern:
    """A spaCy Matcher pattern over Sudachi tokens (lemma, POS …) giving evidence for a directive."""

    directive: int
    name: str
    weight: float
    pattern: tuple[dict[str, Any], ...]

    @property
    def key(self) -> str:
        return f"d{self.directive}.{self.name}"


@dataclass
class Directive:
    id: int
    title: str
    title_en: str
    group: str
    mic_measure: str
    principles: tuple[str, ...]
    description: str
    concepts: tuple[Concept, ...]
    patterns: tuple[TokenPattern, ...]
    negative_cues: re.Pattern[str] | None
    examples: dict[str, list[str]] = field(default_factory=dict)

    def negative_hits(self, norm_text: str) -> list[str]:
        if self.negative_cues is None:
            return []
        return [m.group(0) for m in self.negative_cues.finditer(norm_text)]


@dataclass
class Principle:
    key: str
    title: str
    title_en: str
    directives: tuple[int, ...]
    cues: re.Pattern[str]


@dataclass
class DirectiveSet:
    directives: dict[int, Directive]
    principles: dict[str, Principle]
    anchors: re.Pattern[str]  # security-specific anchors
    weak_anchors: re.Pattern[str]  # about security only in context (研修, 委託, 方針 …)
    source: Path
    not_own: tuple[tuple[str, re.Pattern[str]], ...] = ()  # functions.yml: not the company's own security
    # functions.yml ``mentions``: (name, directive, regex) — a span where a directive's terms are
    # only mentioned (a rule set cited as the basis of another act, a risk named as a measure's purpose)
    mentions: tuple[tuple[str, int, re.Pattern[str]], ...] = ()
    # functions.yml ``not_own_headings``: headings that present an offering or explain a term
    not_own_headings: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def heading_not_own_hits(self, norm_context: str) -> list[str]:
        return [name for name, rx in self.not_own_headings if rx.search(norm_context)]

    def not_own_hits(self, norm_text: str) -> list[str]:
        return [name for name, rx in self.not_own if rx.search(norm_text)]

    def mention_spans(self, norm_text: str) -> list[tuple[str, int, int, int]]:
        """(name, directive, start, end) of every ``mentions`` span in the text."""
        return [(name, d, m.start(), m.end()) for name, d, rx in self.mentions for m in rx.finditer(norm_text)]

    @staticmethod
    def without_mentions(hits: list[ConceptHit], spans: list[tuple[str, int, int, int]]) -> list[ConceptHit]:
        """The hits that are not mere mentions of their directive: a hit overlapping a
        :meth:`mention_spans` span of its own directive is left out."""
        return [
            h for h in hits if not any(d == h.concept.directive and h.start < e and s < h.end for _, d, s, e in spans)
        ]

    def concept_hits(self, norm_text: str) -> list[ConceptHit]:
        hits: list[ConceptHit] = []
        for d in self.directives.values():
            for c in d.concepts:
                for m in c.regex.finditer(norm_text):
                    hits.append(ConceptHit(c, m.group(0), m.start(), m.end()))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    @property
    def patterns(self) -> list[TokenPattern]:
        return [p for d in self.directives.values() for p in d.patterns]

    def is_anchored(self, norm_text: str) -> bool:
        """Stage-0 screen: a security-specific or a weak anchor."""
        return self.anchors.search(norm_text) is not None or self.weak_anchors.search(norm_text) is not None

    def screens(self, norm_text: str, norm_context: str = "") -> bool:
        """Stage 0 for a passage under headings: an anchor in the text or in a heading."""
        return self.is_anchored(norm_text) or (bool(norm_context) and self.is_anchored(norm_context))

    def has_strong_anchor(self, norm_text: str) -> bool:
        return self.anchors.search(norm_text) is not None


def _load_yaml(path: Path) -> dict[str, Any]:
    data = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping")
    return data


def load_directive(path: Path) -> Directive:
    data = _load_yaml(path)
    did = int(data["id"])
    concepts = tuple(
        Concept(did, name, float(spec.get("weight", 1.0)), tuple(spec["terms"]), _term_regex(list(spec["terms"])))
        for name, spec in (data.get("concepts") or {}).items()
    )
    neg = data.get("negative_cues") or []
    return Directive(
        id=did,
        title=data["title"],
        title_en=data.get("title_en", ""),
        group=data.get("group", ""),
        mic_measure=data.get("mic_measure", ""),
        principles=tuple(data.get("principles") or ()),
        description=" ".join(str(data.get("description", "")).split()),
        concepts=concepts,
        patterns=tuple(
            TokenPattern(did, str(p["name"]), float(p.get("weight", 1.0)), tuple(p["pattern"]))
            for p in (data.get("patterns") or ())
        ),
        negative_cues=_term_regex(neg) if neg else None,
        examples={k: list(v or []) for k, v in (data.get("examples") or {}).items()},
    )


@lru_cache(maxsize=4)
def load_directives(directory: str | None = None) -> DirectiveSet:
    base = Path(directory) if directory else data_dir("rules") / "directives"
    directives = {}
    for path in sorted(base.glob("d[0-9][0-9].yml")):
        d = load_directive(path)
        directives[d.id] = d
    if sorted(directives) != list(load_guideline(directory).directives):  # numbered 1..n there
        raise ValueError(f"{base}: the directives {sorted(directives)} are not the guideline's")
    pdata = _load_yaml(base / "principles.yml")["principles"]
    principles = {
        key: Principle(
            key, spec["title"], spec.get("title_en", ""), tuple(spec["directives"]), _term_regex(spec["cues"])
        )
        for key, spec in pdata.items()
    }
    screening = _load_yaml(base / "screening.yml")
    anchors = _term_regex(screening["anchors"])
    weak = _term_regex(screening.get("weak_anchors") or [])
    not_own: tuple[tuple[str, re.Pattern[str]], ...] = ()
    mentions: tuple[tuple[str, int, re.Pattern[str]], ...] = ()
    headings: tuple[tuple[str, re.Pattern[str]], ...] = ()
    if (base / "functions.yml").exists():
        fdata = _load_yaml(base / "functions.yml")
        gap = int(fdata.get("gap", 30))
        for did, frames in (fdata.get("frames") or {}).items():
            d = directives[int(did)]
            extra = tuple(
                Concept(
                    d.id,
                    FRAME_PREFIX + name,
                    float(spec.get("weight", 1.0)),
                    tuple(spec["objects"]) + tuple(spec["predicates"]),
                    _frame_regex(list(spec["objects"]), list(spec["predicates"]), int(spec.get("gap", gap))),
                )
                for name, spec in (frames or {}).items()
            )
            d.concepts = d.concepts + extra
        not_own = tuple(
            (name, _frame_regex(list(spec["objects"]), list(spec["predicates"]), gap))
            for name, spec in (fdata.get("not_own") or {}).items()
        )
        mentions = tuple(
            (
                name,
                int(spec["directive"]),
                _frame_regex(
                    list(spec["objects"]),
                    list(spec["predicates"]),
                    int(spec.get("gap", gap)),
                    bool(spec.get("clause")),
                    str(spec.get("stop", "")),
                ),
            )
            for name, spec in (fdata.get("mentions") or {}).items()
        )
        headings = tuple(
            (name, _term_regex(list(terms))) for name, terms in (fdata.get("not_own_headings") or {}).items()
        )
    return DirectiveSet(directives, principles, anchors, weak, base, not_own, mentions, headings)
