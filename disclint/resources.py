"""Locate the data directories (rules/, corpus/, templates/) in a checkout or an install.

In the repository they sit at the top level (design card); setup.cfg maps them into the
package as ``disclint.rules``, ``disclint.corpus`` and ``disclint.templates``, so an
installed wheel has them under ``site-packages/disclint/``.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

_NAMES = ("rules", "corpus", "templates")


@cache
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


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` through libyaml when PyYAML has it (its wheels do): the bundled
    rules and directives are ≈ 45 files, 0.42 s with the pure-Python loader, which a
    one-file ``disclint lint`` pays on every run."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


MAX_USER_YAML_NODES = 100_000


def _yaml_bomb_error() -> type:
    import yaml

    class YAMLBombError(yaml.YAMLError):
        """YAML whose aliases expand to more than ``limit`` nodes (or refer to themselves)."""

        def __init__(self, limit: int) -> None:
            super().__init__(f"too many nodes once aliases are expanded (over {limit}, or a cycle)")
            self.limit = limit
            self.problem = str(self)

    return YAMLBombError


_BOMB: type | None = None


def yaml_bomb_error() -> type:
    global _BOMB
    if _BOMB is None:
        _BOMB = _yaml_bomb_error()
    return _BOMB


def load_user_yaml(text: str, max_nodes: int = MAX_USER_YAML_NODES) -> Any:
    """``yaml.safe_load`` for YAML a user (or a file next to a document) gives us: profiles,
    rule files from ``rule-dirs``, ``setup.cfg`` values. PyYAML resolves an alias to the same
    object, so a 400-byte "billion laughs" loads instantly but is a tree of 10^9 nodes to
    anything that walks it (validation, rendering: 3.6 GB). The node graph is composed first and
    its size *with aliases expanded* counted (each node once, memoised); over ``max_nodes`` or a
    cycle raises :func:`yaml_bomb_error` (a ``yaml.YAMLError``). Without ``*`` there is no
    alias and the check is skipped."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if "*" in text:
        try:
            root = yaml.compose(text, Loader=loader)
        except RecursionError:
            raise yaml_bomb_error()(max_nodes) from None
        if root is not None and _expanded_size(root, max_nodes) > max_nodes:
            raise yaml_bomb_error()(max_nodes)
    try:
        return yaml.load(text, Loader=loader)
    except RecursionError:  # nesting deeper than Python's stack
        raise yaml_bomb_error()(max_nodes) from None


def _expanded_size(root: Any, limit: int) -> int:
    """Nodes in the tree behind ``root`` with every alias expanded; ``limit + 1`` on a cycle.
    Iterative (deep nesting must not hit the recursion limit) and memoised by node identity."""
    import yaml

    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1
            for child in _children(node, yaml):
                total += size[id(child)]
                if total > limit:
                    return limit + 1
            size[key] = total
            continue
        if key in size:
            continue
        if key in on_path:
            return limit + 1  # a node that contains itself
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node, yaml):
            if id(child) in on_path:
                return limit + 1
            if id(child) not in size:
                stack.append((child, False))
    return size[id(root)]


def _children(node: Any, yaml: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []
