"""PDF reader: hard wraps, running headers, columns, headings, vertical text, bad input.

Every PDF is built here with reportlab (the CID font HeiseiMin-W3 needs no font file) or,
for broken fonts, written byte by byte; nothing depends on files outside the repository.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from disclint import readers
from disclint.model.document import BlockKind
from disclint.model.errors import InputError, LimitExceeded
from disclint.readers import Limits
from disclint.readers.pdf import classify_page_text, fix_radicals, read_pdf
from disclint.readers.pdf.paragraphs import join_lines

FONT = "HeiseiMin-W3"
VFONT = "HeiseiMin-W3-V"
W, H = A4
FIXTURES = Path(__file__).parent / "fixtures"


def _fonts() -> None:
    names = pdfmetrics.getRegisteredFontNames()
    if FONT not in names:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    if VFONT not in names:
        font = UnicodeCIDFont(FONT, isVertical=True)
        font.name = font.fontName = VFONT
        pdfmetrics.registerFont(font)


# --------------------------------------------------------------------------- PDF building


class Page:
    """Drawing helpers on one reportlab page (y grows upwards, A4, points)."""

    def __init__(self, c: canvas.Canvas) -> None:
        self.c = c

    def text(self, x: float, y: float, s: str, size: float = 10.0, width: float | None = None, font: str = FONT) -> None:
        """One line; with ``width`` it is justified to exactly that width (like typeset body text)."""
        self.c.setFont(font, size)
        if width is not None and len(s) > 1:
            natural = pdfmetrics.stringWidth(s, font, size)
            self.c.drawString(x, y, s, charSpace=(width - natural) / (len(s) - 1))
        else:
            self.c.drawString(x, y, s)

    def paragraph(self, x: float, y: float, lines: list[str], size: float = 10.0, leading: float = 15.0, width: float | None = None) -> float:
        """Hard-wrapped lines: all but the last justified to ``width``; returns the next y."""
        width = width if width is not None else max(pdfmetrics.stringWidth(s, FONT, size) for s in lines)
        for i, s in enumerate(lines):
            self.text(x, y, s, size, width if i < len(lines) - 1 else None)
            y -= leading
        return y


def build_pdf(path: Path, pages, *, encrypt=None, title: str | None = None, rotation: int = 0) -> Path:
    """``pages``: one callable per page, called with a :class:`Page`."""
    _fonts()
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    if title:
        c.setTitle(title)
    for draw in pages:
        if rotation:
            c.setPageRotation(rotation)
        draw(Page(c))
        c.showPage()
    c.save()
    return path


def wrap(text: str, first: int, rest: int) -> list[str]:
    """Cut ``text`` into lines of ``first`` and then ``rest`` characters (no regard for words)."""
    lines = [text[:first]]
    text = text[first:]
    while text:
        lines.append(text[:rest])
        text = text[rest:]
    return lines


def read(path: Path, **limits) -> object:
    return read_pdf(path, Limits(**limits))


def error_of(path: Path, **limits) -> InputError:
    with pytest.raises(InputError) as info:
        read(path, **limits)
    return info.value


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks]


def note_codes(doc) -> list[tuple[str, int | None]]:
    return [(n.code, n.page) for n in doc.notes]


RISK = (
    "当社グループでは、システム開発から運用段階に至るまで、顧客企業が有する個人情報や顧客企業のシステム技"
    "術情報等の各種機密情報を知りうる場合があります。情報の適切な管理に努めておりますが、不正アクセス等により"
    "機密情報の漏洩が発生した場合、当社グループの業績に影響を及ぼす可能性があります。"
)


def risk_lines() -> list[str]:
    # the first line (after a full-width indent) ends in the middle of the word 技術情報
    first = "\u3000" + RISK[: RISK.index("術")]
    return [first] + wrap(RISK[len(first) - 1 :], len(first), len(first))


# --------------------------------------------------------------------------- hard wraps, headings


def test_hard_wrap_in_a_word_is_joined_without_space_and_heading_gives_the_section(tmp_path):
    lines = risk_lines()
    assert lines[0].endswith("システム技") and lines[1].startswith("術情報")

    def draw(p: Page) -> None:
        p.text(60, 780, "３【事業等のリスク】", 12)
        p.text(72, 750, "(5) システム運用について")
        y = p.paragraph(72, 730, ["\u3000当社グループはデータセンター等の大型設備を用いております。"])
        p.text(72, y - 12, "(6) 情報セキュリティについて")
        p.paragraph(72, y - 32, lines)

    doc = read(build_pdf(tmp_path / "risk.pdf", [draw]))
    para = [b for b in doc.blocks if "システム技" in b.text]
    assert len(para) == 1, texts(doc)
    block = para[0]
    assert block.text == RISK  # one block, no space, no line break, indent dropped
    assert block.kind is BlockKind.PARAGRAPH
    assert block.location.page == 1
    assert block.location.section == ("３【事業等のリスク】", "(6) 情報セキュリティについて")
    heading = next(b for b in doc.blocks if b.text == "(6) 情報セキュリティについて")
    assert heading.kind is BlockKind.HEADING and heading.level == 2
    top = doc.blocks[0]
    assert (top.kind, top.text, top.level) == (BlockKind.HEADING, "３【事業等のリスク】", 1)
    assert doc.format == "pdf" and doc.metadata["pages"] == 1
    assert doc.metadata["title"] == "３【事業等のリスク】"  # no PDF title: the first heading


def test_latin_words_split_by_a_wrap_keep_one_space_and_paragraph_breaks_are_kept(tmp_path):
    lines = ["\u3000当社グループのビジョンは「Create Exciting", "Future」であり、全役職員で共有しております。"]

    def draw(p: Page) -> None:
        p.paragraph(72, 780, lines, width=300)
        p.paragraph(72, 750, ["\u3000次の段落は字下げで始まります。"])

    doc = read(build_pdf(tmp_path / "latin.pdf", [draw]))
    assert texts(doc) == [
        "当社グループのビジョンは「Create Exciting Future」であり、全役職員で共有しております。",
        "次の段落は字下げで始まります。",
    ]


def test_short_lines_stay_separate_even_when_the_next_starts_with_a_latin_word(tmp_path):
    def draw(p: Page) -> None:
        for i, s in enumerate(["Test", "Horizontal", "Layout"]):
            p.text(72, 700 - 27 * i, s, 11)

    doc = read(build_pdf(tmp_path / "short.pdf", [draw]))
    assert texts(doc) == ["Test", "Horizontal", "Layout"]


def test_first_line_indent_and_short_last_line_separate_paragraphs_without_blank_lines(tmp_path):
    a = "当社は情報セキュリティ基本方針を定め、全ての役員及び従業員に周知しております。基本方針は毎年見直しております。"
    b = "また、最高情報セキュリティ責任者を任命し、取締役会に四半期ごとに報告しております。"

    def draw(p: Page) -> None:
        lines = wrap("\u3000" + a, 25, 25) + wrap("\u3000" + b, 25, 25)
        y = 780
        for i, s in enumerate(lines):
            full = len(s) == 25
            p.text(72, y, s, 10, 250 if full else None)
            y -= 15

    doc = read(build_pdf(tmp_path / "indent.pdf", [draw]))
    assert texts(doc) == [a, b]


def test_headings_nest_by_numbering_kind(tmp_path):
    def draw(p: Page) -> None:
        y = 790
        for s in [
            "第２【事業の状況】",
            "２【サステナビリティに関する考え方及び取組】",
            "(1) ガバナンス",
            "\u3000取締役会が監督しております。",
            "(2) リスク管理",
            "\u3000リスク管理委員会で審議しております。",
            "３【事業等のリスク】",
            "\u3000主要なリスクは以下のとおりであります。",
        ]:
            p.text(72, y, s)
            y -= 30

    doc = read(build_pdf(tmp_path / "nest.pdf", [draw]))
    got = [(b.kind.value, b.level, b.text, b.location.section) for b in doc.blocks]
    s1 = ("第２【事業の状況】",)
    s2 = s1 + ("２【サステナビリティに関する考え方及び取組】",)
    assert got == [
        ("heading", 1, "第２【事業の状況】", s1),
        ("heading", 2, "２【サステナビリティに関する考え方及び取組】", s2),
        ("heading", 3, "(1) ガバナンス", s2 + ("(1) ガバナンス",)),
        ("paragraph", None, "取締役会が監督しております。", s2 + ("(1) ガバナンス",)),
        ("heading", 3, "(2) リスク管理", s2 + ("(2) リスク管理",)),
        ("paragraph", None, "リスク管理委員会で審議しております。", s2 + ("(2) リスク管理",)),
        ("heading", 2, "３【事業等のリスク】", s1 + ("３【事業等のリスク】",)),
        ("paragraph", None, "主要なリスクは以下のとおりであります。", s1 + ("３【事業等のリスク】",)),
    ]


def test_consecutive_numbered_lines_are_list_items_not_headings(tmp_path):
    def draw(p: Page) -> None:
        p.text(72, 790, "(3) 戦略")
        p.text(72, 765, "\u3000当連結会計年度の主な取組は、次のとおりであります。")
        for i, s in enumerate(["① EDRの導入", "② SOCによる24時間監視", "③ 多要素認証の必須化"]):
            p.text(84, 745 - 15 * i, s)

    doc = read(build_pdf(tmp_path / "list.pdf", [draw]))
    kinds = [(b.kind.value, b.text) for b in doc.blocks]
    assert kinds[0] == ("heading", "(3) 戦略")
    assert kinds[2:] == [("list_item", "① EDRの導入"), ("list_item", "② SOCによる24時間監視"), ("list_item", "③ 多要素認証の必須化")]
    assert all(b.location.section == ("(3) 戦略",) for b in doc.blocks)


# --------------------------------------------------------------------------- running headers, page numbers


@pytest.mark.parametrize("number", ["- {n} -", "{n}", "（{n}）", "{n} / 3"])
def test_running_header_and_page_numbers_are_dropped_and_a_paragraph_continues_on_the_next_page(tmp_path, number):
    head = "2024/06/21 15:30:00／ＴＥＳＴ株式会社_有価証券報告書（通常方式）"
    first = "\u3000当社は、全ての役員及び従業員を対象とした情報セキュリティ研修を毎年実施するとともに、標的型"
    second = "メール訓練を年２回実施しております。訓練の結果は情報セキュリティ委員会に報告しております。"

    def page(n: int):
        def draw(p: Page) -> None:
            p.text(20, 815, head.replace("15:30:00", f"15:3{n}:00"), 7)
            p.text(W / 2 - 10, 30, number.format(n=n), 9)
            if n == 1:
                p.text(72, 780, "(2) 人材育成について")
                p.text(72, 760, "\u3000当社グループは、情報セキュリティ人材の育成に取り組んでおります。")
                # the last line of the page is full: the paragraph goes on at the top of page 2
                p.text(72, 80, first, 10, 450)
            elif n == 2:
                p.paragraph(72, 790, [second])
            else:
                p.text(72, 790, "(3) 次の項目")
                p.paragraph(72, 770, ["\u3000最後のページの本文です。"])

        return draw

    doc = read(build_pdf(tmp_path / "running.pdf", [page(1), page(2), page(3)]))
    body = "\n".join(texts(doc))
    assert "ＴＥＳＴ株式会社" not in body
    for n in (1, 2, 3):
        assert number.format(n=n) not in texts(doc)
    joined = [b for b in doc.blocks if "標的型メール訓練" in b.text]
    assert len(joined) == 1, texts(doc)
    assert joined[0].text == (first + second).lstrip("\u3000")
    assert joined[0].location.page == 1  # a paragraph keeps the page where it starts
    assert texts(doc)[-1] == "最後のページの本文です。"


def test_a_line_repeated_at_the_top_at_other_heights_is_body_text_not_a_header(tmp_path):
    def page(n: int):
        def draw(p: Page) -> None:
            p.text(200, 815, "ＴＥＳＴ株式会社", 8)  # a real running header: same place on every page
            # in the top margin zone (top 12 %) on every page, but each time at another height
            p.text(72, 805 - 14 * n, f"({n}) 第{n}の項目")
            p.text(72, 790 - 14 * n, "該当事項はありません。")
            p.text(W / 2, 30, str(n))

        return draw

    doc = read(build_pdf(tmp_path / "repeat.pdf", [page(1), page(2), page(3)]))
    assert texts(doc) == ["(1) 第1の項目", "該当事項はありません。", "(2) 第2の項目", "該当事項はありません。", "(3) 第3の項目", "該当事項はありません。"]


# --------------------------------------------------------------------------- columns, tables


def test_two_columns_are_read_left_column_first(tmp_path):
    left = "左段の本文です。当社は情報セキュリティ基本方針を策定し、全従業員に周知しております。方針は毎年見直しております。"
    right = "右段の本文です。インシデントに備えてＣＳＩＲＴを設置し、対応手順を整備しております。訓練を年２回行っております。"

    def draw(p: Page) -> None:
        p.text(60, 800, "統合報告書２０２４", 18)
        for x, text in ((50, left), (320, right)):
            lines = wrap("\u3000" + text, 21, 21)
            y = 760
            for i, s in enumerate(lines):
                p.text(x, y, s, 10, 210 if i < len(lines) - 1 else None)
                y -= 15

    doc = read(build_pdf(tmp_path / "columns.pdf", [draw]))
    assert texts(doc) == ["統合報告書２０２４", left, right]
    assert ("note.pdf_columns", 1) in note_codes(doc)
    assert doc.notes[0].params == {"columns": 2}


def test_table_rows_stay_rows_and_are_not_glued_to_paragraphs(tmp_path):
    def draw(p: Page) -> None:
        p.text(72, 790, "\u3000当社グループは、次の指標を用いております。")
        rows = [("指標", "2023年度", "2024年度"), ("標的型メール訓練の実施回数", "2回", "4回"), ("訓練メールの開封率", "8.7%", "4.3%")]
        for i, row in enumerate(rows):
            for x, cell in zip((72, 330, 430), row):
                p.text(x, 765 - 18 * i, cell)
        p.text(72, 700, "\u3000目標は開封率３％以下であります。")

    doc = read(build_pdf(tmp_path / "table.pdf", [draw]))
    got = [(b.kind.value, b.text, b.location.table, b.location.row) for b in doc.blocks]
    assert got == [
        ("paragraph", "当社グループは、次の指標を用いております。", None, None),
        ("table_cell", "指標 | 2023年度 | 2024年度", 1, 1),
        ("table_cell", "標的型メール訓練の実施回数 | 2回 | 4回", 1, 2),
        ("table_cell", "訓練メールの開封率 | 8.7% | 4.3%", 1, 3),
        ("paragraph", "目標は開封率３％以下であります。", None, None),
    ]


def test_wrapped_table_cell_continues_in_its_cell(tmp_path):
    def draw(p: Page) -> None:
        p.text(72, 790, "平成28年４月")
        p.text(160, 790, "ＴＩＳ株式会社と株式会社インテックの間で事業の一部", 10, 300)
        p.text(160, 775, "再配置を実施。")
        p.text(72, 760, "平成28年７月")
        p.text(160, 760, "当社が完全子会社を吸収合併。")

    doc = read(build_pdf(tmp_path / "history.pdf", [draw]))
    assert texts(doc) == [
        "平成28年４月 | ＴＩＳ株式会社と株式会社インテックの間で事業の一部再配置を実施。",
        "平成28年７月 | 当社が完全子会社を吸収合併。",
    ]


@pytest.mark.parametrize("offset", [0.0, 7.5], ids=["on-a-line", "between-lines"])
def test_a_name_beside_its_paragraph_does_not_split_it(tmp_path, offset):
    text = "石垣禎信氏は、企業経営者としての豊富な経験と幅広い見識を有しており、独立した立場から取締役会の意思決定の妥当性を確保するための助言をいただけるものと判断し、社外取締役として選任しております。"

    def draw(p: Page) -> None:
        lines = wrap("\u3000" + text, 30, 30)
        for i, s in enumerate(lines):
            p.text(170, 780 - 15 * i, s, 10, 300 if i < len(lines) - 1 else None)
        p.text(80, 780 - 15 - offset, "石垣禎信")

    doc = read(build_pdf(tmp_path / "officers.pdf", [draw]))
    assert sorted(texts(doc)) == sorted(["石垣禎信", text])


# --------------------------------------------------------------------------- direction


def test_vertical_text_is_read_right_to_left_top_to_bottom(tmp_path):
    def draw(p: Page) -> None:
        # columns of 14 characters, right to left; the first paragraph wraps in 情報
        cols = ["\u3000当社は事業の継続のため、情", "報セキュリティを重視してお", "ります。", "\u3000次の段落です。"]
        x = 500
        for s in cols:
            p.text(x, 780, s, 12, font=VFONT)
            x -= 20

    doc = read(build_pdf(tmp_path / "vertical.pdf", [draw]))
    assert texts(doc) == ["当社は事業の継続のため、情報セキュリティを重視しております。", "次の段落です。"]
    assert ("note.pdf_vertical_page", 1) in note_codes(doc)


def test_a_page_rotated_for_landscape_is_read_upright(tmp_path):
    def draw(p: Page) -> None:
        # /Rotate 90: text must run upwards in page space to look upright on screen
        for i, s in enumerate(["(1) 横向きのページ", "\u3000表示上は横書きの本文です。"]):
            p.c.saveState()
            p.c.translate(60 + 20 * i, 72)
            p.c.rotate(90)
            p.text(0, 0, s)
            p.c.restoreState()

    doc = read(build_pdf(tmp_path / "landscape.pdf", [draw], rotation=90))
    assert [(b.kind.value, b.text) for b in doc.blocks] == [("heading", "(1) 横向きのページ"), ("paragraph", "表示上は横書きの本文です。")]


# --------------------------------------------------------------------------- metadata


def test_metadata_title_date_company_from_the_cover(tmp_path):
    def draw(p: Page) -> None:
        p.text(72, 780, "【表紙】")
        for i, (k, v) in enumerate([("【提出書類】", "有価証券報告書"), ("【提出日】", "令和６年６月21日"), ("【事業年度】", "第78期（自 2023年４月１日 至 2024年３月31日）"), ("【会社名】", "株式会社みなと精機")]):
            p.text(80, 750 - 20 * i, k)
            p.text(260, 750 - 20 * i, v)

    doc = read(build_pdf(tmp_path / "cover.pdf", [draw], title="第78期 有価証券報告書"))
    assert doc.metadata == {
        "pages": 1,
        "title": "第78期 有価証券報告書",
        "date": "2024-06-21",
        "fiscal_year_end": "2024-03-31",
        "company": "株式会社みなと精機",
    }


# --------------------------------------------------------------------------- bad input


def test_encrypted_pdf_is_refused_with_a_clear_message(tmp_path):
    path = build_pdf(tmp_path / "secret.pdf", [lambda p: p.text(72, 700, "秘密")], encrypt="pw")
    err = error_of(path)
    assert err.code == "input.pdf_encrypted"
    assert "暗号化" in err.message("ja") and "encrypted" in err.message("en")


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=1, canCopy=0)
    path = build_pdf(tmp_path / "owner.pdf", [lambda p: p.text(72, 700, "閲覧は自由です。")], encrypt=enc)
    assert texts(read(path)) == ["閲覧は自由です。"]


def test_truncated_pdf_is_corrupt_and_the_input_is_not_touched(tmp_path):
    full = build_pdf(tmp_path / "full.pdf", [lambda p: p.text(72, 700, "本文です。")] * 3).read_bytes()
    for cut in (len(full) // 2, len(full) - 8):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(full[:cut])
        before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        err = error_of(path)
        assert err.code == "input.pdf_corrupt"
        assert "壊れて" in err.message("ja")
        assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_garbage_bytes_with_a_pdf_header_are_corrupt(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    assert error_of(path).code == "input.pdf_corrupt"


def test_too_many_pages_exceed_the_limit(tmp_path):
    path = build_pdf(tmp_path / "long.pdf", [lambda p: p.text(72, 700, "本文")] * 3)
    with pytest.raises(LimitExceeded) as info:
        read(path, max_pages=2)
    assert info.value.code == "limit.pages" and info.value.params == {"pages": 3, "limit": 2}
    assert "3" in info.value.message("ja") and "2" in info.value.message("ja")


def test_too_many_characters_exceed_the_limit_before_layout(tmp_path):
    path = build_pdf(tmp_path / "chars.pdf", [lambda p: p.text(72, 700, "あ" * 40)] * 2)
    with pytest.raises(LimitExceeded) as info:
        read(path, max_chars=50)
    assert info.value.code == "limit.chars"


def _image_page(p: Page) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        img.putpixel((x, 50), (0, 0, 0))
    p.c.drawImage(ImageReader(img), 72, 600, 400, 200)
    p.c.rect(72, 400, 200, 100, fill=1)


def test_image_only_pdf_needs_ocr(tmp_path):
    pytest.importorskip("PIL")
    err = error_of(build_pdf(tmp_path / "scan.pdf", [_image_page, _image_page]))
    assert err.code == "input.pdf_no_text" and err.params == {"pages": 2}
    assert "OCR" in err.message("ja")


def test_an_image_only_page_among_text_pages_gets_a_note(tmp_path):
    pytest.importorskip("PIL")
    blank = lambda p: None  # noqa: E731 - an empty page: no note, nothing to OCR
    doc = read(build_pdf(tmp_path / "mixed.pdf", [lambda p: p.text(72, 700, "本文です。"), _image_page, blank]))
    assert texts(doc) == ["本文です。"]
    assert note_codes(doc) == [("note.pdf_no_text_page", 2)]


# A minimal PDF writer for fonts reportlab cannot make: a CID font with Identity-H encoding
# and no ToUnicode map (codes cannot be turned into text), a ToUnicode map that sends codes
# to CJK radicals instead of kanji.


def _serialize(objs: list[bytes]) -> bytes:
    """Objects numbered from 1 (1 = catalog) -> a PDF file with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _raw_pdf(pages: list[bytes], fonts: list[bytes] | None = None) -> bytes:
    """Pages (content streams) using /F1 (a broken CID font) and /F2 (Helvetica), or ``fonts``."""
    n_pages = len(pages)
    first_font = 3 + 2 * n_pages
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n_pages))
    objs.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages)
    for i, content in enumerate(pages):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (4 + 2 * i, first_font, first_font + 1)
        )
        objs.append(_stream(content))
    if fonts is None:
        fonts = [
            b"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+Broken /Encoding /Identity-H"
            b" /DescendantFonts [%d 0 R] >>" % (first_font + 2),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+Broken /CIDSystemInfo << /Registry (Adobe)"
            b" /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>" % (first_font + 3),
            b"<< /Type /FontDescriptor /FontName /AAAAAA+Broken /Flags 4 /FontBBox [0 -200 1000 800]"
            b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        ]
    return _serialize(objs + [f.replace(b"@", b"%d" % first_font) for f in fonts])


def _broken_font_page() -> bytes:
    lines = []
    for i in range(12):
        cids = b"".join(bytes([0x01, (i * 11 + k) % 200 + 20]) for k in range(30))
        lines.append(b"BT /F1 12 Tf 50 %d Td <%s> Tj ET" % (780 - 16 * i, cids.hex().encode()))
    return b"\n".join(lines)


def _helvetica_page(text: str) -> bytes:
    return b"BT /F2 12 Tf 72 700 Td (%s) Tj ET" % text.encode("ascii")


def test_pdf_whose_fonts_cannot_be_decoded_is_refused(tmp_path):
    path = tmp_path / "cid.pdf"
    path.write_bytes(_raw_pdf([_broken_font_page(), _broken_font_page()]))
    err = error_of(path)
    assert err.code == "input.pdf_garbled" and err.params == {"pages": 2}
    assert "(cid:" in err.message("ja") and "ToUnicode" in err.message("en")


def test_an_undecodable_page_is_skipped_with_a_note(tmp_path):
    path = tmp_path / "cid_mixed.pdf"
    path.write_bytes(_raw_pdf([_helvetica_page("Information security policy."), _broken_font_page()]))
    doc = read(path)
    assert texts(doc) == ["Information security policy."]
    assert [n.code for n in doc.notes] == ["note.pdf_cid_page"] and doc.notes[0].page == 2
    assert doc.notes[0].params["ratio"] > 0.9


def test_page_text_classification():
    assert classify_page_text("") == ("empty", 0.0)
    assert classify_page_text(" \n\u3000") == ("empty", 0.0)
    assert classify_page_text("当社は情報セキュリティに取り組んでおります。")[0] == "ok"
    kind, ratio = classify_page_text("(cid:12)(cid:345)(cid:6) (cid:78)あ")
    assert kind == "cid" and ratio == pytest.approx(0.8)
    assert classify_page_text("本文 (cid:3) を含むが大部分は読める普通の日本語の文章です。")[0] == "ok"
    assert classify_page_text("\x03\x01\x02\ue000\ue001abc")[0] == "garbled"
    # PDFium's own judgement: half of the sampled characters had no Unicode mapping
    assert classify_page_text("3HQČåQtSURVWĜHGN\\QD~þWHFK", map_errors=20, checked=25) == ("garbled", 0.8)


@given(st.lists(st.text(alphabet="情報セキュリティ対策の強化。、ＩＴ", min_size=1, max_size=12), min_size=2, max_size=6))
def test_joining_japanese_lines_never_adds_characters(parts):
    joined = parts[0]
    for part in parts[1:]:
        joined = join_lines(joined, part)
    assert joined == "".join(parts)


def test_joining_latin_words_adds_one_space_but_not_inside_numbers_or_after_hyphens():
    assert join_lines("Create Exciting", "Future") == "Create Exciting Future"
    assert join_lines("売上高は1,2", "34百万円") == "売上高は1,234百万円"
    assert join_lines("infor-", "mation") == "infor-mation"
    assert join_lines("CISO", "は") == "CISOは"


def test_radical_look_alikes_become_ordinary_kanji():
    assert fix_radicals("\u2f47本の\u2ed8社") == ("日本の\u2ed8社", 1)  # ⺘ has no entry: left alone
    assert fix_radicals("\u2f08\u2e97") == ("人心", 2)


def test_radicals_from_a_bad_tounicode_map_are_fixed_with_a_note(tmp_path):
    # codes A..G of a simple font are mapped to ⽇本の⼈材育成: two Kangxi radicals
    targets = ["2F47", "672C", "306E", "2F08", "6750", "80B2", "6210"]
    bfchar = b"".join(b"<%02X> <%s>\n" % (0x41 + i, t.encode()) for i, t in enumerate(targets))
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"%d beginbfchar\n" % len(targets) + bfchar + b"endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    fonts = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>" % 9,
        _stream(cmap),
    ]
    path = tmp_path / "radicals.pdf"
    path.write_bytes(_raw_pdf([b"BT /F2 12 Tf 72 700 Td (ABCDEFG) Tj ET", b"BT /F1 12 Tf 72 700 Td (Plain page.) Tj ET"], fonts))
    doc = read(path)
    assert texts(doc) == ["日本の人材育成", "Plain page."]
    assert [(n.code, n.page, n.params) for n in doc.notes] == [("note.pdf_radicals", 1, {"count": 2})]
    assert "p.1" in __import__("disclint.i18n").i18n.t("note.pdf_radicals", "ja", page=1, count=2)


# --------------------------------------------------------------------------- registry, real fixture


def test_pdf_is_recognised_by_content_not_by_extension(tmp_path):
    path = build_pdf(tmp_path / "report.txt", [lambda p: p.text(72, 700, "拡張子が違っても PDF です。")])
    doc = readers.read(path)
    assert doc.format == "pdf" and texts(doc) == ["拡張子が違っても PDF です。"]
    spec = next(s for s in readers.readers() if s.name == "pdf")
    assert spec.priority == 10 and spec.extensions == (".pdf",)
    assert spec.sniff(b"\xef\xbb\xbf\n%PDF-1.4\n", Path("x.bin")) and not spec.sniff(b"PK\x03\x04", Path("x.pdf"))


@pytest.mark.skipif(not (FIXTURES / "sample_draft.libreoffice.pdf").exists(), reason="fixture missing")
def test_libreoffice_export_of_the_sample_draft():
    doc = read(FIXTURES / "sample_draft.libreoffice.pdf")
    by_text = {b.text: b for b in doc.blocks}
    assert "(1) ガバナンス" in by_text and by_text["(1) ガバナンス"].kind is BlockKind.HEADING
    ciso = [b for b in doc.blocks if "Chief Information Security Officer" in b.text]  # ﬀ ligature kept
    assert len(ciso) == 1 and "最高情報セキュリティ責任者（CISO" in ciso[0].text
    assert ciso[0].location.section[-1] == "(1) ガバナンス"
    bullets = [b for b in doc.blocks if b.text.startswith("• ")]
    assert "• 社外から社内システムへ接続する際の多要素認証の必須化" in [b.text for b in bullets]
    assert all(b.kind is BlockKind.LIST_ITEM for b in bullets)
