"""The installed package must carry rules/, corpus/ and templates/ (non-editable install)."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _tracked(dirname, suffixes):
    return sorted(
        p.relative_to(REPO / dirname).as_posix()
        for p in (REPO / dirname).rglob("*")
        if p.is_file() and p.suffix in suffixes and "__pycache__" not in p.parts
    )


def test_wheel_contains_data_directories(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for dirname, suffixes in (("rules", {".yml", ".yaml"}), ("corpus", {".jsonl", ".md", ".docx"}), ("templates", {".j2"})):
        for rel in _tracked(dirname, suffixes):
            assert f"disclint/{dirname}/{rel}" in names, f"{dirname}/{rel} missing from the wheel"
    assert "disclint/corpus/samples/sample_draft.docx" in names
    for name in ("report.html.j2", "report.css", "report.js"):  # the lint HTML report's page
        assert f"disclint/report/templates/{name}" in names
    assert "disclint/cli/locale/ja/LC_MESSAGES/disclint-click.mo" in names  # click's messages in Japanese


def test_wheel_contains_every_module(wheel):
    # setup.cfg lists the packages one by one: a new subpackage (readers/pdf/) must be added there
    names = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "disclint"
    missing = [
        p.relative_to(REPO).as_posix()
        for p in package.rglob("*.py")
        if "__pycache__" not in p.parts and p.relative_to(REPO).as_posix() not in names
    ]
    assert missing == []


def test_installed_wheel_runs_from_any_directory(installed_wheel, tmp_path):
    target = installed_wheel
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target))
    code = (
        "import disclint, disclint.resources as r;"
        "print(disclint.__file__); print(r.data_dir('rules')); print(r.data_dir('corpus') / 'samples' / 'sample_draft.docx')"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=elsewhere, env=env)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert all(line.startswith(str(target)) for line in lines), lines
    lint = subprocess.run(
        [sys.executable, "-m", "disclint", "lint", "--fail-level", "none", lines[2]],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )
    assert lint.returncode == 0, lint.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "disclint", "nosuch"], capture_output=True, text=True, cwd=elsewhere, env=env
    )
    assert usage.returncode == 2 and "'nosuch' というコマンドはありません。" in usage.stderr, usage.stderr
