"""A non-editable install drafts from its own templates (package data ``disclint.templates``)."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def installed(wheel, installed_wheel):
    return wheel, installed_wheel


def test_wheel_carries_the_draft_package_and_templates(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "disclint/draft/__init__.py", "disclint/draft/commands.py", "disclint/templates/__init__.py",
        "disclint/templates/_macros.j2", "disclint/templates/common/d07.md.j2", "disclint/templates/yuho-risk/_intro.md.j2",
        "disclint/templates/profiles/example-complete.yml",
    ):
        assert name in names, name


def test_installed_draft_runs_from_any_directory(installed, tmp_path):
    _, target = installed
    env = dict(os.environ, PYTHONPATH=str(target))
    env.pop("DISCLINT_LANG", None)
    run = lambda *a: subprocess.run([sys.executable, "-m", "disclint", *map(str, a)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run("init", "--example", "-o", "p.yml").returncode == 0
    r = run("draft", "--doc-type", "cg", "--profile", "p.yml", "--directives", "7", "-o", "out.docx")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out.docx").stat().st_size > 5000
    r = run("draft", "--doc-type", "cg", "--profile", "p.yml", "--directives", "7")
    assert "ASAGI-CSIRT" in r.stdout
