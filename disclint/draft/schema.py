"""The profile's schema and its measures, as data: every fact a draft may state (type, label,
comment, example) and every measure (yes / no / unknown), read by :mod:`.profile`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: the longest label a placeholder may carry: the linter's placeholder rule
#: (rules/truthfulness/placeholder.yml) allows at most 20 characters after 【要記入, and
#: the ": " separator takes two of them.
MAX_LABEL = 18


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
    fields: dict[str, Field | Section | Table]
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
                "group": F(
                    "bool",
                    "連結グループか否か",
                    "連結子会社があり「当社グループ」として書く場合は true、単体なら false",
                    True,
                ),
                "industry": F("str", "業種", "業種（証券コード協議会の業種名など）", "電気機器"),
                "size": F(
                    "enum",
                    "企業規模",
                    "企業規模: large（大企業）/ medium（中堅企業）/ small（中小企業）",
                    "large",
                    ("large", "medium", "small"),
                ),
                "employees": F("int", "従業員数", "連結従業員数（人）", 5200),
                "overseas_sites": F("int", "海外拠点数", "海外の拠点・子会社の数", 12),
            },
            "会社の基本情報",
        ),
        "fiscal_year": Section(
            {
                "start": F("date", "事業年度の開始日", "対象とする事業年度の開始日（YYYY-MM-DD）", "2024-04-01"),
                "end": F("date", "事業年度の終了日", "対象とする事業年度の終了日（YYYY-MM-DD）", "2025-03-31"),
                "calendar": F(
                    "enum",
                    "暦の表記",
                    "日付の表記: seireki（西暦: 2024年）/ wareki（和暦: 令和6年）",
                    "seireki",
                    ("seireki", "wareki"),
                ),
            },
            "対象とする事業年度と日付の表記",
        ),
        "governance": Section(
            {
                "ciso_title": F(
                    "str", "CISOの役職", "最高情報セキュリティ責任者（CISO）を務める役員の役職", "取締役常務執行役員"
                ),
                "committee": F(
                    "str",
                    "セキュリティ委員会の名称",
                    "情報セキュリティを審議する会議体の名称",
                    "情報セキュリティ委員会",
                ),
                "committee_chair": F("str", "委員会の委員長", "その会議体の委員長（役職）", "CISO"),
                "committee_members": F(
                    "str",
                    "委員会の構成員",
                    "会議体の構成員（役職の列挙）",
                    "各事業本部長、情報システム部長及び主要子会社の責任者",
                ),
                "committee_frequency": F("str", "委員会の開催頻度", "会議体の開催頻度（例: 毎月、四半期ごと）", "毎月"),
                "committee_meetings": F("int", "委員会の開催回数", "対象事業年度に会議体を開催した回数", 12),
                "reports_to": F("str", "報告先の会議体", "CISO・委員会の報告先（例: 取締役会、経営会議）", "取締役会"),
                "reporting_frequency": F(
                    "str", "取締役会への報告頻度", "報告の頻度（例: 四半期ごと、年2回）", "四半期ごと"
                ),
                "board_oversight": F("bool", "取締役会による監督", "取締役会が報告を受けて監督しているなら true", True),
                "risk_committee": F(
                    "str", "全社リスク管理の会議体", "全社的なリスク管理を所管する会議体（あれば）", "リスク管理委員会"
                ),
                "security_department": F(
                    "str", "セキュリティ主管部署", "情報セキュリティを所管する部署", "情報セキュリティ推進部"
                ),
            },
            "ガバナンス（指示2: 管理体制）",
        ),
        "policy": Section(
            {
                "name": F(
                    "str",
                    "基本方針の名称",
                    "情報セキュリティに関する基本方針の名称",
                    "あさぎ電工グループ情報セキュリティ基本方針",
                ),
                "established": F(
                    "date", "基本方針の制定時期", "基本方針を制定した日（YYYY-MM-DD または YYYY-MM）", "2021-04"
                ),
                "approved_by": F(
                    "str", "基本方針の決定機関", "基本方針を決議・承認した機関（例: 取締役会）", "取締役会"
                ),
                "scope": F(
                    "str", "基本方針の適用範囲", "基本方針の適用範囲", "国内外のグループ会社を含む全役員及び従業員"
                ),
                "pledge": F("bool", "遵守の誓約の取得", "全従業員から遵守の誓約を毎年取得しているなら true", True),
                "frameworks": F(
                    "list",
                    "参照する基準",
                    "参照しているフレームワーク・基準（リスト）",
                    ["NIST サイバーセキュリティフレームワーク 2.0"],
                ),
                "meti_guideline": F(
                    "bool",
                    "経営ガイドラインの参照",
                    "経済産業省・IPA「サイバーセキュリティ経営ガイドライン Ver3.0」を参照しているなら true",
                    True,
                ),
                "iso27001_scope": F(
                    "str",
                    "ISMS認証の取得範囲",
                    "ISO/IEC 27001（ISMS）認証の取得範囲（取得していなければ空）",
                    "本社及び国内の全事業所",
                ),
                "iso27001_since": F("date", "ISMS認証の取得時期", "ISO/IEC 27001 認証の初回取得時期", "2016-10"),
            },
            "方針と基準（指示1）",
        ),
        "resources": Section(
            {
                "budget_share_pct": F(
                    "number", "IT予算に占める比率", "IT予算に占めるセキュリティ関連予算の比率（%）", 10.5
                ),
                "budget_million_yen": F(
                    "number", "セキュリティ予算額", "セキュリティ関連の予算・投資額（百万円）", 1250
                ),
                "security_staff": F("int", "セキュリティ担当者数", "セキュリティを専任で担当する人員（人）", 28),
                "certified_staff": F("int", "資格保有者数", "情報処理安全確保支援士等の資格保有者（人）", 15),
                "training_completion_pct": F(
                    "number", "研修の受講率", "全従業員向け情報セキュリティ研修の受講率（%）", 98.7
                ),
                "training_format": F("str", "研修の形式", "研修の形式（例: eラーニング）", "eラーニング"),
                "phishing_drills": F(
                    "int", "標的型メール訓練の実施回数", "対象事業年度の標的型メール訓練の実施回数", 4
                ),
                "phishing_click_pct": F("number", "訓練メールの開封率", "標的型メール訓練での開封率（%）", 3.2),
                "plus_security": F(
                    "bool",
                    "プラス・セキュリティ教育",
                    "業務部門向けのプラス・セキュリティ教育を行っているなら true",
                    True,
                ),
            },
            "資源: 予算・人材・教育（指示3）",
        ),
        "risk_assessment": Section(
            {
                "asset_inventory": F(
                    "str",
                    "情報資産の棚卸の頻度",
                    "情報資産の棚卸の頻度（「情報資産を〈この値〉棚卸し」と続く）",
                    "年1回",
                ),
                "assessment_frequency": F("str", "リスク評価の頻度", "リスクアセスメントの頻度（例: 年1回）", "年1回"),
                "method": F(
                    "str",
                    "リスク評価の方法",
                    "リスク評価の方法（「〈この値〉により評価」と続く）",
                    "事業への影響度と発生可能性の分析",
                ),
                "vulnerability_assessment": F(
                    "str",
                    "脆弱性診断の対象と頻度",
                    "脆弱性診断の対象と頻度（「脆弱性診断は、〈この値〉実施している」と続く）",
                    "外部に公開している全システムを対象に年2回",
                ),
                "penetration_test": F(
                    "bool", "侵入テストの実施", "外部の専門家による侵入テストを実施しているなら true", True
                ),
                "plan_name": F(
                    "str", "セキュリティ計画の名称", "リスク対応の計画・ロードマップの名称", "情報セキュリティ中期計画"
                ),
                "plan_period": F("str", "計画の対象期間", "計画の対象期間（例: 2024〜2026年度）", "2024〜2026年度"),
                "priorities": F(
                    "list",
                    "計画の重点施策",
                    "計画の重点施策（リスト）",
                    ["工場の制御システムの保護", "サプライチェーンの対策強化"],
                ),
            },
            "リスクの把握と計画（指示4）",
        ),
        "protections": Section(
            {
                "edr": F("bool", "EDRの導入", "EDR（端末の検知・対応）を導入しているなら true", True),
                "edr_coverage_pct": F("number", "EDRの導入率", "EDR の導入率（%、PC・サーバー）", 100),
                "soc_operator": F(
                    "str",
                    "SOCの運営者",
                    "SOC（監視センター）の運営者（例: 外部の専門事業者、自社）",
                    "外部の専門事業者",
                ),
                "soc_hours": F("str", "SOCの監視時間帯", "SOC による監視の時間帯（例: 24時間365日）", "24時間365日"),
                "mfa": F(
                    "str", "多要素認証の適用範囲", "多要素認証の適用範囲", "社外からの接続及びクラウドサービスの利用"
                ),
                "network_segmentation": F(
                    "str",
                    "分離しているネットワーク",
                    "分離しているネットワーク（「…の分離」に続く形で）",
                    "工場の生産設備のネットワークと事務系のネットワーク",
                ),
                "patch_management": F(
                    "str",
                    "更新プログラムの管理",
                    "更新プログラム（パッチ）の適用管理の方法と頻度",
                    "適用状況を毎月確認",
                ),
                "cloud_account_review": F(
                    "str", "クラウドの権限見直し", "クラウドサービスの管理者権限の棚卸の頻度", "四半期ごと"
                ),
                "encryption": F("bool", "保存データの暗号化", "重要データを保存時に暗号化しているなら true", True),
                "other": F("list", "その他の保護対策", "その他の保護対策（リスト）", ["メールの無害化"]),
            },
            "保護・検知の仕組み（指示5）",
        ),
        "pdca": Section(
            {
                "internal_audit": F("str", "内部監査の部署", "情報セキュリティの内部監査を行う部署", "内部監査室"),
                "audit_frequency": F("str", "内部監査の頻度", "内部監査の頻度（例: 年1回）", "年1回"),
                "external_assessment": F(
                    "str",
                    "第三者評価の内容",
                    "外部機関による評価（「あわせて、〈この値〉受けている」と続く）",
                    "外部機関による成熟度評価を年1回",
                ),
                "self_assessment": F(
                    "bool", "可視化ツールでの自己評価", "IPA の可視化ツール等で自己評価しているなら true", True
                ),
                "review_frequency": F("str", "対策の見直しの頻度", "対策の有効性を見直す頻度", "年1回"),
                "kpis": Table(
                    Section(
                        {
                            "name": F("str", "指標の名称", "指標の名称", "訓練メールの開封率"),
                            "value": F("number", "指標の実績", "対象事業年度の実績値", 3.2),
                            "unit": F("str", "指標の単位", "単位（%、件、回、人など）", "%"),
                            "target": F(
                                "str", "指標の目標", "目標（例: 2026年度までに3.0%以下）", "2026年度までに3.0%以下"
                            ),
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
                "drills_per_year": F(
                    "int", "インシデント対応訓練の回数", "対象事業年度のインシデント対応訓練・演習の回数", 2
                ),
                "drill_scenarios": F(
                    "list",
                    "訓練の想定シナリオ",
                    "訓練の想定（リスト）",
                    ["ランサムウェアへの感染", "取引先を装った不正なメール"],
                ),
                "first_report_hours": F("number", "経営への第一報の目標", "経営層への第一報の目標時間（時間）", 1),
                "jpcert_contact": F(
                    "bool", "JPCERT/CCとの連絡体制", "JPCERT/CC 等の外部機関への連絡体制を定めているなら true", True
                ),
                "authority_reporting": F(
                    "bool", "当局への報告手順", "個人情報保護委員会など当局への報告手順を定めているなら true", True
                ),
                "nca_member": F(
                    "bool", "日本シーサート協議会加盟", "日本シーサート協議会に加盟しているなら true", True
                ),
            },
            "インシデント対応（指示7）",
        ),
        "bcp": Section(
            {
                "it_bcp": F(
                    "bool", "IT-BCPの策定", "サイバー攻撃を想定した事業継続計画（IT-BCP）を策定しているなら true", True
                ),
                "backup": F(
                    "str",
                    "バックアップの方式",
                    "バックアップの方式（「〈この値〉のバックアップを取得」と続く）",
                    "ネットワークから切り離した媒体を含む複数世代",
                ),
                "rto_hours": F("number", "目標復旧時間", "基幹システムの目標復旧時間（RTO、時間）", 48),
                "rpo_hours": F("number", "目標復旧時点", "目標復旧時点（RPO、時間）", 24),
                "recovery_drills_per_year": F(
                    "int", "復旧訓練の回数", "対象事業年度のバックアップからの復旧訓練の回数", 1
                ),
                "ot_included": F("bool", "制御システムを対象に含む", "工場の制御システムも計画の対象なら true", True),
                "cyber_insurance": F("bool", "サイバー保険への加入", "サイバー保険に加入しているなら true", True),
            },
            "事業継続・復旧（指示8）",
        ),
        "supply_chain": Section(
            {
                "contractor_assessment": F(
                    "str",
                    "委託先評価の方法と頻度",
                    "委託先・取引先のセキュリティ評価の方法と頻度（下書きでは「…については、〈この値〉実施しており」と続く）",
                    "チェックシートによる評価を年1回",
                ),
                "assessed_contractors": F("int", "評価した委託先の数", "対象事業年度に評価した委託先の数（社）", 180),
                "contract_requirements": F(
                    "bool",
                    "契約でのセキュリティ要求",
                    "契約で秘密保持・セキュリティ要求事項を定めているなら true",
                    True,
                ),
                "security_action": F(
                    "bool", "SECURITY ACTIONの推奨", "取引先に SECURITY ACTION 宣言を推奨しているなら true", True
                ),
                "group_audit": F(
                    "str",
                    "グループ会社の点検",
                    "国内外のグループ会社の対策の点検方法と頻度（「グループ会社については、〈この値〉行っている」と続く）",
                    "共通の基準による点検を年1回",
                ),
            },
            "サプライチェーン（指示9）",
        ),
        "information_sharing": Section(
            {
                "isac": F("list", "加盟しているISAC", "加盟している ISAC（リスト）", ["ICT-ISAC"]),
                "bodies": F("list", "情報共有の相手先", "情報を収集・共有している機関（リスト）", ["JPCERT/CC", "IPA"]),
                "threat_intel": F(
                    "str",
                    "脅威情報の活用",
                    "脅威情報の収集と活用の方法（「さらに、〈この値〉している」と続く）",
                    "外部の脅威情報サービスを契約し、CSIRTが分析して対策に反映",
                ),
                "advisories": F(
                    "int",
                    "社内への注意喚起の件数",
                    "収集した脅威・脆弱性情報をもとに対象事業年度に社内へ発信した注意喚起の件数",
                    36,
                ),
                "disclosure_channels": F(
                    "list", "開示の媒体", "取組を開示している媒体（リスト）", ["統合報告書", "当社ウェブサイト"]
                ),
            },
            "情報の収集・共有・開示（指示10）",
        ),
        "plans": Table(
            Section(
                {
                    "measure": F(
                        "str",
                        "予定している対策",
                        "まだ実施していない対策の名前（docs/drafting.md の対策の一覧、例: it_bcp）",
                        "it_bcp",
                    ),
                    "by": F("date", "実施の予定時期", "実施の予定時期（YYYY-MM または YYYY-MM-DD）", "2025-09"),
                }
            ),
            "予定している対策",
            "まだ実施していない対策（その項目に「なし」と書いたもの）のうち、実施の予定時期が決まっているもの（リスト）。"
            "下書きに「…を行う予定である」と書きます",
            ({"measure": "it_bcp", "by": "2025-09"},),
        ),
    }
)


# ----------------------------------------------------------------------------- measures (yes / no / unknown)
#: values that mean "we do not have this measure" in a measure's key. They are understood as
#: *no* (with a one-line warning naming the key), never printed: a draft states nothing about
#: a measure that is not in place.
NO_WORDS = frozenset(
    {
        "なし",
        "無し",
        "ナシ",
        "無",
        "未定",
        "該当なし",
        "該当無し",
        "未実施",
        "未導入",
        "未策定",
        "未設置",
        "-",
        "－",
        "ー",
        "―",
        "—",
        "no",
        "No",
        "NO",
        "none",
        "None",
    }
)


class _No:
    """The value of a measure's key declared as *no* (なし, 未定, false …)."""

    _instance: _No | None = None

    def __new__(cls) -> _No:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NO"


NO = _No()


@dataclass(frozen=True)
class Measure:
    """One measure a draft may state: *yes* (the sentence), *no* (nothing, or a planned-measure
    sentence when ``plans`` gives a date) or *unknown* (a visible question 【要確認: ask】).

    ``keys``: the profile keys that declare it. The first one decides when it is given
    (a value: yes; false / なし / 0 for a count: no); otherwise any other key with a value
    means yes (the details are there), and a *no* in any key means no.
    ``central``: an unknown central measure is asked about; an unknown secondary one
    (an add-on such as a cyber insurance) is simply left out.
    ``says``: a regular expression of the words any sentence asserting the measure contains
    (tests enumerate every drafted sentence against it, and also look for the measure's own
    values; ``(?!)`` for a sentence made only of the profile's words).
    """

    name: str
    keys: tuple[str, ...]
    ask: str
    noun: str
    says: str
    central: bool = True

    def __post_init__(self) -> None:
        assert len(self.ask) <= MAX_LABEL, f"question too long for a placeholder: {self.ask}"


MEASURES: tuple[Measure, ...] = (
    # 指示1
    Measure(
        "policy",
        ("policy.name", "policy.established", "policy.approved_by", "policy.scope"),
        "基本方針の有無と名称",
        "情報セキュリティ基本方針の制定",
        r"方針を制定|同方針|基本方針」",
    ),
    Measure("pledge", ("policy.pledge",), "遵守の誓約の有無", "遵守の誓約の取得", r"誓約", central=False),
    Measure(
        "frameworks",
        ("policy.frameworks",),
        "参照している基準",
        "参照する基準の選定",
        r"を参照している|を参照しております|を参照しています",
        central=False,
    ),
    Measure(
        "meti_guideline",
        ("policy.meti_guideline",),
        "経営ガイドラインの参照",
        "経営ガイドラインに沿った取組の整理",
        r"経営ガイドライン",
        central=False,
    ),
    Measure(
        "isms", ("policy.iso27001_scope",), "ISMS認証の有無と範囲", "ISO/IEC 27001認証の取得", r"27001", central=False
    ),
    # 指示2
    Measure("ciso", ("governance.ciso_title",), "CISOの任命の有無と役職", "CISOの任命", r"CISO"),
    Measure(
        "security_department",
        ("governance.security_department",),
        "セキュリティ主管部署",
        "主管部署の設置",
        r"施策の推進は",
        central=False,
    ),
    Measure(
        "committee",
        (
            "governance.committee",
            "governance.committee_chair",
            "governance.committee_members",
            "governance.committee_frequency",
            "governance.committee_meetings",
        ),
        "審議する会議体の有無",
        "情報セキュリティを審議する会議体の設置",
        r"委員会は|同委員会|会議体|開催",
    ),
    Measure(
        "reporting",
        ("governance.reports_to", "governance.reporting_frequency"),
        "経営への定期報告の有無",
        "経営層への定期的な報告",
        r"報告して|報告を受け|に報告",
    ),
    Measure(
        "board_oversight",
        ("governance.board_oversight",),
        "取締役会による監督",
        "取締役会による監督",
        r"監督",
        central=False,
    ),
    Measure(
        "risk_committee",
        ("governance.risk_committee",),
        "全社リスク管理の会議体",
        "全社的なリスク管理への組入れ",
        r"全社的なリスク管理",
        central=False,
    ),
    # 指示3
    Measure(
        "budget",
        ("resources.budget_million_yen", "resources.budget_share_pct"),
        "セキュリティ予算の有無",
        "セキュリティ予算の確保",
        r"予算は|予算を|IT予算",
    ),
    Measure(
        "staff",
        ("resources.security_staff", "resources.certified_staff"),
        "専任の担当者の有無と人数",
        "専任の担当者の配置",
        r"専任|資格を保有",
    ),
    Measure(
        "training",
        ("resources.training_completion_pct", "resources.training_format"),
        "全従業員向け研修の有無",
        "全従業員向けの情報セキュリティ研修の実施",
        r"研修",
    ),
    Measure(
        "phishing",
        ("resources.phishing_drills", "resources.phishing_click_pct"),
        "標的型メール訓練の有無",
        "標的型メール訓練の実施",
        r"標的型メール訓練|訓練メール",
    ),
    Measure(
        "plus_security",
        ("resources.plus_security",),
        "プラス・セキュリティ教育",
        "プラス・セキュリティ教育",
        r"プラス・セキュリティ",
        central=False,
    ),
    # 指示4
    Measure(
        "asset_inventory",
        ("risk_assessment.asset_inventory",),
        "情報資産の棚卸の有無",
        "情報資産の棚卸",
        r"情報資産を.*棚卸|棚卸し",
    ),
    Measure(
        "risk_assessment",
        ("risk_assessment.method", "risk_assessment.assessment_frequency"),
        "リスク評価の有無と方法",
        "サイバーセキュリティリスクの評価",
        r"リスクを評価|評価の結果",
    ),
    Measure(
        "vulnerability_assessment",
        ("risk_assessment.vulnerability_assessment",),
        "脆弱性診断の有無",
        "脆弱性診断",
        r"脆弱性診断",
        central=False,
    ),
    Measure(
        "penetration_test",
        ("risk_assessment.penetration_test",),
        "侵入テストの有無",
        "侵入テスト",
        r"侵入テスト",
        central=False,
    ),
    Measure(
        "plan",
        ("risk_assessment.plan_name", "risk_assessment.plan_period", "risk_assessment.priorities"),
        "対策計画の有無と名称",
        "対策計画の策定",
        r"計画を策定|同計画では|同計画の重点|重点的に",
    ),
    # 指示5
    Measure(
        "edr",
        ("protections.edr", "protections.edr_coverage_pct"),
        "EDRの導入の有無",
        "EDRの導入",
        r"EDR",
        central=False,
    ),
    Measure(
        "soc",
        ("protections.soc_operator", "protections.soc_hours"),
        "SOCによる監視の有無",
        "SOCによる監視",
        r"SOC|監視",
        central=False,
    ),
    Measure("mfa", ("protections.mfa",), "多要素認証の有無", "多要素認証の適用", r"多要素認証", central=False),
    Measure(
        "segmentation",
        ("protections.network_segmentation",),
        "ネットワーク分離の有無",
        "ネットワークの分離",
        r"の分離",
        central=False,
    ),
    Measure(
        "patch",
        ("protections.patch_management",),
        "更新プログラムの管理",
        "更新プログラムの適用管理",
        r"更新プログラム",
        central=False,
    ),
    Measure(
        "cloud_review",
        ("protections.cloud_account_review",),
        "クラウドの権限見直し",
        "クラウドの管理者権限の棚卸",
        r"管理者権限",
        central=False,
    ),
    Measure(
        "encryption", ("protections.encryption",), "保存データの暗号化", "保存データの暗号化", r"暗号化", central=False
    ),
    Measure(
        "other_protections", ("protections.other",), "その他の保護対策", "その他の保護対策", r"(?!)", central=False
    ),
    # 指示6
    Measure(
        "internal_audit",
        ("pdca.internal_audit", "pdca.audit_frequency"),
        "内部監査の有無と部署",
        "情報セキュリティの内部監査",
        r"内部監査",
    ),
    Measure(
        "external_assessment",
        ("pdca.external_assessment",),
        "第三者評価の有無",
        "外部機関による評価",
        r"あわせて、",
        central=False,
    ),
    Measure(
        "self_assessment",
        ("pdca.self_assessment",),
        "可視化ツールでの自己評価",
        "可視化ツールによる自己評価",
        r"可視化ツール",
        central=False,
    ),
    Measure(
        "review", ("pdca.review_frequency",), "対策の見直しの有無", "対策の定期的な見直し", r"見直し", central=False
    ),
    Measure("kpis", ("pdca.kpis",), "指標と目標の有無", "指標と目標の設定", r"指標を用い|次の指標"),
    # 指示7
    Measure(
        "csirt",
        ("incident_response.csirt_name", "incident_response.csirt_members"),
        "CSIRTの有無と名称",
        "CSIRTの設置",
        r"CSIRT（[^）]*）である|CSIRTである|初動対応に当たる|を設置",
    ),
    Measure(
        "playbook",
        ("incident_response.playbook",),
        "対応手順書の有無",
        "インシデント対応手順書の整備",
        r"手順書",
        central=False,
    ),
    Measure(
        "first_report",
        ("incident_response.first_report_hours",),
        "経営への第一報の目標",
        "経営層への報告期限の設定",
        r"以内に経営層",
        central=False,
    ),
    Measure(
        "jpcert_contact",
        ("incident_response.jpcert_contact",),
        "外部機関への連絡体制",
        "外部機関への連絡体制の整備",
        r"JPCERT/CC[^、。]*等の外部機関への連絡",
        central=False,
    ),
    Measure(
        "authority_reporting",
        ("incident_response.authority_reporting",),
        "当局への報告手順",
        "当局への報告手順の整備",
        r"当局",
        central=False,
    ),
    Measure(
        "ir_drills",
        ("incident_response.drills_per_year", "incident_response.drill_scenarios"),
        "対応訓練の実施の有無",
        "インシデント対応訓練の実施",
        r"インシデント対応訓練|対応訓練",
    ),
    # 指示8
    Measure(
        "it_bcp",
        ("bcp.it_bcp",),
        "IT-BCPの策定の有無",
        "サイバー攻撃を想定した事業継続計画の策定",
        r"事業継続計画|IT-BCP|同計画は、",
    ),
    Measure(
        "backup",
        ("bcp.backup",),
        "バックアップの有無と方式",
        "重要なデータのバックアップの取得",
        r"バックアップを取得|のバックアップ",
    ),
    Measure(
        "recovery_targets",
        ("bcp.rto_hours", "bcp.rpo_hours"),
        "目標復旧時間の有無",
        "目標復旧時間の設定",
        r"RTO|RPO|目標復旧",
    ),
    Measure(
        "recovery_drills",
        ("bcp.recovery_drills_per_year",),
        "復旧訓練の実施の有無",
        "バックアップからの復旧訓練の実施",
        r"復旧訓練",
    ),
    Measure(
        "ot_included",
        ("bcp.ot_included",),
        "制御システムを含むか",
        "制御システムの計画への組入れ",
        r"制御システムも",
        central=False,
    ),
    Measure(
        "cyber_insurance",
        ("bcp.cyber_insurance",),
        "サイバー保険の有無",
        "サイバー保険への加入",
        r"保険",
        central=False,
    ),
    # 指示9
    Measure(
        "contract_requirements",
        ("supply_chain.contract_requirements",),
        "契約でのセキュリティ要求",
        "契約でのセキュリティ要求事項の規定",
        r"要求事項",
        central=False,
    ),
    Measure(
        "contractor_assessment",
        ("supply_chain.contractor_assessment", "supply_chain.assessed_contractors"),
        "委託先評価の有無と方法",
        "委託先のセキュリティ評価",
        r"委託先の.*評価|評価の対象|評価した",
    ),
    Measure(
        "security_action",
        ("supply_chain.security_action",),
        "SECURITY ACTIONの推奨",
        "SECURITY ACTIONの推奨",
        r"SECURITY ACTION",
        central=False,
    ),
    Measure(
        "group_audit",
        ("supply_chain.group_audit",),
        "グループ会社の点検の有無",
        "グループ会社の対策の点検",
        r"グループ会社(に|の対策)",
    ),
    # 指示10
    Measure("isac", ("information_sharing.isac",), "ISACへの加盟の有無", "ISACへの加盟", r"ISAC", central=False),
    Measure(
        "nca_member",
        ("incident_response.nca_member",),
        "シーサート協議会への加盟",
        "日本シーサート協議会への加盟",
        r"シーサート協議会",
        central=False,
    ),
    Measure(
        "bodies",
        ("information_sharing.bodies",),
        "情報の収集先の有無",
        "外部機関からの情報収集",
        r"情報を収集|を収集して",
    ),
    Measure(
        "threat_intel",
        ("information_sharing.threat_intel",),
        "脅威情報の活用",
        "脅威情報の活用",
        r"(?!)",
        central=False,
    ),
    Measure("disclosure", ("information_sharing.disclosure_channels",), "開示の媒体", "取組の開示", r"開示して"),
)

MEASURE_BY_NAME = {m.name: m for m in MEASURES}
MEASURE_KEYS = {k: m for m in MEASURES for k in m.keys}


def _is_no(value: Any) -> bool:
    return value is NO or value is False


def measure_state(measure: Measure, data: dict[str, Any]) -> str:
    """``yes`` / ``no`` / ``unknown`` for ``measure`` in validated profile data."""

    def get(path: str) -> Any:
        cur: Any = data
        for part in path.split("."):
            cur = cur.get(part) if isinstance(cur, dict) else None
        return cur

    values = [get(k) for k in measure.keys]
    first = values[0]
    if _is_no(first) or (
        isinstance(first, (int, float)) and not isinstance(first, bool) and first == 0 and measure.name in _ZERO_IS_NO
    ):
        return "no"
    if first not in (None, [], ""):
        return "yes"
    if any(v not in (None, [], "") and not _is_no(v) for v in values[1:]):
        return "yes"
    if any(_is_no(v) for v in values[1:]):
        return "no"
    return "unknown"


#: measures whose first key is a count: 0 means the measure is not in place
_ZERO_IS_NO = frozenset({"budget", "staff", "phishing", "ir_drills", "recovery_drills", "training"})
