"""Findings -> Word comments in a copy of the .docx.

How a finding finds its characters again
----------------------------------------
1. ``finding.block_index`` -> the Block; ``block.location.paragraph`` is the contract index of
   its ``w:p`` in ``word/document.xml`` (:func:`~disclint.readers.docx.paragraph_index`, Fallback
   copies excluded). A paragraph block's text is ``paragraph_text(p).strip()``; a table cell's
   text is the stripped texts of the cell's own non-empty paragraphs joined with ``"\\n"``,
   starting at ``location.paragraph`` (paragraphs of nested tables and text boxes in the cell
   belong to other blocks). Both are rebuilt here and compared with ``block.text``; the block
   offsets ``start``/``end`` are then mapped to (paragraph, offset in its raw text).
2. In one paragraph, the text is walked the way the reader walks it (same elements, same
   order: runs, hyperlinks, fields, content controls, insertions; deletions, hidden runs,
   field codes and text boxes skipped), which gives every character's ``w:t``/``w:tab``/... and
   its ``w:r``. The walk is checked against :func:`~disclint.readers.docx.paragraph_text`.
3. Runs are split at the two ends of the span (a ``w:t`` is cut in two; both runs get a copy
   of ``w:rPr``), then ``w:commentRangeStart`` goes before the first run and
   ``w:commentRangeEnd`` + the reference run after the last (python-docx's ``add_comment``).
   Comment markers and reference runs add no text, so later findings in the same paragraph
   still map to the same offsets; overlapping and adjacent ranges are allowed by Word.

When a span cannot be cut exactly (inside ruby or an equation) the comment covers the smallest
enclosing run(s) and the result counts it as ``widened``. Findings whose block is not in the
main document part (footnotes, endnotes: python-docx cannot comment there) or whose paragraph
cannot be found are listed in the document-level comment with their location.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import directive_label, level_label, paren, status_label, t
from ..model.document import Block, BlockKind, Document
from ..model.errors import DisclintError
from ..model.findings import Finding
from ..readers.docx import W_NS, paragraph_index, paragraph_text

AUTHOR = "disclint"
INITIALS = "DL"

_W = f"{{{W_NS}}}"
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_P, _R, _T, _RPR, _TC = _W + "p", _W + "r", _W + "t", _W + "rPr", _W + "tc"
_TXBX = _W + "txbxContent"
_SKIP = frozenset(
    _W + n
    for n in ("pPr", "rPr", "delText", "instrText", "delInstrText", "sdtPr", "sdtEndPr", "rt", "pPrChange", "rPrChange")
)
_ONE_CHAR = {_W + "tab": "\t", _W + "ptab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_MATH_TOP = frozenset((_M + "oMath", _M + "oMathPara"))


class AnnotateError(DisclintError):
    """The annotated copy cannot be made (wrong input format, target is the input, write error)."""


@dataclass
class AnnotateResult:
    path: str
    comments: int = 0  # comments written (anchored findings + the document-level comment)
    anchored: int = 0  # findings with their own comment
    document_level: int = 0  # findings listed in the document-level comment
    widened: int = 0  # anchored findings whose comment covers more than their excerpt
    unanchored: list[Finding] = field(default_factory=list)  # in the document-level comment for lack of a place


# ------------------------------------------------------------------ target checks


def check_target(src: str | os.PathLike[str], dst: str | os.PathLike[str], force: bool = False) -> None:
    """Refuse a target that is the input (also through symlinks or hard links) or exists without ``force``."""
    from ..safeio import OutputError, check_output_target, same_file

    d = Path(dst)
    if same_file(src, dst):
        raise AnnotateError("annotate.same_as_input", path=str(dst))
    try:
        check_output_target(dst)
    except OutputError:
        raise AnnotateError("output.not_regular", path=str(dst)) from None
    if d.is_dir():
        raise AnnotateError("annotate.write_failed", path=str(dst), reason="is a directory")
    if not d.absolute().parent.is_dir():
        raise AnnotateError("annotate.write_failed", path=str(dst), reason="no such folder")
    if (d.exists() or d.is_symlink()) and not force:
        raise AnnotateError("output.exists", path=str(dst))


# ------------------------------------------------------------------ comment texts


def comment_text(f: Finding, lang: str = "ja") -> str:
    """Message, how to fix, rule id (one paragraph each)."""
    lines = [f.message]
    if f.hint:
        lines.append(t("annotate.hint", lang, hint=f.hint))
    lines.append(f"[{f.rule}] {level_label(f.level.value, lang)}")
    return "\n".join(_clean(x) for x in lines)


def _clean(text: str) -> str:
    """Comment paragraphs come from "\\n"; drop characters XML 1.0 cannot carry."""
    return "".join(
        ch
        for ch in text.replace("\r", "")
        if ch in "\n\t" or ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff"
    )


def _document_comment(
    doc_findings: list[Finding],
    unanchored: list[tuple[Finding, str]],
    all_findings: list[Finding],
    coverage: dict[str, Any],
    lang: str,
) -> str:
    counts = {lv: sum(1 for f in all_findings if f.level.value == lv) for lv in ("error", "warning", "info")}
    out = [
        t(
            "annotate.doc_title",
            lang,
            findings=len(all_findings),
            errors=counts["error"],
            warnings=counts["warning"],
            infos=counts["info"],
        )
    ]
    if doc_findings:
        out.append(t("annotate.doc_findings", lang, count=len(doc_findings)))
        for f in doc_findings:
            out.append("・" + f.message + (paren(f.hint, lang) if f.hint else "") + f" [{f.rule}]")
    if unanchored:
        out.append(t("annotate.doc_unanchored", lang, count=len(unanchored)))
        for f, where in unanchored:
            out.append(f"・{where}: " + f.message + (f" 「{f.excerpt}」" if f.excerpt else "") + f" [{f.rule}]")
    directives = (coverage or {}).get("directives") or {}
    if directives:
        out.append(t("lint.coverage_title", lang))
        for d, c in directives.items():
            out.append(f"{directive_label(d, lang)}\t{status_label(c.get('status', ''), lang)}\t{c.get('title', '')}")
    principles = (coverage or {}).get("principles") or {}
    for key, c in principles.items():
        out.append(f"{c.get('title', key)}\t{status_label(c.get('status', ''), lang)}")
    return "\n".join(_clean(x) for x in out)


# ------------------------------------------------------------------ the text of one paragraph


@dataclass
class _Seg:
    start: int
    end: int
    el: Any  # the text-producing element (w:t, w:tab, m:t ...)
    atom: Any  # the element markers go around: the outermost w:r (or equation) below the paragraph
    splittable: bool  # el is a direct child of atom, a w:r


def _sym(el: Any) -> str:
    code = el.get(_W + "char")
    try:
        cp = int(code, 16) if code else None
    except ValueError:
        return ""
    if cp is not None and not (0xE000 <= cp <= 0xF8FF) and 0 < cp < 0x110000:
        return chr(cp)
    return ""


def _hidden(r: Any) -> bool:
    rpr = r.find(_RPR)
    if rpr is None:
        return False
    v = rpr.find(_W + "vanish")
    if v is None:
        return False
    return v.get(_W + "val", "true") not in ("0", "false", "off")


def _branch(alt: Any) -> Any:
    fallback = None
    for child in alt:
        if child.tag == _MC + "Choice":
            return child
        if child.tag == _MC + "Fallback" and fallback is None:
            fallback = child
    return fallback


def _sdt_content(sdt: Any) -> Any:
    pr = sdt.find(_W + "sdtPr")
    if pr is not None:
        ph = pr.find(_W + "showingPlcHdr")
        if ph is not None and ph.get(_W + "val", "true") not in ("0", "false", "off"):
            return None
    return sdt.find(_W + "sdtContent")


def _segments(p: Any) -> list[_Seg]:
    """Every character of the paragraph's raw text with its element, as the reader sees it."""
    segs: list[_Seg] = []
    pos = 0

    def emit(el: Any, text: str, atom: Any) -> None:
        nonlocal pos
        if not text:
            return
        parent = el.getparent()
        segs.append(
            _Seg(
                pos,
                pos + len(text),
                el,
                atom if atom is not None else el,
                atom is not None and parent is atom and atom.tag == _R,
            )
        )
        pos += len(text)

    def walk(el: Any, atom: Any) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _T or tag == _M + "t":
                emit(child, child.text or "", atom)
            elif tag == _R:
                if _hidden(child):
                    continue
                walk(child, atom if atom is not None else child)
            elif tag in _ONE_CHAR:
                emit(child, _ONE_CHAR[tag], atom)
            elif tag == _W + "softHyphen":
                pass
            elif tag == _W + "sym":
                emit(child, _sym(child), atom)
            elif tag in (_W + "ins", _W + "moveTo"):
                walk(child, atom)
            elif tag in (_W + "del", _W + "moveFrom", _TXBX):
                pass
            elif tag == _MC + "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    walk(branch, atom)
            elif tag == _W + "sdt":
                content = _sdt_content(child)
                if content is not None:
                    walk(content, atom)
            elif tag == _W + "ruby":
                base = child.find(_W + "rubyBase")
                if base is not None:
                    walk(base, atom)
            elif tag in (_W + "footnoteReference", _W + "endnoteReference") or tag in _SKIP:
                pass
            elif tag in _MATH_TOP and atom is None:
                walk(child, child)
            else:  # hyperlink, smartTag, fldSimple, customXml, dir, bdo, drawing, pict, math ...
                walk(child, atom)

    walk(p, None)
    return segs


def _new_run(r: Any) -> Any:
    from docx.oxml.parser import OxmlElement

    new = OxmlElement("w:r")
    for k, v in r.attrib.items():
        new.set(k, v)
    rpr = r.find(_RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    return new


def _split_before(seg: _Seg, offset: int) -> None:
    """Split ``seg.atom`` (a w:r) so that a new run starts at ``offset`` characters into ``seg.el``."""
    r, el = seg.atom, seg.el
    new = _new_run(r)
    if offset > 0:
        from docx.oxml.parser import OxmlElement

        text = el.text or ""
        tail = OxmlElement("w:t")
        tail.text = text[offset:]
        tail.set(_XML_SPACE, "preserve")
        el.text = text[:offset]
        el.set(_XML_SPACE, "preserve")
        moving = [tail] + list(el.itersiblings())
    else:
        moving = [el] + list(el.itersiblings())
    for m in moving:
        new.append(m)
    r.addnext(new)


def _boundary(p: Any, pos: int) -> None:
    """Make ``pos`` (an offset into the paragraph's raw text) fall between two runs, if possible."""
    segs = _segments(p)
    if not segs or pos <= segs[0].start or pos >= segs[-1].end:
        return
    for i, s in enumerate(segs):
        if s.start < pos < s.end:
            if s.splittable and s.el.tag == _T:
                _split_before(s, pos - s.start)
            return
        if s.start == pos:
            prev = segs[i - 1] if i else None
            if prev is not None and prev.atom is s.atom and s.splittable:
                _split_before(s, 0)
            return


def _atoms(p: Any, a: int, b: int) -> tuple[Any, Any, int, int] | None:
    """First and last element to anchor for raw span [a, b) of ``p``, and the span they cover."""
    segs = _segments(p)
    if not segs:
        return None
    a = max(a, segs[0].start)
    b = min(b, segs[-1].end)
    if b <= a:
        return None
    first = next(s for s in segs if s.end > a)
    last = next(s for s in reversed(segs) if s.start < b)
    lo = min(s.start for s in segs if s.atom is first.atom)
    hi = max(s.end for s in segs if s.atom is last.atom)
    return first.atom, last.atom, lo, hi


# ------------------------------------------------------------------ blocks -> paragraphs


@dataclass
class _Piece:
    p: Any
    lead: int  # offset of the stripped text in the raw paragraph text
    text: str  # stripped text
    start: int  # offset of this piece in the block's text


def _cell_paragraphs(tc: Any, index: dict[Any, int]) -> Iterable[Any]:
    """The cell's own paragraphs: not in a nested table or a text box of the cell."""
    for p in tc.iter(_P):
        if p not in index:
            continue
        up = p.getparent()
        own = True
        while up is not None and up is not tc:
            if up.tag == _TC or up.tag == _TXBX:
                own = False
                break
            up = up.getparent()
        if own:
            yield p


def _pieces(block: Block, by_number: dict[int, Any], index: dict[Any, int]) -> list[_Piece] | None:
    loc = block.location
    if loc.paragraph is None or (loc.part or "body") not in ("body", "textbox"):
        return None
    p0 = by_number.get(loc.paragraph)
    if p0 is None:
        return None
    if block.kind is BlockKind.TABLE_CELL or loc.table is not None:
        tc = p0.getparent()
        while tc is not None and tc.tag != _TC:
            tc = tc.getparent()
        paras = list(_cell_paragraphs(tc, index)) if tc is not None else [p0]
        if p0 in paras:
            paras = paras[paras.index(p0) :]
    else:
        paras = [p0]
    pieces: list[_Piece] = []
    offset = 0
    for p in paras:
        raw = paragraph_text(p)
        text = raw.strip()
        if not text:
            continue
        pieces.append(_Piece(p, len(raw) - len(raw.lstrip()), text, offset))
        offset += len(text) + 1
        if offset > len(block.text):
            break
    if "\n".join(x.text for x in pieces) != block.text:
        return None
    return pieces


def _locate(pieces: list[_Piece], pos: int, is_end: bool) -> tuple[_Piece, int]:
    """Block offset -> (piece, raw offset in its paragraph). An end offset belongs to the piece before a join."""
    for i, pc in enumerate(pieces):
        lo, hi = pc.start, pc.start + len(pc.text)
        if is_end and lo < pos <= hi or not is_end and lo <= pos < hi:
            return pc, pc.lead + pos - lo
        if not is_end and pos == hi and i + 1 < len(pieces):  # on a "\n" join: start of the next piece
            nxt = pieces[i + 1]
            return nxt, nxt.lead
        if is_end and pos == lo and i > 0:
            prev = pieces[i - 1]
            return prev, prev.lead + len(prev.text)
    last = pieces[-1]
    return (last, last.lead + len(last.text)) if is_end else (pieces[0], pieces[0].lead)


# ------------------------------------------------------------------ the whole job


def annotate_docx(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    doc: Document,
    findings: list[Finding],
    coverage: dict[str, Any] | None = None,
    lang: str = "ja",
    force: bool = False,
    limits: Any = None,
) -> AnnotateResult:
    """Write a copy of ``src`` with one Word comment per finding to ``dst`` (never to ``src``).
    ``limits`` (:class:`~disclint.readers.Limits`): python-docx inflates every part itself, so
    the zip is checked member by member first (:func:`~disclint.readers._safe.guard_zip_members`)."""
    import docx

    from ..model.errors import InputError
    from ..readers import Limits
    from ..readers._safe import guard_zip_members

    if doc.format != "docx":
        raise AnnotateError("annotate.not_docx", path=str(src), format=doc.format)
    check_target(src, dst, force)
    try:
        guard_zip_members(Path(src), limits or Limits())
    except InputError as exc:
        raise AnnotateError("annotate.cannot_open", path=str(src), reason=exc.message("en")) from None
    try:
        document = docx.Document(str(src))
    except Exception as exc:  # python-docx cannot open what the reader could (e.g. strict OOXML)
        raise AnnotateError(
            "annotate.cannot_open", path=str(src), reason=f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        ) from exc
    body = document.element.body
    index = paragraph_index(body)
    by_number = {n: p for p, n in index.items()}
    result = AnnotateResult(str(dst))

    def add(first: Any, last: Any, text: str) -> None:
        from docx.text.run import Run

        try:
            document.add_comment([Run(first, None), Run(last, None)], text=text, author=AUTHOR, initials=INITIALS)
        except Exception as exc:  # e.g. w:id="abc" in comments.xml: python-docx cannot number a new comment
            raise AnnotateError(
                "annotate.cannot_open", path=str(src), reason=f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
            ) from exc
        result.comments += 1

    doc_level = [f for f in findings if f.block_index is None]
    unanchored: list[tuple[Finding, str]] = []
    pieces_cache: dict[int, list[_Piece] | None] = {}
    for f in findings:
        if f.block_index is None:
            continue
        block = doc.blocks[f.block_index] if 0 <= f.block_index < len(doc.blocks) else None
        if block is None:
            unanchored.append((f, f.location.short(lang)))
            continue
        if f.block_index not in pieces_cache:
            pieces_cache[f.block_index] = _pieces(block, by_number, index)
        pieces = pieces_cache[f.block_index]
        if not pieces:
            unanchored.append((f, f.location.short(lang) or t("lint.document", lang)))
            continue
        a, b = (
            (f.start, f.end) if f.start is not None and f.end is not None and f.end > f.start else (0, len(block.text))
        )
        a, b = max(0, min(a, len(block.text))), max(0, min(b, len(block.text)))
        if b <= a:
            a, b = 0, len(block.text)
        p_a, ra = _locate(pieces, a, is_end=False)
        p_b, rb = _locate(pieces, b, is_end=True)
        # cut at the end first: it never moves the start's characters to another element
        _boundary(p_b.p, rb)
        _boundary(p_a.p, ra)
        first = _atoms(p_a.p, ra, ra + 1 if p_a is not p_b else rb)
        last = _atoms(p_b.p, rb - 1 if p_a is not p_b else ra, rb)
        if first is None or last is None:
            unanchored.append((f, f.location.short(lang)))
            continue
        widened = first[2] != ra or last[3] != rb
        add(first[0], last[1], comment_text(f, lang))
        result.anchored += 1
        result.widened += widened

    heading = _document_anchor(doc, by_number, index)
    result.unanchored = [f for f, _ in unanchored]
    result.document_level = len(doc_level) + len(unanchored)
    if heading is not None:
        text = _document_comment(doc_level, unanchored, findings, coverage or {}, lang)
        add(heading[0], heading[1], text)
    _save_atomically(document, Path(dst), Path(src))
    return result


def _document_anchor(doc: Document, by_number: dict[int, Any], index: dict[Any, int]) -> tuple[Any, Any] | None:
    """The title or first heading (else the first body paragraph with text): its first and last run."""
    ordered = [b for b in doc.blocks if b.kind is BlockKind.HEADING] + [
        b for b in doc.blocks if b.kind is not BlockKind.HEADING
    ]
    for block in ordered:
        pieces = _pieces(block, by_number, index)
        if not pieces:
            continue
        pc = pieces[0]
        span = _atoms(pc.p, pc.lead, pc.lead + len(pc.text))
        if span is not None:
            return span[0], span[1]
    return None


def _save_atomically(document: Any, dst: Path, src: Path) -> None:
    import io

    from ..safeio import atomic_writer

    try:
        buf = io.BytesIO()  # the zip is built in memory: a full disk cannot leave a half-closed ZipFile
        document.save(buf)  # (its __del__ printed "Exception ignored … ZipFile.__del__")
        with atomic_writer(dst, "wb") as fh:
            fh.write(buf.getvalue())
    except Exception as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        raise AnnotateError("annotate.write_failed", path=str(dst), reason=reason.splitlines()[0][:200]) from exc
