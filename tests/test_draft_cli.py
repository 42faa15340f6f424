"""``disclint init`` and ``disclint draft`` through ``python -m disclint`` (what a user types)."""

import hashlib
import shutil

import pytest
import yaml

from disclint.resources import data_dir

EXAMPLE = data_dir("templates") / "profiles" / "example-complete.yml"


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_error_line(proc):
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


# ----------------------------------------------------------------------------- init
def test_init_writes_the_commented_form(run_cli, tmp_path):
    proc = run_cli("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "disclint-profile.yml").read_text(encoding="utf-8")
    assert text.startswith("# disclint 会社プロファイル")
    assert "governance:" in text and "# CSIRT の名称" in text
    assert yaml.safe_load(text)["company"] == {k: None for k in yaml.safe_load(text)["company"]}


def test_init_refuses_to_overwrite(run_cli, tmp_path):
    target = tmp_path / "mine.yml"
    target.write_text("company:\n  name: 既存\n", encoding="utf-8")
    before = sha(target)
    line = one_error_line(run_cli("init", "-o", target))
    assert line.startswith(f"disclint: {target}: ") and "上書きしません" in line or "書き込みません" in line
    assert sha(target) == before
    en = one_error_line(run_cli("--lang", "en", "init", "-o", target))
    assert "not overwritten" in en


def test_init_refuses_a_dangling_symlink(run_cli, tmp_path):
    link = tmp_path / "p.yml"
    link.symlink_to(tmp_path / "elsewhere.yml")
    one_error_line(run_cli("init", "-o", link))
    assert not (tmp_path / "elsewhere.yml").exists()


def test_init_example_is_the_complete_profile(run_cli, tmp_path):
    proc = run_cli("init", "--example", "-o", tmp_path / "ex.yml")
    assert proc.returncode == 0
    assert (tmp_path / "ex.yml").read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


def test_init_then_draft_gives_placeholders(run_cli, tmp_path):
    run_cli("init", cwd=tmp_path)
    proc = run_cli("draft", "--doc-type", "cg", "--profile", "disclint-profile.yml", "--directives", "7", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "【要確認: CSIRTの有無と名称】" in proc.stdout and "CSIRTである" not in proc.stdout


# ----------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    "content, expect",
    [
        ("governance:\n  cisco_title: 部長\n", "不明な項目 'governance.cisco_title' です（'governance.ciso_title' のことですか？）"),
        ("resources:\n  security_staff: 十名\n", "'resources.security_staff' は整数で書いてください"),
        ("company: [\n", "YAML の書式が不正です"),
        ("fiscal_year:\n  calendar: 和暦\n", "seireki / wareki"),
    ],
)
def test_validation_errors_are_one_line_exit_2(run_cli, tmp_path, content, expect):
    p = tmp_path / "p.yml"
    p.write_text(content, encoding="utf-8")
    line = one_error_line(run_cli("draft", "--doc-type", "csr", "--profile", p, "-o", tmp_path / "o.md"))
    assert line.startswith(f"disclint: {p}: ") and expect in line
    assert not (tmp_path / "o.md").exists()


def test_validation_error_in_english(run_cli, tmp_path):
    p = tmp_path / "p.yml"
    p.write_text("governance:\n  cisco_title: x\n", encoding="utf-8")
    line = one_error_line(run_cli("--lang", "en", "draft", "--doc-type", "csr", "--profile", p))
    assert line.endswith("unknown key 'governance.cisco_title' (did you mean 'governance.ciso_title'?)")
    line = one_error_line(run_cli("draft", "--doc-type", "csr", "--profile", p, env={"DISCLINT_LANG": "en"}))
    assert "did you mean" in line


def test_missing_profile_file(run_cli, tmp_path):
    line = one_error_line(run_cli("draft", "--doc-type", "csr", "--profile", tmp_path / "none.yml"))
    assert "disclint init" in line


@pytest.mark.parametrize("bad", ["0", "1,11", "a", "3-"])
def test_bad_directives(run_cli, bad):
    line = one_error_line(run_cli("draft", "--doc-type", "csr", "--directives", bad))
    assert "1〜10" in line


def test_bad_output_extension(run_cli, tmp_path):
    line = one_error_line(run_cli("draft", "--doc-type", "csr", "-o", tmp_path / "x.pdf"))
    assert ".md" in line and ".docx" in line


def test_help_lists_the_doc_types_in_japanese_and_english(run_cli):
    ja = run_cli("draft", "--help")
    assert ja.returncode == 0 and "yuho-risk" in ja.stdout and "統合報告書" in ja.stdout and "CG報告書" not in ja.stdout.replace("コーポレート・ガバナンス報告書", "")
    en = run_cli("--lang", "en", "draft", "--help")
    words = " ".join(en.stdout.split())  # help is wrapped to the terminal's width
    assert "integrated report" in words and "--missing-from" in words


# ----------------------------------------------------------------------------- draft md / docx
def test_draft_markdown_to_stdout_and_file(run_cli, tmp_path):
    proc = run_cli("draft", "--doc-type", "yuho-risk", "--profile", EXAMPLE, "--directives", "1,7,8")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# 事業等のリスク")
    assert "インシデント" in proc.stdout and "【要記入" not in proc.stdout
    out = tmp_path / "risk.md"
    proc2 = run_cli("draft", "--doc-type", "yuho-risk", "--profile", EXAMPLE, "--directives", "1,7,8", "-o", out)
    assert proc2.returncode == 0 and out.read_text(encoding="utf-8") == proc.stdout
    assert "指示 1, 7, 8" in proc2.stderr and "0 箇所" in proc2.stderr


def test_draft_docx_and_no_overwrite_without_force(run_cli, tmp_path):
    import docx

    out = tmp_path / "d.docx"
    proc = run_cli("draft", "--doc-type", "integrated", "--profile", EXAMPLE, "-o", out)
    assert proc.returncode == 0, proc.stderr
    heads = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert len(heads) == 11
    before = sha(out)
    line = one_error_line(run_cli("draft", "--doc-type", "integrated", "--profile", EXAMPLE, "-o", out))
    assert "--force" in line and sha(out) == before
    assert run_cli("draft", "--doc-type", "csr", "--profile", EXAMPLE, "-o", out, "--force").returncode == 0
    assert sha(out) != before


def test_draft_without_profile_warns_and_uses_placeholders(run_cli):
    proc = run_cli("--lang", "en", "draft", "--doc-type", "security-report", "--directives", "3")
    assert proc.returncode == 0
    assert "no --profile" in proc.stderr and "【要確認: 全従業員向け研修の有無】" in proc.stdout


def test_draft_is_reproducible_and_variant_changes_wording(run_cli):
    args = ("draft", "--doc-type", "integrated", "--profile", EXAMPLE)
    a, b = run_cli(*args), run_cli(*args)
    assert a.stdout == b.stdout
    variants = {run_cli(*args, "--variant", str(v)).stdout for v in range(5)}
    assert len(variants) > 1


def test_user_templates_option(run_cli, tmp_path):
    (tmp_path / "tpl" / "common").mkdir(parents=True)
    (tmp_path / "tpl" / "common" / "d09.md.j2").write_text("# 取引先との協力\n\n{{ co }}は取引先と協力している。\n", encoding="utf-8")
    proc = run_cli("draft", "--doc-type", "csr", "--profile", EXAMPLE, "--directives", "9", "--templates", tmp_path / "tpl")
    assert proc.returncode == 0 and "## 取引先との協力" in proc.stdout and "協力しています。" in proc.stdout
    (tmp_path / "tpl" / "common" / "d09.md.j2").write_text("# x\n\n{{ nosuch }}\n", encoding="utf-8")
    line = one_error_line(run_cli("draft", "--doc-type", "csr", "--directives", "9", "--templates", tmp_path / "tpl"))
    assert "common/d09.md.j2" in line and "nosuch" in line


# ----------------------------------------------------------------------------- --missing-from / --insert
@pytest.fixture
def sample(tmp_path):
    dst = tmp_path / "sample_draft.docx"
    shutil.copyfile(data_dir("corpus") / "samples" / "sample_draft.docx", dst)
    return dst


def lacking_in(path):
    """What the mapper itself says the document misses or covers weakly."""
    from disclint.lint import shared_mapper
    from disclint.mapper import compute_coverage
    from disclint.readers import read

    m = shared_mapper()
    cov = compute_coverage(m.map_document(read(str(path))), m.ds)
    return {d for d, c in cov.directives.items() if c.status == "missing"}, {d for d, c in cov.directives.items() if c.status == "weak"}


def test_missing_from_drafts_exactly_the_missing_and_weak(run_cli, tmp_path, sample):
    from disclint.draft.doctypes import DOC_TYPES

    missing, weak = lacking_in(sample)
    assert {4, 8, 10} <= missing  # the sample leaves these out (9 is thin: weak, or covered by a stronger mapper)
    out = tmp_path / "add.md"
    proc = run_cli("draft", "--doc-type", "yuho-sustainability", "--profile", EXAMPLE, "--missing-from", sample, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert f"記載なし: 指示 {', '.join(map(str, sorted(missing)))}" in proc.stderr
    drafted = sorted(missing | weak)
    assert f"指示 {', '.join(map(str, drafted))}、" in proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 追加案（disclint による下書き）")
    titles = {  # the section headings of yuho-sustainability (templates/common/dNN.md.j2)
        1: "基本方針", 2: "推進体制", 3: "人材の育成と予算の確保", 4: "リスクの把握と対策計画", 5: "防御と検知の仕組み",
        6: "監査・評価と指標", 7: "インシデント対応体制", 8: "事業継続と復旧への備え", 9: "サプライチェーンのリスク管理",
        10: "情報の収集・共有と開示",
    }
    for d, title in titles.items():
        assert (f" {title}\n" in text) == (d in drafted), (d, title)
    assert DOC_TYPES["yuho-sustainability"].tone == "oru" and "しております。" in text


def test_missing_from_with_directives_narrows(run_cli, tmp_path, sample):
    proc = run_cli("--lang", "en", "draft", "--doc-type", "cg", "--profile", EXAMPLE, "--missing-from", sample, "--directives", "1,2,8")
    assert proc.returncode == 0
    assert "directives 8" in proc.stderr


def test_missing_from_nothing_missing(run_cli, tmp_path, sample):
    proc = run_cli("draft", "--doc-type", "cg", "--profile", EXAMPLE, "--missing-from", sample, "--directives", "1,2", "-o", tmp_path / "o.md")
    assert proc.returncode == 0 and "作成しませんでした" in proc.stderr
    assert not (tmp_path / "o.md").exists()


def test_insert_writes_a_copy_and_leaves_the_input_byte_identical(run_cli, tmp_path, sample):
    import docx

    from disclint.readers import read

    before = sha(sample)
    out = tmp_path / "with_additions.docx"
    proc = run_cli("draft", "--doc-type", "yuho-sustainability", "--profile", EXAMPLE, "--missing-from", sample, "--insert", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert sha(sample) == before
    original = [p.text for p in docx.Document(str(sample)).paragraphs]
    paras = docx.Document(str(out)).paragraphs
    copy = [p.text for p in paras]
    it = iter(copy)
    assert all(t in it for t in original)  # every original paragraph, in the original order
    # each section sits under the heading where it belongs, one level below, and the tool says so
    lines = [ln for ln in proc.stderr.splitlines() if "の節を" in ln]
    missing, weak = lacking_in(sample)
    assert len(lines) == len(missing | weak)
    assert f"{out}: 指示 4 の節を見出し「(2) リスク管理」の下（その節の末尾）に挿入しました" in proc.stderr
    assert "指示 10 の節を見出し「(3) 戦略」の下" in proc.stderr
    i4 = next(i for i, t in enumerate(copy) if t.endswith("リスクの把握と対策計画"))
    assert copy.index("(2) リスク管理") < i4 < copy.index("(3) 戦略")
    assert paras[i4].style.name == "Heading 4" and copy.index("(3) 戦略") < next(i for i, t in enumerate(copy) if t.endswith("情報の収集・共有と開示")) < copy.index("(4) 指標及び目標")
    assert "追加案（disclint による下書き）" not in copy  # every section found its heading
    # the copy now covers every directive
    proc = run_cli("map", "--format", "json", out)
    import json

    cov = json.loads(proc.stdout)["coverage"]["directives"]
    assert {k: v["status"] for k, v in cov.items()} == {str(d): "covered" for d in range(1, 11)}
    doc = read(str(out))
    assert any(b.text.endswith("リスクの把握と対策計画") and b.kind.value == "heading" for b in doc.blocks)


def test_insert_into_the_risk_item_and_append_what_has_no_home(run_cli, tmp_path, sample):
    """yuho-risk sections go under the risk item on information security; in a document without
    such headings they are appended under 追加案, and each line says so (English with --lang en)."""
    import docx

    out = tmp_path / "risk.docx"
    proc = run_cli("draft", "--doc-type", "yuho-risk", "--profile", EXAMPLE, "--missing-from", sample, "--insert", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "見出し「(6) 情報セキュリティ及びサイバー攻撃について」の下" in proc.stderr
    copy = [p.text for p in docx.Document(str(out)).paragraphs]
    item = copy.index("(6) 情報セキュリティ及びサイバー攻撃について")
    assert any(t.endswith("リスクの把握と対策計画") for t in copy[item:])
    bare = tmp_path / "bare.docx"
    d = docx.Document()
    d.add_paragraph("当社は、製品の品質の向上に努めております。")
    d.save(str(bare))
    proc = run_cli("--lang", "en", "draft", "--doc-type", "csr", "--profile", EXAMPLE, "--missing-from", bare, "--insert", "-o", tmp_path / "o.docx")
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if "appended under" in ln]
    assert len(lines) == 10 and lines[0].startswith(f"disclint: {tmp_path / 'o.docx'}: directive 1:")
    texts = [p.text for p in docx.Document(str(tmp_path / "o.docx")).paragraphs]
    assert texts[1] == "追加案（disclint による下書き）"


def test_insert_refuses_the_input_path(run_cli, tmp_path, sample):
    before = sha(sample)
    for target in (sample, tmp_path / "." / sample.name):
        line = one_error_line(run_cli("draft", "--doc-type", "csr", "--profile", EXAMPLE, "--missing-from", sample, "--insert", "-o", target, "--force"))
        assert "入力ファイルと同じ" in line
    link = tmp_path / "link.docx"
    link.symlink_to(sample)
    one_error_line(run_cli("draft", "--doc-type", "csr", "--profile", EXAMPLE, "--missing-from", sample, "--insert", "-o", link, "--force"))
    one_error_line(run_cli("draft", "--doc-type", "csr", "--profile", EXAMPLE, "--missing-from", link, "--insert", "-o", sample, "--force"))
    assert sha(sample) == before


def test_insert_needs_docx_and_output(run_cli, tmp_path, sample):
    assert "-o" in one_error_line(run_cli("draft", "--doc-type", "csr", "--missing-from", sample, "--insert"))
    assert ".docx" in one_error_line(run_cli("draft", "--doc-type", "csr", "--missing-from", sample, "--insert", "-o", tmp_path / "x.md"))
    assert "--missing-from" in one_error_line(run_cli("draft", "--doc-type", "csr", "--insert", "-o", tmp_path / "x.docx"))


def test_missing_from_unreadable_input(run_cli, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    line = one_error_line(run_cli("draft", "--doc-type", "csr", "--missing-from", bad))
    assert line.startswith(f"disclint: {bad}: ")
