"""Fixes -> Word tracked changes in a copy of the .docx (``lint DRAFT.docx --suggest OUT.docx``).

Every finding that carries a fix (:mod:`disclint.fixes`, safe or needing review) becomes a
deletion of exactly its characters (``w:del``, the runs moved in with their ``w:rPr``, ``w:t``
turned into ``w:delText``) followed by an insertion of the replacement (``w:ins`` with one run
carrying the first deleted run's ``w:rPr``), both by author "disclint", plus a Word comment on
the change naming the rule and whether the fix is safe or needs review. The writer accepts or
rejects each change in Word or LibreOffice; accepting all gives the fixed text, rejecting all the
original. The characters are found as for comments (:mod:`disclint.annotate.docx`); a fix whose
span crosses a paragraph, a hyperlink, a field or ruby is left out (counted as ``skipped``).
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import t
from ..model.document import Document
from ..model.findings import Finding
from .docx import (
    _P,
    _R,
    _T,
    _W,
    _XML_SPACE,
    AUTHOR,
    INITIALS,
    AnnotateError,
    _atoms,
    _boundary,
    _locate,
    _new_run,
    _pieces,
    _save_atomically,
    check_target,
)


@dataclass
class SuggestResult:
    path: str
    changes: int = 0
    skipped: int = 0


def _revision_ids(body: Any) -> Any:
    used = [int(v) for el in body.iter() if (v := el.get(_W + "id")) is not None and v.lstrip("-").isdigit()]
    n = max(used, default=0) + 100000  # clear of the comment ids python-docx numbers from 0
    while True:
        yield str(n)
        n += 1


def suggest_docx(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    doc: Document,
    findings: list[Finding],
    lang: str = "ja",
    force: bool = False,
    limits: Any = None,
) -> SuggestResult:
    import docx
    from docx.oxml.parser import OxmlElement
    from docx.text.run import Run

    from ..model.errors import InputError
    from ..readers import Limits
    from ..readers._safe import guard_zip_members
    from ..readers.docx import paragraph_index

    if doc.format != "docx":
        raise AnnotateError("annotate.not_docx", path=str(src), format=doc.format)
    check_target(src, dst, force)
    try:
        guard_zip_members(Path(src), limits or Limits())
        document = docx.Document(str(src))
    except InputError as exc:
        raise AnnotateError("annotate.cannot_open", path=str(src), reason=exc.message("en")) from None
    except Exception as exc:
        raise AnnotateError(
            "annotate.cannot_open", path=str(src), reason=f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        ) from exc
    body = document.element.body
    index = paragraph_index(body)
    by_number = {n: p for p, n in index.items()}
    ids = _revision_ids(body)
    date = _dt.datetime.now(_dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    result = SuggestResult(str(dst))

    fixable = [
        f
        for f in findings
        if f.fix
        and f.block_index is not None
        and f.start is not None
        and f.end is not None
        and f.end > f.start
        and 0 <= f.block_index < len(doc.blocks)
    ]
    by_block: dict[int, list[Finding]] = {}
    for f in fixable:
        by_block.setdefault(f.block_index, []).append(f)  # type: ignore[arg-type]
    for bi, fs in by_block.items():
        block = doc.blocks[bi]
        pieces = _pieces(block, by_number, index)  # before any change to this block
        if not pieces:
            result.skipped += len(fs)
            continue
        taken_from = None  # the start of the last change made: later spans must end before it
        for f in sorted(fs, key=lambda x: (x.start, x.end), reverse=True):  # from the end: offsets stay valid
            if taken_from is not None and f.end > taken_from:  # overlaps a change already made
                result.skipped += 1
                continue
            p_a, ra = _locate(pieces, f.start, is_end=False)  # type: ignore[arg-type]
            p_b, rb = _locate(pieces, f.end, is_end=True)  # type: ignore[arg-type]
            if p_a is not p_b:
                result.skipped += 1
                continue
            p = p_a.p
            _boundary(p, rb)
            _boundary(p, ra)
            first, last = _atoms(p, ra, ra + 1), _atoms(p, rb - 1, rb)
            if first is None or last is None or first[2] != ra or last[3] != rb:
                result.skipped += 1
                continue
            runs, el = [], first[0]
            while el is not None:
                if el.tag != _R or el.getparent() is not p:
                    runs = []
                    break
                runs.append(el)
                if el is last[1]:
                    break
                el = el.getnext()
                while el is not None and not isinstance(el.tag, str):
                    el = el.getnext()
            if not runs or runs[-1] is not last[1]:
                result.skipped += 1
                continue
            text = f"{f.rule}: {f.message}\n" + t("suggest.comment_" + f.fix["applicability"], lang)  # type: ignore[index]
            document.add_comment([Run(runs[0], None), Run(runs[-1], None)], text=text, author=AUTHOR, initials=INITIALS)
            deletion = OxmlElement("w:del")
            insertion = OxmlElement("w:ins")
            for change in (deletion, insertion):
                change.set(_W + "id", next(ids))
                change.set(_W + "author", AUTHOR)
                change.set(_W + "date", date)
            runs[0].addprevious(deletion)
            new = _new_run(runs[0])
            for r in runs:
                deletion.append(r)
                for tx in r.iter(_T):
                    tx.tag = _W + "delText"
            wt = OxmlElement("w:t")
            wt.text = f.fix["replacement"]  # type: ignore[index]
            wt.set(_XML_SPACE, "preserve")
            new.append(wt)
            insertion.append(new)
            deletion.addnext(insertion)
            taken_from = f.start
            result.changes += 1
    _save_atomically(document, Path(dst), Path(src))
    return result


__all__ = ["SuggestResult", "suggest_docx", "_P"]
