"""Resource limits end to end (--timeout, --max-pages, --max-unzip-mb, --max-chars, --max-file-mb)
and output safety (disclint.safeio: output-is-input refusal, atomic writes)."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from disclint.cli import RunContext, _start_document, guarded
from disclint.safeio import (
    OutputError,
    atomic_write_bytes,
    atomic_write_text,
    atomic_writer,
    check_output_path,
    same_file,
)

JA = "# 方針\n\n当社は情報セキュリティ基本方針を定め、全従業員に周知しています。\n"

# The real CLI entry point with two extra readers registered first: one that spins in Python and
# one that swallows every exception while it spins (the second stage of the timeout stops it).
SLOW_CLI = r"""
import sys, time
from disclint.registry import readers
from disclint.model.document import Block, BlockKind, Document, Location
readers.all()  # the built-in readers first, as the CLI finds them
register = readers.register

@register("spin", extensions=(".spin",), sniff=lambda h, p: p.suffix == ".spin", priority=0)
def spin(path, limits):
    while True:
        sum(range(1000))

@register("stubborn", extensions=(".stubborn",), sniff=lambda h, p: p.suffix == ".stubborn", priority=0)
def stubborn(path, limits):
    while True:
        try:
            sum(range(1000))
        except Exception:
            pass

@register("sleepy", extensions=(".sleepy",), sniff=lambda h, p: p.suffix == ".sleepy", priority=0)
def sleepy(path, limits):
    time.sleep(3600)

from disclint.cli import main
main(sys.argv[1:])
"""


def cli(*args, timeout=120, env=None):
    full = dict(os.environ, **(env or {}))
    full.pop("DISCLINT_LANG", None)
    return subprocess.run([sys.executable, "-m", "disclint", "--lang", "en", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=full)


def lines_for(stderr: str, path) -> list[str]:
    return [l for l in stderr.splitlines() if l.startswith(f"disclint: {path}: ")]


# --- --timeout ---------------------------------------------------------------------------------


def test_timeout_interrupts_slow_readers_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(JA, encoding="utf-8")
    slow = [tmp_path / "a.spin", tmp_path / "b.stubborn", tmp_path / "c.sleepy"]
    for p in slow:
        p.write_text("x")
    r = subprocess.run([sys.executable, "-c", SLOW_CLI, "--lang", "en", "extract", "--timeout", "1", *slow, good],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    for p in slow:
        (line,) = lines_for(r.stderr, p)
        assert line.endswith("processing exceeded the time limit of 1 s")
    assert not lines_for(r.stderr, good)
    assert "# " + str(good) in r.stdout and "情報セキュリティ基本方針" in r.stdout


def test_timeout_zero_means_no_limit_and_the_default_is_shown_in_help():
    r = cli("extract", "--help")
    assert "--timeout" in r.stdout and "300" in r.stdout
    ctx = RunContext(lang="en", timeout=0)
    _start_document(ctx)
    assert ctx.deadline is None


def test_guarded_shares_one_deadline_per_document_and_restores_the_signal_handler(capsys):
    import signal

    before = signal.getsignal(signal.SIGALRM)
    ctx = RunContext(lang="en", timeout=0.5)
    _start_document(ctx)
    assert guarded(ctx, "doc", lambda: "read") == "read"  # well within the budget

    def spin():
        while True:
            pass

    assert guarded(ctx, "doc", spin) is None  # the second step of the same document runs out (spin never returns)
    assert guarded(ctx, "doc", lambda: "late") is None  # budget already spent: refused at once
    err = capsys.readouterr().err.splitlines()
    assert err == ["disclint: doc: processing exceeded the time limit of 0.5 s"] * 2
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    _start_document(ctx)  # the next document gets a fresh budget
    assert guarded(ctx, "next", lambda: 42) == 42


# --- other limits, through the CLI -------------------------------------------------------------


def _pdf(pages: int) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(pages):
        c.drawString(72, 700, f"Information security policy, page {i + 1}.")
        c.showPage()
    c.save()
    return buf.getvalue()


def _docx(text: str) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return buf.getvalue()


def test_page_limit(tmp_path):
    p = tmp_path / "five.pdf"
    p.write_bytes(_pdf(5))
    assert cli("extract", p).returncode == 0
    r = cli("extract", "--max-pages", "3", p)
    assert r.returncode == 2 and lines_for(r.stderr, p) == [f"disclint: {p}: 5 pages exceed the limit of 3"]


@pytest.mark.parametrize("kind", ["docx", "xbrl-zip", "json-gz"])
def test_uncompressed_size_limit(tmp_path, kind):
    filler = "当社は情報セキュリティ基本方針を定めている。" * 40000  # ≈ 2.6 MB of UTF-8
    if kind == "docx":
        p = tmp_path / "big.docx"
        p.write_bytes(_docx(filler))
    elif kind == "xbrl-zip":
        p = tmp_path / "S100BIG.zip"
        with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("XBRL/PublicDoc/jpcrp030000-asr-001_E1-000_2025-03-31_01_2025-06-27.xbrl", "<x>" + filler + "</x>")
    else:
        p = tmp_path / "big.canonical.json.gz"
        p.write_bytes(gzip.compress(json.dumps({"facts": {}, "pad": filler}, ensure_ascii=False).encode()))
    r = cli("extract", "--max-unzip-mb", "1", p)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    (line,) = lines_for(r.stderr, p)
    assert line.endswith("uncompressed size exceeds the limit of 1 MB (possible zip bomb)")


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_character_limit(tmp_path, kind):
    body = "当社は情報セキュリティ基本方針を定めている。" * 20  # 440 characters
    p = tmp_path / f"doc.{kind}"
    if kind == "txt":
        p.write_text(body, encoding="utf-8")
    elif kind == "docx":
        p.write_bytes(_docx(body))
    else:
        p.write_bytes(_pdf(12))  # ≈ 400 characters
    assert cli("extract", "--max-chars", "100000", p).returncode == 0
    r = cli("extract", "--max-chars", "100", p)
    assert r.returncode == 2 and lines_for(r.stderr, p) == [f"disclint: {p}: the text exceeds the limit of 100 characters"]


def test_file_size_limit(tmp_path):
    p = tmp_path / "doc.txt"
    p.write_text(JA * 100, encoding="utf-8")
    r = cli("extract", "--max-file-mb", "0.001", p)
    assert r.returncode == 2 and lines_for(r.stderr, p) == [f"disclint: {p}: file size exceeds the limit of 0.001 MB"]


# --- output safety -------------------------------------------------------------------------------


def test_check_output_path_refuses_the_input_under_any_name(tmp_path):
    inp = tmp_path / "in.md"
    inp.write_text(JA, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.md"
    link.symlink_to(inp)
    chain = tmp_path / "chain.md"
    chain.symlink_to(link)
    hard = tmp_path / "hard.md"
    os.link(inp, hard)
    dirlink = tmp_path / "dirlink"
    dirlink.symlink_to(tmp_path)
    for out in (inp, link, chain, hard, dirlink / "in.md", tmp_path / "sub" / ".." / "in.md", Path(os.path.relpath(inp))):
        with pytest.raises(OutputError) as info:
            check_output_path(out, [inp])
        assert info.value.code == "output.same_as_input"
    # a symlink to the input given as the *input*, the real file as output: also the same file
    with pytest.raises(OutputError):
        check_output_path(inp, [link])
    check_output_path(tmp_path / "report.json", [inp, link])  # new file: fine
    other = tmp_path / "other.md"
    other.write_text("x")
    check_output_path(other, [inp])
    assert same_file(hard, inp) and not same_file(other, inp)


@pytest.mark.parametrize("how", ["symlink", "hardlink"])
def test_lint_refuses_an_output_that_is_an_input(tmp_path, how):
    inp = tmp_path / "draft.md"
    inp.write_text(JA, encoding="utf-8")
    out = tmp_path / "report.txt"
    if how == "symlink":
        out.symlink_to(inp)
    else:
        os.link(inp, out)
    r = cli("lint", "-o", out, "--force", inp)
    assert r.returncode == 2
    assert f"the output path is an input file: {out}" in r.stderr
    assert inp.read_text(encoding="utf-8") == JA


def test_lint_output_is_written_atomically_and_replaces_the_old_report(tmp_path):
    inp = tmp_path / "notes.md"
    inp.write_text("# 議事録\n\n本日の会議では来期の予算について話し合った。\n", encoding="utf-8")
    out = tmp_path / "report.json"
    out.write_text("old report")
    r = cli("lint", "--format", "json", "--fail-level", "none", "-o", out, "--force", inp, timeout=300)
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["path"] == str(inp)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md", "report.json"]  # no temp file left


def test_an_interrupted_write_leaves_neither_a_partial_file_nor_a_temp_file(tmp_path):
    target = tmp_path / "report.txt"

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with atomic_writer(target, "w") as fh:
            fh.write("half of the report" * 1000)
            raise Boom
    assert list(tmp_path.iterdir()) == []

    target.write_text("previous report")
    with pytest.raises(KeyboardInterrupt):
        with atomic_writer(target) as fh:
            fh.write(b"partial")
            fh.flush()
            raise KeyboardInterrupt
    assert target.read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_atomic_write_failure_inside_the_encoder_leaves_nothing(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(LookupError):
        atomic_write_text(target, "x", encoding="no-such-codec")
    assert list(tmp_path.iterdir()) == []


def test_atomic_writes_keep_the_mode_and_replace_a_symlink_not_its_target(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write_bytes(target, b"one")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.chmod(0o640)
    atomic_write_text(target, "two")
    assert target.read_text() == "two" and target.stat().st_mode & 0o777 == 0o640
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me")
    link = tmp_path / "link.txt"
    link.symlink_to(elsewhere)
    atomic_write_text(link, "new")
    assert not link.is_symlink() and link.read_text() == "new" and elsewhere.read_text() == "keep me"


def test_atomic_write_text_never_fails_on_unencodable_characters(tmp_path):
    target = tmp_path / "out.txt"
    name = os.fsdecode(b"\xff\xfe.docx")  # a file name that is not UTF-8
    atomic_write_text(target, f"{name}: lone \ud800 surrogate")
    assert target.read_bytes() == b"\xff\xfe.docx: lone \\ud800 surrogate"
