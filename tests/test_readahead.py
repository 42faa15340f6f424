"""The forked reader (disclint/readers/readahead.py): the same documents and the same errors as
reading inline, its time limit, a reader process that dies, and `disclint lint` batches giving
identical output with and without it."""

from __future__ import annotations

import json
import os
import pickle
import signal
import time

import pytest

from disclint.model.errors import DisclintError, LimitExceeded
from disclint.readers import Limits, read, readahead
from disclint.readers.readahead import ReadAhead

pytestmark = pytest.mark.skipif(not readahead.enabled(), reason="needs the fork start method (POSIX)")


@pytest.fixture
def docx_file(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("情報セキュリティへの取組み", level=1)
    d.add_paragraph("当社は、最高情報セキュリティ責任者（CISO）のもとでCSIRTを設置しております。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "標的型メール訓練"
    table.cell(0, 1).text = "年2回"
    path = tmp_path / "draft.docx"
    d.save(path)
    return path


def _blocks(doc):
    return [b.to_dict() for b in doc.blocks]


def _reader(paths, timeout=None):
    ahead = ReadAhead([str(p) for p in paths], Limits(), timeout)
    ahead.request(str(paths[0]))
    return ahead


def test_documents_are_the_same_as_read_inline(docx_file, tmp_path):
    md = tmp_path / "note.md"
    md.write_text("# 方針\n\n脆弱性診断を年1回実施しています。\n", encoding="utf-8")
    ahead = _reader([docx_file, md])
    try:
        first = ahead.take(str(docx_file))
        ahead.request(str(md))
        second = ahead.take(str(md))
    finally:
        ahead.stop()
    assert _blocks(first) == _blocks(read(docx_file)) and first.format == "docx"
    assert _blocks(second) == _blocks(read(md))
    assert any("CSIRT" in b.text for b in first.blocks)


def test_errors_come_back_as_the_inline_error(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    missing = tmp_path / "missing.docx"
    for path in (broken, missing):
        with pytest.raises(DisclintError) as inline:
            read(path)
        ahead = _reader([path])
        try:
            with pytest.raises(DisclintError) as remote:
                ahead.take(str(path))
        finally:
            ahead.stop()
        assert type(remote.value) is type(inline.value)
        assert remote.value.message("ja") == inline.value.message("ja")


def test_errors_survive_pickling_with_their_parameters():
    exc = pickle.loads(pickle.dumps(LimitExceeded("limit.pages", limit=5, pages=9)))
    assert isinstance(exc, LimitExceeded) and exc.params == {"limit": 5, "pages": 9}
    assert "5" in exc.message("en")


def test_a_slow_read_stops_at_the_time_limit(docx_file, monkeypatch):
    def slow(path, limits):
        time.sleep(30)

    monkeypatch.setattr(readahead, "read", slow)  # the forked child inherits the patch
    ahead = _reader([docx_file], timeout=0.5)
    with pytest.raises(LimitExceeded) as err:  # a 30 s sleep would return None, not raise
        ahead.take(str(docx_file))
    assert err.value.code == "limit.timeout"
    ahead.stop()


def test_a_read_stuck_where_signals_cannot_reach_is_killed(docx_file, monkeypatch):
    """Code stuck in C never sees SIGALRM: the parent stops waiting and kills the reader."""

    def stuck(path, limits):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)

    monkeypatch.setattr(readahead, "read", stuck)
    ahead = _reader([docx_file], timeout=0.5)
    pid = ahead._proc.pid
    with pytest.raises(LimitExceeded):
        ahead.take(str(docx_file))
    assert not ahead.alive
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped


def test_a_reader_that_dies_is_that_files_error_and_later_files_are_read(docx_file, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("当社は情報セキュリティ基本方針を定めています。", encoding="utf-8")
    ahead = _reader([docx_file, other])
    os.kill(ahead._proc.pid, signal.SIGKILL)
    with pytest.raises(DisclintError) as err:
        ahead.take(str(docx_file))
    assert err.value.code == "input.reader_died" and "signal 9" in err.value.message("en")
    assert not ahead.alive
    assert "情報セキュリティ基本方針" in ahead.take(str(other)).blocks[0].text  # read inline now


def test_lint_batch_output_is_identical_with_and_without_read_ahead(run_cli, docx_file, tmp_path):
    md = tmp_path / "policy.md"
    md.write_text("# 情報セキュリティ\n\n当社はサイバー攻撃に備え、万全の対策を講じています。\n", encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(docx_file.read_bytes()[:500])
    args = ("lint", "--format", "json", "--timeout", "120", str(docx_file), str(broken), str(md))
    on = run_cli(*args)
    off = run_cli(*args, env={"DISCLINT_READ_AHEAD": "0"})
    assert on.returncode == off.returncode == 2
    assert on.stderr == off.stderr
    assert [line for line in on.stderr.splitlines() if "broken.docx" in line] == [
        f"disclint: {broken}: docx として壊れています（File is not a zip file）"]
    assert json.loads(on.stdout) == json.loads(off.stdout)
    assert any(f["rule"] == "truthfulness.absolute-claim" for r in json.loads(on.stdout)["files"] for f in r["findings"])
