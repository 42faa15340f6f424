"""``mixed-style``: である調 and です・ます調 mixed within one section; the sentences of the
minority style are reported (rule ``understandability.mixed-style``).

Only paragraphs are read (not tables or list items), and notes (「注」「※」) are skipped. The
style of a sentence is its ending; on a tie the style of the section's first sentence wins.
A section whose style changes once, between two paragraphs (an introduction in です・ます調,
then the text of a policy in である調), is not mixed: the change is the writer's.

Options:
    ``max_per_section`` (int, 3): at most this many findings per section.

FAIL::

    # 情報セキュリティ
    当社は委員会を設置しております。委員会は毎月開催する。監査室が結果を確認しております。

PASS::

    # 情報セキュリティ
    当社は委員会を設置しております。委員会は毎月開催しております。

PASS (one change of style, between paragraphs)::

    当社は、次の基本方針を定めております。

    当社は、情報資産を適切に管理する。全従業員に教育を行う。
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...i18n import t
from ...model.document import BlockKind
from ...registry import checks
from ..base import Check, CheckContext, Hit
from .common import group_by_section

_DESU = re.compile(r"(ます|ました|ません|ませんでした|です|でした|ましょう|ください|下さい)[)」』]*[。.]\s*$")
_DEARU = re.compile(r"(である|であった|だ|だった|ない|なかった|た|る|う|く|す|つ|む|ぶ|ぐ|い)[)」』]*[。.]\s*$")


@checks.register("mixed-style")
class MixedStyle(Check):
    OPTIONS = {"max_per_section": 3}
    ONE_RULE = True

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        max_per = int(self.options["max_per_section"])
        idx = [i for i, _ in ctx.blocks(self.scope, {BlockKind.PARAGRAPH})]
        for _sec, blocks in group_by_section(ctx, idx).items():
            desu: list[tuple[int, int, int]] = []
            dearu: list[tuple[int, int, int]] = []
            for i in blocks:
                text = ctx.doc.blocks[i].norm.text
                if re.match(r"\s*([(]?注|※)", text):
                    continue
                for s, e in ctx.sentences(i):
                    sent = text[s:e]
                    if _DESU.search(sent):
                        desu.append((i, s, e))
                    elif _DEARU.search(sent):
                        dearu.append((i, s, e))
            if not desu or not dearu or _switches_once_between_paragraphs(desu, dearu):
                continue
            if len(desu) < len(dearu) or (len(desu) == len(dearu) and dearu[0] < desu[0]):
                minority, style, other = desu, "desumasu", "dearu"
            else:
                minority, style, other = dearu, "dearu", "desumasu"
            style, other = t(f"check.style.{style}", ctx.lang), t(f"check.style.{other}", ctx.lang)
            for i, s, e in minority[:max_per]:
                sent = ctx.doc.blocks[i].norm.text[s:e]
                st = s + len(sent) - len(sent.lstrip())
                yield Hit(i, st, s + len(sent.rstrip()), {"style": style, "other": other, "count": len(minority)})


def _switches_once_between_paragraphs(desu: list[tuple[int, int, int]], dearu: list[tuple[int, int, int]]) -> bool:
    """The styled sentences in document order form two runs, and the second starts a new paragraph."""
    ordered = sorted([(i, s, 0) for i, s, _ in desu] + [(i, s, 1) for i, s, _ in dearu])
    changes = [k for k in range(1, len(ordered)) if ordered[k][2] != ordered[k - 1][2]]
    return len(changes) == 1 and ordered[changes[0]][0] != ordered[changes[0] - 1][0]
