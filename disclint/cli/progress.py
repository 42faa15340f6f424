"""A one-line progress indicator on standard error for multi-file runs, only when standard error
is a terminal (never in pipes, CI logs or reports): ``[3/40] pages/risk.md``, rewritten in
place with ``\\r`` and erased at the end, so findings printed meanwhile stay readable."""

from __future__ import annotations

import sys
from typing import IO

from ..safeio import terminal_safe


class Progress:
    def __init__(self, total: int, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        self.active = tty and total > 1
        self._width = 0

    def step(self, k: int, name: str) -> None:
        if not self.active:
            return
        text = terminal_safe(f"[{k}/{self.total}] {name}")[:100]
        self.stream.write("\r" + text + " " * max(0, self._width - len(text)))
        self.stream.flush()
        self._width = len(text)

    def clear(self) -> None:
        if self.active and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
