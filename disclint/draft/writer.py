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
    japanese_defaults(document)
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

    from ..readers import Limits
    from ..readers._safe import guard_zip_members

    guard_zip_members(Path(source), Limits(), "input.corrupt_docx")  # python-docx inflates every part itself
    document = docx.Document(str(source))  # read only; the copy is written to ``out``
    _add_blocks(document, draft.blocks)
    _atomic_save(document, Path(out))
    return out


