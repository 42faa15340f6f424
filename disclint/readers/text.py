"""Plain text and Markdown reader.

Decoding is :func:`.encoding.decode_bytes`; the Japanese layout helpers (line joining, numbering
styles, heading paths) are in :mod:`.layout`, shared with the HTML and XBRL readers.

Blocks: paragraphs are separated by blank lines; hard-wrapped lines are joined without a space
between Japanese characters (:func:`.layout.join_wrapped`). List items (``・``, ``-``, ``1.``, ``（１）``,
``①`` …) become LIST_ITEM blocks. Markdown ``#`` headings become HEADING blocks with their
level; in plain text, short numbered lines without ``。`` (``(6) 情報セキュリティについて``,
``第2 事業の状況``, ``【事業等のリスク】``, ``３．管理体制``) are headings, with levels assigned by
numbering style in order of first appearance (:class:`.layout.HeadingPath`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import registry
from ..model.document import Block, BlockKind, Document
from ..model.errors import InputError, LimitExceeded
from . import Limits
from .encoding import ENCODING_LABELS, decode_bytes, encoding_note, looks_like_text
from .layout import Raw, bullet_match, display_width, finalize, is_wide, numbered_raw, numbering_style

# ---------------------------------------------------------------------------
# plain text / markdown parsing
# ---------------------------------------------------------------------------

_SENTENCE_END = "。．！？!?"
# characters a Japanese line never starts with (kinsoku) or a paragraph never starts with (を):
# a line starting with one continues the previous line
_CONTINUATION_START = "、。，．）」』】〕〉》ーっゃゅょぁぃぅぇぉッャュョァィゥェォをヶ々"

_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
_MD_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|(?=[^#\s]))(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_MD_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_ORDERED = re.compile(r"[0-9]+[.)](?=[ \t])")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _md_inline(text: str) -> str:
    """Strip inline Markdown markup that a reader does not see."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"`([^`]+)`", r"\1", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    text = re.sub(r"~~(?=\S)(.+?)(?<=\S)~~", r"\1", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~])", r"\1", text)
    return text


def _split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", s)]


@dataclass
class _Para:
    """The open block. Its lines are folded into ``parts`` exactly as repeated
    :func:`join_wrapped` calls would join them, but without rebuilding the whole text for every
    line (that was quadratic: 50 k hard-wrapped lines 1.3 s, 200 k 14 s, 1 M > 200 s);
    ``raw.text`` is filled in by :meth:`flush`."""

    raw: Raw
    last_line: str
    parts: list[str] = field(default_factory=list)
    count: int = 1
    chunks: list[str] = field(default_factory=list)  # earlier parts, joined 4096 at a time

    def __post_init__(self) -> None:
        self.parts = [self.raw.text]

    def add(self, second: str) -> None:
        parts = self.parts
        while True:  # a = text.rstrip(" \t"), touching only the tail
            if not parts:
                if not self.chunks:
                    break
                parts.append(self.chunks.pop())
            last = parts[-1]
            stripped = last.rstrip(" \t")
            if stripped:
                if stripped != last:
                    parts[-1] = stripped
                break
            parts.pop()  # empty once stripped: the text ends earlier
        b = second.lstrip(" \t\u3000")
        self.count += 1
        if not parts:
            parts.append(b)
        elif b:
            if not (is_wide(parts[-1][-1]) or is_wide(b[0])):
                parts.append(" ")
            parts.append(b)
        if len(parts) > 4096:  # few large strings instead of millions of small ones
            self.chunks.append("".join(parts))
            parts.clear()

    def flush(self) -> Raw:
        self.raw.text = "".join(self.chunks) + "".join(self.parts)
        self.chunks, self.parts = [], [self.raw.text]
        return self.raw


class _TextParser:
    def __init__(self, lines: list[str], markdown: bool) -> None:
        self.lines = lines
        self.markdown = markdown
        self.raws: list[Raw] = []
        self.open: _Para | None = None
        self.tables = 0
        self.front_matter: list[str] = []
        nonblank_idx = [i for i, ln in enumerate(lines) if ln.strip(" \t\f\v\u3000")]
        widths = sorted(display_width(lines[i].strip()) for i in nonblank_idx)
        self.wrap_width = widths[max(0, math.ceil(len(widths) * 0.9) - 1)] if widths else 0
        # Paragraphs are separated by blank lines when there is a blank line between text lines.
        self.blank_mode = markdown or (
            len(nonblank_idx) >= 2 and nonblank_idx[-1] - nonblank_idx[0] + 1 > len(nonblank_idx)
        )

    # -- helpers --
    def close(self) -> None:
        if self.open is not None:
            raw = self.open.flush()
            raw.text = raw.text.strip(" \t\u3000")
            if self.markdown:
                raw.text = _md_inline(raw.text).strip()
            if raw.text:
                self.raws.append(raw)
        self.open = None

    def looks_wrapped(self, line: str) -> bool:
        s = line.rstrip()
        if not s:
            return False
        if s[-1] in "、，,":
            return True
        if s[-1] in _SENTENCE_END:
            return False
        return self.wrap_width > 0 and display_width(s.strip()) >= 0.8 * self.wrap_width

    def continues(self, line: str) -> bool:
        """May ``line`` (not a marker line) continue the open block?"""
        op = self.open
        if op is None or op.raw.kind == BlockKind.HEADING:
            return False
        if line.startswith("\u3000"):
            return False  # a full-width indent starts a new Japanese paragraph
        if line.strip()[:1] in _CONTINUATION_START:
            return True
        if self.markdown:
            return True  # paragraph continuation / lazy list-item continuation
        if self.looks_wrapped(op.last_line):
            return True
        if not self.blank_mode or op.raw.kind == BlockKind.LIST_ITEM:
            return line[:1] in (" ", "\t") and op.raw.kind == BlockKind.LIST_ITEM
        # blank-line mode: lines of a paragraph belong together, except a short title line
        first = op.count == 1 and op.raw.text == op.last_line.strip()  # raw.text is current while count == 1
        title = first and len(op.last_line.strip()) <= 20 and not re.search(r"[、。，．,.:：]", op.last_line)
        return not title

    def start(self, raw: Raw, line: str) -> None:
        self.close()
        self.open = _Para(raw, line)

    def add(self, line: str) -> None:
        assert self.open is not None
        self.open.add(line)  # = join_wrapped(text, line), linear in the number of lines
        self.open.last_line = line

    # -- main loop --
    def parse(self) -> list[Raw]:
        lines = self.lines
        i = 0
        n = len(lines)
        if self.markdown and n and lines[0].strip() == "---":  # YAML front matter
            for j in range(1, min(n, 200)):
                if lines[j].strip() in ("---", "..."):
                    self.front_matter = lines[1:j]
                    i = j + 1
                    break
        while i < n:
            line = lines[i].rstrip()
            lineno = i + 1
            stripped = line.strip(" \t\f\v")
            if not stripped.strip("\u3000"):
                self.close()
                i += 1
                continue
            if self.markdown:
                consumed = self.markdown_line(i, line, stripped)
                if consumed:
                    i += consumed
                    continue
            else:
                consumed = self.pipe_table(i, stripped)
                if consumed:
                    i += consumed
                    continue
                if stripped.startswith(">"):
                    line = re.sub(r"^\s*(>\s?)+", "", line)
                    stripped = line.strip()
                    if not stripped:
                        self.close()
                        i += 1
                        continue
            self.text_line(line, stripped, lineno)
            i += 1
        self.close()
        return self.raws

    def markdown_line(self, i: int, line: str, stripped: str) -> int:
        lines = self.lines
        lineno = i + 1
        m = _MD_FENCE.match(line)
        if m:
            fence = m.group(1)
            body: list[str] = []
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith(fence):
                body.append(lines[j].rstrip())
                j += 1
            self.close()
            text = "\n".join(body).strip("\n")
            if text.strip():
                self.raws.append(Raw(BlockKind.PARAGRAPH, text, {"line": lineno}))
            return j - i + 1
        m = _MD_ATX.match(line)
        if m:
            self.close()
            text = _md_inline(m.group(2).strip())
            if text:
                self.raws.append(Raw(BlockKind.HEADING, text, {"line": lineno}, level=len(m.group(1))))
            return 1
        if _MD_HR.match(line) and not (
            self.open
            and self.open.raw.kind == BlockKind.PARAGRAPH
            and line.strip().startswith("-")
            and set(line.strip()) <= {"-"}
        ):
            self.close()
            return 1
        m = _MD_SETEXT.match(line)
        if m and self.open is not None and self.open.raw.kind == BlockKind.PARAGRAPH:
            raw = self.open.flush()
            self.open = None
            raw.kind = BlockKind.HEADING
            raw.level = 1 if m.group(1)[0] == "=" else 2
            raw.text = _md_inline(raw.text.strip())
            self.raws.append(raw)
            return 1
        return self.pipe_table(i, stripped)

    def pipe_table(self, i: int, stripped: str) -> int:
        """A pipe table (a row with ``|``, then a ``---|---`` separator row): its cells as table cells.
        Markdown's syntax, also in plain text: pages saved as text keep their tables this way, and
        a definition table read as list items would be linted as prose."""
        lines = self.lines
        if "|" in stripped and i + 1 < len(lines) and _MD_TABLE_SEP.match(lines[i + 1]) and "-" in lines[i + 1]:
            self.close()
            self.tables += 1
            j = i
            row = 0
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                if j != i + 1:
                    row += 1
                    for col, cell in enumerate(_split_row(lines[j]), start=1):
                        text = (_md_inline(cell) if self.markdown else cell).strip()
                        if text:
                            self.raws.append(
                                Raw(
                                    BlockKind.TABLE_CELL,
                                    text,
                                    {"line": j + 1, "table": self.tables, "row": row, "column": col},
                                )
                            )
                j += 1
            return j - i
        return 0

    def text_line(self, line: str, stripped: str, lineno: int) -> None:
        loc = {"line": lineno}
        if self.markdown:
            bullet = bullet_match(stripped)
            style, _ = numbering_style(stripped)
            if _MD_ORDERED.match(stripped) or (style is not None and style not in ("dai", "sumi", "angle", "mark")):
                self.start(Raw(BlockKind.LIST_ITEM, stripped, loc, style=style), line)
            elif bullet is not None:
                # "- item": the bullet is markup; "・item": the bullet is part of the text
                text = stripped[bullet.end() :].strip() if stripped[:1] in "-*+" else stripped
                self.start(Raw(BlockKind.LIST_ITEM, text, loc), line)
            elif self.open is not None and self.continues(line):
                self.add(stripped)
            else:
                self.start(Raw(BlockKind.PARAGRAPH, stripped, loc), line)
            return
        # plain text
        style, _ = numbering_style(stripped)
        bullet = bullet_match(stripped)
        if style is None and bullet is None and self.open is not None and self.continues(line):
            self.add(stripped)
            return
        self.start(numbered_raw(stripped, loc), line)
        if self.open is not None and self.open.raw.candidate:
            self.close()  # a heading candidate is a single line


def parse_text(text: str, file: str, markdown: bool) -> tuple[list[Block], dict[str, Any]]:
    from ..suppress import is_directive

    # inline suppression comments are not text: blank lines keep every other line's number
    lines = ["" if "disclint-" in ln and is_directive(ln) else ln for ln in _LINE_SPLIT.split(text)]
    parser = _TextParser(lines, markdown)
    raws = parser.parse()
    blocks = finalize(raws, file)
    meta: dict[str, Any] = {}
    fm = parser.front_matter
    if fm:
        for ln in fm:
            m = re.match(r"^(title|date|company)\s*:\s*(.+)$", ln.strip())
            if m:
                meta[m.group(1)] = m.group(2).strip().strip("\"'")
    if markdown and "title" not in meta:
        first = next((b for b in blocks if b.kind == BlockKind.HEADING), None)
        if first is not None:
            meta["title"] = first.text
    return blocks, meta


# ---------------------------------------------------------------------------
# reader registration
# ---------------------------------------------------------------------------

_TEXT_EXTS = (".txt", ".text")
_MD_EXTS = (".md", ".markdown")


def _sniff_text(head: bytes, path: Path) -> bool:
    """Lowest-priority sniff: a text-looking file whose extension no other reader claims."""
    ext = path.suffix.lower()
    if ext not in _TEXT_EXTS:
        for spec in registry.readers.all().values():
            if spec.name != "text" and ext in spec.extensions:
                return False
    return looks_like_text(head)


def _never(head: bytes, path: Path) -> bool:
    return False


def _read(path: Path, limits: Limits, markdown: bool) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError("input.not_readable", reason=exc.strerror or type(exc).__name__) from exc
    text, codec = decode_bytes(data)
    if len(text) > limits.max_chars:
        raise LimitExceeded("limit.chars", limit=limits.max_chars)
    blocks, meta = parse_text(text, str(path), markdown)
    if not blocks:
        raise InputError("input.no_text")
    notes = [n for n in [encoding_note(codec)] if n is not None]
    meta["encoding"] = ENCODING_LABELS.get(codec, codec)
    return Document(str(path), "markdown" if markdown else "text", blocks, meta, notes)


@registry.readers.register("text", extensions=_TEXT_EXTS, sniff=_sniff_text, priority=90)
def read_text(path: Path, limits: Limits) -> Document:
    """Plain text (also any text-looking file with an unknown extension)."""
    return _read(path, limits, markdown=path.suffix.lower() in _MD_EXTS)


@registry.readers.register("markdown", extensions=_MD_EXTS, sniff=_never, priority=91)
def read_markdown(path: Path, limits: Limits) -> Document:
    return _read(path, limits, markdown=True)
