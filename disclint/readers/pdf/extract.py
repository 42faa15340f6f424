"""Characters of a page from PDFium (the main path) or pdfminer.six (pages PDFium cannot decode)."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import math
import struct
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ...model.errors import InputError
from .chars import RADICAL_FIX, SYMBOL_PUA, Chars, fix_radicals

_EOF_WINDOW = 8192  # %%EOF must occur in the last bytes of the file
_MAP_ERROR_SAMPLE = 64  # characters per page checked for Unicode-map errors
_RECT = struct.Struct("4f")  # FS_RECTF: left, top, right, bottom

PDFIUM_LOCK = threading.Lock()


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - _EOF_WINDOW))
            tail = fh.read()
    except OSError as exc:
        raise InputError("input.not_readable", reason=exc.strerror or type(exc).__name__) from exc
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise InputError("input.pdf_encrypted") from exc
        reason = str(exc).replace("Failed to load document", "").strip(" ()") or "unreadable"
        if b"%%EOF" not in tail:
            reason = "truncated: no %%EOF at the end"
        raise InputError("input.pdf_corrupt", reason=reason) from exc
    except (OSError, ValueError) as exc:
        raise InputError("input.pdf_corrupt", reason=type(exc).__name__) from exc
    if b"%%EOF" not in tail:
        doc.close()
        raise InputError("input.pdf_corrupt", reason="truncated: no %%EOF at the end")
    return doc


def _display_transform(
    rotation: int, box: tuple[float, float, float, float]
) -> tuple[Callable[[float, float], tuple[float, float]], tuple[float, float]]:
    """Map PDF user space to the upright display frame (origin bottom-left of the crop box)."""
    bx0, by0, bx1, by1 = box
    w, h = bx1 - bx0, by1 - by0
    if rotation == 90:
        return (lambda x, y: (y - by0, w - (x - bx0))), (h, w)
    if rotation == 180:
        return (lambda x, y: (w - (x - bx0), h - (y - by0))), (w, h)
    if rotation == 270:
        return (lambda x, y: (h - (y - by0), x - bx0)), (h, w)
    return (lambda x, y: (x - bx0, y - by0)), (w, h)


def pdfium_chars(page: pdfium.PdfPage, number: int) -> tuple[Chars, dict[str, Any]]:
    """Characters of one page in the display frame.

    Returns (chars, stats); stats hold the Unicode-map-error sample, the number of radical
    look-alikes fixed and the page size.
    """
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        n = pdfium_c.FPDFText_CountChars(tp)
        rotation = page.get_rotation() % 360
        # the visible area: crop box within media box, inherited values resolved by PDFium
        crop = page.get_bbox()
        to_display, (width, height) = _display_transform(rotation, crop)
        bx0, by0 = crop[0], crop[1]
        upright_page = rotation == 0
        rot_q = rotation // 90
        rect = pdfium_c.FS_RECTF()
        prect = ctypes.byref(rect)
        read_rect = _RECT.unpack_from  # the four floats at once: faster than four ctypes fields
        get_unicode = pdfium_c.FPDFText_GetUnicode
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        is_generated = pdfium_c.FPDFText_IsGenerated
        get_angle = pdfium_c.FPDFText_GetCharAngle
        radical_fix = RADICAL_FIX
        half_pi = math.pi / 2
        chars = Chars()
        # one append per field, bound once (this loop runs for every character of the file)
        add_x0, add_x1, add_y0, add_y1 = chars.x0.append, chars.x1.append, chars.y0.append, chars.y1.append
        add_text, add_space, add_turns = chars.text.append, chars.space.append, chars.turns.append
        radicals = 0
        q = rot_q
        # previous character in content order: its right edge and vertical band
        px1 = py0 = py1 = -1e9
        tol = 2.0
        wmax, hmax = width + tol, height + tol
        codes = _page_codes(tp, n)
        for i in range(n):
            code = codes[i]
            if code <= 32:
                if code in (0, 10, 13) or (code == 32 and is_generated(tp, i)):
                    continue
            if not get_box(tp, i, prect):
                continue
            left, top, right, bottom = read_rect(rect)
            # The writing direction only changes between text runs: ask PDFium for the
            # angle unless this character simply continues the previous one to the right.
            if not (q == rot_q and px1 - 1.0 <= left <= px1 + 3 * (top - bottom) and bottom < py1 and top > py0):
                ang = get_angle(tp, i)
                if ang >= 0:
                    q = (int(round(ang / half_pi)) + rot_q) % 4
            px1, py0, py1 = right, bottom, top
            # a lone UTF-16 surrogate (broken ToUnicode map) cannot be printed or encoded: U+FFFD
            ch = chr(code) if code < 0xD800 or 0xDFFF < code < 0x110000 else "\ufffd"
            if 0x2E80 <= code <= 0x2FDF:
                if ch in radical_fix:
                    ch = radical_fix[ch]
                    radicals += 1
            elif 0xF000 <= code <= 0xF0FF:
                ch = SYMBOL_PUA.get(code, ch)
            if upright_page:
                x0, x1, y0, y1 = left - bx0, right - bx0, bottom - by0, top - by0
            else:
                xa, ya = to_display(left, bottom)
                xb, yb = to_display(right, top)
                x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
                y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if cx < -tol or cy < -tol or cx > wmax or cy > hmax:
                continue  # outside the crop box: invisible
            add_x0(x0)
            add_x1(x1)
            add_y0(y0)
            add_y1(y1)
            add_text(ch)
            add_space(code <= 32 or ch.isspace())
            add_turns(q)
        checked = errors = 0
        if n:
            step = max(1, n // _MAP_ERROR_SAMPLE)
            for i in range(0, n, step):
                if is_generated(tp, i) or get_unicode(tp, i) <= 32:
                    continue
                checked += 1
                if pdfium_c.FPDFText_HasUnicodeMapError(tp, i) == 1:
                    errors += 1
        return chars, {"checked": checked, "map_errors": errors, "radicals": radicals, "height": height, "width": width}
    finally:
        textpage.close()


def _page_codes(tp: Any, n: int) -> list[int]:
    """Code points of all characters of a text page (one call; per character if that disagrees)."""
    if n <= 0:
        return []
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = pdfium_c.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    if got - 1 == n:
        units = memoryview(buf.raw[: n * 2]).cast("H").tolist()
        if not any(0xD800 <= u <= 0xDFFF for u in units):
            return units
    get_unicode = pdfium_c.FPDFText_GetUnicode
    return [get_unicode(tp, i) for i in range(n)]


@contextlib.contextmanager
def quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs warnings about broken files; the user gets our note instead."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


class Redecoder:
    """pdfminer.six (through pdfplumber), opened once per file and only when a page needs it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdf: Any = None  # a pdfplumber.PDF once opened

    def chars(self, number: int, rotation: int) -> tuple[Chars, dict[str, Any]]:
        """Characters of one page in the display frame."""
        if self.pdf is None:
            import pdfplumber  # lazy: only for broken pages

            self.pdf = pdfplumber.open(str(self.path))
        page = self.pdf.pages[number - 1]
        try:
            w, h = float(page.width), float(page.height)
            to_display, (width, height) = _display_transform(rotation, (0.0, 0.0, w, h))
            chars = Chars()
            radicals = 0
            for c in page.chars:
                text = c.get("text") or ""
                if not text:
                    continue
                matrix = c.get("matrix") or (1, 0, 0, 1, 0, 0)
                ang = math.atan2(-float(matrix[1]), float(matrix[0]))  # clockwise
                q = (int(round(ang / (math.pi / 2))) + rotation // 90) % 4
                fixed, n_fix = fix_radicals(text)
                radicals += n_fix
                xa, ya = to_display(float(c["x0"]), h - float(c["bottom"]))
                xb, yb = to_display(float(c["x1"]), h - float(c["top"]))
                # the box of a (cid:N) glyph holds the whole placeholder string
                chars.add(min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb), fixed, fixed.isspace(), q)
            return chars, {"radicals": radicals, "height": height, "width": width}
        finally:
            page.close()

    def close(self) -> None:
        if self.pdf is not None:
            pdf, self.pdf = self.pdf, None
            try:
                with quiet_pdfminer():
                    pdf.close()
            except Exception:  # pdfplumber walks all pages on close; a broken one may raise
                stream = getattr(pdf, "stream", None)
                if stream is not None:
                    stream.close()


def page_has_graphics(page: pdfium.PdfPage) -> bool:
    try:
        return bool(pdfium_c.FPDFPage_CountObjects(page.raw) > 0)
    except Exception:  # pragma: no cover - defensive
        return True
