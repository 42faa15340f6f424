"""Directive mapper: behaviour a user sees from `disclint map` and the Python API."""

import json

import pytest

from disclint.mapper import Mapper, compute_coverage, load_directives
from disclint.mapper.corpus import load_passages

pytestmark = pytest.mark.slow  # loads GiNZA once per session


@pytest.fixture(scope="module")
def mapper():
    return Mapper()


def _labels(mapper, text, context=""):
    return mapper.analyse([(text, context)])[0]


def _directive_examples():
    ds = load_directives()
    for d in ds.directives.values():
        for text in d.examples.get("positive", []):
            yield pytest.param(d.id, text, True, id=f"d{d.id}-pos-{text[:12]}")
        for text in d.examples.get("negative", []):
            yield pytest.param(d.id, text, False, id=f"d{d.id}-neg-{text[:12]}")


def test_every_directive_has_examples():
    ds = load_directives()
    for d in ds.directives.values():
        assert d.examples.get("positive"), f"directive {d.id} has no positive example"
        assert d.examples.get("negative"), f"directive {d.id} has no negative example"


@pytest.mark.parametrize("directive, text, positive", list(_directive_examples()))
def test_directive_examples(mapper, directive, text, positive):
    res = _labels(mapper, text)
    if positive:
        assert directive in res.directives, (res.directives, res.scores)
        # every label keeps its evidence
        assert res.evidence[directive]
    else:
        assert directive not in res.directives


HARD_NEGATIVES = [
    "当社のセキュリティ事業は、官公庁向けの監視サービスの受注が増加し、売上高は前期比12%増となりました。",
    "本社ビルでは、ICカードによる入退室管理と警備員の常駐により、来訪者の安全を確保しています。",
    "大規模な地震や台風に備え、事業継続計画を策定し、代替生産拠点を確保しています。",
    "水セキュリティの観点から、取水量の削減と排水の水質管理に取り組んでいます。",
    "食料安全保障の重要性が高まる中、国内の原料調達比率を高めています。",
    "会計監査人の独立性を確保するため、非監査業務の提供について事前承認手続を設けています。",
    "営業部門と開発部門の間で顧客ニーズの情報共有を進め、新製品の企画に活かしています。",
    "当社は、法令遵守と贈収賄の防止に関する方針を定め、全役職員に研修を実施しています。",
]


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negatives_stay_negative(mapper, text):
    res = _labels(mapper, text)
    assert res.directives == [], (text, res.directives, res.cyber_score)


def test_risk_recognition_alone_maps_to_directive_1(mapper):
    res = _labels(
        mapper,
        "当社グループが保有する顧客情報が不正アクセスにより流出した場合、信用の失墜や損害賠償により、当社グループの経営成績に重要な影響を与える可能性があります。",
    )
    assert res.cyber and 1 in res.directives


def test_negated_measure_is_not_evidence(mapper):
    res = _labels(mapper, "当社はSOCによる監視を行っておらず、今後の課題と認識している。")
    assert any(e.text == "SOC" for e in res.negated)
    assert all(e.text != "SOC" for ev in res.evidence.values() for e in ev)


def test_evidence_offsets_point_at_original_text(mapper):
    text = "全社員を対象に、ＣＳＩＲＴが主催するインシデント対応訓練を年２回実施しています。"
    res = _labels(mapper, text)
    assert 7 in res.directives
    spans = [e for e in res.evidence[7] if e.kind == "concept"]
    assert spans and all(text[e.start : e.end] == e.text for e in spans)
    assert any(e.text == "ＣＳＩＲＴ" for e in spans)


def test_screening_keeps_the_corpus_cyber_passages():
    """Stage 0 must not drop passages that the later stages would map (recall >= 0.98);
    a passage's section headings count, as they do in a document."""
    ds = load_directives()
    from disclint.text.normalize import normalize

    cyber = [p for p in load_passages() if p.cyber]
    kept = sum(1 for p in cyber if ds.screens(normalize(p.text).text, normalize(p.context_text).text))
    assert kept / len(cyber) >= 0.98, f"screening recall {kept / len(cyber):.3f}"


def test_sample_draft_coverage(mapper):
    """The bundled sample covers 1, 2, 5, 7 well and says nothing on 4, 8, 10."""
    from disclint.readers import read
    from disclint.resources import data_dir

    doc = read(data_dir("corpus") / "samples" / "sample_draft.docx")
    results = mapper.map_document(doc)
    cov = compute_coverage(results, mapper.ds)
    status = {d: c.status for d, c in cov.directives.items()}
    for d in (1, 2, 5, 7):
        assert status[d] == "covered", status
    for d in (4, 8, 10):
        assert status[d] == "missing", status
    # the non-cyber risks of the sample (exchange rates, raw materials, earthquakes) are not mapped
    mapped_text = " ".join(r.text for r in results if r.directives)
    assert "為替" not in mapped_text


def test_map_jsonl_interface(run_cli):
    lines = [
        {"id": "a", "text": "当社は情報セキュリティ委員会を設置し、CISOが取締役会に年4回報告しています。"},
        {"id": "b", "text": "当期の売上高は前期比5%増の1,200億円となりました。"},
    ]
    r = run_cli(
        "map", "--input-format", "jsonl", "-", input="\n".join(json.dumps(x, ensure_ascii=False) for x in lines)
    )
    assert r.returncode == 0, r.stderr
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["cyber"] is True and 2 in out[0]["directives"]
    assert out[0]["evidence"] and set(out[0]["scores"]) == {str(i) for i in range(1, 11)}
    assert out[1]["cyber"] is False and out[1]["directives"] == []


def test_eval_command_prints_metrics(run_cli, tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "text": "サイバー攻撃に備え、EDRを全端末に導入し、SOCが24時間監視しています。", "directives": [5]},
        {"id": "2", "text": "配当は前期から5円増配の1株当たり40円としました。", "directives": []},
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    r = run_cli("--lang", "en", "eval", gold)
    assert r.returncode == 0, r.stderr
    assert "micro F1" in r.stdout and "screening" in r.stdout
    r = run_cli("eval", "--format", "json", gold)
    rep = json.loads(r.stdout)
    assert rep["per_directive"]["5"]["tp"] == 1 and rep["micro"]["fp"] == 0


def test_make_model_reproduces_the_shipped_model(tmp_path):
    """`make model` is deterministic and the shipped model matches the corpus and code."""
    pytest.importorskip("sklearn")
    from disclint.mapper.training import build
    from disclint.resources import data_dir

    out = tmp_path / "model.json"
    build(out)
    shipped = json.loads((data_dir("rules") / "directives" / "model.json").read_text(encoding="utf-8"))
    rebuilt = json.loads(out.read_text(encoding="utf-8"))
    assert rebuilt["meta"]["corpus_sha256_16"] == shipped["meta"]["corpus_sha256_16"], "corpus changed: run make model"
    # Same keys, features, thresholds and strings; weights equal up to the last printed digit, which
    # a different scikit-learn / BLAS release may move (a fresh venv takes the newest release).
    assert _drift(rebuilt, shipped) == [], "model.json is stale: run make model"


def _drift(a, b, path="", tol=2e-3):
    """Places where two JSON values differ (numbers: by more than ``tol``)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a.keys() ^ b.keys())[:5]}"]
        return [d for k in a for d in _drift(a[k], b[k], f"{path}/{k}", tol)][:10]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: length {len(a)} != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _drift(x, y, f"{path}[{i}]", tol)][:10]
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return [] if abs(a - b) <= tol else [f"{path}: {a} != {b}"]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def test_token_patterns_give_evidence_with_offsets(mapper):
    """Directive YAML `patterns` are spaCy Matcher patterns over lemmas: 取締役会へ報告 → 指示2."""
    text = "情報セキュリティ委員会の審議結果は、四半期ごとに取締役会へ報告しています。"
    res = _labels(mapper, text)
    pats = [e for e in res.evidence.get(2, []) if e.kind == "pattern"]
    assert pats and pats[0].concept == "d2.report_to_board"
    assert text[pats[0].start : pats[0].end] == "取締役会へ報告"


GOVERNANCE_MD = """# 事業等のリスク

## (5) 情報セキュリティについて

当社グループは、サイバー攻撃により顧客情報が漏えいした場合、社会的信用の低下により業績に影響を及ぼす可能性があります。当社は情報セキュリティ基本方針を定め、全役職員に周知しております。

# コーポレート・ガバナンスの状況

## 内部統制システムの整備の状況

当社は、リスク管理委員会を設置し、委員長である社長が情報管理を含む全社のリスクの状況を審議し、その結果を取締役会に報告しております。委員会の事務局は総務部が担っております。
"""


def test_map_coverage_is_the_one_lint_reports(run_cli, tmp_path):
    """`map` shows the coverage lint and survey use (evidence inside the cybersecurity text only)
    and says when the mapper's own match lies elsewhere (here: a general risk committee)."""
    doc = tmp_path / "gov.md"
    doc.write_text(GOVERNANCE_MD, encoding="utf-8")
    mapped = json.loads(run_cli("map", "--format", "json", doc).stdout)
    linted = json.loads(run_cli("lint", "--format", "json", doc).stdout)["files"][0]["coverage"]["directives"]
    cov = mapped["coverage"]["directives"]
    assert {d: c["status"] for d, c in cov.items()} == {d: c["status"] for d, c in linted.items()}
    outside = [d for d, c in cov.items() if c.get("mapper_status", "missing") != "missing" and c["status"] == "missing"]
    assert "2" in outside and cov["2"]["outside_passages"] == 1
    text = run_cli("map", doc).stdout
    (line,) = [l for l in text.splitlines() if l.startswith("  指示2 ")]
    assert (
        "× 記載なし" in line
        and "深さ 0/4" in line
        and line.endswith(
            "サイバーセキュリティリスク管理体制の構築  （該当はサイバーセキュリティの記載以外の 1 件のみ）"
        )
    )
    assert "指示1  ● 記載あり" in text


def test_map_lists_passages_outside_the_cybersecurity_text_only_with_all(run_cli, tmp_path):
    """By default `map` lists what the coverage counts; ``--all`` adds the labelled passages
    outside the security text (here a general risk committee the mapper labels 指示2), marked."""
    doc = tmp_path / "gov.md"
    doc.write_text(GOVERNANCE_MD, encoding="utf-8")
    default = json.loads(run_cli("map", "--format", "json", doc).stdout)["passages"]
    assert [p["text"][:10] for p in default] == ["当社グループは、サイ"] and default[0]["in_scope"] is True
    passages = json.loads(run_cli("map", "--all", "--format", "json", doc).stdout)["passages"]
    by_text = {p["text"][:10]: p for p in passages}
    assert by_text["当社グループは、サイ"]["in_scope"] is True
    committee = by_text["当社は、リスク管理委"]
    assert 2 in committee["directives"] and committee["in_scope"] is False
    marker = "（サイバーセキュリティの記載の外にあるため、網羅状況には数えません）"
    plain = run_cli("map", doc).stdout.split("## ")[0]
    assert "リスク管理委員会" not in plain and marker not in plain
    text = run_cli("map", "--all", doc).stdout.split("## ")[0]
    assert text.count(marker) == 1
    assert text.index("リスク管理委員会") < text.index(marker)
    english = run_cli("--lang", "en", "map", "--all", doc).stdout
    assert english.count("(outside the cybersecurity text: not counted in the coverage)") == 1
    assert "--all" in run_cli("map", "--help").stdout


@pytest.mark.parametrize(
    "cell, heading",
    [("情報セキュリティ", "サステナビリティ"), ("サイバーセキュリティ", ""), ("情報セキュリティ（注）", "リスク管理")],
)
def test_a_bare_label_cell_gets_no_directive(mapper, cell, heading):
    """A table cell or heading-like block that only names the topic does nothing: no label."""
    res = _labels(mapper, cell, heading)
    assert res.directives == [], (cell, res.directives, res.scores)


def test_every_label_shows_evidence_of_its_own_directive(mapper):
    texts = [
        "当社は、情報セキュリティ委員会を設置し、その活動状況を年2回取締役会に報告しています。",
        "当社グループでは、EDRによる端末の監視と外部SOCによる24時間365日のログ分析を行っています。",
        "不正アクセスを受けたサーバーをネットワークから隔離し、外部専門家の協力を得て調査を進めるとともに、警察に相談しています。",
        "海外グループ会社の従業員にも情報セキュリティ教育を展開し、受講率の向上を目標に掲げています。",
    ]
    for res in mapper.analyse([(t, "") for t in texts]):
        assert res.directives, res.text
        for d in res.directives:
            assert res.evidence.get(d), (res.text, d)


def test_a_function_frame_is_evidence_with_its_span(mapper):
    """Predicate + object in one sentence (rules/directives/functions.yml) names what the
    passage does, and the span points at the original text."""
    text = (
        "不正アクセスを確認した後、当社は対策本部を設置し、被害を受けたサーバーをネットワークから隔離するとともに、"
        "警察に相談し、個人情報保護委員会へ報告いたしました。"
    )
    res = _labels(mapper, text)
    assert 7 in res.directives
    frames = [e for e in res.evidence[7] if e.concept and ".f_" in e.concept]
    assert frames and all(text[e.start : e.end] == e.text for e in frames)
    assert any("警察" in e.text for e in frames)


def test_a_cited_policy_is_no_evidence_of_directive_1():
    """「方針に基づき…」 names the rule set another act rests on: its terms give no evidence of 1
    (functions.yml ``mentions``), while setting a policy still does."""
    from disclint.text.normalize import normalize

    ds = load_directives()

    def d1_terms(text):
        norm = normalize(text).text
        kept = ds.without_mentions(ds.concept_hits(norm), ds.mention_spans(norm))
        return [h.term for h in kept if h.concept.directive == 1]

    assert d1_terms("当社は、情報セキュリティ基本方針に基づき、全端末にEDRを導入しています。") == []
    assert d1_terms("当社は、情報セキュリティ基本方針を定め、全従業員に周知しています。")
    norm = normalize("各部門は、基本方針に基づいて対策を実施する。").text
    ((name, directive, s, _),) = ds.mention_spans(norm)
    assert (name, directive) == ("policy_cited", 1) and norm[s:].startswith("基本方針")


def test_directive_1_frames_reach_the_wording_of_risk_recognition(mapper):
    """Directive 1 is the risk recognised, not the topic word (GUIDELINE): an attack named as a
    condition and its harm at the end of a long risk sentence, security called a precondition of
    the business, a threat said to grow — each is a frame of 1 (functions.yml); an attack named as
    the purpose of a measure is not, so a measure sentence keeps no evidence of 1."""
    from disclint.text.normalize import normalize

    ds = load_directives()

    def d1_frames(text):
        norm = normalize(text).text
        kept = ds.without_mentions(ds.concept_hits(norm), ds.mention_spans(norm))
        return {h.concept.name for h in kept if h.concept.directive == 1 and h.concept.name.startswith("f_")}

    risk = "基幹システムが標的型攻撃を受けて長時間止まった場合には、受注や出荷が滞り、当社グループの経営成績に重大な影響が生じるおそれがあります。"
    assert "f_risk_recognised" in d1_frames(risk)
    assert "f_security_is_important" in d1_frames("当社は、お客様の情報を守ることを、事業を続けるうえでの大前提と考えています。")
    assert "f_threat_recognised" in d1_frames("ランサムウェアによる攻撃の手口は年々巧妙化しています。")
    assert d1_frames("攻撃の高度化に対応するため、当社は全端末の監視を強化しています。") == set()
    assert d1_frames("当社は、全端末にEDRを導入し、不審な通信を監視しています。") == set()
    res = _labels(mapper, risk)
    assert 1 in res.directives and any(e.concept == "d1.f_risk_recognised" for e in res.evidence[1])


def test_headings_of_an_offering_or_an_explainer_are_features():
    """A heading that presents a service or explains a term (「〜とは」) is a not-own feature of the
    passage under it, never evidence; a company's own security headings are not."""
    from disclint.mapper.features import build_features
    from disclint.text.normalize import normalize

    ds = load_directives()
    text = normalize("脆弱性を放置すると、不正アクセスを受けるおそれがあります。").text
    under_explainer = build_features(ds, text, [], [], [], [], True, context_norm=normalize("脆弱性診断とは").text)
    under_own = build_features(ds, text, [], [], [], [], True, context_norm=normalize("情報セキュリティ 推進体制").text)
    assert "xg:explainer" in under_explainer.values
    assert not any(k.startswith("xg:") for k in under_own.values)


@pytest.mark.parametrize("heading", ["標的型メール訓練とは", "コラム 脆弱性診断の選び方", "サービス概要"])
def test_text_under_an_explainer_or_offering_heading_is_not_the_companys_own(mapper, heading):
    """A vendor's column or service page describes measures in the company's own words; under a
    heading that explains a term or presents an offering it is not a disclosure of the company's
    own management, whatever its wording."""
    text = "当社は、全従業員に疑似の攻撃メールを送る訓練を年2回実施し、開封率を経営会議に報告しています。"
    assert _labels(mapper, text, "情報セキュリティへの取組み").cyber
    res = _labels(mapper, text, heading)
    assert not res.cyber and res.directives == []
