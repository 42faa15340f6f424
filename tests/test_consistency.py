"""One analysis, one answer: every command reports the same status for every directive and
principle of the same document (lint text/JSON/HTML, map, --annotate, draft --missing-from and
the survey worker). Run in process; the documents are our own, in real file formats."""

from __future__ import annotations

import html
import json
import re
import zipfile
from pathlib import Path

import pytest

from disclint.resources import data_dir

pytestmark = pytest.mark.slow

DIRECTIVES = [str(d) for d in range(1, 11)]

GOVERNANCE_MD = """# 有価証券報告書

## 事業等のリスク

### (5) 情報セキュリティについて

当社グループは、サイバー攻撃により顧客情報が漏えいした場合、社会的信用の低下により業績に影響を及ぼす可能性があります。当社は情報セキュリティ基本方針を定め、全役職員に周知しております。

当社は、標的型メール訓練と全従業員向けの eラーニングを年２回実施し、受講率は100％でした。

## コーポレート・ガバナンスの状況

### 内部統制システムの整備の状況

当社は、リスク管理委員会を設置し、委員長である社長が情報管理を含む全社のリスクの状況を審議し、その結果を取締役会に報告しております。委員会の事務局は総務部が担っております。
"""

POLICY_PARAGRAPHS = [
    ("heading", "サステナビリティに関する考え方及び取組"),
    ("heading", "(1) ガバナンス"),
    ("p", "当社は、最高情報セキュリティ責任者（CISO）を委員長とする情報セキュリティ委員会を設置し、その活動状況を四半期ごとに取締役会へ報告しております。"),
    ("heading", "(2) リスク管理"),
    ("p", "情報資産の洗い出しとリスクアセスメントを年１回実施し、その結果に基づいて対策計画を策定しております。"),
    ("p", "サイバー攻撃に備え、多要素認証と EDR を全端末に導入し、外部の SOC による24時間365日の監視を行っております。"),
    ("p", "重大なインシデントが発生した場合は、CSIRT が初動対応を行い、経営陣へ速やかに報告する体制を整えております。"),
]


def _pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 780
    for kind, text in POLICY_PARAGRAPHS:
        c.setFont("HeiseiMin-W3", 14 if kind == "heading" else 10)
        for start in range(0, len(text), 45):
            c.drawString(50, y, text[start:start + 45])
            y -= 18
        y -= 10
    c.save()
    return path


def _xbrl(path: Path) -> Path:
    body = "".join(f"<p>{html.escape(t)}</p>" for _, t in POLICY_PARAGRAPHS[1:])
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" '
        'xmlns:jpcrp_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpcrp/2024-11-01/jpcrp_cor">'
        '<xbrli:context id="FilingDateInstant"><xbrli:entity><xbrli:identifier scheme="x">E1</xbrli:identifier>'
        "</xbrli:entity><xbrli:period><xbrli:instant>2025-06-27</xbrli:instant></xbrli:period></xbrli:context>"
        '<jpcrp_cor:DisclosureOfSustainabilityRelatedFinancialInformationTextBlock contextRef="FilingDateInstant">'
        f"{html.escape(body, quote=False)}</jpcrp_cor:DisclosureOfSustainabilityRelatedFinancialInformationTextBlock>"
        "</xbrli:xbrl>",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    d = tmp_path_factory.mktemp("docs")
    gov = d / "governance.md"
    gov.write_text(GOVERNANCE_MD, encoding="utf-8")
    return {"docx": data_dir("corpus") / "samples" / "sample_draft.docx", "md": gov, "pdf": _pdf(d / "policy.pdf"), "xbrl": _xbrl(d / "policy.xbrl")}


def _statuses_from_summary(cov: dict) -> dict[str, str]:
    out = {d: c["status"] for d, c in cov["directives"].items()}
    out.update({k: c["status"] for k, c in cov["principles"].items()})
    return out


def _lint_json(run_cli, path) -> dict[str, str]:
    r = run_cli("--lang", "en", "lint", "--format", "json", "--fail-level", "none", path)
    assert r.returncode == 0, r.stderr
    return _statuses_from_summary(json.loads(r.stdout)["files"][0]["coverage"])


def _lint_text(run_cli, path, principles) -> dict[str, str]:
    r = run_cli("--lang", "en", "lint", "--fail-level", "none", path)
    assert r.returncode == 0, r.stderr
    labels = {"● covered": "covered", "▲ weak": "weak", "× missing": "missing"}
    out = {}
    for m in re.finditer(r"^    D(\d+)\s+(● covered|▲ weak|× missing)", r.stdout, re.M):
        out[m.group(1)] = labels[m.group(2)]
    for m, key in zip(re.finditer(r"^    (● covered|▲ weak|× missing)\s+\S", r.stdout, re.M), principles):
        out[key] = labels[m.group(1)]
    return out


def _map_json(run_cli, path) -> dict[str, str]:
    r = run_cli("--lang", "en", "map", "--format", "json", path)
    assert r.returncode == 0, r.stderr
    return _statuses_from_summary(json.loads(r.stdout)["coverage"])


def _html(run_cli, path, tmp_path) -> dict[str, str]:
    out = tmp_path / "report.html"
    r = run_cli("--lang", "en", "lint", "--format", "html", "--fail-level", "none", "-o", out, path)
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    statuses = {m.group(2): m.group(1) for m in re.finditer(r'<tr class="row-(\w+)" data-d="(\d+)">', page)}
    statuses.update({m.group(2): m.group(1) for m in re.finditer(r'<tr class="principle row-(\w+)" data-p="([\w-]+)">', page)})
    return statuses


def _annotate(run_cli, path, tmp_path, titles) -> dict[str, str]:
    out = tmp_path / "annotated.docx"
    r = run_cli("--lang", "en", "lint", "--fail-level", "none", "--annotate", out, path)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as zf:
        comments = zf.read("word/comments.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p\b.*?</w:p>", comments, re.S)
    text = "\n".join(html.unescape(re.sub(r"<[^>]+>", "", p.replace("<w:tab/>", "\t"))) for p in paragraphs)
    labels = {"● covered": "covered", "▲ weak": "weak", "× missing": "missing"}
    out_st = {m.group(1): labels[m.group(2)] for m in re.finditer(r"^D(\d+)\t(● covered|▲ weak|× missing)\t", text, re.M)}
    for key, title in titles.items():
        m = re.search(rf"^{re.escape(title)}\t(● covered|▲ weak|× missing)$", text, re.M)
        if m:
            out_st[key] = labels[m.group(1)]
    return out_st


def _draft_missing(run_cli, path, tmp_path) -> tuple[set[str], set[str]]:
    r = run_cli("--lang", "en", "draft", "--doc-type", "yuho-risk", "--missing-from", path, "-o", tmp_path / "d.md")
    m = re.search(r"missing: directives ([^;]*); weak: directives (.*)$", r.stderr, re.M)
    assert m, r.stderr

    def nums(s: str) -> set[str]:
        return set(re.findall(r"\d+", s))

    return nums(m.group(1)), nums(m.group(2))


def _survey(path) -> dict[str, str]:
    from disclint.survey.worker import process

    res = process({"path": str(path), "sha256": "x", "key": "x"}, {"lang": "en"})
    assert res["document"]["status"] == "ok", res["document"]
    return {row["item"]: row["status"] for row in res["coverage"]}


@pytest.mark.parametrize("kind", ["docx", "md", "pdf", "xbrl"])
def test_every_output_reports_the_same_coverage(kind, documents, run_cli, tmp_path):
    from disclint.i18n import principle_title
    from disclint.mapper import load_directives

    path = documents[kind]
    principles = list(load_directives().principles)
    truth = _lint_json(run_cli, path)
    assert set(truth) == set(DIRECTIVES) | set(principles)
    assert set(truth.values()) - {"covered", "weak", "missing"} == set()
    assert _lint_text(run_cli, path, principles) == truth
    assert _map_json(run_cli, path) == truth
    assert _html(run_cli, path, tmp_path) == truth
    assert _survey(path) == truth
    missing, weak = _draft_missing(run_cli, path, tmp_path)
    assert missing == {d for d in DIRECTIVES if truth[d] == "missing"}
    assert weak == {d for d in DIRECTIVES if truth[d] == "weak"}
    if kind == "docx":
        titles = {k: principle_title(k, "en") for k in principles}
        assert _annotate(run_cli, path, tmp_path, titles) == truth


def test_a_committee_outside_the_security_text_counts_nowhere(documents, run_cli):
    """The general risk committee (outside the cybersecurity sections) is labelled 指示2 by the
    mapper; no output counts it: 2 is missing in lint, map and survey alike, and the HTML
    coverage table links no evidence for it."""
    path = documents["md"]
    truth = _lint_json(run_cli, path)
    assert truth["2"] == "missing"
    cov = json.loads(run_cli("--lang", "en", "map", "--format", "json", path).stdout)["coverage"]["directives"]
    assert cov["2"].get("mapper_status") in ("weak", "covered") and cov["2"]["blocks"] == []
