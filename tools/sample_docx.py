"""Build the bundled sample .docx from its markdown source (a fixture builder, not part of the package).

    python tools/sample_docx.py corpus/samples/sample_draft.md corpus/samples/sample_draft.docx

``tools/build_fixtures.sh`` runs it (and LibreOffice after it); ``tests/test_sample.py`` rebuilds the
sample with it to check that the committed .docx matches its markdown. The built file is committed and
shipped (``corpus/`` is package data); nothing in ``disclint`` imports this script.

The sample draft (``corpus/samples/sample_draft.md``) is written in a tiny subset of
markdown; :func:`build_docx` turns it into a Word document with real styles so that the
docx reader sees what a company's own draft would contain:

=====================  ==========================================
markdown               Word
=====================  ==========================================
``# text``             paragraph in style ``Title``
``## text``            ``Heading 1``
``### text``           ``Heading 2``
``#### text``          ``Heading 3``
``- text``             ``List Bullet``
``| a | b |`` rows     table (style ``Table Grid``); the first row is a
                       repeated header row, the ``|---|`` line is dropped
other lines            ``Normal`` paragraph (consecutive lines are joined,
                       a blank line ends the paragraph)
=====================  ==========================================

Nothing else (emphasis, links, nesting, code) is understood: the parser only covers the
constructs the bundled samples use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from disclint.docxout import add_table, japanese_defaults

#: creation date written into the sample's core properties when none is given, so that
#: rebuilding the bundled sample does not change its metadata.
DEFAULT_CREATED = datetime(2025, 6, 2, 9, 0, 0)

_HEADING_STYLES = {1: "Title", 2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}
_HEADING_RE = re.compile(r"^(#{1,4})\s+(.*\S)\s*$")
_RULE_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class Block:
    """One block of the markdown source: ``kind`` is a Word style name or ``"table"``."""

    kind: str
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def _cells(line: str) -> tuple[str, ...]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return tuple(c.strip() for c in line.split("|"))


def parse_markdown(text: str) -> list[Block]:
    """Split the markdown subset described in the module docstring into blocks."""
    blocks: list[Block] = []
    para: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        if para:
            blocks.append(Block("Normal", "".join(para)))
            para.clear()
        if table:
            blocks.append(Block("table", rows=tuple(table)))
            table.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|"):
            if para:
                flush()
            if not _RULE_RE.match(line):
                table.append(_cells(line))
            continue
        if table:
            flush()
        if not line:
            flush()
            continue
        m = _HEADING_RE.match(line)
        if m:
            flush()
            blocks.append(Block(_HEADING_STYLES[len(m.group(1))], m.group(2)))
        elif line.startswith("- "):
            flush()
            blocks.append(Block("List Bullet", line[2:].strip()))
        else:
            para.append(line)
    flush()
    return blocks


def build_docx(
    md_path: str | Path,
    out_path: str | Path,
    *,
    created: datetime | None = None,
) -> Path:
    """Render the markdown at ``md_path`` as a .docx at ``out_path`` (see module doc).

    The core properties get the text of the first ``#`` heading as title and ``created``
    (default :data:`DEFAULT_CREATED`) as created and modified date, so that rebuilding
    yields the same content.
    """
    import docx

    md_path, out_path = Path(md_path), Path(out_path)
    blocks = parse_markdown(md_path.read_text(encoding="utf-8"))
    document = docx.Document()
    japanese_defaults(document)

    title = ""
    for block in blocks:
        if block.kind == "table":
            add_table(document, block.rows)
        else:
            if block.kind == "Title" and not title:
                title = block.text
            document.add_paragraph(block.text, style=block.kind)

    when = created or DEFAULT_CREATED
    props = document.core_properties
    props.title = title
    props.author = "disclint"
    props.last_modified_by = "disclint"
    props.language = "ja-JP"
    props.comments = f"built by tools/sample_docx.py from {md_path.name}"
    props.created = when
    props.modified = when
    props.revision = 1
    out_path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out_path))
    return out_path


def _main(argv: list[str] | None = None) -> int:
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python tools/sample_docx.py SOURCE.md OUT.docx", file=sys.stderr)
        return 2
    build_docx(args[0], args[1])
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
