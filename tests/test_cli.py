import json

import pytest

from disclint import __version__


@pytest.fixture
def good_md(tmp_path):
    p = tmp_path / "draft.md"
    p.write_text("# 情報セキュリティ\n\n当社は情報セキュリティ基本方針を定めている。\n", encoding="utf-8")
    return p


def test_version(run_cli):
    r = run_cli("--version")
    assert r.returncode == 0 and __version__ in r.stdout


def test_help_is_japanese_by_default_and_english_on_request(run_cli):
    ja = run_cli("--help")
    en = run_cli("--lang", "en", "--help")
    assert "リンター" in ja.stdout and "extract" in ja.stdout and "lint" in ja.stdout
    assert "a linter for Japanese cybersecurity disclosures" in en.stdout
    assert "リンター" not in en.stdout


def test_click_usage_and_errors_are_localised(run_cli):
    ja = run_cli("extract", "--format", "xml", "x.docx")
    en = run_cli("--lang", "en", "extract", "--format", "xml", "x.docx")
    assert ja.returncode == en.returncode == 2
    assert "使い方:" in ja.stderr and "エラー:" in ja.stderr and "いずれでもありません" in ja.stderr
    assert "Usage:" in en.stderr and "is not one of" in en.stderr
    assert "使い方:" in run_cli("--help").stdout


def test_extract_jsonl_gives_text_kind_location(run_cli, good_md):
    r = run_cli("extract", "--format", "jsonl", good_md)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows[0]["kind"] == "heading" and rows[0]["text"] == "情報セキュリティ"
    assert rows[1]["kind"] == "paragraph"
    assert rows[1]["location"]["file"] == str(good_md)
    assert rows[1]["location"]["section"] == ["情報セキュリティ"]


def _write(path, data):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "make, expected_ja, expected_en",
    [
        (lambda d: d / "missing.docx", "ファイルが見つかりません", "file not found"),
        # a folder is walked for documents (issue 20): one with none in it is the error now
        (lambda d: (d / "photos").mkdir() or _write(d / "photos" / "a.png", b"\x89PNG\r\n\x1a\n").parent,
         "読めるファイルがありません", "no readable file"),
        (lambda d: _write(d / "empty.pdf", b""), "空のファイル", "empty"),
        (lambda d: _write(d / "blob.bin", bytes(range(256)) * 8), "対応していない形式", "unsupported format"),
    ],
    ids=["missing", "directory", "empty", "unknown-format"],
)
def test_bad_input_is_one_line_exit_2_and_batch_continues(run_cli, tmp_path, good_md, make, expected_ja, expected_en):
    bad = make(tmp_path)
    for lang, expected in (("ja", expected_ja), ("en", expected_en)):
        r = run_cli("--lang", lang, "extract", "--format", "jsonl", bad, good_md)
        assert r.returncode == 2
        error_lines = [l for l in r.stderr.splitlines() if str(bad) in l]
        assert len(error_lines) == 1, r.stderr
        assert expected in error_lines[0]
        assert "Traceback" not in r.stderr
        # the good file after the bad one was still processed
        assert any(json.loads(l)["text"] == "情報セキュリティ" for l in r.stdout.splitlines())


def test_lint_exit_code_2_for_bad_file_and_summary(run_cli, tmp_path, good_md):
    r = run_cli("lint", tmp_path / "nope.docx", good_md)
    assert r.returncode == 2
    assert "nope.docx: ファイルが見つかりません" in r.stderr


def test_usage_error_is_exit_2(run_cli):
    r = run_cli("extract", "--format", "xml", "x.docx")
    assert r.returncode == 2


def test_mixed_batch_of_malformed_real_files(run_cli, tmp_path, good_md):
    """Each bad file gets exactly one line naming it; the good file is still read; exit 2."""
    import docx
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    real_docx = tmp_path / "real.docx"
    d = docx.Document()
    d.add_paragraph("当社は情報セキュリティ委員会を設置しています。")
    d.save(real_docx)
    truncated = _write(tmp_path / "truncated.docx", real_docx.read_bytes()[:600])

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    secret = tmp_path / "secret.pdf"
    c = canvas.Canvas(str(secret), encrypt="pw")
    c.setFont("HeiseiMin-W3", 12)
    c.drawString(72, 700, "機密の開示草案")
    c.save()

    xxe = _write(
        tmp_path / "xxe.xbrl",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">&e;</xbrli:xbrl>',
    )
    bad = [truncated, secret, xxe]
    before = {p: p.read_bytes() for p in bad}
    r = run_cli("extract", "--format", "jsonl", *bad, good_md)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    for path, cause in ((truncated, "docx"), (secret, "暗号化"), (xxe, "DTD")):
        mine = [l for l in lines if l.startswith(f"disclint: {path}: ")]
        assert len(mine) == 1 and cause in mine[0], r.stderr
    assert "Traceback" not in r.stderr
    assert any(json.loads(l)["text"] == "情報セキュリティ" for l in r.stdout.splitlines())
    assert {p: p.read_bytes() for p in bad} == before  # inputs never written
