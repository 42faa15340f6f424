"""Registry, the per-document context every check sees, and the Check base class."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..document import Block, BlockKind, Document
from ..segment import sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    from .rules import Rule


class Registry:
    """A named table of check classes; ``register`` is a decorator."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, type[Check]] = {}

    def register(self, name: str) -> Callable[[type["Check"]], type["Check"]]:
        def deco(cls: type[Check]) -> type[Check]:
            if name in self._items and self._items[name] is not cls:
                raise ValueError(f"{self.name}: {name!r} registered twice")
            cls.type_name = name
            self._items[name] = cls
            return cls

        return deco

    def get(self, name: str) -> type["Check"] | None:
        return self._items.get(name)

    def names(self) -> list[str]:
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items


CHECKS = Registry("checks")
_BUILTIN = ("existence", "substitution", "metric", "occurrence", "pattern", "coverage", "python")
_loaded = False


def load_builtin_checks() -> Registry:
    global _loaded
    if not _loaded:
        for mod in _BUILTIN:
            importlib.import_module(f"{__package__}.{mod}")
        _loaded = True
    return CHECKS


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
# A section counts as cyber when a heading on its path names a cyber topic (CYBER_TERMS), or
# when at least this share of its prose blocks are *confident* cyber passages (marked cyber
# by the mapper and naming a cyber term themselves).
CYBER_SECTION_SHARE = 0.5
# Outside a cyber section, a block is in the ``cyber`` scope only when the mapper is this
# sure: on real filings of IT companies, passages about 情報システム score 0.7-0.85.
CYBER_SCOPE_SCORE = 0.85
# Words that only a passage about information security uses. The mapper's screening anchors
# are broad on purpose (recall: ネットワーク, クラウド, 攻撃, 情報システム, 情報管理 …); the text
# rules need precision: on real filings the mapper also gives high scores to governance,
# audit and disaster passages that name none of these words (issue 4, lint_precision.md).
CYBER_TERMS = re.compile(
    r"サイバー|セキュリティ|(?:情報|データ)の?(?:漏え|漏洩|漏れ|流出)|不正アクセス|不正侵入|不正ログイン|マルウェア|"
    r"(?<!コロナ)ウ[イィ]ルス(?!感染症)|ランサム|標的型|フィッシング|ハッキング|ハッカー|改ざん|改竄|なりすまし|脆弱性|"
    r"情報資産|機密情報|秘密情報|個人情報|顧客情報|ICTインシデント|ITインシデント|システム障害|"
    r"CSIRT|シーサート|CISO|ISMS|27001|(?<![A-Za-z])(?:SOC|EDR|XDR|SIEM|ISAC|JPCERT|NISC)(?![A-Za-z])|"
    r"ゼロトラスト|多要素認証|二要素認証|暗号化|アクセス権|アクセス管理",
    re.IGNORECASE,
)
_KIND_NAMES = {k.value: k for k in BlockKind}


class CheckContext:
    """What checks may look at for one document: blocks, mapper output, coverage, caches.

    The mapper runs lazily, once, the first time a check asks for it. ``all_in_scope``
    (used to run rule examples) makes every block count as cyber.
    """

    def __init__(self, doc: Document, lang: str = "ja", mapper: Any = None, all_in_scope: bool = False) -> None:
        self.doc = doc
        self.lang = lang
        self._mapper = mapper
        self.all_in_scope = all_in_scope
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._tokens: dict[tuple[int, int, int], Any] = {}

    # ------------------------------------------------------------------ mapper
    @property
    def mapper(self) -> Any:
        if self._mapper is None:
            from ..mapper import Mapper

            self._mapper = Mapper()
        return self._mapper

    @cached_property
    def results(self) -> list[Any]:
        return self.mapper.map_document(self.doc)

    @cached_property
    def by_block(self) -> dict[int, Any]:
        return {r.block_index: r for r in self.results if r.block_index is not None}

    @cached_property
    def coverage(self) -> Any:
        from ..mapper import compute_coverage

        return compute_coverage(self.results, self.mapper.ds)

    @cached_property
    def scoped_coverage(self) -> dict[int, tuple[str, list[int]]]:
        """Directive -> (status, block indexes) counting only evidence in the cyber scope.

        Evidence outside the scope the text rules look at (an officer's career, a table of
        subsidiaries, an R&D paragraph the mapper scored high) is no evidence: a directive
        left without any is missing. Shared by the coverage rules and the report summary so
        that both always say the same thing.
        """
        out: dict[int, tuple[str, list[int]]] = {}
        for d, c in self.coverage.directives.items():
            where = [self.results[k].block_index for k in c.passages if self.results[k].block_index is not None]
            status = c.status
            if status != "missing" and not self.all_in_scope:
                where = [j for j in where if self.in_scope(j, "cyber")]
                if not where:
                    status = "missing"
            out[d] = (status, where)
        return out

    @property
    def has_coverage(self) -> bool:
        return "coverage" in self.__dict__

    @cached_property
    def cyber_blocks(self) -> frozenset[int]:
        return frozenset(i for i, r in self.by_block.items() if r.cyber)

    @cached_property
    def confident_cyber_blocks(self) -> frozenset[int]:
        """Cyber passages of the mapper that also name a cyber term (CYBER_TERMS)."""
        return frozenset(i for i in self.cyber_blocks if CYBER_TERMS.search(self.doc.blocks[i].norm.text))

    @cached_property
    def cyber_sections(self) -> frozenset[tuple[str, ...]]:
        from ..normalize import normalize

        stats: dict[tuple[str, ...], list[int]] = {}
        for i, b in enumerate(self.doc.blocks):
            if b.kind in PROSE_KINDS and b.location.section:
                s = stats.setdefault(b.location.section, [0, 0])
                s[0] += 1
                s[1] += i in self.confident_cyber_blocks
        out = set()
        for sec, (n, c) in stats.items():
            if any(CYBER_TERMS.search(normalize(h).text) for h in sec) or (c and c / n >= CYBER_SECTION_SHARE):
                out.add(sec)
        return frozenset(out)

    def in_scope(self, i: int, scope: str) -> bool:
        """``all``: every block. ``cyber``: blocks of a cyber section, and elsewhere the passages
        the mapper is sure of (score >= CYBER_SCOPE_SCORE) that name a cyber term."""
        if scope == "all" or self.all_in_scope:
            return True
        if i in self.confident_cyber_blocks and self.by_block[i].cyber_score >= CYBER_SCOPE_SCORE:
            return True
        sec = self.doc.blocks[i].location.section
        return bool(sec) and sec in self.cyber_sections

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
                y = _to_year(m)
                if y and 1990 <= y <= 2100:
                    years.append(y)
        return max(years) if years else None


_YEAR_RE = re.compile(r"(?:(\d{4})|令和\s*(\d{1,2}|元)|平成\s*(\d{1,2}|元))\s*年")


def _to_year(m: re.Match[str]) -> int | None:
    if m.group(1):
        return int(m.group(1))
    if m.group(2):
        return 2018 + (1 if m.group(2) == "元" else int(m.group(2)))
    if m.group(3):
        return 1988 + (1 if m.group(3) == "元" else int(m.group(3)))
    return None


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
    """Base class: a check type. Subclasses declare ``OPTIONS`` (name -> default)."""

    type_name = ""
    OPTIONS: dict[str, Any] = {}
    # Options every check accepts.
    COMMON: dict[str, Any] = {"scope": "cyber", "kinds": None}

    def __init__(self, rule: "Rule") -> None:
        self.rule = rule
        self.options = {**self.COMMON, **self.OPTIONS, **rule.options}
        self.scope = self.options["scope"]
        self.kinds = parse_kinds(self.options["kinds"])
        self.setup()

    @classmethod
    def known_options(cls) -> set[str]:
        return set(cls.COMMON) | set(cls.OPTIONS)

    def setup(self) -> None:  # compile patterns etc.
        pass

    def run(self, ctx: CheckContext) -> Iterable[Hit]:  # pragma: no cover - abstract
        raise NotImplementedError
