"""Word comments (``disclint lint DRAFT.docx --annotate REVIEWED.docx``).

Every comment is read back two ways: with python-docx (count, author, initials, text) and from
the XML (the characters between ``w:commentRangeStart`` and ``w:commentRangeEnd`` with the same
id must be the finding's excerpt). LibreOffice headless must open the result (PDF export, and a
docx round trip that keeps every comment).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from wordxml import textbox

from disclint.annotate import AnnotateError, annotate_docx, comment_text
from disclint.model.document import Document
from disclint.model.findings import Finding, Level
from disclint.readers import Limits
from disclint.readers.docx import read_docx

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "sample_draft.docx"
LO_SAMPLE = REPO / "tests" / "fixtures" / "sample_draft.libreoffice.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NO_SOFFICE = "LibreOffice (soffice) is not installed; `make test` installs it (package libreoffice-writer-nogui)"


# --------------------------------------------------------------------------- building documents


def make_docx(tmp_path: Path, body: str, name: str = "in.docx") -> Path:
    """A docx (python-docx's default template) whose body starts with the XML fragment ``body``."""
    base = io.BytesIO()
    docx.Document().save(base)
    out = tmp_path / name
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body.encode("utf-8"), 1)
            zout.writestr(info.filename, data)
    return out


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def heading(text: str) -> str:
    return para(run(text), style="Heading1")


def table(*rows: list[str]) -> str:
    trs = "".join("<w:tr>" + "".join(f"<w:tc><w:tcPr/>{c}</w:tc>" for c in cells) + "</w:tr>" for cells in rows)
    return f'<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>{trs}</w:tbl>'


def finding(doc: Document, needle: str, rule: str = "test.rule", nth: int = 0, level: Level = Level.WARNING, hint: str = "") -> Finding:
    """A finding on the ``nth`` occurrence of ``needle`` in the document's blocks."""
    seen = 0
    for i, block in enumerate(doc.blocks):
        pos = block.text.find(needle)
        while pos >= 0:
            if seen == nth:
                return Finding(rule, level, f"「{needle}」について", block.location, i, pos, pos + len(needle), needle, "truthfulness", hint)
            seen += 1
            pos = block.text.find(needle, pos + 1)
    raise AssertionError(f"{needle!r} not in the document")


def doc_finding(message: str = "指示4 がありません") -> Finding:
    from disclint.model.document import Location

    return Finding("relevance.directive-missing", Level.WARNING, message, Location("x"), None, quality="relevance", data={"directive": 4})


# --------------------------------------------------------------------------- reading comments back


def anchors(path: Path) -> dict[int, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd (paragraph breaks as "\\n")."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))

    def box(el):  # the text box an element is in (None = the main text flow)
        el = el.getparent()
        while el is not None and el.tag != W + "txbxContent":
            el = el.getparent()
        return el

    def skipped(el) -> bool:
        up = el.getparent()
        while up is not None:
            if up.tag in (MC + "Fallback", W + "del", W + "rt"):
                return True
            if up.tag == W + "r":
                rpr = up.find(W + "rPr")
                if rpr is not None and rpr.find(W + "vanish") is not None:
                    return True
            up = up.getparent()
        return False

    open_: dict[str, tuple[object, list[str]]] = {}
    out: dict[int, str] = {}
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if el.tag == W + "commentRangeStart":
                open_[el.get(W + "id")] = (box(el), [])
            elif el.tag == W + "commentRangeEnd":
                out[int(el.get(W + "id"))] = "".join(open_.pop(el.get(W + "id"))[1])
            elif el.tag in (W + "t", W + "tab") and not skipped(el):
                for where, parts in open_.values():
                    if box(el) is where:
                        parts.append(el.text or "" if el.tag == W + "t" else "\t")
        elif el.tag == W + "p":
            for where, parts in open_.values():
                if parts and box(el) is where:
                    parts.append("\n")
    assert not open_, f"unclosed comment ranges: {sorted(open_)}"
    return out


def joined(anchor: str) -> str:
    """A span across the paragraphs of a table cell also covers the blanks the reader strips at the join."""
    return re.sub(r"[ \t\u3000]*\n[ \t\u3000]*", "\n", anchor)


def comments(path: Path) -> dict[int, object]:
    return {c.comment_id: c for c in docx.Document(str(path)).comments}


def annotate(tmp_path: Path, src: Path, findings: list[Finding], coverage: dict | None = None, lang: str = "ja"):
    doc = read_docx(src, Limits())
    out = tmp_path / "out.docx"
    res = annotate_docx(src, out, doc, findings, coverage, lang=lang)
    return out, res


def assert_anchored(out: Path, findings: list[Finding], doc: Document | None = None) -> None:
    """One comment per finding on exactly its excerpt (ids in the order of the findings), plus the document comment."""
    got = anchors(out)
    com = comments(out)
    placed = [f for f in findings if f.block_index is not None]
    assert len(com) == len(placed) + 1
    for cid, f in enumerate(placed):
        expected = f.excerpt or (doc.blocks[f.block_index].text if doc else None)
        assert joined(got[cid]) == expected, (cid, f.rule, got[cid], expected)
        c = com[cid]
        assert c.author == "disclint" and c.initials == "DL"
        assert f.message in c.text and f.rule in c.text
        if f.hint:
            assert f.hint in c.text


def body_texts(path: Path) -> list[tuple[str, object]]:
    doc = read_docx(path, Limits())
    return [(b.text, b.location.paragraph, b.location.part, b.location.table, b.location.row, b.location.column) for b in doc.blocks]


def rprs(out: Path, para_text: str) -> list[tuple[str, str]]:
    """(text, serialised rPr) of every text run of the body paragraph whose text is ``para_text``."""
    d = docx.Document(str(out))
    for p in d.element.body.iter(W + "p"):
        if "".join(t.text or "" for t in p.iter(W + "t")) == para_text:
            res = []
            for r in p.iter(W + "r"):
                text = "".join(t.text or "" for t in r.iter(W + "t"))
                if text:
                    rpr = r.find(W + "rPr")
                    res.append((text, b"" if rpr is None else etree.tostring(rpr, method="c14n")))
            return res
    raise AssertionError(para_text)


# --------------------------------------------------------------------------- anchoring


def test_span_in_the_middle_of_a_run_splits_it_and_keeps_its_formatting(tmp_path):
    text = "当社は万全の対策を講じております。"
    src = make_docx(tmp_path, heading("情報セキュリティ") + para(run(text, '<w:color w:val="1F3864"/><w:sz w:val="22"/>')))
    doc = read_docx(src, Limits())
    f = finding(doc, "万全", hint="「低減に努めております」などにしてください")
    out, res = annotate(tmp_path, src, [f])
    assert_anchored(out, [f])
    assert (res.comments, res.anchored, res.widened) == (2, 1, 0)
    pieces = rprs(out, text)
    assert [t for t, _ in pieces] == ["当社は", "万全", "の対策を講じております。"]
    assert len({r for _, r in pieces}) == 1 and b"1F3864" in pieces[0][1]  # w:rPr copied to every half
    assert body_texts(out) == body_texts(src)  # the reader sees the same text at the same places


def test_span_across_a_bold_and_a_normal_run(tmp_path):
    src = make_docx(tmp_path, heading("見出し") + para(run("重要なのは太字", "<w:b/>"), run("通常の文字です", "")))
    doc = read_docx(src, Limits())
    f = finding(doc, "太字通常")
    out, _ = annotate(tmp_path, src, [f])
    assert_anchored(out, [f])
    pieces = rprs(out, "重要なのは太字通常の文字です")
    assert [t for t, _ in pieces] == ["重要なのは", "太字", "通常", "の文字です"]
    bold = [b"<w:b" in r for _, r in pieces]
    assert bold == [True, True, False, False]


def test_spans_in_table_cells_single_and_multi_paragraph(tmp_path):
    cell2 = para(run("1行目の説明")) + para() + para(run("  ２行目に●●がある  ")) + para(run("3行目"))
    src = make_docx(tmp_path, heading("指標") + table([para(run("件数")), para(run("前期比●●%"))], [para(run("詳細")), cell2]))
    doc = read_docx(src, Limits())
    cell = next(b for b in doc.blocks if b.text.startswith("1行目"))
    assert cell.text == "1行目の説明\n２行目に●●がある\n3行目"
    fs = [finding(doc, "●●", nth=0), finding(doc, "●●", nth=1), finding(doc, "ある\n3行")]
    out, res = annotate(tmp_path, src, fs)
    assert_anchored(out, fs)
    assert res.anchored == 3 and res.widened == 0
    assert body_texts(out) == body_texts(src)


def test_span_in_a_text_box_is_anchored_in_the_box_not_in_its_fallback_copy(tmp_path):
    box = textbox(para(run("テキストボックスでも万全です")), para(run("二段落目")))
    src = make_docx(tmp_path, heading("見出し") + para(run("本文の段落"), box) + para(run("次の段落")))
    doc = read_docx(src, Limits())
    f = finding(doc, "万全")
    assert f.location.part == "textbox"
    out, _ = annotate(tmp_path, src, [f])
    assert_anchored(out, [f])
    with zipfile.ZipFile(out) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    (start,) = [el for el in root.iter(W + "commentRangeStart") if el.get(W + "id") == "0"]
    ancestors = {a.tag for a in start.iterancestors()}
    assert W + "txbxContent" in ancestors and MC + "Choice" in ancestors and MC + "Fallback" not in ancestors
    assert body_texts(out) == body_texts(src)


def test_several_findings_in_one_paragraph_overlapping_nested_and_adjacent(tmp_path):
    text = "ABCDEFGHIJKLMNOPQRST"
    src = make_docx(tmp_path, heading("見出し") + para(run("ABCDEFG", "<w:i/>"), run("HIJKLMNOPQRST")))
    doc = read_docx(src, Limits())
    i = next(k for k, b in enumerate(doc.blocks) if b.text == text)
    loc = doc.blocks[i].location

    def f(a: int, b: int, rule: str) -> Finding:
        return Finding(rule, Level.INFO, f"{rule} の指摘", loc, i, a, b, text[a:b], "understandability")

    fs = [f(2, 9, "a.overlap1"), f(5, 12, "b.overlap2"), f(12, 15, "c.adjacent"), f(6, 7, "d.nested"), f(2, 9, "e.same"), f(0, 20, "f.whole"), f(19, 20, "g.last")]
    out, res = annotate(tmp_path, src, fs)
    assert_anchored(out, fs)
    assert res.anchored == 7 and res.widened == 0
    assert body_texts(out) == body_texts(src)
    pieces = rprs(out, text)
    assert "".join(t for t, _ in pieces) == text
    italic = "".join(t for t, r in pieces if b"<w:i" in r)
    assert italic == "ABCDEFG"


def test_tracked_changes_hyperlinks_and_fields_keep_offsets(tmp_path):
    runs = (
        run("前半")
        + '<w:del w:id="1" w:author="a"><w:r><w:delText>削除済み</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="a"><w:r><w:t>挿入した文</w:t></w:r></w:ins>'
        + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隠し</w:t></w:r>'
        + '<w:hyperlink r:id="rId99"><w:r><w:t>リンク先の万全</w:t></w:r></w:hyperlink>'
        + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>12</w:t></w:r></w:fldSimple>'
        + run("後半です")
    )
    src = make_docx(tmp_path, heading("見出し") + para(runs))
    doc = read_docx(src, Limits())
    assert any(b.text == "前半挿入した文リンク先の万全12後半です" for b in doc.blocks)
    fs = [finding(doc, "挿入した文リンク"), finding(doc, "万全12後"), finding(doc, "前半")]
    out, res = annotate(tmp_path, src, fs)
    assert_anchored(out, fs)
    assert body_texts(out) == body_texts(src)


def test_ruby_cannot_be_cut_so_the_comment_covers_the_whole_ruby(tmp_path):
    ruby = '<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>ばんぜん</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>万全</w:t></w:r></w:rubyBase></w:ruby></w:r>'
    src = make_docx(tmp_path, heading("見出し") + para(run("対策は"), ruby, run("です")))
    doc = read_docx(src, Limits())
    f = finding(doc, "全")
    out, res = annotate(tmp_path, src, [f])
    assert res.widened == 1 and anchors(out)[0] == "万全"


def test_whole_block_findings_and_the_document_comment(tmp_path):
    src = make_docx(tmp_path, para(run("前書きの段落")) + heading("第２【事業の状況】") + para(run("定型的な文です。")))
    doc = read_docx(src, Limits())
    i = next(k for k, b in enumerate(doc.blocks) if b.text == "定型的な文です。")
    block_finding = Finding("relevance.boilerplate", Level.WARNING, "定型的です", doc.blocks[i].location, i, quality="relevance")
    coverage = {"directives": {"4": {"status": "missing", "title": "リスクの把握と計画", "locations": []}, "1": {"status": "covered", "title": "方針", "locations": []}}}
    fs = [doc_finding(), block_finding]
    out, res = annotate(tmp_path, src, fs, coverage)
    got, com = anchors(out), comments(out)
    assert len(com) == 2 and res.document_level == 1
    assert got[0] == "定型的な文です。"
    assert got[1] == "第２【事業の状況】"  # the first heading, not the first paragraph
    text = com[1].text
    assert "指示4 がありません" in text and "relevance.directive-missing" in text
    assert "指示4" in text and "× 記載なし" in text and "リスクの把握と計画" in text and "● 記載あり" in text
    assert "指摘 2 件" in text


def test_footnote_findings_go_into_the_document_comment(tmp_path):
    from disclint.model.document import Location

    src = make_docx(tmp_path, heading("見出し") + para(run("本文")))
    doc = read_docx(src, Limits())
    doc.blocks.append(type(doc.blocks[0])(doc.blocks[1].kind, "脚注の万全な文", Location(str(src), paragraph=2, part="footnote")))
    f = finding(doc, "万全")
    out, res = annotate(tmp_path, src, [f])
    assert res.anchored == 0 and res.document_level == 1 and res.unanchored == [f]
    (only,) = comments(out).values()
    assert "「万全」について" in only.text and "脚注" in only.text


def test_comment_text_has_message_hint_and_rule_id():
    from disclint.model.document import Location

    f = Finding("truthfulness.absolute-claim", Level.WARNING, "「万全」は断定的すぎます", Location("x"), 1, 0, 2, "万全", "truthfulness", "例: 低減に努めております")
    assert comment_text(f, "ja").splitlines() == ["「万全」は断定的すぎます", "直し方: 例: 低減に努めております", "[truthfulness.absolute-claim] 警告"]
    assert comment_text(f, "en").splitlines()[1:] == ["How to fix: 例: 低減に努めております", "[truthfulness.absolute-claim] warning"]


# --------------------------------------------------------------------------- safety of the input and the output


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_refuses_the_input_as_target_also_through_links(tmp_path):
    src = make_docx(tmp_path, heading("見出し") + para(run("万全です")))
    doc = read_docx(src, Limits())
    before = sha(src)
    link = tmp_path / "link.docx"
    link.symlink_to(src)
    hard = tmp_path / "hard.docx"
    os.link(src, hard)
    for target in (src, link, hard, tmp_path / "." / "in.docx"):
        with pytest.raises(AnnotateError) as info:
            annotate_docx(src, target, doc, [finding(doc, "万全")], force=True)
        assert info.value.code == "annotate.same_as_input"
    assert sha(src) == before


def test_existing_target_needs_force_and_failed_writes_leave_nothing(tmp_path, monkeypatch):
    src = make_docx(tmp_path, heading("見出し") + para(run("万全です")))
    doc = read_docx(src, Limits())
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    with pytest.raises(AnnotateError) as info:
        annotate_docx(src, out, doc, [finding(doc, "万全")])
    assert info.value.code == "output.exists" and out.read_bytes() == b"old"

    def boom(self, target):  # python-docx saves to a path or a stream
        if hasattr(target, "write"):
            target.write(b"partial")
        else:
            Path(target).write_bytes(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", boom)
    with pytest.raises(AnnotateError) as info:
        annotate_docx(src, out, doc, [finding(doc, "万全")], force=True)
    assert info.value.code == "annotate.write_failed" and "No space left" in info.value.message("en")
    assert out.read_bytes() == b"old"  # the old file is untouched: the temp file is replaced only when complete
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.docx", "out.docx"]


def test_refuses_non_docx_documents(tmp_path):
    from disclint.readers import read

    md = tmp_path / "a.md"
    md.write_text("# 見出し\n\n万全です。\n", encoding="utf-8")
    doc = read(md)
    with pytest.raises(AnnotateError) as info:
        annotate_docx(md, tmp_path / "out.docx", doc, [])
    assert info.value.code == "annotate.not_docx"
    assert not (tmp_path / "out.docx").exists()


# --------------------------------------------------------------------------- the CLI on the bundled samples


def lint_json(run_cli, path: Path) -> list[dict]:
    res = run_cli("lint", path, "--format", "json", "--fail-level", "none")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)["files"][0]["findings"]


@pytest.mark.parametrize("sample", [SAMPLE, LO_SAMPLE], ids=["sample_draft", "libreoffice"])
def test_cli_annotates_the_samples_on_the_right_words(run_cli, tmp_path, sample):
    src = tmp_path / sample.name
    shutil.copy(sample, src)
    before, mtime = sha(src), src.stat().st_mtime_ns
    out = tmp_path / "REVIEWED.docx"
    res = run_cli("lint", src, "--annotate", out, "--fail-level", "none")
    assert res.returncode == 0, res.stderr
    assert "REVIEWED.docx" in res.stderr and "コメント" in res.stderr
    assert sha(src) == before and src.stat().st_mtime_ns == mtime
    findings = lint_json(run_cli, src)
    placed = [f for f in findings if f.get("block_index") is not None]
    com, got = comments(out), anchors(out)
    assert len(com) == len(placed) + 1
    doc = read_docx(src, Limits())
    for cid, f in enumerate(placed):
        expected = f.get("excerpt") or doc.blocks[f["block_index"]].text
        assert got[cid] == expected, (f["rule"], got[cid], expected)
        assert f["message"] in com[cid].text and f["rule"] in com[cid].text
    by_rule: dict[str, list[str]] = {}
    for cid, f in enumerate(placed):
        by_rule.setdefault(f["rule"], []).append(got[cid])
    assert "万全" in by_rule["truthfulness.absolute-claim"]
    assert {"【要記入】", "●●"} <= set(by_rule["truthfulness.placeholder"])
    doc_comment = com[len(placed)]
    assert got[len(placed)] == doc.blocks[0].text  # the title heading
    # the coverage table names the missing directives (the directive-missing rule itself is off by default)
    assert "× 記載なし" in doc_comment.text and "指示4\t× 記載なし" in doc_comment.text
    assert body_texts(out) == body_texts(src)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([src.name, "REVIEWED.docx"])  # no temp file left


def test_cli_refusals_are_one_line_exit_2(run_cli, tmp_path):
    src = tmp_path / "draft.docx"
    shutil.copy(SAMPLE, src)
    before = sha(src)
    link = tmp_path / "link.docx"
    link.symlink_to(src)
    existing = tmp_path / "exists.docx"
    existing.write_bytes(b"x")
    md = tmp_path / "draft.md"
    shutil.copy(REPO / "corpus" / "samples" / "sample_draft.md", md)
    cases = [
        ((src, "--annotate", src), "入力ファイルそのもの"),
        ((src, "--annotate", link), "入力ファイルそのもの"),
        ((src, "--annotate", existing), "--force"),
        ((md, "--annotate", tmp_path / "o.docx"), ".docx"),
        ((src, md, "--annotate", tmp_path / "o.docx"), "1 つだけ"),
        ((src, "--annotate", tmp_path / "no" / "such" / "o.docx"), "書き出せません"),
    ]
    for args, needle in cases:
        res = run_cli("lint", *args)
        assert res.returncode == 2, (args, res.stderr)
        lines = res.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("disclint: ") and needle in lines[0], (args, res.stderr)
    res = run_cli("--lang", "en", "lint", md, "--annotate", tmp_path / "o.docx")
    assert res.returncode == 2 and "Word documents (.docx) only" in res.stderr
    assert sha(src) == before and existing.read_bytes() == b"x" and not (tmp_path / "o.docx").exists()
    res = run_cli("lint", src, "--annotate", existing, "--force", "--fail-level", "none")
    assert res.returncode == 0, res.stderr
    assert len(docx.Document(str(existing)).comments) > 10


# --------------------------------------------------------------------------- LibreOffice opens the result


def soffice_convert(sources: list[Path], fmt: str, outdir: Path) -> list[Path]:
    """One LibreOffice process converts all ``sources`` (a private profile, so parallel runs do not clash)."""
    profile = outdir / "lo-profile"
    res = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    outs = [outdir / (src.stem + "." + fmt.split(":")[0]) for src in sources]
    assert res.returncode == 0 and all(o.exists() for o in outs), res.stdout + res.stderr
    return outs


ODF_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def odt_annotations(path: Path) -> list[tuple[str, str]]:
    """(comment text, anchored text) of every annotation in an ODT written by LibreOffice."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("content.xml"))
    open_: dict[str, list[str]] = {}
    bodies: dict[str, str] = {}
    out: list[tuple[str, str]] = []
    inside = 0  # depth inside an annotation's own content
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if el.tag == ODF_OFFICE + "annotation":
            if event == "start":
                bodies[el.get(ODF_OFFICE + "name", "")] = "\n".join("".join(p.itertext()) for p in el if p.tag.endswith("}p"))
                inside += 1
            else:
                inside -= 1
                open_[el.get(ODF_OFFICE + "name", "")] = []
                if el.tail:
                    for parts in open_.values():
                        parts.append(el.tail)
            continue
        if el.tag == ODF_OFFICE + "annotation-end":
            if event == "start":
                name = el.get(ODF_OFFICE + "name", "")
                out.append((bodies[name], "".join(open_.pop(name))))
            elif el.tail:
                for parts in open_.values():
                    parts.append(el.tail)
            continue
        if inside:
            continue
        text = el.text if event == "start" else el.tail
        if text:
            for parts in open_.values():
                parts.append(text)
    return out


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_libreoffice_opens_the_annotated_documents(tmp_path):
    """PDF export proves LibreOffice parses the result; its ODT keeps every comment on the same words.

    (A docx round trip through LibreOffice is not used as proof: LibreOffice's docx export drops
    comments inside text boxes although it imports them.)
    """
    body = (
        heading("見出し")
        + para(run("重要なのは太字", "<w:b/>"), run("通常の万全な文字です"))
        + table([para(run("件数")), para(run("1行目")) + para(run("前期比●●%"))])
        + para(run("本文"), textbox(para(run("箱の中の万全"))))
    )
    src = make_docx(tmp_path, body)
    doc = read_docx(src, Limits())
    fs = [finding(doc, "太字通常"), finding(doc, "万全"), finding(doc, "●●"), finding(doc, "万全", nth=1), finding(doc, "字通")]
    made, _ = annotate(tmp_path, src, fs)
    sample_out = tmp_path / "sample_out.docx"
    sdoc = read_docx(SAMPLE, Limits())
    from disclint.lint import lint

    result = lint(sdoc)
    annotate_docx(SAMPLE, sample_out, sdoc, result.findings, result.coverage)
    sample_placed = [f for f in result.findings if f.block_index is not None]
    cases = ((made, fs, doc), (sample_out, sample_placed, sdoc))
    outdir = tmp_path / "lo"
    outdir.mkdir()
    for pdf in soffice_convert([made, sample_out], "pdf", outdir):
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
    for odt, (path, placed, d) in zip(soffice_convert([made, sample_out], "odt", outdir), cases):
        notes = odt_annotations(odt)
        assert len(notes) == len(placed) + 1
        for f in placed:
            expected = f.excerpt or d.blocks[f.block_index].text
            assert any(f.message in body and joined(anchor) == expected for body, anchor in notes), f
        assert sum("disclint" in body and "指摘" in body for body, _ in notes) == 1
