"""docx reader: WordprocessingML (Word, LibreOffice, Google Docs exports) -> Document.

The container is opened with :func:`._safe.open_zip` (zip bombs, ``../`` members) and every
XML part is parsed with :func:`._safe.parse_xml` (no DTD, no entities). The body is read from
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
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..document import Block, BlockKind, Document, Location, ReaderNote
from ..errors import InputError
from . import Limits, _safe, register

__all__ = ["read_docx", "sniff_docx", "paragraph_index", "paragraph_text"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_NS_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
M_NS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/math"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"

MAIN_PART = "word/document.xml"
_JST = _dt.timezone(_dt.timedelta(hours=9), "JST")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# --------------------------------------------------------------------------- sniffing


def sniff_docx(head: bytes, path: Path) -> bool:
    """A zip whose members include ``word/document.xml``.

    The local header of ``word/document.xml`` is usually within the first 8 KB; when it is
    not (a big first member), the zip's central directory is read (no member is inflated).
    """
    if not head.startswith(b"PK\x03\x04"):
        return False
    if b"word/document.xml" in head:
        return True
    try:
        with zipfile.ZipFile(path) as zf:
            names = {n.replace("\\", "/").lower() for n in zf.namelist()}
    except Exception:  # not a readable zip: let the other readers / the extension decide
        return False
    if MAIN_PART in names:
        return True
    return "[content_types].xml" in names and any(n.startswith("word/") and n.endswith(".xml") for n in names)


# --------------------------------------------------------------------------- tags


class _Tags:
    """Clark-notation tag names for one WordprocessingML namespace (transitional or strict)."""

    _cache: dict[str, _Tags] = {}

    def __init__(self, wns: str) -> None:
        w = f"{{{wns}}}"
        m = "{%s}" % (M_NS_STRICT if wns == W_NS_STRICT else M_NS)
        mc = f"{{{MC_NS}}}"
        self.ns = wns
        for name in (
            "body p pPr pStyle outlineLvl numPr numId r rPr t tab ptab br cr noBreakHyphen softHyphen sym "
            "ins moveFrom moveTo delText instrText delInstrText tbl tr trPr tc tcPr gridSpan vMerge hMerge "
            "gridBefore sdt sdtPr sdtEndPr sdtContent showingPlcHdr customXml smartTag hyperlink fldSimple "
            "txbxContent ruby rubyBase rt vanish footnoteReference endnoteReference footnote endnote altChunk "
            "style name basedOn type styleId default val id char pPrChange rPrChange tblPr tblGrid"
        ).split():
            setattr(self, name, w + name)
        self.delete = w + "del"  # "del" is a Python keyword
        self.m_t = m + "t"
        self.alternate = mc + "AlternateContent"
        self.choice = mc + "Choice"
        self.fallback = mc + "Fallback"
        self.inline_skip = frozenset(
            (
                self.pPr,
                self.rPr,
                self.delText,
                self.instrText,
                self.delInstrText,
                self.sdtPr,
                self.sdtEndPr,
                self.rt,
                self.pPrChange,
                self.rPrChange,
            )
        )

    @classmethod
    def get(cls, wns: str) -> _Tags:
        tags = cls._cache.get(wns)
        if tags is None:
            tags = cls._cache[wns] = cls(wns)
        return tags


def _ns_of(el: etree._Element) -> str:
    tag = el.tag
    return tag[1 : tag.index("}")] if isinstance(tag, str) and tag.startswith("{") else ""


def _on(el: etree._Element | None, val_attr: str) -> bool:
    """An OOXML on/off property: present and not val=0/false/off."""
    return el is not None and (el.get(val_attr) or "true").lower() not in ("0", "false", "off")


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --------------------------------------------------------------------------- inline text


class _TextCollector:
    """Turns the inline content of one ``w:p`` into text, as Word shows it with all changes accepted."""

    def __init__(self, tags: _Tags) -> None:
        self.tags = tags
        self.changes = 0
        self.hidden_chars = 0
        self.note_refs: list[tuple[str, str]] = []

    def paragraph(self, p: etree._Element) -> tuple[str, list[etree._Element]]:
        """Return (raw text, text boxes anchored in the paragraph)."""
        out: list[str] = []
        boxes: list[etree._Element] = []
        self._walk(p, out, boxes)
        return "".join(out), boxes

    def _walk(self, el: etree._Element, out: list[str], boxes: list[etree._Element]) -> None:
        tg = self.tags
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == tg.t or tag == tg.m_t:
                if child.text:
                    out.append(child.text)
            elif tag == tg.r:
                rpr = child.find(tg.rPr)
                if rpr is not None and _on(rpr.find(tg.vanish), tg.val):
                    self.hidden_chars += sum(len(t.text or "") for t in child.iter(tg.t))
                    continue
                self._walk(child, out, boxes)
            elif tag == tg.tab or tag == tg.ptab:
                out.append("\t")
            elif tag == tg.br or tag == tg.cr:
                out.append("\n")
            elif tag == tg.noBreakHyphen:
                out.append("-")
            elif tag == tg.softHyphen:
                pass
            elif tag == tg.sym:
                code = child.get(tg.char)
                try:
                    cp = int(code, 16) if code else None
                except ValueError:
                    cp = None
                if cp is not None and not (0xE000 <= cp <= 0xF8FF) and 0 < cp < 0x110000:
                    out.append(chr(cp))
            elif tag == tg.ins or tag == tg.moveTo:
                self.changes += 1
                self._walk(child, out, boxes)
            elif tag == tg.delete or tag == tg.moveFrom:
                self.changes += 1
            elif tag == tg.txbxContent:
                boxes.append(child)
            elif tag == tg.alternate:
                branch = _branch(child, tg)
                if branch is not None:
                    self._walk(branch, out, boxes)
            elif tag == tg.sdt:
                content = _sdt_content(child, tg)
                if content is not None:
                    self._walk(content, out, boxes)
            elif tag == tg.ruby:
                base = child.find(tg.rubyBase)
                if base is not None:
                    self._walk(base, out, boxes)
            elif tag == tg.footnoteReference or tag == tg.endnoteReference:
                kind = "footnote" if tag == tg.footnoteReference else "endnote"
                self.note_refs.append((kind, child.get(tg.id) or ""))
            elif tag in tg.inline_skip:
                pass
            else:  # hyperlink, smartTag, fldSimple, customXml, dir, bdo, drawing, pict, math ...
                self._walk(child, out, boxes)


def _branch(alternate: etree._Element, tg: _Tags) -> etree._Element | None:
    """The part of ``mc:AlternateContent`` to read: the first Choice, else the Fallback."""
    fallback = None
    for child in alternate:
        if child.tag == tg.choice:
            return child
        if child.tag == tg.fallback and fallback is None:
            fallback = child
    return fallback


def _sdt_content(sdt: etree._Element, tg: _Tags) -> etree._Element | None:
    pr = sdt.find(tg.sdtPr)
    if pr is not None and _on(pr.find(tg.showingPlcHdr), tg.val):
        return None  # the control still shows its placeholder ("ここに入力") rather than content
    return sdt.find(tg.sdtContent)


def paragraph_text(p: etree._Element) -> str:
    """The raw text the reader derives from one ``w:p`` (before ``strip()``), without text boxes."""
    return _TextCollector(_Tags.get(_ns_of(p) or W_NS)).paragraph(p)[0]


def paragraph_index(root: etree._Element) -> dict[etree._Element, int]:
    """Map each ``w:p`` under ``root`` to its 1-based contract index (see the module docstring).

    ``root`` is ``w:body`` of document.xml, or the root of footnotes.xml / endnotes.xml.
    Keep the returned dict alive while using its keys (lxml element identity).
    """
    tg = _Tags.get(_ns_of(root) or W_NS)
    excluded: set[etree._Element] = set()
    for fb in root.iter(tg.fallback):
        excluded.update(fb.iter(tg.p))
    index: dict[etree._Element, int] = {}
    n = 0
    for p in root.iter(tg.p):
        if p in excluded:
            continue
        n += 1
        index[p] = n
    return index


# --------------------------------------------------------------------------- styles

_HEADING_NAME = re.compile(r"^(?:heading|見出し)\s*([1-9])$")
_TITLE_NAMES = frozenset({"title", "表題", "タイトル"})
_CAPTION_NAMES = frozenset({"caption", "図表番号", "キャプション"})
_LIST_NAME = re.compile(r"^(?:list paragraph|list bullet|list number|リスト段落|箇条書き|段落番号)")
_BULLETS = frozenset("・●○◆◇■□•▪◦‣")


def _norm_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    numbered: bool | None  # numPr with numId != 0 -> True, numId 0 -> False, none -> None


@dataclass(frozen=True)
class _StyleInfo:
    level: int | None = None
    title: bool = False
    listed: bool = False
    caption: bool = False


class _Styles:
    def __init__(self, root: etree._Element | None, tg: _Tags) -> None:
        self.tg = tg
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        self._info: dict[str | None, _StyleInfo] = {}
        if root is None:
            return
        for st in root.iter(tg.style):
            if st.get(tg.type) not in (None, "paragraph"):
                continue
            sid = st.get(tg.styleId)
            if sid is None:
                continue
            name_el = st.find(tg.name)
            based = st.find(tg.basedOn)
            ppr = st.find(tg.pPr)
            outline = numbered = None
            if ppr is not None:
                outline = _outline(ppr, tg)
                numbered = _numbered(ppr, tg)
            self.styles[sid] = _Style(
                name=_norm_name(name_el.get(tg.val, "") if name_el is not None else sid),
                based_on=based.get(tg.val) if based is not None else None,
                outline=outline,
                numbered=numbered,
            )
            if (st.get(tg.default) or "").lower() in ("1", "true", "on"):
                self.default = self.default or sid

    def info(self, sid: str | None) -> _StyleInfo:
        if sid is None or sid not in self.styles:
            sid = self.default
        cached = self._info.get(sid)
        if cached is not None:
            return cached
        level: int | None = None
        title = caption = False
        level_done = False
        listed: bool | None = None
        name_listed = False
        seen: set[str] = set()
        cur = sid
        while cur is not None and cur in self.styles and cur not in seen and len(seen) < 32:
            seen.add(cur)
            st = self.styles[cur]
            if not level_done:
                if st.outline is not None:
                    level, level_done = (st.outline + 1 if st.outline < 9 else None), True
                else:
                    m = _HEADING_NAME.match(st.name)
                    if m:
                        level, level_done = int(m.group(1)), True
                    elif st.name in _TITLE_NAMES:
                        level, title, level_done = 1, True, True
            if listed is None and st.numbered is not None:
                listed = st.numbered
            name_listed = name_listed or bool(_LIST_NAME.match(st.name))
            caption = caption or st.name in _CAPTION_NAMES
            cur = st.based_on
        info = _StyleInfo(level=level, title=title, listed=bool(listed) or name_listed, caption=caption)
        self._info[sid] = info
        return info


def _outline(ppr: etree._Element, tg: _Tags) -> int | None:
    el = ppr.find(tg.outlineLvl)
    if el is None:
        return None
    value = _int(el.get(tg.val))
    return value if value is not None and 0 <= value <= 9 else None


def _numbered(ppr: etree._Element, tg: _Tags) -> bool | None:
    num = ppr.find(tg.numPr)
    if num is None:
        return None
    num_id = num.find(tg.numId)
    if num_id is None:
        return None  # only w:ilvl: the numbering comes from elsewhere (or nowhere)
    return _int(num_id.get(tg.val), 0) != 0


# --------------------------------------------------------------------------- walking the body


@dataclass
class _Ctx:
    part: str  # body, textbox, footnote, endnote
    index: dict[etree._Element, int]
    fixed_section: tuple[str, ...] | None = None  # footnotes: the section of their reference
    cell: tuple[int, int, int] | None = None
    cell_parts: list[tuple[int | None, str]] | None = None

    def textbox(self) -> _Ctx:
        # a text box inside a footnote keeps part="footnote": its index refers to footnotes.xml
        part = "textbox" if self.part in ("body", "textbox") else self.part
        return _Ctx(part, self.index, self.fixed_section)


@dataclass
class _Walker:
    file: str
    tg: _Tags
    styles: _Styles
    blocks: list[Block | None] = field(default_factory=list)
    stack: list[tuple[int, str]] = field(default_factory=list)
    tables: int = 0
    altchunks: int = 0
    changes: int = 0
    title_para: str | None = None
    first_heading: str | None = None
    note_sections: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = _TextCollector(self.tg)

    def section(self, ctx: _Ctx) -> tuple[str, ...]:
        if ctx.fixed_section is not None:
            return ctx.fixed_section
        return tuple(text for _, text in self.stack)

    # block-level containers: body, table cell, text box, content control, footnote
    def container(self, el: etree._Element, ctx: _Ctx) -> None:
        tg = self.tg
        for child in el:
            tag = child.tag
            if tag == tg.p:
                self.paragraph(child, ctx)
            elif tag == tg.tbl:
                self.table(child, ctx)
            elif tag == tg.sdt:
                content = _sdt_content(child, tg)
                if content is not None:
                    self.container(content, ctx)
            elif tag == tg.customXml or tag == tg.ins or tag == tg.moveTo:
                self.container(child, ctx)
            elif tag == tg.delete or tag == tg.moveFrom:
                self.changes += 1
            elif tag == tg.alternate:
                branch = _branch(child, tg)
                if branch is not None:
                    self.container(branch, ctx)
            elif tag == tg.altChunk:
                self.altchunks += 1

    def paragraph(self, p: etree._Element, ctx: _Ctx) -> None:
        n_refs = len(self.text.note_refs)
        raw, boxes = self.text.paragraph(p)
        text = raw.strip()
        index = ctx.index.get(p)
        for ref in self.text.note_refs[n_refs:]:
            self.note_sections.setdefault(ref, self.section(ctx))
        if text:
            if ctx.cell_parts is not None:
                ctx.cell_parts.append((index, text))
            else:
                self._emit(p, text, index, ctx)
        for box in boxes:
            self.container(box, ctx.textbox())

    def _emit(self, p: etree._Element, text: str, index: int | None, ctx: _Ctx) -> None:
        tg = self.tg
        ppr = p.find(tg.pPr)
        sid = own_outline = own_num = None
        if ppr is not None:
            ps = ppr.find(tg.pStyle)
            sid = ps.get(tg.val) if ps is not None else None
            own_outline = _outline(ppr, tg)
            own_num = _numbered(ppr, tg)
        info = self.styles.info(sid)
        if own_outline is not None:
            level, is_title = (own_outline + 1 if own_outline < 9 else None), False
        else:
            level, is_title = info.level, info.title
        listed = own_num if own_num is not None else info.listed
        kind = BlockKind.PARAGRAPH
        if level is not None and ctx.part == "body":
            kind = BlockKind.HEADING
            while self.stack and self.stack[-1][0] >= level:
                self.stack.pop()
            self.stack.append((level, " ".join(text.split())))
            if is_title and self.title_para is None:
                self.title_para = text
            if self.first_heading is None:
                self.first_heading = text
        elif info.caption:
            kind = BlockKind.CAPTION
        elif listed or text[0] in _BULLETS:
            kind = BlockKind.LIST_ITEM
        loc = Location(self.file, paragraph=index, section=self.section(ctx), part=ctx.part)
        self.blocks.append(Block(kind, text, loc, level if kind is BlockKind.HEADING else None))

    def table(self, tbl: etree._Element, ctx: _Ctx) -> None:
        tg = self.tg
        self.tables += 1
        number = self.tables
        row_no = 0
        for tr in _children(tbl, tg.tr, tg):
            trpr = tr.find(tg.trPr)
            if trpr is not None:
                if trpr.find(tg.delete) is not None:
                    self.changes += 1
                    continue
                if trpr.find(tg.ins) is not None:
                    self.changes += 1
            row_no += 1
            column = 1
            before = trpr.find(tg.gridBefore) if trpr is not None else None
            if before is not None:
                column += max(0, _int(before.get(tg.val), 0) or 0)
            for tc in _children(tr, tg.tc, tg):
                tcpr = tc.find(tg.tcPr)
                span = 1
                continuation = False
                if tcpr is not None:
                    gs = tcpr.find(tg.gridSpan)
                    span = max(1, _int(gs.get(tg.val), 1) or 1) if gs is not None else 1
                    for merge in (tcpr.find(tg.vMerge), tcpr.find(tg.hMerge)):
                        if merge is not None and merge.get(tg.val, "continue") != "restart":
                            continuation = True
                if not continuation:
                    self._cell(tc, ctx, (number, row_no, column))
                column += span

    def _cell(self, tc: etree._Element, ctx: _Ctx, where: tuple[int, int, int]) -> None:
        slot = len(self.blocks)
        self.blocks.append(None)  # the cell's block goes before its nested tables / text boxes
        cctx = _Ctx(ctx.part, ctx.index, ctx.fixed_section, cell=where, cell_parts=[])
        self.container(tc, cctx)
        parts = cctx.cell_parts or []
        if parts:
            table, row, column = where
            loc = Location(
                self.file,
                paragraph=parts[0][0],
                section=self.section(ctx),
                table=table,
                row=row,
                column=column,
                part=ctx.part,
            )
            self.blocks[slot] = Block(BlockKind.TABLE_CELL, "\n".join(t for _, t in parts), loc)

    def notes(self, root: etree._Element, kind: str) -> None:
        tg = self.tg
        index = paragraph_index(root)
        tag = tg.footnote if kind == "footnote" else tg.endnote
        for note in root.iter(tag):
            if note.get(tg.type) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            section = self.note_sections.get((kind, note.get(tg.id) or ""), ())
            self.container(note, _Ctx(kind, index, section))


def _children(el: etree._Element, want: str, tg: _Tags):
    """Rows of a table / cells of a row, looking through content controls and custom XML."""
    for child in el:
        if child.tag == want:
            yield child
        elif child.tag == tg.sdt:
            content = _sdt_content(child, tg)
            if content is not None:
                yield from _children(content, want, tg)
        elif child.tag == tg.customXml:
            yield from _children(child, want, tg)


# --------------------------------------------------------------------------- package parts


class _Package:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names = {i.filename.replace("\\", "/").lower(): i.filename for i in zf.infolist()}

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def xml(self, name: str) -> etree._Element:
        data = _safe.read_member(self.zf, self.names[name.lower()], "input.corrupt_docx")
        try:
            return _safe.parse_xml(data)
        except InputError as exc:
            if exc.code == "input.xml_invalid":
                raise InputError("input.corrupt_docx", reason=f"{name}: {exc.params.get('reason', '')}") from exc
            raise

    def rels(self, part: str) -> dict[str, str]:
        """Relationship type suffix (``officeDocument``, ``styles`` ...) -> target part name."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        try:
            root = self.xml(rels_name)
        except InputError as exc:
            if exc.code == "input.xml_forbidden":
                raise
            return {}  # broken relationships: fall back to the conventional part names
        out: dict[str, str] = {}
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            target, rtype = rel.get("Target"), rel.get("Type") or ""
            if not target or rel.get("TargetMode") == "External":
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.setdefault(rtype.rsplit("/", 1)[-1], name)
        return out


def _legacy_container_error(path: Path) -> InputError | None:
    """A Compound File (OLE2) named .docx: an encrypted docx or an old .doc."""
    try:
        with path.open("rb") as fh:
            if fh.read(8) != _CFB_MAGIC:
                return None
            data = fh.read()
    except OSError:
        return None
    if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
        return InputError("input.docx_encrypted")
    if "WordDocument".encode("utf-16-le") in data:
        return InputError("input.doc_legacy")
    return None


# --------------------------------------------------------------------------- metadata

_ERA_BASE = {"令和": 2018, "平成": 1988, "昭和": 1925}
_DATE_RE = re.compile(
    r"(?:(?P<era>令和|平成|昭和)\s*(?P<ey>元|\d{1,2})|(?<!\d)(?P<y>(?:19|20)\d{2}))\s*年\s*(?P<m>\d{1,2})\s*月"
    r"(?:\s*(?P<d>\d{1,2})\s*日)?"
    r"|(?<!\d)(?P<y2>(?:19|20)\d{2})[/.\-](?P<m2>\d{1,2})[/.\-](?P<d2>\d{1,2})(?!\d)"
)
_DATE_LABEL = re.compile(r"(?:提出日|発行日|作成日|公表日|開示日|報告日|発行年月日|作成年月日|更新日|改訂日)")
_DATE_SCAN_BLOCKS = 40
_DATE_SCAN_CHARS = 4000


def _date_from_match(m: re.Match[str]) -> str | None:
    if m.group("y2"):
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    else:
        if m.group("era"):
            ey = m.group("ey")
            y = _ERA_BASE[m.group("era")] + (1 if ey == "元" else int(ey))
        else:
            y = int(m.group("y"))
        mo = int(m.group("m"))
        d = int(m.group("d")) if m.group("d") else None
    try:
        if d is None:
            _dt.date(y, mo, 1)
            return f"{y:04d}-{mo:02d}"
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _text_date(blocks: list[Block]) -> str | None:
    first: str | None = None
    seen = 0
    for block in blocks[:_DATE_SCAN_BLOCKS]:
        if block.location.part != "body":
            continue
        text = unicodedata.normalize("NFKC", block.text)
        for m in _DATE_RE.finditer(text):
            iso = _date_from_match(m)
            if iso is None:
                continue
            if _DATE_LABEL.search(text[max(0, m.start() - 24) : m.start()]):
                return iso
            first = first or iso
        seen += len(block.text)
        if seen > _DATE_SCAN_CHARS:
            break
    return first


def _core_date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        stamp = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        if not m:
            return None
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(_JST)  # disclosures are Japanese: the JST calendar day
    return stamp.date().isoformat()


def _core_properties(pkg: _Package) -> dict[str, Any]:
    name = pkg.rels("").get("core-properties", "docProps/core.xml")
    if not pkg.has(name):
        return {}
    try:
        root = pkg.xml(name)
    except InputError as exc:
        if exc.code == "input.xml_forbidden":
            raise
        return {}  # broken metadata is not worth refusing the document
    out: dict[str, Any] = {}
    title = root.findtext(f"{{{_DC}}}title")
    if title and title.strip():
        out["title"] = " ".join(title.split())
    for key in ("created", "modified"):
        iso = _core_date(root.findtext(f"{{{_DCTERMS}}}{key}"))
        if iso:
            out[key] = iso
    return out


# --------------------------------------------------------------------------- the reader


@register("docx", extensions=(".docx",), sniff=sniff_docx, priority=20)
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
