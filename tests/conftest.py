import os
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent

# Hypothesis by default fails an example that takes over 200 ms (deadline) and a test whose data
# is slow to generate (health check too_slow): both depend on the machine and its load. A test may
# still set its own settings; what it does not set comes from this profile.
settings.register_profile("disclint", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("disclint")


@dataclass
class CliRun:
    """What a user sees of one command: exit status, standard output and error."""

    returncode: int
    stdout: str
    stderr: str


def run_in_process(*args, cwd=None, env=None, input=None) -> CliRun:
    """``disclint ARGS`` in this process, as :func:`disclint.cli.main` runs it (language from
    ``--lang``, Japanese click strings, exit status), with click's CliRunner capturing the
    streams. One mapper serves every test (the process's ``Services``). An uncaught exception
    is shown as the traceback a real process would print, exit status 1."""
    from click.testing import CliRunner

    from disclint.cli import _detect_lang, build_cli
    from disclint.cli.click_messages import click_language
    from disclint.i18n import resolve_lang

    args = [os.fsdecode(a) if isinstance(a, (bytes, os.PathLike)) else str(a) for a in args]
    full_env = {"DISCLINT_LANG": None, "COLUMNS": "80", **(env or {})}
    explicit = _detect_lang(args) if any(a == "--lang" or a.startswith("--lang=") for a in args) else None
    lang = explicit or resolve_lang((env or {}).get("DISCLINT_LANG") or "ja")
    old_cwd = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        runner = CliRunner(env=full_env)
        with click_language(lang):
            result = runner.invoke(build_cli(lang), args, input=input, prog_name="disclint", catch_exceptions=True)
    finally:
        os.chdir(old_cwd)
    stderr = result.stderr
    code = result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
        code = 1
    return CliRun(code, result.stdout, stderr)


def hanging_survey_env(name: str, env: dict | None = None) -> dict:
    """The environment (``env`` or this process's) for a ``disclint survey run`` whose worker never
    returns from the document named ``name`` (tests/blocking_worker): a test that kills the run
    is then certain it is still going, whatever the machine's speed."""
    env = dict(os.environ if env is None else env)
    hook = str(Path(__file__).parent / "blocking_worker")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [hook, env.get("PYTHONPATH")]))
    env["DISCLINT_TEST_BLOCK_AT"] = name
    return env


@pytest.fixture
def run_cli():
    """Run a ``disclint`` command as a user types it. In this process by default (fast: no
    interpreter start-up, the model loaded once); tests of what only a real process shows
    (signals, the reader process, limits, interpreter start-up) use :func:`run_process`."""
    return run_in_process


@pytest.fixture
def run_process():
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
