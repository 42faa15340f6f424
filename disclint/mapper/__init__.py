"""Directive mapper: passages -> 指示1〜10 with evidence (see pipeline.py for the stages)."""

from .coverage import Coverage, compute_coverage
from .definitions import DirectiveSet, load_directives
from .pipeline import Evidence, Mapper, PassageResult

__all__ = ["Coverage", "DirectiveSet", "Evidence", "Mapper", "PassageResult", "compute_coverage", "load_directives"]
