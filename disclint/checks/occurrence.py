"""``occurrence``: a token that occurs too often (or too rarely) within a unit.

Options: ``token`` (regex), ``unit`` (``sentence`` or ``block``), ``max`` and/or ``min``.
The finding spans the unit; the message gets ``{count}``, ``{max}``, ``{min}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..registry import checks
from .base import PROSE_KINDS, Check, CheckContext, Hit


@checks.register("occurrence")
class Occurrence(Check):
    OPTIONS = {"token": "", "unit": "sentence", "max": None, "min": None, "if_unit": None}

    def setup(self) -> None:
        if not self.options["token"]:
            raise ValueError("occurrence needs 'token'")
        if self.options["unit"] not in ("sentence", "block"):
            raise ValueError("unit must be sentence or block")
        self.regex = re.compile(self.options["token"])
        self.if_unit = re.compile(self.options["if_unit"]) if self.options["if_unit"] else None
        if self.kinds is None:
            self.kinds = PROSE_KINDS

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        hi, lo = self.options["max"], self.options["min"]
        for i, b in ctx.blocks(self.scope, self.kinds):
            text = b.norm.text
            units = ctx.sentences(i) if self.options["unit"] == "sentence" else [(0, len(text))]
            for s, e in units:
                unit = text[s:e]
                if not unit.strip() or (self.if_unit and not self.if_unit.search(unit)):
                    continue
                n = len(self.regex.findall(unit))
                if (hi is not None and n > hi) or (lo is not None and n < lo):
                    st = s + (len(unit) - len(unit.lstrip()))
                    yield Hit(i, st, s + len(unit.rstrip()), {"count": n, "max": hi, "min": lo})
