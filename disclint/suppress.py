"""Inline suppression comments in text formats (.md / .txt), as ESLint/textlint and Vale do it:

    <!-- disclint-disable truthfulness.absolute-claim -->   off from here (all rules without ids)
    <!-- disclint-enable -->                               on again (all, or the ids given)
    <!-- disclint-disable-next-line understandability -->  off for the next non-blank line

In plain text the same directives may stand alone on a line without the comment markers
(``disclint-disable truthfulness.absolute-claim``). Ids are rule ids or prefixes (a quality such
as ``truthfulness``), separated by spaces or commas. The text reader drops directive lines
(:func:`is_directive`), so they are never linted and never join the paragraph next to them.

A finding is matched by its real source line (:mod:`disclint.sourcetext`); a finding about the
whole document by a ``disable`` that is never re-enabled. An id that names no rule is itself a
finding (``suppression.unknown-rule``), like ruff's RUF100/RUF102.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HTML = re.compile(r"^\s*<!--\s*disclint-(disable-next-line|disable|enable)(?=\s|-->)(.*?)-->\s*$")
_PLAIN = re.compile(r"^\s*disclint-(disable-next-line|disable|enable)(?=\s|$)(.*)$")
UNKNOWN_RULE = "suppression.unknown-rule"


@dataclass(frozen=True)
class Directive:
    line: int  # 1-based
    kind: str  # disable / enable / disable-next-line
    ids: tuple[str, ...]  # () = every rule
    column: int  # 1-based column of the first id (or of the directive)
    text: str = ""  # the whole line

    def column_of(self, rid: str) -> int:
        at = self.text.find(rid, self.column - 1)
        return at + 1 if at >= 0 else self.column


def parse_directive(line: str) -> tuple[str, tuple[str, ...], int] | None:
    m = _HTML.match(line) or _PLAIN.match(line)
    if m is None:
        return None
    raw = m.group(2)
    ids = tuple(x for x in re.split(r"[\s,]+", raw.strip()) if x)
    col = m.start(2) + (len(raw) - len(raw.lstrip())) + 1
    return m.group(1), ids, col


def is_directive(line: str) -> bool:
    return "disclint-" in line and parse_directive(line) is not None


@dataclass
class Suppressions:
    directives: list[Directive]
    ranges: list[tuple[int, int | None, str]]  # (first line, last line or None = to the end, id or "*")

    @classmethod
    def parse(cls, lines: list[str]) -> Suppressions:
        directives: list[Directive] = []
        for n, line in enumerate(lines, 1):
            if "disclint-" not in line:
                continue
            parsed = parse_directive(line)
            if parsed is not None:
                directives.append(Directive(n, parsed[0], parsed[1], parsed[2], line))
        ranges: list[tuple[int, int | None, str]] = []
        open_: dict[str, int] = {}
        for d in directives:
            ids = d.ids or ("*",)
            if d.kind == "disable":
                for i in ids:
                    open_.setdefault(i, d.line)
            elif d.kind == "enable":
                for i in list(open_) if not d.ids else ids:
                    if i in open_:
                        ranges.append((open_.pop(i), d.line, i))
            else:  # disable-next-line: the next line with text that is not a directive
                nxt = next(
                    (
                        k
                        for k in range(d.line + 1, len(lines) + 1)
                        if lines[k - 1].strip() and not is_directive(lines[k - 1])
                    ),
                    None,
                )
                if nxt is not None:
                    ranges += [(nxt, nxt, i) for i in ids]
        ranges += [(start, None, i) for i, start in open_.items()]
        return cls(directives, ranges)

    @staticmethod
    def _covers(rid: str, rule: str) -> bool:
        return rid == "*" or rule == rid or rule.startswith(rid + ".")

    def suppressed(self, rule: str, line: int | None) -> bool:
        for start, end, rid in self.ranges:
            if not self._covers(rid, rule):
                continue
            if line is None:  # about the whole document: only a disable that is never lifted
                if end is None:
                    return True
            elif start <= line and (end is None or line <= end):
                return True
        return False

    def unknown_ids(self, known: set[str]) -> list[tuple[Directive, str]]:
        out = []
        for d in self.directives:
            for rid in d.ids:
                if rid == UNKNOWN_RULE or rid in known or any(k.startswith(rid + ".") for k in known):
                    continue
                out.append((d, rid))
        return out


def docx_suppressions(path: str, limits: object = None) -> Suppressions | None:
    """Word comments whose text starts with ``disclint-disable [ids]``: the findings in the
    paragraphs the comment covers are suppressed. Ranges are paragraph numbers (the reader's
    ``paragraph`` contract); :attr:`Directive.line` is the first paragraph of the comment."""
    from pathlib import Path

    from .readers import Limits
    from .readers._safe import open_zip, parse_xml, read_member
    from .readers.docx import W_NS, paragraph_index

    w = f"{{{W_NS}}}"
    try:
        zf = open_zip(Path(path), limits if isinstance(limits, Limits) else Limits())
    except Exception:
        return None
    try:
        names = set(zf.namelist())
        if "word/comments.xml" not in names:
            return None
        comments = parse_xml(read_member(zf, "word/comments.xml"))
        wanted: dict[str, tuple[str, ...]] = {}
        for c in comments.iter(w + "comment"):
            text = " ".join("".join(t.text or "" for t in p.iter(w + "t")) for p in c.iter(w + "p")).strip()
            m = _PLAIN.match(text)
            if m and m.group(1) == "disable":
                wanted[c.get(w + "id", "")] = tuple(x for x in re.split(r"[\s,]+", m.group(2).strip()) if x)
        if not wanted:
            return None
        body = parse_xml(read_member(zf, "word/document.xml")).find(w + "body")
    except Exception:  # the reader read this file; a comment part we cannot parse only loses suppression
        return None
    finally:
        zf.close()
    if body is None:
        return None
    index = paragraph_index(body)
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    last = 0
    pending: list[str] = []  # range starts between paragraphs: they begin at the next one
    for el in body.iter():
        if el.tag == w + "p" and el in index:
            last = index[el]
            for cid in pending:
                starts[cid] = last
            pending = []
        elif el.tag == w + "commentRangeStart" and el.get(w + "id") in wanted:
            p = next((a for a in el.iterancestors(w + "p") if a in index), None)
            if p is not None:
                starts[el.get(w + "id")] = index[p]
            else:
                pending.append(el.get(w + "id"))
        elif el.tag == w + "commentRangeEnd" and el.get(w + "id") in wanted:
            p = next((a for a in el.iterancestors(w + "p") if a in index), None)
            ends[el.get(w + "id")] = index[p] if p is not None else last
    directives, ranges = [], []
    for cid, ids in wanted.items():
        if cid not in starts:
            continue
        a = starts[cid]
        b = max(a, ends.get(cid, a))
        directives.append(Directive(a, "disable", ids, 1, ""))
        ranges += [(a, b, i) for i in (ids or ("*",))]
    return Suppressions(directives, ranges) if directives else None
