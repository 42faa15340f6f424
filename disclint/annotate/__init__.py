"""Write lint findings back into a copy of a Word document as comments.

``annotate_docx(src, dst, doc, findings, coverage)`` opens ``src`` with python-docx, anchors
one comment per finding on exactly the characters the finding is about (runs are split where
needed; both halves keep the run's ``w:rPr``), puts the findings about the whole document and
the coverage table into one comment on the first heading, and writes the result atomically to
``dst`` (a temporary file in the same folder, then ``os.replace``). ``src`` is never written.

Paragraphs are found through the docx reader's paragraph-index contract
(:func:`disclint.readers.docx.paragraph_index`); see :mod:`disclint.annotate.docx`.
"""

from __future__ import annotations

from .docx import AnnotateError, AnnotateResult, annotate_docx, check_target, comment_text

__all__ = ["AnnotateError", "AnnotateResult", "annotate_docx", "check_target", "comment_text"]
