"""``no-cyber-content``: the document has text but no cybersecurity passage
(rule ``relevance.no-cyber-content``).

The mapper's passages decide: not one of them is about cybersecurity. A document with fewer than
``min_blocks`` paragraphs or list items is not judged, nor one whose title presents another topic
(an environment or IR disclosure policy, a top message) or a vendor's column or service page
(:class:`disclint.analysis.scope.Subject`, ``rules/scope.yml``): only a security page, a report
where cyber disclosure belongs, or an untitled draft is expected to speak of cybersecurity.

Options:
    ``min_blocks`` (int, 1): fewer prose blocks: the document is not judged.

FAIL::

    当期の売上高は前期より8%増え、海外向けの比率が高まりました。

PASS::

    当社は全PCに不正侵入の検知ソフトを導入し、外部の事業者が常時監視しております。

PASS (a page titled for another topic)::

    環境基本方針
    当社は事業活動に伴う温室効果ガスの排出を削減します。
"""

from __future__ import annotations

from collections.abc import Iterable

from ...registry import checks
from ..base import PROSE_KINDS, Check, CheckContext, Hit


@checks.register("no-cyber-content")
class NoCyberContent(Check):
    OPTIONS = {"min_blocks": 1}
    ONE_RULE = True

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        prose = [b for b in ctx.doc.blocks if b.kind in PROSE_KINDS and b.text.strip()]
        if len(prose) < int(self.options["min_blocks"]):
            return
        if not ctx.scope.subject.expects_cyber:
            return
        if not any(r.cyber for r in ctx.results):
            yield Hit(None)
