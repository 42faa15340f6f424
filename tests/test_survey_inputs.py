"""disclint survey: inputs, manifests, the SQLite store and one-line errors (no GiNZA needed)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from disclint.i18n import MESSAGES
from disclint.survey.inputs import SurveyError, collect, fiscal_year_from, hash_tasks, normalize_code, read_manifest
from disclint.survey.runner import prepare_run_dir
from disclint.survey.store import Store
from disclint.survey.worker import merge_metadata, quality_rows


def write(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def test_every_survey_message_has_both_languages():
    keys = [k for k in MESSAGES if k.startswith("survey.")]
    assert len(keys) > 20
    for k in keys:
        assert MESSAGES[k]["ja"] and MESSAGES[k]["en"], k


@pytest.mark.parametrize("raw, code", [("72030", "7203"), ("7203", "7203"), ("７２０３", "7203"), ("130A0", "130A"), ("", "")])
def test_normalize_code(raw, code):
    assert normalize_code(raw) == code


@pytest.mark.parametrize("raw, year", [("2024", 2024), ("2025年3月期", 2025), ("FY2023", 2023), ("2025-03-31", 2025), ("２０２４年度", 2024), ("x", None), (None, None)])
def test_fiscal_year(raw, year):
    assert fiscal_year_from(raw) == year


def test_manifest_japanese_headers_cp932_and_relative_paths(tmp_path):
    write(tmp_path / "docs" / "a.pdf", b"%PDF-1.4 x")
    text = "ファイル,会社名,証券コード,東証33業種,年度,書類種別\ndocs/a.pdf,みなと精機株式会社,７２０３,機械,2025年3月期,有価証券報告書\n"
    m = write(tmp_path / "m.csv", text, "cp932")
    [task] = read_manifest(m)
    assert Path(task.path) == tmp_path / "docs" / "a.pdf"
    assert task.meta == {"company": "みなと精機株式会社", "securities_code": "7203", "industry": "機械", "fiscal_year": 2025, "document_type": "有価証券報告書"}


def test_manifest_empty_cells_are_left_to_the_document(tmp_path):
    m = write(tmp_path / "m.csv", "\ufeffpath,company,securities_code,industry,fiscal_year\nx.xbrl,,,化学,\n")
    [task] = read_manifest(m)
    assert task.meta == {"industry": "化学"}
    meta, source = merge_metadata(task.meta, {"company": "テスト化学株式会社", "securities_code": "41230", "fiscal_year_end": "2025-03-31", "title": "有価証券報告書"})
    assert meta == {"company": "テスト化学株式会社", "securities_code": "4123", "fiscal_year": 2025, "document_type": "有価証券報告書", "industry": "化学"}
    assert source["industry"] == "manifest" and source["company"] == "document"


@pytest.mark.parametrize(
    "content, key",
    [
        ("company,industry\nA,B\n", "survey.manifest_no_path"),
        ("path,fiscal_year\na.pdf,去年\n", "survey.manifest_bad_year"),
        ("path,company\na.pdf,A,extra\n", "survey.manifest_columns"),
        ("path,company\n,A\n", "survey.manifest_no_file"),
        ("\n\n", "survey.manifest_empty"),
    ],
)
def test_bad_manifests(tmp_path, content, key):
    m = write(tmp_path / "m.csv", content)
    with pytest.raises(SurveyError) as info:
        read_manifest(m)
    assert info.value.code == key
    for lang in ("ja", "en"):
        msg = info.value.message(lang)
        assert "\n" not in msg and "{" not in msg


def test_manifest_not_decodable(tmp_path):
    m = write(tmp_path / "m.csv", b"path\n\x81\xff\xfe\n")
    with pytest.raises(SurveyError) as info:
        read_manifest(m)
    assert info.value.code == "survey.manifest_encoding"


def test_collect_scans_folders_skips_other_files_and_the_run_dir(tmp_path):
    write(tmp_path / "in" / "a.pdf", b"%PDF-1.4 a")
    write(tmp_path / "in" / "sub" / "b.XBRL", b"<x/>")
    write(tmp_path / "in" / "notes.txt", b"text")
    write(tmp_path / "in" / "~$lock.docx", b"x")
    write(tmp_path / "in" / "run" / "c.pdf", b"%PDF-1.4 c")
    write(tmp_path / "in" / "sub" / "memo.TXT", b"text")
    skipped = Counter()
    tasks = collect([str(tmp_path / "in")], exclude=tmp_path / "in" / "run", skipped=skipped)
    assert sorted(Path(t.path).name for t in tasks) == ["a.pdf", "b.XBRL"]
    assert skipped == {".txt": 2}  # counted for the user's note; lock files are not counted
    assert [Path(t.path).name for t in collect([str(tmp_path / "in" / "notes.txt")])] == ["notes.txt"]  # by name: taken


def test_cli_says_which_files_in_a_folder_it_skipped(run_cli, tmp_path):
    write(tmp_path / "in" / "policy.txt", "当社は情報セキュリティ基本方針を定めています。")
    write(tmp_path / "in" / "readme.md", "# memo")
    r = run_cli("survey", "run", tmp_path / "in", "-o", tmp_path / "run", "-q")
    assert r.returncode == 2
    assert "フォルダ内の対象外のファイル 2 件を読み飛ばしました（.md 1, .txt 1" in r.stderr
    assert "調べる文書がありません" in r.stderr


def test_collect_merges_manifest_metadata_for_a_path_also_found_in_a_folder(tmp_path):
    write(tmp_path / "in" / "a.pdf", b"%PDF-1.4 a")
    m = write(tmp_path / "m.csv", "path,company\nin/a.pdf,Ａ社\n")
    tasks = collect([str(tmp_path / "in"), str(m)])
    assert len(tasks) == 1 and tasks[0].meta == {"company": "Ａ社"}


def test_missing_input_is_fatal_and_missing_manifest_file_is_a_document_error(tmp_path):
    with pytest.raises(SurveyError) as info:
        collect([str(tmp_path / "nope")])
    assert info.value.code == "survey.input_not_found"
    m = write(tmp_path / "m.csv", "path\ngone.pdf\n")
    tasks = collect([str(m)])
    hash_tasks(tasks)
    assert tasks[0].sha256 is None and tasks[0].error == ("input.not_found", {})


def test_hash_is_sha256_of_the_content(tmp_path):
    import hashlib

    p = write(tmp_path / "a.pdf", b"%PDF-1.4 " + b"x" * 3_000_000)
    [t] = collect([str(p)])
    hash_tasks([t])
    assert t.sha256 == hashlib.sha256(p.read_bytes()).hexdigest() and t.size == p.stat().st_size


def test_run_dir_rules(tmp_path):
    write(tmp_path / "full" / "x.txt", "x")
    with pytest.raises(SurveyError) as info:
        prepare_run_dir(tmp_path / "full", ())
    assert info.value.code == "survey.run_dir_not_survey"
    f = write(tmp_path / "file", "x")
    with pytest.raises(SurveyError):
        prepare_run_dir(f, ())
    prepare_run_dir(tmp_path / "new" / "run", ())
    assert (tmp_path / "new" / "run").is_dir()


def _result(key: str, n_findings: int = 2) -> dict:
    return {
        "key": key,
        "document": {"sha256": key, "path": f"/x/{key}.pdf", "status": "ok", "company": "Ａ社", "fiscal_year": 2024},
        "coverage": [{"kind": "directive", "item": str(d), "status": "covered", "best_score": 0.9, "passages": 1} for d in range(1, 11)],
        "quality": quality_rows([{"quality": "relevance", "level": "warning", "block_index": 0}], lambda i: True, 1000),
        "findings": [{"rule": "r", "level": "info", "message": "m", "quality": "relevance"}] * n_findings,
        "timings": {"total": 1.0},
    }


def test_store_one_transaction_per_document(tmp_path):
    store = Store(tmp_path)
    run = store.start_run("0.1.0", "abc", ["r"], "local", 1, {})
    store.save(_result("k1"), run, "0.1.0", "abc")
    bad = _result("k2")
    bad["findings"] = [{"rule": "r"}]  # missing fields: fails half-way through the inserts
    with pytest.raises(KeyError):
        store.save(bad, run, "0.1.0", "abc")
    store.close()
    conn = sqlite3.connect(tmp_path / "survey.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [r[0] for r in conn.execute("SELECT key FROM documents")] == ["k1"]
    assert conn.execute("SELECT COUNT(*) FROM coverage WHERE key = 'k2'").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM findings WHERE key = 'k1'").fetchone()[0] == 2
    stored = conn.execute("SELECT score FROM quality WHERE key = 'k1' AND quality = 'relevance'").fetchone()[0]
    expected = next(r["score"] for r in _result("k1")["quality"] if r["quality"] == "relevance")
    assert stored == expected < 100  # the store keeps the score quality_rows computed


def test_saving_again_replaces_the_document_rows(tmp_path):
    store = Store(tmp_path)
    run = store.start_run("0.1.0", "abc", [], "local", 1, {})
    store.save(_result("k1", 3), run, "0.1.0", "abc")
    store.save(_result("k1", 1), run, "0.1.0", "abc")
    assert store.rows("SELECT COUNT(*) FROM findings")[0][0] == 1
    assert store.rows("SELECT COUNT(*) FROM coverage")[0][0] == 10
    assert store.done_keys() == {"k1"}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_cli_bad_manifest_is_one_line(run_cli, tmp_path, lang):
    m = write(tmp_path / "m.csv", "company\nA\n")
    r = run_cli("--lang", lang, "survey", "run", m, "-o", tmp_path / "run")
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("disclint: ")
    assert ("path 列" if lang == "ja" else "no path column") in lines[0]
    assert not (tmp_path / "run" / "survey.sqlite").exists()


def test_cli_shorthand_without_run_and_dask_needs_a_scheduler(run_cli, tmp_path):
    write(tmp_path / "a.pdf", b"%PDF-1.4 x")
    r = run_cli("--lang", "en", "survey", tmp_path / "a.pdf", "-o", tmp_path / "run", "--engine", "dask")
    assert r.returncode == 2 and r.stderr.strip() == "disclint: --engine dask needs --scheduler tcp://HOST:PORT"


def test_cli_report_errors(run_cli, tmp_path):
    r = run_cli("--lang", "en", "survey", "report", tmp_path / "none", "-o", tmp_path / "out")
    assert r.returncode == 2 and r.stderr.strip().startswith("disclint: no survey results")
    assert not (tmp_path / "out").exists()


def test_progress_is_plain_text_with_rate_and_eta():
    import io

    from disclint.survey.engine import Progress

    out = io.StringIO()
    p = Progress(0, stream=out)
    p.start(40)
    for i in range(40):
        p.update(ok=i != 3)
    p.close()
    lines = out.getvalue().splitlines()
    assert 2 <= len(lines) <= 22  # not a line per document when not on a terminal
    assert lines[-1].startswith("[" + "#" * 24 + "] 40/40 100.0%") and "ETA 0:00:00" in lines[-1] and "!1" in lines[-1]
    quiet = io.StringIO()
    q = Progress(0, stream=quiet, enabled=False)
    q.start(5)
    q.update()
    assert quiet.getvalue() == ""
