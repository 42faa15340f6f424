"""Reporters: JSON (versioned), SARIF 2.1.0 structure, GitHub annotations, text."""

import json

from disclint.checks import load_rules
from disclint.model.document import Location
from disclint.model.findings import Finding, Level
from disclint.report import JSON_SCHEMA_VERSION, FileReport, render

F1 = Finding("truthfulness.placeholder", Level.ERROR, "仮置き「●●」", Location("a.docx", paragraph=3, section=("第２", "(4) 指標")), 2, 5, 7, "●●", "truthfulness")
F2 = Finding("relevance.directive-missing", Level.WARNING, "指示4 がありません", Location("a.docx"), None, data={"directive": 4}, quality="relevance")
F3 = Finding("comparability.number-without-period", Level.INFO, "msg, with: colon\nand newline 100%", Location("b.md", line=7), 0, 1, 5, "4.3%", "comparability",
             column=2, end_line=7, end_column=6)
TEXTS = ("第２", "(4) 指標", "研修率は、●●%でした。")  # the extracted text of a.docx: block 2 starts at 3 + 7 = 10
REPORTS = [FileReport("a.docx", [F2, F1], {"directives": {"4": {"status": "missing", "title": "t", "locations": []}}}, format="docx", texts=TEXTS),
           FileReport("b.md", [F3], {}, format="markdown", texts=("x", "4.3%"))]


def test_json_is_versioned_and_complete():
    data = json.loads(render("json", REPORTS, load_rules(), "ja", "9.9"))
    assert data["version"] == JSON_SCHEMA_VERSION and data["tool"] == {"name": "disclint", "version": "9.9"}
    assert data["summary"] == {"files": 2, "findings": 3, "error": 1, "warning": 1, "info": 1, "suppressed": 0}
    f = data["files"][0]["findings"][1]
    assert f["location"] == {"file": "a.docx", "paragraph": 3, "section": ["第２", "(4) 指標"]}
    assert (f["start"], f["end"], f["excerpt"]) == (5, 7, "●●") and len(f["fingerprint"]) == 20


def test_sarif_essential_structure():
    data = json.loads(render("sarif", REPORTS, load_rules(), "en", "1.0"))
    assert data["version"] == "2.1.0" and data["$schema"].endswith("sarif-2.1.0.json")
    (run,) = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "disclint" and isinstance(driver["rules"], list)
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids)) >= 30
    for rule in driver["rules"]:
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["fullDescription"]["text"]
    assert len(run["results"]) == 3
    for res in run["results"]:
        assert set(res) >= {"ruleId", "message", "level", "locations"}
        assert res["level"] in ("error", "warning", "note", "none")
        assert isinstance(res["message"]["text"], str) and res["message"]["text"]
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        phys = res["locations"][0]["physicalLocation"]
        assert phys["artifactLocation"]["uri"] in ("a.docx", "b.md")
        region = phys.get("region", {})
        for k in ("startLine", "startColumn", "endColumn"):
            assert k not in region or (isinstance(region[k], int) and region[k] >= 1)
    placeholder = [r for r in run["results"] if r["ruleId"] == "truthfulness.placeholder"][0]
    # a docx has no lines: paragraph 3 is not "line 3" (issue 20); the region counts characters
    # in the extracted text, and the paragraph and section are logical locations
    region = placeholder["locations"][0]["physicalLocation"]["region"]
    assert region == {"charOffset": 15, "charLength": 2, "snippet": {"text": "●●"}}
    assert "\n".join(TEXTS)[region["charOffset"]:region["charOffset"] + region["charLength"]] == "●●"
    logical = placeholder["locations"][0]["logicalLocations"]
    assert logical[0]["fullyQualifiedName"] == "第２ > (4) 指標" and logical[0]["kind"] == "section"
    assert {"name": "¶3", "kind": "paragraph", "properties": {"paragraph": 3}} in logical
    number = [r for r in run["results"] if r["ruleId"] == "comparability.number-without-period"][0]
    assert number["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 2, "endLine": 7, "endColumn": 6, "snippet": {"text": "4.3%"}}


def test_github_annotations_escape():
    out = render("github", REPORTS, [], "ja").splitlines()
    assert out[0] == "::warning file=a.docx,title=relevance.directive-missing::指示4 がありません"
    # a docx paragraph is not a line: file + title saying where (issue 20)
    assert out[1] == "::error file=a.docx,title=truthfulness.placeholder (¶3)::¶3: 仮置き「●●」"
    assert out[2] == "::notice file=b.md,line=7,col=2,endColumn=6,title=comparability.number-without-period::L7: msg, with: colon%0Aand newline 100%25"


def test_text_groups_by_location_and_shows_coverage():
    out = render("text", REPORTS, [], "ja")
    assert "  文書全体\n    警告: 指示4 がありません  [relevance.directive-missing]" in out
    assert "  ¶3  § 第２ > (4) 指標\n    エラー: 仮置き「●●」  [truthfulness.placeholder]" in out
    assert "指示4  × 記載なし" in out
