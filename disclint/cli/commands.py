"""CLI commands beyond ``extract``: each is thin glue over a pipeline stage.

:func:`register_commands` registers them all: ``map`` / ``eval`` (:mod:`.mapping`), ``lint``
(:mod:`.lint`, its per-file steps in :mod:`.lint_findings`), ``rules`` / ``rule`` (:mod:`.rules`)
and the feature packages' commands. The lint and rules options' help is here.
"""

from __future__ import annotations

import click


def register_commands(cli: click.Group, lang: str, H: dict[str, str]) -> None:
    from .mapping import register_mapper_commands

    register_mapper_commands(cli, lang, H)

    from .lint import register_lint
    from .rules import register_rules

    L = {k: v[lang] for k, v in _LINT_HELP.items()}
    register_lint(cli, lang, H, L)
    register_rules(cli, lang, L)
    from ..survey import register_survey_commands

    register_survey_commands(cli, lang, H)
    from ..draft.commands import register_draft_commands

    register_draft_commands(cli, lang, H)
    from ..diff.cli import register_diff_command

    register_diff_command(cli, lang)
    from ..assess import register_assess_commands

    register_assess_commands(cli, lang, H)


_LINT_HELP = {
    "format": {
        "ja": "出力形式（text / json / sarif / github / html）",
        "en": "output format (text / json / sarif / github / html)",
    },
    "annotate": {
        "ja": "指摘を Word のコメントにした文書のコピーをこのファイルに書き出す（入力は .docx 1 つ。入力は変更しない）",
        "en": "write a copy of the document with every finding as a Word comment to this file (one .docx input; the input is never changed)",
    },
    "output": {
        "ja": "結果をこのファイルに書き出す（入力ファイルは上書きしない）",
        "en": "write the report to this file (never an input file)",
    },
    "force": {
        "ja": "-o / --annotate / --write-baseline の出力先が既にあれば上書きする",
        "en": "overwrite the -o / --annotate / --write-baseline file if it exists",
    },
    "config": {
        "ja": "設定ファイル（省略時は .disclint.toml / pyproject.toml / setup.cfg を上位へ探索）",
        "en": "config file (default: search .disclint.toml / pyproject.toml / setup.cfg upward)",
    },
    "isolated": {
        "ja": "設定ファイルを探索しない（--config を指定しなければ既定の設定。第三者の文書を検査するとき）",
        "en": "do not search for config files (defaults unless --config is given; for third-party documents)",
    },
    "select": {
        "ja": "実行するルール（ID またはプレフィックス、カンマ区切り可。例: truthfulness）",
        "en": "rules to run (ids or prefixes, comma-separated, e.g. truthfulness)",
    },
    "ignore": {"ja": "除外するルール（ID またはプレフィックス）", "en": "rules to skip (ids or prefixes)"},
    "baseline": {"ja": "このベースラインに記録済みの指摘を表示しない", "en": "hide findings recorded in this baseline"},
    "write_baseline": {
        "ja": "現在の指摘をベースラインとして書き出す",
        "en": "record the current findings as a baseline",
    },
    "peers": {
        "ja": "survey の RUN_DIR の公表済み報告書と比べ、指示ごとに同業他社の記載率を示す（text / json）",
        "en": "compare with the published reports of a survey RUN_DIR: per directive, the share of peers disclosing it (text / json)",
    },
    "assessment": {
        "ja": "自己評価の様式（disclint assess init、XLSX / YAML）と突き合わせ、取組が開示に表れていない指示・実態以上の記載のおそれがある指示を指摘に加える",
        "en": "check against a self-assessment form (disclint assess init, XLSX / YAML): add findings for directives the text undersells or may overstate",
    },
    "peer_industry": {
        "ja": "--peers で比べる業種（既定: すべての業種）",
        "en": "industry of the peers for --peers (default: all)",
    },
    "rules": {
        "ja": "ルールの一覧を表示します（ID・品質・重要度・メッセージ）。1 つのルールの詳細は disclint rule ID。",
        "en": "List the rules (id, quality, level, message). One rule in full: disclint rule ID.",
    },
    "rule": {
        "ja": "1 つのルールを詳しく表示します（メッセージ・説明・直し方・参照・オプション・例）。例: disclint rule truthfulness.absolute-claim",
        "en": "Explain one rule in full (message, explanation, how to fix, reference, options, examples), e.g. disclint rule truthfulness.absolute-claim",
    },
    "rules_format": {"ja": "出力形式（text / json）", "en": "output format (text / json)"},
    "fix": {
        "ja": "安全な修正（機械的な書き換え）を .md / .txt に直接適用する（一時ファイル経由で置き換え。他の形式は変更しない）",
        "en": "apply the safe fixes (mechanical rewrites) to .md / .txt files in place (atomic replace; other formats are never written)",
    },
    "unsafe_fixes": {"ja": "--fix で要確認の修正も適用する", "en": "with --fix, also apply the fixes that need review"},
    "suggest": {
        "ja": "すべての修正案を Word の変更履歴（作成者 disclint）にした文書のコピーをこのファイルに書き出す（入力は .docx 1 つ。入力は変更しない）",
        "en": "write a copy of the document with every fix as a Word tracked change (author disclint) to this file (one .docx input; never changed)",
    },
    "exclude": {
        "ja": "フォルダ・グロブの展開から除くパターン（fnmatch。複数指定可。.disclintignore も参照）",
        "en": "pattern to leave out when expanding folders and globs (fnmatch; repeatable; .disclintignore is read too)",
    },
    "stdin_filename": {
        "ja": "標準入力（-）の名前。拡張子で形式を決め、メッセージにこの名前を表示する",
        "en": "name of standard input (-): its extension chooses the format, messages show this name",
    },
    "fail_level": {
        "ja": "この重要度以上の指摘があれば終了コード 1（既定: 設定ファイル、なければ error）",
        "en": "exit 1 when a finding at or above this level exists (default: config, else error)",
    },
}
