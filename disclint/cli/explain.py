"""``disclint rule ID`` (like ``ruff rule``) and the text of ``disclint rules``: a rule explained
in full from its YAML, in the chosen language; message templates rendered with ``…`` for the
parts a finding fills in (never a raw ``{placeholder}``)."""

from __future__ import annotations

import json
import string
from typing import Any

from ..checks.rules import Rule
from ..i18n import level_label, quality_label, texts


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "…"


def render_template(template: str) -> str:
    """A message template with every ``{field}`` replaced by ``…``."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
        if not fields:
            return template
        return template.format_map(_Blank())
    except (ValueError, IndexError, KeyError, AttributeError):
        return template


def rendered(rule: Rule, name: str, lang: str) -> str:
    entry = getattr(rule, name) or {}
    return render_template(entry.get(lang) or entry.get("en") or entry.get("ja") or "")


def _example_text(ex: Any) -> str:
    return str(ex["text"] if isinstance(ex, dict) and "text" in ex else ex).strip()


def _option_value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text


def explain(rule: Rule, lang: str) -> str:
    L = texts("explain", lang)
    quality = quality_label(rule.quality, lang)
    out = [rule.id, ""]
    quality = quality if quality == rule.quality else f"{quality} ({rule.quality})"
    out.append(
        f"{quality} · {level_label(rule.level.value, lang)} ({rule.level.value}) · "
        f"{L['check']}: {rule.extends}{' (' + rule.python + ')' if rule.python else ''} · "
        f"{L['enabled'] if rule.enabled else L['disabled']}"
    )
    out += ["", f"{L['message']}:", f"  {rendered(rule, 'message', lang)}"]
    out += ["", f"{L['explanation']}:", f"  {rendered(rule, 'explanation', lang).strip()}"]
    if rule.hint:
        out += ["", f"{L['hint']}:", f"  {rendered(rule, 'hint', lang).strip()}"]
    if rule.reference:
        out += ["", f"{L['reference']}: {rule.reference}"]
    if rule.options:
        out += ["", f"{L['options']}:"]
        for key, value in rule.options.items():
            out.append(f"  {key} = {_option_value(value)}")
    fails, passes = rule.examples.get("invalid", []), rule.examples.get("valid", [])
    if fails or passes:
        out += ["", f"{L['examples']}:"]
        out += [f"  FAIL  {_example_text(ex)}" for ex in fails]
        out += [f"  PASS  {_example_text(ex)}" for ex in passes]
    return "\n".join(out) + "\n"


def explain_json(rule: Rule, lang: str) -> dict[str, Any]:
    d = rule.to_dict(lang)
    d["message_rendered"] = rendered(rule, "message", lang)
    d["examples"] = {
        "invalid": [_example_text(e) for e in rule.examples.get("invalid", [])],
        "valid": [_example_text(e) for e in rule.examples.get("valid", [])],
    }
    return d
