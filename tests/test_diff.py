"""``disclint diff OLD NEW``: two years of one company's filing compared (our own text)."""

from __future__ import annotations

import json

import pytest

from disclint.diff.compare import Para, align, figures, heading_key

pytestmark = pytest.mark.slow

YEAR1 = """# 有価証券報告書（2024年３月期）

## 事業等のリスク

### (1) 為替の変動について

当社グループの売上高の約４割は海外向けであり、為替相場の変動は業績に影響を及ぼす可能性があります。

### (2) 情報セキュリティについて

当社グループは、サイバー攻撃により顧客情報が漏えいした場合、社会的信用の低下により業績に影響を及ぼす可能性があります。

当社は、全従業員を対象とした情報セキュリティ研修を年１回実施しており、受講率は92％でした。

当社は情報セキュリティ委員会を設置し、その活動状況を半期ごとに取締役会へ報告しております。

### (3) 自然災害について

大規模な地震や風水害により工場が被災した場合、生産活動が停止するおそれがあります。
"""

YEAR2 = """# 有価証券報告書（2025年３月期）

## 事業等のリスク

### (1) 為替の変動について

当社グループの売上高の約４割は海外向けであり、為替相場の変動は業績に影響を及ぼす可能性があります。

### (2) 人材の確保について

事業の拡大に必要な技術者を計画どおりに確保できない場合、成長戦略の実行が遅れる可能性があります。

### (3) 情報セキュリティについて

当社グループは、サイバー攻撃により顧客情報が漏えいした場合、社会的信用の低下により業績に影響を及ぼす可能性があります。

当社は、全従業員を対象とした情報セキュリティ研修を年２回実施しており、受講率は98％でした。

当社は情報セキュリティ委員会を設置し、その活動状況を半期ごとに取締役会へ報告しております。

当社は、重大なインシデントに備えてCSIRTを設置し、初動対応の手順を整備するとともに、年１回の対応訓練を行っております。

### (4) 自然災害について

大規模な地震や風水害により工場が被災した場合、生産活動が停止するおそれがあります。
"""


@pytest.fixture
def pair(tmp_path):
    old, new = tmp_path / "2024.md", tmp_path / "2025.md"
    old.write_text(YEAR1, encoding="utf-8")
    new.write_text(YEAR2, encoding="utf-8")
    return old, new


def test_diff_of_two_years_in_text(run_cli, pair):
    old, new = pair
    r = run_cli("diff", old, new)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "追加: (2) 人材の確保について  [有価証券報告書（2025年３月期） > 事業等のリスク]" in out
    assert "番号変更: (2) 情報セキュリティについて → (3) 情報セキュリティについて" in out
    assert "番号変更: (3) 自然災害について → (4) 自然災害について" in out
    assert "段落: 変更なし 4、書き換え 1、追加 2、削除 0" in out
    assert "数値の変化: 1回 → 2回, 92% → 98%" in out
    # the CSIRT paragraph adds directive 7: weak or covered now, missing before
    line = next(l for l in out.splitlines() if "指示7" in l)
    assert line.startswith(" *指示7  × 記載なし") and "× 記載なし     → × 記載なし" not in line
    # the unchanged cybersecurity paragraphs are flagged (timeliness), the exchange-rate one is not
    stale = out.split("## 適時公表性")[1]
    assert "2 件" in stale.splitlines()[0]
    assert "サイバー攻撃により顧客情報" in stale and "情報セキュリティ委員会" in stale and "為替" not in stale


def test_diff_json_and_english(run_cli, pair, tmp_path):
    old, new = pair
    data = json.loads(run_cli("diff", "--format", "json", old, new).stdout)
    assert data["counts"] == {"unchanged": 4, "reworded": 1, "added": 2, "removed": 0, "stale_cyber": 2}
    assert data["directives"]["7"]["old"] == "missing" and data["directives"]["7"]["new"] != "missing"
    reworded = [c for c in data["changes"] if c["kind"] == "reworded"]
    assert reworded[0]["figures"] == [["1回", "2回"], ["92%", "98%"]] and reworded[0]["cyber"] is True
    en = run_cli("--lang", "en", "diff", old, new).stdout
    assert "renumbered: (2) 情報セキュリティについて → (3) 情報セキュリティについて" in en
    assert "Paragraphs: 4 unchanged, 1 reworded, 2 added, 0 removed" in en


def test_diff_html_is_written_and_inputs_are_refused_as_output(run_cli, pair, tmp_path):
    old, new = pair
    out = tmp_path / "diff.html"
    r = run_cli("diff", "--format", "html", "-o", out, old, new)
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "<del>１</del>" in page and "<ins>２</ins>" in page and "Content-Security-Policy" in page
    r = run_cli("diff", "-o", old, "--force", old, new)
    assert r.returncode == 2 and str(old) in r.stderr
    assert old.read_text(encoding="utf-8") == YEAR1


def test_a_missing_file_is_one_line_and_exit_2(run_cli, pair, tmp_path):
    old, _ = pair
    r = run_cli("diff", old, tmp_path / "nothing.pdf")
    assert r.returncode == 2
    assert [l for l in r.stderr.splitlines() if "nothing.pdf" in l] and "Traceback" not in r.stderr


# --- the parts, without the model -------------------------------------------------------------


def test_heading_key_ignores_numbering():
    for a, b in [("(6) 情報セキュリティについて", "（７）情報セキュリティについて"), ("３【事業等のリスク】", "２【事業等のリスク】"),
                 ("① 基本方針", "② 基本方針"), ("ア．体制", "イ．体制"), ("第5 情報管理", "第６ 情報管理")]:
        assert heading_key(a) == heading_key(b), (a, b)
    assert heading_key("(6) 情報セキュリティについて") != heading_key("(6) 人材について")


def test_alignment_is_by_similarity_not_position():
    def p(i, text):
        return Para(i, text, ("s",), False)

    old = [p(0, "当社は情報セキュリティ基本方針を定め、全従業員に周知しております。"), p(1, "為替の変動は業績に影響を及ぼす可能性があります。")]
    new = [p(0, "為替の変動は業績に影響を及ぼす可能性があります。"), p(1, "当社は情報セキュリティ基本方針を定め、全役職員に周知し、毎年見直しております。"),
           p(2, "まったく新しい段落として、人材の確保に関する記載を追加しております。")]
    kinds = sorted((c.kind, c.old.block if c.old else None, c.new.block if c.new else None) for c in align(old, new))
    assert kinds == [("added", None, 2), ("reworded", 0, 1), ("unchanged", 1, 0)]
    assert figures("受講率は98.5％、年２回、1,200名") == ["98.5%", "2回", "1,200名"]
