"""Drafting: rendering, tone, placeholders, templates, round trip through the mapper, lint, docx."""

import re
import shutil
import subprocess

import pytest

from disclint.draft import DOC_TYPES, INSERT_HEADING, DraftError, empty_profile, load_profile, render_draft, validate
from disclint.draft.render import PLACEHOLDER_RE
from disclint.draft.tone import apply_tone, convert_ending, unconverted
from disclint.draft.writer import insert_into_copy, same_file, to_markdown, write_docx
from disclint.resources import data_dir

EXAMPLE = data_dir("templates") / "profiles" / "example-complete.yml"
TYPES = list(DOC_TYPES)
DIRECTIVES = list(range(1, 11))


@pytest.fixture(scope="module")
def complete():
    return load_profile(EXAMPLE)


@pytest.fixture(scope="module")
def mapper():
    from disclint.lint import shared_mapper

    return shared_mapper()


def read_back(path):
    from disclint.readers import read

    return read(str(path))


# ----------------------------------------------------------------------------- round trip (6 x 10)
@pytest.mark.parametrize("doc_type", TYPES)
@pytest.mark.parametrize("directive", DIRECTIVES)
def test_round_trip_section_is_mapped_to_its_directive(complete, mapper, doc_type, directive):
    """The drafted section (its paragraphs, headings as context) is labelled with its directive."""
    draft = render_draft(complete, doc_type, [directive])
    passages = draft.passages(directive)
    assert passages, "empty section"
    results = mapper.analyse(passages)
    labels = [r.directives for r in results]
    assert any(directive in ls for ls in labels), (doc_type, directive, labels)


@pytest.mark.parametrize("doc_type", TYPES)
def test_full_draft_covers_all_ten_directives(complete, mapper, doc_type, tmp_path):
    from disclint.mapper import compute_coverage

    out = write_docx(render_draft(complete, doc_type), tmp_path / "d.docx")
    cov = compute_coverage(mapper.map_document(read_back(out)), mapper.ds)
    assert {d: c.status for d, c in cov.directives.items()} == {d: "covered" for d in DIRECTIVES}


# ----------------------------------------------------------------------------- lint
#: a section drafted alone for one directive is judged by these rules as a whole document:
#: it misses the other nine directives by design (in a filing it joins the other sections)
_WHOLE_DOCUMENT_RULES = {"relevance.directive-missing", "relevance.directive-weak"}
_KNOWN: dict[tuple[str, int | None], str] = {}  # (doc type, directive) -> why a finding is expected: none


def _param(doc_type, directive):
    reason = _KNOWN.get((doc_type, directive))
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(doc_type, directive, marks=marks, id=f"{doc_type}-{directive or 'all'}")


def _problems(path, ignore=()):
    from disclint.lint import lint_document

    return [(f.level.value, f.rule, f.excerpt) for f in lint_document(read_back(path))
            if f.level.value in ("error", "warning") and f.rule not in ignore]


@pytest.mark.parametrize("doc_type, directive", [_param(t, None) for t in TYPES])
def test_complete_profile_draft_lints_clean(complete, doc_type, directive, tmp_path):
    """0 errors and 0 warnings for the whole draft (every directive) of each document type."""
    for variant in range(2):
        out = write_docx(render_draft(complete, doc_type, variant=variant), tmp_path / f"d{variant}.docx")
        assert _problems(out) == [], variant


@pytest.mark.parametrize("doc_type, directive", [_param(t, d) for t in TYPES for d in DIRECTIVES])
def test_every_section_lints_clean(complete, doc_type, directive, tmp_path):
    """Each doc type x directive: 0 errors, 0 warnings (but the whole-document coverage rules)."""
    out = write_docx(render_draft(complete, doc_type, [directive]), tmp_path / "d.docx")
    assert _problems(out, _WHOLE_DOCUMENT_RULES) == []


@pytest.mark.parametrize("doc_type", TYPES)
def test_empty_profile_draft_has_only_placeholder_errors(doc_type, tmp_path):
    from disclint.lint import lint_document

    draft = render_draft(empty_profile(), doc_type)
    out = write_docx(draft, tmp_path / "d.docx")
    errors = [f for f in lint_document(read_back(out)) if f.level.value == "error"]
    assert errors and {f.rule for f in errors} <= {"truthfulness.placeholder", "truthfulness.unconfirmed-placeholder"}
    # every placeholder and question we wrote is one the linter finds; none hides in a heading
    assert sorted(f.excerpt for f in errors) == sorted(draft.placeholders() + draft.questions())
    assert not any(PLACEHOLDER_RE.search(b.text) or "【要確認" in b.text for b in draft.blocks if b.kind == "heading")


def test_placeholder_syntax_matches_the_lint_rule():
    import yaml

    rule = yaml.safe_load((data_dir("rules") / "truthfulness" / "placeholder.yml").read_text(encoding="utf-8"))
    patterns = [re.compile(p) for p in rule["options"]["patterns"]]
    rule = yaml.safe_load((data_dir("rules") / "truthfulness" / "unconfirmed-placeholder.yml").read_text(encoding="utf-8"))
    questions = [re.compile(p) for p in rule["options"]["patterns"]]
    for doc_type in TYPES:
        draft = render_draft(empty_profile(), doc_type)
        for ph in draft.placeholders():
            assert any(p.fullmatch(ph) for p in patterns), ph
        assert draft.questions()
        for q in draft.questions():
            assert any(p.fullmatch(q) for p in questions) and not any(p.search(q) for p in patterns), q


# ----------------------------------------------------------------------------- facts only
def test_complete_profile_leaves_no_placeholder(complete):
    for doc_type in TYPES:
        assert render_draft(complete, doc_type).placeholders() == [], doc_type


def test_facts_from_the_profile_appear_formatted(complete):
    md = to_markdown(render_draft(complete, "security-report"))
    for fact in ("株式会社あさぎ電工", "ASAGI-CSIRT", "1,250百万円", "10.5%", "98.7%", "4回", "180社", "48時間", "2016年10月", "ICT-ISAC", "情報セキュリティ委員会"):
        assert fact in md, fact


def test_false_and_missing_measures_are_not_claimed(complete):
    data = dict(complete.data)
    data = {k: dict(v) if isinstance(v, dict) else v for k, v in data.items()}
    data["protections"].update(edr=False, edr_coverage_pct=None)
    data["bcp"].update(cyber_insurance=False)
    data["policy"].update(iso27001_scope=None)
    raw = _raw(data)
    profile, errors = validate(raw)
    assert errors == []
    md = to_markdown(render_draft(profile, "integrated"))
    assert "EDR" not in md and "サイバー保険" not in md and "27001" not in md


def _raw(data):
    """Turn validated data back into YAML-like input (dates as strings)."""
    from disclint.draft.profile import Date

    def conv(v):
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x) for x in v]
        if isinstance(v, Date):
            return "-".join(str(x) if i == 0 else f"{x:02d}" for i, x in enumerate((v.year, v.month, v.day)) if x)
        return v

    return conv(data)


def test_empty_profile_asks_what_to_confirm():
    draft = render_draft(empty_profile(), "yuho-sustainability", [3, 7])
    text = draft.text()
    assert "【要確認: 標的型メール訓練の有無】" in text
    assert "【要確認: CSIRTの有無と名称】" in text
    assert "None" not in text and "【要記入: 】" not in text and "【要確認: 】" not in text


def test_a_declared_measure_without_its_details_shows_what_to_fill_in():
    profile, errors = validate({"incident_response": {"drills_per_year": 2}, "resources": {"training_format": "eラーニング"}})
    assert errors == []
    text = render_draft(profile, "yuho-sustainability", [3, 7]).text()
    assert "【要記入: 研修の受講率】" in text and "2回" in text


def test_wareki_profile(complete):
    raw = _raw(complete.data)
    raw["fiscal_year"]["calendar"] = "wareki"
    profile, _ = validate(raw)
    md = to_markdown(render_draft(profile, "security-report", [1]))
    assert "令和6年度" in md and "令和3年4月" in md and "2021年" not in md


# ----------------------------------------------------------------------------- structure and tone
def headings(draft):
    return [(b.level, b.text) for b in draft.blocks if b.kind == "heading"]


def test_yuho_sustainability_pillars(complete):
    hs = [t for _, t in headings(render_draft(complete, "yuho-sustainability"))]
    pillars = [t for t in hs if t.startswith("(")]
    assert pillars == ["(1) ガバナンス", "(2) リスク管理", "(3) 戦略", "(4) 指標及び目標"]
    # only the pillars that hold a chosen directive, numbered in order
    hs = [t for _, t in headings(render_draft(complete, "yuho-sustainability", [7, 10]))]
    assert [t for t in hs if t.startswith("(")] == ["(1) リスク管理", "(2) 戦略"]


def test_yuho_risk_puts_the_risk_first_then_the_measures(complete):
    draft = render_draft(complete, "yuho-risk", [7])
    first = next(i for i, b in enumerate(draft.blocks) if b.directive == 7)
    lead = [b.text for b in draft.blocks[:first] if b.kind == "paragraph"]
    assert "影響を及ぼす可能性があります。" in lead[-2] and "次の対策を講じております。" in lead[-1]
    assert "CSIRT" in draft.blocks[first + 1].text
    # the residual risk closes the risk item
    assert "完全に防ぐことは困難" in draft.blocks[-1].text


@pytest.mark.parametrize("doc_type", TYPES)
@pytest.mark.parametrize("which", ["complete", "empty"])
def test_every_sentence_is_in_the_tone_of_the_type(complete, doc_type, which):
    profile = complete if which == "complete" else empty_profile()
    tone = DOC_TYPES[doc_type].tone
    for variant in range(3):
        for b in render_draft(profile, doc_type, variant=variant).blocks:
            if b.kind in ("paragraph", "bullet"):
                assert unconverted(b.text, tone) == [], (doc_type, b.text)


def test_tone_conversion():
    assert convert_ending("設置している", "desumasu") == "設置しています"
    assert convert_ending("設置している", "oru") == "設置しております"
    assert convert_ending("重要である", "oru") == "重要であります"
    assert convert_ending("実施した", "desumasu") == "実施しました"
    assert convert_ending("設置している（2024年度末時点）", "desumasu") == "設置しています（2024年度末時点）"
    assert convert_ending("設置しています", "desumasu") == "設置しています"  # already polite
    assert convert_ending("実施しました", "oru") == "実施しました"
    assert apply_tone("Aである。Bしている。", "desumasu") == "Aです。Bしています。"
    assert apply_tone("Aである。", "dearu") == "Aである。"


def test_cg_is_terse(complete):
    cg = sum(len(b.text) for b in render_draft(complete, "cg").blocks)
    for other in ("integrated", "security-report"):
        assert cg < sum(len(b.text) for b in render_draft(complete, other).blocks)


@pytest.mark.parametrize("directives", [None, [5], [6], [10], [2, 7]])
def test_acronyms_explained_once_at_first_use(complete, directives, tmp_path):
    from disclint.config import Config
    from disclint.lint import lint

    draft = render_draft(complete, "security-report", directives)
    out = write_docx(draft, tmp_path / "d.docx")
    findings = lint(read_back(out), config=Config().with_cli(("understandability.unexplained-acronym",), (), None)).findings
    assert [f.excerpt for f in findings] == []
    assert draft.text().count("CISO（") <= 1


# ----------------------------------------------------------------------------- determinism and variants
def test_output_is_reproducible(complete):
    a = to_markdown(render_draft(complete, "integrated"))
    b = to_markdown(render_draft(complete, "integrated"))
    assert a == b


def test_variants_change_wording_not_facts(complete):
    texts = {to_markdown(render_draft(complete, "integrated", variant=v)) for v in range(6)}
    assert len(texts) > 1
    for t in texts:
        assert "1,250百万円" in t and "ASAGI-CSIRT" in t


def test_docx_is_reproducible(complete, tmp_path):
    a = write_docx(render_draft(complete, "cg"), tmp_path / "a.docx")
    b = write_docx(render_draft(complete, "cg"), tmp_path / "b.docx")
    import docx

    pa = [(p.style.name, p.text) for p in docx.Document(str(a)).paragraphs]
    pb = [(p.style.name, p.text) for p in docx.Document(str(b)).paragraphs]
    assert pa == pb


# ----------------------------------------------------------------------------- templates
def test_user_templates_override_file_by_file(complete, tmp_path):
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "d07.md.j2").write_text("# 独自の見出し\n\n{{ co }}の{{ p.incident_response.csirt_name }}が対応する。\n", encoding="utf-8")
    draft = render_draft(complete, "integrated", [7, 8], templates=tmp_path)
    hs = [t for _, t in headings(draft)]
    assert "独自の見出し" in hs
    assert "当社グループのASAGI-CSIRT" in draft.text() and "が対応します。" in draft.text()  # tone still applied
    assert "事業継続" in draft.text()  # d08 from our templates


def test_type_specific_template_wins_over_common(complete, tmp_path):
    (tmp_path / "cg").mkdir()
    (tmp_path / "cg" / "d01.md.j2").write_text("# CG の方針\n\n方針は{{ p.policy.name }}である。\n", encoding="utf-8")
    assert "１．CG の方針" in [t for _, t in headings(render_draft(complete, "cg", [1], templates=tmp_path))]
    assert "CG の方針" not in [t for _, t in headings(render_draft(complete, "csr", [1], templates=tmp_path))]


def test_undefined_names_fail_with_the_template_and_line(complete, tmp_path):
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "d01.md.j2").write_text("# x\n\n{{ p.policy.nmae }}\n", encoding="utf-8")
    with pytest.raises(DraftError) as exc:
        render_draft(complete, "csr", [1], templates=tmp_path)
    msg = exc.value.message("ja")
    assert "common/d01.md.j2" in msg and "3 行目" in msg and "\n" not in msg


def test_syntax_errors_fail_with_one_line(complete, tmp_path):
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "d01.md.j2").write_text("# x\n{% if %}\n", encoding="utf-8")
    with pytest.raises(DraftError) as exc:
        render_draft(complete, "csr", [1], templates=tmp_path)
    assert "d01.md.j2" in exc.value.message("en")


def test_templates_are_sandboxed(complete, tmp_path):
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "d01.md.j2").write_text("# x\n\n{{ p.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(DraftError):
        render_draft(complete, "csr", [1], templates=tmp_path)


def test_missing_template_dir():
    with pytest.raises(DraftError) as exc:
        render_draft(empty_profile(), "csr", templates="/nonexistent/templates")
    assert exc.value.code == "draft.templates_not_dir"


def test_our_templates_are_package_data():
    root = data_dir("templates")
    assert (root / "__init__.py").is_file()
    for t in TYPES:
        assert (root / t / "_intro.md.j2").is_file(), t
    for d in DIRECTIVES:
        assert (root / "common" / f"d{d:02d}.md.j2").is_file()


# ----------------------------------------------------------------------------- missing mode and insert
def test_missing_mode_heading_and_no_intro(complete):
    draft = render_draft(complete, "yuho-risk", [4, 8], missing_mode=True)
    assert draft.blocks[0].text == INSERT_HEADING and draft.blocks[0].level == 1
    assert all(b.directive is not None for b in draft.blocks if b.kind != "heading")


def test_insert_into_copy_places_sections_under_their_pillar(complete, tmp_path):
    import docx

    from disclint.resources import data_dir

    src = tmp_path / "in.docx"
    shutil.copyfile(data_dir("corpus") / "samples" / "sample_draft.docx", src)
    before = src.read_bytes()
    places = insert_into_copy(src, tmp_path / "out.docx", render_draft(complete, "yuho-sustainability", [4, 8], missing_mode=True))
    assert src.read_bytes() == before
    assert [(p.directive, p.heading) for p in places] == [(4, "(2) リスク管理"), (8, "(2) リスク管理")]
    paras = docx.Document(str(tmp_path / "out.docx")).paragraphs
    texts = [p.text for p in paras]
    start, end = texts.index("(2) リスク管理"), texts.index("(3) 戦略")
    added = [p for p in paras[start:end] if p.style.name == "Heading 4"]
    assert [p.text for p in added] == ["① リスクの把握と対策計画", "② 事業継続と復旧への備え"]
    assert INSERT_HEADING not in texts
    it = iter(texts)
    assert all(t in it for t in (p.text for p in docx.Document(str(src)).paragraphs))


def test_insert_into_a_document_without_heading_styles(complete, tmp_path):
    """A docx whose styles.xml lacks the heading styles gets them added (with an outline level)."""
    import docx

    src = tmp_path / "plain.docx"
    d = docx.Document()
    d.add_paragraph("本文")
    styles = d.styles.element
    for st in list(styles):
        name = st.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name")
        if name is not None and name.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "").lower().startswith(("heading", "list bullet")):
            styles.remove(st)
    d.save(str(src))
    out = tmp_path / "out.docx"
    places = insert_into_copy(src, out, render_draft(complete, "csr", [7], missing_mode=True))
    assert [(p.directive, p.heading) for p in places] == [(7, None)]
    doc = read_back(out)
    assert [b.text for b in doc.blocks if b.kind.value == "heading"][0] == INSERT_HEADING


def test_same_file(tmp_path):
    a = tmp_path / "a.docx"
    a.write_bytes(b"x")
    (tmp_path / "link.docx").symlink_to(a)
    assert same_file(a, tmp_path / "link.docx")
    assert same_file(a, tmp_path / "." / "a.docx")
    assert not same_file(a, tmp_path / "b.docx")


# ----------------------------------------------------------------------------- docx: Word styles, LibreOffice
def test_docx_uses_word_styles(complete, tmp_path):
    import docx

    out = write_docx(render_draft(complete, "yuho-sustainability"), tmp_path / "d.docx")
    styles = {p.style.name for p in docx.Document(str(out)).paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet", "Normal"} <= styles
    assert len(docx.Document(str(out)).tables) == 1


def test_markdown_round_trips_through_the_reader(complete, tmp_path):
    draft = render_draft(complete, "csr")
    out = tmp_path / "d.md"
    out.write_text(to_markdown(draft), encoding="utf-8")
    doc = read_back(out)
    got = [b.text for b in doc.blocks if b.kind.value == "heading"]
    assert got == [t for _, t in headings(draft)]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; `make test` installs it via the sysdeps target")
def test_docx_opens_in_libreoffice(complete, tmp_path):
    import docx

    draft = render_draft(complete, "yuho-sustainability")
    out = write_docx(draft, tmp_path / "draft.docx")
    profile_dir = tmp_path / "lo-profile"
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile_dir}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "draft.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000, proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    got = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert got == [t for _, t in headings(draft)]
    # the PDF carries the Japanese text (fonts-noto-cjk)
    text = "".join(b.text for b in read_back(pdf).blocks)
    assert "ガバナンス" in text


# ----------------------------------------------------------------------------- docx: looks like a filing (issue 17)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _styles_xml(path):
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/styles.xml")), etree.fromstring(z.read("word/document.xml"))


def _style_rpr(styles, style_id):
    (style,) = [s for s in styles.iter(W + "style") if s.get(W + "styleId") == style_id]
    return style.find(W + "rPr")


@pytest.mark.parametrize("doc_type", TYPES)
def test_docx_has_japanese_fonts_black_headings_and_a4(complete, doc_type, tmp_path):
    out = write_docx(render_draft(complete, doc_type), tmp_path / "d.docx")
    styles, document = _styles_xml(out)
    for style_id, family in (("Normal", "明朝"), ("ListBullet", "明朝"), ("Heading1", "ゴシック"), ("Heading2", "ゴシック"), ("Heading3", "ゴシック")):
        rpr = _style_rpr(styles, style_id)
        fonts = rpr.find(W + "rFonts")
        assert family in fonts.get(W + "eastAsia"), style_id  # the East Asian font, not a Latin theme font
        assert fonts.get(W + "eastAsiaTheme") is None and fonts.get(W + "asciiTheme") is None, style_id
        color = rpr.find(W + "color")
        assert color is not None and color.get(W + "val") == "000000" and color.get(W + "themeColor") is None, style_id
    assert _style_rpr(styles, "Heading1").find(W + "b") is not None
    # python-docx's default blue is gone from every paragraph and character style we use
    for s in styles.iter(W + "style"):
        if s.get(W + "styleId") in ("Normal", "ListBullet", "Heading1", "Heading2", "Heading3", "Heading4", "Heading1Char", "Heading2Char"):
            assert "365F91" not in str(s.xpath("string(.//@*)")) and not s.findall(f".//{W}color[@{W}themeColor]")
    # A4 portrait, 25 mm margins
    (pg,) = document.iter(W + "pgSz")
    assert (pg.get(W + "w"), pg.get(W + "h")) == ("11906", "16838")
    (mar,) = document.iter(W + "pgMar")
    assert {mar.get(W + k) for k in ("top", "bottom", "left", "right")} == {"1417"}


@pytest.mark.parametrize("doc_type, first", [
    ("yuho-risk", "① "), ("yuho-sustainability", "① "), ("cg", "１．"), ("security-report", "１．"),
])
def test_each_doc_type_numbers_its_sections_as_filings_do(complete, doc_type, first, tmp_path):
    import docx

    out = write_docx(render_draft(complete, doc_type), tmp_path / "d.docx")
    heads = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    numbered = [h for h in heads if h.startswith(first)]
    assert len(numbered) >= 1
    if doc_type == "yuho-sustainability":
        assert "(1) ガバナンス" in heads and "(4) 指標及び目標" in heads
    if first == "１．":
        assert any(h.startswith("１０．") for h in heads)


def test_insert_finds_headings_typed_as_plain_numbered_paragraphs(complete, tmp_path):
    """Drafts exported by filing tools often carry 「３【事業等のリスク】」 or 「(2) リスク管理」 as Normal paragraphs."""
    import docx

    src = tmp_path / "plain.docx"
    d = docx.Document()
    for text in ("２【サステナビリティに関する考え方及び取組】", "(1) ガバナンス", "当社グループは、取締役会が監督しております。",
                 "(2) リスク管理", "当社グループは、リスク管理委員会で審議しております。", "(3) 戦略", "当社グループは、人材の育成に努めております。"):
        d.add_paragraph(text)
    d.save(str(src))
    places = insert_into_copy(src, tmp_path / "out.docx", render_draft(complete, "yuho-sustainability", [8], missing_mode=True))
    assert [(p.directive, p.heading) for p in places] == [(8, "(2) リスク管理")]
    texts = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs]
    assert texts.index("(2) リスク管理") < texts.index("① 事業継続と復旧への備え") < texts.index("(3) 戦略")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed; `make test` installs it via the sysdeps target")
@pytest.mark.parametrize("doc_type, numbering", [("yuho-risk", "①"), ("yuho-sustainability", "(1)"), ("security-report", "１．")])
def test_libreoffice_renders_the_numbering_and_japanese_text(complete, doc_type, numbering, tmp_path):
    """LibreOffice -> PDF (and PNG when pdftoppm is there): the numbering and the Japanese text survive."""
    out = write_docx(render_draft(complete, doc_type), tmp_path / "draft.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "draft.pdf"
    assert pdf.is_file()
    text = "".join(b.text for b in read_back(pdf).blocks)
    assert numbering in text and "当社グループ" in text
    # ＭＳ 明朝 / ＭＳ ゴシック are substituted by a CJK serif (body) and a CJK sans (headings),
    # e.g. Noto Serif CJK JP and Noto Sans CJK JP Bold with fonts-noto-cjk
    fonts = {f.decode("ascii", "replace") for f in re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-_#]+)", pdf.read_bytes())}
    cjk = [f for f in fonts if re.search(r"CJK|Mincho|Gothic|Ming|Hei|Sans.*JP|Serif.*JP", f, re.I)]
    assert any(re.search(r"Serif|Mincho|Ming", f) for f in cjk), fonts
    assert any(re.search(r"Sans|Gothic|Hei", f) for f in cjk), fonts
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
        png = next(tmp_path.glob("page*.png"))
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 2000
