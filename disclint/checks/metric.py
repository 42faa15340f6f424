"""``metric``: a measured quantity above a threshold.

``measure``: ``sentence_chars`` (characters per sentence, URLs and whitespace not
counted), ``kanji_run`` (longest run of consecutive kanji) or ``katakana_run``.
``max``: the largest allowed value. The message gets ``{value}`` and ``{max}``. For the runs,
``allow`` lists runs that are fine and ``skip_quoted`` skips runs inside 「」『』 (names of
regulations, committees and bodies, which the writer cannot shorten).
"""

from __future__ import annotations

import re
from typing import Iterable

from .base import CHECKS, PROSE_KINDS, Check, CheckContext, Hit

_URL = re.compile(r"https?://\S+")
_SPACE = re.compile(r"\s+")
_RUNS = {
    "kanji_run": re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々〆ヵヶ]+"),
    "katakana_run": re.compile(r"[\u30a1-\u30faー・]+"),
}


@CHECKS.register("metric")
class Metric(Check):
    OPTIONS = {"measure": "sentence_chars", "max": 100, "allow": [], "skip_quoted": False}

    def setup(self) -> None:
        if self.options["measure"] not in ("sentence_chars", *_RUNS):
            raise ValueError(f"unknown measure {self.options['measure']!r}")
        if self.kinds is None:
            self.kinds = PROSE_KINDS
        self.allow = set(self.options["allow"])

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        measure, limit = self.options["measure"], int(self.options["max"])
        for i, b in ctx.blocks(self.scope, self.kinds):
            text = b.norm.text
            if measure == "sentence_chars":
                for s, e in ctx.sentences(i):
                    sent = text[s:e]
                    n = len(_SPACE.sub("", _URL.sub("", sent)))
                    if n > limit:
                        st = s + (len(sent) - len(sent.lstrip()))
                        yield Hit(i, st, s + len(sent.rstrip()), {"value": n, "max": limit})
            else:
                quoted = _quoted_spans(text) if self.options["skip_quoted"] else []
                for m in _RUNS[measure].finditer(text):
                    if any(s <= m.start() < e for s, e in quoted):
                        continue
                    if len(m.group(0)) > limit and m.group(0) not in self.allow:
                        yield Hit(i, m.start(), m.end(), {"value": len(m.group(0)), "max": limit, "match": m.group(0)})


_QUOTED = re.compile(r"「[^「」]*」|『[^『』]*』")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
