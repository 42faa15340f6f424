"""Run a rule's own examples: every ``invalid`` must give a finding, every ``valid`` none.

An example is a string (or ``{text: ..., date: YYYY-MM-DD}``) in a tiny markdown: lines
starting with ``#`` are headings (they build the section path), ``- `` list items, other
non-empty lines paragraphs. Examples run with every block in scope, so they test the
check itself; scope is tested separately on real documents.
"""

from __future__ import annotations

from typing import Any

from ..model.document import Block, BlockKind, Document, Location
from ..model.findings import Finding
from .rules import Rule


def document_from_example(example: Any, path: str = "<example>") -> Document:
    if isinstance(example, dict):
        text = str(example.get("text", ""))
        metadata = {k: str(v) for k, v in example.items() if k != "text"}
    else:
        text, metadata = str(example), {}
    blocks: list[Block] = []
    section: list[tuple[int, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        stripped = line.lstrip()
        if stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            title = stripped[level:].strip()
            section = [s for s in section if s[0] < level] + [(level, title)]
            blocks.append(
                Block(BlockKind.HEADING, title, Location(path, line=n, section=tuple(t for _, t in section)), level)
            )
        elif stripped.startswith("- "):
            blocks.append(
                Block(BlockKind.LIST_ITEM, stripped[2:], Location(path, line=n, section=tuple(t for _, t in section)))
            )
        else:
            blocks.append(
                Block(BlockKind.PARAGRAPH, line, Location(path, line=n, section=tuple(t for _, t in section)))
            )
    return Document(path, "markdown", blocks, metadata)


def run_example(rule: Rule, example: Any, lang: str = "ja") -> list[Finding]:
    from ..lint import run_rules

    doc = document_from_example(example)
    findings, _, _ = run_rules(doc, [rule], lang=lang, all_in_scope=rule.extends != "coverage")
    return findings
