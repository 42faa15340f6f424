"""Rules: YAML files that configure one check type each.

Fields (see docs/rules.md): ``id``, ``extends``, ``quality``, ``level``, ``message`` and
``explanation`` (``ja``/``en``), optional ``hint``, ``reference``, ``options``, ``scope``,
``examples: {valid: [...], invalid: [...]}``. A malformed rule raises ConfigError.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..model.errors import ConfigError
from ..model.findings import Level
from ..quality import QUALITIES
from ..registry import checks
from ..resources import data_dir, load_yaml

if TYPE_CHECKING:  # pragma: no cover
    from .base import Check

_FIELDS = {
    "id",
    "extends",
    "quality",
    "level",
    "message",
    "explanation",
    "hint",
    "reference",
    "options",
    "scope",
    "examples",
    "python",
    "enabled",
    "fix",
}
_REQUIRED = ("id", "extends", "quality", "level", "message", "explanation")


@dataclass
class Rule:
    id: str
    extends: str
    quality: str
    level: Level
    message: dict[str, str]
    explanation: dict[str, str]
    hint: dict[str, str] = field(default_factory=dict)
    reference: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, list[Any]] = field(default_factory=dict)
    python: str = ""
    path: str = ""
    enabled: bool = True
    # a fix as data: {"replacement": template over the message parameters, "applicability":
    # "safe" | "review", optional "review_if_match": regex on the match making one fix "review",
    # optional "normalize": "nfkc"}; see disclint.fixes
    fix: dict[str, Any] = field(default_factory=dict)

    def text(self, name: str, lang: str, **params: Any) -> str:
        entry: dict[str, str] = getattr(self, name) or {}
        template = entry.get(lang) or entry.get("en") or entry.get("ja") or ""
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template

    def with_overrides(
        self, level: str | None = None, options: dict[str, Any] | None = None, enabled: bool | None = None
    ) -> Rule:
        new = replace(self, options=copy.deepcopy(self.options))
        if level is not None:
            new.level = Level(level)
        if options:
            new.options.update(options)
        if enabled is not None:
            new.enabled = enabled
        return new

    def make_check(self) -> Check:
        cls = checks.get(self.extends)
        assert cls is not None
        return cls(self)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "quality": self.quality,
            "extends": self.extends,
            "level": self.level.value,
            "enabled": self.enabled,
            "reference": self.reference,
            "options": self.options,
        }
        for name in ("message", "explanation", "hint"):
            value = getattr(self, name)
            if value:
                out[name] = value.get(lang, value.get("en", "")) if lang else value
        return out


def rules_dir() -> Path:
    return data_dir("rules")


def _bilingual(data: dict[str, Any], name: str, where: str, required: bool) -> dict[str, str]:
    value = data.get(name)
    if value is None and not required:
        return {}
    if isinstance(value, str):
        return {"ja": value, "en": value}
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("ja", "en")):
        raise ConfigError("config.rule_invalid", path=where, reason=f"'{name}' needs 'ja' and 'en' strings")
    return {"ja": value["ja"], "en": value["en"]}


def parse_rule(data: Any, where: str) -> Rule:
    if not isinstance(data, dict):
        raise ConfigError("config.rule_invalid", path=where, reason="not a mapping")
    unknown = set(data) - _FIELDS
    if unknown:
        raise ConfigError("config.rule_invalid", path=where, reason=f"unknown fields: {', '.join(sorted(unknown))}")
    for name in _REQUIRED:
        if name not in data:
            raise ConfigError("config.rule_invalid", path=where, reason=f"missing '{name}'")
    cls = checks.get(str(data["extends"]))
    if cls is None:
        raise ConfigError(
            "config.rule_invalid",
            path=where,
            reason=f"unknown check type '{data['extends']}' (known: {', '.join(checks.names())})",
        )
    if data["quality"] not in QUALITIES:
        raise ConfigError("config.rule_invalid", path=where, reason=f"unknown quality '{data['quality']}'")
    rid = str(data["id"])
    if not rid.startswith(data["quality"] + "."):
        raise ConfigError("config.rule_invalid", path=where, reason=f"id '{rid}' must start with '{data['quality']}.'")
    try:
        level = Level(data["level"])
    except ValueError:
        raise ConfigError("config.rule_invalid", path=where, reason=f"bad level '{data['level']}'") from None
    options = dict(data.get("options") or {})
    if "scope" in data:
        options["scope"] = data["scope"]
    if options.get("scope", "cyber") not in ("cyber", "all"):
        raise ConfigError("config.rule_invalid", path=where, reason="scope must be 'cyber' or 'all'")
    bad = set(options) - cls.known_options()
    if bad and "*" not in cls.known_options():
        raise ConfigError(
            "config.rule_invalid", path=where, reason=f"unknown options for {data['extends']}: {', '.join(sorted(bad))}"
        )
    wrong = cls.option_error(options)
    if wrong:
        raise ConfigError("config.rule_invalid", path=where, reason=f"{data['extends']}: {wrong}")
    if cls.ONE_RULE:  # the check's options are this rule's settings: list them with their defaults
        options = {**cls.OPTIONS, **options}
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError("config.rule_invalid", path=where, reason="'enabled' must be true or false")
    fix = data.get("fix") or {}
    if fix and (
        not isinstance(fix, dict)
        or not isinstance(fix.get("replacement"), str)
        or fix.get("applicability", "review") not in ("safe", "review")
        or set(fix) - {"replacement", "applicability", "review_if_match", "normalize"}
        or fix.get("normalize", "nfkc") != "nfkc"
    ):
        raise ConfigError(
            "config.rule_invalid",
            path=where,
            reason="fix must be {replacement: str, applicability: safe|review, review_if_match: regex, normalize: nfkc}",
        )
    examples = data.get("examples") or {}
    if not isinstance(examples, dict) or set(examples) - {"valid", "invalid"}:
        raise ConfigError("config.rule_invalid", path=where, reason="examples must be {valid: [...], invalid: [...]}")
    rule = Rule(
        id=rid,
        extends=str(data["extends"]),
        quality=str(data["quality"]),
        level=level,
        message=_bilingual(data, "message", where, True),
        explanation=_bilingual(data, "explanation", where, True),
        hint=_bilingual(data, "hint", where, False),
        reference=str(data.get("reference") or ""),
        options=options,
        examples={k: list(v or []) for k, v in examples.items()},
        python=str(data.get("python") or ""),
        path=where,
        enabled=enabled,
        fix=dict(fix),
    )
    try:
        rule.make_check()  # compiles patterns, resolves a user rule's python function
    except ConfigError:
        raise
    except Exception as exc:
        raise ConfigError("config.rule_invalid", path=where, reason=f"{type(exc).__name__}: {exc}") from None
    return rule


def load_rule_file(path: Path, user: bool = False) -> Rule:
    """``user``: a rule from ``rule-dirs`` (a regular file of at most 4 MB, aliases bounded)."""
    from ..resources import load_user_yaml, yaml_bomb_error

    try:
        if user:
            from ..safeio import read_input_bytes

            text = read_input_bytes(path, 4 * 1024 * 1024, ConfigError, "config.rule_invalid", path=str(path)).decode(
                "utf-8"
            )
            data = load_user_yaml(text)
        else:
            data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml_bomb_error() as exc:
        raise ConfigError("config.yaml_aliases", path=str(path), nodes=f"{exc.limit:,}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError("config.rule_invalid", path=str(path), reason=str(exc)) from None
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError("config.rule_invalid", path=str(path), reason=str(exc).splitlines()[0]) from None
    return parse_rule(data, str(path))


@lru_cache(maxsize=8)
def _load_dir(directory: str, user: bool = False) -> tuple[Rule, ...]:
    root = Path(directory)
    rules: list[Rule] = []
    for quality in QUALITIES:
        for path in sorted((root / quality).glob("*.yml")):
            rules.append(load_rule_file(path, user))
    return tuple(rules)


def load_rules(extra_dirs: tuple[str, ...] = ()) -> list[Rule]:
    """The built-in rules plus rules from ``extra_dirs`` (same layout), in a stable order."""
    rules = list(_load_dir(str(rules_dir())))
    for d in extra_dirs:
        rules.extend(_load_dir(str(Path(d).resolve()), True))
    seen: dict[str, str] = {}
    for r in rules:
        if r.id in seen:
            raise ConfigError(
                "config.rule_invalid", path=r.path, reason=f"duplicate rule id '{r.id}' (also in {seen[r.id]})"
            )
        seen[r.id] = r.path
    return [r.with_overrides() for r in rules]
