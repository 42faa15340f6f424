"""The analysis core: one document in, one :class:`Analysis` out (see :mod:`.core`)."""

from .core import Analysis, Services, analyse, context_for
from .coverage import DocCoverage, ItemStatus
from .scope import Scope, ScopePolicy, compute_scope, default_policy

__all__ = [
    "Analysis",
    "DocCoverage",
    "ItemStatus",
    "Scope",
    "ScopePolicy",
    "Services",
    "analyse",
    "compute_scope",
    "context_for",
    "default_policy",
]
