"""The self-assessment questionnaire: ``rules/assessment/questionnaire.yml`` -> :class:`Questionnaire`.

40 items, four per directive of guideline Ver3.0, each with five maturity levels (0-4). The
directives themselves (numbers, titles) are the guideline's data (:mod:`disclint.guideline`).
The file is data written by the project; :func:`load_questionnaire` checks its shape so a bad
edit fails loudly (``ConfigError``) instead of producing a broken workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..guideline import GuidelineDirective, directive_ids, load_guideline
from ..model.errors import ConfigError
from ..resources import data_dir, load_yaml

LEVELS = (0, 1, 2, 3, 4)
ITEMS_PER_DIRECTIVE = 4


@dataclass(frozen=True)
class Text:
    ja: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Item:
    id: str
    directive: int
    title: Text
    question: Text
    levels: tuple[Text, ...]  # index = level


@dataclass(frozen=True)
class Questionnaire:
    version: int
    scale: tuple[Text, ...]  # the common names of levels 0-4
    directives: dict[int, GuidelineDirective]  # the guideline's, with .name(lang)
    items: tuple[Item, ...]

    def by_id(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}

    def of(self, directive: int) -> list[Item]:
        return [i for i in self.items if i.directive == directive]


def questionnaire_path() -> Path:
    return data_dir("rules") / "assessment" / "questionnaire.yml"


def _text(raw: object, where: str, path: str) -> Text:
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("ja"), str)
        or not isinstance(raw.get("en"), str)
        or not raw["ja"].strip()
        or not raw["en"].strip()
    ):
        raise ConfigError("config.rule_invalid", path=path, reason=f"{where}: needs non-empty ja and en")
    return Text(raw["ja"].strip(), raw["en"].strip())


def parse_questionnaire(data: object, path: str) -> Questionnaire:
    if not isinstance(data, dict):
        raise ConfigError("config.rule_invalid", path=path, reason="not a mapping")
    scale = tuple(_text(s, f"scale[{k}]", path) for k, s in enumerate(data.get("scale") or []))
    if len(scale) != len(LEVELS):
        raise ConfigError("config.rule_invalid", path=path, reason="scale: needs five levels")
    directives = dict(load_guideline().directives)
    items: list[Item] = []
    seen: set[str] = set()
    for raw in data.get("items") or []:
        iid = str(raw.get("id", ""))
        if not iid or iid in seen:
            raise ConfigError("config.rule_invalid", path=path, reason=f"item id {iid!r} empty or repeated")
        seen.add(iid)
        d = raw.get("directive")
        if d not in directives:
            raise ConfigError("config.rule_invalid", path=path, reason=f"item {iid}: unknown directive {d!r}")
        levels = tuple(_text(lv, f"item {iid} level {k}", path) for k, lv in enumerate(raw.get("levels") or []))
        if len(levels) != len(LEVELS):
            raise ConfigError("config.rule_invalid", path=path, reason=f"item {iid}: needs five levels")
        items.append(
            Item(
                iid,
                d,
                _text(raw.get("title"), f"item {iid} title", path),
                _text(raw.get("question"), f"item {iid} question", path),
                levels,
            )
        )
    for d in directive_ids():
        if sum(1 for i in items if i.directive == d) != ITEMS_PER_DIRECTIVE:
            raise ConfigError(
                "config.rule_invalid", path=path, reason=f"directive {d}: needs {ITEMS_PER_DIRECTIVE} items"
            )
    items = [i for _, i in sorted(enumerate(items), key=lambda p: (p[1].directive, p[0]))]
    return Questionnaire(int(data.get("version", 1)), scale, directives, tuple(items))


@lru_cache(maxsize=1)
def load_questionnaire() -> Questionnaire:
    path = questionnaire_path()
    return parse_questionnaire(load_yaml(path.read_text(encoding="utf-8")), str(path))
