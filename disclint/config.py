"""Configuration: which rules run, at which level, with which options.

Discovery, from the linted file's directory upward, first hit wins:
``.disclint.toml`` (top level, or a ``[disclint]`` table), ``pyproject.toml``
(``[tool.disclint]``), ``setup.cfg`` (``[disclint]`` and ``[disclint.rules.<id>]``).
``--config FILE`` skips discovery; ``--isolated`` ignores discovered files (built-in defaults
only, unless ``--config`` is given). Keys::

    select = ["truthfulness", "understandability.sentence-length"]   # prefixes
    ignore = ["understandability.kanji-run"]
    fail-level = "warning"            # error / warning / info / none
    baseline = "disclint-baseline.json"
    rule-dirs = ["my-rules"]          # extra rules/<quality>/*.yml trees
    [rules."understandability.sentence-length"]
    level = "info"
    max = 120                         # any other key is a rule option
    [rules."timeliness.no-report-date"]
    enabled = false

Anything wrong raises :class:`~disclint.model.errors.ConfigError` (one line, exit 2).

Trust: a discovered file may sit next to a third-party document, so it is not trusted with
code. ``rule-dirs`` (rule files, which may name ``python: module:function``) is honoured only
from a file named with ``--config``; a discovered file that sets it is a one-line error
(``config.untrusted_rule_dirs``) rather than silently ignored, so a project's own settings never
half-apply. Reports name the config file that was used (``Config.source``).
"""

from __future__ import annotations

import configparser
import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .checks import QUALITIES, Rule, load_rules
from .model.errors import ConfigError
from .model.findings import FAIL_LEVELS

CONFIG_NAMES = (".disclint.toml", "pyproject.toml", "setup.cfg")
_TOP_KEYS = {"select", "ignore", "fail-level", "baseline", "rule-dirs", "rules", "vocabulary"}
_RULE_KEYS = {"enabled", "level", "options"}


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_level: str | None = None
    baseline: str | None = None
    rule_dirs: list[str] = field(default_factory=list)
    rule_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str | None = None
    # accepted terms (company and product names, acronyms explained elsewhere): a finding whose
    # span lies inside one of them is not reported (Vale's "accept" vocabulary)
    vocabulary: list[str] = field(default_factory=list)

    # -------------------------------------------------------------- rules
    def all_rules(self) -> list[Rule]:
        return load_rules(tuple(self.rule_dirs))

    def rules(self) -> list[Rule]:
        """All known rules with this configuration applied (disabled ones have ``enabled=False``)."""
        rules = self.all_rules()
        ids = {r.id for r in rules}
        where = self.source or "--select/--ignore"
        for p in self.select + self.ignore:
            if not any(_matches(r.id, p) for r in rules):
                raise ConfigError("config.unknown_rule", path=where, rule=p, hint=_suggest(p, ids))
        out = []
        for r in rules:
            s = self.rule_settings.get(r.id, {})
            selected = (not self.select or any(_matches(r.id, p) for p in self.select)) and not any(
                _matches(r.id, p) for p in self.ignore
            )
            # a rule that is off by default is switched on by config or by naming its exact id
            # in --select (a prefix selects only the rules that are on by default)
            enabled = selected and s.get("enabled", r.enabled or r.id in self.select)
            out.append(_apply(r, s, enabled, self.source or ""))
        for rid in self.rule_settings:
            if rid not in ids:
                raise ConfigError("config.unknown_rule", path=self.source or "", rule=rid, hint=_suggest(rid, ids))
        return out

    def with_cli(
        self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), fail_level: str | None = None
    ) -> Config:
        return Config(
            select=_split(select) or self.select,
            ignore=self.ignore + _split(ignore),
            fail_level=fail_level or self.fail_level,
            baseline=self.baseline,
            rule_dirs=self.rule_dirs,
            rule_settings=self.rule_settings,
            source=self.source,
            vocabulary=self.vocabulary,
        )


def _split(values: tuple[str, ...] | list[str]) -> list[str]:
    return [p.strip() for v in values for p in str(v).split(",") if p.strip()]


def _matches(rule_id: str, prefix: str) -> bool:
    return prefix in ("all", "*") or rule_id == prefix or rule_id.startswith(prefix.rstrip(".") + ".")


def _suggest(name: str, ids: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(ids) + list(QUALITIES), n=1)
    return close[0] if close else ""


def _apply(rule: Rule, s: dict[str, Any], enabled: bool, where: str) -> Rule:
    level = s.get("level")
    if level is not None and level not in ("error", "warning", "info"):
        raise ConfigError("config.bad_value", path=where, setting=f"rules.{rule.id}.level", value=level)
    options = dict(s.get("options") or {})
    if options:
        from .registry import checks

        cls = checks.get(rule.extends)
        known = cls.known_options() if cls else set()
        bad = [k for k in options if k not in known and k not in rule.options and "*" not in known]
        if "*" in known:
            bad = [k for k in options if k not in rule.options and k not in ("scope", "kinds")]
        if bad:
            raise ConfigError("config.unknown_option", path=where, rule=rule.id, option=bad[0])
        for key, value in options.items():  # checked now, not as an "internal error" per document
            if key in rule.options and not _same_kind(rule.options[key], value):
                raise ConfigError("config.bad_value", path=where, setting=f"rules.{rule.id}.{key}", value=repr(value))
    new = rule.with_overrides(level=level, options=options, enabled=enabled)
    if options:
        try:
            new.make_check()
        except Exception as exc:
            raise ConfigError(
                "config.bad_value", path=where, setting=f"rules.{rule.id}", value=f"{type(exc).__name__}: {exc}"
            ) from None
    return new


def _same_kind(default: Any, value: Any) -> bool:
    """Does a configured option fit the rule's default? Numbers must be numbers and not
    negative (``max = -1`` or ``max = "abc"`` would fail inside every document); strings,
    lists, mappings and booleans must keep their type. An option without a default is free."""
    if default is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 and value == value
    for kind in (str, list, dict):
        if isinstance(default, kind):
            return isinstance(value, kind)
    return True


# ------------------------------------------------------------------ loading
MAX_CONFIG_BYTES = 4 * 1024 * 1024


def _read_config_text(path: Path) -> str:
    """A config is read only from a regular file of at most 4 MB (a FIFO would hang)."""
    from .safeio import read_input_bytes

    data = read_input_bytes(path, MAX_CONFIG_BYTES, ConfigError, "config.unreadable", path=str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError("config.unreadable", path=str(path), reason=str(exc)) from None


def _read_toml(path: Path) -> dict[str, Any]:
    text = _read_config_text(path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.syntax", path=str(path), reason=str(exc)) from None


def _section_from_file(path: Path) -> dict[str, Any] | None:
    """The disclint settings in ``path``, or None when the file has none."""
    name = path.name
    if name == "pyproject.toml":
        data = _read_toml(path)
        return data.get("tool", {}).get("disclint")
    if name == "setup.cfg":
        cp = configparser.ConfigParser(interpolation=None)
        text = _read_config_text(path)
        try:
            cp.read_string(text, source=str(path))
        except (configparser.Error, UnicodeDecodeError) as exc:
            raise ConfigError("config.syntax", path=str(path), reason=str(exc).splitlines()[0]) from None
        if not cp.has_section("disclint") and not any(s.startswith("disclint.rules.") for s in cp.sections()):
            return None
        out: dict[str, Any] = {}
        if cp.has_section("disclint"):
            for k, v in cp.items("disclint"):
                out[k] = _split([v]) if k in ("select", "ignore", "rule-dirs") else v
        rules: dict[str, Any] = {}
        for sec in cp.sections():
            if sec.startswith("disclint.rules."):
                rules[sec[len("disclint.rules.") :]] = {k: _scalar(v) for k, v in cp.items(sec)}
        if rules:
            out["rules"] = rules
        return out
    data = _read_toml(path)
    return data.get("disclint", data)


def _scalar(v: str) -> Any:
    from .resources import load_user_yaml

    try:
        return load_user_yaml(v)
    except yaml.YAMLError:
        return v


def parse_config(data: dict[str, Any], source: str, explicit: bool = True) -> Config:
    if not isinstance(data, dict):
        raise ConfigError("config.bad_value", path=source, setting="disclint", value=type(data).__name__)
    unknown = set(data) - _TOP_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError("config.unknown_key", path=source, setting=key, hint=_suggest_key(key, _TOP_KEYS))
    base = Path(source).parent
    cfg = Config(source=source)
    for key in ("select", "ignore", "rule-dirs", "vocabulary"):
        value = data.get(key, [])
        if isinstance(value, str):
            value = _split([value])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError("config.bad_value", path=source, setting=key, value=value)
        if key == "rule-dirs":
            if value and not explicit:  # code from a file found next to a document: never
                raise ConfigError("config.untrusted_rule_dirs", path=source)
            cfg.rule_dirs = [str((base / v).resolve()) for v in value]
        elif key == "vocabulary":
            cfg.vocabulary = [v for v in value if v.strip()]
        else:
            setattr(cfg, key, value)
    fl = data.get("fail-level")
    if fl is not None and fl not in FAIL_LEVELS:
        raise ConfigError("config.bad_value", path=source, setting="fail-level", value=fl)
    cfg.fail_level = fl
    if data.get("baseline") is not None:
        cfg.baseline = str((base / str(data["baseline"])).resolve())
    rules = data.get("rules", {}) or {}
    if not isinstance(rules, dict):
        raise ConfigError("config.bad_value", path=source, setting="rules", value=type(rules).__name__)
    for rid, s in rules.items():
        if not isinstance(s, dict):
            raise ConfigError("config.bad_value", path=source, setting=f"rules.{rid}", value=s)
        opts = dict(s.get("options") or {})
        opts.update({k: v for k, v in s.items() if k not in _RULE_KEYS})
        entry: dict[str, Any] = {"options": opts}
        if "enabled" in s:
            if not isinstance(s["enabled"], bool):
                raise ConfigError("config.bad_value", path=source, setting=f"rules.{rid}.enabled", value=s["enabled"])
            entry["enabled"] = s["enabled"]
        if "level" in s:
            entry["level"] = s["level"]
        cfg.rule_settings[str(rid)] = entry
    return cfg


def _suggest_key(key: str, keys: set[str]) -> str:
    close = difflib.get_close_matches(key, sorted(keys), n=1)
    return close[0] if close else ""


def discover(start: str | Path) -> Path | None:
    """The nearest config file with disclint settings, from ``start`` upward."""
    p = Path(start).resolve()
    d = p if p.is_dir() else p.parent
    for folder in (d, *d.parents):
        for name in CONFIG_NAMES:
            cand = folder / name
            if cand.is_file() and _section_from_file(cand) is not None:
                return cand
    return None


def load_config(path: str | Path, explicit: bool = True) -> Config:
    p = Path(path)
    try:
        if not p.exists():
            raise ConfigError("config.not_found", path=str(path))
    except ValueError:  # NUL in the path
        raise ConfigError("config.not_found", path=str(path)) from None
    data = _section_from_file(p)
    if data is None:
        data = {}
    return parse_config(data, str(p), explicit)


def config_for(file: str | Path, explicit: str | None = None, isolated: bool = False) -> Config:
    """The config for ``file``: ``explicit`` (``--config``, trusted), else the discovered one
    (not trusted with ``rule-dirs``), else the defaults; ``isolated`` skips discovery."""
    if explicit:
        return load_config(explicit, explicit=True)
    if isolated:
        return Config()
    found = discover(file)
    return load_config(found, explicit=False) if found else Config()
