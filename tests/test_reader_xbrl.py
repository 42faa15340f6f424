"""EDINET XBRL reader: instances, zip packages, canonical JSON dumps, and hostile input."""

from __future__ import annotations

import gzip
import html as htmllib
import json
import zipfile

import pytest

from disclint.i18n import MESSAGES
from disclint.model.document import BlockKind
from disclint.model.errors import InputError
from disclint.readers import Limits, detect, read
from disclint.readers.xbrl import read_xbrl, section_title, sniff_xbrl

# --- fixtures: a small instance written for these tests ---------------------------------------

RISKS_HTML = """
<h3>３【事業等のリスク】</h3>
<p style="margin-left: 24px">当社グループの事業に重要な影響を及ぼす可能性のあるリスクは、以下のとおりであります。</p>
<p style="margin-left: 24px">(1) <span style="font-weight: normal">為替変動について</span></p>
<p style="margin-left: 36px">海外売上の比率が高く、円高が進んだ場合には業績に影響を及ぼす可能性があります。</p>
<p style="margin-left: 24px"> </p>
<p style="margin-left: 24px">
<span style="font-weight: normal">(2) 情報セキュリティについて</span>
</p>
<p style="margin-left: 36px">当社グループは設計図面等の技術情報を保有しており、ランサムウェア等のサイバー攻撃により
情報が漏えいした場合には、社会的信用が低下する可能性があります。</p>
<table><tr><td>対策</td><td>EDR の導入</td></tr></table>
"""

GOVERNANCE_HTML = "<p>（１）ガバナンス</p><p>取締役会は情報セキュリティ委員会から四半期ごとに報告を受けております。</p>"
PRIOR_HTML = "<p>前期の配当に関する事項です。</p>"
CURRENT_HTML = "<p>当期の配当に関する事項です。</p>"
CUSTOM_HTML = "<p>②戦略</p><p>人的資本に関する戦略です。</p>"


def instance(*facts: str, dei: bool = True, prolog: str = "") -> bytes:
    dei_xml = (
        """
  <jpdei_cor:EDINETCodeDEI contextRef="FilingDateInstant">E99999</jpdei_cor:EDINETCodeDEI>
  <jpdei_cor:SecurityCodeDEI contextRef="FilingDateInstant">99990</jpdei_cor:SecurityCodeDEI>
  <jpdei_cor:FilerNameInJapaneseDEI contextRef="FilingDateInstant">みなと精機株式会社</jpdei_cor:FilerNameInJapaneseDEI>
  <jpdei_cor:DocumentTypeDEI contextRef="FilingDateInstant">第三号様式</jpdei_cor:DocumentTypeDEI>
  <jpdei_cor:CurrentFiscalYearStartDateDEI contextRef="FilingDateInstant">2024-04-01</jpdei_cor:CurrentFiscalYearStartDateDEI>
  <jpdei_cor:CurrentFiscalYearEndDateDEI contextRef="FilingDateInstant">2025-03-31</jpdei_cor:CurrentFiscalYearEndDateDEI>
  <jpdei_cor:FundCodeDEI contextRef="FilingDateInstant" xsi:nil="true"/>
  <jpcrp_cor:DocumentTitleCoverPage contextRef="FilingDateInstant">有価証券報告書</jpcrp_cor:DocumentTitleCoverPage>"""
        if dei
        else ""
    )
    return (
        prolog
        + """<?xml version="1.0" encoding="UTF-8"?>
<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:jpdei_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpdei/2013-08-31/jpdei_cor"
  xmlns:jpcrp_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpcrp/2024-11-01/jpcrp_cor"
  xmlns:jpcrp030000-asr_E99999-000="http://disclosure.edinet-fsa.go.jp/jpcrp030000/asr/001/E99999-000/2025-03-31/01/2025-06-27">
  <xbrli:context id="FilingDateInstant"><xbrli:entity><xbrli:identifier scheme="http://disclosure.edinet-fsa.go.jp">E99999-000</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2025-06-27</xbrli:instant></xbrli:period></xbrli:context>
  <xbrli:context id="CurrentYearDuration"><xbrli:entity><xbrli:identifier scheme="http://disclosure.edinet-fsa.go.jp">E99999-000</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2024-04-01</xbrli:startDate><xbrli:endDate>2025-03-31</xbrli:endDate></xbrli:period></xbrli:context>
  <xbrli:context id="Prior1YearDuration"><xbrli:entity><xbrli:identifier scheme="http://disclosure.edinet-fsa.go.jp">E99999-000</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2023-04-01</xbrli:startDate><xbrli:endDate>2024-03-31</xbrli:endDate></xbrli:period></xbrli:context>"""
        + dei_xml
        + "".join(facts)
        + "\n</xbrli:xbrl>\n"
    ).encode("utf-8")


def fact(concept: str, html: str, context: str = "FilingDateInstant") -> str:
    return f'\n  <{concept} contextRef="{context}">{htmllib.escape(html, quote=False)}</{concept}>'


FULL = instance(
    fact("jpcrp_cor:GovernanceTextBlock", GOVERNANCE_HTML),
    fact("jpcrp_cor:BusinessRisksTextBlock", RISKS_HTML),
    fact("jpcrp_cor:NotesRegardingDividendTextBlock", PRIOR_HTML, "Prior1YearDuration"),
    fact("jpcrp_cor:NotesRegardingDividendTextBlock", CURRENT_HTML, "CurrentYearDuration"),
    fact("jpcrp030000-asr_E99999-000:StrategyHumanCapitalTextBlock", CUSTOM_HTML),
    '\n  <jpcrp_cor:ResearchAndDevelopmentActivitiesTextBlock contextRef="FilingDateInstant" xsi:nil="true"/>',
)


@pytest.fixture
def write(tmp_path):
    def _write(name: str, content: bytes):
        p = tmp_path / name
        p.write_bytes(content)
        return p

    return _write


def error_code(path, limits=None) -> str:
    with pytest.raises(InputError) as info:
        read(path, limits)
    return info.value.code


# --- an XBRL instance ------------------------------------------------------------------------


def test_text_blocks_become_sections_with_japanese_titles(write):
    doc = read(write("report.xbrl", FULL))
    assert doc.format == "xbrl"
    titles = [(b.text, b.level) for b in doc.blocks if b.kind == BlockKind.HEADING and b.level == 1]
    assert titles == [("ガバナンス", 1), ("事業等のリスク", 1), ("NotesRegardingDividendTextBlock", 1), ("StrategyHumanCapitalTextBlock", 1)]


def test_risk_section_headings_paragraphs_and_locations(write):
    doc = read(write("report.xbrl", FULL))
    risks = [b for b in doc.blocks if b.location.section[:1] == ("事業等のリスク",)]
    expected = [
        (BlockKind.HEADING, "事業等のリスク", 1),  # the repeated ３【事業等のリスク】 is not a second heading
        (BlockKind.PARAGRAPH, "当社グループの事業に重要な影響", None),
        (BlockKind.HEADING, "(1) 為替変動について", 2),
        (BlockKind.PARAGRAPH, "海外売上の比率が高く", None),
        (BlockKind.HEADING, "(2) 情報セキュリティについて", 2),
        (BlockKind.PARAGRAPH, "当社グループは設計図面", None),
        (BlockKind.TABLE_CELL, "対策", None),
        (BlockKind.TABLE_CELL, "EDR の導入", None),
    ]
    assert len(risks) == len(expected)
    for block, (kind, start, level) in zip(risks, expected):
        assert (block.kind, block.level) == (kind, level) and block.text.startswith(start), block
    cyber = risks[5]
    # one block, the source line break between Japanese characters removed
    assert cyber.text == "当社グループは設計図面等の技術情報を保有しており、ランサムウェア等のサイバー攻撃により情報が漏えいした場合には、社会的信用が低下する可能性があります。"
    assert cyber.location.section == ("事業等のリスク", "(2) 情報セキュリティについて")
    assert cyber.location.file == str(doc.path)
    cell = risks[7]
    assert (cell.location.table, cell.location.row, cell.location.column) == (1, 1, 2)


def test_numbered_title_paragraph_repeating_the_section_is_merged(write):
    doc = read(write("report.xbrl", FULL))
    gov = [b for b in doc.blocks if b.location.section[:1] == ("ガバナンス",)]
    assert [(b.kind, b.text) for b in gov] == [
        (BlockKind.HEADING, "ガバナンス"),
        (BlockKind.PARAGRAPH, "取締役会は情報セキュリティ委員会から四半期ごとに報告を受けております。"),
    ]


def test_prior_year_duplicate_is_skipped_with_a_note(write):
    doc = read(write("report.xbrl", FULL))
    texts = [b.text for b in doc.blocks]
    assert "当期の配当に関する事項です。" in texts
    assert "前期の配当に関する事項です。" not in texts
    assert [(n.code, n.params) for n in doc.notes] == [("note.xbrl_prior_skipped", {"count": 1})]


def test_prior_year_fact_alone_is_kept(write):
    doc = read(write("r.xbrl", instance(fact("jpcrp_cor:NotesRegardingDividendTextBlock", PRIOR_HTML, "Prior1YearDuration"))))
    assert "前期の配当に関する事項です。" in [b.text for b in doc.blocks]
    assert doc.notes == []


def test_metadata_from_dei(write):
    meta = read(write("report.xbrl", FULL)).metadata
    assert meta["company"] == "みなと精機株式会社"
    assert meta["securities_code"] == "99990"
    assert meta["edinet_code"] == "E99999"
    assert meta["fiscal_year_end"] == "2025-03-31"
    assert meta["document_type"] == "第三号様式"
    assert meta["title"] == "有価証券報告書"


def test_consecutive_facts_of_one_concept_share_a_heading(write):
    career = "jpcrp_cor:CareerSummaryInformationAboutDirectorsAndCorporateAuditorsTextBlock"
    doc = read(write("r.xbrl", instance(fact(career, "<p>2001年４月　当社入社</p>"), fact(career, "<p>2005年４月　当社入社</p>"))))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, "役員の略歴"),
        (BlockKind.PARAGRAPH, "2001年４月　当社入社"),
        (BlockKind.PARAGRAPH, "2005年４月　当社入社"),
    ]


def test_text_block_given_as_literal_xhtml_children(write):
    xhtml = (
        '\n  <jpcrp_cor:BusinessRisksTextBlock contextRef="FilingDateInstant">'
        '<h:p xmlns:h="http://www.w3.org/1999/xhtml">(1) サイバー攻撃について</h:p>'
        '<h:p xmlns:h="http://www.w3.org/1999/xhtml">不正アクセスにより業務が停止する可能性があります。</h:p>'
        "</jpcrp_cor:BusinessRisksTextBlock>"
    )
    doc = read(write("r.xbrl", instance(xhtml)))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, "事業等のリスク"),
        (BlockKind.HEADING, "(1) サイバー攻撃について"),
        (BlockKind.PARAGRAPH, "不正アクセスにより業務が停止する可能性があります。"),
    ]


@pytest.mark.parametrize(
    "concept, title",
    [
        ("jpcrp_cor:BusinessRisksTextBlock", "事業等のリスク"),
        ("jpcrp_cor:ExplanationAboutCorporateGovernanceTextBlock", "コーポレート・ガバナンスの概要"),
        ("jpcrp_cor:DisclosureOfSustainabilityRelatedFinancialInformationTextBlock", "サステナビリティに関する考え方及び取組"),
        ("jpcrp_cor:GovernanceTextBlock", "ガバナンス"),
        ("jpcrp_cor:RiskManagementTextBlock", "リスク管理"),
        ("jpcrp_cor:StrategyTextBlock", "戦略"),
        ("jpcrp_cor:MetricsAndTargetsTextBlock", "指標及び目標"),
        ("jpcrp_cor:ManagementPolicyBusinessEnvironmentIssuesToAddressEtcTextBlock", "経営方針、経営環境及び対処すべき課題等"),
        ("jpcrp030000-asr_E00000-000:SomethingCompanySpecificTextBlock", "SomethingCompanySpecificTextBlock"),
    ],
)
def test_section_titles(concept, title):
    assert section_title(concept) == title


def test_default_namespace_instance_with_xml_extension_is_sniffed(write):
    data = (
        '<?xml version="1.0"?>\n<xbrl xmlns="http://www.xbrl.org/2003/instance" '
        'xmlns:jpcrp_cor="http://disclosure.edinet-fsa.go.jp/taxonomy/jpcrp/2024-11-01/jpcrp_cor">'
        '<jpcrp_cor:BusinessRisksTextBlock contextRef="FilingDateInstant">&lt;p&gt;リスクの本文です。&lt;/p&gt;</jpcrp_cor:BusinessRisksTextBlock></xbrl>'
    ).encode()
    path = write("instance.xml", data)
    assert detect(path, data[:8192]).name == "xbrl"
    assert [b.text for b in read(path).blocks] == ["事業等のリスク", "リスクの本文です。"]


# --- bad input ---------------------------------------------------------------------------------


def test_no_text_blocks_is_an_error(write):
    path = write("dei_only.xbrl", instance())
    assert error_code(path) == "input.xbrl_no_textblocks"
    assert "テキストブロック" in MESSAGES["input.xbrl_no_textblocks"]["ja"]


def test_truncated_instance_is_invalid_xml(write):
    assert error_code(write("cut.xbrl", FULL[: len(FULL) // 2])) == "input.xml_invalid"


def test_xxe_external_entity_is_refused_and_not_read(write, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    doctype = f'<!DOCTYPE xbrli:xbrl [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
    data = instance(fact("jpcrp_cor:BusinessRisksTextBlock", "<p>本文</p>")).replace(
        b"\n<xbrli:xbrl", b"\n" + doctype.encode() + b"<xbrli:xbrl", 1
    ).replace("本文".encode(), b"&xxe;")
    path = write("xxe.xbrl", data)
    assert detect(path, data[:8192]).name == "xbrl"
    assert error_code(path) == "input.xml_forbidden"


def test_billion_laughs_is_refused(write):
    entities = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    data = f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{entities}]>\n<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">&lol9;</xbrli:xbrl>'.encode()
    assert error_code(write("lol.xbrl", data)) == "input.xml_forbidden"


def test_not_an_instance_root_is_invalid(write):
    assert error_code(write("x.xbrl", b'<?xml version="1.0"?><root><a>1</a></root>')) == "input.xml_invalid"


# --- EDINET zip package ------------------------------------------------------------------------


def make_zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_edinet_zip_package_is_read(tmp_path):
    path = make_zip(
        tmp_path / "S100TEST.zip",
        {
            "XBRL/PublicDoc/0101010_honbun_jpcrp030000-asr-001_E99999-000_2025-03-31_01_2025-06-27_ixbrl.htm": b"<html/>",
            "XBRL/PublicDoc/jpcrp030000-asr-001_E99999-000_2025-03-31_01_2025-06-27.xbrl": FULL,
            "XBRL/AuditDoc/jpaud-aar-cn-001_E99999-000_2025-03-31_01_2025-06-27.xbrl": b"<x/>",
        },
    )
    assert detect(path, path.read_bytes()[:8192]).name == "xbrl"
    doc = read(path)
    assert doc.format == "xbrl"
    assert doc.metadata["company"] == "みなと精機株式会社"
    assert doc.metadata["package_member"].endswith("2025-06-27.xbrl")
    assert any(b.location.section == ("事業等のリスク", "(2) 情報セキュリティについて") for b in doc.blocks)


def test_zip_with_parent_directory_member_is_refused(tmp_path):
    path = make_zip(tmp_path / "evil.zip", {"XBRL/PublicDoc/report.xbrl": FULL, "../evil.xbrl": b"<x/>"})
    assert detect(path, path.read_bytes()[:8192]).name == "xbrl"
    assert error_code(path) == "input.unsafe_zip_member"
    only_evil = make_zip(tmp_path / "only_evil.xbrl", {"../evil.xbrl": FULL})
    with pytest.raises(InputError) as info:
        read_xbrl(only_evil, Limits())
    assert info.value.code == "input.unsafe_zip_member"


def test_zip_bomb_limit(tmp_path):
    path = make_zip(tmp_path / "big.zip", {"XBRL/PublicDoc/report.xbrl": FULL + b" " * 3_000_000})
    assert error_code(path, Limits(max_uncompressed_mb=1)) == "input.zip_bomb"


def test_zip_without_xbrl_is_not_sniffed_as_xbrl(tmp_path):
    path = make_zip(tmp_path / "other.zip", {"readme.txt": b"hello"})
    assert not sniff_xbrl(path.read_bytes()[:8192], path)


# --- edinet-replay canonical JSON ----------------------------------------------------------------


def canonical(facts: list[dict]) -> dict:
    out = {}
    for i, f in enumerate(facts):
        out[f"fact-{(i * 7919) % 1000:04d}"] = f  # ids not in document order
    return {"canonicalization": {"json_profile": "edinet-replay-canonical-json-v1"}, "facts": out, "filing": {"document_id": "S100TEST"}}


def cfact(concept, value, line, context="FilingDateInstant", period=None):
    return {
        "dimensions": {"concept": concept, "entity": {"identifier": "E99999-000"}, "period": period or {"instant": "2025-06-27", "type": "instant"}},
        "nil": value is None,
        "source": {"line": line, "package_path": "XBRL/PublicDoc/x.xbrl"},
        "source_context_ref": context,
        "value": value,
    }


CANONICAL = canonical(
    [
        cfact("jpcrp_cor:BusinessRisksTextBlock", RISKS_HTML, 900),
        cfact("jpdei_cor:FilerNameInJapaneseDEI", "みなと精機株式会社", 10),
        cfact("jpdei_cor:CurrentFiscalYearStartDateDEI", "2024-04-01", 11),
        cfact("jpdei_cor:CurrentFiscalYearEndDateDEI", "2025-03-31", 12),
        cfact("jpcrp_cor:GovernanceTextBlock", GOVERNANCE_HTML, 500),
        cfact("jpcrp_cor:NotesRegardingDividendTextBlock", CURRENT_HTML, 2001, "CurrentYearDuration", {"start": "2024-04-01", "end": "2025-03-31"}),
        cfact("jpcrp_cor:NotesRegardingDividendTextBlock", PRIOR_HTML, 2000, "Prior1YearDuration", {"start": "2023-04-01", "end": "2024-03-31"}),
        cfact("jpcrp_cor:DividendPolicyTextBlock", None, 1500),
    ]
)


def test_canonical_json_gz_in_document_order(tmp_path):
    path = tmp_path / "E99999-S100TEST.canonical.json.gz"
    path.write_bytes(gzip.compress(json.dumps(CANONICAL, ensure_ascii=False).encode()))
    assert detect(path, path.read_bytes()[:8192]).name == "xbrl"
    doc = read(path)
    assert doc.format == "xbrl"
    titles = [b.text for b in doc.blocks if b.kind == BlockKind.HEADING and b.level == 1]
    assert titles == ["ガバナンス", "事業等のリスク", "NotesRegardingDividendTextBlock"]
    cyber = next(b for b in doc.blocks if "ランサムウェア" in b.text)
    assert cyber.location.section == ("事業等のリスク", "(2) 情報セキュリティについて")
    assert "前期の配当に関する事項です。" not in [b.text for b in doc.blocks]
    assert doc.metadata["company"] == "みなと精機株式会社" and doc.metadata["fiscal_year_end"] == "2025-03-31"
    assert doc.metadata["document_id"] == "S100TEST"
    assert [n.code for n in doc.notes] == ["note.xbrl_prior_skipped"]


def test_plain_canonical_json_is_sniffed_by_content(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"facts": CANONICAL["facts"]}, ensure_ascii=False), encoding="utf-8")
    assert detect(path, path.read_bytes()[:8192]).name == "xbrl"
    assert len(read(path).blocks) > 5


def test_gzip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.canonical.json.gz"
    path.write_bytes(gzip.compress(b'{"facts": {}, "pad": "' + b"0" * 5_000_000 + b'"}'))
    assert error_code(path, Limits(max_uncompressed_mb=1)) == "input.zip_bomb"


def test_corrupt_and_truncated_gzip(tmp_path):
    good = gzip.compress(json.dumps(CANONICAL, ensure_ascii=False).encode())
    cut = tmp_path / "cut.canonical.json.gz"
    cut.write_bytes(good[: len(good) // 2])
    assert error_code(cut) == "input.corrupt_gzip"
    bad = tmp_path / "bad.canonical.json.gz"
    bad.write_bytes(good[:10] + b"\x00" * 50 + good[60:])
    assert error_code(bad) == "input.corrupt_gzip"


def test_json_without_facts_or_text_blocks(tmp_path):
    no_facts = tmp_path / "a.canonical.json.gz"
    no_facts.write_bytes(gzip.compress(b'{"facts": [1, 2]}'))
    assert error_code(no_facts) == "input.json_invalid"
    empty = tmp_path / "b.canonical.json.gz"
    empty.write_bytes(gzip.compress(json.dumps(canonical([cfact("jpdei_cor:EDINETCodeDEI", "E99999", 1)])).encode()))
    assert error_code(empty) == "input.xbrl_no_textblocks"


def test_new_message_keys_exist_in_both_languages():
    for key in ("input.corrupt_gzip", "input.json_invalid", "note.xbrl_prior_skipped"):
        assert set(MESSAGES[key]) == {"ja", "en"}


def test_map_coverage_lines_of_an_xbrl_name_no_empty_locations(write, run_cli):
    """A covered directive's line must not end in ``[, ]`` (it listed one empty location per
    passage when XBRL blocks had no number); XBRL blocks are now numbered within their text block."""
    risks = (
        "<h3>(2) 情報セキュリティについて</h3>"
        "<p>当社グループは、サイバー攻撃により顧客情報が漏えいした場合、社会的信用の低下により業績に影響を及ぼす可能性があると認識しております。</p>"
        "<p>当社グループは情報セキュリティ基本方針を定め、全役職員に周知しております。</p>"
        "<p>ランサムウェア等のサイバー攻撃は当社の事業継続に関わる重要なリスクであり、取締役会で対応方針を定めております。</p>"
    )
    r = run_cli("map", write("risks.xbrl", instance(fact("jpcrp_cor:BusinessRisksTextBlock", risks))))
    assert r.returncode == 0, r.stderr
    lines = [line for line in r.stdout.splitlines() if line.startswith("  指示1  ")]  # coverage, not passages
    assert len(lines) == 1 and "記載あり" in lines[0]
    assert ", ]" not in r.stdout and "[, " not in r.stdout and "[]" not in lines[0]
    assert "[¶2, ¶3, ¶4]" in lines[0]


@pytest.mark.parametrize("dimensions", ["みなと精機株式会社", ["concept"], 7, None])
def test_canonical_fact_with_malformed_dimensions_is_skipped(tmp_path, dimensions):
    """Found by fuzzing (fuzz/fuzz_xbrl.py, 6 inputs): ``"dimensions": "…"`` raised
    AttributeError inside the reader. Such a fact is skipped; the good ones are read."""
    facts = dict(CANONICAL["facts"])
    facts["fact-bad"] = {"dimensions": dimensions, "value": "<p>当社は情報セキュリティ委員会を設置しています。</p>"}
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"facts": facts}, ensure_ascii=False), encoding="utf-8")
    doc = read(path)
    assert any("ランサムウェア" in b.text for b in doc.blocks)
    assert not any("情報セキュリティ委員会を設置しています" in b.text for b in doc.blocks)
    only_bad = tmp_path / "only-bad.json"
    only_bad.write_text(json.dumps({"facts": {"f1": {"dimensions": dimensions}, "f2": {"value": None}}}), encoding="utf-8")
    assert error_code(only_bad) == "input.xbrl_no_textblocks"  # one line, not a traceback


# --- nested text blocks: each text read once ------------------------------------------------

OUTSIDE_HTML = (
    "<p>②　社外役員の状況</p>"
    "<p>当社の社外取締役は３名であります。社外取締役は、情報セキュリティを含むリスク管理の状況について、"
    "取締役会において独立した立場から助言を行っております。</p>"
    "<p>社外取締役の選任にあたっては、東京証券取引所の定める独立性の基準を満たすことを条件としております。</p>"
)
OFFICERS_HTML = "<p>①　役員一覧</p><p>男性８名　女性２名（役員のうち女性の比率20.0％）</p>" + OUTSIDE_HTML
SUST_GOV = "<p>（１）ガバナンス</p><p>当社は、情報セキュリティ委員会を設置し、その活動状況を四半期ごとに取締役会へ報告しております。</p>"
SUST_RISK = "<p>（２）リスク管理</p><p>サイバー攻撃を含む情報セキュリティリスクは、全社リスク管理の枠組みの中で年１回評価しております。</p>"


def test_nested_text_blocks_are_read_once(write):
    """EDINET repeats a nested text block (社外役員の状況 inside 役員の状況; ガバナンス and リスク管理
    inside the sustainability section) as a fact of its own: every paragraph is read once, in the
    outer block's place, with its sub-headings, and a note says what was skipped."""
    data = instance(
        fact("jpcrp_cor:DisclosureOfSustainabilityRelatedFinancialInformationTextBlock", SUST_GOV + SUST_RISK),
        fact("jpcrp_cor:GovernanceTextBlock", SUST_GOV),
        fact("jpcrp_cor:RiskManagementTextBlock", SUST_RISK),
        fact("jpcrp_cor:InformationAboutOfficersTextBlock", OFFICERS_HTML),
        fact("jpcrp_cor:OutsideDirectorsAndOutsideCorporateAuditorsTextBlock", OUTSIDE_HTML),
    )
    doc = read(write("nested.xbrl", data))
    texts = [b.text for b in doc.blocks if b.kind != BlockKind.HEADING]
    assert len(texts) == len(set(texts)), texts
    assert sum("独立した立場から助言" in t for t in texts) == 1
    assert sum("年１回評価" in t for t in texts) == 1
    risk = next(b for b in doc.blocks if "年１回評価" in b.text)
    assert risk.location.section[0] == "サステナビリティに関する考え方及び取組"
    assert [h.text for h in doc.blocks if h.kind == BlockKind.HEADING and h.level == 1] == [
        "サステナビリティに関する考え方及び取組", "役員の状況"]
    assert any(n.code == "note.xbrl_nested_skipped" and n.params["count"] == 3 for n in doc.notes)


def test_a_nested_block_that_comes_first_is_replaced_by_the_larger_one(write):
    doc = read(write("r.xbrl", instance(
        fact("jpcrp_cor:OutsideDirectorsAndOutsideCorporateAuditorsTextBlock", OUTSIDE_HTML),
        fact("jpcrp_cor:InformationAboutOfficersTextBlock", OFFICERS_HTML),
    )))
    texts = [b.text for b in doc.blocks if b.kind != BlockKind.HEADING]
    assert len(texts) == len(set(texts)) and any("男性８名" in t for t in texts)
    assert [h.text for h in doc.blocks if h.kind == BlockKind.HEADING and h.level == 1] == ["役員の状況"]


def test_text_repeated_inside_one_block_is_kept_as_filed(write):
    note = "<p>（注）新株予約権の行使の条件は、割当日から２年を経過した日以降に限り行使できるものとしております。</p>"
    doc = read(write("r.xbrl", instance(fact("jpcrp_cor:BusinessRisksTextBlock", "<p>第１回</p>" + note + "<p>第２回</p>" + note))))
    assert sum("行使の条件" in b.text for b in doc.blocks) == 2
