"""``existence``: a finding for each match of a term or regular expression.

Options: ``tokens`` (literal terms), ``patterns`` (regexes), ``match_on`` (``norm``: the NFKC
view, default; ``original``: the text as written, e.g. for half-width kana), and three
filters that keep rules precise on real prose, all evaluated within the sentence:
``unless_sentence`` (skip when the sentence matches), ``unless_before`` (skip when the
text before the match, from the sentence start, matches; anchor with ``$``),
``unless_after`` (skip when the rest of the sentence matches; anchor with ``^``),
``if_sentence`` (only when the sentence also matches), ``max_per_block``;
``skip_quoted`` (skip a match inside 「…」 or 『…』: a quoted word or mindset is mentioned, not
asserted) and ``unless_list_follows`` (skip a match in a sentence that introduces a list: it
ends with a colon or 次のとおり, or it closes its block and the next block is a list item; a
regular expression instead of ``true`` requires the list items to match it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..registry import checks
from .base import Check, CheckContext, Hit, compile_patterns


@checks.register("existence")
class Existence(Check):
    OPTIONS = {
        "tokens": [],
        "patterns": [],
        "match_on": "norm",
        "ignorecase": False,
        "unless_sentence": None,
        "unless_before": None,
        "unless_after": None,
        "if_sentence": None,
        "max_per_block": 0,
        "skip_quoted": False,
        "unless_list_follows": False,
    }
    OPTION_TYPES = {"unless_list_follows": (bool, str)}

    def setup(self) -> None:
        o = self.options
        flags = re.IGNORECASE if o["ignorecase"] else 0
        pats = [re.escape(t) for t in o["tokens"]] + list(o["patterns"])
        self.regex = compile_patterns(pats, flags)
        if self.regex is None:
            raise ValueError("existence needs 'tokens' or 'patterns'")
        self.unless_sentence = compile_patterns([o["unless_sentence"]] if o["unless_sentence"] else [])
        self.unless_before = compile_patterns([o["unless_before"]] if o["unless_before"] else [])
        self.unless_after = compile_patterns([o["unless_after"]] if o["unless_after"] else [])
        ulf = o["unless_list_follows"]
        self.list_gives = re.compile(ulf) if isinstance(ulf, str) and ulf else None
        self.if_sentence = compile_patterns([o["if_sentence"]] if o["if_sentence"] else [])
        if o["match_on"] not in ("norm", "original"):
            raise ValueError("'match_on' must be norm or original")

    def matches(self, ctx: CheckContext, i: int) -> Iterable[tuple[int, int, re.Match[str]]]:
        block = ctx.doc.blocks[i]
        on_norm = self.options["match_on"] == "norm"
        text = block.norm.text if on_norm else block.text
        count = 0
        for m in self.regex.finditer(text):
            if m.end() == m.start():
                continue
            if on_norm:
                s, e = ctx.sentence_at(i, m.start())
            else:
                s, e = _sentence_in(text, m.start())
            sent = text[s:e]
            if self.if_sentence and not self.if_sentence.search(sent):
                continue
            if self.unless_sentence and self.unless_sentence.search(sent):
                continue
            if self.unless_before and self.unless_before.search(text[s : m.start()]):
                continue
            if self.unless_after and self.unless_after.search(text[m.end() : e]):
                continue
            if self.options["skip_quoted"] and _quoted(text[s : m.start()]):
                continue
            if self.options["unless_list_follows"] and _introduces_list(ctx, i, text, e, self.list_gives):
                continue
            yield m.start(), m.end(), m
            count += 1
            if self.options["max_per_block"] and count >= self.options["max_per_block"]:
                return

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        on_norm = self.options["match_on"] == "norm"
        for i, _ in ctx.blocks(self.scope, self.kinds):
            for s, e, m in self.matches(ctx, i):
                yield Hit(i, s, e, {"match": m.group(0)}, on_norm=on_norm)


def _sentence_in(text: str, pos: int) -> tuple[int, int]:
    from ..text.segment import sentence_spans

    for s, e in sentence_spans(text):
        if s <= pos < e:
            return s, e
    return 0, len(text)


def _quoted(before: str) -> bool:
    """Whether a position, given the sentence text before it, lies inside 「…」 or 『…』."""
    return before.count("「") > before.count("」") or before.count("『") > before.count("』")


_LIST_LEAD = re.compile(
    r"(?:[:：]|次の(?:とおり|通り)(?:です|であります|となります)?[。.]?|以下の(?:とおり|通り)(?:です)?[。.]?)\s*$"
)


def following_list(ctx: CheckContext, i: int, limit: int = 12) -> str:
    """The text of the list items right after block ``i`` (a lead paragraph), or "" when none follows."""
    from ..model.document import BlockKind

    blocks = ctx.doc.blocks
    if blocks[i].kind == BlockKind.LIST_ITEM:
        return ""
    items = []
    for b in blocks[i + 1 : i + 1 + limit]:
        if b.kind != BlockKind.LIST_ITEM:
            break
        items.append(b.norm.text)
    return "\n".join(items)


def _introduces_list(ctx: CheckContext, i: int, text: str, end: int, gives: re.Pattern[str] | None) -> bool:
    """The sentence ending at ``end`` leads into a list that gives the specifics (matching ``gives``, if set)."""
    lead = bool(_LIST_LEAD.search(text[:end].rstrip()))
    if not lead and text[end:].strip():
        return False  # not the block's last sentence
    items = following_list(ctx, i)
    if not items:
        return lead and gives is None
    return gives is None or bool(gives.search(items))
