"""WordprocessingML names: the namespaces, Clark-notation tags for the transitional and strict
flavours, and the small attribute helpers every part of the docx reader uses."""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_NS_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
M_NS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/math"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


class _Tags:
    """Clark-notation tag names for one WordprocessingML namespace (transitional or strict)."""

    _cache: dict[str, _Tags] = {}

    def __init__(self, wns: str) -> None:
        w = f"{{{wns}}}"
        m = "{%s}" % (M_NS_STRICT if wns == W_NS_STRICT else M_NS)
        mc = f"{{{MC_NS}}}"
        self.ns = wns
        for name in (
            "body p pPr pStyle outlineLvl numPr numId r rPr t tab ptab br cr noBreakHyphen softHyphen sym "
            "ins moveFrom moveTo delText instrText delInstrText tbl tr trPr tc tcPr gridSpan vMerge hMerge "
            "gridBefore sdt sdtPr sdtEndPr sdtContent showingPlcHdr customXml smartTag hyperlink fldSimple "
            "txbxContent ruby rubyBase rt vanish footnoteReference endnoteReference footnote endnote altChunk "
            "style name basedOn type styleId default val id char pPrChange rPrChange tblPr tblGrid"
        ).split():
            setattr(self, name, w + name)
        self.delete = w + "del"  # "del" is a Python keyword
        self.m_t = m + "t"
        self.alternate = mc + "AlternateContent"
        self.choice = mc + "Choice"
        self.fallback = mc + "Fallback"
        self.inline_skip = frozenset(
            (
                self.pPr,
                self.rPr,
                self.delText,
                self.instrText,
                self.delInstrText,
                self.sdtPr,
                self.sdtEndPr,
                self.rt,
                self.pPrChange,
                self.rPrChange,
            )
        )

    @classmethod
    def get(cls, wns: str) -> _Tags:
        tags = cls._cache.get(wns)
        if tags is None:
            tags = cls._cache[wns] = cls(wns)
        return tags


def _ns_of(el: etree._Element) -> str:
    tag = el.tag
    return tag[1 : tag.index("}")] if isinstance(tag, str) and tag.startswith("{") else ""


def _on(el: etree._Element | None, val_attr: str) -> bool:
    """An OOXML on/off property: present and not val=0/false/off."""
    return el is not None and (el.get(val_attr) or "true").lower() not in ("0", "false", "off")


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
