"""``substitution``: a wrong form and the preferred one.

Options: ``swap`` (mapping regex -> preferred text; the preferred text may use ``\\1``
back-references), ``match_on`` (``norm`` or ``original``) and the sentence filters of
``existence``. The message gets ``{match}`` and ``{preferred}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..registry import checks
from .base import CheckContext, Hit
from .existence import Existence


@checks.register("substitution")
class Substitution(Existence):
    OPTIONS = {k: v for k, v in Existence.OPTIONS.items() if k not in ("tokens", "patterns")} | {"swap": {}}

    def setup(self) -> None:
        swap = self.options["swap"]
        if not isinstance(swap, dict) or not swap:
            raise ValueError("substitution needs a non-empty 'swap' mapping")
        self._pairs = [(re.compile(k), str(v)) for k, v in swap.items()]
        self.options = dict(self.options, patterns=list(swap), tokens=[])
        super().setup()

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        on_norm = self.options["match_on"] == "norm"
        for i, _ in ctx.blocks(self.scope, self.kinds):
            for s, e, m in self.matches(ctx, i):
                found = m.group(0)
                preferred = ""
                for rx, rep in self._pairs:
                    mm = rx.fullmatch(found)
                    if mm:
                        preferred = mm.expand(rep)
                        break
                yield Hit(i, s, e, {"match": found, "preferred": preferred}, on_norm=on_norm)
