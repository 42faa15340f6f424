"""Generate a benchmark set of realistic annual-report files for ``disclint survey``.

usage: .venv/bin/python benchmarks/make_survey_set.py OUT_DIR [--count 1000] [--seed 7]
           [--pages 100] [--chars 120000] [--xbrl-share 0.5] [--zip-share 0.05]

Writes into OUT_DIR (which must not exist yet or be empty, and must lie outside the
repository): ``pdf/*.pdf`` (reportlab, CID font HeiseiMin-W3, about ``--pages`` A4 pages),
``xbrl/*.xbrl`` (EDINET-style instances with DEI facts and escaped-HTML ``*TextBlock`` facts),
some ``zip/*.zip`` (an XBRL instance packaged as ``XBRL/PublicDoc/…``), and ``manifest.csv``
(path, company, securities_code, industry, fiscal_year, document_type; the company and code
are left empty for XBRL rows so that the survey takes them from the DEI facts).

Content: fictional companies (made-up names and codes, 東証33業種), each with a disclosure
"maturity" that decides which directives its cyber passages cover and that grows over the
fiscal years 2021–2024. Cyber passages come from ``corpus/passages/*.jsonl`` (written by us),
the rest is filler prose typical of a 有価証券報告書 (business overview, results, facilities,
governance …) generated from templates, about ``--chars`` characters per document.
Everything is deterministic from ``--seed``.

Speed: one ``drawString`` per justified line (charSpace), no Platypus; about 4 PDFs (100 pages)
per second on one core, so 1,000 files take a few minutes and no page-template reuse is needed.
Timing is printed at the end (files/s, pages/s).
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

INDUSTRIES = [
    "水産・農林業", "鉱業", "建設業", "食料品", "繊維製品", "パルプ・紙", "化学", "医薬品", "石油・石炭製品",
    "ゴム製品", "ガラス・土石製品", "鉄鋼", "非鉄金属", "金属製品", "機械", "電気機器", "輸送用機器", "精密機器",
    "その他製品", "電気・ガス業", "陸運業", "海運業", "空運業", "倉庫・運輸関連業", "情報・通信業", "卸売業",
    "小売業", "銀行業", "証券、商品先物取引業", "保険業", "その他金融業", "不動産業", "サービス業",
]
_NAME_A = ["あおば", "みなと", "さくら", "ひかり", "やまと", "北斗", "東雲", "大和", "朝日", "若葉", "白鷺", "瑞穂",
           "青葉", "中央", "東邦", "西海", "南星", "千歳", "常盤", "紅葉", "葵", "富士見", "光陽", "新和"]
_NAME_B = ["精機", "電機", "化成", "商事", "工業", "製作所", "ホールディングス", "システムズ", "物産", "建設",
           "食品", "製薬", "運輸", "興産", "テクノ", "産業", "通信", "ライフ", "フィナンシャル", "エナジー"]
YEARS = (2021, 2022, 2023, 2024)
SEGMENTS = ["産業機器事業", "電子部品事業", "生活関連事業", "情報サービス事業", "素材事業", "物流事業", "不動産事業",
            "海外事業", "エネルギー事業", "ヘルスケア事業"]
REGIONS = ["国内", "北米", "欧州", "中国", "東南アジア", "インド"]
PRODUCTS = ["主力製品", "新製品", "保守サービス", "受託開発", "部材", "完成品", "消耗品", "ソフトウェア製品"]
FACTORS = ["原材料価格の高騰", "為替相場の変動", "物流費の上昇", "人件費の増加", "需要の回復", "価格改定の浸透",
           "生産性の向上", "設備投資の抑制", "在庫調整の進展", "金利の上昇"]

FILLER = [
    "当連結会計年度における売上高は、前期比{p}%増の{a}億円となりました。",
    "営業利益は、{f}により前期比{p}%減の{b}億円となりました。",
    "{s}におきましては、{r}を中心に{g}の販売が堅調に推移いたしました。",
    "経常利益は{b}億円（前期比{p}%増）、親会社株主に帰属する当期純利益は{c}億円となりました。",
    "当社グループは、{s}の収益力強化を重点課題と位置付け、{g}の拡販に努めてまいりました。",
    "{r}においては、{f}の影響を受けたものの、受注残高は前期末比{p}%増加いたしました。",
    "設備投資の総額は{c}億円であり、その主なものは{s}における生産設備の増強であります。",
    "当連結会計年度末の総資産は{a}億円となり、前連結会計年度末に比べ{c}億円増加いたしました。",
    "営業活動によるキャッシュ・フローは{b}億円の収入となりました。",
    "投資活動によるキャッシュ・フローは、有形固定資産の取得等により{c}億円の支出となりました。",
    "財務活動によるキャッシュ・フローは、配当金の支払等により{c}億円の支出となりました。",
    "当社は、株主の皆様への利益還元を経営の重要課題と認識し、安定的な配当を継続することを基本方針としております。",
    "当事業年度の期末配当金は、1株当たり{d}円とさせていただきました。",
    "従業員数は{n}名であり、前連結会計年度末に比べ{d}名増加しております。",
    "当社の取締役会は、社外取締役{d}名を含む{e}名で構成されております。",
    "監査役会は、常勤監査役{d}名及び社外監査役{d}名で構成され、取締役の職務執行を監査しております。",
    "研究開発費の総額は{c}億円であり、{s}を中心に次世代製品の開発に取り組んでおります。",
    "{r}の販売子会社を通じて、{g}の販路拡大を進めております。",
    "今後の見通しにつきましては、{f}が続くことが想定されるものの、{s}の需要は底堅く推移する見込みであります。",
    "当社グループは、中期経営計画において、売上高{a}億円、営業利益率{p}%を目標として掲げております。",
    "人的資本に関する取組として、女性管理職比率を{p}%に引き上げることを目標としております。",
    "気候変動への対応として、温室効果ガス排出量を{y}年度までに{p}%削減することを目指しております。",
    "主要な設備の帳簿価額は、建物及び構築物{c}億円、機械装置及び運搬具{b}億円であります。",
    "当社は、{r}の生産拠点において、{g}の品質向上と原価低減に取り組んでまいりました。",
    "会計方針の変更に伴い、前連結会計年度については遡及適用後の数値を記載しております。",
    "関係会社は、連結子会社{e}社、持分法適用関連会社{d}社であります。",
]
HEADINGS = [
    ("第一部【企業情報】", 1), ("第1【企業の概況】", 2), ("1【主要な経営指標等の推移】", 3), ("2【沿革】", 3),
    ("3【事業の内容】", 3), ("4【関係会社の状況】", 3), ("5【従業員の状況】", 3), ("第2【事業の状況】", 2),
    ("1【経営方針、経営環境及び対処すべき課題等】", 3), ("2【サステナビリティに関する考え方及び取組】", 3),
    ("3【事業等のリスク】", 3), ("4【経営者による財政状態、経営成績及びキャッシュ・フローの状況の分析】", 3),
    ("5【経営上の重要な契約等】", 3), ("6【研究開発活動】", 3), ("第3【設備の状況】", 2), ("1【設備投資等の概要】", 3),
    ("2【主要な設備の状況】", 3), ("第4【提出会社の状況】", 2), ("1【株式等の状況】", 3), ("3【配当政策】", 3),
    ("4【コーポレート・ガバナンスの状況等】", 3), ("第5【経理の状況】", 2), ("1【連結財務諸表等】", 3),
]
# XBRL concept for each numbered section (the reader names sections after the concept)
SECTION_CONCEPTS = {
    "1【主要な経営指標等の推移】": "BusinessResultsOfGroupTextBlock",
    "2【沿革】": "CompanyHistoryTextBlock",
    "3【事業の内容】": "DescriptionOfBusinessTextBlock",
    "4【関係会社の状況】": "OverviewOfAffiliatedEntitiesTextBlock",
    "5【従業員の状況】": "InformationAboutEmployeesTextBlock",
    "1【経営方針、経営環境及び対処すべき課題等】": "BusinessPolicyBusinessEnvironmentIssuesToAddressEtcTextBlock",
    "2【サステナビリティに関する考え方及び取組】": "DisclosureOfSustainabilityRelatedFinancialInformationTextBlock",
    "3【事業等のリスク】": "BusinessRisksTextBlock",
    "4【経営者による財政状態、経営成績及びキャッシュ・フローの状況の分析】": "ManagementAnalysisOfFinancialPositionOperatingResultsAndCashFlowsTextBlock",
    "5【経営上の重要な契約等】": "CriticalContractsForOperationTextBlock",
    "6【研究開発活動】": "ResearchAndDevelopmentActivitiesTextBlock",
    "1【設備投資等の概要】": "OverviewOfCapitalExpendituresEtcTextBlock",
    "2【主要な設備の状況】": "MajorFacilitiesTextBlock",
    "1【株式等の状況】": "MajorShareholdersTextBlock",
    "3【配当政策】": "DividendPolicyTextBlock",
    "4【コーポレート・ガバナンスの状況等】": "ExplanationAboutCorporateGovernanceTextBlock",
    "1【連結財務諸表等】": "NotesAdditionalInformationConsolidatedFinancialStatementsTextBlock",
}
CYBER_SECTIONS = {"2【サステナビリティに関する考え方及び取組】", "3【事業等のリスク】"}


# --------------------------------------------------------------------------- content


def companies(n: int, seed: int) -> list[dict]:
    rng = random.Random(f"companies-{seed}")
    out, names, codes = [], set(), set()
    while len(out) < n:
        name = rng.choice(_NAME_A) + rng.choice(_NAME_B)
        if name in names:
            name = name + rng.choice(["工業", "産業", "グループ", "技研"])
            if name in names:
                continue
        code = str(rng.randrange(1300, 9999))
        if code in codes:
            continue
        names.add(name)
        codes.add(code)
        out.append({
            "company": f"{name}株式会社",
            "securities_code": code,
            "industry": rng.choice(INDUSTRIES),
            "maturity": rng.random(),
            "xbrl": False,
        })
    return out


def filler_sentence(rng: random.Random) -> str:
    return rng.choice(FILLER).format(
        p=f"{rng.uniform(0.5, 25):.1f}", a=f"{rng.randrange(300, 30000):,}", b=f"{rng.randrange(20, 3000):,}",
        c=f"{rng.randrange(5, 900):,}", d=rng.randrange(1, 9), e=rng.randrange(5, 40), n=f"{rng.randrange(300, 60000):,}",
        y=rng.choice((2030, 2035, 2040, 2050)), s=rng.choice(SEGMENTS), r=rng.choice(REGIONS), g=rng.choice(PRODUCTS),
        f=rng.choice(FACTORS),
    )


def filler_paragraph(rng: random.Random) -> str:
    return "\u3000" + "".join(filler_sentence(rng) for _ in range(rng.randrange(3, 7)))


def load_corpus() -> tuple[dict[int, list[str]], list[str]]:
    from disclint.mapper.corpus import load_passages

    by_directive: dict[int, list[str]] = {d: [] for d in range(1, 11)}
    negatives: list[str] = []
    for p in load_passages():
        if p.cyber and p.directives and p.style not in ("table", "bullet"):
            for d in p.directives:
                by_directive[d].append(p.text)
        elif not p.cyber:
            negatives.append(p.text)
    return by_directive, negatives


def disclosed(company: dict, year: int) -> list[int]:
    """Directives this company writes about in ``year`` (grows with maturity and time)."""
    rng = random.Random(f"{company['securities_code']}-{year}")
    level = min(1.0, company["maturity"] + 0.08 * (year - YEARS[0]))
    order = [1, 7, 5, 2, 8, 9, 4, 6, 3, 10]  # what companies tend to write first
    k = max(1, round(level * 10 + rng.uniform(-1, 1)))
    return sorted(order[: min(10, k)])


def document_sections(company: dict, year: int, corpus, target_chars: int, seed: int) -> list[tuple[str, int, list[str]]]:
    """[(heading, level, paragraphs)] with about ``target_chars`` characters."""
    by_directive, negatives = corpus
    rng = random.Random(f"doc-{seed}-{company['securities_code']}-{year}")
    cyber: list[str] = []
    for d in disclosed(company, year):
        pool = by_directive[d]
        cyber.extend(rng.sample(pool, k=min(len(pool), rng.randrange(1, 3))))
    rng.shuffle(cyber)
    risk_cyber, sus_cyber = cyber[: len(cyber) // 2 + 1], cyber[len(cyber) // 2 + 1 :]
    body_sections = [h for h in HEADINGS if h[1] == 3]
    per_section = max(1000, (target_chars - sum(map(len, cyber))) // len(body_sections))
    out: list[tuple[str, int, list[str]]] = []
    for heading, level in HEADINGS:
        paras: list[str] = []
        if level == 3:
            n = 0
            if heading in CYBER_SECTIONS:
                extra = risk_cyber if heading.startswith("3") else sus_cyber
                risks = heading.startswith("3")
                sub = "(5) 情報セキュリティについて" if risks else "(3) サイバーセキュリティ"
                after = "(6) 為替変動について" if risks else "(4) 人的資本"
                paras.extend(filler_paragraph(rng) for _ in range(2))
                paras.append("\x00" + sub)  # a sub-heading marker
                paras.extend("\u3000" + t for t in extra)
                paras.append("\x00" + after)  # the cyber item ends where the next item starts
                paras.extend(rng.sample(negatives, k=2))
                n = sum(map(len, paras))
            while n < per_section:
                p = filler_paragraph(rng)
                paras.append(p)
                n += len(p)
        out.append((heading, level, paras))
    return out


# --------------------------------------------------------------------------- PDF


_FONT = "HeiseiMin-W3"


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))


class PdfWriter:
    """A4 pages, body 10.5 pt, hard-wrapped justified lines, headings in larger type."""

    W, H = 595.27, 841.89
    LEFT, RIGHT, TOP, BOTTOM = 62.0, 62.0, 70.0, 70.0
    SIZE, LEADING = 10.5, 19.5

    def __init__(self, pages: int) -> None:
        self.width = self.W - self.LEFT - self.RIGHT
        self.per_line = int(self.width // self.SIZE)
        self.lines_per_page = int((self.H - self.TOP - self.BOTTOM) // self.LEADING)
        self.pages = pages
        self._wrap_cache: dict[str, list[str]] = {}

    def wrap(self, text: str) -> list[str]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines, cur, w = [], [], 0.0
        for ch in text:
            cw = self.SIZE if ord(ch) > 0x2000 else stringWidth(ch, _FONT, self.SIZE)
            if w + cw > self.width and cur:
                lines.append("".join(cur))
                cur, w = [], 0.0
            cur.append(ch)
            w += cw
        if cur:
            lines.append("".join(cur))
        return lines

    def layout(self, sections) -> list[list[tuple[str, float, bool]]]:
        """Pages of (text, size, justify) lines; '' is a blank line."""
        lines: list[tuple[str, float, bool]] = []
        for heading, level, paras in sections:
            if level <= 2 and lines:
                lines.append(("", 0, False))
            lines.append((heading, {1: 15.0, 2: 13.0, 3: 11.5}[level], False))
            for p in paras:
                if p.startswith("\x00"):
                    lines.append((p[1:], self.SIZE, False))
                    continue
                wrapped = self.wrap(p)
                lines.extend((s, self.SIZE, i < len(wrapped) - 1) for i, s in enumerate(wrapped))
        # fill about ``self.pages`` pages (cover included): fewer lines per page, wider leading
        per_page = max(24, min(self.lines_per_page, -(-len(lines) // max(1, self.pages - 1))))
        self.leading = (self.H - self.TOP - self.BOTTOM) / per_page
        return [lines[i : i + per_page] for i in range(0, len(lines), per_page)]

    def write(self, path: Path, company: dict, year: int, sections) -> int:
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.pdfgen import canvas

        _register_font()
        pages = self.layout(sections)
        c = canvas.Canvas(str(path), pagesize=(self.W, self.H), pageCompression=1)
        c.setTitle(f"有価証券報告書（{year}年3月期）")
        c.setAuthor(company["company"])
        self._cover(c, company, year)
        for n, page in enumerate(pages, 2):
            y = self.H - self.TOP
            for text, size, justify in page:
                if text:
                    c.setFont(_FONT, size)
                    if justify and len(text) > 1:
                        natural = stringWidth(text, _FONT, size)
                        c.drawString(self.LEFT, y, text, charSpace=(self.width - natural) / (len(text) - 1))
                    else:
                        c.drawString(self.LEFT, y, text)
                y -= self.leading
            c.setFont(_FONT, 9)
            c.drawCentredString(self.W / 2, 40, f"- {n} -")
            c.showPage()
        c.save()
        return len(pages) + 1

    def _cover(self, c, company: dict, year: int) -> None:
        c.setFont(_FONT, 20)
        c.drawCentredString(self.W / 2, self.H - 200, "有価証券報告書")
        c.setFont(_FONT, 11)
        rows = [
            f"【提出日】 {year}年6月27日",
            f"【事業年度】 第{year - 1950}期（自 {year - 1}年4月1日 至 {year}年3月31日）",
            f"【会社名】 {company['company']}",
            f"【証券コード】 {company['securities_code']}",
        ]
        y = self.H - 300
        for r in rows:
            c.drawString(self.LEFT + 40, y, r)
            y -= 24
        c.showPage()


# --------------------------------------------------------------------------- XBRL


def xbrl_instance(company: dict, year: int, sections) -> str:
    code5 = company["securities_code"] + "0"
    edinet = f"E{int(company['securities_code']) + 10000:05d}"
    head = f"""<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:jpdei_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpdei/2013-08-31/jpdei_cor"
  xmlns:jpcrp_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpcrp/2024-11-01/jpcrp_cor">
  <xbrli:context id="FilingDateInstant"><xbrli:entity><xbrli:identifier scheme="http://disclosure.edinet-fsa.go.jp">{edinet}-000</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>{year}-06-27</xbrli:instant></xbrli:period></xbrli:context>
  <xbrli:context id="CurrentYearDuration"><xbrli:entity><xbrli:identifier scheme="http://disclosure.edinet-fsa.go.jp">{edinet}-000</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>{year - 1}-04-01</xbrli:startDate><xbrli:endDate>{year}-03-31</xbrli:endDate></xbrli:period></xbrli:context>
  <jpdei_cor:EDINETCodeDEI contextRef="FilingDateInstant">{edinet}</jpdei_cor:EDINETCodeDEI>
  <jpdei_cor:SecurityCodeDEI contextRef="FilingDateInstant">{code5}</jpdei_cor:SecurityCodeDEI>
  <jpdei_cor:FilerNameInJapaneseDEI contextRef="FilingDateInstant">{company['company']}</jpdei_cor:FilerNameInJapaneseDEI>
  <jpdei_cor:DocumentTypeDEI contextRef="FilingDateInstant">第三号様式</jpdei_cor:DocumentTypeDEI>
  <jpdei_cor:CurrentFiscalYearStartDateDEI contextRef="FilingDateInstant">{year - 1}-04-01</jpdei_cor:CurrentFiscalYearStartDateDEI>
  <jpdei_cor:CurrentFiscalYearEndDateDEI contextRef="FilingDateInstant">{year}-03-31</jpdei_cor:CurrentFiscalYearEndDateDEI>
  <jpcrp_cor:DocumentTitleCoverPage contextRef="FilingDateInstant">有価証券報告書</jpcrp_cor:DocumentTitleCoverPage>
"""
    facts = []
    for heading, level, paras in sections:
        concept = SECTION_CONCEPTS.get(heading)
        if not concept:
            continue
        parts = [f"<h3>{html.escape(heading)}</h3>"]
        for p in paras:
            if p.startswith("\x00"):
                parts.append(f"<p><b>{html.escape(p[1:])}</b></p>")
            else:
                parts.append(f'<p style="margin-left: 24px">{html.escape(p)}</p>')
        body = html.escape("".join(parts), quote=False)
        facts.append(f'  <jpcrp_cor:{concept} contextRef="CurrentYearDuration">{body}</jpcrp_cor:{concept}>\n')
    return head + "".join(facts) + "</xbrli:xbrl>\n"


# --------------------------------------------------------------------------- main


def generate(out: Path, count: int, seed: int, pages: int, chars: int, xbrl_share: float, zip_share: float, quiet: bool = False) -> dict:
    import zipfile

    corpus = load_corpus()
    n_companies = max(1, -(-count // len(YEARS)))
    comps = companies(n_companies, seed)
    rng = random.Random(f"formats-{seed}")
    for c in comps:
        c["xbrl"] = rng.random() < xbrl_share
        c["zip"] = c["xbrl"] and rng.random() < zip_share / max(xbrl_share, 1e-9)
    for sub in ("pdf", "xbrl", "zip"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    writer = PdfWriter(pages)
    rows, n_pages, n_chars = [], 0, 0
    t0 = time.perf_counter()
    made = 0
    for c in comps:
        for year in YEARS:
            if made >= count:
                break
            sections = document_sections(c, year, corpus, chars, seed)
            n_chars += sum(len(h) + sum(len(p) for p in ps) for h, _, ps in sections)
            stem = f"{c['securities_code']}_{year}"
            if c["xbrl"]:
                data = xbrl_instance(c, year, sections).encode("utf-8")
                if c["zip"]:
                    rel = f"zip/{stem}.zip"
                    with zipfile.ZipFile(out / rel, "w", zipfile.ZIP_DEFLATED) as zf:
                        zf.writestr(f"XBRL/PublicDoc/jpcrp030000-asr-001_{stem}.xbrl", data)
                else:
                    rel = f"xbrl/{stem}.xbrl"
                    (out / rel).write_bytes(data)
                company, code = "", ""  # taken from the DEI facts by the survey
            else:
                rel = f"pdf/{stem}.pdf"
                n_pages += writer.write(out / rel, c, year, sections)
                company, code = c["company"], c["securities_code"]
            rows.append({"path": rel, "company": company, "securities_code": code, "industry": c["industry"],
                         "fiscal_year": year, "document_type": "有価証券報告書"})
            made += 1
            if not quiet and made % 50 == 0:
                el = time.perf_counter() - t0
                print(f"{made}/{count} files, {el:.0f} s ({made / el:.2f} files/s)", file=sys.stderr)
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    truth = {f"{c['securities_code']}_{y}": disclosed(c, y) for c in comps for y in YEARS}
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    elapsed = time.perf_counter() - t0
    n_pdf = sum(1 for r in rows if r["path"].startswith("pdf/"))
    return {"files": len(rows), "pdf": n_pdf, "xbrl": len(rows) - n_pdf, "pdf_pages": n_pages,
            "avg_chars": round(n_chars / max(1, len(rows))), "seconds": round(elapsed, 1),
            "files_per_s": round(len(rows) / elapsed, 2), "pdf_pages_per_s": round(n_pages / elapsed, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--chars", type=int, default=120_000)
    ap.add_argument("--xbrl-share", type=float, default=0.5)
    ap.add_argument("--zip-share", type=float, default=0.05)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    out = a.out.resolve()
    if out == REPO or REPO in out.parents:
        print("make_survey_set: write the set outside the repository (e.g. /tmp/survey-set)", file=sys.stderr)
        return 2
    if out.exists() and any(out.iterdir()):
        print(f"make_survey_set: {out} exists and is not empty", file=sys.stderr)
        return 2
    stats = generate(out, a.count, a.seed, a.pages, a.chars, a.xbrl_share, a.zip_share, a.quiet)
    print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
