"""The bundled sample draft: markdown source, python-docx build and LibreOffice fixtures.

Regenerate the binary files with ``tools/build_fixtures.sh`` after editing
``corpus/samples/sample_draft.md``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from disclint.resources import data_dir

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = data_dir("corpus") / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LO_DOCX = FIXTURES / "sample_draft.libreoffice.docx"
LO_PDF = FIXTURES / "sample_draft.libreoffice.pdf"
REBUILD = "run tools/build_fixtures.sh after editing corpus/samples/sample_draft.md"


def _blocks(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph and ("table", cell texts) of every table, in order."""
    document = docx.Document(str(path))
    out: list[tuple[str, str]] = []
    body = document.element.body
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for child in body.iterchildren():
        if child in paragraphs:
            p = paragraphs[child]
            out.append((p.style.name, p.text))
        elif child in tables:
            rows = [" | ".join(c.text for c in row.cells) for row in tables[child].rows]
            out.append(("table", "\n".join(rows)))
    return out


def _load_builder():
    """``tools/sample_docx.py``, the builder (a script outside the package: not importable as ``disclint.…``)."""
    spec = importlib.util.spec_from_file_location("sample_docx", ROOT / "tools" / "sample_docx.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up while the class is built
    spec.loader.exec_module(module)
    return module


builder = _load_builder()


@pytest.fixture(scope="module")
def md_path() -> Path:
    return SAMPLES / "sample_draft.md"


@pytest.fixture(scope="module")
def committed_docx() -> Path:
    return SAMPLES / "sample_draft.docx"


@pytest.fixture(scope="module")
def rebuilt_docx(tmp_path_factory, md_path) -> Path:
    return builder.build_docx(md_path, tmp_path_factory.mktemp("sample") / "sample_draft.docx")


def test_the_bundled_files_are_there_and_the_builder_is_not_in_the_package(md_path, committed_docx):
    assert md_path.is_file() and committed_docx.is_file()
    assert importlib.util.find_spec("disclint.samples") is None  # issue 14: fixture builders live in tools/


def test_builder_script_runs_as_the_fixture_script_calls_it(md_path, tmp_path):
    out = tmp_path / "built.docx"
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "sample_docx.py"), str(md_path), str(out)],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert _blocks(out) == _blocks(SAMPLES / "sample_draft.docx"), REBUILD
    bad = subprocess.run([sys.executable, str(ROOT / "tools" / "sample_docx.py")], capture_output=True, text=True)
    assert bad.returncode == 2 and "usage:" in bad.stderr


# (a) the committed docx is up to date with the markdown


def test_committed_docx_matches_markdown(committed_docx, rebuilt_docx):
    assert _blocks(committed_docx) == _blocks(rebuilt_docx), REBUILD


def test_committed_docx_core_properties(committed_docx, md_path):
    props = docx.Document(str(committed_docx)).core_properties
    first_heading = next(b.text for b in builder.parse_markdown(md_path.read_text("utf-8")) if b.kind == "Title")
    assert props.title == first_heading
    assert props.created is not None and props.created.year == 2025


# (b) real Word structure


def test_docx_has_heading_styles_table_and_bullets(committed_docx):
    blocks = _blocks(committed_docx)
    styles = [s for s, _ in blocks]
    texts = dict((t, s) for s, t in blocks)
    assert styles[0] == "Title"
    assert texts["第２【事業の状況】"] == "Heading 1"
    assert texts["２【サステナビリティに関する考え方及び取組】"] == "Heading 2"
    assert texts["３【事業等のリスク】"] == "Heading 2"
    for heading in ("(1) ガバナンス", "(2) リスク管理", "(3) 戦略", "(4) 指標及び目標",
                    "(6) 情報セキュリティ及びサイバー攻撃について"):
        assert texts[heading] == "Heading 3", heading
    assert styles.count("List Bullet") >= 3
    assert styles.count("table") == 1
    assert styles.count("Normal") >= 20


def test_docx_table_has_header_row(committed_docx):
    document = docx.Document(str(committed_docx))
    (table,) = document.tables
    header = [c.text for c in table.rows[0].cells]
    assert header == ["指標", "2023年度", "2024年度"]
    assert len(table.rows) >= 4
    tr_pr = table.rows[0]._tr.trPr
    assert tr_pr is not None and tr_pr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert all(r.bold for r in table.rows[0].cells[0].paragraphs[0].runs)


def test_markdown_keeps_its_intended_gaps(md_path):
    """The sample is meant to miss directives 4, 8 and 10 and to contain planted problems."""
    text = md_path.read_text("utf-8")
    for planted in ("万全の体制", "完全に防止", "【要記入】", "●●", "Ver2.0"):
        assert planted in text, planted
    for absent in ("ISAC", "JPCERT", "バックアップ", "リスク評価", "脆弱性診断"):
        assert absent not in text, absent


# (c) LibreOffice fixtures


def test_libreoffice_fixtures_exist():
    assert LO_DOCX.is_file() and LO_DOCX.stat().st_size > 1000
    assert LO_PDF.is_file() and LO_PDF.stat().st_size > 1000
    assert LO_PDF.read_bytes()[:5] == b"%PDF-"
    with zipfile.ZipFile(LO_DOCX) as z:
        assert "word/document.xml" in z.namelist()


def test_libreoffice_docx_is_from_current_markdown(rebuilt_docx):
    lo = [(s, t) for s, t in _blocks(LO_DOCX) if s != "table"]
    ours = [(s, t) for s, t in _blocks(rebuilt_docx) if s != "table"]
    assert [t for _, t in lo] == [t for _, t in ours], REBUILD
