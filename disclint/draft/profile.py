"""The company profile: a small explicit schema, validation and the values templates see.

The profile (YAML) holds the facts a draft may state; nothing else is ever asserted. Every
leaf of :data:`SCHEMA` has a type, a short Japanese label (used in placeholders such as
``【要記入: 標的型メール訓練の実施回数】``) and a comment (written by ``disclint init``).
Any leaf may be left empty (``null``): the draft then shows a placeholder instead of a fact.

Validation reports each problem as one line with the key path (``governance.ciso_title``):
unknown keys (with a did-you-mean), wrong types, values outside an enumeration.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Union

from ..errors import ConfigError

#: the longest label a placeholder may carry: the linter's placeholder rule
#: (rules/truthfulness/placeholder.yml) allows at most 20 characters after 【要記入, and
#: the ": " separator takes two of them.
MAX_LABEL = 18


class ProfileError(ConfigError):
    """An invalid profile; ``message(lang)`` is one line naming the key path."""

    def message(self, lang: str = "ja") -> str:
        from ..i18n import t

        params = dict(self.params)
        if "expected" in params:
            params["expected"] = kind_word(params["expected"], lang)
        return t(self.code, lang, **params)


# ----------------------------------------------------------------------------- schema
@dataclass(frozen=True)
class Field:
    """One fact. ``kind``: str, int, number, bool, date, list (of strings) or enum."""

    kind: str
    label: str  # Japanese, short: the placeholder text
    comment: str  # Japanese, for the commented profile written by ``disclint init``
    example: Any = None
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        assert len(self.label) <= MAX_LABEL, f"label too long for a placeholder: {self.label}"


@dataclass(frozen=True)
class Section:
    fields: dict[str, Union["Field", "Section", "Table"]]
    comment: str = ""


@dataclass(frozen=True)
class Table:
    """A list of records (e.g. KPIs), each a :class:`Section`."""

    row: Section
    label: str
    comment: str = ""
    example: tuple[dict[str, Any], ...] = ()




def F(kind: str, label: str, comment: str, example: Any = None, choices: tuple[str, ...] = ()) -> Field:
    return Field(kind, label, comment, example, choices)


SCHEMA = Section(
    {
        "company": Section(
            {
                "name": F("str", "会社名", "会社の正式名称", "株式会社あさぎ電工"),
                "group": F("bool", "連結グループか否か", "連結子会社があり「当社グループ」として書く場合は true、単体なら false", True),
                "industry": F("str", "業種", "業種（証券コード協議会の業種名など）", "電気機器"),
                "size": F("enum", "企業規模", "企業規模: large（大企業）/ medium（中堅企業）/ small（中小企業）", "large", ("large", "medium", "small")),
                "employees": F("int", "従業員数", "連結従業員数（人）", 5200),
                "overseas_sites": F("int", "海外拠点数", "海外の拠点・子会社の数", 12),
            },
            "会社の基本情報",
        ),
        "fiscal_year": Section(
            {
                "start": F("date", "事業年度の開始日", "対象とする事業年度の開始日（YYYY-MM-DD）", "2024-04-01"),
                "end": F("date", "事業年度の終了日", "対象とする事業年度の終了日（YYYY-MM-DD）", "2025-03-31"),
                "calendar": F("enum", "暦の表記", "日付の表記: seireki（西暦: 2024年）/ wareki（和暦: 令和6年）", "seireki", ("seireki", "wareki")),
            },
            "対象とする事業年度と日付の表記",
        ),
        "governance": Section(
            {
                "ciso_title": F("str", "CISOの役職", "最高情報セキュリティ責任者（CISO）を務める役員の役職", "取締役常務執行役員"),
                "committee": F("str", "セキュリティ委員会の名称", "情報セキュリティを審議する会議体の名称", "情報セキュリティ委員会"),
                "committee_chair": F("str", "委員会の委員長", "その会議体の委員長（役職）", "CISO"),
                "committee_members": F("str", "委員会の構成員", "会議体の構成員（役職の列挙）", "各事業本部長、情報システム部長及び主要子会社の責任者"),
                "committee_frequency": F("str", "委員会の開催頻度", "会議体の開催頻度（例: 毎月、四半期ごと）", "毎月"),
                "committee_meetings": F("int", "委員会の開催回数", "対象事業年度に会議体を開催した回数", 12),
                "reports_to": F("str", "報告先の会議体", "CISO・委員会の報告先（例: 取締役会、経営会議）", "取締役会"),
                "reporting_frequency": F("str", "取締役会への報告頻度", "報告の頻度（例: 四半期ごと、年2回）", "四半期ごと"),
                "board_oversight": F("bool", "取締役会による監督", "取締役会が報告を受けて監督しているなら true", True),
                "risk_committee": F("str", "全社リスク管理の会議体", "全社的なリスク管理を所管する会議体（あれば）", "リスク管理委員会"),
                "security_department": F("str", "セキュリティ主管部署", "情報セキュリティを所管する部署", "情報セキュリティ推進部"),
            },
            "ガバナンス（指示2: 管理体制）",
        ),
        "policy": Section(
            {
                "name": F("str", "基本方針の名称", "情報セキュリティに関する基本方針の名称", "あさぎ電工グループ情報セキュリティ基本方針"),
                "established": F("date", "基本方針の制定時期", "基本方針を制定した日（YYYY-MM-DD または YYYY-MM）", "2021-04"),
                "approved_by": F("str", "基本方針の決定機関", "基本方針を決議・承認した機関（例: 取締役会）", "取締役会"),
                "scope": F("str", "基本方針の適用範囲", "基本方針の適用範囲", "国内外のグループ会社を含む全役員及び従業員"),
                "pledge": F("bool", "遵守の誓約の取得", "全従業員から遵守の誓約を毎年取得しているなら true", True),
                "frameworks": F("list", "参照する基準", "参照しているフレームワーク・基準（リスト）", ["NIST サイバーセキュリティフレームワーク 2.0"]),
                "meti_guideline": F("bool", "経営ガイドラインの参照", "経済産業省・IPA「サイバーセキュリティ経営ガイドライン Ver3.0」を参照しているなら true", True),
                "iso27001_scope": F("str", "ISMS認証の取得範囲", "ISO/IEC 27001（ISMS）認証の取得範囲（取得していなければ空）", "本社及び国内の全事業所"),
                "iso27001_since": F("date", "ISMS認証の取得時期", "ISO/IEC 27001 認証の初回取得時期", "2016-10"),
            },
            "方針と基準（指示1）",
        ),
        "resources": Section(
            {
                "budget_share_pct": F("number", "IT予算に占める比率", "IT予算に占めるセキュリティ関連予算の比率（%）", 10.5),
                "budget_million_yen": F("number", "セキュリティ予算額", "セキュリティ関連の予算・投資額（百万円）", 1250),
                "security_staff": F("int", "セキュリティ担当者数", "セキュリティを専任で担当する人員（人）", 28),
                "certified_staff": F("int", "資格保有者数", "情報処理安全確保支援士等の資格保有者（人）", 15),
                "training_completion_pct": F("number", "研修の受講率", "全従業員向け情報セキュリティ研修の受講率（%）", 98.7),
                "training_format": F("str", "研修の形式", "研修の形式（例: eラーニング）", "eラーニング"),
                "phishing_drills": F("int", "標的型メール訓練の実施回数", "対象事業年度の標的型メール訓練の実施回数", 4),
                "phishing_click_pct": F("number", "訓練メールの開封率", "標的型メール訓練での開封率（%）", 3.2),
                "plus_security": F("bool", "プラス・セキュリティ教育", "業務部門向けのプラス・セキュリティ教育を行っているなら true", True),
            },
            "資源: 予算・人材・教育（指示3）",
        ),
        "risk_assessment": Section(
            {
                "asset_inventory": F("str", "情報資産の棚卸の頻度", "情報資産の棚卸の頻度（「情報資産を〈この値〉棚卸し」と続く）", "年1回"),
                "assessment_frequency": F("str", "リスク評価の頻度", "リスクアセスメントの頻度（例: 年1回）", "年1回"),
                "method": F("str", "リスク評価の方法", "リスク評価の方法（「〈この値〉により、リスクを評価」と続く）", "事業への影響度と発生可能性による評価"),
                "vulnerability_assessment": F("str", "脆弱性診断の対象と頻度", "脆弱性診断の対象と頻度（「〈この値〉、脆弱性診断を実施している」と続く）", "外部に公開している全システムを対象に年2回"),
                "penetration_test": F("bool", "侵入テストの実施", "外部の専門家による侵入テストを実施しているなら true", True),
                "plan_name": F("str", "セキュリティ計画の名称", "リスク対応の計画・ロードマップの名称", "情報セキュリティ中期計画"),
                "plan_period": F("str", "計画の対象期間", "計画の対象期間（例: 2024〜2026年度）", "2024〜2026年度"),
                "priorities": F("list", "計画の重点施策", "計画の重点施策（リスト）", ["工場の制御システムの保護", "サプライチェーンの対策強化"]),
            },
            "リスクの把握と計画（指示4）",
        ),
        "protections": Section(
            {
                "edr": F("bool", "EDRの導入", "EDR（端末の検知・対応）を導入しているなら true", True),
                "edr_coverage_pct": F("number", "EDRの導入率", "EDR の導入率（%、PC・サーバー）", 100),
                "soc_operator": F("str", "SOCの運営者", "SOC（監視センター）の運営者（例: 外部の専門事業者、自社）", "外部の専門事業者"),
                "soc_hours": F("str", "SOCの監視時間帯", "SOC による監視の時間帯（例: 24時間365日）", "24時間365日"),
                "mfa": F("str", "多要素認証の適用範囲", "多要素認証の適用範囲", "社外からの接続及びクラウドサービスの利用"),
                "network_segmentation": F("str", "分離しているネットワーク", "分離しているネットワーク（「…の分離」に続く形で）", "工場の生産設備のネットワークと事務系のネットワーク"),
                "patch_management": F("str", "更新プログラムの管理", "更新プログラム（パッチ）の適用管理の方法と頻度", "適用状況を毎月確認"),
                "cloud_account_review": F("str", "クラウドの権限見直し", "クラウドサービスの管理者権限の棚卸の頻度", "四半期ごと"),
                "encryption": F("bool", "保存データの暗号化", "重要データを保存時に暗号化しているなら true", True),
                "other": F("list", "その他の保護対策", "その他の保護対策（リスト）", ["メールの無害化"]),
            },
            "保護・検知の仕組み（指示5）",
        ),
        "pdca": Section(
            {
                "internal_audit": F("str", "内部監査の部署", "情報セキュリティの内部監査を行う部署", "内部監査室"),
                "audit_frequency": F("str", "内部監査の頻度", "内部監査の頻度（例: 年1回）", "年1回"),
                "external_assessment": F("str", "第三者評価の内容", "外部機関による評価（「あわせて、〈この値〉受けている」と続く）", "外部機関による成熟度評価を年1回"),
                "self_assessment": F("bool", "可視化ツールでの自己評価", "IPA の可視化ツール等で自己評価しているなら true", True),
                "review_frequency": F("str", "対策の見直しの頻度", "対策の有効性を見直す頻度", "年1回"),
                "kpis": Table(
                    Section(
                        {
                            "name": F("str", "指標の名称", "指標の名称", "訓練メールの開封率"),
                            "value": F("number", "指標の実績", "対象事業年度の実績値", 3.2),
                            "unit": F("str", "指標の単位", "単位（%、件、回、人など）", "%"),
                            "target": F("str", "指標の目標", "目標（例: 2026年度までに3.0%以下）", "2026年度までに3.0%以下"),
                        }
                    ),
                    "指標と目標",
                    "指標（KPI）と目標（リスト）",
                    (
                        {"name": "訓練メールの開封率", "value": 3.2, "unit": "%", "target": "2026年度までに3.0%以下"},
                        {"name": "情報セキュリティ研修の受講率", "value": 98.7, "unit": "%", "target": "毎年度100%"},
                    ),
                ),
            },
            "PDCA・監査・指標（指示6）",
        ),
        "incident_response": Section(
            {
                "csirt_name": F("str", "CSIRTの名称", "CSIRT の名称", "ASAGI-CSIRT"),
                "csirt_members": F("int", "CSIRTの人数", "CSIRT の構成員数（人）", 14),
                "playbook": F("bool", "インシデント対応手順書", "インシデント対応手順書を整備しているなら true", True),
                "drills_per_year": F("int", "インシデント対応訓練の回数", "対象事業年度のインシデント対応訓練・演習の回数", 2),
                "drill_scenarios": F("list", "訓練の想定シナリオ", "訓練の想定（リスト）", ["ランサムウェアへの感染", "取引先を装った不正なメール"]),
                "first_report_hours": F("number", "経営への第一報の目標", "経営層への第一報の目標時間（時間）", 1),
                "jpcert_contact": F("bool", "JPCERT/CCとの連絡体制", "JPCERT/CC 等の外部機関への連絡体制を定めているなら true", True),
                "authority_reporting": F("bool", "当局への報告手順", "個人情報保護委員会など当局への報告手順を定めているなら true", True),
                "nca_member": F("bool", "日本シーサート協議会加盟", "日本シーサート協議会に加盟しているなら true", True),
            },
            "インシデント対応（指示7）",
        ),
        "bcp": Section(
            {
                "it_bcp": F("bool", "IT-BCPの策定", "サイバー攻撃を想定した事業継続計画（IT-BCP）を策定しているなら true", True),
                "backup": F("str", "バックアップの方式", "バックアップの方式（「〈この値〉のバックアップを取得」と続く）", "ネットワークから切り離した媒体を含む複数世代"),
                "rto_hours": F("number", "目標復旧時間", "基幹システムの目標復旧時間（RTO、時間）", 48),
                "rpo_hours": F("number", "目標復旧時点", "目標復旧時点（RPO、時間）", 24),
                "recovery_drills_per_year": F("int", "復旧訓練の回数", "対象事業年度のバックアップからの復旧訓練の回数", 1),
                "ot_included": F("bool", "制御システムを対象に含む", "工場の制御システムも計画の対象なら true", True),
                "cyber_insurance": F("bool", "サイバー保険への加入", "サイバー保険に加入しているなら true", True),
            },
            "事業継続・復旧（指示8）",
        ),
        "supply_chain": Section(
            {
                "contractor_assessment": F("str", "委託先評価の方法と頻度", "委託先・取引先のセキュリティ評価の方法と頻度（下書きでは「…については、〈この値〉実施しており」と続く）", "チェックシートによる評価を年1回"),
                "assessed_contractors": F("int", "評価した委託先の数", "対象事業年度に評価した委託先の数（社）", 180),
                "contract_requirements": F("bool", "契約でのセキュリティ要求", "契約で秘密保持・セキュリティ要求事項を定めているなら true", True),
                "security_action": F("bool", "SECURITY ACTIONの推奨", "取引先に SECURITY ACTION 宣言を推奨しているなら true", True),
                "group_audit": F("str", "グループ会社の点検", "国内外のグループ会社の対策の点検方法と頻度（「グループ会社については、〈この値〉行っている」と続く）", "共通の基準による点検を年1回"),
            },
            "サプライチェーン（指示9）",
        ),
        "information_sharing": Section(
            {
                "isac": F("list", "加盟しているISAC", "加盟している ISAC（リスト）", ["ICT-ISAC"]),
                "bodies": F("list", "情報共有の相手先", "情報を収集・共有している機関（リスト）", ["JPCERT/CC", "IPA"]),
                "threat_intel": F("str", "脅威情報の活用", "脅威情報の収集と活用の方法（「さらに、〈この値〉している」と続く）", "外部の脅威情報サービスを契約し、CSIRTが分析して対策に反映"),
                "disclosure_channels": F("list", "開示の媒体", "取組を開示している媒体（リスト）", ["統合報告書", "当社ウェブサイト"]),
            },
            "情報の収集・共有・開示（指示10）",
        ),
    }
)


# ----------------------------------------------------------------------------- values
@dataclass(frozen=True)
class Date:
    """A date as precise as the profile gives it (year, year-month or full date)."""

    year: int
    month: int | None = None
    day: int | None = None

    def as_date(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)


@dataclass
class Fact:
    """One leaf of the profile as templates see it.

    ``str(fact)`` is the value, or the placeholder when the value is missing, so a template
    can never print an invented or empty fact. ``fact.known`` says whether a value is given;
    truth testing is false for a missing value, ``false`` and empty lists.
    """

    value: Any
    label: str
    kind: str
    path: str
    calendar: str = "seireki"

    @property
    def known(self) -> bool:
        return self.value is not None and self.value != [] and self.value != ""

    def __bool__(self) -> bool:
        return bool(self.value) if self.known else False

    def __iter__(self) -> Iterator[Any]:
        return iter(self.value if isinstance(self.value, list) else [])

    def __len__(self) -> int:
        return len(self.value) if isinstance(self.value, list) else 0

    def __str__(self) -> str:
        from .formats import format_fact

        return format_fact(self)


class Node:
    """A section of the profile: attributes are child nodes or :class:`Fact` s."""

    def __init__(self, path: str, children: dict[str, Any]) -> None:
        self._path = path
        self.__dict__.update(children)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Node({self._path or '<root>'})"


@dataclass
class Profile:
    data: dict[str, Any]  # validated, with every schema key present (None when missing)
    path: str | None = None

    @property
    def calendar(self) -> str:
        return self.data["fiscal_year"]["calendar"] or "seireki"

    def get(self, dotted: str) -> Any:
        cur: Any = self.data
        for part in dotted.split("."):
            cur = cur[part]
        return cur

    def facts(self) -> Node:
        """The tree templates see (``p.governance.ciso_title`` …)."""
        return _to_node(SCHEMA, self.data, "", self.calendar)

    @property
    def company_name(self) -> str:
        return self.data["company"]["name"] or ""


def _to_node(section: Section, data: dict[str, Any], prefix: str, calendar: str) -> Node:
    children: dict[str, Any] = {}
    for key, spec in section.fields.items():
        path = f"{prefix}{key}"
        value = data.get(key)
        if isinstance(spec, Section):
            children[key] = _to_node(spec, value or {}, path + ".", calendar)
        elif isinstance(spec, Table):
            rows = [_to_node(spec.row, row, f"{path}[{i}].", calendar) for i, row in enumerate(value or [])]
            children[key] = Fact(rows or None, spec.label, "table", path, calendar)
        else:
            children[key] = Fact(value, spec.label, spec.kind, path, calendar)
    return Node(prefix.rstrip("."), children)


# ----------------------------------------------------------------------------- validation
@dataclass
class _Errors:
    source: str
    items: list[ProfileError] = field(default_factory=list)

    def add(self, code: str, **params: Any) -> None:
        self.items.append(ProfileError(code, path=self.source, **params))


_KIND_WORDS = {
    "str": "文字列", "int": "整数", "number": "数値", "bool": "true / false", "date": "日付（YYYY-MM-DD）",
    "list": "文字列のリスト", "enum": "選択肢", "section": "項目の集まり（key: value）", "table": "リスト",
}
_KIND_WORDS_EN = {
    "str": "a string", "int": "an integer", "number": "a number", "bool": "true / false", "date": "a date (YYYY-MM-DD)",
    "list": "a list of strings", "enum": "one of the choices", "section": "a mapping (key: value)", "table": "a list",
}


def kind_word(kind: str, lang: str) -> str:
    return (_KIND_WORDS if lang == "ja" else _KIND_WORDS_EN).get(kind, kind)


def _all_paths(section: Section, prefix: str = "") -> list[str]:
    out = []
    for key, spec in section.fields.items():
        out.append(prefix + key)
        if isinstance(spec, Section):
            out.extend(_all_paths(spec, prefix + key + "."))
    return out


def _suggest(key: str, section: Section, prefix: str) -> str:
    names = list(section.fields)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    if close:
        return prefix + close[0]
    # a key put in the wrong section: look for the same name anywhere
    everywhere = [p for p in _all_paths(SCHEMA) if p.rsplit(".", 1)[-1] == key]
    if everywhere:
        return everywhere[0]
    close = difflib.get_close_matches(key, [p.rsplit(".", 1)[-1] for p in _all_paths(SCHEMA)], n=1, cutoff=0.6)
    if close:
        return next(p for p in _all_paths(SCHEMA) if p.rsplit(".", 1)[-1] == close[0])
    return ""


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _check_section(section: Section, data: Any, prefix: str, errors: _Errors) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        errors.add("profile.wrong_type", item=prefix.rstrip(".") or "(top)", expected="section", value=_show(data))
        data = {}
    for key in data:
        if key not in section.fields:
            hint = _suggest(str(key), section, prefix)
            if hint:
                errors.add("profile.unknown_key", item=f"{prefix}{key}", hint=hint)
            else:
                errors.add("profile.unknown_key_nohint", item=f"{prefix}{key}")
    for key, spec in section.fields.items():
        path = f"{prefix}{key}"
        value = data.get(key)
        if isinstance(spec, Section):
            out[key] = _check_section(spec, value, path + ".", errors)
        elif isinstance(spec, Table):
            out[key] = _check_table(spec, value, path, errors)
        else:
            out[key] = _check_field(spec, value, path, errors)
    return out


def _check_table(spec: Table, value: Any, path: str, errors: _Errors) -> list[dict[str, Any]] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        errors.add("profile.wrong_type", item=path, expected="table", value=_show(value))
        return None
    rows = []
    for i, row in enumerate(value):
        if not isinstance(row, dict):
            errors.add("profile.wrong_type", item=f"{path}[{i}]", expected="section", value=_show(row))
            continue
        rows.append(_check_section(spec.row, row, f"{path}[{i}].", errors))
    return rows or None


_DATE_RE = re.compile(r"^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?\s*$")


def parse_date(value: Any) -> Date | None:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return Date(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return Date(value)
    if isinstance(value, str):
        m = _DATE_RE.match(value)
        if m:
            y, mo, d = (int(x) if x else None for x in m.groups())
            try:
                _dt.date(y, mo or 1, d or 1)
            except ValueError:
                return None
            return Date(y, mo, d)
    return None


def _check_field(spec: Field, value: Any, path: str, errors: _Errors) -> Any:
    if value is None or value == "":
        return None
    kind = spec.kind
    ok = True
    if kind == "str":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # 「第78期」のような数字だけの名称も文字列として受け付ける
        ok = isinstance(value, str)
        if ok:
            value = value.strip()
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    elif kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "date":
        parsed = parse_date(value)
        ok = parsed is not None
        value = parsed if ok else value
    elif kind == "list":
        if isinstance(value, str):
            value = [value]
        ok = isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)
        if ok:
            value = [x.strip() for x in value] or None
    elif kind == "enum":
        if value not in spec.choices:
            errors.add("profile.bad_choice", item=path, value=_show(value), choices=" / ".join(spec.choices))
            return None
    if not ok:
        errors.add("profile.wrong_type", item=path, expected=kind, value=_show(value))
        return None
    return value


def validate(data: Any, source: str = "<profile>") -> tuple[Profile, list[ProfileError]]:
    """Check ``data`` against :data:`SCHEMA`; returns the profile and all problems found."""
    errors = _Errors(source)
    if data is not None and not isinstance(data, dict):
        errors.add("profile.not_mapping")
        data = {}
    clean = _check_section(SCHEMA, data, "", errors)
    return Profile(clean, source), errors.items


def empty_profile() -> Profile:
    return validate({})[0]


MAX_PROFILE_BYTES = 4 * 1024 * 1024


def load_profile(path: str | Path) -> Profile:
    """Read and validate a YAML profile; raises the first :class:`ProfileError` (all are in ``.all``)."""
    import yaml

    from ..resources import load_user_yaml, yaml_bomb_error
    from ..safeio import read_input_bytes

    p = Path(path)
    try:
        if not p.exists():
            raise ProfileError("profile.not_found", path=str(path))
    except ValueError:  # NUL in the path
        raise ProfileError("profile.not_found", path=str(path)) from None
    # a regular file of at most 4 MB (a FIFO would hang, /dev/zero never end)
    raw = read_input_bytes(p, MAX_PROFILE_BYTES, ProfileError, "profile.unreadable", path=str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError("profile.unreadable", path=str(path), reason=type(exc).__name__) from None
    try:
        data = load_user_yaml(text)  # aliases expanded beyond 100,000 nodes are refused
    except yaml_bomb_error() as exc:
        raise ProfileError("profile.yaml_aliases", path=str(path), nodes=f"{exc.limit:,}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise ProfileError("profile.syntax", path=str(path), reason=f"{where}: {problem}" if where else str(problem)) from None
    profile, errors = validate(data, str(path))
    if errors:
        first = errors[0]
        first.all = errors  # type: ignore[attr-defined]
        raise first
    return profile


# ----------------------------------------------------------------------------- init file
_INIT_HEADER = """\
# disclint 会社プロファイル（disclint init で作成）
#
# disclint draft は、このファイルに書かれた事実だけを使って開示文の下書きを作ります。
# 空欄（値なし）の項目は、下書きの中で【要記入: …】と表示されます。推測で埋めず、
# 確認できた事実だけを書いてください。disclint lint は【要記入】の残りをエラーとして報告します。
#
# 値の書き方: 文字列はそのまま、数値は単位なし（%・人・時間は書かない）、真偽は true / false、
# 日付は 2024-04-01（年月だけなら 2024-04）、リストは [A, B] または行頭に「- 」。
# 項目の一覧と意味: docs/drafting.md
"""


def _yaml_scalar(value: Any) -> str:
    """A value as it would be written in the profile (for the examples in comments)."""
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value in ("%",):
        return f'"{value}"'
    return str(value)


def init_text() -> str:
    """The commented, empty profile that ``disclint init`` writes (generated from the schema)."""
    lines = [_INIT_HEADER]

    def walk(section: Section, indent: str) -> None:
        for key, spec in section.fields.items():
            if isinstance(spec, Section):
                lines.append("")
                lines.append(f"{indent}# ── {spec.comment} ──" if spec.comment else "")
                lines.append(f"{indent}{key}:")
                walk(spec, indent + "  ")
            elif isinstance(spec, Table):
                lines.append(f"{indent}# {spec.comment}。例:")
                for row in spec.example:
                    items = list(row.items())
                    k0, v0 = items[0]
                    lines.append(f"{indent}#   - {k0}: {_yaml_scalar(v0)}")
                    for k, v in items[1:]:
                        lines.append(f"{indent}#     {k}: {_yaml_scalar(v)}")
                lines.append(f"{indent}{key}:")
            else:
                comment = spec.comment
                if spec.example is not None:
                    comment = re.sub(r"（例: [^）]*）", "", comment)
                example = "" if spec.example is None else f"　例: {_yaml_scalar(spec.example)}"
                lines.append(f"{indent}# {comment}{example}")
                lines.append(f"{indent}{key}:")

    walk(SCHEMA, "")
    return "\n".join(lines).rstrip() + "\n"


def example_data() -> dict[str, Any]:
    """The schema's examples as one profile (the basis of templates/profiles/example-complete.yml)."""

    def walk(section: Section) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, spec in section.fields.items():
            if isinstance(spec, Section):
                out[key] = walk(spec)
            elif isinstance(spec, Table):
                out[key] = [dict(r) for r in spec.example]
            else:
                out[key] = spec.example
        return out

    return walk(SCHEMA)
