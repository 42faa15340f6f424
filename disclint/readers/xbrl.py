"""EDINET XBRL reader: ``.xbrl`` instances, EDINET zip packages and edinet-replay canonical JSON.

Every ``*TextBlock`` fact is one section of the Document: a HEADING named after the concept
(:data:`SECTION_TITLES`, e.g. ``jpcrp_cor:BusinessRisksTextBlock`` → 事業等のリスク; unknown
concepts keep their local name) followed by the blocks of its HTML, which is stored escaped
inside the XML element and parsed with :func:`~disclint.readers.html.html_to_blocks`. Facts of
prior-year contexts are skipped when the same concept also has a current one. DEI facts give
the metadata (company, securities/EDINET code, fiscal year end, document type, title).

Inputs:
- an XBRL instance (XML with the ``http://www.xbrl.org/2003/instance`` root), parsed with
  :func:`~disclint.readers._safe.parse_xml` (no DTD, no entities, no network);
- an EDINET zip package (``XBRL/PublicDoc/*.xbrl`` inside), opened with
  :func:`~disclint.readers._safe.open_zip` (no ``../`` members, bounded size);
- an edinet-replay canonical JSON dump (``*.canonical.json.gz`` or plain JSON): top-level
  ``facts`` mapping fact ids to ``{dimensions: {concept, period, …}, value, source: {line}, …}``.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from copy import deepcopy
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from lxml import etree

from .. import registry
from ..model.document import Block, BlockKind, Document, Location, ReaderNote
from ..model.errors import InputError
from . import Limits
from ._safe import open_zip, parse_xml, read_member
from .html import html_to_blocks

XBRLI = "http://www.xbrl.org/2003/instance"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"

# jpcrp_cor (and jpigp/jppfs) text-block concepts -> the section titles used in 有価証券報告書.
SECTION_TITLES: dict[str, str] = {
    # 第一部 第1 企業の概況
    "BusinessResultsOfGroupTextBlock": "連結経営指標等",
    "BusinessResultsOfReportingCompanyTextBlock": "提出会社の経営指標等",
    "CompanyHistoryTextBlock": "沿革",
    "DescriptionOfBusinessTextBlock": "事業の内容",
    "OverviewOfAffiliatedEntitiesTextBlock": "関係会社の状況",
    "InformationAboutEmployeesTextBlock": "従業員の状況",
    # 第2 事業の状況
    "ManagementPolicyBusinessEnvironmentIssuesToAddressEtcTextBlock": "経営方針、経営環境及び対処すべき課題等",
    "BusinessPolicyBusinessEnvironmentIssuesToAddressEtcTextBlock": "経営方針、経営環境及び対処すべき課題等",
    "IssuesToAddressTextBlock": "対処すべき課題",
    "DisclosureOfSustainabilityRelatedFinancialInformationTextBlock": "サステナビリティに関する考え方及び取組",
    "GovernanceTextBlock": "ガバナンス",
    "StrategyTextBlock": "戦略",
    "RiskManagementTextBlock": "リスク管理",
    "MetricsAndTargetsTextBlock": "指標及び目標",
    "PolicyOnDevelopmentOfHumanResourcesAndInternalEnvironmentStrategyTextBlock": "人材の育成及び社内環境整備に関する方針（戦略）",
    "DescriptionOfMetricsRelatedToPolicyOnDevelopmentOfHumanResourcesAndInternalEnvironmentAndTargetsAndPerformanceUsingSuchMetricsMetricsAndTargetsTextBlock": "人材の育成及び社内環境整備に関する方針に係る指標及び目標",
    "BusinessRisksTextBlock": "事業等のリスク",
    "OverviewOfBusinessResultsTextBlock": "業績等の概要",
    "ManagementAnalysisOfFinancialPositionOperatingResultsAndCashFlowsTextBlock": "経営者による財政状態、経営成績及びキャッシュ・フローの状況の分析",
    "AnalysisOfFinancialPositionOperatingResultsAndCashFlowsTextBlock": "財政状態、経営成績及びキャッシュ・フローの状況の分析",
    "OverviewOfProductionOrdersReceivedAndSalesTextBlock": "生産、受注及び販売の状況",
    "CriticalContractsForOperationTextBlock": "経営上の重要な契約等",
    "CriticalContractsForOperationNATextBlock": "経営上の重要な契約等",
    "CriticalContractsTextBlock": "重要な契約等",
    "ResearchAndDevelopmentActivitiesTextBlock": "研究開発活動",
    # 第3 設備の状況
    "OverviewOfCapitalExpendituresEtcTextBlock": "設備投資等の概要",
    "MajorFacilitiesTextBlock": "主要な設備の状況",
    "PlannedAdditionsRetirementsEtcOfFacilitiesTextBlock": "設備の新設、除却等の計画",
    # 第4 提出会社の状況
    "MajorShareholdersTextBlock": "大株主の状況",
    "DividendPolicyTextBlock": "配当政策",
    "ExplanationAboutCorporateGovernanceTextBlock": "コーポレート・ガバナンスの概要",
    "OverviewOfCorporateGovernanceTextBlock": "コーポレート・ガバナンスの概要",
    "CorporateGovernanceCompanyWithCorporateAuditorsTextBlock": "企業統治の体制（監査役会設置会社）",
    "CorporateGovernanceCompanyWithAuditAndSupervisoryCommitteeTextBlock": "企業統治の体制（監査等委員会設置会社）",
    "CorporateGovernanceCompanyWithNominatingAndOtherCommitteesTextBlock": "企業統治の体制（指名委員会等設置会社）",
    "InformationAboutOfficersTextBlock": "役員の状況",
    "CareerSummaryInformationAboutDirectorsAndCorporateAuditorsTextBlock": "役員の略歴",
    "OutsideDirectorsAndOutsideCorporateAuditorsTextBlock": "社外役員の状況",
    "AuditsTextBlock": "監査の状況",
    "RemunerationForDirectorsAndOtherOfficersTextBlock": "役員の報酬等",
    "ShareholdingsTextBlock": "株式の保有状況",
    "DetailsOfRemunerationToIndependentAuditorsTextBlock": "監査公認会計士等に対する報酬の内容",
    "PolicyOnDeterminingAuditFeeTextBlock": "監査報酬の決定方針",
    # 第5 経理の状況 (main statements and the notes most often read)
    "ConsolidatedBalanceSheetTextBlock": "連結貸借対照表",
    "ConsolidatedStatementOfIncomeTextBlock": "連結損益計算書",
    "NotesSignificantEventsAfterReportingPeriodConsolidatedFinancialStatementsTextBlock": "重要な後発事象（連結）",
    "NotesAdditionalInformationConsolidatedFinancialStatementsTextBlock": "追加情報（連結）",
    # 第6 / cover
    "OverviewOfOperationalProceduresForSharesTextBlock": "提出会社の株式事務の概要",
    "OtherReferenceInformationTextBlock": "その他の参考情報",
    "PlaceForPublicInspectionCoverPageTextBlock": "縦覧に供する場所",
}

# DEI / cover-page concepts -> Document.metadata keys
_METADATA = {
    "FilerNameInJapaneseDEI": "company",
    "FilerNameInEnglishDEI": "company_en",
    "SecurityCodeDEI": "securities_code",
    "EDINETCodeDEI": "edinet_code",
    "CurrentFiscalYearEndDateDEI": "fiscal_year_end",
    "CurrentFiscalYearStartDateDEI": "fiscal_year_start",
    "DocumentTypeDEI": "document_type",
    "AccountingStandardsDEI": "accounting_standards",
    "DocumentTitleCoverPage": "title",
    "FilingDateCoverPage": "date",
}


def section_title(concept: str) -> str:
    local = concept.rsplit(":", 1)[-1].rsplit("}", 1)[-1]
    return SECTION_TITLES.get(local, local)


@dataclass
class _Fact:
    concept: str  # prefix:LocalName (or {ns}LocalName)
    context: str
    html: str
    order: int
    prior: bool


# ---------------------------------------------------------------------------
# building the Document
# ---------------------------------------------------------------------------


def _is_prior(context_id: str, period_end: str | None, fy_start: str | None) -> bool:
    if re.match(r"(?i)prior\d*", context_id or ""):
        return True
    return bool(period_end and fy_start and period_end < fy_start)


def _build(path: Path, fmt_facts: list[_Fact], meta: dict[str, Any], extra_notes: list[ReaderNote]) -> Document:
    facts = sorted(fmt_facts, key=lambda f: f.order)
    by_concept: dict[str, list[_Fact]] = {}
    for f in facts:
        by_concept.setdefault(f.concept, []).append(f)
    keep: list[_Fact] = []
    skipped = 0
    seen: set[tuple[str, str, str]] = set()
    for f in facts:
        group = by_concept[f.concept]
        if f.prior and len(group) > 1 and any(not g.prior for g in group):
            skipped += 1
            continue
        key = (f.concept, f.context, f.html)
        if key in seen:
            continue
        seen.add(key)
        keep.append(f)
    if not keep:
        raise InputError("input.xbrl_no_textblocks")
    file = str(path)
    parsed, nested, repeated = _read_once(
        [(f, html_to_blocks(f.html, file, (section_title(f.concept),))) for f in keep]
    )
    blocks: list[Block] = []
    previous: str | None = None
    paragraph = 1
    for f, fact_blocks in parsed:
        title = section_title(f.concept)
        if f.concept != previous:
            # consecutive facts of one concept (one per director, per footnote row) share a heading
            blocks.append(Block(BlockKind.HEADING, title, Location(file=file, section=(title,)), level=1))
            paragraph = 1  # paragraphs are numbered within each text block (its section)
        previous = f.concept
        for b in fact_blocks:  # numbered within each text block, after the repeats were dropped
            if b.location.paragraph is not None:
                b.location = replace(b.location, paragraph=paragraph)
                paragraph += 1
        blocks.extend(fact_blocks)
    notes = list(extra_notes)
    if skipped:
        notes.append(ReaderNote("note.xbrl_prior_skipped", params={"count": skipped}))
    if nested or repeated:
        notes.append(ReaderNote("note.xbrl_nested_skipped", params={"count": nested, "blocks": repeated}))
    meta["sections"] = len({f.concept for f, _ in parsed})
    return Document(file, "xbrl", blocks, meta, notes)


REPEAT_MIN_CHARS = 60  # a paragraph this long found again in another text block is the same text read twice


def _text_key(block: Block) -> str:
    return "".join(block.text.split())


def _read_once(facts: list[tuple[_Fact, list[Block]]]) -> tuple[list[tuple[_Fact, list[Block]]], int, int]:
    """Each text once. EDINET nests text blocks: 役員の状況 holds 社外役員の状況 and 役員の略歴,
    サステナビリティに関する考え方及び取組 holds ガバナンス, 戦略, リスク管理 …, and each is also a fact
    of its own. A fact whose every paragraph already stands in one kept fact is dropped (the outer
    fact, usually first, keeps the text in its place and with its own sub-headings); a kept fact
    that a later, larger one contains is replaced by it. Long paragraphs still repeated across
    partly overlapping facts are kept at their first place only. Returns (facts, facts dropped,
    paragraphs dropped)."""
    keys = [{k for b in bl if b.kind != BlockKind.HEADING and (k := _text_key(b))} for _, bl in facts]
    kept: list[int] = []
    dropped = 0
    for i in range(len(facts)):
        if keys[i] and any(keys[i] <= keys[j] for j in kept):
            dropped += 1
            continue
        inner = [j for j in kept if keys[j] and keys[j] < keys[i]]
        if inner:
            dropped += len(inner)
            kept = [j for j in kept if j not in inner]
        kept.append(i)
    kept.sort()
    seen: set[str] = set()
    out: list[tuple[_Fact, list[Block]]] = []
    repeated = 0
    for i in kept:
        f, bl = facts[i]
        mine: list[Block] = []
        for b in bl:
            k = _text_key(b)
            if len(k) > REPEAT_MIN_CHARS and b.kind != BlockKind.HEADING and k in seen:
                repeated += 1
                continue
            mine.append(b)
        seen.update(k for b in mine if len(k := _text_key(b)) > REPEAT_MIN_CHARS)
        if mine:
            out.append((f, mine))
    return out, dropped, repeated


# ---------------------------------------------------------------------------
# XBRL instance
# ---------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text_of_fact(el: etree._Element) -> str:
    """The HTML of a text-block fact: usually escaped text; sometimes literal XHTML children."""
    if len(el) == 0:
        return el.text or ""
    parts = [el.text or ""]
    for child in el:
        copy = deepcopy(child)
        copy.tail = None
        for node in copy.iter():
            if isinstance(node.tag, str):
                node.tag = _local(node.tag)
        etree.cleanup_namespaces(copy)
        parts.append(etree.tostring(copy, encoding="unicode", with_tail=False))
        parts.append(child.tail or "")
    return "".join(parts)


def _read_instance(data: bytes) -> tuple[list[_Fact], dict[str, Any]]:
    root = parse_xml(data)
    if _local(root.tag) != "xbrl" or etree.QName(root).namespace != XBRLI:
        raise InputError("input.xml_invalid", reason="not an XBRL instance (root is not xbrli:xbrl)")
    contexts: dict[str, str | None] = {}
    for ctx in root.iterchildren(f"{{{XBRLI}}}context"):
        end = ctx.findtext(f"{{{XBRLI}}}period/{{{XBRLI}}}endDate") or ctx.findtext(
            f"{{{XBRLI}}}period/{{{XBRLI}}}instant"
        )
        contexts[ctx.get("id", "")] = end.strip() if end else None
    meta: dict[str, Any] = {}
    raw: list[tuple[str, str, str, int]] = []
    for order, el in enumerate(root.iterchildren()):
        if not isinstance(el.tag, str):
            continue
        local = _local(el.tag)
        if local in _METADATA and el.get(XSI_NIL) != "true":
            value = " ".join((el.text or "").split())
            if value and _METADATA[local] not in meta:
                meta[_METADATA[local]] = value
        if local.endswith("TextBlock") and el.get(XSI_NIL) != "true":
            html = _text_of_fact(el)
            if html.strip():
                prefix = el.prefix or ""
                raw.append((f"{prefix}:{local}" if prefix else local, el.get("contextRef", ""), html, order))
    fy_start = meta.get("fiscal_year_start")
    facts = [_Fact(c, ctx, html, order, _is_prior(ctx, contexts.get(ctx), fy_start)) for c, ctx, html, order in raw]
    return facts, meta


# ---------------------------------------------------------------------------
# EDINET zip package
# ---------------------------------------------------------------------------

_PUBLICDOC = re.compile(r"(?:^|/)XBRL/PublicDoc/[^/]+\.xbrl$", re.I)


def _package_member(names: list[str]) -> str | None:
    members = [n for n in names if _PUBLICDOC.search(n.replace("\\", "/"))]
    if not members:
        return None
    # the main report (jpcrp…) first, then the biggest name order for stability
    members.sort(key=lambda n: (not PurePosixPath(n).name.lower().startswith("jpcrp"), n))
    return members[0]


def _read_zip(path: Path, limits: Limits) -> tuple[list[_Fact], dict[str, Any]]:
    zf = open_zip(path, limits)
    try:
        member = _package_member(zf.namelist())
        if member is None:
            raise InputError("input.unknown_format")
        data = read_member(zf, member)
    finally:
        zf.close()
    facts, meta = _read_instance(data)
    meta["package_member"] = member
    return facts, meta


# ---------------------------------------------------------------------------
# edinet-replay canonical JSON
# ---------------------------------------------------------------------------


def _gunzip(path: Path, limits: Limits) -> bytes:
    limit = int(limits.max_uncompressed_mb * 1024 * 1024)
    out = bytearray()
    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        with path.open("rb") as fh:
            while True:
                chunk = fh.read(1 << 16)
                if not chunk:
                    break
                data = chunk
                while data:
                    piece = dec.decompress(data, limit + 1 - len(out))
                    out += piece
                    if len(out) > limit:
                        raise InputError("input.zip_bomb", limit_mb=int(limits.max_uncompressed_mb))
                    data = dec.unconsumed_tail
                if dec.eof:
                    break
        if not dec.eof:
            raise InputError("input.corrupt_gzip", reason="truncated")
    except zlib.error as exc:
        raise InputError("input.corrupt_gzip", reason=str(exc)) from exc
    except OSError as exc:
        raise InputError("input.not_readable", reason=exc.strerror or type(exc).__name__) from exc
    return bytes(out)


def _period_end(period: Any) -> str | None:
    if isinstance(period, dict):
        value = period.get("end") or period.get("instant")
        return str(value) if value else None
    return None


def _read_canonical(data: bytes) -> tuple[list[_Fact], dict[str, Any]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError("input.json_invalid", reason=str(exc)[:120]) from exc
    facts_in = doc.get("facts") if isinstance(doc, dict) else None
    if not isinstance(facts_in, dict):
        raise InputError("input.json_invalid", reason="no 'facts' mapping")
    meta: dict[str, Any] = {}
    raw: list[tuple[str, str, str, tuple[int, str], str | None]] = []
    for fact_id, fact in facts_in.items():
        if not isinstance(fact, dict):
            continue
        dims = fact.get("dimensions")
        if not isinstance(dims, dict):  # found by fuzzing: a string here crashed the reader
            dims = {}
        concept = str(dims.get("concept") or "")
        local = concept.rsplit(":", 1)[-1]
        value = fact.get("value")
        if fact.get("nil") or not isinstance(value, str):
            continue
        if local in _METADATA:
            v = " ".join(value.split())
            if v:
                meta.setdefault(_METADATA[local], v)
        if local.endswith("TextBlock") and value.strip():
            source = fact.get("source") or {}
            line = source.get("line") if isinstance(source, dict) else None
            order = (int(line) if isinstance(line, int) else 1 << 40, str(fact_id))
            context = str(fact.get("source_context_ref") or "")
            raw.append((concept, context, value, order, _period_end(dims.get("period"))))
    fy_start = meta.get("fiscal_year_start")
    raw.sort(key=lambda r: r[3])
    facts = [_Fact(c, ctx, html, i, _is_prior(ctx, end, fy_start)) for i, (c, ctx, html, _o, end) in enumerate(raw)]
    filing = doc.get("filing") if isinstance(doc.get("filing"), dict) else {}
    if filing.get("document_id"):
        meta["document_id"] = str(filing["document_id"])
    return facts, meta


# ---------------------------------------------------------------------------
# sniffing and registration
# ---------------------------------------------------------------------------

_GZIP = b"\x1f\x8b"
_ZIP = b"PK\x03\x04"


def _is_instance_head(head: bytes) -> bool:
    if b"<xbrli:xbrl" in head:
        return True
    return bool(re.search(rb"<xbrl[\s>]", head)) and XBRLI.encode() in head


def _is_canonical_json_head(head: bytes) -> bool:
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return s[:1] == b"{" and (b'"facts"' in head or b"edinet-replay-canonical" in head)


def _is_edinet_zip(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return _package_member(zf.namelist()) is not None
    except Exception:
        return False


def sniff_xbrl(head: bytes, path: Path) -> bool:
    if head.startswith(_ZIP):
        return b"XBRL/PublicDoc/" in head or _is_edinet_zip(path)
    if head.startswith(_GZIP):
        name = path.name.lower()
        if name.endswith(".json.gz"):
            return True
        try:  # peek into the compressed head
            peek = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
        except zlib.error:
            return False
        return _is_canonical_json_head(peek)
    return _is_instance_head(head) or _is_canonical_json_head(head)


@registry.readers.register("xbrl", extensions=(".xbrl",), sniff=sniff_xbrl, priority=20)
def read_xbrl(path: Path, limits: Limits) -> Document:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError("input.not_readable", reason=exc.strerror or type(exc).__name__) from exc
    if head.startswith(_ZIP):
        facts, meta = _read_zip(path, limits)
    elif head.startswith(_GZIP):
        facts, meta = _read_canonical(_gunzip(path, limits))
    else:
        data = path.read_bytes()
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
            facts, meta = _read_canonical(data)
        else:
            facts, meta = _read_instance(data)
    return _build(path, facts, meta, [])
