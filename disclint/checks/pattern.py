"""``pattern``: a sequence of token conditions over SudachiPy tokens (via GiNZA).

Tokenising is the expensive part, so only sentences that match the cheap ``prefilter``
regex are tokenised. ``tokens`` is a list of conditions, one per consecutive token; each
condition may test ``text``, ``lemma``, ``norm`` (exact, or a list of alternatives),
``pos`` (UD tag or list) and ``tag`` (regex searched in the Sudachi part of speech,
e.g. ``サ変可能``). The message gets ``{match}`` and ``{t0}``, ``{t1}`` … (token texts).

``suggest`` (optional) names a function ``module:function(window, tokens, k) -> (last, text) | None``
that rewrites a match: ``window`` the matched tokens, ``tokens`` the sentence, ``k`` the index of
the first matched token; it returns the index of the last token the rewrite covers (the match is
extended to it) and the suggested text (``{suggestion}`` in the message), or None to drop the match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..registry import checks
from .base import PROSE_KINDS, Check, CheckContext, Hit

_FIELDS = {"text", "lemma", "norm", "pos", "tag"}


def _as_set(value: Any) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset([value] if isinstance(value, str) else value)


@checks.register("pattern")
class Pattern(Check):
    OPTIONS = {"prefilter": "", "tokens": [], "suggest": ""}

    def setup(self) -> None:
        if not self.options["prefilter"]:
            raise ValueError("pattern needs a 'prefilter' regex (keeps tokenising cheap)")
        self.prefilter = re.compile(self.options["prefilter"])
        conds = []
        for spec in self.options["tokens"]:
            if not isinstance(spec, dict) or set(spec) - _FIELDS:
                raise ValueError(f"bad token condition {spec!r}")
            conds.append(
                {
                    "text": _as_set(spec.get("text")),
                    "lemma": _as_set(spec.get("lemma")),
                    "norm": _as_set(spec.get("norm")),
                    "pos": _as_set(spec.get("pos")),
                    "tag": re.compile(spec["tag"]) if spec.get("tag") else None,
                }
            )
        if not conds:
            raise ValueError("pattern needs 'tokens'")
        self.conds = conds
        self.suggest = None
        if self.options["suggest"]:
            import importlib

            mod, _, func = str(self.options["suggest"]).partition(":")
            self.suggest = getattr(importlib.import_module(mod), func)
        if self.kinds is None:
            self.kinds = PROSE_KINDS

    def _ok(self, tok: Any, c: dict[str, Any]) -> bool:
        return (
            (c["text"] is None or tok.text in c["text"])
            and (c["lemma"] is None or tok.lemma_ in c["lemma"])
            and (c["norm"] is None or tok.norm_ in c["norm"])
            and (c["pos"] is None or tok.pos_ in c["pos"])
            and (c["tag"] is None or bool(c["tag"].search(tok.tag_)))
        )

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        n = len(self.conds)
        for i, b in ctx.blocks(self.scope, self.kinds):
            text = b.norm.text
            for s, e in ctx.sentences(i):
                if not self.prefilter.search(text[s:e]):
                    continue
                toks = list(ctx.tokens(i, s, e))
                for k in range(len(toks) - n + 1):
                    window = toks[k : k + n]
                    if all(self._ok(t, c) for t, c in zip(window, self.conds, strict=False)):
                        last, extra = toks[k + n - 1], {}
                        if self.suggest is not None:
                            rewrite = self.suggest(window, toks, k)
                            if rewrite is None:
                                continue
                            last, extra = toks[rewrite[0]], {"suggestion": rewrite[1]}
                        st = s + window[0].idx
                        en = s + last.idx + len(last.text)
                        params = {"match": text[st:en], **{f"t{j}": t.text for j, t in enumerate(window)}, **extra}
                        yield Hit(i, st, en, params)
