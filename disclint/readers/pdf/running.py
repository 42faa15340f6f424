"""Running headers, footers and page numbers, found across pages and dropped."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter, defaultdict

from .layout import Page
from .rows import Row

_MARGIN_ZONE = 0.12  # outer part of the page height where running headers/footers live
_EDGE_ROWS = 3  # how many top-most/bottom-most lines per page may be headers/footers

_PAGE_NUMBER_RES = (
    re.compile(r"^[-‐‑–—―−－~〜]?\s*\d{1,4}\s*[-‐‑–—―−－~〜]?$"),
    re.compile(r"^[(（\[［<〈]\s*\d{1,4}\s*[)）\]］>〉]$"),
    re.compile(r"^\d{1,4}\s*/\s*\d{1,4}$"),
    re.compile(r"^(?:page|p\.?)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I),
    re.compile(r"^[-–—−－]?\s*[ivxlcdm]{1,7}\s*[-–—−－]?$", re.I),
)


def _norm_key(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"\d+", "#", t)
    return re.sub(r"\s+", "", t)


def _is_page_number(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text).strip()
    return any(r.match(t) for r in _PAGE_NUMBER_RES)


def _edge_rows(rows: list[Row], height: float) -> list[tuple[int, str]]:
    """Indices of rows that may be running headers/footers, with their zone ('top'/'bottom')."""
    if not rows:
        return []
    order = sorted(range(len(rows)), key=lambda i: rows[i].y1, reverse=True)
    out = []
    for i in order[:_EDGE_ROWS]:
        if rows[i].y0 >= height * (1 - _MARGIN_ZONE):
            out.append((i, "top"))
    for i in order[::-1][:_EDGE_ROWS]:
        if rows[i].y1 <= height * _MARGIN_ZONE and all(i != j for j, _ in out):
            out.append((i, "bottom"))
    return out


def _same_place(items: list[tuple[int, float]], tol: float = 4.0) -> set[int]:
    """Of (page index, y) pairs, the pages whose y is within ``tol`` of the most common y."""
    if not items:
        return set()
    buckets = Counter(round(y / tol) for _, y in items)
    best = max(buckets, key=lambda b: (buckets[b] + buckets.get(b - 1, 0) + buckets.get(b + 1, 0), buckets[b]))
    center = statistics.median(y for _, y in items if abs(round(y / tol) - best) <= 1)
    return {p for p, y in items if abs(y - center) <= tol}


def remove_running(pages: list[Page]) -> None:
    """Drop running headers/footers and page numbers from the upright group of every page.

    A running header/footer is an edge line (see :func:`_edge_rows`) whose text, digits
    aside, recurs at the same height on at least three pages (two in a two-page file); a
    body line that happens to recur (``該当事項はありません。``) sits at other heights. A bare
    page number is dropped when page numbers sit at the same height on most pages, or when
    the file is too short to tell.
    """
    n = len(pages)
    places: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    numbers: dict[str, list[tuple[int, float]]] = defaultdict(list)
    per_page: list[list[tuple[int, str, str, float]]] = []
    for pi, page in enumerate(pages):
        rows = page.groups[0] if page.groups else []
        cands = []
        for i, zone in _edge_rows(rows, page.height):
            key = _norm_key(rows[i].text)
            yc = (rows[i].y0 + rows[i].y1) / 2
            cands.append((i, zone, key, yc))
            if key:
                places[(zone, key)].append((pi, yc))
            if _is_page_number(rows[i].text):
                numbers[zone].append((pi, yc))
        per_page.append(cands)
    threshold = 2 if n == 2 else 3
    running: dict[tuple[str, str], set[int]] = {}
    for zk, items in places.items():
        where = _same_place(items)
        if n >= 2 and len(where) >= threshold:
            running[zk] = where
    numbered: dict[str, set[int]] = {}
    for zone, items in numbers.items():
        where = _same_place(items, tol=6.0)
        numbered[zone] = where if (n < 3 or len(where) >= max(2, 0.3 * n)) else set()
    for pi, (page, cands) in enumerate(zip(pages, per_page, strict=False)):
        if not cands:
            continue
        rows = page.groups[0]
        drop = set()
        for i, zone, key, _yc in cands:
            if pi in running.get((zone, key), ()):
                drop.add(i)
            elif _is_page_number(rows[i].text):
                if pi in numbered.get(zone, ()):
                    drop.add(i)
            elif len(rows[i].frags) > 1:
                # a footer "company name ... 18" split into cells: drop a page-number cell
                kept = [f for f in rows[i].frags if not _is_page_number(f.text)]
                if (
                    len(kept) != len(rows[i].frags)
                    and len(kept) >= 1
                    and (zone, _norm_key(" ".join(f.text for f in kept))) in running
                ):
                    rows[i].frags = kept
        if drop:
            page.groups[0] = [r for k, r in enumerate(rows) if k not in drop]
