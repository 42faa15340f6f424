"""`disclint lint --format sarif` output is valid against the official SARIF 2.1.0 schema."""

import json
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = Path(__file__).parent / "fixtures" / "sarif" / "sarif-2.1.0-rtm.5.json"


@pytest.mark.slow
def test_sarif_output_validates_against_the_schema(run_cli, tmp_path):
    from disclint.resources import data_dir

    out = tmp_path / "out.sarif"
    r = run_cli("lint", "--format", "sarif", "--fail-level", "none", "-o", out, data_dir("corpus") / "samples" / "sample_draft.docx")
    assert r.returncode == 0, r.stderr
    log = json.loads(out.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    results = log["runs"][0]["results"]
    assert results and {r["ruleId"] for r in results} >= {"truthfulness.placeholder", "truthfulness.absolute-claim"}
