"""Two filings of one company, compared: what changed between the years.

Input: the :class:`~disclint.analysis.Analysis` of each document (so the directive statuses are the
ones every other command shows). Output: a :class:`DocDiff`:

- per directive and principle, the status then and now;
- headings aligned by their text without the numbering: added, removed, renumbered
  (「(6) 情報セキュリティについて」 → 「(7) 情報セキュリティについて」);
- paragraphs aligned by similarity, not position: unchanged (the same text after NFKC and
  without white space), reworded (similarity ≥ :data:`REWORDED_MIN`, with the figures that
  changed), added, removed;
- the cybersecurity paragraphs copied unchanged (stale boilerplate, 適時公表性).

Alignment: exact matches first (in document order), then each remaining pair of paragraphs that
share enough character bigrams is scored with :class:`difflib.SequenceMatcher` and the best pairs
are taken greedily. Linear in the number of paragraphs for unchanged text; the similarity step
only compares candidates that share bigrams.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from ..model.document import BlockKind

REWORDED_MIN = 0.5  # SequenceMatcher ratio at or above which two paragraphs are one, reworded
MIN_CHARS = 10  # shorter blocks (labels, page furniture) are not compared
CANDIDATES = 8  # paragraphs scored per paragraph, chosen by shared bigrams
PARA_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM})

# 「(6)」「（６）」「6.」「６．」「①」「第6」「ア．」「(a)」「Ⅳ」 … at the start of a heading
_NUMBERING = re.compile(
    r"^\s*(?:[\(（]\s*[0-9０-９a-zA-Zア-ンｱ-ﾝ]+\s*[\)）]|[0-9０-９]+\s*[\.．、）\)]|[①-⑳]|第\s*[0-9０-９一二三四五六七八九十]+|"
    r"[ア-ン][\.．、]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[\.．、\s]?|[0-9０-９]+【)\s*"
)
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:%|件|名|人|回|億円|百万円|千円|円|時間|日|か月|ヶ月|社|拠点|台|倍)?")


def norm_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def heading_key(text: str) -> str:
    """A heading's text without its numbering: 「(6) 情報セキュリティについて」 → 情報セキュリティについて."""
    t = _NUMBERING.sub("", text.strip(), count=1)  # before NFKC, which turns ① into a bare 1
    t = _NUMBERING.sub("", unicodedata.normalize("NFKC", t).strip(), count=1)
    return "".join(t.split()).strip("【】")


def figures(text: str) -> list[str]:
    return [m.group(0).replace(" ", "") for m in _FIGURE.finditer(unicodedata.normalize("NFKC", text))]


@dataclass(frozen=True)
class Para:
    block: int
    text: str
    section: tuple[str, ...]
    cyber: bool  # inside the cybersecurity text (counted in the coverage)


@dataclass(frozen=True)
class Change:
    kind: str  # unchanged / reworded / added / removed
    old: Para | None
    new: Para | None
    similarity: float = 1.0
    figures: tuple[tuple[str, str], ...] = ()  # (then, now) for reworded paragraphs

    @property
    def cyber(self) -> bool:
        return bool((self.old and self.old.cyber) or (self.new and self.new.cyber))

    @property
    def section(self) -> tuple[str, ...]:
        return (self.new or self.old).section  # type: ignore[union-attr]


@dataclass(frozen=True)
class HeadingChange:
    kind: str  # added / removed / renumbered
    old: str | None
    new: str | None
    parent: tuple[str, ...]  # the section the heading sits in


@dataclass(frozen=True)
class DocDiff:
    old_path: str
    new_path: str
    old_date: str | None
    new_date: str | None
    directives: dict[int, tuple[str, str]]
    principles: dict[str, tuple[str, str]]
    headings: tuple[HeadingChange, ...]
    changes: tuple[Change, ...]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def stale(self) -> list[Change]:
        """Cybersecurity paragraphs copied unchanged from the earlier filing."""
        return [
            c
            for c in self.changes
            if c.kind == "unchanged" and c.old is not None and c.old.cyber and c.new is not None and c.new.cyber
        ]


def _paras(analysis: Any) -> list[Para]:
    doc = analysis.document
    cyber = {p.block_index for p in analysis.passages if analysis.in_scope(p)}
    return [
        Para(i, b.text, b.location.section, i in cyber)
        for i, b in enumerate(doc.blocks)
        if b.kind in PARA_KINDS and len(norm_key(b.text)) >= MIN_CHARS
    ]


def _bigrams(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} or {key}


def align(old: list[Para], new: list[Para]) -> list[Change]:
    changes: list[Change] = []
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, p in enumerate(new):
        by_key[norm_key(p.text)].append(j)
    used_new: set[int] = set()
    left_old: list[int] = []
    for i, p in enumerate(old):
        js = by_key.get(norm_key(p.text))
        if js:
            j = js.pop(0)
            used_new.add(j)
            changes.append(Change("unchanged", p, new[j]))
        else:
            left_old.append(i)
    left_new = [j for j in range(len(new)) if j not in used_new]
    # similarity, among candidates that share bigrams
    keys_new = {j: norm_key(new[j].text) for j in left_new}
    index: dict[str, list[int]] = defaultdict(list)
    grams_new = {j: _bigrams(k) for j, k in keys_new.items()}
    for j, grams in grams_new.items():
        for g in grams:
            index[g].append(j)
    scored: list[tuple[float, int, int]] = []
    for i in left_old:
        key = norm_key(old[i].text)
        grams = _bigrams(key)
        shared: dict[int, int] = defaultdict(int)
        for g in grams:
            for j in index.get(g, ()):
                shared[j] += 1
        best = sorted(shared, key=lambda j: -shared[j] / max(len(grams), len(grams_new[j])))[:CANDIDATES]
        for j in best:
            sm = SequenceMatcher(None, key, keys_new[j], autojunk=False)
            if sm.real_quick_ratio() < REWORDED_MIN or sm.quick_ratio() < REWORDED_MIN:
                continue
            r = sm.ratio()
            if r >= REWORDED_MIN:
                scored.append((r, i, j))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for r, i, j in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if i in taken_old or j in taken_new:
            continue
        taken_old.add(i)
        taken_new.add(j)
        changes.append(Change("reworded", old[i], new[j], round(r, 3), _figure_changes(old[i].text, new[j].text)))
    changes += [Change("removed", old[i], None, 0.0) for i in left_old if i not in taken_old]
    changes += [Change("added", None, new[j], 0.0) for j in left_new if j not in taken_new]

    # in the newer document's order; removed paragraphs after the one that preceded them
    def order(c: Change) -> tuple[float, float]:
        if c.new is not None:
            return (c.new.block, 0.0)
        prev = [x.new.block for x in changes if x.new is not None and x.old is not None and x.old.block < c.old.block]  # type: ignore[union-attr]
        return (max(prev) if prev else -1, 0.5)

    return sorted(changes, key=order)


def _figure_changes(a: str, b: str) -> tuple[tuple[str, str], ...]:
    fa, fb = figures(a), figures(b)
    only_a = [x for x in fa if x not in fb]
    only_b = [x for x in fb if x not in fa]
    pairs = list(zip(only_a, only_b, strict=False))
    pairs += [(x, "") for x in only_a[len(pairs) :]] + [("", y) for y in only_b[len(pairs) :]]
    return tuple(pairs)


def _headings(old_doc: Any, new_doc: Any) -> list[HeadingChange]:
    """Headings matched by their text without numbering: first under the same (numbering-free)
    section path, then under the same immediate parent, then anywhere."""

    def heads(doc: Any) -> list[tuple[str, str, tuple[str, ...]]]:
        return [
            (heading_key(b.text), b.text.strip(), b.location.section[:-1])
            for b in doc.blocks
            if b.kind == BlockKind.HEADING and heading_key(b.text)
        ]

    old_h, new_h = heads(old_doc), heads(new_doc)
    keys = (
        lambda key, parent: (key, tuple(heading_key(p) for p in parent)),
        lambda key, parent: (key, heading_key(parent[-1]) if parent else ""),
        lambda key, parent: (key,),
    )
    matched: dict[int, int] = {}  # new index -> old index
    for make in keys:
        pool: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for i, (key, _, parent) in enumerate(old_h):
            if i not in matched.values():
                pool[make(key, parent)].append(i)
        for j, (key, _, parent) in enumerate(new_h):
            if j not in matched and pool.get(make(key, parent)):
                matched[j] = pool[make(key, parent)].pop(0)
    out: list[HeadingChange] = []
    for j, (_key, text, parent) in enumerate(new_h):
        if j in matched:
            before = old_h[matched[j]][1]
            if "".join(before.split()) != "".join(text.split()):
                out.append(HeadingChange("renumbered", before, text, parent))
        else:
            out.append(HeadingChange("added", None, text, parent))
    used = set(matched.values())
    out += [HeadingChange("removed", text, None, parent) for i, (_, text, parent) in enumerate(old_h) if i not in used]
    return out


def diff_analyses(old: Any, new: Any) -> DocDiff:
    changes = align(_paras(old), _paras(new))
    counts = {k: sum(1 for c in changes if c.kind == k) for k in ("unchanged", "reworded", "added", "removed")}
    directives = {
        d: (old.coverage.directives[d].status, new.coverage.directives[d].status) for d in new.coverage.directives
    }
    principles = {
        k: (old.coverage.principles[k].status, new.coverage.principles[k].status) for k in new.coverage.principles
    }
    result = DocDiff(
        old.path,
        new.path,
        _date(old),
        _date(new),
        directives,
        principles,
        tuple(_headings(old.document, new.document)),
        tuple(changes),
        counts,
    )
    result.counts["stale_cyber"] = len(result.stale)
    return result


def _date(analysis: Any) -> str | None:
    meta = analysis.document.metadata
    return str(meta.get("date") or meta.get("fiscal_year_end") or "") or None
