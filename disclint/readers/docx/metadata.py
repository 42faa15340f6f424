"""Document metadata: the date written in the text (提出日 …, 令和6年6月, 2024/6/27) and the core
properties (``docProps/core.xml``: title, created, modified, as JST calendar days)."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Any

from ...model.document import Block
from ...model.errors import InputError
from ...text.eras import date_pattern, match_year
from .package import _Package

_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"

_JST = _dt.timezone(_dt.timedelta(hours=9), "JST")

_DATE_RE = re.compile(
    date_pattern(day=None, western=r"(?<!\d)(?:19|20)\d{2}")
    + r"|(?<!\d)(?P<y2>(?:19|20)\d{2})[/.\-](?P<m2>\d{1,2})[/.\-](?P<d2>\d{1,2})(?!\d)"
)
_DATE_LABEL = re.compile(r"(?:提出日|発行日|作成日|公表日|開示日|報告日|発行年月日|作成年月日|更新日|改訂日)")
_DATE_SCAN_BLOCKS = 40
_DATE_SCAN_CHARS = 4000


def _date_from_match(m: re.Match[str]) -> str | None:
    if m.group("y2"):
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    else:
        y = match_year(m) or 0
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
