"""``python``: the escape hatch. The rule names ``python: module:function``.

The function is called as ``function(ctx, check)`` and yields :class:`~.base.Hit`s;
``check.options`` holds the rule's options (declared with defaults under ``options``).
Functions for the built-in rules live in :mod:`disclint.checks.library`.
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
