"""Inline text: the runs of one ``w:p`` as Word shows them with all changes accepted, and the
``paragraph`` contract (:func:`paragraph_index`, :func:`paragraph_text`; see the package docstring)."""

from __future__ import annotations

from lxml import etree

from .ooxml import W_NS, _ns_of, _on, _Tags


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
