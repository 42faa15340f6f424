"""``no-residual-risk``: cyber risk text that lists measures but never says some risk remains
(rule ``truthfulness.no-residual-risk``).

Residual-risk wording (困難, 完全には防げない, 万一 …, or a measure for once an incident has happened:
「発生した場合には、対策本部を設置し…」) counts across the whole risk item (every
paragraph under the item's heading, not only the cyber ones) and across the whole risk section when
it speaks of the risks or measures in general (a closing 「これらの対策を講じても…」). One finding per
risk section at most, on its first cyber paragraph that names a measure.

Options:
    ``section_pattern`` (str, regex, :data:`.common.RISK_SECTION`): the risk-section heading.

FAIL::

    # 事業等のリスク
    当社は、外部からの侵入を防ぐため監視体制を整備しております。

PASS::

    # 事業等のリスク
    当社は監視体制を整備しておりますが、すべての攻撃を防ぐことは困難です。

PASS (the measures plan for an incident that happens)::

    # 事業等のリスク
    当社は監視体制を整備しております。重大な事故が発生した場合には、対策本部を設置して復旧にあたります。
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...registry import checks
from ..base import PROSE_KINDS, Check, CheckContext, Hit
from .common import RISK_SECTION, risk_blocks, risk_root

_MITIGATION = re.compile(r"対策|体制|講じ|防止|実施|整備|導入|構築")
_RESIDUAL = re.compile(
    r"困難|限ら|限りません|防ぎきれ|防ぎ切れ|完全に(は|防ぐことは|排除することは)|否定でき|にもかかわらず|"
    r"しかしながら|ゼロに|残存|残余|想定を超え|可能性は(ある|あり)|場合があ|"
    # 「これらのリスクを完全に排除できるものではありません」「完全に防止できるわけではない」
    r"完全に[^。]{0,15}?(でき(ない|ず|ません|るもの(では|でな))|ものでは|わけでは|ことは)|"
    r"(排除|回避|防止|阻止)(でき|し切れ|しきれ)(ない|ず|ません|るものでは)|避けられ(ない|ず|ません)|"
    r"万一|万が一|"
    # a measure that takes effect once an incident has happened (「重大なインシデントが発生した場合には、
    # 対策本部を設置し…」) plans for the risk that remains: the text does not present it as gone
    r"(発生|被害|侵害|感染)[^。]{0,6}場合(に|には|は|にも)、?[^。]{0,40}?"
    r"(対策本部|初動|復旧|封じ込め|速やかに(対応|報告|復旧|連絡)|対応(手順|体制|方針|計画)|エスカレーション)"
)
# A residual-risk sentence that speaks of the risks or measures in general (「これらのリスク」「上記の対策を
# 講じても」) covers every item of the risk section, wherever it stands; 「上記のような規制…困難」 in
# another item does not (the general word must name risks, measures or events).
_GENERAL = re.compile(
    r"(これら|上記|以上|前記|いずれ|すべて|全て|各種|当該)の?[^。、]{0,6}?(リスク|対策|取組|取り組み|施策|措置|事象)"
)


@checks.register("no-residual-risk")
class NoResidualRisk(Check):
    OPTIONS = {"section_pattern": RISK_SECTION}
    ONE_RULE = True

    def setup(self) -> None:
        self.section = re.compile(self.options["section_pattern"])

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        roots: dict[tuple[str, ...], list[int]] = {}
        for i in risk_blocks(ctx, self.section):
            roots.setdefault(risk_root(ctx.doc.blocks[i].location.section, self.section), []).append(i)
        for root, blocks in roots.items():
            mitigating = [i for i in blocks if _MITIGATION.search(ctx.doc.blocks[i].norm.text)]
            if mitigating and not _residual_said(ctx, root, blocks):
                yield Hit(mitigating[0], None, None)


def _residual_said(ctx: CheckContext, root: tuple[str, ...], blocks: list[int]) -> bool:
    """Some paragraph under ``root`` says a risk remains: in one of ``blocks``' items, or in general."""
    items = {ctx.doc.blocks[i].location.section for i in blocks}
    for j, b in enumerate(ctx.doc.blocks):
        if b.kind not in PROSE_KINDS or b.location.section[: len(root)] != root:
            continue
        text = b.norm.text
        if not _RESIDUAL.search(text):
            continue
        if j in blocks or b.location.section in items or b.location.section == root:
            return True
        for s, e in ctx.sentences(j):
            if _RESIDUAL.search(text[s:e]) and _GENERAL.search(text[s:e]):
                return True
    return False
