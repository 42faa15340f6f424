"""Every rule runs its own examples; rule files are validated; docs/rules.md is fresh."""

import subprocess
import sys
from pathlib import Path

import pytest

from disclint import registry
from disclint.checks import QUALITIES, load_rules
from disclint.checks.examples import document_from_example, run_example
from disclint.checks.rules import parse_rule
from disclint.model.errors import ConfigError

REPO = Path(__file__).resolve().parent.parent
RULES = load_rules()
CASES = [(r.id, kind, n) for r in RULES for kind in ("invalid", "valid") for n in range(len(r.examples.get(kind, [])))]
BY_ID = {r.id: r for r in RULES}


def test_at_least_30_rules_over_all_five_qualities():
    assert len(RULES) >= 30
    assert {r.quality for r in RULES} == set(QUALITIES)
    assert {r.extends for r in RULES} >= {"existence", "substitution", "metric", "occurrence", "pattern", "coverage"}


def test_no_built_in_rule_uses_the_python_extension_point_and_each_one_rule_check_serves_one_rule():
    """``python: module:function`` is for user rules; a built-in rule's own check is a module of
    disclint/checks/builtin/ that declares its options and documents them with examples."""
    assert [r.id for r in RULES if r.extends == "python" or r.python] == []
    one_rule = {name for name, cls in registry.checks.all().items() if cls.ONE_RULE}
    assert len(one_rule) == 10
    users = {name: [r.id for r in RULES if r.extends == name] for name in one_rule}
    assert all(len(ids) == 1 and ids[0].endswith("." + name) for name, ids in users.items()), users
    for name in one_rule:
        cls = registry.checks.get(name)
        doc = sys.modules[cls.__module__].__doc__
        assert cls.__module__ == f"disclint.checks.builtin.{name.replace('-', '_')}"
        assert "Options:" in doc and "FAIL" in doc and "PASS" in doc, name
        assert all(f"``{option}``" in doc for option in cls.OPTIONS), name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_examples_and_texts(rule):
    assert rule.examples.get("invalid"), f"{rule.id} has no invalid examples"
    assert rule.examples.get("valid"), f"{rule.id} has no valid examples"
    for lang in ("ja", "en"):
        assert rule.message[lang] and rule.explanation[lang]
    assert rule.reference


@pytest.mark.parametrize("rule_id,kind,n", CASES)
def test_rule_examples(rule_id, kind, n):
    rule = BY_ID[rule_id]
    example = rule.examples[kind][n]
    findings = run_example(rule, example)
    if kind == "invalid":
        assert findings, f"{rule_id}: no finding for invalid example {example!r}"
    else:
        assert not findings, f"{rule_id}: unexpected {[f.message for f in findings]} for valid example {example!r}"
    doc = document_from_example(example)
    for f in findings:
        assert f.rule == rule_id and f.quality == rule.quality
        assert "{" not in f.message, f.message  # all placeholders filled
        if f.start is not None:
            assert 0 <= f.start < f.end <= len(doc.blocks[f.block_index].text)
            assert doc.blocks[f.block_index].text[f.start:f.end] == f.excerpt


def test_offsets_point_into_original_text_through_normalisation():
    # full-width letters and digits are normalised for matching; the finding must point at the original
    rule = BY_ID["timeliness.superseded-guideline"]
    text = "当社は「サイバーセキュリティ経営ガイドライン　Ｖｅｒ２．０」を参考にしております。"
    (f,) = run_example(rule, text)
    assert f.excerpt == "経営ガイドライン　Ｖｅｒ２．０"
    assert text[f.start:f.end] == f.excerpt


def test_hedged_absolute_claims_are_not_flagged():
    rule = BY_ID["truthfulness.absolute-claim"]
    for good in ["被害の発生を完全に防ぐことは困難である。", "攻撃を完全に防止できるものではありません。", "完全に防ぐことはできないため、早期の検知に努めております。"]:
        assert not run_example(rule, good), good
    assert run_example(rule, "当社は万全の対策を講じております。")


def test_english_messages():
    (f,) = run_example(BY_ID["truthfulness.placeholder"], "受講率は●●%です。", lang="en")
    assert f.message == 'leftover placeholder "●●"'


def test_rule_without_examples_field_is_loaded_but_fails_the_examples_test():
    rule = parse_rule({"id": "truthfulness.x", "extends": "existence", "quality": "truthfulness", "level": "info",
                       "message": {"ja": "x", "en": "x"}, "explanation": {"ja": "x", "en": "x"}, "options": {"tokens": ["x"]}}, "mem")
    assert not rule.examples.get("invalid")


@pytest.mark.parametrize("bad,reason", [
    ({"extends": "nope"}, "unknown check type"),
    ({"level": "fatal"}, "bad level"),
    ({"quality": "beauty"}, "unknown quality"),
    ({"options": {"tokens": ["x"], "colour": 1}}, "unknown options"),
    ({"id": "relevance.x"}, "must start with"),
    ({"options": {"patterns": ["("]}}, "error"),
    ({"options": {"tokens": ["x"], "max_per_block": "2"}}, "option 'max_per_block' must be a whole number, not '2'"),
    ({"extends": "mixed-style", "options": {"max_per_sections": 3}}, "unknown options for mixed-style: max_per_sections"),
    ({"extends": "mixed-style", "options": {"max_per_section": True}}, "mixed-style: option 'max_per_section' must be a whole number"),
    ({"extends": "top-threats", "options": {"threats_by_year": ["ランサム"]}}, "option 'threats_by_year' must be a mapping"),
])
def test_malformed_rules_raise_config_error(bad, reason):
    data = {"id": "truthfulness.x", "extends": "existence", "quality": "truthfulness", "level": "info",
            "message": {"ja": "x", "en": "x"}, "explanation": {"ja": "x", "en": "x"}, "options": {"tokens": ["x"]}}
    data.update(bad)
    with pytest.raises(ConfigError) as exc:
        parse_rule(data, "rules/x.yml")
    assert reason in exc.value.message("en")


def test_a_mistyped_option_in_a_user_rule_is_one_line_naming_the_file(run_cli, tmp_path):
    rule = tmp_path / "mine" / "understandability" / "style.yml"
    rule.parent.mkdir(parents=True)
    rule.write_text("id: understandability.style\nextends: mixed-style\nquality: understandability\nlevel: info\n"
                    "message: {ja: x, en: x}\nexplanation: {ja: x, en: x}\noptions: {max_per_section: three}\n",
                    encoding="utf-8")
    config = tmp_path / "disclint.toml"
    config.write_text('rule-dirs = ["mine"]\n', encoding="utf-8")
    r = run_cli("--lang", "en", "rules", "--config", config)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == [
        f"disclint: invalid rule file {rule} (mixed-style: option 'max_per_section' must be a whole number, not 'three')"
    ]


def test_docs_rules_md_is_not_stale():
    r = subprocess.run([sys.executable, str(REPO / "tools" / "gen_rules_doc.py"), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_rules_command_lists_every_rule(run_cli):
    import json

    r = run_cli("rules", "--format", "json")
    assert r.returncode == 0, r.stderr
    ids = [x["id"] for x in json.loads(r.stdout)["rules"]]
    assert ids == [x.id for x in RULES]
    r = run_cli("rules")
    assert "表現真正性 (truthfulness)" in r.stdout and "truthfulness.absolute-claim" in r.stdout


def _docstring_examples(doc):
    """(kind, text, options, date) of each ``FAIL (…)::`` / ``PASS (…)::`` block of a check's docstring."""
    import re
    import textwrap

    out = []
    for m in re.finditer(r"^(FAIL|PASS)(?: \(([^)]*)\))?::\n\n((?:    .*\n|\n)+)", doc, re.M):
        kind, cond, body = m.group(1), m.group(2) or "", textwrap.dedent(m.group(3)).strip()
        options = {k: int(v) for k, v in re.findall(r"with ``(\w+)`` (\d+)", cond)}
        date = re.search(r"(?:of|dated) (\d{4})(-\d\d-\d\d)?", cond)
        out.append((kind, body, options, date and date.group(1) + (date.group(2) or "-06-30")))
    return out


ONE_RULE_RULES = [r for r in RULES if registry.checks.get(r.extends).ONE_RULE]


@pytest.mark.parametrize("rule", ONE_RULE_RULES, ids=lambda r: r.id)
def test_a_one_rule_checks_docstring_examples_fail_and_pass_as_it_says(rule):
    cls = registry.checks.get(rule.extends)
    examples = _docstring_examples(sys.modules[cls.__module__].__doc__)
    assert {kind for kind, *_ in examples} == {"FAIL", "PASS"}
    for kind, text, options, date in examples:
        example = {"text": text, "date": date} if date else text
        findings = run_example(rule.with_overrides(options=options, enabled=True), example)
        assert bool(findings) == (kind == "FAIL"), (kind, text, [f.message for f in findings])
