"""Configuration discovery, overrides, selection, errors and baselines."""

import json

import docx
import pytest

from disclint.config import Config, config_for, discover, load_config
from disclint.model.errors import ConfigError

TEXT = ["各拠点で検知された不審な通信は、監視を委託している外部の専門事業者から情報システム部を経て直ちにCSIRTへ連絡され、CSIRTは、影響範囲の調査、感染が疑われる端末の隔離を行います。受講率は●●%でした。"]


def make_docx(path, paragraphs=TEXT):
    d = docx.Document()
    d.add_heading("情報セキュリティ", level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(path)
    return path


def test_discovery_order_and_upward_search(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert discover(sub / "x.docx") is None or not str(discover(sub / "x.docx")).startswith(str(tmp_path))
    (tmp_path / "setup.cfg").write_text("[disclint]\nignore = understandability\n")
    assert discover(sub / "x.docx") == tmp_path / "setup.cfg"
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname='x'\n")  # no [tool.disclint]: skipped
    assert discover(sub / "x.docx") == tmp_path / "setup.cfg"
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.disclint]\nfail-level = 'warning'\n")
    assert discover(sub / "x.docx") == tmp_path / "a" / "pyproject.toml"
    (sub / ".disclint.toml").write_text("select = ['truthfulness']\n")
    assert discover(sub / "x.docx") == sub / ".disclint.toml"
    assert config_for(sub / "x.docx").select == ["truthfulness"]
    assert config_for(sub / "x.docx", str(tmp_path / "setup.cfg")).ignore == ["understandability"]


def test_rule_overrides(tmp_path):
    p = tmp_path / ".disclint.toml"
    p.write_text(
        '[rules."understandability.sentence-length"]\nlevel = "error"\nmax = 50\n'
        '[rules."truthfulness.placeholder"]\nenabled = false\n'
    )
    rules = {r.id: r for r in load_config(p).rules()}
    assert rules["understandability.sentence-length"].level.value == "error"
    assert rules["understandability.sentence-length"].options["max"] == 50
    assert rules["truthfulness.placeholder"].enabled is False
    assert rules["truthfulness.absolute-claim"].enabled is True


def test_setup_cfg_rule_sections(tmp_path):
    p = tmp_path / "setup.cfg"
    p.write_text("[disclint]\nselect = understandability, truthfulness.placeholder\nfail-level = info\n\n[disclint.rules.understandability.kanji-run]\nmax = 12\nlevel = warning\n")
    cfg = load_config(p)
    rules = {r.id: r for r in cfg.rules()}
    assert cfg.fail_level == "info"
    assert rules["understandability.kanji-run"].options["max"] == 12 and rules["understandability.kanji-run"].level.value == "warning"
    assert rules["truthfulness.placeholder"].enabled and not rules["truthfulness.absolute-claim"].enabled


def test_select_and_ignore_prefixes():
    rules = Config().with_cli(("understandability",), ("understandability.kanji-run,understandability.max-ten",)).rules()
    on = {r.id for r in rules if r.enabled}
    assert on and all(i.startswith("understandability.") for i in on)
    assert "understandability.kanji-run" not in on and "understandability.max-ten" not in on


@pytest.mark.parametrize("content,needle", [
    ('select = ["truthfulnes"]\n', "truthfulness"),
    ('[rules."truthfulness.nope"]\nlevel = "info"\n', "truthfulness.nope"),
    ('[rules."truthfulness.placeholder"]\nlevel = "fatal"\n', "fatal"),
    ('[rules."understandability.sentence-length"]\nmaximum = 3\n', "maximum"),
    ('fail_level = "warning"\n', "fail-level"),
    ('select = [\n', "syntax"),
])
def test_config_errors(tmp_path, content, needle):
    p = tmp_path / ".disclint.toml"
    p.write_text(content)
    with pytest.raises(ConfigError) as exc:
        load_config(p).rules()
    assert needle in exc.value.message("en")


def test_config_error_is_one_line_exit_2(run_cli, tmp_path):
    doc = make_docx(tmp_path / "d.docx")
    (tmp_path / ".disclint.toml").write_text('[rules."truthfulness.nope"]\nlevel = "info"\n')
    r = run_cli("lint", doc)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("disclint: ") and "truthfulness.nope" in r.stderr
    r = run_cli("lint", doc, "--config", tmp_path / "missing.toml")
    assert r.returncode == 2 and "missing.toml" in r.stderr
    r = run_cli("lint", doc, "--select", "beauty")
    assert r.returncode == 2


def test_config_from_file_applies_in_cli(run_cli, tmp_path):
    doc = make_docx(tmp_path / "docs" / "d.docx")
    (tmp_path / "pyproject.toml").write_text('[tool.disclint]\nselect = ["truthfulness.placeholder"]\nfail-level = "none"\n')
    r = run_cli("lint", doc)
    assert r.returncode == 0 and "●●" in r.stdout and "sentence-length" not in r.stdout


def test_baseline_hides_known_findings_and_survives_edits(run_cli, tmp_path):
    doc = make_docx(tmp_path / "d.docx")
    base = tmp_path / "baseline.json"
    r = run_cli("lint", doc, "--write-baseline", base, "--format", "json")
    data = json.loads(base.read_text())
    assert data["version"] == 1 and sum(data["fingerprints"].values()) == len(json.loads(r.stdout)["files"][0]["findings"]) > 0
    r = run_cli("lint", doc, "--baseline", base, "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["summary"]["findings"] == 0
    # insert a paragraph before: paragraph numbers shift, fingerprints do not
    make_docx(tmp_path / "d.docx", ["当社は情報セキュリティ基本方針を定めております。"] + TEXT + ["当社のシステムは一切の不正アクセスを遮断しております。"])
    r = run_cli("lint", doc, "--baseline", base, "--format", "json")
    new = json.loads(r.stdout)["files"][0]["findings"]
    assert [f["rule"] for f in new if f["rule"].startswith("truthfulness")] == ["truthfulness.absolute-claim"]
    assert json.loads(r.stdout)["files"][0]["baseline_hidden"] > 0
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    r = run_cli("lint", doc, "--baseline", bad)
    assert r.returncode == 2 and "bad.json" in r.stderr


def test_baseline_write_failure_is_one_line_and_leaves_nothing(run_cli, tmp_path):
    doc = make_docx(tmp_path / "d.docx")
    target = tmp_path / "no-such-dir" / "baseline.json"
    r = run_cli("lint", doc, "--write-baseline", target)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"出力先 {target} に書き込めません" in r.stderr
    assert not target.parent.exists()
    # an existing baseline is replaced whole (temp file + rename), never appended to
    base = tmp_path / "baseline.json"
    base.write_text("old")
    r = run_cli("lint", doc, "--write-baseline", base)  # an existing baseline needs --force
    assert r.returncode == 2 and "--force" in r.stderr and base.read_text() == "old"
    r = run_cli("lint", doc, "--write-baseline", base, "--force")
    assert json.loads(base.read_text())["version"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json", "d.docx"]
