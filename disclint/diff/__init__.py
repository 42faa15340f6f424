"""``disclint diff OLD NEW``: what changed between two filings of one company (see :mod:`.compare`)."""

from .compare import Change, DocDiff, HeadingChange, diff_analyses

__all__ = ["Change", "DocDiff", "HeadingChange", "diff_analyses"]
