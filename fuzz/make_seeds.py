"""Generate the seed corpora for the fuzzers (nothing binary is committed).

    python fuzz/make_seeds.py [OUTDIR]      # default fuzz/.work/seeds

Writes OUTDIR/<reader>/<name> for the readers pdf, docx, text, html and xbrl: small but
structurally rich files (headings, lists, tables, encodings, rotated/vertical pages, zip
packages, canonical JSON), uncompressed where the format allows so that mutations hit the
content rather than a deflate stream. Files already in the repository (the sample draft
and the LibreOffice fixtures) are copied in as well.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "fuzz" / ".work" / "seeds"

BODY = [
    "第２【事業の状況】",
    "３【事業等のリスク】",
    "(1) 情報セキュリティについて",
    "当社グループは、ランサムウェア等のサイバー攻撃に備え、ＣＳＩＲＴを設置しています。",
    "取締役会は四半期ごとに報告を受け、ISO/IEC 27001 に基づく管理策を見直しています。",
    "・EDR の導入　・SOC による 24 時間監視　①方針 ②体制 ～2025年",
]


def _put(reader: str, name: str, data: bytes) -> None:
    d = OUT / reader
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


# --- text / markdown -------------------------------------------------------------------------

def text_seeds() -> None:
    txt = "\n".join(BODY) + "\n\n１．管理体制\n当社は情報セキュリティ委員会を設置\nしている。\n"
    md = "---\ntitle: 開示草案\ndate: 2025-06-27\n---\n# 情報セキュリティ\n\n" + "\n".join(BODY) + (
        "\n\n| 項目 | 内容 |\n|---|---|\n| 体制 | CSIRT |\n\n```\ncode\n```\n見出し\n===\n- 項目1\n  - 入れ子\n"
    )
    _put("text", "utf8.txt", txt.encode())
    _put("text", "bom.txt", b"\xef\xbb\xbf" + txt.encode())
    _put("text", "cp932.txt", txt.encode("cp932", "replace"))
    _put("text", "eucjp.txt", txt.encode("euc_jp", "replace"))
    _put("text", "utf16le_bom.txt", txt.encode("utf-16"))
    _put("text", "utf16be.txt", txt.encode("utf-16-be"))
    _put("text", "crlf.txt", txt.replace("\n", "\r\n").encode())
    _put("text", "draft.md", md.encode())
    src = REPO / "corpus" / "samples" / "sample_draft.md"
    if src.exists():
        _put("text", "sample_draft.md", src.read_bytes())


# --- html ------------------------------------------------------------------------------------

def html_seeds() -> None:
    body = "".join(f"<p>{line}</p>" for line in BODY)
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>開示</title>"
        "<style>p{}</style><script>var x=1;</script></head><body>"
        "<h1>有価証券報告書</h1><h2>３【事業等のリスク】</h2>" + body +
        "<table><caption>体制</caption><tr><th>項目</th><td rowspan=2>CSIRT</td></tr><tr><td>"
        "<table><tr><td>入れ子</td></tr></table></td></tr></table><ul><li>EDR</li><li>SOC</li></ul>"
        "<div hidden>隠し</div><br><span style='display:none'>x</span></body></html>"
    )
    _put("html", "utf8.html", page.encode())
    _put("html", "sjis.html", page.replace("charset='utf-8'", "charset='Shift_JIS'").encode("cp932", "replace"))
    _put("html", "fragment.html", body.encode())
    _put("html", "xhtml.html", ('<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
                                + body + "</body></html>").encode())


# --- xbrl ------------------------------------------------------------------------------------

def _instance(facts: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xmlns:jpdei_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpdei/2013-08-31/jpdei_cor"'
        ' xmlns:jpcrp_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpcrp/2024-11-01/jpcrp_cor">'
        '<xbrli:context id="FilingDateInstant"><xbrli:entity><xbrli:identifier scheme="x">E99999-000</xbrli:identifier>'
        "</xbrli:entity><xbrli:period><xbrli:instant>2025-06-27</xbrli:instant></xbrli:period></xbrli:context>"
        '<xbrli:context id="Prior1YearDuration"><xbrli:entity><xbrli:identifier scheme="x">E99999-000</xbrli:identifier>'
        "</xbrli:entity><xbrli:period><xbrli:startDate>2023-04-01</xbrli:startDate><xbrli:endDate>2024-03-31</xbrli:endDate>"
        "</xbrli:period></xbrli:context>"
        '<jpdei_cor:FilerNameInJapaneseDEI contextRef="FilingDateInstant">みなと精機株式会社</jpdei_cor:FilerNameInJapaneseDEI>'
        '<jpdei_cor:CurrentFiscalYearEndDateDEI contextRef="FilingDateInstant">2025-03-31</jpdei_cor:CurrentFiscalYearEndDateDEI>'
        + facts + "</xbrli:xbrl>\n"
    ).encode()


def xbrl_seeds() -> None:
    import html

    risks = "<h3>３【事業等のリスク】</h3>" + "".join(f"<p>{line}</p>" for line in BODY) + "<table><tr><td>対策</td><td>EDR</td></tr></table>"
    facts = (
        f'<jpcrp_cor:BusinessRisksTextBlock contextRef="FilingDateInstant">{html.escape(risks, quote=False)}</jpcrp_cor:BusinessRisksTextBlock>'
        f'<jpcrp_cor:GovernanceTextBlock contextRef="FilingDateInstant"><p>（１）ガバナンス</p><p>取締役会は報告を受ける。</p></jpcrp_cor:GovernanceTextBlock>'
        f'<jpcrp_cor:NotesRegardingDividendTextBlock contextRef="Prior1YearDuration">&lt;p&gt;前期&lt;/p&gt;</jpcrp_cor:NotesRegardingDividendTextBlock>'
        '<jpcrp_cor:ResearchAndDevelopmentActivitiesTextBlock contextRef="FilingDateInstant" xsi:nil="true"/>'
    )
    inst = _instance(facts)
    _put("xbrl", "instance.xbrl", inst)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("XBRL/PublicDoc/jpcrp030000-asr-001_E99999-000_2025-03-31_01_2025-06-27.xbrl", inst)
        zf.writestr("XBRL/PublicDoc/0101010_honbun_ixbrl.htm", b"<html/>")
    _put("xbrl", "package.zip", buf.getvalue())

    def cfact(concept, value, line, context="FilingDateInstant"):
        return {"dimensions": {"concept": concept, "entity": {"identifier": "E99999-000"},
                               "period": {"instant": "2025-06-27", "type": "instant"}},
                "nil": value is None, "source": {"line": line, "package_path": "XBRL/PublicDoc/x.xbrl"},
                "source_context_ref": context, "value": value}

    canon = {"canonicalization": {"json_profile": "edinet-replay-canonical-json-v1"},
             "facts": {"f1": cfact("jpcrp_cor:BusinessRisksTextBlock", risks, 900),
                       "f2": cfact("jpdei_cor:FilerNameInJapaneseDEI", "みなと精機株式会社", 10),
                       "f3": cfact("jpcrp_cor:DividendPolicyTextBlock", None, 1500)},
             "filing": {"document_id": "S100TEST"}}
    raw = json.dumps(canon, ensure_ascii=False).encode()
    _put("xbrl", "canonical.json", raw)
    _put("xbrl", "canonical.json.gz", gzip.compress(raw, mtime=0))


# --- docx ------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def minimal_docx(body_xml: str, *, compression=zipfile.ZIP_STORED, extra: dict[str, bytes] | None = None) -> bytes:
    """A docx written directly as XML parts (no python-docx)."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ).encode(),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ).encode(),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body_xml}</w:body></w:document>'
        ).encode(),
    }
    parts.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _p(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def docx_seeds() -> None:
    body = _p("情報セキュリティ", "Heading1") + "".join(_p(t) for t in BODY[3:]) + _p("・EDRの導入", "ListParagraph")
    table = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>項目</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/>"
             "</w:tcPr><w:p><w:r><w:t>CSIRT</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/>"
             "</w:tcPr><w:p/></w:tc></w:tr></w:tbl>")
    runs = ('<w:p><w:r><w:t>ルビ</w:t></w:r><w:r><w:tab/><w:br/><w:sym w:char="F0FC"/><w:noBreakHyphen/></w:r>'
            '<w:ins><w:r><w:t>追加</w:t></w:r></w:ins><w:del><w:r><w:delText>削除</w:delText></w:r></w:del>'
            '<w:hyperlink><w:r><w:t>リンク</w:t></w:r></w:hyperlink><w:sdt><w:sdtContent><w:r><w:t>コントロール</w:t></w:r>'
            "</w:sdtContent></w:sdt></w:p>")
    _put("docx", "stored.docx", minimal_docx(body + table + runs))
    _put("docx", "deflated.docx", minimal_docx(body, compression=zipfile.ZIP_DEFLATED))
    for src in (REPO / "corpus" / "samples" / "sample_draft.docx", REPO / "tests" / "fixtures" / "docx" / "libreoffice_sample.docx"):
        if src.exists():
            _put("docx", src.name, src.read_bytes())


# --- pdf -------------------------------------------------------------------------------------

def pdf_seeds() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))

    def make(name: str, draw, **kw) -> None:
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pageCompression=0, invariant=1, **kw)
        draw(c)
        c.save()
        _put("pdf", name, buf.getvalue())

    def plain(c):
        for page in range(2):
            c.setFont("HeiseiMin-W3", 10)
            c.drawString(250, 810, "株式会社みなと 有価証券報告書")
            y = 760
            for line in BODY:
                c.drawString(72, y, line)
                y -= 16
            c.drawString(72, y, "項目")
            c.drawString(300, y, "内容")
            c.drawString(290, 30, f"- {page + 1} -")
            c.showPage()

    def rotated(c):
        c.setPageRotation(90)
        c.setFont("HeiseiMin-W3", 12)
        c.drawString(72, 700, BODY[3])
        c.showPage()
        c.setFont("HeiseiMin-W3", 12)
        c.saveState()
        c.translate(300, 400)
        c.rotate(90)
        c.drawString(0, 0, BODY[4])
        c.restoreState()
        c.showPage()

    def vertical(c):
        c.setFont("HeiseiMin-W3", 14)
        x = 500
        for line in BODY[3:5]:
            y = 780
            for ch in line[:40]:
                c.drawString(x, y, ch)
                y -= 15
            x -= 20
        c.showPage()

    make("plain.pdf", plain)
    make("rotated.pdf", rotated)
    make("vertical.pdf", vertical)
    src = REPO / "tests" / "fixtures" / "sample_draft.libreoffice.pdf"
    if src.exists():
        _put("pdf", src.name, src.read_bytes())


SEEDERS = {"text": text_seeds, "html": html_seeds, "xbrl": xbrl_seeds, "docx": docx_seeds, "pdf": pdf_seeds}


def main() -> None:
    for name, seeder in SEEDERS.items():
        d = OUT / name
        if d.exists():
            shutil.rmtree(d)
        seeder()
        print(f"{name}: {len(list(d.iterdir()))} seeds in {d}")


if __name__ == "__main__":
    main()
