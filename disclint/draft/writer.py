"""Write a draft as markdown or as a Word document with real styles; append it to a copy of a docx.

Word styles: headings ``Heading 1``… (Japanese Word shows them as 見出し 1…), list items
``List Bullet``, paragraphs ``Normal``, tables ``Table Grid`` with a repeated header row.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..docxout import add_table, japanese_defaults
from ..safeio import atomic_writer, same_file  # noqa: F401  (same_file used by draft commands)
from .render import Block, Draft

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
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
    "lang", "eastAsianLayout", "specVanish", "oMath",
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
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(out, "wb") as fh:
        document.save(fh)


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


def insert_into_copy(source: str | Path, out: str | Path, draft: Draft) -> Path:
    """Copy ``source`` (a docx) to ``out`` and append the draft there; ``source`` is only read.

    The draft's first heading (:data:`~disclint.draft.render.INSERT_HEADING` in missing mode)
    becomes a level-1 heading after the last paragraph, the sections follow below it.
    """
    import docx

    document = docx.Document(str(source))  # read only; the copy is written to ``out``
    _add_blocks(document, draft.blocks)
    _atomic_save(document, Path(out))
    return out


