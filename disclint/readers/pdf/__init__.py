"""PDF reader: pypdfium2 for text and geometry; pdfplumber only to re-decode broken pages.

Library choice, measured on this 2-core machine with the real 117-page 有価証券報告書 of
ＴＩＳ株式会社 (122,712 characters, 1.4 MB; CPU shared with other jobs, so ±20 %):

- pypdfium2 (PDFium, C++): opening the file and building the text page of every page takes
  0.27 s; reading every character with its box through the raw API 0.5 s; the whole
  :func:`read_pdf` (layout, running headers, paragraphs, headings) 0.85–0.95 s, i.e.
  120–140 pages/s (``benchmarks/bench_pdf.py``).
- pdfplumber (pdfminer.six, pure Python): ``extract_text`` alone takes 6.8 s (17 pages/s)
  on the same file, before any layout work of ours: too slow to be the main path.

So every page goes through pypdfium2: the page text in one call, then one call per
character for its *loose* box (the em box from the font metrics, which is what line and
column geometry need). Lines, table rows, columns, paragraphs, headings and running headers
are all computed here from those boxes.

pdfplumber is used for one thing only: when PDFium reports that most characters of a page
have no Unicode mapping (``FPDFText_HasUnicodeMapError``: a font without a usable ToUnicode
map), PDFium returns the raw character codes as text (mojibake such as ``3HQČåQt…`` for the
Czech sample ``issue-791-non-unicode-cmap.pdf``). pdfminer.six decodes some of these fonts
correctly (``Peněžní prostředky…`` for that sample; note ``note.pdf_redecoded``) and prints
``(cid:NNN)`` for the others, which :func:`classify_page_text` recognises: such a page is
skipped with ``note.pdf_cid_page``.

Vertical text (縦書き) needs no pdfplumber either: a run of characters whose boxes are stacked
top to bottom is vertical; it is turned by 90° so that columns become lines (right-most
first) and the ordinary layout runs on it. On ``jo.pdf`` (two tiers, 上段/下段), pdfplumber's
``extract_text(line_dir="rtl", char_dir="ttb", line_dir_render="ttb", char_dir_render="ltr")``
puts the column of the upper tier and the column of the lower tier on one output line,
interleaving two passages; here the tier gap is found like a column gutter and the upper
tier is read before the lower one, which is the order of the poem.

One module per stage; this one reads the pages and runs the stages in order:

- ``streams``: checks on the raw file (Flate bombs, text-operator floods) before PDFium sees it;
- ``extract``: the characters of a page from PDFium, or from pdfminer.six for a page PDFium
  cannot decode; ``chars``: the characters of a page as typed columns (``Chars``) and what a
  character's text means (radical look-alikes, Symbol bullets, mojibake);
- ``rows``: writing directions, physical lines and their fragments (rules 1-2 below);
- ``running``: running headers, footers and page numbers (rule 3);
- ``columns`` and ``layout``: reading order and column edges (rule 4);
- ``assemble`` feeds each line to ``paragraphs`` (rule 5) or ``tables`` (rule 6), with ``markers``;
- ``headings``: heading kinds and every block's heading path (rule 7);
- ``metadata``: title, date, company, fiscal year end.

Layout rules, in order:

1. Characters outside the crop box are invisible and dropped; characters are grouped by
   writing direction (page /Rotate, text rotated by 90/180/270°, vertical CJK) and each
   group is turned so that it reads left to right.
2. Lines are characters whose boxes overlap vertically; a horizontal gap of more than
   1.2 em, unless space characters fill it, splits a line into fragments (table cells).
   A fragment holding only a list marker (``•``, ``①``, ``(1)``) is kept with its text.
3. Running headers/footers: lines among the three top-most/bottom-most lines of a page,
   in the outer 12 % of its height, whose text with digits replaced repeats on at least
   three pages, and bare page numbers (``- 18 -``, ``18``, ``（18）``, ``18 / 117``) there.
4. Columns: a vertical gutter with no characters between two text-like sides (mostly
   letters, wide, single-fragment lines of 10+ characters, the left side flush with the
   gutter) splits the page into columns, read left column first; lines crossing the gutter
   split it into bands (a recursive XY cut).
5. Paragraphs: a line continues the previous one when the previous one reaches the right
   edge of its column (or of its table cell; or stops short only because the next line
   starts with a Latin word that did not fit), the font size and line pitch match, the
   new line is not indented (a first-line indent of the previous line, or a hanging indent
   after a list marker, is fine) and does not start with a list marker or heading number.
   Lines are joined with no space, except between two Latin words. A paragraph may go on
   in the next column or on the next page (only if the last line is full and does not end
   with 「。」); it keeps the page where it starts.
6. Lines with several fragments are table rows (one TABLE_CELL block per row, cells joined
   with `` | ``, ``Location.table``/``row`` set); a following line aligned with a cell that
   reached its right edge continues that cell (``沿革``-style wrapped cells), and a label
   wrapped or centred in the first cell joins it. A name to the left of a paragraph (役員
   profiles) becomes a block of its own without splitting the paragraph.
7. Headings: a one-line paragraph (two for large type) without 「。」 that starts with a
   有報 numbering (``第一部【…】``, ``第２【…】``, ``４【…】``, ``【…】``, ``１．``, ``(6)``,
   ``①``, ``ア．``) or is set at least 1.2× the body size. ``第N部``, ``第N`` and ``N【…】``
   are a fixed skeleton; the other kinds nest in the order they appear (the notes to the
   financial statements put ``１．`` under ``【注記事項】`` and ``(1)`` under ``１．``).
   ``Location.section`` is the heading path, outermost first, and includes the heading
   itself for a heading block. Two or more same-kind numbered candidates in a row with
   nothing in between are a list (LIST_ITEM), not headings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from ... import registry
from ...model.document import Document, ReaderNote
from ...model.errors import InputError, LimitExceeded
from .. import Limits
from .assemble import Assembler
from .chars import Chars, classify_chars, classify_page_text, fix_radicals
from .extract import PDFIUM_LOCK, Redecoder, open_pdf, page_has_graphics, pdfium_chars, quiet_pdfminer
from .headings import assign_sections
from .layout import LineStats, Page, layout_page
from .metadata import document_metadata
from .rows import group_chars
from .running import remove_running
from .streams import check_streams

__all__ = ["read_pdf", "classify_page_text", "fix_radicals"]


@registry.readers.register("pdf", extensions=(".pdf",), sniff=lambda head, path: b"%PDF-" in head[:1024], priority=10)
def read_pdf(path: Path, limits: Limits) -> Document:
    """Read a PDF into a Document (one Block per paragraph, heading or table row)."""
    path = Path(path)
    with PDFIUM_LOCK:  # PDFium is not thread-safe; layout below runs outside the lock
        pages, notes, counts, n_pages, meta_raw = _read_document(path, limits)
    return _build_document(path, pages, notes, counts, n_pages, meta_raw)


def _read_document(
    path: Path, limits: Limits
) -> tuple[list[Page], list[ReaderNote], dict[str, int], int, dict[str, Any]]:
    check_streams(path, limits)
    doc = open_pdf(path)
    try:
        try:
            n_pages = len(doc)
        except pdfium.PdfiumError as exc:
            raise InputError("input.pdf_corrupt", reason=str(exc)) from exc
        if n_pages == 0:
            raise InputError("input.pdf_corrupt", reason="no pages")
        if n_pages > limits.max_pages:
            raise LimitExceeded("limit.pages", pages=n_pages, limit=limits.max_pages)
        try:
            meta_raw = doc.get_metadata_dict(skip_empty=True)
        except Exception:  # pragma: no cover - metadata is optional
            meta_raw = {}
        pages, notes, counts = _read_pages(doc, path, n_pages, limits)
    finally:
        doc.close()
    return pages, notes, counts, n_pages, meta_raw


def _build_document(
    path: Path,
    pages: list[Page],
    notes: list[ReaderNote],
    counts: dict[str, int],
    n_pages: int,
    meta_raw: dict[str, Any],
) -> Document:
    if counts["text"] == 0:
        if counts["garbled"]:
            raise InputError("input.pdf_garbled", pages=n_pages)
        raise InputError("input.pdf_no_text", pages=n_pages)

    remove_running(pages)
    for page in pages:
        layout_page(page)
        if page.columns > 1:
            notes.append(ReaderNote("note.pdf_columns", page=page.number, params={"columns": page.columns}))

    lines = [ln for page in pages for ln in page.lines]
    asm = Assembler(LineStats.of(lines))
    for ln in lines:
        asm.feed(ln)
    blocks = assign_sections(asm.finish(), str(path))

    notes.sort(key=lambda n: n.page or 0)
    metadata = document_metadata(blocks, meta_raw, n_pages)
    return Document(path=str(path), format="pdf", blocks=blocks, metadata=metadata, notes=notes)


def _read_pages(
    doc: pdfium.PdfDocument, path: Path, n_pages: int, limits: Limits
) -> tuple[list[Page], list[ReaderNote], dict[str, int]]:
    """Characters of every page, classified; text pages grouped into rows (no layout yet)."""
    pages: list[Page] = []
    notes: list[ReaderNote] = []
    counts = {"text": 0, "garbled": 0, "image": 0, "chars": 0}
    redecoder = Redecoder(path)
    try:
        for number in range(1, n_pages + 1):
            pages.append(_read_page(doc, number, limits, notes, counts, redecoder))
    finally:
        redecoder.close()
    return pages, notes, counts


def _read_page(
    doc: pdfium.PdfDocument,
    number: int,
    limits: Limits,
    notes: list[ReaderNote],
    counts: dict[str, int],
    redecoder: Redecoder,
) -> Page:
    try:
        page = doc[number - 1]
    except pdfium.PdfiumError as exc:
        raise InputError("input.pdf_corrupt", reason=f"page {number}: {exc}") from exc
    try:
        try:
            chars, stats = pdfium_chars(page, number)
        except pdfium.PdfiumError as exc:
            raise InputError("input.pdf_corrupt", reason=f"page {number}: {exc}") from exc
        counts["chars"] += len(chars)
        if counts["chars"] > limits.max_chars:
            raise LimitExceeded("limit.chars", limit=limits.max_chars)
        kind, ratio = classify_chars(chars, stats)
        if kind == "garbled":
            rotation = page.get_rotation() % 360
            chars, stats, kind, ratio = _fallback(redecoder, number, rotation, chars, stats)
            if kind == "ok":
                notes.append(ReaderNote("note.pdf_redecoded", page=number))
        result = Page(number, stats["height"])
        if kind == "empty":
            if page_has_graphics(page):
                notes.append(ReaderNote("note.pdf_no_text_page", page=number))
                counts["image"] += 1
            return result
        if kind in ("cid", "garbled"):
            if kind == "cid":
                notes.append(ReaderNote("note.pdf_cid_page", page=number, params={"ratio": ratio}))
            else:
                notes.append(ReaderNote("note.pdf_garbled_page", page=number))
            counts["garbled"] += 1
            return result
        counts["text"] += 1
        if stats.get("radicals"):
            notes.append(ReaderNote("note.pdf_radicals", page=number, params={"count": stats["radicals"]}))
        result.groups, result.directions, vertical = group_chars(chars)
        if vertical:
            notes.append(ReaderNote("note.pdf_vertical_page", page=number))
        return result
    finally:
        page.close()


def _fallback(
    redecoder: Redecoder, number: int, rotation: int, chars: Chars, stats: dict[str, Any]
) -> tuple[Chars, dict[str, Any], str, float]:
    """Re-decode a page whose fonts PDFium cannot map to Unicode with pdfminer.six."""
    try:
        with quiet_pdfminer():
            pchars, pstats = redecoder.chars(number, rotation)
    except Exception:  # pdfminer failing on a broken page is no reason to stop
        return chars, stats, "garbled", 1.0
    kind, ratio = classify_chars(pchars, {})
    if kind == "empty":
        kind = "garbled"
    return pchars, pstats, kind, ratio
