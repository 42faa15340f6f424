"""Locate the data directories (rules/, corpus/, templates/) in a checkout or an install.

In the repository they sit at the top level (design card); setup.cfg maps them into the
package as ``disclint.rules``, ``disclint.corpus`` and ``disclint.templates``, so an
installed wheel has them under ``site-packages/disclint/``.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

_NAMES = ("rules", "corpus", "templates")


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    if name not in _NAMES:
        raise ValueError(f"unknown data directory {name!r}")
    try:
        spec = importlib.util.find_spec(f"disclint.{name}")
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / name
