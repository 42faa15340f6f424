"""HTML report (``disclint lint FILE --format html -o report.html``): structure, offsets, escaping.

The page is parsed with lxml.html; the browser behaviour (filters, no script execution, load
time) is in tests/test_browser_report.py.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from disclint.model.document import Block, BlockKind, Document, Location
from disclint.model.findings import Finding, Level
from disclint.report import FileReport, render
from disclint.report.html import QUALITIES, HtmlFileReport, _Span, marked_text, quality_scores, radar_svg, with_document

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "sample_draft.docx"

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</mark></span></div><iframe src=javascript:alert(1)>",
    "&lt;b&gt; & &amp; {{7*7}} ${alert(1)}",
    "<style>body{display:none}</style>",
]


# --------------------------------------------------------------------------- helpers


def page(html_text: str):
    return lxml.html.document_fromstring(html_text)


def mark_texts(tree) -> dict[int, str]:
    """Finding id -> the text of all its <mark> pieces in document order."""
    out: dict[int, str] = {}
    for m in tree.iter("mark"):
        f = int(m.get("data-f"))
        # a piece's own text: its text content minus nothing (pieces of one finding never nest)
        out[f] = out.get(f, "") + m.text_content()
    return out


@pytest.fixture(scope="module")
def sample_report():
    from disclint.config import Config
    from disclint.lint import lint
    from disclint.readers import read

    doc = read(SAMPLE)
    cfg = Config()
    result = lint(doc, config=cfg)
    rep = with_document(FileReport(doc.path, result.findings, result.coverage), result.analysis, cfg)
    return doc, result, rep, render("html", [rep], rules=cfg.rules(), lang="ja", version="9.9.9")


# --------------------------------------------------------------------------- self-contained, profile, coverage


def test_page_is_self_contained_with_a_strict_csp(sample_report):
    _, _, _, text = sample_report
    tree = page(text)
    assert not tree.xpath("//*[@src] | //link | //iframe | //object | //embed")
    assert "@import" not in text and "url(" not in text
    urls = set(re.findall(r"https?://[^\s\"'<>]+", text))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls  # the SVG namespace is a name, never fetched
    (script,) = tree.xpath("//script")
    (style,) = tree.xpath("//style")
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]

    def h(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    assert "default-src 'none'" in csp and f"script-src {h(script.text)}" in csp and f"style-src {h(style.text)}" in csp
    assert len(script.text) < 5000  # behaviour only: no copy of the document in JS data


def test_profile_names_version_rules_config_and_time(sample_report):
    _, _, _, text = sample_report
    tree = page(text)
    run = tree.xpath('//dl[contains(@class,"run-profile")]')[0].text_content()
    assert "9.9.9" in run and "truthfulness.absolute-claim" in run and "使用したルール" in run
    assert re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", run)
    per_file = tree.xpath('//dl[contains(@class,"file-profile")]')[0].text_content()
    assert "設定ファイル" in per_file and "（なし: 既定の設定）" in per_file and "検査時間" in per_file and "ブロック" in per_file


def test_coverage_matrix_has_ten_directives_and_three_principles(sample_report):
    _, result, _, text = sample_report
    tree = page(text)
    rows = tree.xpath('//table[@class="cov"]/tbody/tr')
    directive_rows = [r for r in rows if "principle" not in (r.get("class") or "")]
    principle_rows = [r for r in rows if "principle" in (r.get("class") or "")]
    assert len(directive_rows) == 10 and len(principle_rows) == 3
    for r in directive_rows:
        status = result.coverage["directives"][r.get("data-d")]["status"]
        assert f"row-{status}" in r.get("class")
    assert any("サプライチェーン" in r.text_content() for r in principle_rows)
    covered = [r for r in directive_rows if "row-covered" in r.get("class")]
    assert covered and all(r.xpath(".//a[starts-with(@href,'#f0b')]") for r in covered)  # links to the passages


def test_radar_charts_are_inline_svg(sample_report):
    _, _, _, text = sample_report
    tree = page(text)
    charts = tree.xpath("//svg")
    assert len(charts) == 2
    assert len(charts[0].xpath(".//line")) == 10 and len(charts[1].xpath(".//line")) == 5


# --------------------------------------------------------------------------- text, marks, list


def test_every_finding_is_marked_at_its_exact_offsets_and_linked(sample_report):
    doc, result, _, text = sample_report
    tree = page(text)
    marks = mark_texts(tree)
    items = tree.xpath('//li[contains(@class,"fd")]')
    assert len(items) == len(result.findings)
    for i, f in enumerate(result.findings):
        li = items[i]
        assert li.get("data-level") == f.level.value and li.get("data-quality") == f.quality
        if f.block_index is None:
            assert i not in marks and li.xpath('.//a[@href="#cov0"]')
            continue
        expected = f.excerpt or doc.blocks[f.block_index].text
        assert marks[i] == expected, (f.rule, marks[i], expected)
        assert li.xpath(f'.//a[@href="#m{i}"]') and tree.xpath(f'//mark[@id="m{i}"]')
    # the placeholder and the absolute claim are where a reader expects them
    by_rule = {}
    for i, f in enumerate(result.findings):
        by_rule.setdefault(f.rule, []).append(marks.get(i))
    assert "万全" in by_rule["truthfulness.absolute-claim"] and {"【要記入】", "●●"} <= set(by_rule["truthfulness.placeholder"])


def test_document_text_appears_once_with_paragraph_references(sample_report):
    doc, _, _, text = sample_report
    tree = page(text)
    shown = [e.text_content() for e in tree.xpath('//div[contains(@class,"b ")]/span[@class="tx"] | //table[@class="dt"]//td')]
    assert sorted(x for x in shown if x) == sorted(b.text for b in doc.blocks)
    locs = [e.text_content() for e in tree.xpath('//div[contains(@class,"b ")]/span[@class="loc"]')]
    assert "¶1" in locs and all(x.startswith("¶") for x in locs)
    longest = max(doc.blocks, key=lambda b: len(b.text)).text
    assert text.count(longest[:60]) == 1  # no second copy of the text anywhere (e.g. in JS data)
    cells = tree.xpath('//table[@class="dt"]//td[@id]')
    assert cells and all(c.get("title").startswith("¶") and "表" in c.get("title") for c in cells)


def test_filters_cover_quality_level_and_directive(sample_report):
    _, result, _, text = sample_report
    tree = page(text)
    values = {name: [i.get("value") for i in tree.xpath(f'//form[@class="filters"]//input[@name="{name}"]')] for name in ("level", "quality", "directive")}
    assert values["level"] == ["error", "warning", "info"]
    assert values["quality"] == list(QUALITIES)
    assert values["directive"] == [str(d) for d in range(1, 11)] + ["0"]
    missing = [f for f in result.findings if f.rule == "relevance.directive-missing"]
    items = tree.xpath('//li[contains(@class,"fd")]')
    for i, f in enumerate(result.findings):
        if f in missing:
            assert items[i].get("data-d") == str(f.data["directive"])


def test_pages_are_shown_for_paged_documents():
    blocks = [
        Block(BlockKind.HEADING, "(6) 情報セキュリティについて", Location("a.pdf", page=18, section=("(6) 情報セキュリティについて",)), 2),
        Block(BlockKind.PARAGRAPH, "当社は万全の対策を講じています。", Location("a.pdf", page=18)),
        Block(BlockKind.PARAGRAPH, "翌ページの段落です。", Location("a.pdf", page=19)),
        Block(BlockKind.TABLE_CELL, "件数", Location("a.pdf", page=19, table=1, row=1, column=1)),
        Block(BlockKind.TABLE_CELL, "●●件", Location("a.pdf", page=19, table=1, row=1, column=2)),
        Block(BlockKind.TABLE_CELL, "前期", Location("a.pdf", page=19, table=1, row=2, column=2)),
    ]
    doc = Document("a.pdf", "pdf", blocks, {"pages": 20})
    fs = [
        Finding("truthfulness.absolute-claim", Level.WARNING, "断定的", blocks[1].location, 1, 3, 5, "万全", "truthfulness"),
        Finding("truthfulness.placeholder", Level.ERROR, "仮置き", blocks[4].location, 4, 0, 2, "●●", "truthfulness"),
    ]
    rep = HtmlFileReport("a.pdf", fs, {}, 0, document=doc)
    tree = page(render("html", [rep], lang="ja", version="1"))
    assert [p.text_content() for p in tree.xpath('//div[@class="pg"]')] == ["p.18", "p.19"]
    assert [e.text_content() for e in tree.xpath('//span[@class="loc"]')] == ["p.18", "p.18", "p.19"]
    assert mark_texts(tree) == {0: "万全", 1: "●●"}
    (tbl,) = tree.xpath('//table[@class="dt"]')
    assert [[td.text_content() for td in tr.xpath("td")] for tr in tbl.xpath("tr")] == [["件数", "●●件"], ["", "前期"]]
    assert "20 ページ" in tree.xpath('//dl[contains(@class,"file-profile")]')[0].text_content()


def test_a_report_without_the_document_still_renders():
    f1 = Finding("truthfulness.placeholder", Level.ERROR, "仮置き「●●」", Location("a.docx", paragraph=3), 2, 5, 7, "●●", "truthfulness")
    f2 = Finding("relevance.directive-missing", Level.WARNING, "指示4 がありません", Location("a.docx"), None, quality="relevance", data={"directive": 4})
    cov = {"directives": {str(d): {"status": "covered" if d != 4 else "missing", "title": f"t{d}", "locations": [{"file": "a.docx", "paragraph": d}]} for d in range(1, 11)}}
    tree = page(render("html", [FileReport("a.docx", [f2, f1], cov)], lang="en", version="1"))
    assert len(tree.xpath('//li[contains(@class,"fd")]')) == 2 and not tree.xpath("//mark")
    assert "not part of this report" in tree.text_content()
    rows = tree.xpath('//table[@class="cov"]/tbody/tr')
    assert len(rows) == 13 and "¶4" in rows[3].text_content()
    assert "principles are judged from their directives" in tree.text_content()


# --------------------------------------------------------------------------- escaping


def hostile_report() -> tuple[HtmlFileReport, str]:
    blocks = []
    for i, s in enumerate(HOSTILE):
        blocks.append(Block(BlockKind.HEADING, f"見出し{s}", Location(f"x{s}.docx", paragraph=2 * i + 1, section=(s,)), 1))
        blocks.append(Block(BlockKind.PARAGRAPH, f"本文 {s} 終わり", Location(f"x{s}.docx", paragraph=2 * i + 2, section=(s,))))
    blocks.append(Block(BlockKind.TABLE_CELL, HOSTILE[1], Location("x.docx", paragraph=99, table=1, row=1, column=1)))
    doc = Document(f"x{HOSTILE[0]}.docx", "docx", blocks, {"title": HOSTILE[1]})
    fs = []
    for i, s in enumerate(HOSTILE):
        k = 2 * i + 1
        start = blocks[k].text.index(s)
        fs.append(Finding(f"rule{s}", Level.WARNING, f"message {s}", blocks[k].location, k, start, start + len(s), s, quality=s, hint=f"hint {s}", data={"directive": s}))
    fs.append(Finding("x.doc", Level.INFO, HOSTILE[0], Location(doc.path), None, quality="relevance"))
    cov = {"directives": {str(d): {"status": "weak", "title": HOSTILE[d % len(HOSTILE)], "locations": []} for d in range(1, 11)}}
    rep = HtmlFileReport(doc.path, fs, cov, 0, document=doc, profile={"config": HOSTILE[1], "select": [HOSTILE[0]], "ignore": [], "fail_level": HOSTILE[2]})

    class R:  # a rule with hostile metadata
        id = HOSTILE[0]
        quality = HOSTILE[1]
        enabled = True
        level = Level.INFO

    return rep, render("html", [rep], rules=[R()], lang="ja", version=HOSTILE[2])


def test_hostile_text_is_escaped_everywhere():
    rep, text = hostile_report()
    tree = page(text)
    assert len(tree.xpath("//script")) == 1 and len(tree.xpath("//style")) == 1
    assert not tree.xpath("//img | //iframe | //object | //embed")
    assert [s.get("class") for s in tree.xpath("//svg")] == ["radar radar-directives", "radar radar-quality"]  # ours only
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name in el.attrib:
            assert not name.lower().startswith("on"), (el.tag, name)
    assert "<script>alert(1)</script>" not in text.replace(text[text.index("<script>"):text.index("</script>") + 9], "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in text
    visible = tree.text_content()
    for s in HOSTILE:
        assert s in visible, s  # shown literally, as text
    marks = mark_texts(tree)
    for i, s in enumerate(HOSTILE):
        assert marks[i] == s


# --------------------------------------------------------------------------- building blocks


def test_marked_text_nests_crossing_spans_and_escapes():
    text = "0123456789<&>"
    spans = [_Span(1, 5, 0, "info", "q"), _Span(3, 8, 1, "error", "q"), _Span(3, 4, 2, "warning", "q"), _Span(10, 13, 3, "info", "q")]
    out = marked_text(text, spans, set())
    frag = lxml.html.fragment_fromstring(f"<div>{out}</div>")
    assert frag.text_content() == text
    got: dict[int, str] = {}
    for m in frag.iter("mark"):
        got[int(m.get("data-f"))] = got.get(int(m.get("data-f")), "") + m.text_content()
    assert got == {0: "1234", 1: "34567", 2: "3", 3: "<&>"}
    assert out.count(' id="m1"') == 1 and "&lt;&amp;&gt;" in out
    etree.fromstring(f"<div>{out}</div>")  # well nested


def test_radar_svg_geometry():
    svg = radar_svg(["a", "b", "c", "d"], [100, 50, 0, 25], title="t<")
    root = etree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == ns + "svg" and root.find(ns + "title").text == "t<"
    value = [p for p in root.iter(ns + "polygon") if p.get("class") == "value"][0]
    rings = [p for p in root.iter(ns + "polygon") if p.get("class") == "ring"]
    pts = [tuple(map(float, p.split(","))) for p in value.get("points").split()]
    outer = [tuple(map(float, p.split(","))) for p in rings[-1].get("points").split()]
    assert len(pts) == 4 and pts[0] == outer[0]  # 100 lies on the outer ring
    assert len(root.findall(ns + "line")) == 4 and [t.text for t in root.iter(ns + "text")] == ["a ", "b ", "c ", "d "]
    with pytest.raises(ValueError):
        radar_svg(["a", "b"], [1, 2])


def test_quality_scores_follow_the_documented_formula():
    loc = Location("x", paragraph=1)

    def f(level: Level, quality: str, block: int | None = 0) -> Finding:
        return Finding("r", level, "m", loc if block is not None else Location("x"), block, quality=quality)

    fs = [f(Level.ERROR, "truthfulness"), f(Level.INFO, "understandability"), f(Level.INFO, "understandability"), f(Level.WARNING, "relevance", None)]
    assert quality_scores(fs, 2000) == {"relevance": 90, "truthfulness": 75, "comparability": 100, "understandability": 90, "timeliness": 100}
    assert quality_scores(fs, 10) == {"relevance": 90, "truthfulness": 50, "comparability": 100, "understandability": 80, "timeliness": 100}  # at least 1,000 characters
    assert quality_scores([f(Level.ERROR, "timeliness")] * 50, 1000)["timeliness"] == 0  # floored


# --------------------------------------------------------------------------- the CLI


def test_cli_writes_the_html_report(run_cli, tmp_path):
    out = tmp_path / "report.html"
    res = run_cli("lint", SAMPLE, "--format", "html", "-o", out, "--fail-level", "none")
    assert res.returncode == 0, res.stderr
    assert res.stdout == "" and "指摘" in res.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'lang="ja"' in text and "<mark" in text
    res = run_cli("lint", SAMPLE, "--format", "html", "-o", out)
    assert res.returncode == 2 and "--force" in res.stderr
    res = run_cli("--lang", "en", "lint", SAMPLE, "--format", "html", "-o", out, "--force", "--fail-level", "none")
    assert res.returncode == 0 and 'lang="en"' in out.read_text(encoding="utf-8") and "Findings" in out.read_text(encoding="utf-8")


def test_survey_and_html_report_give_the_same_quality_scores():
    """One definition (disclint.quality) behind both the HTML report and the survey store: when the
    whole text is cybersecurity text (and at least 1,000 characters) they agree; the survey
    scores only the in-scope text and keeps one decimal."""
    from disclint.model.document import Location
    from disclint.model.findings import Finding, Level
    from disclint.survey.worker import _finding_dict, quality_rows

    loc = Location(file="x")
    fs = [
        Finding("truthfulness.placeholder", Level.ERROR, "m", loc, block_index=3, quality="truthfulness"),
        Finding("understandability.sentence-length", Level.INFO, "m", loc, block_index=4, quality="understandability"),
        Finding("relevance.directive-missing", Level.WARNING, "m", loc, block_index=None, quality="relevance"),
    ]
    html_scores = quality_scores(fs, 4000)
    survey_scores = {r["quality"]: r["score"] for r in quality_rows([_finding_dict(f) for f in fs], lambda i: True, 4000)}
    assert all(abs(survey_scores[q] - s) <= 0.5 for q, s in html_scores.items())
    assert html_scores["truthfulness"] < 100 and html_scores["comparability"] == 100


def test_a_file_with_very_many_findings_lists_the_most_severe_and_says_so():
    """40,000 findings rendered for minutes and no one can read them: the page lists and marks at
    most MAX_LISTED, errors and warnings first, says how many it left out, and counts them all."""
    from disclint.report.html import MAX_LISTED

    blocks = [Block(BlockKind.PARAGRAPH, "当社は万全の対策を講じています。", Location("a.md", line=k + 1)) for k in range(200)]
    doc = Document("a.md", "markdown", blocks, {})
    infos = [Finding("understandability.sentence-length", Level.INFO, "長い", blocks[k % 200].location, k % 200, 0, 2, "当社",
                     "understandability") for k in range(MAX_LISTED + 100)]
    errors = [Finding("truthfulness.absolute-claim", Level.ERROR, "断定的", blocks[199].location, 199, 3, 5, "万全", "truthfulness")
              for _ in range(3)]
    rep = HtmlFileReport("a.md", infos + errors, {}, 0, document=doc)
    text = render("html", [rep], lang="en", version="1")
    tree = page(text)
    listed = tree.xpath('//li[contains(@class,"fd")]')
    assert len(listed) == MAX_LISTED
    assert len([li for li in listed if li.get("data-level") == "error"]) == 3  # the most severe are kept
    assert f"{MAX_LISTED} of {MAX_LISTED + 103} findings are listed" in text
