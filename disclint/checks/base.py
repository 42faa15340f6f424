"""The per-document context every check sees, and the Check base class (check types are registered
in :data:`disclint.registry.checks`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..model.document import Block, BlockKind, Document
from ..text.eras import match_year, year_pattern
from ..text.segment import sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    from .rules import Rule


@dataclass
class Hit:
    """A raw match produced by a check, before it becomes a localised Finding.

    ``start``/``end`` are offsets into the block's normalised text (``on_norm``) or its
    original text; ``block_index`` None means the whole document.
    """

    block_index: int | None
    start: int | None = None
    end: int | None = None
    params: dict[str, Any] = field(default_factory=dict)
    on_norm: bool = True
    data: dict[str, Any] = field(default_factory=dict)


TEXT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL, BlockKind.CAPTION})
PROSE_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})
_KIND_NAMES = {k.value: k for k in BlockKind}


class CheckContext:
    """What checks may look at for one document: blocks, the mapper's passages, the scope of the
    cybersecurity text, the coverage, and caches.

    Built by the analysis (:func:`disclint.analysis.context_for`, used by
    :func:`disclint.analysis.analyse`) with everything it has computed, so the rules see exactly
    what every output shows; checks never map or compute the scope themselves.
    ``all_in_scope`` (rule examples) makes every block count as cyber.
    """

    def __init__(
        self,
        doc: Document,
        *,
        lang: str = "ja",
        mapper: Any,
        results: list[Any],
        scope: Any,
        doc_coverage: Any,
        all_in_scope: bool = False,
    ) -> None:
        self.doc = doc
        self.lang = lang
        self.mapper = mapper
        self.results = results
        self.scope = scope
        self.doc_coverage = doc_coverage
        self.all_in_scope = all_in_scope
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._tokens: dict[tuple[int, int, int], Any] = {}

    @cached_property
    def by_block(self) -> dict[int, Any]:
        return {r.block_index: r for r in self.results if r.block_index is not None}

    @cached_property
    def scoped_coverage(self) -> dict[int, tuple[str, list[int]]]:
        """Directive -> (status, in-scope block indexes): what lint, map, the reports and survey show."""
        return {d: (c.status, list(c.blocks)) for d, c in self.doc_coverage.directives.items()}

    @cached_property
    def cyber_blocks(self) -> frozenset[int]:
        return self.scope.cyber_blocks

    @cached_property
    def confident_cyber_blocks(self) -> frozenset[int]:
        """Cyber passages of the mapper that also name a scope term (rules/scope.yml)."""
        return self.scope.confident_blocks

    @cached_property
    def cyber_sections(self) -> frozenset[tuple[str, ...]]:
        return self.scope.sections

    def in_scope(self, i: int, scope: str) -> bool:
        """``all``: every block. ``cyber``: the company's cybersecurity text (:mod:`disclint.analysis.scope`)."""
        if scope == "all" or self.all_in_scope:
            return True
        return self.scope.contains(i)

    def blocks(self, scope: str = "cyber", kinds: Iterable[BlockKind] | None = None) -> Iterator[tuple[int, Block]]:
        kinds = frozenset(kinds) if kinds is not None else TEXT_KINDS
        for i, b in enumerate(self.doc.blocks):
            if b.kind in kinds and b.text.strip() and self.in_scope(i, scope):
                yield i, b

    # ------------------------------------------------------------------ text
    def sentences(self, i: int) -> list[tuple[int, int]]:
        """Sentence spans of block ``i``'s normalised text."""
        if i not in self._sentences:
            self._sentences[i] = sentence_spans(self.doc.blocks[i].norm.text)
        return self._sentences[i]

    def sentence_at(self, i: int, pos: int) -> tuple[int, int]:
        for s, e in self.sentences(i):
            if s <= pos < e:
                return s, e
        return 0, len(self.doc.blocks[i].norm.text)

    def tokens(self, i: int, start: int, end: int) -> Any:
        key = (i, start, end)
        if key not in self._tokens:
            from .. import nlp

            self._tokens[key] = nlp.tokenize(self.doc.blocks[i].norm.text[start:end])
        return self._tokens[key]

    @cached_property
    def doc_year(self) -> int | None:
        """The year the document speaks from: its date, else the latest year it reports on."""
        date = str(self.doc.metadata.get("date") or "")
        m = re.match(r"(\d{4})", date)
        if m:
            return int(m.group(1))
        years = []
        for b in self.doc.blocks:
            for m in _YEAR_RE.finditer(b.norm.text):
                tail = b.norm.text[m.end() : m.end() + 8]
                if re.match(r"[^。]{0,6}(まで|目標|予定|を目指)", tail):
                    continue
                y = match_year(m)
                if y and 1990 <= y <= 2100:
                    years.append(y)
        return max(years) if years else None


_YEAR_RE = re.compile(year_pattern())  # 2024年, 令和6年, 令和元年


def parse_kinds(value: Any) -> frozenset[BlockKind] | None:
    if value is None:
        return None
    return frozenset(_KIND_NAMES[v] for v in value)


def compile_patterns(values: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    values = [v for v in values if v]
    if not values:
        return None
    return re.compile("|".join(f"(?:{v})" for v in values), flags)


class Check:
    """Base class: a check type.

    Subclasses declare ``OPTIONS`` (name -> default) once; the default's type is the option's
    type (``OPTION_TYPES`` names it where the default cannot: ``None``, or a flag that also takes a
    regex), checked when a rule is loaded (:meth:`option_error`). ``ONE_RULE``: a check written for
    one rule (``checks/builtin/``), whose options are that rule's settings: the rule lists them
    with their defaults (``disclint rule``, docs/rules.md) and the configuration may set them.
    """

    type_name = ""
    OPTIONS: dict[str, Any] = {}
    OPTION_TYPES: dict[str, tuple[type, ...]] = {}
    ONE_RULE = False
    # Options every check accepts.
    COMMON: dict[str, Any] = {"scope": "cyber", "kinds": None}

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        error = self.option_error(rule.options)
        if error:
            raise ValueError(error)
        self.options = {**self.COMMON, **self.OPTIONS, **rule.options}
        self.scope = self.options["scope"]
        self.kinds = parse_kinds(self.options["kinds"])
        self.setup()

    @classmethod
    def known_options(cls) -> set[str]:
        return set(cls.COMMON) | set(cls.OPTIONS)

    @classmethod
    def option_error(cls, options: dict[str, Any]) -> str | None:
        """Why ``options`` do not fit the declared types (None when they do); unknown names are
        :meth:`known_options`' business."""
        for name, value in options.items():
            if name in cls.OPTION_TYPES:
                kinds = cls.OPTION_TYPES[name]
            elif name in cls.OPTIONS:
                kinds = _kinds_of(cls.OPTIONS[name])
            elif name == "kinds":
                kinds = (list, type(None))
            else:
                continue
            if kinds and not _fits(value, kinds):
                wanted = " or ".join(_KIND_WORDS.get(k, k.__name__) for k in kinds)
                return f"option '{name}' must be {wanted}, not {value!r}"
        return None

    def setup(self) -> None:  # compile patterns etc.
        pass

    def run(self, ctx: CheckContext) -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError


_KIND_WORDS = {
    bool: "true/false",
    int: "a whole number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "a mapping",
    type(None): "empty",
}


def _kinds_of(default: Any) -> tuple[type, ...]:
    """The types an option with this default takes (none: anything)."""
    if default is None:
        return ()
    if isinstance(default, bool):
        return (bool,)
    if isinstance(default, int):
        return (int,)
    if isinstance(default, float):
        return (float, int)
    return next(((k,) for k in (str, list, dict) if isinstance(default, k)), ())


def _fits(value: Any, kinds: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in kinds:
        return False  # YAML's true is no number
    return isinstance(value, kinds)
