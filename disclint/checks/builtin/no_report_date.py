"""``no-report-date``: neither the file's properties nor its opening blocks give a date
(rule ``timeliness.no-report-date``).

A full date (「2025年6月27日」, 「令和7年6月27日」, 「2025/6/27」) in the first ``head_blocks``
blocks, a reference date anywhere (「2024年8月現在」, 「令和6年3月末時点」: the month is enough), or a
date in the document's metadata, is enough. A document with fewer than
``min_cyber_passages`` cybersecurity passages is not judged, nor a vendor's column or service
page, nor one whose title presents another topic (a privacy or IR disclosure policy page, a DX
page with a security section) unless ``min_share`` of its prose is cybersecurity text (a security
page under the heading 「基本方針」):
the rule is about the company's own disclosure
(:class:`disclint.analysis.scope.Subject`, ``rules/scope.yml``).

Options:
    ``head_blocks`` (int, 40): how many opening blocks are searched for a date.
    ``min_cyber_passages`` (int, 1): fewer cybersecurity passages: the document is not judged.
    ``min_share`` (float, 0.3): under a title of another topic, the share of the prose that must be
    cybersecurity text for the document to be judged.

FAIL::

    当社は、情報セキュリティ委員会を設けて対策を進めております。

PASS::

    2025年6月30日
    当社は、情報セキュリティ委員会を設けて対策を進めております。

PASS (a vendor's column explaining a service, not a disclosure)::

    標的型メール訓練とは？導入の効果を解説
    訓練では、従業員に疑似の攻撃メールを送り、開封した人に注意を促します。
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...registry import checks
from ...text.eras import date_pattern
from ..base import Check, CheckContext, Hit

_FULL_DATE = re.compile(date_pattern() + r"|\d{4}[/-]\d{1,2}[/-]\d{1,2}")
# a reference date (「2024年8月現在」「令和6年3月末時点」) dates the whole text wherever it stands
_AS_OF = re.compile(date_pattern(day=None) + r"\s*(末日?|末)?\s*(現在|時点)")


@checks.register("no-report-date")
class NoReportDate(Check):
    OPTIONS = {"head_blocks": 40, "min_cyber_passages": 1, "min_share": 0.3}
    ONE_RULE = True

    def run(self, ctx: CheckContext) -> Iterable[Hit]:
        if ctx.doc.metadata.get("date") or not ctx.doc.blocks:
            return
        # only a cybersecurity document is judged: a privacy or IR policy page is not our business
        if ctx.doc_coverage.cyber_passages < int(self.options["min_cyber_passages"]):
            return
        if not ctx.scope.subject.own_disclosure(float(self.options["min_share"])):
            return
        head = int(self.options["head_blocks"])
        if any(_FULL_DATE.search(b.norm.text) for b in ctx.doc.blocks[:head]):
            return
        if any(_AS_OF.search(b.norm.text) for b in ctx.doc.blocks):
            return
        yield Hit(None)
