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
