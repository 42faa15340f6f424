"""Hostile input and faults, round two (issue 21): nothing destroyed, no hang, no injection,
no traceback. Every test runs the CLI (or the real writer) on real file formats and asserts
what a user sees; each one fails on the build the issue attacked. The CLI runs in a real process
(``cli``) where the test needs one — resource limits, FIFOs and devices, signals, worker pools,
peak memory — and in this process (``cli_in_process``) otherwise."""

from __future__ import annotations

import csv
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import hanging_survey_env

JA = "# 情報セキュリティ\n\n当社は情報セキュリティ基本方針を定め、全従業員に周知しています。\n"
BOMB_YAML = "policy:\n  frameworks: [" + ", ".join(["&a [x, x, x, x, x, x, x, x, x]"] + [
    f"&{n} [{', '.join(['*' + p] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]) + "]\n"
# 9^9 ≈ 387 M strings once expanded, 383 bytes on disk, under a key the profile validator walks


def cli(*args, cwd=None, timeout=120, preexec=None, env=None):
    full = dict(os.environ, **(env or {}))
    full.pop("DISCLINT_LANG", None)
    return subprocess.run([sys.executable, "-m", "disclint", "--lang", "en", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=timeout, preexec_fn=preexec, env=full)


def cli_in_process(*args, cwd=None, env=None):
    """The same command in this process (``conftest.run_in_process``: the exit status and streams
    a user sees), for what needs no real process: no signal, resource limit, FIFO or device a
    read could block on, no worker pool."""
    from conftest import run_in_process

    return run_in_process("--lang", "en", *args, cwd=cwd, env=env)


def one_line(r: subprocess.CompletedProcess) -> str:
    """The run failed with exit 2 and exactly one ``disclint:`` line, no traceback."""
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    errors = [l for l in lines if l.startswith("disclint:") and "files, " not in l and "could not be" not in l]
    assert len(errors) >= 1 and all(l.startswith(("disclint:", "1 files", "0 files")) or "files" in l for l in lines), lines
    return errors[0]


# --- 1. nothing destroyed ----------------------------------------------------------------------


def test_lint_output_onto_a_fifo_or_through_a_link_to_a_device_is_refused_and_left_alone(tmp_path):
    doc = tmp_path / "t.md"
    doc.write_text(JA, encoding="utf-8")
    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    dev = tmp_path / "null-link"
    dev.symlink_to("/dev/null")
    for target in (fifo, dev):
        r = cli("lint", doc, "-o", target, "--force", "--timeout", "60")
        line = one_line(r)
        assert "not a regular file" in line and str(target) in line
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the FIFO, not a regular file
    assert os.path.islink(dev) and stat.S_ISCHR(os.stat(dev).st_mode)
    for opt in ("--write-baseline", "--annotate"):
        r = cli("lint", doc, opt, fifo, "--force")
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_the_atomic_writer_itself_refuses_anything_but_a_regular_file(tmp_path):
    from disclint.safeio import OutputError, atomic_write_text

    fifo = tmp_path / "f"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as exc:
        atomic_write_text(fifo, "x")
    assert exc.value.code == "output.not_regular"
    with pytest.raises(OutputError):
        atomic_write_text(tmp_path, "x")  # a directory
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and not list(tmp_path.glob(".*.tmp"))


def test_lint_output_may_not_replace_the_config_or_the_baseline_it_reads(tmp_path):
    doc = tmp_path / "t.md"
    doc.write_text(JA, encoding="utf-8")
    cfg = tmp_path / "my.toml"
    cfg.write_text('fail-level = "none"\n', encoding="utf-8")
    base = tmp_path / "base.json"
    assert cli_in_process("lint", doc, "--write-baseline", base).returncode == 0
    kept = {p: p.read_bytes() for p in (cfg, base)}
    for args in (("--config", cfg, "-o", cfg), ("--baseline", base, "-o", base), ("--config", cfg, "--write-baseline", cfg)):
        line = one_line(cli_in_process("lint", doc, *args, "--force"))
        assert "is an input" in line
    # the discovered config and the baseline it names are inputs too
    (tmp_path / ".disclint.toml").write_text('baseline = "base.json"\n', encoding="utf-8")
    for target in (tmp_path / ".disclint.toml", base):
        assert "is an input" in one_line(cli_in_process("lint", doc, "-o", target, "--force"))
    assert {p: p.read_bytes() for p in (cfg, base)} == kept


def test_write_baseline_needs_force_to_replace_an_existing_file(tmp_path):
    doc = tmp_path / "t.md"
    doc.write_text(JA, encoding="utf-8")
    base = tmp_path / "b.json"
    base.write_text("{}", encoding="utf-8")
    line = one_line(cli_in_process("lint", doc, "--write-baseline", base))
    assert "--force" in line and base.read_text() == "{}"
    assert cli_in_process("lint", doc, "--write-baseline", base, "--force").returncode == 0
    assert json.loads(base.read_text())["version"] == 1


def _small_file_limit() -> None:  # the child can write 256 bytes per file: a "full disk" for the draft
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (256, 256))


def test_draft_on_a_full_disk_keeps_the_old_file_whole(tmp_path):
    old = tmp_path / "old.md"
    old.write_text("元の下書き\n" * 10, encoding="utf-8")
    before = old.read_bytes()
    r = cli("draft", "--doc-type", "csr", "-o", old, "--force", preexec=_small_file_limit,
            env={"PYTHONDONTWRITEBYTECODE": "1"})
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert "cannot write" in r.stderr
    assert old.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.md"]


def test_draft_output_onto_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "d.md"
    os.mkfifo(fifo)
    line = one_line(cli("draft", "--doc-type", "csr", "-o", fifo, "--force"))
    assert "not a regular file" in line and stat.S_ISFIFO(os.lstat(fifo).st_mode)


# --- 1b. what may be read: no hang on a FIFO or /dev/zero ---------------------------------------


def test_a_config_baseline_that_is_a_fifo_or_dev_zero_is_one_line_not_a_hang(tmp_path):
    doc = tmp_path / "t.md"
    doc.write_text(JA, encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.json")
    for target in ("fifo.json", "/dev/zero"):
        (tmp_path / ".disclint.toml").write_text(f'baseline = "{target}"\n', encoding="utf-8")
        line = one_line(cli("lint", doc, timeout=60))
        assert "invalid baseline file" in line and "not a regular file" in line
    line = one_line(cli("lint", doc, "--isolated", "--baseline", "/dev/zero", timeout=60))
    assert "not a regular file" in line


def test_documents_profiles_and_configs_that_are_fifos_or_devices_are_refused_in_one_line(tmp_path):
    fifo = tmp_path / "b.pdf"
    os.mkfifo(fifo)
    r = cli("extract", fifo, "/dev/zero", timeout=60)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert [l for l in r.stderr.splitlines() if "not a regular file" in l] == [
        f"disclint: {fifo}: not a regular file (devices, FIFOs and the like are not read)",
        "disclint: /dev/zero: not a regular file (devices, FIFOs and the like are not read)",
    ]
    assert "not a regular file" in one_line(cli("draft", "--doc-type", "csr", "--profile", fifo, timeout=60))
    assert "not a regular file" in one_line(cli("rules", "--config", "/dev/zero", timeout=60))


# --- 2. injection ---------------------------------------------------------------------------------


def test_a_discovered_config_cannot_load_rule_code_and_isolated_ignores_it(tmp_path):
    """A ``.disclint.toml`` planted next to a third-party document: ``rule-dirs`` (rules that can
    name ``python: module:function``) is refused unless the file is named with --config, and
    ``--isolated`` ignores an ``ignore = ["all"]`` that would give a clean report."""
    docs = tmp_path / "third-party"
    (docs / "evil" / "truthfulness").mkdir(parents=True)
    (docs / "evil" / "truthfulness" / "x.yml").write_text(
        "id: truthfulness.evil\nextends: python\nquality: truthfulness\nlevel: info\npython: 'this:s'\n"
        "message: {ja: x, en: x}\nexplanation: {ja: x, en: x}\n", encoding="utf-8")
    doc = docs / "report.md"
    doc.write_text("# 情報セキュリティ\n\n当社はサイバー攻撃に対して万全の体制を構築しています。\n", encoding="utf-8")
    cfg = docs / ".disclint.toml"
    cfg.write_text('rule-dirs = ["evil"]\n', encoding="utf-8")
    r = cli_in_process("lint", doc)
    line = one_line(r)
    assert "rule-dirs" in line and str(cfg) in line and "--config" in line
    assert "Zen of Python" not in r.stdout + r.stderr  # `import this` never ran
    cfg.write_text('ignore = ["all"]\n', encoding="utf-8")
    r = cli_in_process("lint", doc, "--format", "json")
    assert json.loads(r.stdout)["files"][0]["config"] == str(cfg)  # the report names the config used
    assert json.loads(r.stdout)["files"][0]["findings"] == []
    r = cli_in_process("lint", doc, "--isolated", "--format", "json")
    data = json.loads(r.stdout)["files"][0]
    assert data["config"] is None and "truthfulness.absolute-claim" in {f["rule"] for f in data["findings"]}
    r = cli_in_process("lint", doc)
    assert f"config file: {cfg}" in r.stdout


@pytest.mark.parametrize("ignorable", ["\u00ad", "\ufe00", "\ufe0f", "\U000e0100", "\U000e01ef", "\u034f",
                                       "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\U000e0041", "\U000e007f"])
def test_default_ignorable_code_points_do_not_hide_an_absolute_claim(ignorable):
    from disclint.lint import lint
    from disclint.model.document import Block, BlockKind, Document, Location

    text = f"当社はサイバー攻撃に対して万{ignorable}全の体制を構築しています。"
    doc = Document(path="x.md", format="markdown", blocks=[
        Block(BlockKind.HEADING, "情報セキュリティ", Location("x.md", paragraph=1), level=1),
        Block(BlockKind.PARAGRAPH, text, Location("x.md", paragraph=2, section=("情報セキュリティ",))),
    ])
    from disclint.config import Config

    found = [f for f in lint(doc, config=Config(select=["truthfulness.absolute-claim"])).findings]
    assert [f.excerpt for f in found] == [f"万{ignorable}全"]  # the original text, ignorable included


def test_ignorables_through_the_cli_are_caught_with_the_original_excerpt(tmp_path):
    chars = ["\u00ad", "\ufe00", "\u034f", "\u200e", "\U000e0041"]
    doc = tmp_path / "n.md"
    doc.write_text("# 情報セキュリティ\n\n" + "".join(
        f"当社は外部からのサイバー攻撃に対して万{c}全の体制を構築しています。\n\n" for c in chars), encoding="utf-8")
    r = cli_in_process("lint", "--format", "json", "--select", "truthfulness.absolute-claim", doc)
    assert [f["excerpt"] for f in json.loads(r.stdout)["files"][0]["findings"]] == [f"万{c}全" for c in chars]


def test_escape_sequences_in_document_text_never_reach_the_terminal(tmp_path):
    doc = tmp_path / "osc.txt"
    doc.write_text("当社は情報セキュリティ方針を定めています。\x1b]0;pwned\x07\x1b[2J\x9b31m終わり\n", encoding="utf-8")
    r = cli_in_process("extract", doc)
    assert r.returncode == 0
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout and "\x9b" not in r.stdout
    assert "\\x1b]0;pwned\\x07" in r.stdout  # shown, escaped
    r = cli_in_process("map", doc, "--timeout", "120")
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout


def test_a_file_name_with_escape_or_newline_cannot_forge_error_lines(tmp_path):
    name = tmp_path / "a\x1b[31m\ndisclint: other.pdf: fine.txt"
    r = cli_in_process("extract", name)
    assert r.returncode == 2 and "\x1b" not in r.stderr
    assert r.stderr.splitlines() == [f"disclint: {tmp_path}/a\\x1b[31m\\ndisclint: other.pdf: fine.txt: file not found"]


# --- 4. blow-ups ----------------------------------------------------------------------------------


def test_a_yaml_alias_bomb_as_profile_is_refused_in_one_line(tmp_path):
    prof = tmp_path / "bomb.yml"
    prof.write_text(BOMB_YAML, encoding="utf-8")
    assert len(prof.read_bytes()) < 500
    r = cli("draft", "--doc-type", "csr", "--profile", prof, timeout=60,
            preexec=lambda: resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)))
    line = one_line(r)
    assert line == (f"disclint: {prof}: the YAML is too large once its aliases are expanded "
                    "(over 100,000 nodes, or a cycle; possible billion laughs)")


def test_yaml_alias_bombs_in_rule_dirs_and_setup_cfg_are_refused(tmp_path):
    from disclint.config import load_config
    from disclint.model.errors import ConfigError

    rules = tmp_path / "rules" / "truthfulness"
    rules.mkdir(parents=True)
    (rules / "bomb.yml").write_text(BOMB_YAML, encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text('rule-dirs = ["rules"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(cfg).rules()
    assert exc.value.code == "config.yaml_aliases"
    from disclint.resources import load_user_yaml, yaml_bomb_error

    with pytest.raises(yaml_bomb_error()):
        load_user_yaml("a: &a [*a]")  # a cycle
    assert load_user_yaml("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}  # ordinary aliases still work


# --- survey: hangs, injection, crashes -------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://127.0.0.1/x"&A1,"c")', "=1+2", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-1234", "\tTAB", "\rCR"]


def _survey_inputs(root: Path) -> Path:
    from test_survey_run import CYBER, xbrl

    docs = root / "docs"
    docs.mkdir()
    (docs / "a.xbrl").write_bytes(xbrl("=1+2株式会社", "7203", 2024, CYBER))  # a DEI company name that is a formula
    (docs / "b.xbrl").write_bytes(xbrl("みなと化成株式会社", "6301", 2024, CYBER[:2]))
    (docs / "c.xbrl").write_bytes(xbrl("さくら商事株式会社", "8001", 2024, CYBER[1:]))
    os.mkfifo(docs / "fifo.pdf")  # a folder holding a FIFO named like a document
    manifest = root / "m.csv"
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["path", "company", "securities_code", "industry", "fiscal_year", "document_type"])
        w.writerow(["docs/a.xbrl", "", "", FORMULAS[3], "", FORMULAS[4]])
        w.writerow(["docs/b.xbrl", FORMULAS[0], FORMULAS[2], "$\\frac{1}{$ 機械", "2024", FORMULAS[5]])  # bad mathtext
        # control characters (openpyxl refused them: IllegalCharacterError)
        w.writerow(["docs/c.xbrl", "\x1b[31m$x^2$ 商事\x07", "", FORMULAS[6], "", "=1+2"])
        w.writerow(["/dev/zero", "ゼロ", "1111", "", "2024", ""])
        w.writerow(["docs/fifo.pdf", "ふぃふぉ", "2222", "", "2024", ""])
    return manifest


@pytest.mark.slow
def test_survey_of_fifos_dev_zero_formulas_and_mathtext_names_gives_safe_csv_and_xlsx(tmp_path):
    manifest = _survey_inputs(tmp_path)
    run, out = tmp_path / "run", tmp_path / "out"
    r = cli("survey", "run", manifest, tmp_path / "docs", "-o", run, "--workers", "1", "-q", timeout=600)
    assert "Traceback" not in r.stderr and r.returncode == 2, r.stderr  # two documents are errors
    errors = [l for l in r.stderr.splitlines() if "not a regular file" in l]
    assert len(errors) == 2 and any("/dev/zero" in l for l in errors) and any("fifo.pdf" in l for l in errors)
    r = cli("survey", "report", run, "-o", out, timeout=600)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    cells = []
    for f in sorted(out.glob("*.csv")):
        with f.open(encoding="utf-8-sig", newline="") as fh:
            cells += [c for row in csv.reader(fh) for c in row]
    text_cells = [c for c in cells if c]
    assert not [c for c in text_cells if c[0] in "=+-@\t\r"], "a CSV cell a spreadsheet takes for a formula"
    assert "'=HYPERLINK(\"http://127.0.0.1/x\"&A1,\"c\")" in cells and "'@SUM(1+1)" in cells and "'-1234" in cells
    assert not [c for c in cells if any(ord(ch) < 0x20 and ch not in "\t\n\r" for ch in c)]
    from openpyxl import load_workbook

    wb = load_workbook(out / "survey.xlsx")
    values = [(c.value, c.data_type) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert all(dt != "f" for _, dt in values)  # no formula anywhere
    strings = {v for v, _ in values if isinstance(v, str)}
    assert FORMULAS[0] in strings and "-1234" in strings and "'-1234" not in strings  # text, no visible apostrophe
    assert "=1+2株式会社" in strings and "[31m$x^2$ 商事" in strings  # the DEI name; control characters stripped
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "\x1b" not in html and "\x07" not in html


def test_a_manifest_with_two_path_columns_or_a_nul_in_a_path_is_one_line(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(JA, encoding="utf-8")
    m = tmp_path / "m.csv"
    m.write_text("path,company,file\na.md,A社,other.md\n", encoding="utf-8")
    line = one_line(cli("survey", "run", m, "-o", tmp_path / "run", "-q"))
    assert "more than one path column (path, file)" in line
    m.write_text("path,company\n\"a\x00.md\",A社\n", encoding="utf-8")
    line = one_line(cli("survey", "run", m, "-o", tmp_path / "run2", "-q"))
    assert "NUL" in line and "line 2" in line


def test_a_manifest_that_is_a_fifo_is_one_line(tmp_path):
    m = tmp_path / "m.csv"
    os.mkfifo(m)
    line = one_line(cli("survey", "run", m, "-o", tmp_path / "run", "-q", timeout=60))
    assert "not a regular file" in line


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped"])
def test_a_damaged_survey_store_is_one_line_at_start(tmp_path, damage):
    from disclint.survey.store import Store

    run = tmp_path / "run"
    run.mkdir()
    store = Store(run)
    for i in range(300):
        store.conn.execute("INSERT INTO paths VALUES (?, ?)", (f"k{i}", "/x/" + "p" * 200))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    db = run / "survey.sqlite"
    data = bytearray(db.read_bytes())
    if damage == "garbage":
        data = bytearray(b"this is not a database" * 400)
    elif damage == "truncated":
        data = data[: len(data) // 2 + 100]
    else:
        for i in range(50):
            data[4096 + i * 97] ^= 0xFF  # 50 flipped bytes in the pages after the header
    db.write_bytes(bytes(data))
    doc = tmp_path / "a.md"
    doc.write_text(JA, encoding="utf-8")
    line = one_line(cli("survey", "run", doc, "-o", run, "-q"))
    assert "survey database is damaged" in line and str(db) in line


def test_two_survey_runs_on_one_run_dir_do_not_both_run(tmp_path):
    from disclint.survey.inputs import SurveyError
    from disclint.survey.runner import LOCK_NAME, lock_run_dir

    run = tmp_path / "run"
    run.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys, time\n"
                               f"fd = os.open({str(run / LOCK_NAME)!r}, os.O_RDWR | os.O_CREAT)\n"
                               "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        doc = tmp_path / "a.md"
        doc.write_text(JA, encoding="utf-8")
        line = one_line(cli("survey", "run", doc, "-o", run, "-q"))
        assert "another disclint survey run is using this directory" in line
        assert not (run / "survey.sqlite").exists()
    finally:
        holder.kill()
        holder.wait()
    fd = lock_run_dir(run)  # free again once the holder is gone (even killed)
    with pytest.raises(SurveyError):
        lock_run_dir(run)  # a second lock in the same process is refused too (a new open file description)
    os.close(fd)


def test_wrong_typed_or_negative_rule_options_are_one_config_error_at_start(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(JA, encoding="utf-8")
    cfg = tmp_path / "c.toml"
    for value in ("-1", '"abc"', "[1]", "true"):
        cfg.write_text(f'[rules."understandability.sentence-length"]\nmax = {value}\n', encoding="utf-8")
        line = one_line(cli_in_process("lint", "--config", cfg, doc, doc))
        assert line.startswith(f"disclint: {cfg}: bad value for 'rules.understandability.sentence-length.max'")


# --- 3. crashes -> one line ------------------------------------------------------------------------

CYBER_DOC = ["情報セキュリティ", "当社はサイバー攻撃に対して万全の体制を構築しています。", "当社はCSIRTを設置しています。"]


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading(CYBER_DOC[0], level=1)
    for p in CYBER_DOC[1:]:
        d.add_paragraph(p)
    d.save(str(path))
    return path


def _rewrite_zip(path: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts.update(change)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_annotate_on_a_docx_with_a_non_numeric_comment_id_is_one_line(tmp_path):
    import docx

    src = tmp_path / "c.docx"
    d = docx.Document()
    d.add_heading(CYBER_DOC[0], level=1)
    para = d.add_paragraph(CYBER_DOC[1])
    d.add_comment(para.runs, text="既存のコメント", author="査読者")
    d.save(str(src))
    with zipfile.ZipFile(src) as zf:
        comments = zf.read("word/comments.xml").replace(b'w:id="0"', b'w:id="abc"')
    _rewrite_zip(src, {"word/comments.xml": comments})
    before = src.read_bytes()
    out = tmp_path / "o.docx"
    line = one_line(cli_in_process("lint", src, "--annotate", out))
    assert line.startswith(f"disclint: cannot open {src} as a Word document (ValueError")
    assert not out.exists() and src.read_bytes() == before


def _liar_docx(path: Path, mb: int) -> Path:
    """A readable docx with an image part (reached through the document's relationships, so
    python-docx loads it) that declares 1 KB but inflates to ``mb`` MB (streamed, never in memory)."""
    path.parent.mkdir(exist_ok=True)
    _docx(path)
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/image" Target="media/big.png"/></Relationships>')
    if b'Extension="png"' not in parts["[Content_Types].xml"]:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>')
    size = 4 + mb * 1024 * 1024
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
        with zf.open("word/media/big.png", "w") as fh:
            fh.write(b"\x89PNG")
            chunk = bytes(1024 * 1024)
            for _ in range(mb):
                fh.write(chunk)
    data = bytearray(path.read_bytes())
    real, fake = size.to_bytes(4, "little"), (1024).to_bytes(4, "little")
    i = 0
    while (i := data.find(real, i)) != -1:  # the uncompressed-size fields of both headers
        data[i:i + 4] = fake
        i += 4
    path.write_bytes(bytes(data))
    return path


_RSS_WRAPPER = ("import resource, subprocess, sys\n"
                "r = subprocess.run(sys.argv[2:])\n"
                "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
                "sys.exit(r.returncode)\n")


def peak_rss_run(tmp_path: Path, *args) -> tuple[subprocess.CompletedProcess, float]:
    """Run the CLI and return its result and its own peak RSS in MB (a wrapper process reads
    ``RUSAGE_CHILDREN`` after its only child ended)."""
    env = dict(os.environ)
    env.pop("DISCLINT_LANG", None)
    rss = tmp_path / "rss.txt"
    r = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, rss, sys.executable, "-m", "disclint", "--lang", "en", *map(str, args)],
                       capture_output=True, text=True, env=env, timeout=300)
    return r, int(rss.read_text()) / 1024


@pytest.mark.slow
def test_annotate_and_draft_insert_never_inflate_a_docx_part_that_lies_about_its_size(tmp_path):
    """python-docx inflated every part itself (2.6 GB from a docx under --max-unzip-mb 5):
    the parts now go through the unzip guard first and the lie is found after 1 KB."""
    src = _liar_docx(tmp_path / "in" / "liar.docx", 1200)
    assert src.stat().st_size < 3 * 1024 * 1024
    out = tmp_path / "o.docx"
    r, peak = peak_rss_run(tmp_path, "lint", src, "--annotate", out, "--max-unzip-mb", "5")
    line = one_line(r)
    assert f"cannot open {src} as a Word document" in line and "word/media/big.png" in line
    assert peak < 1000, f"peak RSS {peak:.0f} MB"
    assert not out.exists()
    r, peak = peak_rss_run(tmp_path, "draft", "--doc-type", "csr", "--missing-from", src, "--insert", "-o", out)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "word/media/big.png" in r.stderr.splitlines()[-1] and not out.exists()
    assert peak < 1000, f"peak RSS {peak:.0f} MB"


def test_annotate_on_a_full_disk_is_one_line_and_leaves_nothing(tmp_path):
    src = _docx(tmp_path / "d.docx")
    out = tmp_path / "o.docx"
    r = cli("lint", src, "--annotate", out, preexec=_small_file_limit, env={"PYTHONDONTWRITEBYTECODE": "1"})
    assert r.returncode == 2 and "Traceback" not in r.stderr and "Exception ignored" not in r.stderr, r.stderr
    assert [l for l in r.stderr.splitlines() if "cannot write the annotated copy" in l]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.docx"]


def test_map_jsonl_on_a_missing_file_a_directory_a_fifo_or_invalid_utf8_is_one_line_each(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes('{"id": 1, "text": "当社はCSIRTを設置しています。"}\n'.encode() + b"\xff\xfe\n")
    fifo = tmp_path / "f.jsonl"
    os.mkfifo(fifo)
    r = cli("map", "--input-format", "jsonl", tmp_path / "nope.jsonl", tmp_path, fifo, bad, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        f"disclint: {tmp_path / 'nope.jsonl'}: cannot read the file (not found)",
        f"disclint: {tmp_path}: cannot read the file (is a directory)",
        f"disclint: {fifo}: cannot read the file (not a regular file)",
        f"disclint: {bad}: line 2 is not valid JSON (not UTF-8: invalid start byte)",
    ]
    assert json.loads(r.stdout)["id"] == 1  # the good line of the file is still mapped


def test_eval_with_non_integer_directives_is_one_line_per_row(tmp_path):
    gold = tmp_path / "g.jsonl"
    rows = [{"id": "a", "text": "当社はCSIRTを設置しています。", "directives": ["abc"]},
            {"id": "b", "text": "当社はCSIRTを設置しています。", "directives": [1.5]},
            {"id": "c", "text": "当社はCSIRTを設置しています。", "directives": "7"},
            {"id": "d", "text": "当社はCSIRTを設置しています。", "directives": [7]}]
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    r = cli_in_process("eval", gold)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert [l.split(": ", 2)[2] for l in r.stderr.splitlines()] == [
        "directives of id a must be a list of integers 1-10: ['abc']",
        "directives of id b must be a list of integers 1-10: [1.5]",
        "directives of id c must be a list of integers 1-10: 7",
    ]
    assert "F1" in r.stdout  # the good row was evaluated


@pytest.mark.parametrize("address", ["tcp://", "tcp://host:notaport", "foo://bar", "::::", "tcp://127.0.0.1:99999"])
def test_malformed_dask_addresses_are_one_line_before_connecting(tmp_path, address):
    pytest.importorskip("distributed")
    doc = tmp_path / "a.md"
    doc.write_text(JA, encoding="utf-8")
    line = one_line(cli("survey", "run", doc, "-o", tmp_path / "run", "-q", "--engine", "dask", "--scheduler", address, timeout=60))
    assert line.startswith(f"disclint: invalid Dask scheduler address: {address} (")


@pytest.mark.parametrize("body, reason", [
    ("{{ 'x'*3000000000 }}", "a sequence of more than 1,000,000 items"),
    ("{{ 'x'|center(3000000000) }}", "a width or count over 1,000,000"),
    ("{{ 'x'.ljust(3000000000) }}", "a width or count over 1,000,000"),
    ("{{ 7**100000000 }}", "an exponent over 1000"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "more than 2,000,000 loop iterations"),
    ("{% for i in range(99999) %}{{ 'y'*99 }}{% endfor %}", "more than 2,000,000 characters of output"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "recursion too deep"),
    ("{% include 'csr/_intro.md.j2' %}", "recursion too deep"),
])
def test_user_templates_hit_output_loop_and_recursion_limits_in_one_line(tmp_path, body, reason):
    tpl = tmp_path / "tpl" / "csr"
    tpl.mkdir(parents=True)
    (tpl / "_intro.md.j2").write_text(body, encoding="utf-8")
    r = cli("draft", "--doc-type", "csr", "--templates", tmp_path / "tpl", timeout=120,
            preexec=lambda: resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)))
    line = one_line(r)
    assert line.startswith("disclint: template csr/_intro.md.j2, line ") and reason in line


def test_ordinary_template_arithmetic_and_loops_still_render(tmp_path):
    tpl = tmp_path / "tpl" / "csr"
    tpl.mkdir(parents=True)
    (tpl / "_intro.md.j2").write_text("# 見出し\n\n{{ '-' * 3 }} {{ 2 ** 10 }} {% for i in range(3) %}{{ i }}{% endfor %} {{ range(4)|length }}\n",
                                      encoding="utf-8")
    r = cli_in_process("draft", "--doc-type", "csr", "--templates", tmp_path / "tpl")
    assert r.returncode == 0, r.stderr
    assert "--- 1024 012 4" in r.stdout


# --- 4. blow-ups from tiny files -------------------------------------------------------------------

SPAN_TABLE = "<table><tr>" + "".join(f'<td rowspan="2147483647" colspan="2147483647">セル{i}</td>' for i in range(50)) + "</tr></table>"


def _limited_memory() -> None:  # 1.5 GB of address space: the old span grid died here at once
    resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))


@pytest.mark.parametrize("kind", ["html", "xbrl"])
def test_a_tiny_table_with_huge_rowspan_and_colspan_is_read_in_little_memory(tmp_path, kind):
    """50 cells of rowspan=colspan=2^31-1 in 3 KB: 6.8 GB and 50-100 s before (a set of every
    covered grid position); now the spans are column intervals and rowspans stop at the table's
    last row."""
    if kind == "html":
        path = tmp_path / "span.html"
        path.write_text(f"<html><body><p>当社は情報セキュリティ方針を定めています。</p>{SPAN_TABLE}</body></html>", encoding="utf-8")
    else:
        from test_survey_run import xbrl

        body = xbrl("スパン株式会社", "7203", 2024, ["当社はCSIRTを設置しています。"]).decode()
        import html as htmllib

        body = body.replace("</jpcrp_cor:BusinessRisksTextBlock>", htmllib.escape(SPAN_TABLE, quote=False) + "</jpcrp_cor:BusinessRisksTextBlock>")
        path = tmp_path / "span.xbrl"
        path.write_text(body, encoding="utf-8")
    assert path.stat().st_size < 8000
    r = cli("extract", "--format", "jsonl", "--timeout", "60", path, timeout=120, preexec=_limited_memory)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    cells = [json.loads(l) for l in r.stdout.splitlines() if json.loads(l)["kind"] == "table_cell"]
    assert [c["text"] for c in cells] == [f"セル{i}" for i in range(50)]
    # every cell is in row 1; each starts after the previous one's (clamped) 1000 columns
    assert [(c["location"]["row"], c["location"]["column"]) for c in cells] == [(1, 1 + 1000 * i) for i in range(50)]


def test_rowspans_from_earlier_rows_still_push_cells_right():
    from disclint.readers.html import html_to_blocks

    table = ("<table><tr><td rowspan='2'>A</td><td>B</td><td rowspan='3'>C</td></tr>"
             "<tr><td>D</td></tr><tr><td>E</td><td>F</td></tr></table>")
    blocks = html_to_blocks(f"<html><body>{table}</body></html>", "t.html")
    got = [(b.text, b.location.row, b.location.column) for b in blocks if b.kind.value == "table_cell"]
    assert got == [("A", 1, 1), ("B", 1, 2), ("C", 1, 3), ("D", 2, 2), ("E", 3, 1), ("F", 3, 2)]


def test_folding_hard_wrapped_lines_gives_exactly_what_join_wrapped_gives():
    """The text reader folds a paragraph's lines without rebuilding its text for every line
    (quadratic: 1 M lines > 200 s); the result must be the same as the pairwise join."""
    import random

    from disclint.model.document import BlockKind
    from disclint.readers.layout import Raw, join_wrapped
    from disclint.readers.text import _Para

    pieces = ["a", "b", " ", "\t", "\u3000", "あ", "。", "x y", "", "  ", "漢", "Ｂ"]
    rng = random.Random(21)
    for n in [*range(1, 13)] * 300 + [9000, 9001]:
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(n)]
        expected = lines[0]
        for line in lines[1:]:
            expected = join_wrapped(expected, line)
        para = _Para(Raw(BlockKind.PARAGRAPH, lines[0], {}), lines[0])
        for line in lines[1:]:
            para.add(line)
        assert para.flush().text == expected


# --- 5. survey faults --------------------------------------------------------------------------------


def _processes_with(marker: str) -> list[int]:
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if marker.encode() in (d / "environ").read_bytes():
                    found.append(int(d.name))
            except OSError:
                continue
    return found


@pytest.mark.slow
def test_kill_9_of_survey_run_leaves_no_worker_behind(tmp_path):
    import time
    import uuid

    from test_survey_run import CYBER, xbrl

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(4):
        (docs / f"d{i}.xbrl").write_bytes(xbrl(f"会社{i}株式会社", f"{7000 + i}", 2024, CYBER, filler=40))
    marker = f"DISCLINT_KILL_TEST={uuid.uuid4().hex}"
    # the last document never finishes (tests/blocking_worker): the run surely still has its workers
    env = dict(hanging_survey_env("d3.xbrl"), DISCLINT_KILL_TEST=marker.split("=", 1)[1])
    main = subprocess.Popen([sys.executable, "-m", "disclint", "survey", "run", docs, "-o", tmp_path / "run", "--workers", "2", "-q"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(_processes_with(marker)) < 4 and time.monotonic() < deadline:  # main, forkserver, workers
            time.sleep(0.5)
        assert len(_processes_with(marker)) >= 4
        time.sleep(2)
    finally:
        main.kill()
        main.wait()
    deadline = time.monotonic() + 30
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.5)
    left = _processes_with(marker)
    for pid in left:  # do not leave them to the next test either
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    assert left == []


def test_a_stale_report_temp_dir_is_removed_by_the_next_report(tmp_path):
    import time

    from disclint.survey.report import _remove_stale_temp_dirs

    out = tmp_path / "out"
    old = tmp_path / ".out.abc123.tmp"
    (old / "charts").mkdir(parents=True)
    (old / "documents.csv").write_text("x")
    young = tmp_path / ".out.def456.tmp"
    young.mkdir()
    other = tmp_path / ".other.abc.tmp"
    other.mkdir()
    past = time.time() - 7200
    for p in (old, other):
        os.utime(p, (past, past))
    _remove_stale_temp_dirs(out)
    assert not old.exists() and young.exists() and other.exists()  # another OUT's temp dir is not ours


@pytest.mark.slow
def test_a_rerun_keeps_the_metadata_of_the_first_manifest_row_for_duplicated_content(tmp_path):
    import shutil
    import sqlite3

    from test_survey_run import CYBER, xbrl

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.xbrl").write_bytes(xbrl("あおば精機株式会社", "7203", 2024, CYBER))
    shutil.copyfile(docs / "a.xbrl", docs / "copy.xbrl")
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,company,industry\ndocs/a.xbrl,一行目の会社,輸送用機器\ndocs/copy.xbrl,二行目の会社,機械\n", encoding="utf-8")
    run = tmp_path / "run"

    def recorded():
        with sqlite3.connect(run / "survey.sqlite") as conn:
            return conn.execute("SELECT company, industry FROM documents").fetchall()

    assert cli("survey", "run", manifest, "-o", run, "--workers", "1", "-q", timeout=600).returncode == 0
    first = recorded()
    assert first == [("一行目の会社", "輸送用機器")]
    assert cli("survey", "run", manifest, "-o", run, "--workers", "1", "-q", timeout=600).returncode == 0
    assert recorded() == first


@pytest.mark.slow
def test_a_dask_scheduler_that_accepts_and_never_answers_is_one_line_not_a_hang(tmp_path):
    import socket
    import threading

    pytest.importorskip("distributed")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.5)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])  # accept, never answer
            except OSError:
                continue

    threading.Thread(target=accept, daemon=True).start()
    try:
        doc = tmp_path / "a.md"
        doc.write_text(JA, encoding="utf-8")
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        line = one_line(cli("survey", "run", doc, "-o", tmp_path / "run", "-q", "--engine", "dask", "--scheduler", address,
                            "--connect-timeout", "3", timeout=150))
        assert line == f"disclint: cannot start the engine (no answer from {address} within 3 s)"
    finally:
        stop.set()
        for c in held:
            c.close()
        server.close()


def _one_page_pdf(path: Path, stream: bytes) -> Path:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.7\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(out)
    return path


def test_pdf_content_streams_with_millions_of_operators_or_a_flate_bomb_are_refused(tmp_path):
    """30 KB holding 3 M text operators: 24 s and 1.8 GB before (5.9 GB through lint); a 3 MB
    Flate bomb content stream: 4.2 GB. Both are refused before PDFium parses the page."""
    import zlib

    ops = _one_page_pdf(tmp_path / "ops.pdf", zlib.compress(b"BT /F1 1 Tf " + b"(a) Tj " * 3_000_000 + b"ET", 9))
    z = zlib.compressobj(9)
    bomb_stream = z.compress(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n")
    for _ in range(80):
        bomb_stream += z.compress(b" " * (1 << 20))
    bomb_stream += z.flush()
    bomb = _one_page_pdf(tmp_path / "bomb.pdf", bomb_stream)
    assert ops.stat().st_size < 100_000 and bomb.stat().st_size < 200_000
    r = cli("extract", "--max-unzip-mb", "50", ops, bomb, preexec=_limited_memory)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.splitlines() == [
        f"disclint: {ops}: a PDF content stream holds more than 200,000 text operators (the limit)",
        f"disclint: {bomb}: uncompressed size exceeds the limit of 50 MB (possible zip bomb)",
    ]
    ok = _one_page_pdf(tmp_path / "ok.pdf", zlib.compress(b"BT /F1 12 Tf 72 720 Td (Security policy) Tj ET"))
    r = cli("extract", ok)
    assert r.returncode == 0 and "Security policy" in r.stdout


def test_survey_run_on_a_full_disk_is_one_line(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(JA, encoding="utf-8")

    def tiny_files() -> None:  # 20 KB per file: the database cannot grow
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    run = tmp_path / "run"
    line = one_line(cli("survey", "run", doc, "-o", run, "-q", "--workers", "1", preexec=tiny_files,
                        env={"PYTHONDONTWRITEBYTECODE": "1"}, timeout=300))
    assert line.startswith(f"disclint: cannot write the survey database {run / 'survey.sqlite'} (")
