"""Paragraph styles: heading levels (``w:outlineLvl`` or a heading name along the ``w:basedOn``
chain), titles, captions and list styles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lxml import etree

from .ooxml import _int, _Tags

_HEADING_NAME = re.compile(r"^(?:heading|見出し)\s*([1-9])$")
_TITLE_NAMES = frozenset({"title", "表題", "タイトル"})
_CAPTION_NAMES = frozenset({"caption", "図表番号", "キャプション"})
_LIST_NAME = re.compile(r"^(?:list paragraph|list bullet|list number|リスト段落|箇条書き|段落番号)")
_BULLETS = frozenset("・●○◆◇■□•▪◦‣")


def _norm_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    numbered: bool | None  # numPr with numId != 0 -> True, numId 0 -> False, none -> None


@dataclass(frozen=True)
class _StyleInfo:
    level: int | None = None
    title: bool = False
    listed: bool = False
    caption: bool = False


class _Styles:
    def __init__(self, root: etree._Element | None, tg: _Tags) -> None:
        self.tg = tg
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        self._info: dict[str | None, _StyleInfo] = {}
        if root is None:
            return
        for st in root.iter(tg.style):
            if st.get(tg.type) not in (None, "paragraph"):
                continue
            sid = st.get(tg.styleId)
            if sid is None:
                continue
            name_el = st.find(tg.name)
            based = st.find(tg.basedOn)
            ppr = st.find(tg.pPr)
            outline = numbered = None
            if ppr is not None:
                outline = _outline(ppr, tg)
                numbered = _numbered(ppr, tg)
            self.styles[sid] = _Style(
                name=_norm_name(name_el.get(tg.val, "") if name_el is not None else sid),
                based_on=based.get(tg.val) if based is not None else None,
                outline=outline,
                numbered=numbered,
            )
            if (st.get(tg.default) or "").lower() in ("1", "true", "on"):
                self.default = self.default or sid

    def info(self, sid: str | None) -> _StyleInfo:
        if sid is None or sid not in self.styles:
            sid = self.default
        cached = self._info.get(sid)
        if cached is not None:
            return cached
        level: int | None = None
        title = caption = False
        level_done = False
        listed: bool | None = None
        name_listed = False
        seen: set[str] = set()
        cur = sid
        while cur is not None and cur in self.styles and cur not in seen and len(seen) < 32:
            seen.add(cur)
            st = self.styles[cur]
            if not level_done:
                if st.outline is not None:
                    level, level_done = (st.outline + 1 if st.outline < 9 else None), True
                else:
                    m = _HEADING_NAME.match(st.name)
                    if m:
                        level, level_done = int(m.group(1)), True
                    elif st.name in _TITLE_NAMES:
                        level, title, level_done = 1, True, True
            if listed is None and st.numbered is not None:
                listed = st.numbered
            name_listed = name_listed or bool(_LIST_NAME.match(st.name))
            caption = caption or st.name in _CAPTION_NAMES
            cur = st.based_on
        info = _StyleInfo(level=level, title=title, listed=bool(listed) or name_listed, caption=caption)
        self._info[sid] = info
        return info


def _outline(ppr: etree._Element, tg: _Tags) -> int | None:
    el = ppr.find(tg.outlineLvl)
    if el is None:
        return None
    value = _int(el.get(tg.val))
    return value if value is not None and 0 <= value <= 9 else None


def _numbered(ppr: etree._Element, tg: _Tags) -> bool | None:
    num = ppr.find(tg.numPr)
    if num is None:
        return None
    num_id = num.find(tg.numId)
    if num_id is None:
        return None  # only w:ilvl: the numbering comes from elsewhere (or nowhere)
    return _int(num_id.get(tg.val), 0) != 0
