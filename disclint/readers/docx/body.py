"""Walking the body: paragraphs (with their heading path), tables and their cells, text boxes,
content controls, footnotes and endnotes -> Blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ...model.document import Block, BlockKind, Location
from .ooxml import _int, _Tags
from .runs import _branch, _sdt_content, _TextCollector, paragraph_index
from .styles import _BULLETS, _numbered, _outline, _Styles


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
