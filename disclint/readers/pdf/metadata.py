"""Document metadata: title, date, fiscal year end and company from the PDF's info dictionary and the
cover page of a 有報."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ...model.document import Block, BlockKind
from ...text.eras import date_pattern, match_year

_JDATE_RE = re.compile(date_pattern(western=r"\d{1,4}"))
_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def _iso_from_jdate(m: re.Match[str]) -> str | None:
    y, month, day = match_year(m), int(m.group("m")), int(m.group("d"))
    if y is None or (m.group("y") and y < 1900):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{y:04d}-{month:02d}-{day:02d}"


def _find_date(text: str) -> str | None:
    t = unicodedata.normalize("NFKC", text)
    m = _JDATE_RE.search(t)
    if m:
        return _iso_from_jdate(m)
    m = _DATE_RE.search(t)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _pdf_date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", value.strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    if not (1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _cover_metadata(blocks: list[Block], max_page: int = 5) -> dict[str, str]:
    meta: dict[str, str] = {}
    for b in blocks:
        if b.location.page is None or b.location.page > max_page:
            break
        t = unicodedata.normalize("NFKC", b.text)
        if "date" not in meta and "提出日" in t:
            d = _find_date(t.split("提出日", 1)[1])
            if d:
                meta["date"] = d
        if "fiscal_year_end" not in meta and "事業年度" in t and "至" in t:
            d = _find_date(t.split("至", 1)[1])
            if d:
                meta["fiscal_year_end"] = d
        if "company" not in meta and "【会社名】" in b.text:
            rest = b.text.split("【会社名】", 1)[1].strip(" |\u3000")
            if rest:
                meta["company"] = rest.split(" | ")[0].strip()
    return meta


def _clean(value: Any) -> str:
    return str(value or "").strip(" \u3000\t\r\n")


def document_metadata(blocks: list[Block], meta_raw: dict[str, Any], n_pages: int) -> dict[str, Any]:
    """``pages``, ``title``, ``date``, ``fiscal_year_end`` and ``company`` of a document."""
    metadata: dict[str, Any] = {"pages": n_pages}
    title = _clean(meta_raw.get("Title"))
    if title.lower() in ("untitled", "無題", "none") or re.fullmatch(
        r"(?i)microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|pptx?|xlsx?)", title
    ):
        title = ""  # generator defaults and file names say nothing about the document
    if not title:
        title = next((b.text for b in blocks if b.kind is BlockKind.HEADING), "")
    if title:
        metadata["title"] = title
    cover = _cover_metadata(blocks)
    date = cover.pop("date", None) or _pdf_date(meta_raw.get("CreationDate"))
    if date:
        metadata["date"] = date
    metadata.update(cover)
    author = _clean(meta_raw.get("Author"))
    if author and "company" not in metadata and re.search(r"株式会社|会社|Inc|Corp|Co\.|Ltd", author):
        metadata["company"] = author
    return metadata
