"""Disclosure depth 0-4 per directive: an estimate from the evidence, on the self-assessment's scale."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from disclint.analysis.coverage import default_coverage_policy


def _p(text):
    return SimpleNamespace(text=text)


def test_depth_levels_follow_status_and_evidence():
    policy = default_coverage_policy()
    assert policy.depth("missing", []) == 0
    assert policy.depth("weak", [_p("情報セキュリティ教育を実施しております。")]) == 1
    assert policy.depth("covered", [_p("情報セキュリティ教育を実施しております。"), _p("新入社員にも教育を行っております。")]) == 2
    assert policy.depth("covered", [_p("全従業員を対象に情報セキュリティ教育を年2回実施しております。")]) == 3
    assert policy.depth("covered", [_p("全従業員を対象に情報セキュリティ教育を年2回実施し、受講率を指標として毎年見直しております。")]) == 4


@pytest.mark.slow
def test_depth_is_shown_in_map_and_html_and_agrees_with_status(run_cli, tmp_path):
    doc = tmp_path / "d.md"
    doc.write_text("# 情報セキュリティ\n\n当社は、全従業員を対象とした情報セキュリティ研修を年２回実施し、受講率は98％でした。研修内容は毎年見直しております。\n\n"
                   "当社は情報セキュリティ委員会を設置し、その活動状況を半期ごとに取締役会へ報告しております。\n\n"
                   "当社グループは、サイバー攻撃により顧客情報が漏えいした場合、業績に影響を及ぼす可能性があります。\n", encoding="utf-8")
    cov = json.loads(run_cli("map", "--format", "json", doc).stdout)["coverage"]["directives"]
    for d, c in cov.items():
        assert c["depth"] == {"missing": 0, "weak": 1}.get(c["status"], c["depth"]), (d, c)
        assert c["status"] != "covered" or c["depth"] >= 2
    text = run_cli("map", doc).stdout
    assert "深さ 0/4" in text and "disclint assess と同じ尺度" in text
    out = tmp_path / "r.html"
    assert run_cli("lint", "--format", "html", "--fail-level", "none", "-o", out, doc).returncode == 0
    assert 'class="depth"' in out.read_text(encoding="utf-8")
