"""One registration module (disclint/registry.py) for check types, readers and reporters."""

from __future__ import annotations

import subprocess
import sys

import pytest

from disclint import registry


def test_each_registry_lists_its_built_ins_and_each_module_registers_what_it_is_named_for():
    assert registry.readers.names() == ["docx", "html", "markdown", "pdf", "text", "xbrl"]
    assert registry.reporters.names() == ["github", "html", "json", "sarif", "text"]
    assert {"existence", "substitution", "metric", "occurrence", "pattern", "coverage", "python"} <= set(
        registry.checks.names()
    )
    for reg in (registry.checks, registry.readers, registry.reporters):
        assert sorted(reg.all()) == reg.names()  # no module forgot its entry, none registered an unnamed one
        assert reg.get("no-such-thing") is None


def test_a_check_type_knows_its_registered_name_and_a_reader_its_spec():
    assert registry.checks.get("existence").type_name == "existence"
    spec = registry.readers.get("pdf")
    assert isinstance(spec, registry.ReaderSpec) and spec.extensions == (".pdf",) and spec.priority == 10


def test_naming_the_registries_imports_no_built_in_and_getting_one_imports_only_its_module():
    code = (
        "import sys; from disclint import registry\n"
        "registry.checks.names(); registry.readers.names(); registry.reporters.names()\n"
        "assert not any(m.startswith(('disclint.report', 'disclint.readers', 'disclint.checks')) for m in sys.modules)\n"
        "registry.reporters.get('json')\n"
        "assert 'disclint.report' in sys.modules and 'disclint.report.html' not in sys.modules\n"
        "registry.reporters.get('html')\n"
        "assert 'disclint.report.html' in sys.modules\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def test_a_name_registered_twice_is_refused_and_register_takes_metadata_only_where_it_is_used():
    checks = registry.checks

    class Other(registry.checks.get("existence")):  # type: ignore[misc]
        pass

    with pytest.raises(ValueError, match="registered twice"):
        checks.register("existence")(Other)
    with pytest.raises(TypeError, match="only a name"):
        registry.reporters.register("x", priority=1)


def test_the_lint_format_choices_are_the_registered_reporters():
    from disclint.cli import build_cli

    lint = build_cli("en").commands["lint"]
    fmt = next(p for p in lint.params if p.name == "fmt")
    assert sorted(fmt.type.choices) == registry.reporters.names()
