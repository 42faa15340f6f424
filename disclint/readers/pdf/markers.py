"""Markers that start a list item, a note or a numbered item in a 有報, and dot leaders."""

from __future__ import annotations

import re

KANSUJI = "一二三四五六七八九十"
NUM = "0-9０-９"

# A line starting like this begins a new paragraph (list item, note, numbered item).
MARKER_RE = re.compile(
    "^(?:"
    r"[・●○◆◇■□▪▫◎★☆※＊•‣◦▶▷►→]\s*"
    rf"|[(（][{NUM}]{{1,3}}[)）]\s*"
    rf"|[(（](?:[ア-ンａ-ｚa-zⅰ-ⅿⅠ-Ⅿ]|[{KANSUJI}]{{1,2}})[)）]\s*"
    r"|[①-⑳㉑-㉟❶-❿]\s*"
    rf"|[{NUM}]{{1,2}}[．.、](?![{NUM}])\s*"
    r"|[ア-ン][．.、]\s*"
    r"|[a-zａ-ｚ][.．)）]\s*"
    rf"|第[{NUM}{KANSUJI}]+[部章節]?(?=[【\s　])\s*"
    rf"|[{NUM}]{{1,2}}(?=[【\s　])\s*"
    r"|【"
    rf"|[(（]注[{NUM}]*[)）]\s*(?:[{NUM}]{{1,2}}[．.]\s*)?"
    rf"|注[{NUM}]*[．.：:]\s*"
    ")"
)
LIST_BULLET_RE = re.compile(r"^[・●○◆◇■□▪▫◎★☆＊•‣◦▶▷►→]")
NOTE_RE = re.compile(rf"^(?:[(（]注[{NUM}]*[)）]|注[{NUM}]*[．.：:]|※)")
LEADER_RE = re.compile(r"(?:…{2,}|‥{2,}|・{4,}|\.{5,}|･{4,}|·{4,}|-{6,})")


# A fragment holding only a list marker is glued to the text that follows it.
LONE_MARKER_RE = re.compile(
    rf"^(?:[•・●○◆◇■□▪▫◎★☆※＊‣◦▶▷►→➢➔✓❖\-–]|[(（]?[{NUM}]{{1,2}}[)）.．]|[①-⑳㉑-㉟❶-❿]"
    r"|[(（][ア-ンａ-ｚa-z][)）]|[ア-ン][.．])$"
)
