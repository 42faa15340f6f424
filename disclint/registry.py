"""The three registries: check types, readers and reporters, with one API.

spaCy-style (and, like spaCy, on the ``catalogue`` package): a module that provides a built-in
registers it with a decorator, and this module names the module of every built-in, so nothing is
registered as a side effect of importing an unrelated module. A registry imports the module of a
built-in the first time it is asked for it (``get("html")`` imports :mod:`disclint.report.html`
only; ``names()`` imports nothing; ``all()`` imports them all).

======================  =====================================  ==========================================
registry                holds                                  registered with
======================  =====================================  ==========================================
:data:`checks`          :class:`~disclint.checks.base.Check`   ``@checks.register("existence")`` on the class
                        subclasses (a rule's ``extends:``)
:data:`readers`         :class:`ReaderSpec` (a format: read    ``@readers.register("pdf", extensions=(".pdf",),
                        function, extensions, content sniff,   sniff=func, priority=10)`` on the read function
                        priority)
:data:`reporters`       functions ``(reports, rules, lang,     ``@reporters.register("json")`` on the function
                        version) -> str`` (``--format``)
======================  =====================================  ==========================================

Every registry answers ``register(name, **meta)`` (a decorator that returns what it decorates),
``get(name)`` (the entry, or None), ``names()`` (sorted) and ``all()`` (name -> entry).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import catalogue

if TYPE_CHECKING:  # pragma: no cover
    from .checks.base import Check
    from .model.document import Document
    from .readers import Limits

T = TypeVar("T")
F = TypeVar("F")


class Registry(Generic[T]):
    """Entries of one kind, by name. ``entry(name, obj, **meta)`` turns what a decorator is put on
    into the stored entry (a :class:`ReaderSpec` for a read function); ``builtins`` maps the name of
    each built-in entry to the module that registers it."""

    def __init__(self, kind: str, builtins: Mapping[str, str], entry: Callable[..., T] | None = None) -> None:
        self.kind = kind
        self._table = catalogue.create("disclint", kind)
        self._builtins = dict(builtins)
        self._entry = entry
        self._imported: set[str] = set()

    def register(self, name: str, **meta: Any) -> Callable[[F], F]:
        def deco(obj: F) -> F:
            value = self._entry(name, obj, **meta) if self._entry else obj
            if name in self._table and _origin(self._table.get(name)) is not obj:
                raise ValueError(f"{self.kind}: {name!r} registered twice")
            self._table.register(name, func=value)
            return obj

        if meta and self._entry is None:
            raise TypeError(f"{self.kind}: register() takes only a name")
        return deco

    def _import(self, module: str) -> None:
        if module not in self._imported:
            importlib.import_module(module)
            self._imported.add(module)

    def get(self, name: str) -> T | None:
        module = self._builtins.get(name)
        if module is not None:
            self._import(module)
        if name not in self._table:
            if module is not None:
                raise RuntimeError(f"{self.kind}: built-in {name!r} is not registered by {module}")
            return None
        value: T = self._table.get(name)
        return value

    def names(self) -> list[str]:
        return sorted(set(self._builtins) | set(self._table.get_all()))

    def all(self) -> dict[str, T]:
        for module in dict.fromkeys(self._builtins.values()):
            self._import(module)
        return dict(sorted(self._table.get_all().items()))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name in self._builtins or name in self._table)


def _origin(value: Any) -> Any:
    """What was decorated to give ``value`` (a reader's function, else the value itself)."""
    return value.read if isinstance(value, ReaderSpec) else value


# ---------------------------------------------------------------- checks
def _check_entry(name: str, cls: type[Check]) -> type[Check]:
    cls.type_name = name
    return cls


_C = "disclint.checks"
_ONE_RULE_CHECKS = (
    "boilerplate",
    "no-cyber-content",
    "top-threats",
    "no-residual-risk",
    "mixed-width-digits",
    "no-quantitative-facts",
    "unexplained-acronym",
    "mixed-style",
    "stale-reference",
    "no-report-date",
)
checks: Registry[type[Check]] = Registry(
    "checks",
    {
        # configurable check types, used by many rules
        "existence": f"{_C}.existence",
        "substitution": f"{_C}.substitution",
        "metric": f"{_C}.metric",
        "occurrence": f"{_C}.occurrence",
        "pattern": f"{_C}.pattern",
        "coverage": f"{_C}.coverage",
        # user rules only: ``python: module:function``
        "python": f"{_C}.python",
        # written for one built-in rule each (options and examples in each module's docstring)
        **{name: f"{_C}.builtin.{name.replace('-', '_')}" for name in _ONE_RULE_CHECKS},
    },
    _check_entry,
)


# ---------------------------------------------------------------- readers
class ReaderFunc(Protocol):
    def __call__(self, path: Path, limits: Limits) -> Document: ...


@dataclass(frozen=True)
class ReaderSpec:
    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes, Path], bool]
    read: ReaderFunc
    priority: int = 50  # lower sniffs first


def _reader_entry(
    name: str,
    func: ReaderFunc,
    *,
    extensions: tuple[str, ...],
    sniff: Callable[[bytes, Path], bool],
    priority: int = 50,
) -> ReaderSpec:
    return ReaderSpec(name, tuple(e.lower() for e in extensions), sniff, func, priority)


_R = "disclint.readers"
readers: Registry[ReaderSpec] = Registry(
    "readers",
    {
        "pdf": f"{_R}.pdf",
        "docx": f"{_R}.docx",
        "xbrl": f"{_R}.xbrl",
        "html": f"{_R}.html",
        "text": f"{_R}.text",
        "markdown": f"{_R}.text",
    },
    _reader_entry,
)


# ---------------------------------------------------------------- reporters
Reporter = Callable[..., str]
reporters: Registry[Reporter] = Registry(
    "reporters",
    {
        "text": "disclint.report",
        "json": "disclint.report",
        "sarif": "disclint.report",
        "github": "disclint.report",
        "html": "disclint.report.html",
    },
)

__all__ = ["ReaderFunc", "ReaderSpec", "Registry", "Reporter", "checks", "readers", "reporters"]
