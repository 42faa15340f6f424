"""Write a draft as markdown or as a Word document with real styles; append it to a copy of a docx.

Word styles: headings ``Heading 1``… (Japanese Word shows them as 見出し 1…), list items
``List Bullet``, paragraphs ``Normal``, tables ``Table Grid`` with a repeated header row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..docxout import add_table, japanese_defaults
from ..safeio import atomic_writer, same_file  # noqa: F401  (same_file used by draft commands)
from .render import INSERT_HEADING, Block, Draft

#: fixed document dates so that the same profile gives the same file
CREATED = datetime(2025, 1, 1, 0, 0, 0)

#: the fonts of the filings themselves: the 有価証券報告書 PDF in ../shared/realdocs embeds
#: MS-Mincho (body) and MS-Gothic (headings); every Japanese Word has both
MINCHO = "ＭＳ 明朝"
GOTHIC = "ＭＳ ゴシック"
BLACK = "000000"
#: (size in half-points, space before / after in twentieths of a point) per heading level
_HEADING_LOOK = {1: (28, 240, 120), 2: (24, 240, 80), 3: (22, 180, 60), 4: (21, 120, 40)}


# ----------------------------------------------------------------------------- markdown
def to_markdown(draft: Draft) -> str:
    """Headings ``#``…, paragraphs, ``- `` lists and ``|`` tables, one blank line between blocks."""
    chunks: list[str] = []
    for b in draft.blocks:
        if b.kind == "heading":
            chunks.append("#" * min(b.level, 6) + " " + b.text)
        elif b.kind == "bullet":
            if chunks and chunks[-1].startswith("- "):
                chunks[-1] += "\n- " + b.text
            else:
                chunks.append("- " + b.text)
        elif b.kind == "table":
            if b.rows:
                lines = ["| " + " | ".join(b.rows[0]) + " |", "|" + "---|" * len(b.rows[0])]
                lines += ["| " + " | ".join(r) + " |" for r in b.rows[1:]]
                chunks.append("\n".join(lines))
        else:
            chunks.append(b.text)
    return "\n\n".join(chunks) + "\n"


# ----------------------------------------------------------------------------- docx
def _style(document, name: str, level: int | None = None):
    """The named paragraph style; created (with an outline level for headings) when the document lacks it."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    try:
        return document.styles[name]
    except KeyError:
        pass
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    try:
        style.base_style = document.styles["Normal"]
    except KeyError:
        pass
    if level is not None:
        style.font.bold = True
        ppr = style.element.get_or_add_pPr()
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        ppr.append(outline)
    return style


#: the order of w:rPr children in the OOXML schema (CT_RPr); Word rejects other orders
_RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)


def _put(rpr, el) -> None:
    """Insert ``el`` into ``rpr`` at its place in the schema order."""
    from docx.oxml.ns import qn

    rank = {qn(f"w:{t}"): i for i, t in enumerate(_RPR_ORDER)}
    mine = rank.get(el.tag, len(_RPR_ORDER))
    for i, child in enumerate(list(rpr)):
        if rank.get(child.tag, len(_RPR_ORDER)) > mine:
            rpr.insert(i, el)
            return
    rpr.append(el)


def _set_run_look(rpr, font: str, size: int | None = None, bold: bool | None = None) -> None:
    """Explicit fonts (no theme fonts: those are Latin in python-docx's template), black, size."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        _put(rpr, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    for tag in ("w:color", "w:i", "w:iCs"):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), BLACK)
    _put(rpr, color)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
            if bold:
                _put(rpr, OxmlElement(tag))
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(size))
            _put(rpr, el)


def filing_look(document) -> None:
    """The look of a Japanese filing: A4, 25 mm margins (the TIS 有報 PDF's text starts
    23-27 mm from the sides), 明朝 10.5 pt body, ゴシック bold headings, all black."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    japanese_defaults(document)  # A4, 25 mm margins, ja-JP, 10.5 pt
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        _set_run_look(rpr, MINCHO)
    for name in ("Normal", "List Bullet", "Table Grid"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        _set_run_look(style.element.get_or_add_rPr(), MINCHO, 21 if name != "Table Grid" else None)
    for level, (size, before, after) in _HEADING_LOOK.items():
        style = _style(document, f"Heading {level}", level)
        _set_run_look(style.element.get_or_add_rPr(), GOTHIC, size, bold=True)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before / 20), Pt(after / 20)
        fmt.keep_with_next = True
        try:  # the linked character style (used when a heading look is applied to a run)
            _set_run_look(document.styles[f"Heading {level} Char"].element.get_or_add_rPr(), GOTHIC, size, bold=True)
        except KeyError:
            pass
    document.styles["Normal"].paragraph_format.space_after = Pt(4)


def _add_blocks(document, blocks: list[Block], shift: int = 0) -> None:
    for b in blocks:
        if b.kind == "heading":
            level = min(b.level + shift, 9)
            document.add_paragraph(b.text, style=_style(document, f"Heading {level}", level))
        elif b.kind == "bullet":
            document.add_paragraph(b.text, style=_style(document, "List Bullet"))
        elif b.kind == "table":
            if b.rows:
                add_table(document, b.rows)
        else:
            document.add_paragraph(b.text, style=_style(document, "Normal"))


def _atomic_save(document, out: Path) -> None:
    import io

    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()  # built in memory: a full disk cannot leave a half-closed ZipFile behind
    document.save(buf)
    with atomic_writer(out, "wb") as fh:
        fh.write(buf.getvalue())


def write_docx(draft: Draft, out: str | Path, title: str | None = None) -> Path:
    import docx

    out = Path(out)
    document = docx.Document()
    filing_look(document)
    _add_blocks(document, draft.blocks)
    props = document.core_properties
    first = next((b.text for b in draft.blocks if b.kind == "heading"), "")
    props.title = title or first
    props.author = props.last_modified_by = "disclint"
    props.language = "ja-JP"
    props.comments = f"disclint draft --doc-type {draft.doc_type.id}"
    props.created = props.modified = CREATED
    props.revision = 1
    _atomic_save(document, out)
    return out


# ----------------------------------------------------------------------------- --insert: placement
#: where each directive belongs in a filing: the pillar of the 有報 sustainability section
#: (ガバナンス / リスク管理 / 戦略 / 指標及び目標, as disclint.draft.doctypes orders them)
PILLAR_OF = {
    1: "ガバナンス",
    2: "ガバナンス",
    4: "リスク管理",
    7: "リスク管理",
    8: "リスク管理",
    9: "リスク管理",
    3: "戦略",
    5: "戦略",
    10: "戦略",
    6: "指標及び目標",
}
_SECURITY = re.compile(r"情報セキュリティ|サイバー")
_NUMBERING = re.compile(r"^[\s　]*(第?[0-9０-９]+[【.．、)）]?|[（(][0-9０-９]+[)）]|[①-⑳]|[【〔])[\s　]*")
_HEADING_STYLE = re.compile(r"^(heading|見出し)\s*([1-9])$", re.I)


@dataclass
class Placement:
    """Where ``--insert`` put a directive's section: under ``heading`` (its text), or appended."""

    directive: int
    heading: str | None


def _heading_level(paragraph) -> int | None:
    """The outline level of a paragraph (1 = top), from its style or its own outline level."""
    from docx.oxml.ns import qn

    ppr = paragraph._p.pPr
    if ppr is not None:
        lvl = ppr.find(qn("w:outlineLvl"))
        if lvl is not None and lvl.get(qn("w:val"), "").isdigit() and int(lvl.get(qn("w:val"))) < 9:
            return int(lvl.get(qn("w:val"))) + 1
    style = paragraph.style
    while style is not None:
        m = _HEADING_STYLE.match(style.name or "")
        if m:
            return int(m.group(2))
        if (style.name or "").lower() == "title":
            return 0
        spr = style.element.pPr
        lvl = spr.find(qn("w:outlineLvl")) if spr is not None else None
        if lvl is not None and lvl.get(qn("w:val"), "").isdigit() and int(lvl.get(qn("w:val"))) < 9:
            return int(lvl.get(qn("w:val"))) + 1
        style = style.base_style
    return None


#: headings typed as plain paragraphs (common in drafts exported by filing tools): the
#: numbering of 有報 headings gives the level
_PLAIN_HEADING = (
    (re.compile(r"^第[0-9０-９一二三四五六七八九十]+【"), 1),
    (re.compile(r"^[0-9０-９]+【"), 2),
    (re.compile(r"^[（(][0-9０-９]+[)）]"), 3),
    (re.compile(r"^[①-⑳]"), 4),
)


def _plain_heading_level(text: str) -> int | None:
    """A short numbered line without a sentence end, such as 「(2) リスク管理」 or 「３【事業等のリスク】」."""
    if not text or len(text) > 40 or "。" in text:
        return None
    for rx, level in _PLAIN_HEADING:
        if rx.match(text):
            return level
    return None


def _outline(document) -> list[tuple[int, int, str, list[str]]]:
    """(index among the body's children, level, text, texts of the enclosing headings) per heading."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    out = []
    stack: list[tuple[int, str]] = []
    for i, el in enumerate(document.element.body.iterchildren()):
        if el.tag != qn("w:p"):
            continue
        para = Paragraph(el, document)
        text = para.text.strip()
        level = _heading_level(para)
        if level is None:
            level = _plain_heading_level(text)
        if level is None or not text:
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        out.append((i, level, text, [t for _, t in stack]))
        stack.append((level, text))
    return out


def _bare(text: str) -> str:
    """A heading without its numbering and brackets: 「(2) リスク管理」 -> 「リスク管理」."""
    return _NUMBERING.sub("", text).strip("【】〔〕 　")


def find_home(outline, directive: int, doc_type: str) -> tuple[int, int, str] | None:
    """The heading a directive's section belongs under: (body index, level, text), or None."""
    pillar = PILLAR_OF[directive]

    def pick(cands):
        return cands[0] if cands else None

    sust = [h for h in outline if any("サステナビリティ" in a for a in h[3])]
    risk = [h for h in outline if "事業等のリスク" in h[2] or any("事業等のリスク" in a for a in h[3])]
    if doc_type == "yuho-risk":
        home = pick([h for h in risk if _SECURITY.search(h[2]) and "事業等のリスク" not in h[2]]) or pick(
            [h for h in outline if "事業等のリスク" in h[2]]
        )
        if home:
            return home[:3]
    for pool in (
        [h for h in sust if _bare(h[2]) == pillar],  # (1) ガバナンス of the sustainability section
        [h for h in outline if _bare(h[2]) == pillar and "コーポレート" not in " ".join(h[3])],
        [
            h for h in outline if pillar in h[2] and any(_SECURITY.search(a) for a in h[3])
        ],  # 情報セキュリティ > …ガバナンス…
        [h for h in outline if _SECURITY.search(h[2]) and "事業等のリスク" not in " ".join(h[3])],
        [h for h in risk if _SECURITY.search(h[2])],
        [h for h in outline if "事業等のリスク" in h[2]],
    ):
        if pool:
            return pool[0][:3]
    return None


def _section_end(document, start: int, level: int) -> object:
    """The last body element of the section whose heading is body child ``start`` (before sectPr)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    children = list(document.element.body.iterchildren())
    last = children[start]
    for el in children[start + 1 :]:
        if el.tag == qn("w:sectPr"):
            break
        if el.tag == qn("w:p"):
            para = Paragraph(el, document)
            text = para.text.strip()
            lvl = _heading_level(para)
            if lvl is None:
                lvl = _plain_heading_level(text)
            if lvl is not None and lvl <= level and text:
                break
        last = el
    return last


def _insert_blocks_after(document, anchor, blocks: list[Block], shift: int) -> None:
    """Add ``blocks`` right after the body element ``anchor`` (headings shifted by ``shift``)."""
    from docx.oxml.ns import qn

    body = document.element.body

    def content() -> list:
        return [el for el in body.iterchildren() if el.tag != qn("w:sectPr")]

    for b in blocks:
        n = len(content())  # python-docx adds at the end of the body (before w:sectPr)
        _add_blocks(document, [b], shift)
        for el in content()[n:]:
            anchor.addnext(el)
            anchor = el


def insert_into_copy(source: str | Path, out: str | Path, draft: Draft) -> list[Placement]:
    """Copy ``source`` (a docx) to ``out`` with each directive's section placed under the heading
    where it belongs (:func:`find_home`: the pillar of the sustainability section, the risk item
    on information security, a heading on 情報セキュリティ …), one level below it at the end of
    its section. Sections with no such heading are appended after the last paragraph under the
    heading :data:`~disclint.draft.render.INSERT_HEADING`. ``source`` is only read.
    Returns where each directive went, in directive order.
    """
    import docx

    from ..readers import Limits
    from ..readers._safe import guard_zip_members

    guard_zip_members(Path(source), Limits(), "input.corrupt_docx")  # python-docx inflates every part itself
    document = docx.Document(str(source))  # read only; the copy is written to ``out``
    placements: list[Placement] = []
    appended: list[Block] = []
    for d in draft.directives:
        blocks = [b for b in draft.blocks if b.directive == d]
        if not blocks:
            continue
        home = find_home(_outline(document), d, draft.doc_type.id)
        if home is None:
            appended.extend(blocks)
            placements.append(Placement(d, None))
            continue
        index, level, text = home
        top = min(b.level for b in blocks if b.kind == "heading")
        anchor = _section_end(document, index, level)
        _insert_blocks_after(document, anchor, blocks, shift=max(level, 1) + 1 - top)
        placements.append(Placement(d, text))
    if appended:
        title = next((b for b in draft.blocks if b.kind == "heading" and b.directive is None and b.level == 1), None)
        top = min(b.level for b in appended if b.kind == "heading")
        _add_blocks(document, [title or Block("heading", INSERT_HEADING, 1)])
        _add_blocks(document, appended, shift=2 - top)
    _atomic_save(document, Path(out))
    return placements
