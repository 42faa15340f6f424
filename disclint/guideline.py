"""The guideline's structure as data: its directives and its principles for executives.

Read from ``rules/directives`` (``d01.yml`` … ``d10.yml`` and ``principles.yml``, the same files the
mapper reads its concepts from), without compiling any of the mapper's patterns. Code that lists the
directives or principles, or shows their titles, asks here (``directive_ids()``, ``principle_keys()``,
``load_guideline().directives[d].name(lang)``; :func:`disclint.i18n.directive_title`) instead of
writing the numbers 1 to 10 or a table of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .resources import data_dir, load_yaml


def _name(title: str, title_en: str, lang: str) -> str:
    return title if lang == "ja" else (title_en or title)


@dataclass(frozen=True)
class GuidelineDirective:
    id: int
    title: str
    title_en: str
    short: str  # a few words, for headings and help: 「対応方針」
    short_en: str
    group: str
    principles: tuple[str, ...]

    def name(self, lang: str) -> str:
        return _name(self.title, self.title_en, lang)

    def short_name(self, lang: str) -> str:
        return _name(self.short, self.short_en, lang)


@dataclass(frozen=True)
class GuidelinePrinciple:
    key: str
    title: str
    title_en: str
    directives: tuple[int, ...]

    def name(self, lang: str) -> str:
        return _name(self.title, self.title_en, lang)


@dataclass(frozen=True)
class Guideline:
    directives: dict[int, GuidelineDirective]  # in number order
    principles: dict[str, GuidelinePrinciple]  # in the order of principles.yml


def _mapping(path: Path) -> dict[str, Any]:
    data = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping")
    return data


@lru_cache(maxsize=4)
def load_guideline(directory: str | None = None) -> Guideline:
    base = Path(directory) if directory else data_dir("rules") / "directives"
    directives: dict[int, GuidelineDirective] = {}
    for path in sorted(base.glob("d[0-9][0-9].yml")):
        data = _mapping(path)
        d = GuidelineDirective(
            int(data["id"]),
            str(data["title"]),
            str(data.get("title_en", "")),
            str(data.get("short", "")),
            str(data.get("short_en", "")),
            str(data.get("group", "")),
            tuple(data.get("principles") or ()),
        )
        directives[d.id] = d
    directives = dict(sorted(directives.items()))
    if not directives or list(directives) != list(range(1, len(directives) + 1)):
        raise ValueError(f"{base}: expected directives numbered 1..n, found {list(directives)}")
    principles = {
        str(key): GuidelinePrinciple(
            str(key), str(spec["title"]), str(spec.get("title_en", "")), tuple(int(d) for d in spec["directives"])
        )
        for key, spec in _mapping(base / "principles.yml")["principles"].items()
    }
    return Guideline(directives, principles)


def directive_ids() -> tuple[int, ...]:
    """The directives' numbers, in order: (1, …, 10) for guideline Ver3.0."""
    return tuple(load_guideline().directives)


def principle_keys() -> tuple[str, ...]:
    """The principles' keys, in order: ("leadership", "supply_chain", "communication")."""
    return tuple(load_guideline().principles)
