"""Command-line inputs as linters take them (ruff, Vale, textlint): files, folders (walked
recursively, keeping the formats disclint reads), glob patterns, ``--exclude PATTERN`` and
``.disclintignore`` files (gitignore syntax, through ``pathspec``, the library black and
others use for ``.gitignore``: negation, ``**``, anchored and directory patterns behave as in
git), and ``-`` for standard input with ``--stdin-filename NAME``.

A file named explicitly is always read (as in ruff, unless ``--force-exclude``); folder walks
and glob expansions skip what ``--exclude`` or a ``.disclintignore`` in the folder or above it
matches. Standard input is copied to a private temporary file whose name ends like NAME, so
the reader is chosen from NAME's extension; :attr:`RunContext.names` maps it back to NAME for
every message and report.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

IGNORE_FILE = ".disclintignore"
# what a folder walk picks up: the extensions the readers claim (EDINET zips only by name)
WALK_EXTENSIONS = (".docx", ".pdf", ".xbrl", ".html", ".htm", ".xhtml", ".txt", ".text", ".md", ".markdown")
_GLOB_CHARS = set("*?[")
STDIN_MAX_BYTES = 200 * 1024 * 1024


@dataclass
class Inputs:
    paths: list[str] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (argument, message key)
    names: dict[str, str] = field(default_factory=dict)  # temporary file -> name shown (stdin)
    tempdir: tempfile.TemporaryDirectory[str] | None = None

    def cleanup(self) -> None:
        if self.tempdir is not None:
            self.tempdir.cleanup()
            self.tempdir = None


class _Ignores:
    """``.disclintignore`` files, each applying to paths below its folder (like .gitignore)."""

    def __init__(self) -> None:
        self._cache: dict[Path, object | None] = {}

    def _spec(self, folder: Path) -> object | None:
        if folder not in self._cache:
            spec = None
            f = folder / IGNORE_FILE
            try:
                if f.is_file():
                    import pathspec

                    lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
                    spec = pathspec.GitIgnoreSpec.from_lines(lines)
            except OSError:
                spec = None
            self._cache[folder] = spec
        return self._cache[folder]

    def ignored(self, path: Path) -> bool:
        path = path.absolute()
        for folder in path.parents:
            spec = self._spec(folder)
            if spec is not None:
                rel = path.relative_to(folder).as_posix()
                if spec.match_file(rel):  # type: ignore[attr-defined]
                    return True
        return False


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    posix = path.as_posix()
    parts = path.parts
    for pat in patterns:
        pat = pat.rstrip("/")
        if (
            fnmatch.fnmatch(posix, pat)
            or fnmatch.fnmatch(path.name, pat)
            or any(fnmatch.fnmatch(p, pat) for p in parts)
        ):
            return True
    return False


def expand_inputs(args: tuple[str, ...], exclude: tuple[str, ...] = (), stdin_filename: str | None = None) -> Inputs:
    """The files to read, in a stable order, each once."""
    out = Inputs()
    seen: set[str] = set()
    ignores = _Ignores()

    def add(p: str) -> None:
        key = os.path.normpath(p)
        if key not in seen:
            seen.add(key)
            out.paths.append(p)

    def walk(root: Path) -> list[str]:
        found = []
        for dirpath, dirnames, filenames in os.walk(root):
            d = Path(dirpath)
            dirnames[:] = sorted(
                n
                for n in dirnames
                if not n.startswith(".") and not _excluded(d / n, exclude) and not ignores.ignored(d / n)
            )
            for name in sorted(filenames):
                p = d / name
                if name.startswith(".") or p.suffix.lower() not in WALK_EXTENSIONS:
                    continue
                if _excluded(p, exclude) or ignores.ignored(p):
                    continue
                found.append(str(p))
        return found

    for arg in args:
        if arg == "-":
            add(_stdin_copy(out, stdin_filename))
            continue
        p = Path(arg)
        if p.is_dir():
            found = walk(p)
            if not found:  # a folder with nothing disclint reads (all excluded, or no document at all)
                out.missing.append((arg, "input.nothing_to_read"))
            for f in found:
                add(f)
        elif not p.exists() and _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:  # a name with [ ] that does not exist is a missing file, not a pattern
                out.missing.append((arg, "input.no_match" if "*" in arg or "?" in arg else "input.not_found"))
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    for f in walk(mp):
                        add(f)
                elif not _excluded(mp, exclude) and not ignores.ignored(mp):
                    add(m)
        else:
            add(arg)  # named explicitly: read (or reported) as given
    return out


def _stdin_copy(out: Inputs, stdin_filename: str | None) -> str:
    name = stdin_filename or "-"
    if out.tempdir is None:
        out.tempdir = tempfile.TemporaryDirectory(prefix="disclint-stdin-")
    suffix = Path(stdin_filename).suffix if stdin_filename else ".txt"
    target = Path(out.tempdir.name) / f"stdin{len(out.names)}{suffix or '.txt'}"
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read(STDIN_MAX_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    target.write_bytes(data or b"")
    out.names[str(target)] = name
    return str(target)
