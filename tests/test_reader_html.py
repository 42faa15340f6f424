"""HTML reader: visible text only, block kinds, heading levels, sections, tables, encodings."""

from __future__ import annotations

import pytest

from disclint.model.document import BlockKind
from disclint.model.errors import InputError
from disclint.readers import detect, read
from disclint.readers.html import html_to_blocks, sniff_html

PAGE = """<!DOCTYPE html>
<html lang="ja">
<head><title>情報セキュリティ基本方針｜サンプル工業</title>
<style>p { color: red }</style><script>document.write("<p>スクリプト</p>")</script></head>
<body>
<nav><ul><li>ホーム</li><li>会社概要</li></ul></nav>
<h1>情報セキュリティ基本方針</h1>
<p>当社は、お客様からお預かりした情報資産を保護するため、
次のとおり基本方針を定めます。</p>
<h2>１．管理体制</h2>
<div>最高情報セキュリティ責任者を<b>任命</b>します。<p>委員会を毎月開催します。</p></div>
<ul><li>多要素認証の導入<ul><li>管理者アカウントから先行</li></ul></li><li>EDR の導入</li></ul>
<h3>(1) 監視</h3>
<p>24時間監視を行います。<br>夜間も対応します。</p>
<table>
<caption>主な指標</caption>
<tr><th>指標</th><th colspan="2">実績</th></tr>
<tr><td rowspan="2">訓練</td><td>2023年度</td><td>2回</td></tr>
<tr><td>2024年度</td><td>4回</td></tr>
</table>
<figure><img src="org.png" alt="org.png"><figcaption>図1 推進体制</figcaption></figure>
<div hidden>隠しテキスト</div><p style="display: none">非表示テキスト</p>
<noscript>JavaScript を有効にしてください</noscript><template><p>テンプレート</p></template>
</body></html>
"""


def test_visible_text_blocks_kinds_levels_and_sections(write):
    doc = read(write("policy.html", PAGE))
    assert doc.format == "html"
    assert doc.metadata["title"] == "情報セキュリティ基本方針｜サンプル工業"
    got = [(b.kind, b.text, b.level) for b in doc.blocks]
    assert got[:9] == [
        (BlockKind.HEADING, "情報セキュリティ基本方針", 1),
        (BlockKind.PARAGRAPH, "当社は、お客様からお預かりした情報資産を保護するため、次のとおり基本方針を定めます。", None),
        (BlockKind.HEADING, "１．管理体制", 2),
        (BlockKind.PARAGRAPH, "最高情報セキュリティ責任者を任命します。", None),
        (BlockKind.PARAGRAPH, "委員会を毎月開催します。", None),
        (BlockKind.LIST_ITEM, "多要素認証の導入", None),
        (BlockKind.LIST_ITEM, "管理者アカウントから先行", None),
        (BlockKind.LIST_ITEM, "EDR の導入", None),
        (BlockKind.HEADING, "(1) 監視", 3),
    ]
    para = doc.blocks[9]
    assert (para.kind, para.text) == (BlockKind.PARAGRAPH, "24時間監視を行います。\n夜間も対応します。")
    assert para.location.section == ("情報セキュリティ基本方針", "１．管理体制", "(1) 監視")
    assert para.location.file == str(doc.path)
    all_text = " ".join(b.text for b in doc.blocks)
    for invisible in ("ホーム", "スクリプト", "color", "隠しテキスト", "非表示テキスト", "JavaScript", "テンプレート", "org.png"):
        assert invisible not in all_text


def test_tables_give_cells_with_row_column_and_captions(write):
    doc = read(write("policy.html", PAGE))
    captions = [(b.text, b.location.table) for b in doc.blocks if b.kind == BlockKind.CAPTION]
    assert captions == [("主な指標", 1), ("図1 推進体制", None)]
    cells = [(b.text, b.location.table, b.location.row, b.location.column) for b in doc.blocks if b.kind == BlockKind.TABLE_CELL]
    # colspan and rowspan move the following cells to their real column
    assert cells == [
        ("指標", 1, 1, 1), ("実績", 1, 1, 2),
        ("訓練", 1, 2, 1), ("2023年度", 1, 2, 2), ("2回", 1, 2, 3),
        ("2024年度", 1, 3, 2), ("4回", 1, 3, 3),
    ]
    assert all(b.location.section == ("情報セキュリティ基本方針", "１．管理体制", "(1) 監視") for b in doc.blocks if b.kind == BlockKind.TABLE_CELL)


def test_nested_table_is_its_own_table(write):
    html = "<html><body><table><tr><td>外側<table><tr><td>内側</td></tr></table></td><td>右</td></tr></table></body></html>"
    doc = read(write("t.html", html))
    cells = [(b.text, b.location.table, b.location.row, b.location.column) for b in doc.blocks]
    assert cells == [("外側", 1, 1, 1), ("右", 1, 1, 2), ("内側", 2, 1, 1)]


def test_edinet_style_numbered_paragraphs_are_headings(write):
    html = """<html><body>
<h3>３【事業等のリスク】</h3>
<p style="margin-left: 24px">当社グループの事業に影響を及ぼす可能性のあるリスクは、以下のとおりであります。</p>
<p style="margin-left: 24px">＜オペレーショナルリスク＞</p>
<p style="margin-left: 24px">(6) <span style="font-weight: normal">情報セキュリティについて</span></p>
<p style="margin-left: 36px">当社グループは顧客の機密情報を取り扱っており、サイバー攻撃により
漏えいした場合には業績に影響を及ぼす可能性があります。</p>
<p>&nbsp;</p>
<p>(7) 人材について</p>
<p>優秀な人材の確保が進まない場合、業績に影響を及ぼす可能性があります。</p>
</body></html>"""
    doc = read(write("risk.htm", html))
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == BlockKind.HEADING]
    assert heads == [("３【事業等のリスク】", 3), ("＜オペレーショナルリスク＞", 4), ("(6) 情報セキュリティについて", 5), ("(7) 人材について", 5)]
    cyber = next(b for b in doc.blocks if "サイバー攻撃" in b.text)
    assert cyber.kind == BlockKind.PARAGRAPH
    assert "サイバー攻撃により漏えいした" in cyber.text  # source line break inside Japanese: no space
    assert cyber.location.section == ("３【事業等のリスク】", "＜オペレーショナルリスク＞", "(6) 情報セキュリティについて")
    assert len(doc.blocks) == 7  # the nbsp-only spacer paragraph is not a block


def test_bullet_paragraphs_are_list_items(write):
    doc = read(write("b.html", "<html><body><p>・年1回のリスクアセスメント</p><p>・脆弱性診断の実施</p></body></html>"))
    assert [b.kind for b in doc.blocks] == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]


def test_html_to_blocks_with_section_prefix_drops_the_repeated_title_and_ranks_levels():
    fragment = "<h3>４【事業等のリスク】</h3><p>概要です。</p><h4>個別リスク</h4><p>(1) 情報セキュリティ</p><p>本文です。</p>"
    blocks = html_to_blocks(fragment, "f.xbrl", ("事業等のリスク",))
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        (BlockKind.PARAGRAPH, "概要です。", None),
        (BlockKind.HEADING, "個別リスク", 2),
        (BlockKind.HEADING, "(1) 情報セキュリティ", 3),
        (BlockKind.PARAGRAPH, "本文です。", None),
    ]
    assert blocks[0].location.section == ("事業等のリスク",)
    assert blocks[-1].location.section == ("事業等のリスク", "個別リスク", "(1) 情報セキュリティ")
    assert all(b.location.file == "f.xbrl" for b in blocks)


def test_external_entities_are_not_resolved(write, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-VALUE", encoding="utf-8")
    html = f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body><p>値: &x;</p><p>本文です。</p></body></html>'
    doc = read(write("xxe.html", html))
    assert "TOPSECRET" not in " ".join(b.text for b in doc.blocks)
    assert any(b.text == "本文です。" for b in doc.blocks)


# --- detection and encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE html><html>",
        b"<!doctype HTML>\n<html>",
        b"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\">",
        b"  \n<!-- saved page -->\n<HTML lang='ja'>",
        b"\xff\xfe" + "<html><body>".encode("utf-16-le"),
    ],
)
def test_sniff_recognises_html_heads(tmp_path, head):
    assert sniff_html(head, tmp_path / "x.bin")


@pytest.mark.parametrize("head", [b"plain text mentioning <html> later", b"<?xml version='1.0'?><xbrli:xbrl>", b"%PDF-1.7"])
def test_sniff_rejects_non_html(tmp_path, head):
    assert not sniff_html(head, tmp_path / "x.bin")


def test_content_wins_over_extension(write):
    path = write("page.txt", "<!DOCTYPE html><html><body><h1>見出し</h1><p>本文です。</p></body></html>")
    assert detect(path, path.read_bytes()).name == "html"
    assert read(path).blocks[0].kind == BlockKind.HEADING


def test_fragment_with_html_extension_falls_back_to_html(write):
    path = write("fragment.html", "<p>当社は<b>CSIRT</b>を設置している。</p>")
    doc = read(path)
    assert doc.format == "html" and doc.blocks[0].text == "当社はCSIRTを設置している。"


def test_declared_shift_jis_is_decoded(write):
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body><p>情報セキュリティ委員会を設置しています。</p></body></html>'
    doc = read(write("sjis.html", html.encode("cp932")))
    assert doc.blocks[0].text == "情報セキュリティ委員会を設置しています。"
    assert doc.notes[0].code == "note.encoding" and doc.notes[0].params == {"encoding": "Shift_JIS (CP932)"}


def test_undeclared_euc_jp_is_detected(write):
    doc = read(write("euc.html", "<html><body><p>不正アクセスを防止します。</p></body></html>".encode("euc_jp")))
    assert doc.blocks[0].text == "不正アクセスを防止します。"
    assert doc.notes[0].params == {"encoding": "EUC-JP"}


def test_page_without_visible_text_is_an_error(write):
    path = write("empty.html", "<html><head><title>空</title><script>x()</script></head><body> <p>&nbsp;</p> </body></html>")
    with pytest.raises(InputError) as info:
        read(path)
    assert info.value.code == "input.no_text"
