"""Small python-docx helpers shared by everything that writes a .docx from scratch
(``disclint draft``, and ``tools/sample_docx.py``, which builds the bundled sample): Japanese
page and font defaults, and tables with a real header row."""

from __future__ import annotations

from collections.abc import Sequence


def japanese_defaults(document) -> None:
    """A4, 25 mm margins, 游明朝 as East Asian font, ja-JP, 10.5 pt body (the usual Japanese size)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    rpr = rpr.find(qn("w:rPr")) if rpr is not None else None
    if rpr is None:
        return
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    fonts.set(qn("w:eastAsia"), "游明朝")
    for tag, attr, value in (("w:lang", "w:eastAsia", "ja-JP"), ("w:sz", "w:val", "21"), ("w:szCs", "w:val", "21")):
        el = rpr.find(qn(tag))
        if el is not None:
            el.set(qn(attr), value)


def add_table(document, rows: Sequence[Sequence[str]]) -> None:
    """A Table Grid table: first row bold and marked as a header row (repeated on each page);
    the first column (labels) takes half of the text width, the others share the rest."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ncols = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=ncols)
    try:
        table.style = document.styles["Table Grid"]
    except KeyError:
        pass
    table.autofit = False
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    widths = (
        [text_width // 2] + [(text_width - text_width // 2) // (ncols - 1)] * (ncols - 1) if ncols > 1 else [text_width]
    )
    for j, column in enumerate(table.columns):
        column.width = widths[j]
    for i, row in enumerate(rows):
        for j in range(ncols):
            cell = table.cell(i, j)
            cell.width = widths[j]
            run = cell.paragraphs[0].add_run(row[j] if j < len(row) else "")
            if i == 0:
                run.bold = True
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
