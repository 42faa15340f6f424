"""The labelled corpus keeps the shape GUIDELINE.md promises and the issue asks for: valid rows,
unique ids, consistent labels, at least 60 passages per directive, at least 300 negatives of
which half are hard, and a QA record that matches the labels in the files."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from disclint.mapper.corpus import load_passages
from disclint.resources import data_dir

STYLES = {"yuho_risk", "yuho_sustainability", "integrated", "csr", "cg", "policy", "bullet", "table", "security_report", "web", "notice"}


@pytest.fixture(scope="module")
def rows():
    out = []
    for path in sorted((data_dir("corpus") / "passages").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((f"{path.name}:{n}", json.loads(line)))
    return out


def test_rows_follow_the_guideline(rows):
    problems = []
    for where, r in rows:
        ds = r.get("directives", [])
        if r["cyber"] != bool(ds):
            problems.append(f"{where}: cyber={r['cyber']} but directives={ds}")
        if ds != sorted(set(ds)) or any(not 1 <= d <= 10 for d in ds):
            problems.append(f"{where}: directives {ds} not ascending within 1..10")
        if r.get("style") not in STYLES:
            problems.append(f"{where}: style {r.get('style')!r}")
        short_ok = r.get("style") in ("table", "bullet")
        if not (8 if short_ok else 30) <= len(r["text"]) <= 400:
            problems.append(f"{where}: {len(r['text'])} characters")
        ctx = r.get("context", [])
        if not isinstance(ctx, list) or not 0 <= len(ctx) <= 3 or any(not c or len(c) > 40 for c in ctx):
            problems.append(f"{where}: context {ctx!r}")
        if r.get("hard_negative") and r["cyber"]:
            problems.append(f"{where}: a hard negative that is cyber")
    assert not problems, "\n".join(problems[:20])


def test_ids_are_unique(rows):
    dup = [pid for pid, n in Counter(r["id"] for _, r in rows).items() if n > 1]
    assert not dup


def test_sizes_the_issue_asks_for():
    ps = load_passages()
    per_directive = Counter(d for p in ps for d in p.directives)
    assert all(per_directive[d] >= 60 for d in range(1, 11)), per_directive
    negatives = [p for p in ps if not p.cyber]
    assert len(negatives) >= 300
    assert sum(p.hard_negative for p in negatives) * 2 >= len(negatives)
    assert {p.split for p in ps} == {"train", "dev", "test"}


def test_the_double_annotation_record_matches_the_labels():
    """``qa/double_annotation.jsonl`` (QA.md): every passage has a second, blind annotation;
    where it disagreed with the first, the adjudicated labels are the ones in the corpus, unless a
    later blind label audit (``qa/label_audit_*.jsonl``, in date order) relabelled the passage."""
    ps = {p.id: p for p in load_passages()}
    qa = data_dir("corpus") / "qa"
    record = [json.loads(l) for l in (qa / "double_annotation.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    assert {r["id"] for r in record} == set(ps)
    audited = {}
    for path in sorted(qa.glob("label_audit_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                a = json.loads(line)
                decided = a["adjudicated"] or a["a"]  # the annotators' common label, else the adjudicated one
                assert (decided["cyber"], decided["directives"]) == (a["final"]["cyber"], a["final"]["directives"]), a["id"]
                if a["adjudicated"] is None:
                    assert (a["a"]["cyber"], a["a"]["directives"]) == (a["b"]["cyber"], a["b"]["directives"]), a["id"]
                audited[a["id"]] = a["final"]
    for pid, final in audited.items():
        assert (final["cyber"], sorted(final["directives"])) == (ps[pid].cyber, list(ps[pid].directives)), pid
    for r in record:
        p = ps[r["id"]]
        if r["id"] in audited:
            continue
        final = r.get("adjudicated") or r["a"]
        assert (final["cyber"], sorted(final["directives"])) == (p.cyber, list(p.directives)), r["id"]
        if "adjudicated" not in r:
            assert (r["a"]["cyber"], r["a"]["directives"]) == (r["b"]["cyber"], r["b"]["directives"]), r["id"]


def test_every_jsonl_file_is_loaded_with_its_genre(tmp_path):
    """A new file in corpus/passages is read without registration; ``genre`` is kept and is
    the unit of leave-one-genre-out cross-validation (style for passages without one)."""
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a-0001", "text": "当社は情報セキュリティ委員会を設置しています。", "cyber": True,
                                                  "directives": [2], "style": "csr", "genre": "group_policy_page"}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "zz_new.jsonl").write_text(json.dumps({"id": "zz-0001", "text": "当社は全従業員に情報セキュリティ研修を実施しています。", "cyber": True,
                                                       "directives": [3], "style": "bullet"}, ensure_ascii=False) + "\n", encoding="utf-8")
    ps = {p.id: p for p in load_passages(tmp_path)}
    assert set(ps) == {"a-0001", "zz-0001"}
    assert ps["a-0001"].genre == "group_policy_page" and ps["a-0001"].group == "group_policy_page"
    assert ps["zz-0001"].genre == "" and ps["zz-0001"].group == "style:bullet"


def test_genre_is_a_short_id(rows):
    import re

    bad = [where for where, r in rows if "genre" in r and not re.fullmatch(r"[a-z0-9_]{2,40}", str(r["genre"]))]
    assert not bad, bad[:10]
