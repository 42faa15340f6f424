"""``python``: the extension point for user rules. The rule names ``python: module:function``.

The function is called as ``function(ctx, check)`` and yields :class:`~.base.Hit`s;
``check.options`` holds the rule's options (any names; declared with defaults under ``options``,
which is also all the configuration may set). A user rule comes from ``rule-dirs``, which only a
configuration named with ``--config`` may give (a discovered one cannot load code).

Built-in rules never use it: a check of their own is a module of :mod:`disclint.checks.builtin`
that declares its options (typed, validated when the rule is loaded) and gives examples.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any

from ..registry import checks
from .base import Check, CheckContext, Hit


@checks.register("python")
class PythonCheck(Check):
    @classmethod
    def known_options(cls) -> set[str]:
        return {"*"}  # options are the function's business

    def setup(self) -> None:
        target = self.rule.python
        if ":" not in target:
            raise ValueError("python rules need 'python: module:function'")
        mod, func = target.split(":", 1)
        self.func: Callable[[CheckContext, Any], Iterable[Hit]] = getattr(importlib.import_module(mod), func)

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        return self.func(ctx, self)
