"""The company profile: a small explicit schema, validation and the values templates see.

The profile (YAML) holds the facts a draft may state; nothing else is ever asserted. Every
leaf of :data:`SCHEMA` has a type, a short Japanese label (used in placeholders such as
``【要記入: 標的型メール訓練の実施回数】``) and a comment (written by ``disclint init``).
Any leaf may be left empty (``null``): the draft then shows a placeholder instead of a fact.

Validation reports each problem as one line with the key path (``governance.ciso_title``):
unknown keys (with a did-you-mean), wrong types, values outside an enumeration.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import lookup
from ..model.errors import ConfigError
from .formats import Date, format_fact
from .schema import (  # noqa: F401  (re-exported: the schema is part of the profile's API)
    _ZERO_IS_NO,
    MAX_LABEL,
    MEASURE_BY_NAME,
    MEASURE_KEYS,
    MEASURES,
    NO,
    NO_WORDS,
    SCHEMA,
    F,
    Field,
    Measure,
    Section,
    Table,
    _is_no,
    _No,
    measure_state,
)


class ProfileError(ConfigError):
    """An invalid profile; ``message(lang)`` is one line naming the key path."""

    def message(self, lang: str = "ja") -> str:
        from ..i18n import t

        params = dict(self.params)
        if "expected" in params:
            params["expected"] = kind_word(params["expected"], lang)
        return t(self.code, lang, **params)


# ----------------------------------------------------------------------------- values
@dataclass
class Fact:
    """One leaf of the profile as templates see it.

    ``str(fact)`` is the value, or the placeholder when the value is missing, so a template
    can never print an invented or empty fact. ``fact.known`` says whether a value is given;
    truth testing is false for a missing value, ``false`` and empty lists.
    """

    value: Any
    label: str
    kind: str
    path: str
    calendar: str = "seireki"

    @property
    def known(self) -> bool:
        """A value is given (zero included); *no* (なし, false) is not a value to print."""
        return self.value is not None and self.value is not NO and self.value != [] and self.value != ""

    @property
    def no(self) -> bool:
        """Declared as not in place (false, なし, 未定, …)."""
        return _is_no(self.value)

    def __bool__(self) -> bool:
        return bool(self.value) if self.known else False

    def __iter__(self) -> Iterator[Any]:
        return iter(self.value if isinstance(self.value, list) else [])

    def __len__(self) -> int:
        return len(self.value) if isinstance(self.value, list) else 0

    def __str__(self) -> str:
        return format_fact(self)


class Node:
    """A section of the profile: attributes are child nodes or :class:`Fact` s."""

    def __init__(self, path: str, children: dict[str, Any]) -> None:
        self._path = path
        self.__dict__.update(children)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Node({self._path or '<root>'})"


@dataclass
class Profile:
    data: dict[str, Any]  # validated, with every schema key present (None when missing, NO when declared no)
    path: str | None = None
    warnings: list[ProfileError] = field(default_factory=list)  # values understood as *no*

    def state(self, name: str) -> str:
        """``yes`` / ``no`` / ``unknown`` for the measure ``name`` (a planned measure is *no*)."""
        state = measure_state(MEASURE_BY_NAME[name], self.data)
        if state == "unknown" and self.plan(name) is not None:
            return "no"
        return state

    def plan(self, name: str) -> Date | None:
        """The date by which the measure ``name`` is planned (``plans`` in the profile), if any."""
        for row in self.data.get("plans") or []:
            if _plan_measure(row.get("measure")) == name and isinstance(row.get("by"), Date):
                return row["by"]
        return None

    @property
    def calendar(self) -> str:
        return self.data["fiscal_year"]["calendar"] or "seireki"

    def get(self, dotted: str) -> Any:
        cur: Any = self.data
        for part in dotted.split("."):
            cur = cur[part]
        return cur

    def facts(self) -> Node:
        """The tree templates see (``p.governance.ciso_title`` …)."""
        return _to_node(SCHEMA, self.data, "", self.calendar)

    @property
    def company_name(self) -> str:
        return self.data["company"]["name"] or ""


def _to_node(section: Section, data: dict[str, Any], prefix: str, calendar: str) -> Node:
    children: dict[str, Any] = {}
    for key, spec in section.fields.items():
        path = f"{prefix}{key}"
        value = data.get(key)
        if isinstance(spec, Section):
            children[key] = _to_node(spec, value or {}, path + ".", calendar)
        elif isinstance(spec, Table):
            rows = [_to_node(spec.row, row, f"{path}[{i}].", calendar) for i, row in enumerate(value or [])]
            children[key] = Fact(rows or None, spec.label, "table", path, calendar)
        else:
            children[key] = Fact(value, spec.label, spec.kind, path, calendar)
    return Node(prefix.rstrip("."), children)


# ----------------------------------------------------------------------------- validation
@dataclass
class _Errors:
    source: str
    items: list[ProfileError] = field(default_factory=list)
    warnings: list[ProfileError] = field(default_factory=list)

    def add(self, code: str, **params: Any) -> None:
        self.items.append(ProfileError(code, path=self.source, **params))

    def warn(self, code: str, **params: Any) -> None:
        self.warnings.append(ProfileError(code, path=self.source, **params))


def _generic(path: str) -> str:
    return re.sub(r"\[\d+\]", "", path)


def kind_word(kind: str, lang: str) -> str:
    return lookup(f"profile.kind.{kind}", lang, kind)


def _all_paths(section: Section, prefix: str = "") -> list[str]:
    out = []
    for key, spec in section.fields.items():
        out.append(prefix + key)
        if isinstance(spec, Section):
            out.extend(_all_paths(spec, prefix + key + "."))
    return out


def _suggest(key: str, section: Section, prefix: str) -> str:
    names = list(section.fields)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return prefix + close[0]
    # a key put in the wrong section: look for the same name anywhere
    everywhere = [p for p in _all_paths(SCHEMA) if p.rsplit(".", 1)[-1] == key]
    if everywhere:
        return everywhere[0]
    close = difflib.get_close_matches(key, [p.rsplit(".", 1)[-1] for p in _all_paths(SCHEMA)], n=1, cutoff=0.6)
    if close:
        return next(p for p in _all_paths(SCHEMA) if p.rsplit(".", 1)[-1] == close[0])
    return ""


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _check_section(section: Section, data: Any, prefix: str, errors: _Errors) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        errors.add("profile.wrong_type", item=prefix.rstrip(".") or "(top)", expected="section", value=_show(data))
        data = {}
    for key in data:
        if key not in section.fields:
            hint = _suggest(str(key), section, prefix)
            if hint:
                errors.add("profile.unknown_key", item=f"{prefix}{key}", hint=hint)
            else:
                errors.add("profile.unknown_key_nohint", item=f"{prefix}{key}")
    for key, spec in section.fields.items():
        path = f"{prefix}{key}"
        value = data.get(key)
        if isinstance(spec, Section):
            out[key] = _check_section(spec, value, path + ".", errors)
        elif isinstance(spec, Table):
            out[key] = _check_table(spec, value, path, errors)
        else:
            out[key] = _check_field(spec, value, path, errors)
    return out


def _check_table(spec: Table, value: Any, path: str, errors: _Errors) -> Any:
    if value is None:
        return None
    if path in MEASURE_KEYS and (value is False or (isinstance(value, str) and value.strip() in NO_WORDS)):
        errors.warn("profile.understood_as_no", item=path, value=_show(value))
        return NO
    if not isinstance(value, list):
        errors.add("profile.wrong_type", item=path, expected="table", value=_show(value))
        return None
    rows = []
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            errors.add("profile.wrong_type", item=f"{path}[{i}]", expected="section", value=_show(row))
            continue
        rows.append(_check_section(spec.row, row, f"{path}[{i}].", errors))
    return rows or None


_DATE_RE = re.compile(r"^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?\s*$")


def parse_date(value: Any) -> Date | None:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return Date(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return Date(value)
    if isinstance(value, str):
        m = _DATE_RE.match(value)
        if m:
            y, mo, d = (int(x) if x else None for x in m.groups())
            try:
                _dt.date(y, mo or 1, d or 1)
            except ValueError:
                return None
            return Date(y, mo, d)
    return None


def _check_field(spec: Field, value: Any, path: str, errors: _Errors) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if _generic(path) in MEASURE_KEYS:
        if isinstance(value, str) and value.strip() in NO_WORDS:
            errors.warn("profile.understood_as_no", item=path, value=_show(value))
            return NO
        if value is False:
            if spec.kind != "bool":
                errors.warn("profile.understood_as_no", item=path, value=_show(value))
            return NO if spec.kind != "bool" else False
    kind = spec.kind
    ok = True
    if kind == "str":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # 「第78期」のような数字だけの名称も文字列として受け付ける
        ok = isinstance(value, str)
        if ok:
            value = value.strip()
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    elif kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "date":
        parsed = parse_date(value)
        ok = parsed is not None
        value = parsed if ok else value
    elif kind == "list":
        if isinstance(value, str):
            value = [value]
        ok = isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)
        if ok:
            value = [x.strip() for x in value] or None
    elif kind == "enum":
        if value not in spec.choices:
            errors.add("profile.bad_choice", item=path, value=_show(value), choices=" / ".join(spec.choices))
            return None
    if not ok:
        errors.add("profile.wrong_type", item=path, expected=kind, value=_show(value))
        return None
    return value


def validate(data: Any, source: str = "<profile>") -> tuple[Profile, list[ProfileError]]:
    """Check ``data`` against :data:`SCHEMA`; returns the profile and all problems found."""
    errors = _Errors(source)
    if data is not None and not isinstance(data, dict):
        errors.add("profile.not_mapping")
        data = {}
    clean = _check_section(SCHEMA, data, "", errors)
    for i, row in enumerate(clean.get("plans") or []):
        name = row.get("measure")
        if name is None or name is NO:
            errors.add("profile.wrong_type", item=f"plans[{i}].measure", expected="str", value=_show(None))
        elif _plan_measure(name) is None:
            close = difflib.get_close_matches(
                str(name), [m.name for m in MEASURES] + list(MEASURE_KEYS), n=1, cutoff=0.6
            )
            errors.add(
                "profile.unknown_measure",
                item=f"plans[{i}].measure",
                value=_show(name),
                hint=close[0] if close else "it_bcp",
            )
        if row.get("by") is None:
            errors.add("profile.plan_needs_date", item=f"plans[{i}].by")
    return Profile(clean, source, errors.warnings), errors.items


def _plan_measure(name: Any) -> str | None:
    """A plan names a measure by its name (``it_bcp``) or by one of its keys (``bcp.it_bcp``)."""
    if not isinstance(name, str):
        return None
    if name in MEASURE_BY_NAME:
        return name
    m = MEASURE_KEYS.get(name)
    return m.name if m else None


def empty_profile() -> Profile:
    return validate({})[0]


MAX_PROFILE_BYTES = 4 * 1024 * 1024


def load_profile(path: str | Path) -> Profile:
    """Read and validate a YAML profile; raises the first :class:`ProfileError` (all are in ``.all``)."""
    import yaml

    from ..resources import load_user_yaml, yaml_bomb_error
    from ..safeio import read_input_bytes

    p = Path(path)
    try:
        if not p.exists():
            raise ProfileError("profile.not_found", path=str(path))
    except ValueError:  # NUL in the path
        raise ProfileError("profile.not_found", path=str(path)) from None
    # a regular file of at most 4 MB (a FIFO would hang, /dev/zero never end)
    raw = read_input_bytes(p, MAX_PROFILE_BYTES, ProfileError, "profile.unreadable", path=str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError("profile.unreadable", path=str(path), reason=type(exc).__name__) from None
    try:
        data = load_user_yaml(text)  # aliases expanded beyond 100,000 nodes are refused
    except yaml_bomb_error() as exc:
        raise ProfileError("profile.yaml_aliases", path=str(path), nodes=f"{exc.limit:,}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise ProfileError(
            "profile.syntax", path=str(path), reason=f"{where}: {problem}" if where else str(problem)
        ) from None
    profile, errors = validate(data, str(path))
    if errors:
        first = errors[0]
        first.all = errors  # type: ignore[attr-defined]
        raise first
    return profile


# ----------------------------------------------------------------------------- init file
_INIT_HEADER = """\
# disclint 会社プロファイル（disclint init で作成）
#
# disclint draft は、このファイルに書かれた事実だけを使って開示文の下書きを作ります。
# 対策は「実施している（値を書く・true）」「実施していない（なし・false）」「不明（空欄）」のいずれかです。
# 実施していない対策は下書きに書かれません。空欄の対策は【要確認: …】、実施している対策の空欄の細目
# （回数・割合など）は【要記入: …】と表示されます。推測で埋めず、確認できた事実だけを書いてください。
# disclint lint は【要確認】【要記入】の残りをエラーとして報告します。
#
# 値の書き方: 文字列はそのまま、数値は単位なし（%・人・時間は書かない）、真偽は true / false、
# 日付は 2024-04-01（年月だけなら 2024-04）、リストは [A, B] または行頭に「- 」。
# 項目の一覧と意味: docs/drafting.md
"""


def _yaml_scalar(value: Any) -> str:
    """A value as it would be written in the profile (for the examples in comments)."""
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value in ("%",):
        return f'"{value}"'
    return str(value)


def init_text() -> str:
    """The commented, empty profile that ``disclint init`` writes (generated from the schema)."""
    lines = [_INIT_HEADER]

    def walk(section: Section, indent: str) -> None:
        for key, spec in section.fields.items():
            if isinstance(spec, Section):
                lines.append("")
                lines.append(f"{indent}# ── {spec.comment} ──" if spec.comment else "")
                lines.append(f"{indent}{key}:")
                walk(spec, indent + "  ")
            elif isinstance(spec, Table):
                lines.append(f"{indent}# {spec.comment}。例:")
                for row in spec.example:
                    items = list(row.items())
                    k0, v0 = items[0]
                    lines.append(f"{indent}#   - {k0}: {_yaml_scalar(v0)}")
                    for k, v in items[1:]:
                        lines.append(f"{indent}#     {k}: {_yaml_scalar(v)}")
                lines.append(f"{indent}{key}:")
            else:
                comment = spec.comment
                if spec.example is not None:
                    comment = re.sub(r"（例: [^）]*）", "", comment)
                example = "" if spec.example is None else f"　例: {_yaml_scalar(spec.example)}"
                lines.append(f"{indent}# {comment}{example}")
                lines.append(f"{indent}{key}:")

    walk(SCHEMA, "")
    return "\n".join(lines).rstrip() + "\n"


def example_data() -> dict[str, Any]:
    """The schema's examples as one profile (the basis of templates/profiles/example-complete.yml)."""

    def walk(section: Section) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, spec in section.fields.items():
            if isinstance(spec, Section):
                out[key] = walk(spec)
            elif isinstance(spec, Table):
                out[key] = [dict(r) for r in spec.example]
            else:
                out[key] = spec.example
        return out

    return walk(SCHEMA)
