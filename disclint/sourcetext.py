"""The source text of a plain-text or Markdown document, for what needs the real file: the
line and column of each finding (the reader joins hard-wrapped lines, so a block offset is not a
column) and the inline suppression comments (:mod:`disclint.suppress`).

Binary formats (docx, pdf, html, xbrl) have no line/column that a viewer could open; their
findings are placed by :func:`char_offsets` into the extracted text instead (the block texts
joined by newlines, as ``disclint extract`` shows them).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from .model.document import Document
from .model.findings import Finding

TEXT_FORMATS = ("text", "markdown")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class SourceText:
    text: str
    lines: list[str]
    starts: list[int]  # offset of each line's first character

    @classmethod
    def of(cls, doc: Document) -> SourceText | None:
        if doc.format not in TEXT_FORMATS:
            return None
        from .readers.encoding import decode_bytes

        path = getattr(doc, "source_path", None) or doc.path
        try:
            text, _ = decode_bytes(Path(path).read_bytes())
        except Exception:  # the reader read it a moment ago; a vanished file only loses positions
            return None
        # the line numbers the reader gives: \r\n, \r and \n each end a line
        if text.startswith("\ufeff"):
            text = text[1:]
        lines = _LINE_BREAK.split(text)
        flat = "\n".join(lines)  # one character per line break, so offsets and columns agree
        return cls(flat, lines, _starts(lines))

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def place(self, findings: list[Finding], doc: Document) -> None:
        """Set each finding's real line, column, end line and end column (1-based; end column
        after the last character, as SARIF counts) where its excerpt is found in the source."""
        import dataclasses

        following = _next_lines([b.location.line for b in doc.blocks])
        for f in findings:
            if f.block_index is None or f.start is None or not f.excerpt:
                continue
            block = doc.blocks[f.block_index]
            first = block.location.line
            if not first or first > len(self.lines):
                continue
            end_line = following[f.block_index] or len(self.lines) + 1
            region_start = self.starts[first - 1]
            region_end = self.starts[end_line - 1] if end_line <= len(self.lines) else len(self.text)
            region = self.text[region_start:region_end]
            nth = block.text.count(f.excerpt, 0, f.start)  # the same occurrence as in the block
            idx = -1
            for _ in range(nth + 1):
                idx = region.find(f.excerpt, idx + 1)
                if idx < 0:
                    break
            if idx < 0:  # split by a line break in the source: the block's line is still right
                continue
            line, col = self.line_col(region_start + idx)
            eline, ecol = self.line_col(region_start + idx + len(f.excerpt))
            f.location = dataclasses.replace(f.location, line=line)
            f.column, f.end_line, f.end_column = col, eline, ecol


def _next_lines(lines: list[int | None]) -> list[int | None]:
    """For each block, the smallest line of a later block that is greater than its own line
    (``None``: no such block) — where the source region of a block's text ends.

    Asked of every later block for every finding this was quadratic: 40,000 one-line findings
    (one per paragraph) took 60-80 s. Here: the lines from the largest down, each group of equal
    lines first asks, then enters a Fenwick tree over reversed positions that keeps the minimum
    of every suffix (O(n log n))."""
    values = [line or 0 for line in lines]
    n, absent = len(values), 1 << 62
    tree = [absent] * (n + 1)
    out: list[int | None] = [None] * n
    order = sorted((i for i in range(n) if values[i]), key=lambda i: -values[i])
    k = 0
    while k < len(order):
        end = k
        while end < len(order) and values[order[end]] == values[order[k]]:
            end += 1
        for i in order[k:end]:  # the minimum over the blocks after i: reversed positions 1 .. n-1-i
            pos, best = n - 1 - i, absent
            while pos > 0:
                best = min(best, tree[pos])
                pos -= pos & -pos
            out[i] = best if best != absent else None
        for i in order[k:end]:  # then the group enters (equal lines do not end each other's region)
            pos = n - i
            while pos <= n:
                tree[pos] = min(tree[pos], values[i])
                pos += pos & -pos
        k = end
    return out


def _starts(lines: list[str]) -> list[int]:
    out, pos = [], 0
    for line in lines:
        out.append(pos)
        pos += len(line) + 1
    return out


def char_offsets(texts: tuple[str, ...] | list[str]) -> list[int]:
    """Where each block starts in the extracted text (block texts joined by one newline)."""
    return _starts(list(texts))
