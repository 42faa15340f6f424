"""The rule engine: typed checks (Python) configured by rules (YAML).

A rule is ``rules/<quality>/<name>.yml``; its ``extends:`` names one check type of
:data:`disclint.registry.checks` (the module of each built-in check type is named there).

Check types: ``existence``, ``substitution``, ``metric``, ``occurrence``, ``pattern``,
``coverage`` and ``python`` (for user rules only: ``python: module:function``).
"""

from __future__ import annotations

from .base import Check, CheckContext, Hit
from .rules import QUALITIES, Rule, load_rules, rules_dir

__all__ = [
    "Check",
    "CheckContext",
    "Hit",
    "QUALITIES",
    "Rule",
    "load_rules",
    "rules_dir",
]
