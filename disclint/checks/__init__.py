"""The rule engine: typed checks (Python) configured by rules (YAML).

A rule is ``rules/<quality>/<name>.yml``; its ``extends:`` names one check type from
:data:`CHECKS`, an explicit registry (spaCy-style: ``@CHECKS.register("name")``; the
built-in modules are imported by :func:`load_builtin_checks`, nothing registers itself
as a side effect of importing an unrelated module).

Check types: ``existence``, ``substitution``, ``metric``, ``occurrence``, ``pattern``,
``coverage`` and ``python`` (escape hatch: ``python: module:function``).
"""

from __future__ import annotations

from .base import CHECKS, Check, CheckContext, Hit, Registry, load_builtin_checks
from .rules import QUALITIES, Rule, load_rules, rules_dir

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "Hit",
    "QUALITIES",
    "Registry",
    "Rule",
    "load_builtin_checks",
    "load_rules",
    "rules_dir",
]
