"""docx reader: WordprocessingML (Word, LibreOffice, Google Docs exports) -> Document.

The container is opened with :func:`.._safe.open_zip` (zip bombs, ``../`` members) and every
XML part is parsed with :func:`.._safe.parse_xml` (no DTD, no entities). The body is read from
the XML itself, because python-docx does not see text boxes, content controls, tracked
changes, footnotes, smart tags or merged cells the way Word shows them. Styles and core
properties are read from ``styles.xml`` / ``docProps/core.xml`` through the same safe parser
(python-docx would re-open the zip outside ``_safe`` and does not expose ``w:outlineLvl``).

What the reader produces
------------------------
- Body paragraphs in document order. Headings come from the paragraph's ``w:outlineLvl``
  (0-8 -> level 1-9, 9 = explicitly body text), else from its style chain (``w:basedOn``):
  the first style that has an ``w:outlineLvl`` or a heading name (``heading N``, ``見出し N``,
  ``見出し１`` ...; names are NFKC-folded, so style ids such as Japanese Word's ``1`` do not
  matter) decides; ``Title``/``表題`` is a level-1 heading. List items: ``w:numPr`` with a
  non-zero ``w:numId`` (direct or from the style), list style names (``List Paragraph``,
  ``リスト段落``, ``List Bullet`` ...) or a leading bullet character (``・●○◆◇■□•▪``).
  Captions: style ``Caption``/``図表番号``. Automatic numbering labels are not rendered.
- Tables: one TABLE_CELL block per cell; its text joins the stripped texts of the cell's
  own non-empty paragraphs with ``"\\n"`` (nested tables and text boxes become their own
  blocks, right after the cell). Horizontally merged cells (``w:gridSpan``) appear once at
  their first grid column; vertical continuation cells (``w:vMerge`` without ``restart``)
  are skipped. ``table`` numbers tables 1-based in document order, nested ones included
  (outer before inner); ``row`` counts the rows left after accepting tracked row deletions;
  ``column`` is the 1-based *grid* column (``w:gridBefore`` and spans counted).
- Text boxes (``w:txbxContent``) follow the paragraph that anchors them, with
  ``part="textbox"``. Of ``mc:AlternateContent`` only the first ``mc:Choice`` is read (the
  ``mc:Fallback`` VML copy of the same box is ignored); a Fallback is read only when there is
  no Choice. Heading styles inside text boxes and footnotes give PARAGRAPH blocks and never
  change the section path. A text box inside a footnote/endnote keeps that part.
- Footnotes, then endnotes (separator notes skipped) after the body, ``part="footnote"`` /
  ``"endnote"``, with the section path of the place that references them.
- Tracked changes are read as accepted (``w:ins``/``w:moveTo`` kept, ``w:del``/``w:moveFrom``
  and deleted table rows dropped) and reported as the note ``note.docx_tracked_changes``.
  A deleted paragraph mark does not merge two paragraphs. Text in content controls,
  smart tags, hyperlinks, simple and complex fields (results only, not field codes) is kept;
  a content control that still shows its placeholder text is skipped, runs formatted as hidden
  (``w:vanish``) are skipped (note ``note.docx_hidden_text``), ruby (furigana) keeps only the
  base text. ``w:tab``/``w:ptab`` -> ``"\\t"``, ``w:br``/``w:cr`` -> ``"\\n"``,
  ``w:noBreakHyphen`` -> ``"-"``, ``w:softHyphen`` -> nothing, ``w:sym`` -> its character
  (private-use symbol-font codes are dropped).
- Not read: headers/footers, comments, SmartArt/chart text, embedded objects and ``w:altChunk``
  (counted in the note ``note.docx_altchunk``).

The ``paragraph`` contract (used to anchor Word comments to findings)
----------------------------------------------------------------------
``Location.paragraph`` is the 1-based position of the block's ``w:p`` element among
``body.iter("{w}p")`` of ``word/document.xml`` (the main document part) in document order,
**excluding** every ``w:p`` that lies inside an ``mc:Fallback``. Every ``w:p`` counts,
including empty ones (which produce no block), ones in tables, text boxes (the Choice copy),
content controls and deleted rows. For ``part="footnote"``/``"endnote"`` the same rule is
applied to the root of ``footnotes.xml``/``endnotes.xml`` (separator notes' paragraphs
count). A paragraph read from a Fallback-only ``mc:AlternateContent`` has ``paragraph=None``.

A paragraph block's ``text`` is ``paragraph_text(p).strip()`` (so its offset 0 is at
``len(raw) - len(raw.lstrip())`` of the raw text); for a table cell, ``paragraph`` is the
index of the first non-empty paragraph of the cell and the following ones are the next
non-empty ``w:p`` children of the cell, one per ``"\\n"``-joined piece. Use
:func:`paragraph_index` and :func:`paragraph_text` to find the paragraph again.

Metadata: ``title`` (core title, else the first Title-styled paragraph, else the first
heading), ``date`` (a date labelled 提出日/発行日/作成日… or else the first date such as
``2024年6月27日``/``令和6年6月``/``2024/6/27`` in the first blocks; else the core modified or
created date, converted to JST), plus ``created``/``modified`` when the core properties have them.

Modules: :mod:`.package` (sniffing, the zip's parts and relationships, OLE2 containers),
:mod:`.ooxml` (namespaces and tag names), :mod:`.runs` (a paragraph's inline text, the
``paragraph`` contract), :mod:`.styles` (heading / list / caption styles), :mod:`.body`
(paragraphs, tables, text boxes, notes -> Blocks), :mod:`.metadata` (dates, core properties);
this module reads one package with them.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from ... import registry
from ...model.document import Document, ReaderNote
from ...model.errors import InputError
from .. import Limits, _safe
from .body import _Ctx, _Walker
from .metadata import _core_properties, _text_date
from .ooxml import W_NS, W_NS_STRICT, _ns_of, _Tags
from .package import MAIN_PART, _legacy_container_error, _Package, sniff_docx
from .runs import paragraph_index, paragraph_text
from .styles import _Styles

__all__ = ["read_docx", "sniff_docx", "paragraph_index", "paragraph_text", "W_NS"]


@registry.readers.register("docx", extensions=(".docx",), sniff=sniff_docx, priority=20)
def read_docx(path: Path, limits: Limits) -> Document:
    path = Path(path)
    legacy = _legacy_container_error(path)
    if legacy is not None:
        raise legacy
    try:
        zf = _safe.open_zip(path, limits)
    except InputError as exc:
        if exc.code == "input.corrupt_zip":
            raise InputError("input.corrupt_docx", **exc.params) from exc
        raise
    with zf:
        try:
            return _read_package(path, _Package(zf))
        except RecursionError as exc:
            raise InputError("input.corrupt_docx", reason="the document is nested too deeply") from exc


def _read_package(path: Path, pkg: _Package) -> Document:
    main = pkg.rels("").get("officeDocument")
    if main is None or not pkg.has(main):
        main = MAIN_PART
    if not pkg.has(main):
        raise InputError("input.corrupt_docx", reason=f"no {MAIN_PART}")
    root = pkg.xml(main)
    wns = _ns_of(root)
    if root.tag != f"{{{wns}}}document" or wns not in (W_NS, W_NS_STRICT):
        raise InputError("input.corrupt_docx", reason=f"{main} is not a WordprocessingML document")
    tg = _Tags.get(wns)
    rels = pkg.rels(main)
    folder = posixpath.dirname(main)

    def part(kind: str, default: str) -> str | None:
        name = rels.get(kind) or posixpath.join(folder, default)
        return name if pkg.has(name) else None

    styles_name = part("styles", "styles.xml")
    styles = _Styles(pkg.xml(styles_name) if styles_name else None, tg)
    walker = _Walker(str(path), tg, styles)
    body = root.find(tg.body)
    if body is not None:
        walker.container(body, _Ctx("body", paragraph_index(body)))
    for kind, rel, default in (("footnote", "footnotes", "footnotes.xml"), ("endnote", "endnotes", "endnotes.xml")):
        name = part(rel, default)
        if name:
            walker.notes(pkg.xml(name), kind)

    blocks = [b for b in walker.blocks if b is not None]
    if not blocks:
        raise InputError("input.no_text")

    core = _core_properties(pkg)
    metadata: dict[str, Any] = {}
    title = core.get("title") or walker.title_para or walker.first_heading
    if title:
        metadata["title"] = title
    date = _text_date(blocks) or core.get("modified") or core.get("created")
    if date:
        metadata["date"] = date
    for key in ("created", "modified"):
        if key in core:
            metadata[key] = core[key]

    notes: list[ReaderNote] = []
    changes = walker.changes + walker.text.changes
    if changes:
        notes.append(ReaderNote("note.docx_tracked_changes", params={"count": changes}))
    if walker.text.hidden_chars:
        notes.append(ReaderNote("note.docx_hidden_text", params={"count": walker.text.hidden_chars}))
    if walker.altchunks:
        notes.append(ReaderNote("note.docx_altchunk", params={"count": walker.altchunks}))
    return Document(str(path), "docx", blocks, metadata, notes)
