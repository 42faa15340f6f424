"""Tests for the docx reader (disclint/readers/docx/).

Every docx is built here with python-docx; features python-docx cannot write (text boxes with
mc:AlternateContent, footnotes, tracked changes, content controls, raw vMerge ...) are written
as WordprocessingML into the body of a python-docx document. The LibreOffice fixture
``tests/fixtures/docx/libreoffice_sample.docx`` is regenerated with
``.venv/bin/python tests/test_reader_docx.py`` (needs ``soffice``).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from wordxml import textbox

from disclint import registry
from disclint.i18n import MESSAGES, t
from disclint.model.document import BlockKind, Document
from disclint.model.errors import InputError
from disclint.readers import Limits
from disclint.readers.docx import W_NS, paragraph_index, paragraph_text, read_docx, sniff_docx

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
LO_FIXTURE = FIXTURES / "libreoffice_sample.docx"

H, P, L, C, T = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.CAPTION, BlockKind.TABLE_CELL
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NOTES_NS = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in {
        "w": W_NS,
        "mc": MC_NS,
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "v": "urn:schemas-microsoft-com:vml",
    }.items()
)
REL_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
REL_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"


# --------------------------------------------------------------------------- helpers


def read(path: Path, limits: Limits | None = None) -> Document:
    return read_docx(path, limits or Limits())


def rows(doc: Document) -> list[tuple]:
    """What a user sees, compactly: (kind, text, level, paragraph, section, part)."""
    return [(b.kind, b.text, b.level, b.location.paragraph, b.location.section, b.location.part) for b in doc]


def texts(doc: Document, kind: BlockKind | None = None) -> list[str]:
    return [b.text for b in doc if kind is None or b.kind is kind]


def cells(doc: Document, table: int | None = None) -> dict[tuple[int, int], str]:
    out = {}
    for b in doc:
        if b.kind is T and (table is None or b.location.table == table):
            key = (b.location.row, b.location.column)
            assert key not in out, f"cell {key} twice"
            out[key] = b.text
    return out


def rewrite(src: Path, dst: Path, changes: dict[str, bytes | Callable[[bytes], bytes] | None]) -> Path:
    """Copy a zip, replacing (bytes), transforming (callable), deleting (None) or adding members."""
    pending = dict(changes)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in pending:
                change = pending.pop(info.filename)
                if change is None:
                    continue
                data = change(data) if callable(change) else change
            zout.writestr(info.filename, data)
        for name, change in pending.items():
            if change is not None:
                zout.writestr(name, change if isinstance(change, bytes) else change(b""))
    return dst


def new_doc() -> docx.document.Document:
    return docx.Document()


def save(doc, tmp_path: Path, name: str = "t.docx") -> Path:
    path = tmp_path / name
    doc.save(path)
    return path


def add_rel(rels_xml: bytes, rel_type: str, target: str, rid: str) -> bytes:
    rel = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/>'
    return rels_xml.replace(b"</Relationships>", rel.encode() + b"</Relationships>")


def with_body(
    tmp_path: Path,
    body: str,
    *,
    name: str = "t.docx",
    doc=None,
    parts: dict[str, bytes | Callable[[bytes], bytes] | None] | None = None,
    footnotes: str | None = None,
    endnotes: str | None = None,
) -> Path:
    """A docx whose body is the WordprocessingML fragment ``body`` (before the python-docx content)."""
    base = save(doc or new_doc(), tmp_path, "_base_" + name)

    def patch_document(xml: bytes) -> bytes:
        return xml.replace(b"<w:body>", b"<w:body>" + body.encode("utf-8"), 1)

    changes: dict[str, bytes | Callable[[bytes], bytes] | None] = {"word/document.xml": patch_document}
    rels: list[tuple[str, str, str]] = []
    overrides = []
    for kind, xml, rel_type in (("footnotes", footnotes, REL_FOOTNOTES), ("endnotes", endnotes, REL_ENDNOTES)):
        if xml is not None:
            root = f"<w:{kind} {NOTES_NS}>{xml}</w:{kind}>"
            changes[f"word/{kind}.xml"] = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + root.encode()
            rels.append((rel_type, f"{kind}.xml", f"rIdX{kind}"))
            overrides.append(
                f'<Override PartName="/word/{kind}.xml" ContentType="application/'
                f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>'
            )
    if rels:

        def patch_rels(xml: bytes) -> bytes:
            for rel_type, target, rid in rels:
                xml = add_rel(xml, rel_type, target, rid)
            return xml

        def patch_types(xml: bytes) -> bytes:
            return xml.replace(b"</Types>", "".join(overrides).encode() + b"</Types>")

        changes["word/_rels/document.xml.rels"] = patch_rels
        changes["[Content_Types].xml"] = patch_types
    changes.update(parts or {})
    return rewrite(base, tmp_path / name, changes)


def wp(text: str = "", style: str | None = None, ppr: str = "", runs: str | None = None) -> str:
    """A w:p with one run of ``text`` (or the given raw ``runs``)."""
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    pr = f"<w:pPr>{style_xml}{ppr}</w:pPr>" if (style_xml or ppr) else ""
    if runs is None:
        runs = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{pr}{runs}</w:p>"


def wr(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def tc(content: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"


def tbl(*trs: str, grid: int = 3) -> str:
    cols = "".join('<w:gridCol w:w="2000"/>' for _ in range(grid))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{''.join(trs)}</w:tbl>"


def tr(*tcs: str, trpr: str = "") -> str:
    return f"<w:tr>{'<w:trPr>' + trpr + '</w:trPr>' if trpr else ''}{''.join(tcs)}</w:tr>"


def footnote_ref(note_id: int, kind: str = "footnote") -> str:
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def notes_xml(kind: str, bodies: dict[int, str]) -> str:
    out = [
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>',
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>',
    ]
    for note_id, text in bodies.items():
        out.append(
            f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r>{wr(" " + text)}</w:p></w:{kind}>'
        )
    return "".join(out)


def raises_key(key: str, path: Path, limits: Limits | None = None) -> InputError:
    with pytest.raises(InputError) as info:
        read(path, limits)
    assert info.value.code == key, (info.value.code, info.value.params)
    # the message renders in both languages without a traceback-worthy KeyError
    for lang in ("ja", "en"):
        assert info.value.message(lang) and "{" not in info.value.message(lang)
    return info.value


# --------------------------------------------------------------------------- registration and sniffing


def test_registered_as_docx_reader_with_priority_20():
    spec = registry.readers.get("docx")
    assert spec.extensions == (".docx",)
    assert spec.priority == 20
    assert spec.read is read_docx
    assert spec.sniff is sniff_docx


def test_sniff_recognises_docx_by_content(tmp_path):
    path = save(new_doc(), tmp_path, "report.bin")  # content decides, not the name
    head = path.read_bytes()[:8192]
    assert sniff_docx(head, path)

    plain_zip = tmp_path / "data.zip"
    with zipfile.ZipFile(plain_zip, "w") as zf:
        zf.writestr("XBRL/PublicDoc/a.htm", "<html/>")
    assert not sniff_docx(plain_zip.read_bytes()[:8192], plain_zip)

    pdf = tmp_path / "a.docx"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(100))
    assert not sniff_docx(pdf.read_bytes(), pdf)
    assert not sniff_docx("当社は".encode(), pdf)


def test_sniff_finds_word_document_beyond_the_first_8_kb(tmp_path):
    src = save(new_doc(), tmp_path, "src.docx")
    big = tmp_path / "big.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(big, "w") as zout:
        zout.writestr(zipfile.ZipInfo("docProps/thumbnail.jpeg"), os.urandom(20_000))  # stored, 20 KB first
        for info in zin.infolist():
            if info.filename != "docProps/thumbnail.jpeg":
                zout.writestr(info.filename, zin.read(info.filename), zipfile.ZIP_DEFLATED)
    head = big.read_bytes()[:8192]
    assert b"word/document.xml" not in head
    assert sniff_docx(head, big)


def test_sniff_does_not_crash_on_a_truncated_zip(tmp_path):
    data = save(new_doc(), tmp_path).read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(data[:300])
    assert sniff_docx(cut.read_bytes(), cut) in (True, False)


# --------------------------------------------------------------------------- paragraphs and headings


def test_headings_paragraphs_lists_and_captions_in_document_order(tmp_path):
    d = new_doc()
    d.add_heading("サイバーセキュリティ報告書", 0)
    d.add_heading("第2 事業の状況", 1)
    d.add_paragraph("当社は情報セキュリティを重要課題と認識しております。")
    d.add_heading("(1) ガバナンス", 2)
    d.add_paragraph("CISOを任命", style="List Bullet")
    d.add_paragraph("委員会を設置", style="List Number")
    d.add_paragraph("図1 体制図", style="Caption")
    d.add_heading("(2) リスク管理", 2)
    d.add_paragraph("リスク評価を年1回実施しております。")
    d.add_heading("第3 設備の状況", 1)
    doc = read(save(d, tmp_path))

    top = ("第2 事業の状況",)
    gov = top + ("(1) ガバナンス",)
    risk = top + ("(2) リスク管理",)
    assert rows(doc) == [
        (H, "サイバーセキュリティ報告書", 1, 1, ("サイバーセキュリティ報告書",), "body"),
        (H, "第2 事業の状況", 1, 2, top, "body"),
        (P, "当社は情報セキュリティを重要課題と認識しております。", None, 3, top, "body"),
        (H, "(1) ガバナンス", 2, 4, gov, "body"),
        (L, "CISOを任命", None, 5, gov, "body"),
        (L, "委員会を設置", None, 6, gov, "body"),
        (C, "図1 体制図", None, 7, gov, "body"),
        (H, "(2) リスク管理", 2, 8, risk, "body"),
        (P, "リスク評価を年1回実施しております。", None, 9, risk, "body"),
        (H, "第3 設備の状況", 1, 10, ("第3 設備の状況",), "body"),
    ]
    assert doc.format == "docx"
    assert doc.path == str(tmp_path / "t.docx")
    assert all(b.location.file == doc.path for b in doc)
    assert doc.notes == []


def test_japanese_style_names_are_headings_lists_and_captions(tmp_path):
    d = new_doc()
    for name in ("見出し 1", "見出し２", "表題", "リスト段落", "図表番号"):
        d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("統合報告書 2024", style="表題")
    d.add_paragraph("価値創造", style="見出し 1")
    d.add_paragraph("情報セキュリティ", style="見出し２")
    d.add_paragraph("多要素認証の導入", style="リスト段落")
    d.add_paragraph("表1 訓練実績", style="図表番号")
    doc = read(save(d, tmp_path))
    assert [(b.kind, b.text, b.level) for b in doc] == [
        (H, "統合報告書 2024", 1),
        (H, "価値創造", 1),
        (H, "情報セキュリティ", 2),
        (L, "多要素認証の導入", None),
        (C, "表1 訓練実績", None),
    ]
    assert doc.blocks[3].location.section == ("価値創造", "情報セキュリティ")


def test_headings_do_not_depend_on_style_ids(tmp_path):
    """Japanese Word writes built-in heading styles with ids "1", "2" and English names."""
    d = new_doc()
    d.add_heading("事業等のリスク", 1)
    d.add_heading("情報セキュリティに関するリスク", 2)
    d.add_paragraph("本文")
    src = save(d, tmp_path, "src.docx")

    def ids(xml: bytes) -> bytes:
        return xml.replace(b'"Heading1"', b'"1"').replace(b'"Heading2"', b'"2"')

    path = rewrite(src, tmp_path / "ja_ids.docx", {"word/document.xml": ids, "word/styles.xml": ids})
    assert b'w:styleId="1"' in zipfile.ZipFile(path).read("word/styles.xml")
    doc = read(path)
    assert [(b.kind, b.level) for b in doc] == [(H, 1), (H, 2), (P, None)]


def _add_styles(extra: str) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(b"</w:styles>", extra.encode() + b"</w:styles>")


def test_outline_levels_direct_and_inherited_through_based_on(tmp_path):
    styles = (
        '<w:style w:type="paragraph" w:styleId="SecBase"><w:name w:val="Section Base"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="SecChild"><w:name w:val="社内見出し"/>'
        '<w:basedOn w:val="SecBase"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="My Heading"/>'
        '<w:basedOn w:val="Heading1"/></w:style>'
        # a basedOn cycle must not hang the reader
        '<w:style w:type="paragraph" w:styleId="LoopA"><w:name w:val="Loop A"/><w:basedOn w:val="LoopB"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="LoopB"><w:name w:val="Loop B"/><w:basedOn w:val="LoopA"/></w:style>'
    )
    body = (
        wp("直接のアウトライン", ppr='<w:outlineLvl w:val="1"/>')
        + wp("継承したアウトライン", style="SecChild")
        + wp("見出し1の派生", style="MyHead")
        + wp("本文レベル指定", style="Heading1", ppr='<w:outlineLvl w:val="9"/>')
        + wp("循環スタイル", style="LoopA")
        + wp("存在しないスタイル", style="NoSuchStyle")
    )
    doc = read(with_body(tmp_path, body, parts={"word/styles.xml": _add_styles(styles)}))
    assert [(b.kind, b.text, b.level) for b in doc] == [
        (H, "直接のアウトライン", 2),
        (H, "継承したアウトライン", 3),
        (H, "見出し1の派生", 1),
        (P, "本文レベル指定", None),
        (P, "循環スタイル", None),
        (P, "存在しないスタイル", None),
    ]
    assert doc.blocks[2].location.section == ("見出し1の派生",)
    assert doc.blocks[1].location.section == ("直接のアウトライン", "継承したアウトライン")


def test_list_items_by_numbering_style_and_bullet_characters(tmp_path):
    num = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    body = (
        wp("番号付きの項目", ppr=num)
        + wp("番号を外した段落", style="ListBullet", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>')
        + wp("レベルだけの段落", ppr='<w:numPr><w:ilvl w:val="1"/></w:numPr>')
        + wp("リスト段落スタイル", style="ListParagraph")
        + wp("・中黒で始まる項目")
        + wp("●黒丸で始まる項目")
        + wp("　・全角空白のあとの中黒")
        + wp("副題", style="Subtitle")  # Subtitle has numPr with only ilvl in python-docx's template
        + wp("※注記は箇条書きではない")
    )
    doc = read(with_body(tmp_path, body))
    assert [(b.kind, b.text) for b in doc] == [
        (L, "番号付きの項目"),
        (P, "番号を外した段落"),
        (P, "レベルだけの段落"),
        (L, "リスト段落スタイル"),
        (L, "・中黒で始まる項目"),
        (L, "●黒丸で始まる項目"),
        (L, "・全角空白のあとの中黒"),
        (P, "副題"),
        (P, "※注記は箇条書きではない"),
    ]


def test_empty_paragraphs_give_no_block_but_keep_their_index(tmp_path):
    body = wp("一") + wp() + wp("　 ") + wp("二") + wp(runs="<w:r><w:t></w:t></w:r>") + wp("三")
    doc = read(with_body(tmp_path, body))
    assert [(b.text, b.location.paragraph) for b in doc] == [("一", 1), ("二", 4), ("三", 6)]


# --------------------------------------------------------------------------- inline content


def test_text_in_hyperlinks_smart_tags_fields_and_content_controls_is_kept(tmp_path):
    body = (
        wp(runs=wr("詳細は") + '<w:hyperlink r:id="rIdNone" w:history="1">' + wr("当社ウェブサイト") + "</w:hyperlink>" + wr("をご覧ください。"))
        + wp(runs='<w:smartTag w:uri="urn:x" w:element="place">' + wr("東京都") + "</w:smartTag>" + wr("に本社"))
        + wp(runs='<w:fldSimple w:instr=" DATE \\@ &quot;yyyy年M月d日&quot; ">' + wr("2024年6月27日") + "</w:fldSimple>")
        + wp(
            runs=wr("参照: ")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + wr("第3章")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
        + wp(runs=wr("会社名：") + '<w:sdt><w:sdtPr><w:alias w:val="社名"/></w:sdtPr><w:sdtContent>' + wr("株式会社サンプル") + "</w:sdtContent></w:sdt>")
        + '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>'
        + wp("ブロック単位のコンテンツコントロール")
        + "</w:sdtContent></w:sdt>"
        + '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
        + wp("ここをクリックまたはタップしてテキストを入力してください。")
        + "</w:sdtContent></w:sdt>"
        + '<w:customXml w:element="disclosure">' + wp("カスタムXMLの中") + "</w:customXml>"
    )
    doc = read(with_body(tmp_path, body))
    assert texts(doc) == [
        "詳細は当社ウェブサイトをご覧ください。",
        "東京都に本社",
        "2024年6月27日",
        "参照: 第3章",
        "会社名：株式会社サンプル",
        "ブロック単位のコンテンツコントロール",
        "カスタムXMLの中",
    ]
    # the placeholder paragraph gives no block but still has its index (7)
    assert [b.location.paragraph for b in doc] == [1, 2, 3, 4, 5, 6, 8]


def test_tabs_breaks_hyphens_symbols_ruby_and_hidden_text(tmp_path):
    body = (
        wp(runs=wr("項目") + "<w:r><w:tab/></w:r>" + wr("内容"))
        + wp(runs=wr("一行目") + '<w:r><w:br/></w:r>' + wr("二行目") + "<w:r><w:cr/></w:r>" + wr("三行目"))
        + wp(runs=wr("ISO") + "<w:r><w:noBreakHyphen/></w:r>" + wr("27001") + "<w:r><w:softHyphen/></w:r>" + wr("認証"))
        + wp(runs='<w:r><w:sym w:font="MS Mincho" w:char="2460"/></w:r>' + wr("方針") + '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>')
        + wp(
            runs='<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/></w:rubyPr>'
            '<w:rt><w:r><w:t>ぜいじゃくせい</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>脆弱性</w:t></w:r></w:rubyBase></w:ruby></w:r>'
            + wr("への対応")
        )
        + wp(runs=wr("公開") + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>社外秘メモ</w:t></w:r>' + wr("文書") + '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>です</w:t></w:r>')
    )
    doc = read(with_body(tmp_path, body))
    assert texts(doc) == [
        "項目\t内容",
        "一行目\n二行目\n三行目",
        "ISO-27001認証",
        "①方針",
        "脆弱性への対応",
        "公開文書です",
    ]
    assert [(n.code, n.params) for n in doc.notes] == [("note.docx_hidden_text", {"count": 5})]


def test_tracked_changes_are_read_as_accepted(tmp_path):
    ins = '<w:ins w:id="1" w:author="A" w:date="2024-06-01T00:00:00Z">{}</w:ins>'
    dele = '<w:del w:id="2" w:author="A" w:date="2024-06-01T00:00:00Z"><w:r><w:delText>{}</w:delText></w:r></w:del>'
    body = (
        wp(runs=wr("当社は") + dele.format("年1回") + ins.format(wr("四半期ごとに")) + wr("訓練を実施しています。"))
        + wp(runs='<w:moveFrom w:id="3" w:author="A">' + wr("移動前の文") + "</w:moveFrom>")
        + wp(runs=wr("前文。") + '<w:moveTo w:id="4" w:author="A">' + wr("移動前の文") + "</w:moveTo>")
        + wp(runs=dele.format("まるごと削除された段落"))
        + tbl(
            tr(tc(wp("残る行"))),
            tr(tc(wp("削除された行")), trpr='<w:del w:id="5" w:author="A"/>'),
            tr(tc(wp("追加された行")), trpr='<w:ins w:id="6" w:author="A"/>'),
            grid=1,
        )
    )
    doc = read(with_body(tmp_path, body))
    assert texts(doc) == ["当社は四半期ごとに訓練を実施しています。", "前文。移動前の文", "残る行", "追加された行"]
    assert cells(doc) == {(1, 1): "残る行", (2, 1): "追加された行"}
    assert [(n.code, n.params) for n in doc.notes] == [("note.docx_tracked_changes", {"count": 7})]


# --------------------------------------------------------------------------- tables


def test_table_cells_appear_once_with_grid_coordinates(tmp_path):
    d = new_doc()
    d.add_heading("指標", 1)
    table = d.add_table(rows=3, cols=3)
    top = table.cell(0, 0).merge(table.cell(0, 1))  # gridSpan=2
    top.text = "項目（横結合）"
    table.cell(0, 2).text = "2024年度"
    side = table.cell(1, 2).merge(table.cell(2, 2))  # vMerge restart + continue
    side.text = "縦結合セル"
    table.cell(1, 0).text = "訓練"
    table.cell(1, 1).text = "年4回"
    table.cell(2, 0).text = "監査"
    table.cell(2, 1).text = "年1回"
    d.add_paragraph("表の後の段落")
    doc = read(save(d, tmp_path))
    assert cells(doc) == {
        (1, 1): "項目（横結合）",
        (1, 3): "2024年度",
        (2, 1): "訓練",
        (2, 2): "年4回",
        (2, 3): "縦結合セル",
        (3, 1): "監査",
        (3, 2): "年1回",
    }
    cell_blocks = [b for b in doc if b.kind is T]
    assert {b.location.table for b in cell_blocks} == {1}
    assert all(b.location.section == ("指標",) and b.location.part == "body" and b.level is None for b in cell_blocks)
    assert texts(doc).count("縦結合セル") == 1 and texts(doc).count("項目（横結合）") == 1
    assert doc.blocks[-1].text == "表の後の段落" and doc.blocks[-1].kind is P


def test_raw_vmerge_continuation_cells_and_grid_before(tmp_path):
    body = tbl(
        tr(tc(wp("リスク"), '<w:vMerge w:val="restart"/>'), tc(wp("対策A")), tc(wp("担当A"))),
        tr(tc(wp(), "<w:vMerge/>"), tc(wp("対策B")), tc(wp("担当B"))),
        tr(tc(wp("リスク"), '<w:vMerge w:val="continue"/>'), tc(wp("対策C"), '<w:gridSpan w:val="2"/>')),
        tr(tc(wp("右寄せの行")), trpr='<w:gridBefore w:val="2"/>'),
    )
    doc = read(with_body(tmp_path, body))
    assert cells(doc) == {
        (1, 1): "リスク",
        (1, 2): "対策A",
        (1, 3): "担当A",
        (2, 2): "対策B",
        (2, 3): "担当B",
        (3, 2): "対策C",
        (4, 3): "右寄せの行",
    }


def test_cell_with_several_paragraphs_is_one_block(tmp_path):
    body = tbl(tr(tc(wp("体制") + wp() + wp("・CISO") + wp("・CSIRT")), tc(wp("備考"))), grid=2)
    doc = read(with_body(tmp_path, body))
    first = doc.blocks[0]
    assert (first.kind, first.text) == (T, "体制\n・CISO\n・CSIRT")
    assert (first.location.paragraph, first.location.row, first.location.column) == (1, 1, 1)
    assert doc.blocks[1].location.paragraph == 5


def test_nested_tables_are_numbered_in_document_order(tmp_path):
    inner = tbl(tr(tc(wp("内側1")), tc(wp("内側2"))), grid=2)
    outer = tbl(tr(tc(wp("外側セル") + inner + wp("外側の続き")), tc(wp("外側右"))), grid=2)
    second = tbl(tr(tc(wp("二つ目の表"))), grid=1)
    doc = read(with_body(tmp_path, outer + wp("間の段落") + second))
    assert [(b.kind, b.text, b.location.table, b.location.row, b.location.column) for b in doc] == [
        (T, "外側セル\n外側の続き", 1, 1, 1),
        (T, "内側1", 2, 1, 1),
        (T, "内側2", 2, 1, 2),
        (T, "外側右", 1, 1, 2),
        (P, "間の段落", None, None, None),
        (T, "二つ目の表", 3, 1, 1),
    ]
    assert [b.location.paragraph for b in doc] == [1, 2, 3, 5, 6, 7]


def test_table_rows_inside_content_controls(tmp_path):
    body = (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>"
        + tr(tc(wp("見出し行")))
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + tr(tc(wp("繰り返し行")))
        + "</w:sdtContent></w:sdt></w:tbl>"
    )
    assert cells(read(with_body(tmp_path, body))) == {(1, 1): "見出し行", (2, 1): "繰り返し行"}


# --------------------------------------------------------------------------- text boxes


def test_text_box_with_alternate_content_is_read_once(tmp_path):
    body = (
        wp("サイバーセキュリティ", style="Heading1")
        + wp(runs=wr("本文の段落") + textbox(wp("コラム：ランサムウェア対策"), wp("バックアップを分離保管")))
        + wp("次の段落")
    )
    doc = read(with_body(tmp_path, body))
    sec = ("サイバーセキュリティ",)
    assert rows(doc) == [
        (H, "サイバーセキュリティ", 1, 1, sec, "body"),
        (P, "本文の段落", None, 2, sec, "body"),
        (P, "コラム：ランサムウェア対策", None, 3, sec, "textbox"),
        (P, "バックアップを分離保管", None, 4, sec, "textbox"),
        # the two VML copies in mc:Fallback are not counted
        (P, "次の段落", None, 5, sec, "body"),
    ]
    assert texts(doc).count("コラム：ランサムウェア対策") == 1
    assert "テキストボックス" in doc.blocks[2].location.short("ja")


def test_heading_style_in_a_text_box_does_not_change_the_section(tmp_path):
    body = wp("リスク管理", style="Heading1") + wp(runs=textbox(wp("囲み見出し", style="Heading1"))) + wp("本文")
    doc = read(with_body(tmp_path, body))
    assert [(b.kind, b.text, b.location.section) for b in doc] == [
        (H, "リスク管理", ("リスク管理",)),
        (P, "囲み見出し", ("リスク管理",)),
        (P, "本文", ("リスク管理",)),
    ]


def test_vml_text_box_and_fallback_only_alternate_content(tmp_path):
    vml = '<w:r><w:pict><v:shape id="s1" type="#_x0000_t202"><v:textbox><w:txbxContent>' + wp("旧形式のテキストボックス") + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    fallback_only = (
        '<w:r><mc:AlternateContent><mc:Fallback><w:pict><v:shape id="s2"><v:textbox><w:txbxContent>'
        + wp("代替表示だけの箱")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    doc = read(with_body(tmp_path, wp(runs=vml) + wp(runs=fallback_only) + wp("最後")))
    assert [(b.text, b.location.part, b.location.paragraph) for b in doc] == [
        ("旧形式のテキストボックス", "textbox", 2),
        ("代替表示だけの箱", "textbox", None),  # inside mc:Fallback: no contract index
        ("最後", "body", 4),
    ]


def test_table_inside_a_text_box(tmp_path):
    body = wp(runs=textbox(wp("箱の中の表"), tbl(tr(tc(wp("A")), tc(wp("B"))), grid=2)))
    doc = read(with_body(tmp_path, body))
    assert [(b.kind, b.text, b.location.part, b.location.table, b.location.column) for b in doc] == [
        (P, "箱の中の表", "textbox", None, None),
        (T, "A", "textbox", 1, 1),
        (T, "B", "textbox", 1, 2),
    ]


# --------------------------------------------------------------------------- footnotes and endnotes


def test_footnotes_and_endnotes_follow_the_body(tmp_path):
    body = (
        wp("サステナビリティ", style="Heading1")
        + wp(runs=wr("NIST CSF に準拠しています") + footnote_ref(1) + wr("。"))
        + wp("人的資本", style="Heading1")
        + wp(runs=wr("訓練を実施しました") + footnote_ref(2) + footnote_ref(1, "endnote"))
    )
    doc = read(
        with_body(
            tmp_path,
            body,
            footnotes=notes_xml("footnote", {1: "米国国立標準技術研究所のフレームワーク", 2: "全従業員が対象"}),
            endnotes=notes_xml("endnote", {1: "数値は2024年3月末時点"}),
        )
    )
    assert rows(doc)[-3:] == [
        (P, "米国国立標準技術研究所のフレームワーク", None, 3, ("サステナビリティ",), "footnote"),
        (P, "全従業員が対象", None, 4, ("人的資本",), "footnote"),
        (P, "数値は2024年3月末時点", None, 3, ("人的資本",), "endnote"),
    ]
    assert texts(doc)[:4] == ["サステナビリティ", "NIST CSF に準拠しています。", "人的資本", "訓練を実施しました"]
    assert "脚注" in doc.blocks[-3].location.short("ja")


def test_footnote_referenced_from_a_table_cell_and_a_text_box_inside_a_footnote(tmp_path):
    body = wp("指標と目標", style="Heading1") + tbl(tr(tc(wp(runs=wr("訓練受講率 98%") + footnote_ref(1)))), grid=1)
    note = (
        '<w:footnote w:id="1"><w:p>' + wr("対象は国内グループ会社") + "</w:p>"
        + wp(runs=textbox(wp("脚注の中の箱"))) + "</w:footnote>"
    )
    doc = read(with_body(tmp_path, body, footnotes=notes_xml("footnote", {}) + note))
    assert [(b.text, b.location.part, b.location.section, b.location.paragraph) for b in doc][1:] == [
        ("訓練受講率 98%", "body", ("指標と目標",), 2),
        ("対象は国内グループ会社", "footnote", ("指標と目標",), 3),
        ("脚注の中の箱", "footnote", ("指標と目標",), 5),
    ]


# --------------------------------------------------------------------------- the paragraph contract


def _contract_paragraphs(body: etree._Element) -> list[etree._Element]:
    """Independent statement of the contract: body.iter(w:p) minus those under mc:Fallback."""
    fallback = "{%s}Fallback" % MC_NS
    return [p for p in body.iter("{%s}p" % W_NS) if not any(a.tag == fallback for a in p.iterancestors())]


def test_paragraph_index_finds_the_paragraph_again(tmp_path):
    body = (
        wp("見出し", style="Heading1")
        + wp()
        + wp(runs=wr("  前後に空白  ") + textbox(wp("箱1"), wp(), wp("箱2")))
        + tbl(tr(tc(wp("セル1") + wp("セル1の2")), tc(wp())), tr(tc(wp("セル3")), tc(wp(runs=textbox(wp("セル内の箱"), box_id=2)))), grid=2)
        + '<w:sdt><w:sdtContent>' + wp("コントロール内") + "</w:sdtContent></w:sdt>"
        + wp("最後")
    )
    path = with_body(tmp_path, body)
    doc = read(path)
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    body_el = root.find("{%s}body" % W_NS)
    expected = _contract_paragraphs(body_el)
    index = paragraph_index(body_el)
    assert [index[p] for p in expected] == list(range(1, len(expected) + 1))
    assert len(index) == len(expected)
    for block in doc:
        p = expected[block.location.paragraph - 1]
        raw = paragraph_text(p)
        if block.kind is T:
            assert block.text.split("\n")[0] == raw.strip()
        else:
            assert block.text == raw.strip()
    assert [(b.text, b.location.paragraph) for b in doc] == [
        ("見出し", 1),
        ("前後に空白", 3),
        ("箱1", 4),
        ("箱2", 6),
        ("セル1\nセル1の2", 7),
        ("セル3", 10),
        ("セル内の箱", 12),
        ("コントロール内", 13),
        ("最後", 14),
    ]


# --------------------------------------------------------------------------- metadata


def test_title_from_core_properties_then_title_style_then_first_heading(tmp_path):
    d = new_doc()
    d.core_properties.title = "2024年3月期 有価証券報告書"
    d.add_heading("表紙", 0)
    d.add_heading("第一部", 1)
    assert read(save(d, tmp_path, "a.docx")).metadata["title"] == "2024年3月期 有価証券報告書"

    d = new_doc()
    d.add_heading("第一部 企業情報", 1)
    d.add_heading("統合報告書 2024", 0)
    assert read(save(d, tmp_path, "b.docx")).metadata["title"] == "統合報告書 2024"

    d = new_doc()
    d.add_paragraph("前文")
    d.add_heading("情報セキュリティ基本方針", 1)
    assert read(save(d, tmp_path, "c.docx")).metadata["title"] == "情報セキュリティ基本方針"

    d = new_doc()
    d.add_paragraph("見出しのない文書")
    assert "title" not in read(save(d, tmp_path, "d.docx")).metadata


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["【表紙】", "（自 2023年4月1日 至 2024年3月31日）", "【提出日】 2024年6月27日"], "2024-06-27"),
        (["コーポレート・ガバナンス報告書", "最終更新日：令和6年6月28日"], "2024-06-28"),
        (["統合報告書", "令和6年6月"], "2024-06"),
        (["平成31年3月期", "令和元年5月1日"], "2019-03"),
        (["発行日　２０２４年７月１日"], "2024-07-01"),
        (["作成日: 2024/6/27"], "2024-06-27"),
        (["2024年13月40日は日付ではない", "2024年2月29日"], "2024-02-29"),
    ],
)
def test_date_found_near_the_start(tmp_path, lines, expected):
    d = new_doc()
    for line in lines:
        d.add_paragraph(line)
    assert read(save(d, tmp_path)).metadata["date"] == expected


def test_date_from_core_properties_as_a_japanese_calendar_day(tmp_path):
    import datetime as dt

    d = new_doc()
    d.core_properties.created = dt.datetime(2024, 5, 1, 1, 0, 0)
    d.core_properties.modified = dt.datetime(2024, 6, 26, 20, 30, 0)  # UTC -> 2024-06-27 in JST
    d.add_paragraph("日付のない本文")
    meta = read(save(d, tmp_path)).metadata
    assert meta["date"] == "2024-06-27"
    assert meta["created"] == "2024-05-01" and meta["modified"] == "2024-06-27"


# --------------------------------------------------------------------------- other producers


def test_strict_ooxml_namespace(tmp_path):
    d = new_doc()
    d.add_heading("厳格形式", 1)
    d.add_paragraph("ISO/IEC 29500 Strict の文書")
    src = save(d, tmp_path, "src.docx")
    strict = b"http://purl.oclc.org/ooxml/wordprocessingml/main"

    def to_strict(xml: bytes) -> bytes:
        return xml.replace(W_NS.encode(), strict)

    path = rewrite(src, tmp_path / "strict.docx", {"word/document.xml": to_strict, "word/styles.xml": to_strict})
    doc = read(path)
    assert [(b.kind, b.text) for b in doc] == [(H, "厳格形式"), (P, "ISO/IEC 29500 Strict の文書")]


def test_libreoffice_fixture_headings_and_table():
    doc = read(LO_FIXTURE)
    assert [(b.text, b.level) for b in doc if b.kind is H] == [
        ("第2 事業の状況", 1),
        ("サステナビリティに関する考え方及び取組", 2),
        ("(1) サイバーセキュリティ", 3),
        ("(2) リスク管理", 3),
    ]
    assert cells(doc) == {
        (1, 1): "項目",
        (1, 2): "2023年度",
        (1, 3): "2024年度",
        (2, 1): "訓練",
        (2, 2): "開封率 8%",
        (2, 3): "開封率 5%",
        (3, 2): "全従業員が受講",
    }
    table_cells = [b for b in doc if b.kind is T]
    assert {b.location.section for b in table_cells} == {
        ("第2 事業の状況", "サステナビリティに関する考え方及び取組", "(1) サイバーセキュリティ")
    }
    assert texts(doc, L) == ["情報セキュリティ委員会を四半期ごとに開催", "全従業員への標的型メール訓練"]
    boxes = [b.text for b in doc if b.location.part == "textbox"]
    assert boxes == ["コラム：標的型攻撃への備え"]
    notes = [(b.text, b.location.section) for b in doc if b.location.part == "footnote"]
    assert notes == [("NIST サイバーセキュリティフレームワーク", ("第2 事業の状況", "サステナビリティに関する考え方及び取組", "(2) リスク管理"))]
    assert doc.metadata["title"] == "サイバーセキュリティに関する開示"
    assert doc.metadata["date"] == "2024-06-27"


# --------------------------------------------------------------------------- bad input


def test_random_bytes_named_docx(tmp_path):
    path = tmp_path / "random.docx"
    path.write_bytes(os.urandom(4096))
    raises_key("input.corrupt_docx", path)


def test_truncated_docx(tmp_path):
    data = save(new_doc(), tmp_path).read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    raises_key("input.corrupt_docx", path)


def test_damaged_member_data(tmp_path):
    src = save(new_doc(), tmp_path)
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + min(200, info.compress_size - 10)):
        data[i] ^= 0x5A
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(data))
    raises_key("input.corrupt_docx", path)


def test_zip_without_word_document(tmp_path):
    path = tmp_path / "notword.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("xl/workbook.xml", "<workbook/>")
    err = raises_key("input.corrupt_docx", path)
    assert "word/document.xml" in err.message("en")


def test_document_xml_that_is_not_wordprocessingml(tmp_path):
    path = rewrite(save(new_doc(), tmp_path), tmp_path / "odd.docx", {"word/document.xml": b"<html><body>x</body></html>"})
    raises_key("input.corrupt_docx", path)


def test_malformed_document_xml(tmp_path):
    path = rewrite(save(new_doc(), tmp_path), tmp_path / "bad.docx", {"word/document.xml": lambda x: x[: len(x) // 2]})
    err = raises_key("input.corrupt_docx", path)
    assert "word/document.xml" in err.message("en")


def test_zip_bomb_over_a_small_limit(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(save(new_doc(), tmp_path)) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("word/media/zeros.bin", bytes(5 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    raises_key("input.zip_bomb", path, Limits(max_uncompressed_mb=1))


def test_zip_bomb_of_600_mb_with_default_limits(tmp_path, monkeypatch):
    path = tmp_path / "bomb600.docx"
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 1  # fast; the archive stays under 3 MB
        with zf.open(info, "w", force_zip64=True) as fh:
            for _ in range(600):
                fh.write(chunk)
    assert path.stat().st_size < 5_000_000
    def no_inflating(*args, **kwargs):
        raise AssertionError("a member was inflated")

    # refused from the declared sizes: nothing is inflated
    monkeypatch.setattr(zipfile.ZipExtFile, "read", no_inflating)
    monkeypatch.setattr(zipfile.ZipExtFile, "read1", no_inflating)
    raises_key("input.zip_bomb", path)


def test_zip_member_escaping_the_archive(tmp_path):
    path = rewrite(save(new_doc(), tmp_path), tmp_path / "evil.docx", {"../evil": b"pwned"})
    assert "../evil" in zipfile.ZipFile(path).namelist()
    err = raises_key("input.unsafe_zip_member", path)
    assert err.params["name"] == "../evil"


XXE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


def test_external_entity_in_document_xml_is_refused(tmp_path):
    path = rewrite(save(new_doc(), tmp_path), tmp_path / "xxe.docx", {"word/document.xml": XXE})
    err = raises_key("input.xml_forbidden", path)
    assert "root:" not in err.message("en")


def test_entity_expansion_in_another_part_is_refused(tmp_path):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol2;</w:styles>'
    )
    d = new_doc()
    d.add_paragraph("本文")
    path = rewrite(save(d, tmp_path), tmp_path / "lol.docx", {"word/styles.xml": laughs})
    raises_key("input.xml_forbidden", path)


@pytest.mark.parametrize(
    "body",
    [
        "<w:sdt><w:sdtContent>" * 3000 + wp("深い") + "</w:sdtContent></w:sdt>" * 3000,
        "<w:tbl><w:tr><w:tc>" * 400 + wp("深い表") + "</w:tc></w:tr></w:tbl>" * 400,
    ],
    ids=["xml-depth", "python-recursion"],
)
def test_absurdly_deep_nesting_is_an_input_error(tmp_path, body):
    raises_key("input.corrupt_docx", with_body(tmp_path, body))


def test_60_nested_tables_are_fine(tmp_path):
    body = "<w:tbl><w:tr><w:tc>" * 60 + wp("深い表") + "</w:tc></w:tr></w:tbl>" * 60
    block = read(with_body(tmp_path, body)).blocks[0]
    assert (block.text, block.location.table) == ("深い表", 60)


def test_document_without_text(tmp_path):
    d = new_doc()
    d.add_paragraph("")
    d.add_paragraph("   ")
    d.add_table(rows=2, cols=2)
    raises_key("input.no_text", save(d, tmp_path))


def test_password_protected_docx_and_legacy_doc(tmp_path):
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    enc = tmp_path / "protected.docx"
    enc.write_bytes(cfb + "EncryptionInfo".encode("utf-16-le") + bytes(64) + "EncryptedPackage".encode("utf-16-le"))
    raises_key("input.docx_encrypted", enc)
    doc = tmp_path / "old.docx"
    doc.write_bytes(cfb + "WordDocument".encode("utf-16-le") + bytes(64))
    raises_key("input.doc_legacy", doc)
    other = tmp_path / "other.docx"
    other.write_bytes(cfb + bytes(64))
    raises_key("input.corrupt_docx", other)


def test_the_input_file_is_not_modified(tmp_path):
    d = new_doc()
    d.add_heading("見出し", 1)
    d.add_paragraph("本文")
    path = save(d, tmp_path)
    os.utime(path, (1_600_000_000, 1_600_000_000))
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime, sorted(os.listdir(tmp_path)))
    read(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime, sorted(os.listdir(tmp_path))) == before


def test_every_message_key_the_reader_uses_exists_in_both_languages():
    package = Path(__file__).parents[1] / "disclint" / "readers" / "docx"
    source = "\n".join(f.read_text(encoding="utf-8") for f in sorted(package.glob("*.py")))
    keys = set(re.findall(r'"((?:input|note)\.[a-z_]+)"', source)) | {"input.zip_bomb", "input.unsafe_zip_member", "input.xml_forbidden"}
    assert "note.docx_tracked_changes" in keys and "input.corrupt_docx" in keys
    for key in keys:
        assert set(MESSAGES[key]) >= {"ja", "en"}, key
        assert t(key, "ja", count=3, reason="x", name="n", limit_mb=1)


# --------------------------------------------------------------------------- property: texts survive


_text = st.text(
    alphabet=st.sampled_from(list("当社情報セキュリティ対策を実施。、ＡＢＣabc123①（）・ 　\t\n")), min_size=0, max_size=40
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(_text, min_size=1, max_size=6))
def test_paragraph_texts_round_trip(tmp_path, paragraphs):
    d = new_doc()
    for text in paragraphs:
        d.add_paragraph(text)  # python-docx writes \t as w:tab and \n as w:br
    expected = [p.strip() for p in paragraphs if p.strip()]
    path = save(d, tmp_path)
    if not expected:
        raises_key("input.no_text", path)
        return
    doc = read(path)
    assert texts(doc) == expected


# --------------------------------------------------------------------------- LibreOffice


def build_libreoffice_source(path: Path) -> Path:
    """The Word-style document that LibreOffice converts into the fixture."""
    d = new_doc()
    d.core_properties.title = "サイバーセキュリティに関する開示"
    d.add_heading("第2 事業の状況", 1)
    d.add_paragraph("提出日 2024年6月27日")
    d.add_heading("サステナビリティに関する考え方及び取組", 2)
    d.add_heading("(1) サイバーセキュリティ", 3)
    d.add_paragraph("当社グループは、サイバーセキュリティを経営上の重要課題と認識しております。")
    d.add_paragraph("情報セキュリティ委員会を四半期ごとに開催", style="List Bullet")
    d.add_paragraph("全従業員への標的型メール訓練", style="List Bullet")
    table = d.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for (r, c), text in {(0, 0): "項目", (0, 1): "2023年度", (0, 2): "2024年度", (1, 1): "開封率 8%", (1, 2): "開封率 5%"}.items():
        table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "訓練"
    table.cell(2, 1).merge(table.cell(2, 2)).text = "全従業員が受講"
    d.add_heading("(2) リスク管理", 3)
    d.add_paragraph("MARKER_TEXTBOX")
    d.add_paragraph("MARKER_FOOTNOTE")
    tmp = path.with_suffix(".base.docx")
    d.save(tmp)

    def patch(xml: bytes) -> bytes:
        box = textbox(wp("コラム：標的型攻撃への備え"))
        xml = re.sub(
            rb"<w:p><w:r><w:t>MARKER_TEXTBOX</w:t></w:r></w:p>",
            wp(runs=wr("インシデント対応手順を定めております。") + box).encode(),
            xml,
        )
        return re.sub(
            rb"<w:p><w:r><w:t>MARKER_FOOTNOTE</w:t></w:r></w:p>",
            wp(runs=wr("対応はフレームワークに沿っています") + footnote_ref(1) + wr("。")).encode(),
            xml,
        )

    footnotes = notes_xml("footnote", {1: "NIST サイバーセキュリティフレームワーク"})
    root = f'<w:footnotes xmlns:w="{W_NS}">{footnotes}</w:footnotes>'
    rewrite(
        tmp,
        path,
        {
            "word/document.xml": patch,
            "word/footnotes.xml": b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + root.encode(),
            "word/_rels/document.xml.rels": lambda x: add_rel(x, REL_FOOTNOTES, "footnotes.xml", "rIdFn"),
            "[Content_Types].xml": lambda x: x.replace(
                b"</Types>",
                b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
            ),
        },
    )
    tmp.unlink()
    return path


def convert_with_libreoffice(src: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="disclint-lo-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "docx:MS Word 2007 XML",
                "--outdir",
                str(outdir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    out = outdir / (src.stem + ".docx")
    assert out.exists(), "LibreOffice produced no file"
    return out


@pytest.mark.slow
def test_installed_libreoffice_output_reads_like_the_fixture(tmp_path):
    src = build_libreoffice_source(tmp_path / "source.docx")
    out = convert_with_libreoffice(src, tmp_path / "lo")
    assert b"LibreOffice" in zipfile.ZipFile(out).read("docProps/app.xml")
    assert rows(read(out)) == rows(read(LO_FIXTURE))


if __name__ == "__main__":  # regenerate tests/fixtures/docx/libreoffice_sample.docx
    with tempfile.TemporaryDirectory() as tmp:
        source = build_libreoffice_source(Path(tmp) / "libreoffice_sample.docx")
        result = convert_with_libreoffice(source, Path(tmp) / "out")
        FIXTURES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(result, LO_FIXTURE)
    print(f"wrote {LO_FIXTURE}", file=sys.stderr)
