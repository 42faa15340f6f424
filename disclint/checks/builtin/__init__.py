"""Checks written for one built-in rule each (yamllint style: one module per rule, its docstring
giving the options and a passing and a failing example).

The configurable check types that many rules share (``existence``, ``metric`` …) are the modules
of :mod:`disclint.checks`; every check type, of both kinds, is named with its module in
:data:`disclint.registry.checks`. Helpers that several of these checks use are :mod:`.common`.
"""
