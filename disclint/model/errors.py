"""Errors that end the processing of one input file with a one-line message.

Readers raise :class:`InputError` with a message key from :mod:`disclint.i18n` and
parameters; the CLI renders it in the user's language as ``disclint: FILE: message``,
continues with the other files and exits with status 2 at the end.
"""

from __future__ import annotations

from typing import Any


class DisclintError(Exception):
    """Base class: anything the CLI reports as a one-line error."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, lang: str = "ja") -> str:
        from ..i18n import t

        return t(self.code, lang, **self.params)

    def __str__(self) -> str:  # English for logs and tracebacks
        return self.message("en")

    def __reduce__(self) -> tuple[Any, ...]:
        # keyword parameters do not survive Exception's default pickling (the reader process
        # sends its errors to the parent)
        return _rebuild, (type(self), self.code, self.params)


def _rebuild(cls: type[DisclintError], code: str, params: dict[str, Any]) -> DisclintError:
    return cls(code, **params)


class InputError(DisclintError):
    """The input file cannot be read as a document (missing, corrupt, encrypted ...)."""


class LimitExceeded(InputError):
    """A configured resource limit (size, pages, characters, time) was exceeded."""


class ConfigError(DisclintError):
    """A configuration or profile file is invalid."""
