"""Headings: the 有報 numbering kinds, and the heading path (``Location.section``) of every block."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model.document import Block, BlockKind, Location
from .markers import KANSUJI, NUM

HEADING_MAX_CHARS = 50

# Heading numbering kinds: (kind, fixed rank or None, pattern). The first three are the
# fixed skeleton of a 有報 (第一部 > 第２ > ４【…】); the others nest dynamically, because
# their order differs between parts of the same filing (the notes to the financial
# statements put １． under 【注記事項】 under ①, and (1) under １．).
_HEADING_RULES: tuple[tuple[str, int | None, re.Pattern[str]], ...] = (
    ("part", 1, re.compile(rf"^第[{NUM}{KANSUJI}]+部\s*(?:【[^】]+】|[\s　]+\S.*)$")),
    ("chapter", 2, re.compile(rf"^第[{NUM}{KANSUJI}]+章?\s*(?:【[^】]+】|[\s　]+\S.*)$")),
    ("section", 3, re.compile(rf"^[{NUM}]{{1,2}}\s*【[^】]+】$")),
    ("bracket", None, re.compile(r"^【[^】]+】$")),
    ("dot", None, re.compile(rf"^[{NUM}]{{1,2}}[．.](?![{NUM}])\s*\S")),
    ("paren_bracket", None, re.compile(rf"^[(（][{NUM}]{{1,2}}[)）]\s*【[^】]+】$")),
    ("paren", None, re.compile(rf"^[(（][{NUM}]{{1,2}}[)）]\s*\S")),
    ("circled_bracket", None, re.compile(r"^[①-⑳㉑-㉟]\s*【[^】]+】$")),
    ("circled", None, re.compile(r"^[①-⑳㉑-㉟]\s*\S")),
    ("kana", None, re.compile(r"^(?:[(（][ア-ン][)）]|[ア-ン][．.])\s*\S")),
    ("roman", None, re.compile(r"^[(（][ⅰ-ⅿⅠ-Ⅿ][)）]\s*\S")),
    ("latin", None, re.compile(r"^(?:[(（][a-zａ-ｚ][)）]|[a-zａ-ｚ][.．])\s*\S")),
)
BIG_FONT = ("big", 1)  # an unnumbered heading in large type ranks with 第N部
_NOT_LIST_KINDS = frozenset({"part", "chapter", "section", "bracket", "big"})


@dataclass
class Proto:
    """A block before sections are assigned."""

    kind: BlockKind
    text: str
    page: int
    heading: tuple[str, int | None] | None = None  # (kind, fixed rank) of a heading candidate
    table: int | None = None
    row: int | None = None


def heading_kind(text: str) -> tuple[str, int | None] | None:
    for kind, rank, rx in _HEADING_RULES:
        if rx.match(text):
            return kind, rank
    return None


def assign_sections(protos: list[Proto], path: str) -> list[Block]:
    """Demote list-like heading runs, then give every block its heading path."""
    i = 0
    n = len(protos)
    while i < n:
        h = protos[i].heading
        if protos[i].kind is BlockKind.HEADING and h is not None and h[0] not in _NOT_LIST_KINDS:
            j = i + 1
            while j < n and protos[j].kind is BlockKind.HEADING and protos[j].heading == h:
                j += 1
            if j - i >= 2:
                for k in range(i, j):
                    protos[k].kind = BlockKind.LIST_ITEM
                    protos[k].heading = None
            i = j
        else:
            i += 1
    stack: list[tuple[str, int | None, str]] = []  # (kind, fixed rank, text)
    blocks: list[Block] = []
    for p in protos:
        level = None
        if p.kind is BlockKind.HEADING and p.heading is not None:
            kind, rank = p.heading
            if rank is not None:
                while stack and (stack[-1][1] is None or stack[-1][1] >= rank):
                    stack.pop()
            else:
                same = kind if kind != "bracket" else "bracket"
                idx = next(
                    (k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == same and stack[k][1] is None), None
                )
                if idx is not None:
                    del stack[idx:]
                elif kind == "bracket" and stack and stack[-1][1] is None:
                    stack.pop()  # 【…】 after ①【…】 items is their sibling
            stack.append((kind, rank, p.text))
            level = len(stack)
        section = tuple(t for _, _, t in stack)
        loc = Location(file=path, page=p.page, section=section, table=p.table, row=p.row)
        blocks.append(Block(p.kind, p.text, loc, level))
    return blocks
