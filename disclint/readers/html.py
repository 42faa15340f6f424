"""HTML reader: visible text only, as headings, paragraphs, list items, table cells, captions.

:func:`html_to_blocks` is also used by the XBRL reader for text blocks (HTML fragments).
Parsing uses ``lxml.html`` (libxml2's HTML parser: no network access, no external entities).

- ``script``/``style``/``noscript``/``template``/``head``/``nav`` and hidden elements are dropped.
- ``h1``–``h6`` → HEADING with its level; ``p``/``div`` text → PARAGRAPH; ``li`` → LIST_ITEM;
  ``td``/``th`` → TABLE_CELL with table/row/column (colspan/rowspan respected);
  ``caption``/``figcaption`` → CAPTION.
- A ``<p>`` whose text is a short numbered line without ``。`` (``(6) 情報セキュリティについて``,
  ``＜リスク管理＞``, ``①ガバナンス``) is a heading: EDINET HTML marks most headings that way.
- ``Location.section`` is the heading path.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from .. import registry
from ..model.document import Block, BlockKind, Document
from ..model.errors import InputError
from . import Limits, replace_lone_surrogates
from .encoding import ENCODING_LABELS, decode_bytes, encoding_note
from .layout import Raw, collapse_whitespace, finalize, numbered_raw, same_title

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "nav",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "select",
        "option",
        "datalist",
        "button",
        "input",
        "textarea",
        "map",
        "audio",
        "video",
        "meta",
        "link",
        "title",
    }
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "body",
        "html",
        "header",
        "footer",
        "aside",
        "blockquote",
        "address",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "figure",
        "form",
        "fieldset",
        "legend",
        "center",
        "pre",
        "hr",
        "details",
        "summary",
        "menu",
        "dir",
        "noframes",
        "frameset",
        "frame",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "colgroup",
        "col",
    }
)
_BR = "\u2028"  # placeholder for <br> while whitespace is collapsed
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(el: etree._Element) -> bool:
    if not el.attrib:
        return False
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    if (el.get("role") or "").lower() == "navigation":
        return True
    style = el.get("style")
    if not style or ("display" not in style and "visibility" not in style):
        return False
    return bool(_HIDDEN_STYLE.search(style))


def _tag(el: Any) -> str | None:
    tag = el.tag
    if not isinstance(tag, str):
        return None  # comment, processing instruction, entity
    if "}" in tag:
        tag = tag.rsplit("}", 1)[1]
    if ":" in tag:
        tag = tag.rsplit(":", 1)[1]
    return tag.lower()


def _clean(text: str, keep_breaks: bool = True) -> str:
    text = collapse_whitespace(text)
    lines = [ln.strip(" \t\u3000\xa0") for ln in text.split(_BR)]
    lines = [ln for ln in lines if ln]
    return ("\n" if keep_breaks else " ").join(lines).strip()


class _Walker:
    def __init__(self) -> None:
        self.raws: list[Raw] = []
        self.buf: list[str] = []
        self.tables = 0
        self.pre = 0

    # -- inline text --
    def flush(self) -> None:
        if self.buf:
            text = _clean("".join(self.buf))
            self.buf = []
            if text:
                # short numbered paragraphs are headings (EDINET style)
                self.raws.append(numbered_raw(text, {}, BlockKind.PARAGRAPH))

    def text_of(self, el: etree._Element, keep_breaks: bool = False, skip_tables: bool = False) -> str:
        parts: list[str] = []

        def rec(e: etree._Element) -> None:
            if e.text and _tag(e) is not None:
                parts.append(e.text)
            for child in e:
                tag = _tag(child)
                if tag is not None and not (tag in _SKIP or _hidden(child) or (skip_tables and tag == "table")):
                    if tag == "br":
                        parts.append(_BR)
                    elif tag in _BLOCK or tag in _HEADINGS or tag in ("li", "td", "th", "caption", "figcaption"):
                        parts.append(_BR)
                        rec(child)
                        parts.append(_BR)
                    else:
                        rec(child)
                if child.tail:
                    parts.append(child.tail)

        rec(el)
        return _clean("".join(parts), keep_breaks)

    # -- block structure --
    def walk(self, el: etree._Element) -> None:
        tag = _tag(el)
        if tag is None or tag in _SKIP or _hidden(el):
            return
        if tag in _HEADINGS:
            self.flush()
            text = self.text_of(el)
            if text:
                self.raws.append(Raw(BlockKind.HEADING, text, {}, level=_HEADINGS[tag]))
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "li":
            self.flush()
            self.list_item(el)
            return
        if tag in ("caption", "figcaption"):
            self.flush()
            text = self.text_of(el)
            if text:
                loc = {"table": self.tables} if tag == "caption" and self.tables else {}
                self.raws.append(Raw(BlockKind.CAPTION, text, loc))
            return
        if tag == "br":
            self.buf.append(_BR)
            return
        if tag == "img":
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.buf.append(child.tail)
        if block:
            self.flush()

    def list_item(self, el: etree._Element) -> None:
        """The item's own text is one LIST_ITEM; nested lists and tables follow as their own blocks."""
        nested: list[etree._Element] = []
        parts: list[str] = []
        if el.text:
            parts.append(el.text)
        for child in el:
            tag = _tag(child)
            if tag in ("ul", "ol", "table", "dl"):
                nested.append(child)
            elif tag is not None and not (tag in _SKIP or _hidden(child)):
                if tag == "br":
                    parts.append(_BR)
                else:
                    parts.append(_BR if tag in _BLOCK else "")
                    parts.append(self.text_of(child, keep_breaks=True).replace("\n", _BR))
                    parts.append(_BR if tag in _BLOCK else "")
            if child.tail:
                parts.append(child.tail)
        text = _clean("".join(parts))
        if text:
            self.raws.append(Raw(BlockKind.LIST_ITEM, text, {}))
        for child in nested:
            self.walk(child)

    def table(self, table: etree._Element) -> None:
        self.tables += 1
        number = self.tables
        nested: list[etree._Element] = []
        # Cells spanning down from earlier rows, as column intervals: (first, end, last row).
        # A set of every (row, column) a span covers cost 1 M entries per clamped span (a 2.6 KB
        # table of rowspan=colspan=2147483647 took 6.8 GB); rowspans are also clamped to the
        # rows the table really has.
        reserved: list[tuple[int, int, int]] = []
        rows = [tr for tr in _rows(table) if not _hidden(tr)]
        row_no = 0
        cells_out: list[Raw] = []
        for caption in table.iterchildren():
            if _tag(caption) == "caption":
                text = self.text_of(caption)
                if text:
                    self.raws.append(Raw(BlockKind.CAPTION, text, {"table": number}))
        for tr in rows:
            row_no += 1
            reserved = [r for r in reserved if r[2] >= row_no]
            blocked = _merge_intervals([(a, b) for a, b, _ in reserved])
            starts = [a for a, _ in blocked]
            added: list[tuple[int, int, int]] = []
            col = 0
            for cell in tr.iterchildren():
                if _tag(cell) not in ("td", "th") or _hidden(cell):
                    continue
                col += 1
                i = bisect.bisect_right(starts, col) - 1
                if i >= 0 and col < blocked[i][1]:  # covered by a cell from above: next free column
                    col = blocked[i][1]
                rowspan = min(_span(cell.get("rowspan")), len(rows) - row_no + 1)
                colspan = _span(cell.get("colspan"))
                if rowspan > 1:
                    added.append((col, col + colspan, row_no + rowspan - 1))
                text = self.text_of(cell, keep_breaks=True, skip_tables=True)
                if text:
                    cells_out.append(Raw(BlockKind.TABLE_CELL, text, {"table": number, "row": row_no, "column": col}))
                nested.extend(t for t in cell.iter("table") if _closest_cell(t) is cell)
                col += colspan - 1
            reserved.extend(added)
        self.raws.extend(cells_out)
        for inner in nested:
            self.table(inner)

    def run(self, root: etree._Element) -> list[Raw]:
        self.walk(root)
        self.flush()
        return self.raws


def _merge_intervals(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, disjoint half-open intervals; touching ones are merged (so the end of one is free)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _rows(table: etree._Element) -> list[etree._Element]:
    """The rows of this table (not of tables nested in its cells)."""
    rows: list[etree._Element] = []
    for child in table.iterchildren():
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child.iterchildren() if _tag(r) == "tr")
    return rows


def _closest_cell(el: etree._Element) -> etree._Element | None:
    """The cell that directly contains the nested table ``el``."""
    parent = el.getparent()
    while parent is not None and _tag(parent) not in ("td", "th"):
        parent = parent.getparent()
    return parent


# plain etree elements (not lxml.html's HtmlElement classes): faster, and we need no HTML helpers
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True, huge_tree=True)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _parse_fragment(html: str) -> etree._Element:
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return lxml.html.fragment_fromstring("<div></div>", parser=_PARSER)
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div", parser=_PARSER)
    except (etree.ParserError, ValueError):
        return lxml.html.fragment_fromstring("<div></div>", parser=_PARSER)


def number_paragraphs(raws: list[Raw], first: int = 1) -> int:
    """Give every block outside a table a 1-based ``paragraph`` number in reading order (so a finding
    on HTML or XBRL input can be found again: ``¶12`` under its section); returns the next number."""
    n = first
    for r in raws:
        if "table" not in r.loc:
            r.loc = {**r.loc, "paragraph": n}
            n += 1
    return n


def html_to_blocks(html: str, file: str, section_prefix: tuple[str, ...] = (), first_paragraph: int = 1) -> list[Block]:
    """Blocks of an HTML string (a whole document or a fragment such as an XBRL text block).

    Blocks outside tables are numbered (``Location.paragraph``) from ``first_paragraph``: an XBRL
    text block numbers its own paragraphs, continuing over consecutive facts of one concept.

    ``section_prefix`` is put in front of every ``Location.section`` (the XBRL section title);
    explicit heading levels are then renumbered below it, and a first heading that repeats
    the last prefix title (``４【事業等のリスク】`` under 事業等のリスク) is dropped.
    """
    html = replace_lone_surrogates(html)  # lxml silently drops the text after a lone surrogate
    root = _parse_fragment(html) if not re.match(r"\s*(<!doctype|<html)", html[:1000], re.I) else _parse_document(html)
    raws = _Walker().run(_body(root))
    if (
        section_prefix
        and raws
        and raws[0].kind != BlockKind.TABLE_CELL
        and same_title(raws[0].text, section_prefix[-1])
    ):
        raws.pop(0)
    number_paragraphs(raws, first_paragraph)
    return finalize(raws, file, section_prefix, rank_levels=bool(section_prefix))


def _parse_document(html: str) -> etree._Element:
    html = _XML_DECL.sub("", html, count=1)
    try:
        return lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return _parse_fragment(html)


def _body(root: etree._Element) -> etree._Element:
    if _tag(root) == "html":
        for child in root:
            if _tag(child) == "body":
                return child
    return root


def _title(root: etree._Element) -> str | None:
    for el in root.iter("title"):
        text = _clean("".join(el.itertext()), keep_breaks=False)
        if text:
            return text
    return None


# ---------------------------------------------------------------------------
# decoding and sniffing
# ---------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)["']""", re.I)
_CODEC_ALIASES = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "cp932": "cp932",
    "ms932": "cp932",
    "euc-jp": "euc_jp",
    "euc_jp": "euc_jp",
    "x-euc-jp": "euc_jp",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "iso-2022-jp": "iso2022_jp",
    "csiso2022jp": "iso2022_jp",
}


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode HTML bytes: BOM, then the declared charset, then the text reader's detection."""
    if data[:3] == b"\xef\xbb\xbf" or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return decode_bytes(data)
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m:
        codec = _CODEC_ALIASES.get(m.group(1).decode("ascii", "replace").lower())
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass  # wrong declaration: detect instead
    return decode_bytes(data)


_PROLOG = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*", re.S)


def _head_text(head: bytes) -> bytes:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return (
                head[2 : 2 + 2048]
                .decode("utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be", "ignore")
                .encode("utf-8")
            )
        except Exception:
            return b""
    return head


def sniff_html(head: bytes, path: Path) -> bool:
    head = _head_text(head)
    m = _PROLOG.match(head)
    rest = head[m.end() if m else 0 :][:64].lower()
    return rest.startswith(b"<!doctype html") or rest.startswith(b"<html")


@registry.readers.register("html", extensions=(".html", ".htm", ".xhtml"), sniff=sniff_html, priority=60)
def read_html(path: Path, limits: Limits) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError("input.not_readable", reason=exc.strerror or type(exc).__name__) from exc
    if b"\x00" in data[:4096] and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError("input.unknown_format")
    text, codec = decode_html(data)
    text = text.lstrip("\ufeff")
    root = _parse_document(text) if text.strip() else None
    if root is None:
        raise InputError("input.no_text")
    raws = _Walker().run(_body(root))
    number_paragraphs(raws)
    blocks = finalize(raws, str(path))
    if not blocks:
        raise InputError("input.no_text")
    meta: dict[str, Any] = {"encoding": ENCODING_LABELS.get(codec, codec)}
    title = _title(root)
    if title:
        meta["title"] = title
    notes = [n for n in [encoding_note(codec)] if n is not None]
    return Document(str(path), "html", blocks, meta, notes)
