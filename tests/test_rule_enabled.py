"""A rule can be off by default (`enabled: false` in its YAML) and switched on by config or --select."""


import pytest

from disclint.checks.rules import parse_rule
from disclint.config import Config
from disclint.model.errors import ConfigError

RULE = {
    "id": "understandability.test-off",
    "extends": "existence",
    "quality": "understandability",
    "level": "info",
    "message": {"ja": "「{match}」", "en": "'{match}'"},
    "explanation": {"ja": "テスト", "en": "test"},
    "options": {"tokens": ["例外的"]},
    "examples": {"valid": ["通常の文です。"], "invalid": ["例外的な文です。"]},
}


def _enabled(cfg, rule, monkeypatch):
    monkeypatch.setattr(Config, "all_rules", lambda self: [rule])
    return [r.enabled for r in cfg.rules()]


def test_yaml_enabled_false_is_honoured_and_select_by_id_turns_it_on(monkeypatch):
    rule = parse_rule(dict(RULE, enabled=False), "mem")
    assert rule.enabled is False
    assert _enabled(Config(), rule, monkeypatch) == [False]
    assert _enabled(Config(select=["understandability.test-off"]), rule, monkeypatch) == [True]
    assert _enabled(Config(select=["understandability"]), rule, monkeypatch) == [False]
    on = Config(rule_settings={"understandability.test-off": {"enabled": True}})
    assert _enabled(on, rule, monkeypatch) == [True]


def test_enabled_must_be_a_boolean():
    with pytest.raises(ConfigError):
        parse_rule(dict(RULE, enabled="no"), "mem")


@pytest.mark.slow
def test_coverage_summary_agrees_with_coverage_findings():
    """The report's coverage table and the directive-missing/weak findings say the same thing."""
    from disclint.config import Config
    from disclint.lint import lint
    from disclint.readers import read
    from disclint.resources import data_dir

    # directive-missing is off by default (issue 16); selected, it agrees with the table
    res = lint(read(data_dir("corpus") / "samples" / "sample_draft.docx"), config=Config().with_cli(("relevance.directive-missing", "relevance.directive-weak"), (), None))
    summary = {int(d): v["status"] for d, v in res.coverage["directives"].items()}
    missing = {f.data["directive"] for f in res.findings if f.rule == "relevance.directive-missing"}
    weak = {f.data["directive"] for f in res.findings if f.rule == "relevance.directive-weak"}
    assert missing == {d for d, s in summary.items() if s == "missing"}
    assert weak == {d for d, s in summary.items() if s == "weak"}
    assert {4, 8} <= missing
