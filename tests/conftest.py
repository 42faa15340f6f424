import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def run_cli():
    """Run the real ``disclint`` entry point in a subprocess (what a user types)."""

    def run(*args, cwd=None, env=None, input=None):
        full_env = dict(os.environ)
        full_env.pop("DISCLINT_LANG", None)
        full_env.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "disclint", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=full_env,
            input=input,
            timeout=300,
        )

    return run


@pytest.fixture
def write(tmp_path):
    """Write text (encoded) or bytes to a file in the test's tmp dir and return its path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8"):
        p = tmp_path / name
        p.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return p

    return _write


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    """The disclint wheel, built once per test session from a copy of the tracked tree (so the
    test neither writes into the checkout nor depends on leftovers there). No network: the
    venv's setuptools builds it."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True, text=True)
    if files.returncode != 0:
        pytest.skip("not a git checkout")
    build = tmp_path_factory.mktemp("src")
    for name in files.stdout.splitlines():
        src = REPO / name
        if src.is_file():
            dst = build / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(src.read_bytes())
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(build)],
        capture_output=True, text=True,
    )
    assert r.returncode == 0, r.stderr
    wheels = list(out.glob("disclint-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


@pytest.fixture(scope="session")
def installed_wheel(wheel, tmp_path_factory):
    """A non-editable install of the wheel into its own folder (use it with PYTHONPATH)."""
    target = tmp_path_factory.mktemp("site")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        capture_output=True, text=True,
    )
    assert r.returncode == 0, r.stderr
    return target


@pytest.fixture
def invoke():
    """Run a disclint command in this process (click's CliRunner): no interpreter start-up and
    the process's one mapper is shared by every test. Returns click's Result (exit_code,
    stdout, stderr). ``--lang en`` as the first arguments chooses English, as on the command line."""
    from click.testing import CliRunner

    from disclint.cli import build_cli

    def run(*args, lang="ja"):
        args = [str(a) for a in args]
        if args[:2] == ["--lang", "en"]:
            lang = "en"
        runner = CliRunner()
        return runner.invoke(build_cli(lang), args, catch_exceptions=False)

    return run
