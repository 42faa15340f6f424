"""Lint pipeline entry point: Document -> findings.

The rule engine (five MIC qualities) plugs in here; until it exists the pipeline
returns no findings.
"""

from __future__ import annotations

from .document import Document
from .findings import Finding


def lint_document(doc: Document, lang: str = "ja") -> list[Finding]:
    return []
