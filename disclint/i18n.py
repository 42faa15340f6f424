"""User-facing messages in Japanese (default) and English.

Every message shown to a user has a key here. ``t(key, lang, **params)`` formats it.
The language comes from ``--lang`` or the ``DISCLINT_LANG`` environment variable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

DEFAULT_LANG = "ja"
LANGS = ("ja", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- input errors (one line each; the CLI prefixes "disclint: FILE: ") ---
    "input.not_found": {"ja": "ファイルが見つかりません", "en": "file not found"},
    "input.is_directory": {
        "ja": "ディレクトリです（ファイルを指定してください）",
        "en": "is a directory (give a file)",
    },
    "input.not_readable": {"ja": "ファイルを読めません（{reason}）", "en": "cannot read the file ({reason})"},
    "input.wrong_content": {
        "ja": "{expected} ではありません（中身は {actual_ja}）",
        "en": "not a {expected} ({actual_en})",
    },
    "input.no_match": {"ja": "このパターンに一致するファイルがありません", "en": "no file matches this pattern"},
    "input.nothing_to_read": {
        "ja": "読めるファイルがありません（docx, pdf, txt, md, html, xbrl。--exclude / .disclintignore で除外されたものを除く）",
        "en": "no readable file (docx, pdf, txt, md, html, xbrl; not counting those left out by --exclude / .disclintignore)",
    },
    "input.empty": {"ja": "空のファイルです", "en": "the file is empty"},
    "input.unknown_format": {
        "ja": "対応していない形式です（docx, pdf, txt, md, html, xbrl, EDINET zip に対応）",
        "en": "unsupported format (supported: docx, pdf, txt, md, html, xbrl, EDINET zip)",
    },
    "input.corrupt_zip": {"ja": "ZIP として壊れています（{reason}）", "en": "corrupt zip archive ({reason})"},
    "input.corrupt_docx": {"ja": "docx として壊れています（{reason}）", "en": "corrupt docx ({reason})"},
    "input.zip_bomb": {
        "ja": "展開後のサイズが上限 {limit_mb} MB を超えます（zip bomb の疑い）",
        "en": "uncompressed size exceeds the limit of {limit_mb} MB (possible zip bomb)",
    },
    "input.unsafe_zip_member": {
        "ja": "ZIP に不正なパスのメンバーがあります: {name}",
        "en": "zip member with an unsafe path: {name}",
    },
    "input.xml_forbidden": {
        "ja": "XML に DTD または外部実体が含まれているため読みません（XXE 対策）",
        "en": "the XML contains a DTD or external entities and is refused (XXE protection)",
    },
    "input.xml_invalid": {"ja": "XML として壊れています（{reason}）", "en": "invalid XML ({reason})"},
    "input.pdf_encrypted": {
        "ja": "PDF が暗号化されています（パスワード保護）",
        "en": "the PDF is encrypted (password protected)",
    },
    "input.pdf_corrupt": {"ja": "PDF として壊れています（{reason}）", "en": "corrupt PDF ({reason})"},
    "input.pdf_no_text": {
        "ja": "PDF にテキスト層がありません（全 {pages} ページが画像のみ。OCR が必要です）",
        "en": "the PDF has no text layer (all {pages} pages are images; OCR needed)",
    },
    "input.pdf_garbled": {
        "ja": "PDF の文字を復元できません（フォントに ToUnicode 対応表がなく (cid:…) になります。全 {pages} ページ）",
        "en": "the PDF text cannot be decoded (fonts lack a ToUnicode map and give (cid:…); all {pages} pages)",
    },
    "input.decode_failed": {
        "ja": "文字コードを判定できません（UTF-8, Shift_JIS/CP932, EUC-JP, UTF-16 のいずれでもありません）",
        "en": "cannot detect the text encoding (not UTF-8, Shift_JIS/CP932, EUC-JP or UTF-16)",
    },
    "input.no_text": {"ja": "本文のテキストがありません", "en": "no body text found"},
    "input.docx_encrypted": {
        "ja": "docx がパスワードで保護（暗号化）されています。保護を解除して保存し直してください",
        "en": "the docx is password protected (encrypted); remove the protection and save it again",
    },
    "input.doc_legacy": {
        "ja": "旧形式の Word 文書（.doc）です。Word で .docx 形式で保存し直してください",
        "en": "this is a legacy Word .doc file; save it as .docx first",
    },
    "input.xbrl_no_textblocks": {
        "ja": "XBRL にテキストブロック（*TextBlock）がありません",
        "en": "the XBRL instance has no text blocks (*TextBlock)",
    },
    "input.jsonl_invalid": {
        "ja": "{line} 行目が JSON として不正です（{reason}）",
        "en": "line {line} is not valid JSON ({reason})",
    },
    "input.jsonl_no_text": {
        "ja": '{line} 行目に文字列の "text" がありません',
        "en": 'line {line} has no string "text"',
    },
    "input.corrupt_gzip": {"ja": "gzip として壊れています（{reason}）", "en": "corrupt gzip file ({reason})"},
    "input.json_invalid": {"ja": "JSON として壊れています（{reason}）", "en": "invalid JSON ({reason})"},
    "limit.file_size": {
        "ja": "ファイルサイズが上限 {limit_mb} MB を超えます",
        "en": "file size exceeds the limit of {limit_mb} MB",
    },
    "limit.pdf_operators": {
        "ja": "PDF の 1 つのコンテンツストリームに文字の描画命令が上限 {limit} 個を超えて含まれています",
        "en": "a PDF content stream holds more than {limit} text operators (the limit)",
    },
    "limit.pages": {
        "ja": "ページ数 {pages} が上限 {limit} を超えます",
        "en": "{pages} pages exceed the limit of {limit}",
    },
    "limit.chars": {"ja": "文字数が上限 {limit} を超えます", "en": "the text exceeds the limit of {limit} characters"},
    "limit.memory": {
        "ja": "メモリ使用量が上限 {limit} MB を超えました（--max-memory-mb）",
        "en": "memory use exceeded the limit of {limit} MB (--max-memory-mb)",
    },
    "input.reader_died": {
        "ja": "読み込み処理が異常終了しました（{reason}）",
        "en": "the reader process died ({reason})",
    },
    "limit.timeout": {
        "ja": "処理時間が上限 {seconds} 秒を超えました",
        "en": "processing exceeded the time limit of {seconds} s",
    },
    "output.same_as_input": {
        "ja": "出力先が入力ファイルと同じです: {path}",
        "en": "the output path is an input file: {path}",
    },
    "output.not_regular": {
        "ja": "出力先が通常のファイルではありません（デバイス・FIFO・ディレクトリには書きません）: {path}",
        "en": "the output is not a regular file (a device, FIFO or directory is never written): {path}",
    },
    "input.not_regular": {
        "ja": "通常のファイルではありません（デバイス・FIFO などは読みません）",
        "en": "not a regular file (devices, FIFOs and the like are not read)",
    },
    "reason.not_found": {"ja": "見つかりません", "en": "not found"},
    "reason.is_directory": {"ja": "ディレクトリです", "en": "is a directory"},
    "reason.not_regular": {"ja": "通常のファイルではありません", "en": "not a regular file"},
    "output.exists": {
        "ja": "出力先が既に存在します（--force で上書き）: {path}",
        "en": "the output exists (use --force to overwrite): {path}",
    },
    "output.write_failed": {
        "ja": "出力先 {path} に書き込めません（{reason}）",
        "en": "cannot write the output {path} ({reason})",
    },
    # --- reader notes (warnings, not fatal) ---
    "note.pdf_no_text_page": {
        "ja": "p.{page}: テキスト層がありません（画像のみ。OCR が必要です）",
        "en": "p.{page}: no text layer (image only; OCR needed)",
    },
    "note.pdf_cid_page": {
        "ja": "p.{page}: 文字を復元できない (cid:…) が {ratio:.0%} あります。このページは読み飛ばしました",
        "en": "p.{page}: {ratio:.0%} of the text is undecodable (cid:…); page skipped",
    },
    "note.pdf_radicals": {
        "ja": "p.{page}: 康熙部首などの代替文字 {count} 個を通常の漢字に直しました",
        "en": "p.{page}: replaced {count} radical look-alike characters with ordinary kanji",
    },
    "note.pdf_vertical_page": {
        "ja": "p.{page}: 縦書きページとして読みました",
        "en": "p.{page}: read as vertical (縦書き) text",
    },
    "note.pdf_columns": {"ja": "p.{page}: {columns} 段組として読みました", "en": "p.{page}: read as {columns} columns"},
    "note.pdf_garbled_page": {
        "ja": "p.{page}: 抽出した文字が判読できません（フォントの対応表が不正の可能性）。このページは読み飛ばしました",
        "en": "p.{page}: the extracted text is unreadable (broken font map?); page skipped",
    },
    "note.pdf_redecoded": {
        "ja": "p.{page}: フォントの文字対応表（ToUnicode）を PDFium が解釈できないため、pdfminer で文字を復元しました",
        "en": "p.{page}: PDFium could not map the font to Unicode; the text was decoded with pdfminer instead",
    },
    "note.encoding": {"ja": "文字コード {encoding} として読みました", "en": "decoded as {encoding}"},
    "assess.check.depth": {"ja": "開示の深さ {depth}/4", "en": "disclosure depth {depth}/4"},
    "html.truncated": {
        "ja": "指摘が多いため、重大なものから {shown} 件を一覧と本文に表示しています（全 {total} 件は --format json / sarif で出力できます）",
        "en": "{shown} of {total} findings are listed and marked, the most severe first (--format json / sarif gives them all)",
    },
    "html.depth": {"ja": "深さ {depth}/4", "en": "depth {depth}/4"},
    "html.depth_help": {
        "ja": "開示の深さ（推定）: 0 記載なし / 1 言及のみ / 2 具体的な対策 / 3 数値・頻度・範囲あり / 4 評価・改善まで。disclint assess の成熟度と同じ尺度",
        "en": "disclosure depth (estimated): 0 absent / 1 mentioned / 2 a concrete measure / 3 quantified or scoped / 4 evaluated and improved; the scale of disclint assess",
    },
    "diff.title": {
        "ja": "# 比較: {old}（{old_date}） → {new}（{new_date}）",
        "en": "# Comparison: {old} ({old_date}) → {new} ({new_date})",
    },
    "diff.coverage": {"ja": "指示ごとの記載（前 → 後）", "en": "Coverage per directive (then → now)"},
    "diff.headings": {
        "ja": "見出しの変化（番号を除いて対応づけ。{count} 件のうち {listed} 件を表示）",
        "en": "Headings (matched without their numbering; {listed} of {count} listed)",
    },
    "diff.none": {"ja": "なし", "en": "none"},
    "diff.paragraphs": {
        "ja": "段落: 変更なし {unchanged}、書き換え {reworded}、追加 {added}、削除 {removed}",
        "en": "Paragraphs: {unchanged} unchanged, {reworded} reworded, {added} added, {removed} removed",
    },
    "diff.listed_scope": {
        "ja": "（サイバーセキュリティの記載とリスクの節の変更を表示。すべては --all）",
        "en": "(changes in the cybersecurity text and in risk sections; --all lists every change)",
    },
    "diff.unchanged": {"ja": "変更なし", "en": "unchanged"},
    "diff.reworded": {"ja": "書き換え", "en": "reworded"},
    "diff.added": {"ja": "追加", "en": "added"},
    "diff.removed": {"ja": "削除", "en": "removed"},
    "diff.renumbered": {"ja": "番号変更", "en": "renumbered"},
    "diff.figures": {"ja": "数値の変化", "en": "figures"},
    "diff.stale_title": {
        "ja": "適時公表性: 前回から一字一句変わっていないサイバーセキュリティの記載 {count} 件（最新の状況を反映しているか確認してください）",
        "en": "Timeliness: {count} cybersecurity paragraph(s) copied unchanged from the earlier filing (check that they still describe the current state)",
    },
    "diff.written": {"ja": "比較結果を書き出しました: {path}", "en": "wrote the comparison: {path}"},
    "note.xbrl_nested_skipped": {
        "ja": "ほかのテキストブロックに含まれる入れ子のテキストブロック {count} 件と重複する段落 {blocks} 件は、二重に読まないよう読み飛ばしました",
        "en": "skipped {count} nested text blocks contained in other text blocks and {blocks} repeated paragraphs, so that no text is read twice",
    },
    "note.xbrl_prior_skipped": {
        "ja": "前期のコンテキストのテキストブロック {count} 件は当期分と重複するため読み飛ばしました",
        "en": "skipped {count} prior-period text blocks that duplicate current-period ones",
    },
    "note.docx_tracked_changes": {
        "ja": "変更履歴 {count} 件を「すべて承諾」した状態で読みました",
        "en": "read {count} tracked changes as accepted",
    },
    "note.docx_hidden_text": {
        "ja": "非表示に設定された文字 {count} 字は読み飛ばしました",
        "en": "skipped {count} characters formatted as hidden",
    },
    "note.docx_altchunk": {
        "ja": "埋め込まれた別形式の文書（altChunk）{count} 件は読んでいません",
        "en": "{count} embedded documents (altChunk) were not read",
    },
    # --- configuration and lint (rule engine, reporters) ---
    "config.not_found": {"ja": "設定ファイルが見つかりません: {path}", "en": "config file not found: {path}"},
    "config.unreadable": {
        "ja": "設定ファイルを読めません: {path}（{reason}）",
        "en": "cannot read the config file {path} ({reason})",
    },
    "config.syntax": {
        "ja": "設定ファイルの書式が不正です: {path}（{reason}）",
        "en": "syntax error in the config file {path} ({reason})",
    },
    "config.unknown_key": {
        "ja": "{path}: 不明な設定項目 '{setting}' です（'{hint}' のことですか？）",
        "en": "{path}: unknown setting '{setting}' (did you mean '{hint}'?)",
    },
    "config.unknown_rule": {
        "ja": "{path}: 不明なルールまたはプレフィックス '{rule}' です（'{hint}' のことですか？ disclint rules で一覧を表示）",
        "en": "{path}: unknown rule or prefix '{rule}' (did you mean '{hint}'? see disclint rules)",
    },
    "config.unknown_option": {
        "ja": "{path}: ルール {rule} にオプション '{option}' はありません",
        "en": "{path}: rule {rule} has no option '{option}'",
    },
    "config.bad_value": {
        "ja": "{path}: '{setting}' の値が不正です: {value}",
        "en": "{path}: bad value for '{setting}': {value}",
    },
    "config.rule_invalid": {
        "ja": "ルール定義が不正です: {path}（{reason}）",
        "en": "invalid rule file {path} ({reason})",
    },
    "config.untrusted_rule_dirs": {
        "ja": "{path}: 探索で見つかった設定ファイルの rule-dirs（コードを含みうるルール）は読みません。使うには --config {path} と指定してください（--isolated で探索自体を無効化）",
        "en": "{path}: rule-dirs (rules that may run code) are not read from a discovered config file; name it with --config {path} to use them (--isolated skips discovery)",
    },
    "config.used": {"ja": "設定ファイル: {path}", "en": "config file: {path}"},
    "config.yaml_aliases": {
        "ja": "{path}: YAML の別名（alias）を展開すると大きすぎます（{nodes} 要素超、または循環。billion laughs の疑い）",
        "en": "{path}: the YAML is too large once its aliases are expanded (over {nodes} nodes, or a cycle; possible billion laughs)",
    },
    "config.baseline_invalid": {
        "ja": "ベースラインファイルが不正です: {path}（{reason}）",
        "en": "invalid baseline file {path} ({reason})",
    },
    "lint.coverage_title": {
        "ja": "網羅状況（サイバーセキュリティ経営ガイドライン Ver3.0 指示1〜10）",
        "en": "Coverage (Cyber Security Management Guidelines Ver3.0, directives 1-10)",
    },
    "lint.no_findings": {"ja": "指摘はありません", "en": "no findings"},
    "lint.baseline_hidden": {
        "ja": "ベースラインにより {count} 件を非表示",
        "en": "{count} findings hidden by the baseline",
    },
    "lint.baseline_written": {
        "ja": "ベースライン {path} に {count} 件を書き込みました",
        "en": "wrote {count} findings to the baseline {path}",
    },
    "lint.document": {"ja": "文書全体", "en": "whole document"},
    # --- Word comments (lint --annotate) ---
    "annotate.not_docx": {
        "ja": "--annotate は Word 文書（.docx）にだけ使えます（{path} は {format} として読みました）",
        "en": "--annotate works on Word documents (.docx) only ({path} was read as {format})",
    },
    "suggest.one_file": {
        "ja": "--suggest を使うときは入力ファイル（.docx）を 1 つだけ指定してください",
        "en": "--suggest takes exactly one input file (.docx)",
    },
    "suggest.written": {
        "ja": "修正案 {changes} 件を変更履歴にした文書を書き出しました: {path}（Word で 1 件ずつ承諾・元に戻すを選べます。対応できなかった修正 {skipped} 件）",
        "en": "wrote {changes} suggested fixes as tracked changes: {path} (accept or reject each in Word; {skipped} fixes could not be placed)",
    },
    "suggest.comment_safe": {"ja": "disclint の修正案（機械的な書き換え）", "en": "disclint fix (mechanical rewrite)"},
    "suggest.comment_review": {
        "ja": "disclint の修正案（要確認: 意味や文体が変わらないか確かめてください）",
        "en": "disclint fix (review: check that meaning and style are kept)",
    },
    "fix.applied": {"ja": "{count} 件を修正しました: {path}", "en": "fixed {count} findings: {path}"},
    "fix.text_only": {
        "ja": "--fix はテキスト形式（.md / .txt）だけを書き換えます。この形式は変更しません（docx は --suggest で変更履歴にできます）",
        "en": "--fix rewrites text formats (.md / .txt) only; this file is left unchanged (for docx, --suggest writes tracked changes)",
    },
    "fix.stdin": {
        "ja": "標準入力は書き換えられないため --fix を適用しません",
        "en": "standard input cannot be rewritten: --fix is not applied",
    },
    "fix.line_safe": {
        "ja": "修正案: 「{replacement}」（--fix で適用）",
        "en": 'fix: "{replacement}" (apply with --fix)',
    },
    "fix.line_review": {
        "ja": "修正案（要確認）: 「{replacement}」（--fix --unsafe-fixes / --suggest）",
        "en": 'fix (review): "{replacement}" (--fix --unsafe-fixes / --suggest)',
    },
    "fix.available": {
        "ja": "{count} 件は --fix で修正できます（要確認の修正 {review} 件は --unsafe-fixes を併用）",
        "en": "{count} fixable with --fix ({review} more that need review with --unsafe-fixes)",
    },
    "annotate.one_file": {
        "ja": "--annotate を使うときは入力ファイルを 1 つだけ指定してください",
        "en": "--annotate takes exactly one input file",
    },
    "annotate.same_as_input": {
        "ja": "コメント付き文書の出力先が入力ファイルそのものです（入力は上書きしません）: {path}",
        "en": "the annotated copy would overwrite the input file (refused): {path}",
    },
    "annotate.same_as_output": {
        "ja": "--annotate と -o に同じファイルが指定されています: {path}",
        "en": "--annotate and -o name the same file: {path}",
    },
    "annotate.cannot_open": {
        "ja": "{path} を Word 文書として開けません（{reason}）",
        "en": "cannot open {path} as a Word document ({reason})",
    },
    "annotate.write_failed": {
        "ja": "コメント付き文書を書き出せません: {path}（{reason}）",
        "en": "cannot write the annotated copy {path} ({reason})",
    },
    "annotate.written": {
        "ja": "コメント {comments} 件を付けた文書を書き出しました: {path}（箇所に付けた指摘 {anchored} 件、文書全体のコメント 1 件）",
        "en": "wrote {path} with {comments} comments ({anchored} findings on their text, 1 document-level comment)",
    },
    "annotate.hint": {"ja": "直し方: {hint}", "en": "How to fix: {hint}"},
    "annotate.doc_title": {
        "ja": "disclint の検査結果: 指摘 {findings} 件（エラー {errors}、警告 {warnings}、情報 {infos}）。箇所ごとの指摘はその文字に付けたコメントを見てください。",
        "en": "disclint results: {findings} findings ({errors} errors, {warnings} warnings, {infos} info). Findings about a passage are comments on its text.",
    },
    "annotate.doc_findings": {
        "ja": "文書全体についての指摘（{count} 件）",
        "en": "Findings about the whole document ({count})",
    },
    "annotate.doc_unanchored": {
        "ja": "コメントを付けられない場所（脚注など）の指摘（{count} 件）",
        "en": "Findings in places that cannot carry a comment (footnotes etc.) ({count})",
    },
    # --- HTML report (lint --format html) ---
    "html.title": {"ja": "disclint 検査レポート", "en": "disclint report"},
    "html.summary": {
        "ja": "指摘 {findings} 件（エラー {errors}、警告 {warnings}、情報 {infos}）",
        "en": "{findings} findings ({errors} errors, {warnings} warnings, {infos} info)",
    },
    "html.coverage": {
        "ja": "網羅状況（経営ガイドライン Ver3.0 の指示1〜10 と 3 原則）",
        "en": "Coverage (guideline Ver3.0: directives 1-10 and the three principles)",
    },
    "html.col_item": {"ja": "項目", "en": "item"},
    "html.col_group": {"ja": "区分", "en": "group"},
    "html.col_title": {"ja": "内容", "en": "title"},
    "html.col_status": {"ja": "記載", "en": "status"},
    "html.col_where": {"ja": "該当箇所", "en": "where"},
    "html.directive": {"ja": "指示{n}", "en": "D{n}"},
    "html.principle": {"ja": "原則", "en": "principle"},
    "html.status.covered": {"ja": "● 記載あり", "en": "● covered"},
    "html.status.weak": {"ja": "▲ 記載が弱い", "en": "▲ weak"},
    "html.status.missing": {"ja": "× 記載なし", "en": "× missing"},
    "html.principle_derived": {
        "ja": "原則の判定は対応する指示の記載から（すべて記載あり＝記載あり、一部＝弱い）",
        "en": "principles are judged from their directives (all covered = covered, some = weak)",
    },
    "html.radar_directives": {
        "ja": "指示ごとの網羅（記載あり 100・弱い 50・なし 0）",
        "en": "Coverage per directive (covered 100, weak 50, missing 0)",
    },
    "html.radar_quality": {"ja": "品質スコア（0〜100）", "en": "Quality scores (0-100)"},
    "html.score_note": {
        "ja": "品質スコア = 100 − 10 ×（箇所への指摘の重み ÷ 本文 1,000 字）− 5 ×（文書全体への指摘の重み）、0 未満は 0。重み: エラー 5・警告 2・情報 1。",
        "en": "quality score = 100 − 10 × (weight of findings on passages per 1,000 characters) − 5 × (weight of document-level findings), floored at 0; weights: error 5, warning 2, info 1.",
    },
    "html.filters": {"ja": "絞り込み", "en": "Filters"},
    "html.quality": {"ja": "品質", "en": "quality"},
    "html.level": {"ja": "重要度", "en": "level"},
    "html.directives": {"ja": "指示", "en": "directive"},
    "html.no_directive": {"ja": "指示なし", "en": "none"},
    "html.findings": {"ja": "指摘一覧", "en": "Findings"},
    "html.shown": {"ja": "表示中", "en": "shown"},
    "html.document": {"ja": "本文", "en": "Document text"},
    "html.no_document": {
        "ja": "（本文はこのレポートに含まれていません）",
        "en": "(the document text is not part of this report)",
    },
    "html.level.error": {"ja": "エラー", "en": "error"},
    "html.level.warning": {"ja": "警告", "en": "warning"},
    "html.level.info": {"ja": "情報", "en": "info"},
    "html.hint": {"ja": "直し方", "en": "how to fix"},
    "html.profile": {"ja": "実行プロファイル", "en": "Run profile"},
    "html.profile.version": {"ja": "disclint のバージョン", "en": "disclint version"},
    "html.profile.generated": {"ja": "作成日時", "en": "generated"},
    "html.profile.files": {"ja": "ファイル", "en": "files"},
    "html.profile.config": {"ja": "設定ファイル", "en": "config file"},
    "html.profile.config_default": {"ja": "（なし: 既定の設定）", "en": "(none: defaults)"},
    "html.profile.select": {"ja": "--select", "en": "--select"},
    "html.profile.ignore": {"ja": "--ignore", "en": "--ignore"},
    "html.profile.fail_level": {"ja": "終了コード 1 にする重要度", "en": "fail level"},
    "html.profile.size": {"ja": "文書の大きさ", "en": "document size"},
    "html.profile.size_value": {
        "ja": "{blocks} ブロック、{chars} 字{pages}",
        "en": "{blocks} blocks, {chars} characters{pages}",
    },
    "html.profile.pages": {"ja": "、{pages} ページ", "en": ", {pages} pages"},
    "html.profile.time": {"ja": "検査時間", "en": "lint time"},
    "html.profile.baseline": {"ja": "ベースラインで非表示", "en": "hidden by the baseline"},
    "html.profile.rules": {"ja": "使用したルール（{count} 件）", "en": "rules used ({count})"},
    # --- CLI ---
    "cli.error_prefix": {"ja": "エラー", "en": "error"},
    "cli.summary": {
        "ja": "{files} ファイル、指摘 {findings} 件（エラー {errors}、警告 {warnings}、情報 {infos}）",
        "en": "{files} files, {findings} findings ({errors} errors, {warnings} warnings, {infos} info)",
    },
    "rules.unknown": {
        "ja": "ルール {id} はありません（近いもの: {close}。一覧は disclint rules）",
        "en": "no rule {id} (close: {close}; list them with disclint rules)",
    },
    "rules.explain_hint": {
        "ja": "各ルールの説明・例: disclint rule ID",
        "en": "Explanation and examples of a rule: disclint rule ID",
    },
    "cli.summary_suppressed": {"ja": "、コメントで抑制 {count} 件", "en": ", {count} suppressed by comments"},
    "suppress.unknown_rule": {
        "ja": "抑制コメントのルール ID「{id}」はありません（disclint rules で一覧を確認してください）",
        "en": 'the suppression comment names no rule "{id}" (list them with disclint rules)',
    },
    "lint.suppressed": {
        "ja": "インラインコメントで {count} 件の指摘を抑制しました",
        "en": "{count} findings suppressed by inline comments",
    },
    "cli.failed_files": {"ja": "{count} ファイルを処理できませんでした", "en": "{count} files could not be processed"},
    "cli.interrupted": {"ja": "中断しました", "en": "interrupted"},
    "cli.internal_error": {
        "ja": "内部エラー: {reason}（不具合です。--debug で詳細を表示）",
        "en": "internal error: {reason} (a bug; use --debug for details)",
    },
    # --- survey (disclint survey run / report) ---
    "survey.folder_skipped": {
        "ja": "フォルダ内の対象外のファイル {count} 件を読み飛ばしました（{kinds}。テキストなどはファイルとして指定すれば調べます）",
        "en": "skipped {count} file(s) of other kinds in the folders ({kinds}; give text and other files by name to survey them)",
    },
    "survey.input_not_found": {"ja": "入力が見つかりません: {path}", "en": "input not found: {path}"},
    "survey.no_inputs": {
        "ja": "調べる文書がありません（pdf, docx, html, xbrl, zip のファイル、フォルダ、またはマニフェスト CSV を指定してください）",
        "en": "no documents to survey (give pdf, docx, html, xbrl or zip files, folders, or a manifest CSV)",
    },
    "survey.manifest_unreadable": {
        "ja": "マニフェストを読めません: {path}（{reason}）",
        "en": "cannot read the manifest {path} ({reason})",
    },
    "survey.manifest_encoding": {
        "ja": "マニフェストの文字コードが UTF-8 でも CP932 でもありません: {path}",
        "en": "the manifest is neither UTF-8 nor CP932: {path}",
    },
    "survey.manifest_syntax": {
        "ja": "マニフェストの CSV 書式が不正です: {path}（{reason}）",
        "en": "invalid CSV in the manifest {path} ({reason})",
    },
    "survey.manifest_empty": {"ja": "マニフェストが空です: {path}", "en": "the manifest is empty: {path}"},
    "survey.manifest_no_path": {
        "ja": "マニフェストに path 列がありません: {path}（見出し行: {columns}）",
        "en": "the manifest has no path column: {path} (header: {columns})",
    },
    "survey.manifest_columns": {
        "ja": "マニフェスト {path} の {line} 行目の列数 {got} が見出し行の {expected} より多いです",
        "en": "line {line} of the manifest {path} has {got} columns, more than the {expected} of the header",
    },
    "input.jsonl_bad_directives": {
        "ja": "id {id} の directives は 1〜10 の整数のリストにしてください: {value}",
        "en": "directives of id {id} must be a list of integers 1-10: {value}",
    },
    "survey.bad_scheduler": {
        "ja": "Dask スケジューラのアドレスが不正です: {address}（{reason}。例: tcp://127.0.0.1:8786）",
        "en": "invalid Dask scheduler address: {address} ({reason}; e.g. tcp://127.0.0.1:8786)",
    },
    "survey.store_corrupt": {
        "ja": "調査データベースが壊れています: {path}（{reason}）。別の出力先を指定するか、バックアップから戻してください",
        "en": "the survey database is damaged: {path} ({reason}); use another run directory or restore a backup",
    },
    "survey.store_failed": {
        "ja": "調査データベースに書き込めません: {path}（{reason}）。記録済みの文書は残っており、再実行で続きから再開します",
        "en": "cannot write the survey database {path} ({reason}); finished documents are kept and a rerun resumes",
    },
    "survey.run_dir_locked": {
        "ja": "別の disclint survey run がこのディレクトリを使用中です: {path}",
        "en": "another disclint survey run is using this directory: {path}",
    },
    "survey.manifest_duplicate_column": {
        "ja": "マニフェスト {path} に {field} の列が複数あります（{columns}）。1 つにしてください",
        "en": "the manifest {path} has more than one {field} column ({columns}); keep one",
    },
    "survey.manifest_bad_path": {
        "ja": "マニフェスト {path} の {line} 行目のパスに NUL 文字があります",
        "en": "line {line} of the manifest {path} has a NUL character in its path",
    },
    "survey.manifest_no_file": {
        "ja": "マニフェスト {path} の {line} 行目に path がありません",
        "en": "line {line} of the manifest {path} has no path",
    },
    "survey.manifest_bad_year": {
        "ja": "マニフェスト {path} の {line} 行目の年度 '{value}' を解釈できません（例: 2024, 2025年3月期）",
        "en": "line {line} of the manifest {path}: cannot read the fiscal year '{value}' (e.g. 2024, 2025年3月期)",
    },
    "survey.run_dir_is_input": {
        "ja": "結果の出力先が入力と同じです: {path}",
        "en": "the run directory is an input: {path}",
    },
    "survey.run_dir_not_dir": {
        "ja": "結果の出力先がディレクトリではありません: {path}",
        "en": "the run directory is not a directory: {path}",
    },
    "survey.run_dir_not_survey": {
        "ja": "結果の出力先 {path} は空でなく、survey の結果（survey.sqlite）もありません。新しいディレクトリを指定してください",
        "en": "the run directory {path} is not empty and holds no survey results (survey.sqlite); give a new directory",
    },
    "survey.run_dir_create": {
        "ja": "結果の出力先を作れません: {path}（{reason}）",
        "en": "cannot create the run directory {path} ({reason})",
    },
    "survey.worker_crashed": {
        "ja": "この文書の処理中にワーカープロセスが 2 回異常終了しました（メモリ不足など）",
        "en": "a worker process died twice while processing this document (out of memory?)",
    },
    "survey.ruleset_changed": {
        "ja": "注意: 以前の実行とバージョンまたはルールセットが異なります（{old} → {new}）。処理済みの文書は再処理しません（--retry-errors はエラーのみ再処理）",
        "en": "note: the version or rule set differs from earlier runs ({old} -> {new}); finished documents are not redone",
    },
    "survey.no_scheduler": {
        "ja": "--engine dask には --scheduler tcp://HOST:PORT が必要です",
        "en": "--engine dask needs --scheduler tcp://HOST:PORT",
    },
    "survey.scheduler_without_dask": {
        "ja": "--scheduler は --engine dask と一緒に指定してください",
        "en": "--scheduler is only used with --engine dask",
    },
    "survey.no_dask": {
        "ja": "Dask（dask[distributed]）がインストールされていません（pip install 'disclint[survey]'）",
        "en": "Dask (dask[distributed]) is not installed (pip install 'disclint[survey]')",
    },
    "survey.engine_failed": {
        "ja": "実行エンジンを開始できません（{reason}）",
        "en": "cannot start the engine ({reason})",
    },
    "survey.engine_stalled": {
        "ja": "Dask クラスタ {address} から {seconds} 秒間結果が届きません（スケジューラかワーカーが応答しない）。"
        "処理済みの文書は保存されており、再実行で続きから再開します",
        "en": "no result from the Dask cluster {address} for {seconds} s (the scheduler or a worker stopped answering); "
        "finished documents are kept and a rerun resumes",
    },
    "survey.engine_lost": {
        "ja": "Dask スケジューラ {address} との接続が切れ、実行中の文書が取り消されました。"
        "処理済みの文書は保存されており、再実行で続きから再開します",
        "en": "the connection to the Dask scheduler {address} was lost and the documents in flight were cancelled; "
        "finished documents are kept and a rerun resumes",
    },
    "survey.stall_without_dask": {
        "ja": "--stall-timeout は --engine dask と一緒に指定してください（local では --timeout が各文書に効きます）",
        "en": "--stall-timeout is only used with --engine dask (locally, --timeout bounds each document)",
    },
    "survey.run_summary": {
        "ja": "入力 {inputs} 件: 処理 {processed} 件（うちエラー {errors} 件）、処理済みのため省略 {skipped} 件、{seconds} 秒。結果: {path}",
        "en": "{inputs} inputs: {processed} processed ({errors} errors), {skipped} skipped as already done, {seconds} s. Results: {path}",
    },
    "survey.report_no_run": {
        "ja": "survey の結果（survey.sqlite）がありません: {path}",
        "en": "no survey results (survey.sqlite) in {path}",
    },
    "survey.report_bad_db": {
        "ja": "survey の結果を読めません: {path}（{reason}）",
        "en": "cannot read the survey results {path} ({reason})",
    },
    "survey.report_out_exists": {
        "ja": "出力先 {path} は既に存在し、空ではありません（新しいディレクトリを指定してください）",
        "en": "the output directory {path} exists and is not empty (give a new directory)",
    },
    "survey.report_out_is_run": {
        "ja": "レポートの出力先が RUN_DIR と同じです: {path}",
        "en": "the report directory is the run directory: {path}",
    },
    "survey.report_no_documents": {
        "ja": "集計できる文書がありません（すべてエラー、または未処理）: {path}",
        "en": "no surveyed documents to report on (all failed or none done): {path}",
    },
    "survey.report_compare_unknown": {
        "ja": "--compare の証券コード {codes} の文書がありません",
        "en": "no documents for the --compare securities codes {codes}",
    },
    "lint.industry_without_peers": {
        "ja": "--industry は --peers と一緒に指定してください",
        "en": "--industry needs --peers",
    },
    "lint.peers_format": {
        "ja": "--peers は --format text または json で使えます（指定: {format}）",
        "en": "--peers works with --format text or json (given: {format})",
    },
    "survey.report_no_such_year": {
        "ja": "--year {value} の会社がありません（ある年度: {values}）",
        "en": "no company for --year {value} (years present: {values})",
    },
    "survey.report_no_such_industry": {
        "ja": "--industry {value} の会社がありません（ある業種: {values}）",
        "en": "no company in --industry {value} (industries present: {values})",
    },
    "survey.report_compare_limited": {
        "ja": "--compare のレーダーチャートは最初の {count} 社までです（含めなかった会社: {codes}）",
        "en": "the --compare radar chart draws the first {count} companies (left out: {codes})",
    },
    "survey.report_written": {
        "ja": "レポート {files} ファイルを書き出しました: {path}",
        "en": "wrote {files} report files to {path}",
    },
    # --- company profile and drafting (disclint init / draft) ---
    "profile.not_found": {
        "ja": "会社プロファイルが見つかりません（disclint init で作成できます）",
        "en": "company profile not found (create one with disclint init)",
    },
    "profile.unreadable": {
        "ja": "会社プロファイルを読めません（{reason}）",
        "en": "cannot read the company profile ({reason})",
    },
    "profile.yaml_aliases": {
        "ja": "YAML の別名（alias）を展開すると大きすぎます（{nodes} 要素超、または循環。billion laughs の疑い）",
        "en": "the YAML is too large once its aliases are expanded (over {nodes} nodes, or a cycle; possible billion laughs)",
    },
    "profile.syntax": {"ja": "YAML の書式が不正です（{reason}）", "en": "invalid YAML ({reason})"},
    "profile.not_mapping": {
        "ja": "プロファイルは「項目: 値」の形で書いてください（disclint init のひな形を参照）",
        "en": "the profile must be a mapping of keys to values (see the form written by disclint init)",
    },
    "profile.unknown_key": {
        "ja": "不明な項目 '{item}' です（'{hint}' のことですか？）",
        "en": "unknown key '{item}' (did you mean '{hint}'?)",
    },
    "profile.unknown_key_nohint": {
        "ja": "不明な項目 '{item}' です（項目の一覧は disclint init のひな形と docs/drafting.md）",
        "en": "unknown key '{item}' (the keys are listed in the form written by disclint init and in docs/drafting.md)",
    },
    "profile.wrong_type": {
        "ja": "'{item}' は{expected}で書いてください（値: {value}）",
        "en": "'{item}' must be {expected} (got {value})",
    },
    "profile.bad_choice": {
        "ja": "'{item}' は {choices} のいずれかです（値: {value}）",
        "en": "'{item}' must be one of {choices} (got {value})",
    },
    "profile.understood_as_no": {
        "ja": "'{item}' の値 {value} は「実施していない（なし）」として扱います（下書きにはその対策を書きません）",
        "en": "'{item}': {value} is taken as 'no' (not in place); the draft states nothing about it",
    },
    "profile.unknown_measure": {
        "ja": "'{item}' の対策名 {value} が不明です（'{hint}' のことですか？ 対策の一覧は docs/drafting.md）",
        "en": "'{item}': unknown measure {value} (did you mean '{hint}'? the measures are listed in docs/drafting.md)",
    },
    "profile.plan_needs_date": {
        "ja": "'{item}' に実施の予定時期（YYYY-MM）を書いてください",
        "en": "'{item}': give the planned date (YYYY-MM)",
    },
    "draft.placed_under": {
        "ja": "指示 {directive} の節を見出し「{heading}」の下（その節の末尾）に挿入しました",
        "en": 'directive {directive}: section inserted under the heading "{heading}" (at the end of its section)',
    },
    "draft.placed_appended": {
        "ja": "指示 {directive} の節は、該当する見出しがないため末尾の「追加案（disclint による下書き）」に追加しました",
        "en": 'directive {directive}: no heading where it belongs; section appended under "追加案（disclint による下書き）" at the end',
    },
    "draft.init_exists": {
        "ja": "既に存在するため書き込みません（別の -o を指定してください）",
        "en": "exists already; not overwritten (give another -o)",
    },
    "draft.init_written": {
        "ja": "会社プロファイルのひな形を書き出しました: {path}（空欄の対策は下書きで【要確認】、空欄の細目は【要記入】になります）",
        "en": "wrote the company profile form: {path} (in drafts, empty measures become 【要確認】 questions and empty details 【要記入】 placeholders)",
    },
    "draft.init_example_written": {
        "ja": "架空の会社の記入例を書き出しました: {path}（すべて記入済み。自社の事実に書き換えて disclint draft --profile で使います）",
        "en": "wrote the filled-in example of a fictional company: {path} (complete; replace its facts with yours and use it with disclint draft --profile)",
    },
    "draft.printed": {
        "ja": "下書きを標準出力に出力しました（{doc_type}、指示 {directives}、【要記入】{placeholders} 箇所、【要確認】{questions} 箇所）",
        "en": "printed the draft to standard output ({doc_type}; directives {directives}; {placeholders} placeholders; {questions} questions to confirm)",
    },
    "draft.cannot_write": {"ja": "書き出せません（{reason}）", "en": "cannot write ({reason})"},
    "draft.no_profile": {
        "ja": "--profile の指定がないため、どの対策も書かず【要確認】にしました",
        "en": "no --profile given: no measure is stated; each is a 【要確認】 question",
    },
    "draft.bad_directives": {
        "ja": "--directives は 1〜10 の番号をカンマ区切りで指定してください（例: 1,7,8）: {value}",
        "en": "--directives takes numbers 1-10, comma-separated (e.g. 1,7,8): {value}",
    },
    "draft.bad_output_ext": {
        "ja": "出力ファイルの拡張子は .md か .docx にしてください: {path}",
        "en": "the output file must end in .md or .docx: {path}",
    },
    "draft.insert_needs_missing_from": {
        "ja": "--insert は --missing-from と一緒に指定してください",
        "en": "--insert needs --missing-from",
    },
    "draft.insert_needs_output": {
        "ja": "--insert には書き出し先のコピー（-o FILE.docx）が必要です",
        "en": "--insert needs -o FILE.docx for the copy",
    },
    "draft.insert_needs_docx": {
        "ja": "--insert は docx にだけ使えます（--missing-from と -o に .docx を指定）",
        "en": "--insert works on docx only (.docx for both --missing-from and -o)",
    },
    "draft.coverage_found": {
        "ja": "記載なし: 指示 {missing}　記載が弱い: 指示 {weak}",
        "en": "missing: directives {missing}; weak: directives {weak}",
    },
    "draft.nothing_missing": {
        "ja": "記載がない・弱い指示はありません。下書きは作成しませんでした",
        "en": "no directive is missing or weak; nothing drafted",
    },
    "draft.written": {
        "ja": "下書きを書き出しました: {path}（{doc_type}、指示 {directives}、【要記入】{placeholders} 箇所、【要確認】{questions} 箇所）",
        "en": "wrote the draft: {path} ({doc_type}; directives {directives}; {placeholders} placeholders; {questions} questions to confirm)",
    },
    "draft.no_profile_assessed": {
        "ja": "--profile の指定がないため、会社の事実（名称・回数など）は【要記入】にしました",
        "en": "no --profile given: the company's facts (names, counts …) are 【要記入】 placeholders",
    },
    "draft.assessment_used": {
        "ja": "自己評価から対策の状態を決めました（実施している文 {yes} 件、整備を進めている文 {planned} 件、書かない対策 {no} 件）",
        "en": "measures decided by the self-assessment: {yes} drafted as in place, {planned} as being put in place, {no} not drafted",
    },
    "draft.assessment_silent": {
        "ja": "指示 {directives} は自己評価の 4 項目がすべて段階1以下のため、下書きしません（実施していない取組は書きません）",
        "en": "directives {directives}: all four items of the self-assessment are at level 1 or below, so nothing is drafted for them",
    },
    "draft.assessment_nothing": {
        "ja": "下書きする指示がありません（選んだ指示はどれも自己評価の 4 項目がすべて段階1以下です）",
        "en": "nothing to draft: every chosen directive has all four items of the self-assessment at level 1 or below",
    },
    "draft.assessment_conflict": {
        "ja": "対策「{measure}」: プロファイルは「{profile}」、自己評価は項目 {item} が段階 {level}（{assessed}）です。自己評価に従います",
        "en": "measure '{measure}': the profile says '{profile}', the self-assessment puts item {item} at level {level} ({assessed}); the self-assessment wins",
    },
    "draft.templates_not_dir": {
        "ja": "テンプレートのディレクトリがありません: {path}",
        "en": "template directory not found: {path}",
    },
    "draft.template_missing": {"ja": "テンプレートが見つかりません: {name}", "en": "template not found: {name}"},
    "draft.template_error": {
        "ja": "テンプレート {name} の {line} 行目: {reason}",
        "en": "template {name}, line {line}: {reason}",
    },
    # --- self-assessment (disclint assess init / report / check) ---
    # --- help of disclint assess (click) ---
    "assess.help.assess": {
        "ja": "サイバーセキュリティ経営の自己評価（経営ガイドライン Ver3.0 の指示1〜10、40 項目・5 段階）: 記入用の様式を作り（init）、結果をレーダーチャートにし（report）、開示文書と突き合わせます（check）。",
        "en": "Self-assessment of cybersecurity management (guideline Ver3.0 directives 1-10, 40 items, 5 levels): write the form (init), chart the results (report) and compare them with a disclosure (check).",
    },
    "assess.help.init": {
        "ja": "記入用の自己評価シート（Excel: 記入方法・回答・結果のシート、回答はドロップダウンで選択）を書き出します。--format yml なら YAML。",
        "en": "Write the self-assessment form (Excel: instructions, answers with drop-downs, results), or YAML with --format yml.",
    },
    "assess.help.init_output": {
        "ja": "書き出し先（既定: 自己評価.xlsx / 自己評価.yml）",
        "en": "file to write (default: self-assessment.xlsx / .yml)",
    },
    "assess.help.init_format": {
        "ja": "様式の形式（xlsx / yml。既定: -o の拡張子、なければ xlsx）",
        "en": "form format (xlsx / yml; default: from the -o extension, else xlsx)",
    },
    "assess.help.force": {
        "ja": "書き出し先が既にあれば上書きする（入力ファイルは常に拒否）",
        "en": "overwrite existing outputs (an input file is always refused)",
    },
    "assess.help.report": {
        "ja": "記入済みの様式（xlsx / yml、複数可）から、指示ごとの成熟度（平均と最も低い項目）、レーダーチャート（PNG）、HTML ページ、XLSX と JSON の結果を -o のディレクトリに書き出します。複数なら比較、同じ会社が 2 回あれば前回からの変化も示します。--survey で同じ業種の企業の開示の割合も並べます。",
        "en": "From filled forms (xlsx / yml, one or more) write maturity per directive (mean and weakest item), a radar chart (PNG), an HTML page and XLSX / JSON results to the -o directory. Several forms are compared; the same company twice shows the change. --survey adds the share of companies of the same industry that disclose each directive.",
    },
    "assess.help.report_output": {
        "ja": "出力先ディレクトリ（なければ作成）",
        "en": "output directory (created if absent)",
    },
    "assess.help.report_survey": {
        "ja": "survey の結果（disclint survey run の出力先）から、様式の業種（なければ全業種）の企業のうち各指示を開示している割合を表に加える（成熟度ではなく開示の割合。レーダーチャートには描きません）",
        "en": "add, from a survey run directory (disclint survey run), the share of companies of the form's industry (all industries when none is given) that disclose each directive (a disclosure share, not a maturity; not drawn on the radar)",
    },
    "assess.help.check": {
        "ja": "自己評価と開示文書（docx / pdf / html …）を指示ごとに突き合わせます。成熟度 3 以上なのに開示がない・弱い指示（取組が伝わっていない）と、開示はあるのに成熟度 1 以下の指示（実態以上の記載のおそれ）を示します。指摘があれば終了コード 1。",
        "en": "Compare a self-assessment with a disclosure (docx / pdf / html …) per directive: maturity >= 3 but the disclosure is missing or weak (undersold), and covered in the text but maturity <= 1 (may overstate). Exit 1 when there are findings.",
    },
    "assess.help.format": {
        "ja": "出力形式",
        "en": "output format",
    },
    "assess.help.check_output": {
        "ja": "結果をこのファイルに書き出す",
        "en": "write the result to this file",
    },
    "assess.default_form": {"ja": "自己評価", "en": "self-assessment"},
    "assess.init_written": {
        "ja": "自己評価の様式を書き出しました: {path}（40 項目に 0〜4 で回答し、disclint assess report で結果を表示）",
        "en": "wrote the self-assessment form: {path} (answer the 40 items 0-4, then disclint assess report)",
    },
    "assess.report_written": {
        "ja": "{count} 件の自己評価の結果を書き出しました: {path}（{files}）",
        "en": "wrote the results of {count} self-assessment(s) to {path} ({files})",
    },
    "assess.out_not_dir": {
        "ja": "出力先がディレクトリではありません: {path}",
        "en": "the output is not a directory: {path}",
    },
    "assess.needs_extra": {
        "ja": "自己評価には openpyxl と matplotlib が必要です（pip install 'disclint[survey]'）",
        "en": "the self-assessment needs openpyxl and matplotlib (pip install 'disclint[survey]')",
    },
    "assess.glyph_missing": {
        "ja": "グラフのフォントに無い文字があります（{detail}）",
        "en": "the chart font lacks a character ({detail})",
    },
    "assess.where_cell": {"ja": "シート「{sheet}」のセル {cell}", "en": "sheet '{sheet}', cell {cell}"},
    "assess.where_key": {"ja": "{keypath}（{line} 行目）", "en": "{keypath} (line {line})"},
    "assess.more_errors": {"ja": "ほかに {count} 件の問題があります", "en": "{count} more problems"},
    "assess.unknown_form": {
        "ja": "自己評価の様式は .xlsx か .yml で指定してください（disclint assess init で作成）",
        "en": "give the self-assessment form as .xlsx or .yml (written by disclint assess init)",
    },
    "assess.corrupt_xlsx": {
        "ja": "Excel ファイルとして読めません（{reason}）",
        "en": "cannot read the Excel file ({reason})",
    },
    "assess.not_a_form": {
        "ja": "disclint の自己評価の様式ではありません（disclint assess init で作った様式に回答してください）",
        "en": "not a disclint self-assessment form (answer a form written by disclint assess init)",
    },
    "assess.other_version": {
        "ja": "様式の版 {version} は現在の設問の版 {expected} と異なります（disclint assess init で新しい様式を作ってください）",
        "en": "the form is version {version}, the questionnaire is version {expected} (write a new form with disclint assess init)",
    },
    "assess.no_sheet": {"ja": "シート「{sheet}」がありません", "en": "there is no sheet '{sheet}'"},
    "assess.edited": {
        "ja": "{where}: 項目 {item} の{what}が様式から書き換えられています（回答の意味が変わるため読めません。元の文に戻してください）",
        "en": "{where}: the {what} of item {item} was edited (the answer would mean something else; restore the original text)",
    },
    "assess.unanswered": {
        "ja": "{where}: 項目 {item}「{title}」が未回答です（0〜4 を選んでください）",
        "en": '{where}: item {item} "{title}" is not answered (choose 0-4)',
    },
    "assess.bad_level": {
        "ja": "{where}: 項目 {item} の回答「{value}」は 0〜4 の整数ではありません",
        "en": '{where}: the answer "{value}" to item {item} is not a whole number 0-4',
    },
    "assess.extra_row": {
        "ja": "{where}: 40 項目の下に行が追加されています（項目は追加できません）",
        "en": "{where}: a row was added below the 40 items (items cannot be added)",
    },
    "assess.yaml_syntax": {
        "ja": "YAML の書式が不正です（{line} 行目: {reason}）",
        "en": "invalid YAML (line {line}: {reason})",
    },
    "assess.yaml_no_answers": {
        "ja": "{where}: answers がありません（項目 ID ごとに level を書いてください）",
        "en": "{where}: no answers (give a level for each item id)",
    },
    "assess.unknown_item": {
        "ja": "{where}: 項目 {item} は設問にありません",
        "en": "{where}: item {item} is not in the questionnaire",
    },
    "assess.form.title": {
        "ja": "サイバーセキュリティ経営 自己評価（経営ガイドライン Ver3.0 の指示1〜10）",
        "en": "Cybersecurity management self-assessment (guideline Ver3.0, directives 1-10)",
    },
    "assess.form.sheet_instructions": {"ja": "記入方法", "en": "Instructions"},
    "assess.form.sheet_answers": {"ja": "回答", "en": "Answers"},
    "assess.form.sheet_results": {"ja": "結果", "en": "Results"},
    "assess.form.step1": {
        "ja": "シート「{answers}」の上の欄に、会社名、グループ・部門、評価日を記入します。業種は任意で、assess report --survey で同じ業種の企業の開示状況と並べるときに使います（survey の業種名。例: 電気機器）。",
        "en": "On the sheet '{answers}', fill in the company, group or department and the date at the top. The industry is optional: assess report --survey uses it to set the disclosures of companies of the same industry beside your results (the survey's industry name).",
    },
    "assess.form.step2": {
        "ja": "40 項目それぞれについて、右側の「段階0」〜「段階4」の説明を読み、自社の現状に最も近い段階を「回答」列のドロップダウンから選びます。迷うときは、確実に当てはまる低い方を選んでください。",
        "en": "For each of the 40 items read the descriptions of levels 0-4 on the right and choose the level closest to your current state from the drop-down in the 'answer' column. When in doubt, choose the lower level that surely applies.",
    },
    "assess.form.step3": {
        "ja": "根拠（規程名、会議体、実施記録など）を「備考」列に書いておくと、翌年の見直しや開示の下書きに役立ちます。",
        "en": "Note the evidence (rule names, committees, records) in the 'notes' column: it helps next year's review and the disclosure.",
    },
    "assess.form.step4": {
        "ja": "シート「{results}」に、指示ごとの平均と最も低い段階、レーダーチャートが自動で表示されます。",
        "en": "The sheet '{results}' shows the mean and the lowest level per directive and a radar chart as you answer.",
    },
    "assess.form.step5": {
        "ja": "設問と段階の説明、数式は保護されています（パスワードなし）。書き換えた様式は disclint が読み込みを拒否します。",
        "en": "Item texts, level descriptions and formulas are protected (no password). disclint refuses a form whose texts were edited.",
    },
    "assess.form.step6": {
        "ja": "記入後、disclint assess report 様式.xlsx -o 出力先/ で結果を、disclint assess check 様式.xlsx 開示文書.docx で開示との突き合わせを表示します。",
        "en": "Then run disclint assess report FORM.xlsx -o OUT/ for the results, and disclint assess check FORM.xlsx DISCLOSURE.docx to compare with the disclosure.",
    },
    "assess.form.scale": {"ja": "段階（成熟度）", "en": "Levels (maturity)"},
    "assess.form.directives": {
        "ja": "指示（サイバーセキュリティ経営ガイドライン Ver3.0 の重要10項目）",
        "en": "Directives (the ten directives of guideline Ver3.0)",
    },
    "assess.form.credit": {
        "ja": "指示の名称は経済産業省・IPA「サイバーセキュリティ経営ガイドライン Ver3.0」によります。設問と段階の説明は disclint が作成したもので、IPA の可視化ツールの設問ではありません。",
        "en": "Directive titles follow METI/IPA Cyber Security Management Guidelines Ver3.0. The items and level descriptions are written by disclint; they are not those of IPA's visualisation tool.",
    },
    "assess.form.field_company": {"ja": "会社名", "en": "Company"},
    "assess.form.field_group": {"ja": "グループ・部門", "en": "Group / department"},
    "assess.form.field_date": {"ja": "評価日", "en": "Date"},
    "assess.form.field_industry": {"ja": "業種（任意）", "en": "Industry (optional)"},
    "assess.form.industry_hint": {
        "ja": "任意。assess report --survey で同じ業種の企業の開示状況と並べるときに使います（survey の業種名。例: 電気機器）",
        "en": "optional; assess report --survey sets the disclosures of companies of this industry beside the results (the survey's industry name, e.g. 電気機器)",
    },
    "assess.form.answered": {"ja": "回答済み", "en": "Answered"},
    "assess.form.col_id": {"ja": "ID", "en": "ID"},
    "assess.form.col_directive": {"ja": "指示", "en": "Directive"},
    "assess.form.col_title": {"ja": "項目", "en": "Item"},
    "assess.form.col_question": {"ja": "質問", "en": "Question"},
    "assess.form.col_level": {"ja": "回答（0〜4）", "en": "Answer (0-4)"},
    "assess.form.col_chosen": {"ja": "選んだ段階の説明", "en": "Chosen level"},
    "assess.form.col_notes": {"ja": "備考（根拠など）", "en": "Notes (evidence)"},
    "assess.form.col_level_n": {"ja": "段階{n}: {name}", "en": "Level {n}: {name}"},
    "assess.form.dv_error": {"ja": "0〜4 の数字を選んでください。", "en": "Choose a number from 0 to 4."},
    "assess.form.dv_error_title": {"ja": "回答は 0〜4", "en": "Answer 0-4"},
    "assess.form.dv_prompt": {
        "ja": "右の段階0〜4 の説明から最も近いものを選ぶ",
        "en": "Choose the closest of the levels 0-4 described on the right",
    },
    "assess.form.results_title": {"ja": "結果（指示ごとの成熟度）", "en": "Results (maturity per directive)"},
    "assess.form.res_directive": {"ja": "指示", "en": "Directive"},
    "assess.form.res_title": {"ja": "内容", "en": "Title"},
    "assess.form.res_mean": {"ja": "成熟度（平均）", "en": "Maturity (mean)"},
    "assess.form.res_min": {"ja": "最も低い段階", "en": "Lowest level"},
    "assess.form.res_answered": {"ja": "回答数", "en": "Answered"},
    "assess.form.results_note": {
        "ja": "成熟度は指示ごとの 4 項目の平均（0〜4）。未回答の項目は平均に含めません。disclint assess report は全項目の回答を求めます。",
        "en": "Maturity is the mean of the four items of each directive (0-4); unanswered items are left out here, disclint assess report needs them all.",
    },
    "assess.form.results_chart": {"ja": "成熟度（平均）", "en": "Maturity (mean)"},
    "assess.form.yaml_help": {
        "ja": "各項目の level に 0〜4 の数字を書いてください（コメントの段階の説明から最も近いもの）。\nitem の文は変えないでください（変えると読み込みを拒否します）。notes には根拠などを自由に。",
        "en": "Give each item's level as a number 0-4 (the closest of the levels in the comments).\nDo not change the item text (a changed text is refused). Use notes for evidence.",
    },
    "assess.form.what_id": {"ja": "ID", "en": "id"},
    "assess.form.what_title": {"ja": "項目名", "en": "title"},
    "assess.form.what_question": {"ja": "質問", "en": "question"},
    "assess.form.what_level": {"ja": "段階の説明", "en": "level description"},
    "assess.report.title": {
        "ja": "サイバーセキュリティ経営 自己評価の結果",
        "en": "Cybersecurity management self-assessment results",
    },
    "assess.report.generated": {
        "ja": "disclint {version}、自己評価 {count} 件（{items} 項目）",
        "en": "disclint {version}; {count} self-assessment(s), {items} items",
    },
    "assess.report.radar_alt": {
        "ja": "指示ごとの成熟度のレーダーチャート",
        "en": "radar chart of maturity per directive",
    },
    "assess.report.radar_title_one": {"ja": "指示ごとの成熟度（0〜4）", "en": "Maturity per directive (0-4)"},
    "assess.report.radar_title_many": {
        "ja": "成熟度の比較（{count} 件、各指示の平均）",
        "en": "Maturity compared ({count} forms, mean per directive)",
    },
    "assess.report.method": {
        "ja": "成熟度 = 指示ごとの 4 項目の段階（0〜4）の平均。「最小」はその指示で最も低い項目の段階で、平均に隠れた弱点を示します。",
        "en": "Maturity = mean of the levels (0-4) of each directive's four items; 'lowest' is the level of its weakest item, the gap a mean hides.",
    },
    "assess.report.scale": {"ja": "段階", "en": "Levels"},
    "assess.report.by_directive": {"ja": "指示ごとの成熟度", "en": "Maturity per directive"},
    "assess.report.by_item": {"ja": "項目ごとの回答", "en": "Answers per item"},
    "assess.report.yoy": {"ja": "同じ会社の前回からの変化（評価日順）", "en": "Change for the same company (by date)"},
    "assess.report.not_disclosure": {
        "ja": "これは自己評価（自社が何をしているか）であり、開示の状況ではありません。開示との突き合わせは disclint assess check で行います。",
        "en": "This is a self-assessment (what the company does), not what it discloses; compare the two with disclint assess check.",
    },
    "assess.shares.column": {
        "ja": "開示している企業の割合（成熟度ではありません）",
        "en": "share of companies disclosing it (not a maturity)",
    },
    "assess.shares.method": {
        "ja": "開示している企業の割合: survey の結果 {run} の企業（各社の最新年度。サイバーセキュリティの記載がない会社・年度は除く）のうち、その指示の記載が「記載あり」の企業の割合（0〜100%）。文書からの推定による開示の状況であり、成熟度（0〜4）ではありません。",
        "en": "Share of companies disclosing it: of the companies in the survey results {run} (each at its latest fiscal year; company-years without cybersecurity text left out), the share whose disclosure covers the directive (0-100 %). It is the disclosure, estimated from the documents, not a maturity (0-4).",
    },
    "assess.shares.no_industry": {
        "ja": "{form} には業種の記入がないため、全業種の企業（n={n}）と比べています。",
        "en": "{form} gives no industry: it is compared with the companies of all industries (n={n}).",
    },
    "assess.shares.no_such_industry": {
        "ja": "survey の結果 {run} に業種「{value}」の企業がありません（ある業種: {values}）",
        "en": "the survey results {run} hold no company of the industry '{value}' (industries present: {values})",
    },
    "assess.report.industry": {"ja": "業種: {name}", "en": "industry: {name}"},
    "assess.report.col_directive": {"ja": "指示", "en": "directive"},
    "assess.report.col_title": {"ja": "内容", "en": "title"},
    "assess.report.col_item": {"ja": "項目", "en": "item"},
    "assess.report.col_company": {"ja": "会社", "en": "company"},
    "assess.report.col_date_n": {"ja": "{n} 回目", "en": "#{n}"},
    "assess.report.change": {"ja": "変化（最新 − 最初）", "en": "change (latest - first)"},
    "assess.report.mean": {"ja": "平均", "en": "mean"},
    "assess.report.min": {"ja": "最小", "en": "lowest"},
    "assess.report.weakest": {"ja": "最も低い項目", "en": "weakest item"},
    "assess.report.notes": {"ja": "備考", "en": "notes"},
    "assess.report.sheet_directives": {"ja": "指示別の成熟度", "en": "maturity by directive"},
    "assess.report.sheet_items": {"ja": "項目別の回答", "en": "answers by item"},
    "assess.report.sheet_yoy": {"ja": "前回からの変化", "en": "change"},
    "assess.undersell": {
        "ja": "指示{n}: 自己評価の成熟度は {mean}（3 以上）ですが、開示は「{status}」です。実施している取組が開示から伝わっていません（目的適合性、指示10 開示の促進）",
        "en": "D{n}: self-assessed maturity is {mean} (3 or more) but the disclosure is '{status}': what the company does does not come across (relevance; directive 10, disclosure)",
    },
    "assess.overstate": {
        "ja": "指示{n}: 開示は「{status}」ですが、自己評価の成熟度は {mean}（1 以下）です。実態以上の記載になっていないか確認してください（表現真正性）",
        "en": "D{n}: the disclosure is '{status}' but self-assessed maturity is {mean} (1 or less): check that the text does not claim more than is done (faithful representation)",
    },
    "assess.hint_undersell": {
        "ja": "体制・頻度・対象範囲など、実施している取組を事実で具体的に記載する（disclint draft で下書きできます）",
        "en": "describe the measures in place with facts (structure, frequency, scope); disclint draft can write a first draft",
    },
    "assess.hint_overstate": {
        "ja": "実施済みの事実と計画（「〜を予定」「〜に取り組む」）を書き分けるか、自己評価を見直す",
        "en": "separate what is done from what is planned ('we plan to …'), or revisit the self-assessment",
    },
    "assess.check.heading": {
        "ja": "# 自己評価 {assessment} と開示 {document} の突き合わせ",
        "en": "# Self-assessment {assessment} vs disclosure {document}",
    },
    "assess.check.col_directive": {"ja": "指示", "en": "directive"},
    "assess.check.col_maturity": {"ja": "成熟度（平均/最小）", "en": "maturity (mean/lowest)"},
    "assess.check.col_disclosure": {"ja": "開示", "en": "disclosure"},
    "assess.check.col_verdict": {"ja": "判定", "en": "verdict"},
    "assess.check.maturity": {"ja": "{mean} / {min}", "en": "{mean} / {min}"},
    "assess.check.verdict_undersell": {"ja": "取組が開示に表れていない", "en": "undersold"},
    "assess.check.verdict_overstate": {"ja": "記載が実態を上回るおそれ", "en": "may overstate"},
    "assess.check.verdict_consistent": {"ja": "—", "en": "-"},
    "assess.check.none": {
        "ja": "自己評価と開示の食い違いはありません",
        "en": "the self-assessment and the disclosure agree",
    },
    "assess.check.directive_title": {"ja": "（{title}）", "en": "({title})"},
    "assess.check.summary": {
        "ja": "取組が開示に表れていない指示 {undersell} 件、記載が実態を上回るおそれのある指示 {overstate} 件",
        "en": "{undersell} directive(s) undersold, {overstate} directive(s) possibly overstated",
    },
    # --- help of the main command, extract, map, eval and the shared options (click) ---
    "help.cli.main": {
        "ja": "disclint: サイバーセキュリティ開示文書のリンター（経営ガイドライン Ver3.0 / 総務省 開示の手引き）",
        "en": "disclint: a linter for Japanese cybersecurity disclosures (METI/IPA guideline Ver3.0, MIC disclosure guide)",
    },
    "help.cli.lang": {
        "ja": "表示言語（ja / en）。環境変数 DISCLINT_LANG でも指定可",
        "en": "message language (ja / en); also DISCLINT_LANG",
    },
    "help.cli.debug": {"ja": "内部エラー時にトレースバックを表示", "en": "show tracebacks on internal errors"},
    "help.cli.extract": {
        "ja": "文書を読み取り、ブロック（見出し・段落・表のセル…）と位置を表示します。disclint が何を読んだか確認するためのコマンドです。",
        "en": "Read documents and print their blocks (headings, paragraphs, table cells …) with locations: what disclint saw.",
    },
    "help.cli.lint": {
        "ja": "開示文書を検査し、指摘を表示します。",
        "en": "Check disclosure documents and report findings.",
    },
    "help.cli.format": {"ja": "出力形式", "en": "output format"},
    "help.cli.map": {
        "ja": "サイバーセキュリティに関する記述を見つけ、経営ガイドライン Ver3.0 の指示1〜10 に対応づけ、根拠と網羅状況を表示します。"
        '--input-format jsonl では {"id", "text"} の行を読み（- は標準入力）、判定結果を 1 行ずつ出力します。',
        "en": "Find cybersecurity passages, map them to directives 1-10 of guideline Ver3.0 with evidence, and show coverage. "
        'With --input-format jsonl, read {"id", "text"} lines (- for stdin) and write one result per line.',
    },
    "help.cli.input_format": {
        "ja": "入力形式（document: 文書ファイル / jsonl: 文の一覧）",
        "en": "input format (document files or jsonl passages)",
    },
    "help.cli.map_all": {
        "ja": "サイバーセキュリティの記載の外で対応づけた記述も表示する（網羅状況には数えない旨を付記）。既定では記載の中の記述だけを表示",
        "en": "also list passages mapped outside the cybersecurity text (marked as not counted in the coverage); by default only passages inside it are listed",
    },
    "help.cli.eval": {
        "ja": "正解ラベル付き JSONL（id, text, directives）で対応づけの精度（適合率・再現率・F1）を評価します。",
        "en": "Evaluate the mapper on gold-labelled JSONL (id, text, directives): precision, recall, F1.",
    },
    "help.cli.show_errors": {"ja": "誤りの例を表示", "en": "list the misclassified passages"},
    "help.cli.max_pages": {"ja": "1 ファイルの最大ページ数", "en": "maximum pages per file"},
    "help.cli.max_file_mb": {"ja": "1 ファイルの最大サイズ（MB）", "en": "maximum file size (MB)"},
    "help.cli.max_unzip_mb": {
        "ja": "docx/zip 展開後の最大サイズ（MB）",
        "en": "maximum uncompressed size of docx/zip (MB)",
    },
    "help.cli.max_chars": {"ja": "1 ファイルの最大文字数", "en": "maximum characters per file"},
    "help.cli.max_memory_mb": {
        "ja": "1 ファイルの処理中（読み取り・検査・出力）のメモリ使用量の上限（常駐、MB。0 で無制限）",
        "en": "memory (resident MB) a process may use while it reads, checks and renders one file (0 = none)",
    },
    "help.cli.timeout": {
        "ja": "1 ファイルの処理時間の上限（秒、読み取りと検査の合計。0 で無制限）。超えたファイルは 1 行のエラーにして次へ進む",
        "en": "time limit per file in seconds (reading and checking together; 0 = none); a file over it is one error line and the batch goes on",
    },
    "help.cli.fail_level": {
        "ja": "この重要度以上の指摘があれば終了コード 1（error / warning / info / none）",
        "en": "exit 1 when a finding at or above this level exists (error / warning / info / none)",
    },
    # --- help of disclint survey (click) ---
    "help.survey.survey": {
        "ja": "多数の開示文書を一括で調べ、会社・業種・年度ごとの開示状況を集計します（run / report）。"
        "サブコマンドを省略すると run になります。",
        "en": "Survey many disclosure documents: which companies disclose what, by industry and year (run / report). "
        "Without a subcommand, run is assumed.",
    },
    "help.survey.run": {
        "ja": "フォルダ・ファイル・マニフェスト CSV の文書を調べ、結果を RUN_DIR の SQLite に記録します。"
        "中断しても再実行すれば処理済みの文書（SHA-256 で識別）を飛ばして続きから再開します。",
        "en": "Survey the documents in folders, files and manifest CSVs and record the results in SQLite in RUN_DIR. "
        "Rerunning after an interruption skips finished documents (by SHA-256) and resumes.",
    },
    "help.survey.report": {
        "ja": "RUN_DIR の結果から CSV・XLSX・HTML ダッシュボード（グラフ付き）を OUT_DIR に書き出します。",
        "en": "Write CSV, XLSX and an HTML dashboard with charts to OUT_DIR from the results in RUN_DIR.",
    },
    "help.survey.output_run": {
        "ja": "結果を記録するディレクトリ（新規、空、または以前の survey の RUN_DIR）",
        "en": "run directory (new, empty, or an earlier survey run to resume)",
    },
    "help.survey.output_report": {"ja": "出力先ディレクトリ（新規または空）", "en": "output directory (new or empty)"},
    "help.survey.workers": {
        "ja": "ワーカープロセス数（既定: CPU 数）",
        "en": "worker processes (default: number of CPUs)",
    },
    "help.survey.engine": {
        "ja": "実行エンジン（local: ローカルのプロセス / dask: 既存の Dask クラスタ）",
        "en": "engine (local processes / an existing Dask cluster)",
    },
    "help.survey.scheduler": {
        "ja": "Dask スケジューラのアドレス（例: tcp://127.0.0.1:8786）",
        "en": "Dask scheduler address (e.g. tcp://127.0.0.1:8786)",
    },
    "help.survey.connect_timeout": {
        "ja": "Dask スケジューラへの接続と最初の応答を待つ上限（秒）。応答がなければ 1 行のエラー",
        "en": "seconds to wait for the Dask scheduler to connect and first answer; then one error line",
    },
    "help.survey.max_tasks": {
        "ja": "ワーカーをこの文書数ごとに入れ替える（メモリ増加の抑制）",
        "en": "replace each worker after this many documents (bounds memory)",
    },
    "help.survey.stall_timeout": {
        "ja": "Dask クラスタから次の結果が届くまで待つ上限（秒、0 で無制限）。既定: --timeout + 120 秒。"
        "超えたら 1 行のエラーで止まり、処理済みの文書は保存され、再実行で続きから再開します",
        "en": "seconds to wait for the Dask cluster's next result (0: no limit; default: --timeout + 120); "
        "then one error line, finished documents kept, a rerun resumes",
    },
    "help.survey.timeout": {
        "ja": "1 文書の処理時間の上限（秒、0 で無制限）。超えた文書はエラーとして記録",
        "en": "time limit per document in seconds (0: none); exceeded = recorded as an error",
    },
    "help.survey.retry_errors": {
        "ja": "エラーとして記録済みの文書も再処理する",
        "en": "process documents recorded as errors again",
    },
    "help.survey.quiet": {"ja": "進捗表示をしない", "en": "no progress bar"},
    "help.survey.config": {
        "ja": "設定ファイル（ルールの選択など。省略時はカレントディレクトリから探索）",
        "en": "config file (rule selection …; default: searched from the current directory)",
    },
    "help.survey.select": {"ja": "実行するルール（ID またはプレフィックス）", "en": "rules to run (ids or prefixes)"},
    "help.survey.ignore": {"ja": "除外するルール（ID またはプレフィックス）", "en": "rules to skip (ids or prefixes)"},
    "help.survey.compare": {
        "ja": "レーダーチャートで比較する証券コード（カンマ区切り。1 社なら業種平均と比較）",
        "en": "securities codes to compare in radar charts (comma-separated; one code: against its industry average)",
    },
    "help.survey.year": {
        "ja": "会社別の表とグラフに使う年度（既定: 会社ごとの最新年度）",
        "en": "fiscal year for the per-company views (default: each company's latest)",
    },
    "help.survey.industry": {
        "ja": "この業種の会社だけを集計する",
        "en": "report on the companies of this industry only",
    },
    "help.survey.include_empty": {
        "ja": "サイバーセキュリティの記述がない文書も割合の集計に含める（既定: 除く）",
        "en": "count documents without cybersecurity text in the shares (default: left out)",
    },
    # --- help of disclint diff (click) ---
    "help.diff.diff": {
        "ja": "同じ会社の 2 つの開示文書（前年と今年など）を比べ、指示ごとの記載の変化、見出しの追加・削除・番号変更、"
        "段落の追加・削除・書き換え（位置ではなく類似度で対応づけ）、変わった数値、そのまま引き継がれたサイバーセキュリティの記載（適時公表性）を示します。",
        "en": "Compare two disclosures of one company (e.g. last year's and this year's): directive status then and now, headings "
        "added / removed / renumbered, paragraphs added / removed / reworded (aligned by similarity, not position), figures "
        "that changed, and cybersecurity text copied unchanged (timeliness).",
    },
    "help.diff.format": {"ja": "出力形式", "en": "output format"},
    "help.diff.output": {
        "ja": "結果をこのファイルに書き出す（入力ファイルは上書きしない）",
        "en": "write the result to this file (never an input file)",
    },
    "help.diff.force": {"ja": "-o の書き出し先が既にあれば上書きする", "en": "overwrite the -o file if it exists"},
    "help.diff.all": {
        "ja": "すべての変更を表示する（既定はサイバーセキュリティの記載とリスクの節の変更だけを一覧し、件数はすべて数える）",
        "en": "list every change (by default only changes in the cybersecurity text and in risk sections are listed; all are counted)",
    },
    # --- help of disclint init / draft (click) ---
    "help.draft.init": {
        "ja": "会社プロファイルのひな形（YAML、日本語のコメント付き）を書き出します。既存のファイルは上書きしません。",
        "en": "Write a commented company profile (YAML, Japanese comments). Never overwrites an existing file.",
    },
    "help.draft.init_output": {
        "ja": "書き出し先（既定: disclint-profile.yml）",
        "en": "file to write (default: disclint-profile.yml)",
    },
    "help.draft.init_example": {
        "ja": "空のひな形ではなく、すべて記入した架空の会社の例を書き出す",
        "en": "write the complete example of a fictional company instead of the empty form",
    },
    "help.draft.draft": {
        "ja": "会社プロファイルの事実だけから、指示1〜10 に対応する開示文の下書きを作成します。"
        "プロファイルで実施を宣言していない対策は書かず【要確認: …】と問い、足りない細目は【要記入: …】と表示します（disclint lint がエラーとして報告）。",
        "en": "Draft disclosure sections for directives 1-10 from the facts of a company profile only. "
        "A measure the profile does not declare is never stated (【要確認: …】 asks instead); missing details are 【要記入: …】 placeholders (both reported as errors by disclint lint).",
    },
    "help.draft.doc_type": {"ja": "文書の種類: ", "en": "document type: "},
    "help.draft.profile": {
        "ja": "会社プロファイル（disclint init で作成）。省略するとどの対策も書かず【要確認】にする",
        "en": "company profile (see disclint init); without it no measure is stated (【要確認】 questions)",
    },
    "help.draft.directives": {
        "ja": "下書きする指示の番号（カンマ区切り、例: 1,7,8。既定: 1〜10 すべて）",
        "en": "directives to draft, comma-separated (e.g. 1,7,8; default: all ten)",
    },
    "help.draft.output": {
        "ja": "書き出し先（.md または .docx）。省略すると Markdown を標準出力へ",
        "en": "output file (.md or .docx); default: markdown on stdout",
    },
    "help.draft.force": {
        "ja": "-o の書き出し先が既にあれば上書きする（入力ファイルは常に拒否）",
        "en": "overwrite the -o file if it exists (never an input file)",
    },
    "help.draft.missing_from": {
        "ja": "この文書（docx / pdf など）を検査し、記載がない・弱い指示だけを下書きする",
        "en": "map this document (docx, pdf, …) and draft only the directives it misses or covers weakly",
    },
    "help.draft.insert": {
        "ja": "--missing-from の docx のコピーを -o に作り、末尾に下書きを追加する（元のファイルは変更しない）",
        "en": "write a copy of the --missing-from docx to -o with the drafted sections appended (the input is never changed)",
    },
    "help.draft.templates": {
        "ja": "独自のテンプレートのディレクトリ（同じ名前のファイルが同梱のテンプレートより優先）",
        "en": "directory of your own templates (a file there overrides ours of the same name)",
    },
    "help.draft.assessment": {
        "ja": "自己評価の様式（disclint assess init、XLSX / YAML）で対策の状態を決める: 段階3以上は実施している文、"
        "段階2は整備を進めている文、段階1以下は書かない（4 項目とも1以下の指示は節ごと書かない）。"
        "会社の事実と、ISMS 認証・サイバー保険などの個別の対策は --profile から。食い違いは自己評価に従い、1 行ずつ表示",
        "en": "let a self-assessment form (disclint assess init, XLSX / YAML) decide the measures: level 3+ is drafted as in place, "
        "level 2 as being put in place, level 1 or below is not drafted (a directive with all four items at 1 or below gets no section). "
        "Facts, and add-ons such as ISO 27001 or a cyber insurance, come from --profile; where the two disagree the assessment wins, one line each",
    },
    "help.draft.variant": {
        "ja": "文の言い回しの選択（整数。既定は会社名から決まり、同じ入力なら同じ出力）",
        "en": "wording variant (an integer; default derived from the company name, so output is reproducible)",
    },
    # --- disclint lint / rules / rule: the options' help (cli/lint.py, cli/rules.py) ---
    "help.lint.format": {
        "ja": "出力形式（text / json / sarif / github / html）",
        "en": "output format (text / json / sarif / github / html)",
    },
    "help.lint.annotate": {
        "ja": "指摘を Word のコメントにした文書のコピーをこのファイルに書き出す（入力は .docx 1 つ。入力は変更しない）",
        "en": "write a copy of the document with every finding as a Word comment to this file (one .docx input; the input is never changed)",
    },
    "help.lint.output": {
        "ja": "結果をこのファイルに書き出す（入力ファイルは上書きしない）",
        "en": "write the report to this file (never an input file)",
    },
    "help.lint.force": {
        "ja": "-o / --annotate / --write-baseline の出力先が既にあれば上書きする",
        "en": "overwrite the -o / --annotate / --write-baseline file if it exists",
    },
    "help.lint.config": {
        "ja": "設定ファイル（省略時は .disclint.toml / pyproject.toml / setup.cfg を上位へ探索）",
        "en": "config file (default: search .disclint.toml / pyproject.toml / setup.cfg upward)",
    },
    "help.lint.isolated": {
        "ja": "設定ファイルを探索しない（--config を指定しなければ既定の設定。第三者の文書を検査するとき）",
        "en": "do not search for config files (defaults unless --config is given; for third-party documents)",
    },
    "help.lint.select": {
        "ja": "実行するルール（ID またはプレフィックス、カンマ区切り可。例: truthfulness）",
        "en": "rules to run (ids or prefixes, comma-separated, e.g. truthfulness)",
    },
    "help.lint.ignore": {"ja": "除外するルール（ID またはプレフィックス）", "en": "rules to skip (ids or prefixes)"},
    "help.lint.baseline": {
        "ja": "このベースラインに記録済みの指摘を表示しない",
        "en": "hide findings recorded in this baseline",
    },
    "help.lint.write_baseline": {
        "ja": "現在の指摘をベースラインとして書き出す",
        "en": "record the current findings as a baseline",
    },
    "help.lint.peers": {
        "ja": "survey の RUN_DIR の公表済み報告書と比べ、指示ごとに同業他社の記載率を示す（text / json）",
        "en": "compare with the published reports of a survey RUN_DIR: per directive, the share of peers disclosing it (text / json)",
    },
    "help.lint.assessment": {
        "ja": "自己評価の様式（disclint assess init、XLSX / YAML）と突き合わせ、取組が開示に表れていない指示・実態以上の記載のおそれがある指示を指摘に加える",
        "en": "check against a self-assessment form (disclint assess init, XLSX / YAML): add findings for directives the text undersells or may overstate",
    },
    "help.lint.peer_industry": {
        "ja": "--peers で比べる業種（既定: すべての業種）",
        "en": "industry of the peers for --peers (default: all)",
    },
    "help.lint.rules": {
        "ja": "ルールの一覧を表示します（ID・品質・重要度・メッセージ）。1 つのルールの詳細は disclint rule ID。",
        "en": "List the rules (id, quality, level, message). One rule in full: disclint rule ID.",
    },
    "help.lint.rule": {
        "ja": "1 つのルールを詳しく表示します（メッセージ・説明・直し方・参照・オプション・例）。例: disclint rule truthfulness.absolute-claim",
        "en": "Explain one rule in full (message, explanation, how to fix, reference, options, examples), e.g. disclint rule truthfulness.absolute-claim",
    },
    "help.lint.rules_format": {"ja": "出力形式（text / json）", "en": "output format (text / json)"},
    "help.lint.fix": {
        "ja": "安全な修正（機械的な書き換え）を .md / .txt に直接適用する（一時ファイル経由で置き換え。他の形式は変更しない）",
        "en": "apply the safe fixes (mechanical rewrites) to .md / .txt files in place (atomic replace; other formats are never written)",
    },
    "help.lint.unsafe_fixes": {
        "ja": "--fix で要確認の修正も適用する",
        "en": "with --fix, also apply the fixes that need review",
    },
    "help.lint.suggest": {
        "ja": "すべての修正案を Word の変更履歴（作成者 disclint）にした文書のコピーをこのファイルに書き出す（入力は .docx 1 つ。入力は変更しない）",
        "en": "write a copy of the document with every fix as a Word tracked change (author disclint) to this file (one .docx input; never changed)",
    },
    "help.lint.exclude": {
        "ja": "フォルダ・グロブの展開から除くパターン（fnmatch。複数指定可。.disclintignore も参照）",
        "en": "pattern to leave out when expanding folders and globs (fnmatch; repeatable; .disclintignore is read too)",
    },
    "help.lint.stdin_filename": {
        "ja": "標準入力（-）の名前。拡張子で形式を決め、メッセージにこの名前を表示する",
        "en": "name of standard input (-): its extension chooses the format, messages show this name",
    },
    "help.lint.fail_level": {
        "ja": "この重要度以上の指摘があれば終了コード 1（既定: 設定ファイル、なければ error）",
        "en": "exit 1 when a finding at or above this level exists (default: config, else error)",
    },
    "rules.disabled": {"ja": "（無効）", "en": " (disabled)"},
    "rules.quality_heading": {"ja": "{label} ({quality})", "en": "{quality}"},
    # --- labels shared by several outputs (text, survey, diff, annotate) ---
    "status.covered": {"ja": "記載あり", "en": "covered"},
    "status.weak": {"ja": "記載が弱い", "en": "weak"},
    "status.missing": {"ja": "記載なし", "en": "missing"},
    "text.paren": {"ja": "（{text}）", "en": " ({text})"},  # an aside after a word: paren()
    "text.list_sep": {"ja": "、", "en": ", "},  # join_list()
    "text.item_sep": {"ja": "、", "en": "; "},  # between items that may hold commas themselves
    "text.labelled": {"ja": "{label}：{text}", "en": "{label}: {text}"},
    "text.all_industries": {"ja": "全業種", "en": "all industries"},
    "quality.relevance": {"ja": "目的適合性", "en": "relevance"},
    "quality.truthfulness": {"ja": "表現真正性", "en": "faithful representation"},
    "quality.comparability": {"ja": "比較可能性", "en": "comparability"},
    "quality.understandability": {"ja": "理解容易性", "en": "understandability"},
    "quality.timeliness": {"ja": "適時公表性", "en": "timeliness"},
    "location.table": {"ja": "表{n}", "en": "table {n}"},
    "location.part.textbox": {"ja": "テキストボックス", "en": "text box"},
    "location.part.footnote": {"ja": "脚注", "en": "footnote"},
    "location.part.endnote": {"ja": "文末脚注", "en": "endnote"},
    "location.part.header": {"ja": "ヘッダー", "en": "header"},
    "location.part.footer": {"ja": "フッター", "en": "footer"},
    "cli.note": {"ja": "注意", "en": "note"},
    "check.style.desumasu": {"ja": "です・ます調", "en": "desu/masu"},
    "check.style.dearu": {"ja": "である調", "en": "de-aru"},
    "check.width.half": {"ja": "半角", "en": "half-width"},
    "check.width.full": {"ja": "全角", "en": "full-width"},
    # --- disclint map (text output) and eval ---
    "map.evidence": {"ja": "根拠", "en": "evidence"},
    "map.negated": {"ja": "否定された対策", "en": "negated"},
    "map.planned": {"ja": "予定", "en": "planned"},
    "map.outside": {
        "ja": "（サイバーセキュリティの記載の外にあるため、網羅状況には数えません）",
        "en": "(outside the cybersecurity text: not counted in the coverage)",
    },
    "map.coverage_title": {
        "ja": "網羅状況（サイバーセキュリティ経営ガイドライン Ver3.0 指示1〜10）",
        "en": "Coverage (guideline Ver3.0 directives 1-10)",
    },
    "map.outside_only": {
        "ja": "（該当はサイバーセキュリティの記載以外の {count} 件のみ）",
        "en": "(matched only by {count} passage(s) outside the cybersecurity text)",
    },
    "map.depth_scale": {
        "ja": "深さ（0〜4、推定）: 0 記載なし / 1 言及のみ / 2 具体的な対策 / 3 数値・頻度・範囲あり / 4 評価・改善まで（disclint assess と同じ尺度）",
        "en": "depth (0-4, estimated): 0 absent / 1 mentioned / 2 a concrete measure / 3 quantified or scoped / 4 evaluated and improved (the scale of disclint assess)",
    },
    "map.principles": {"ja": "3 原則", "en": "Principles"},
    "eval.passages": {"ja": "件数", "en": "passages"},
    "eval.col_directive": {"ja": "指示", "en": "dir"},
    "eval.col_precision": {"ja": "適合率", "en": "prec"},
    "eval.col_recall": {"ja": "再現率", "en": "recall"},
    "eval.screening": {"ja": "スクリーニング", "en": "screening"},
    "eval.cyber": {"ja": "サイバー判定", "en": "cyber detection"},
    "eval.genre": {"ja": "ジャンル", "en": "genre"},
    "eval.confusions": {"ja": "取り違え（正解→予測）: ", "en": "confusions (gold->predicted): "},
    # --- disclint rule ID (cli/explain.py) ---
    "explain.message": {"ja": "メッセージ", "en": "Message"},
    "explain.explanation": {"ja": "説明", "en": "Explanation"},
    "explain.hint": {"ja": "直し方", "en": "How to fix"},
    "explain.reference": {"ja": "参照", "en": "Reference"},
    "explain.options": {
        "ja": 'オプション（既定値。.disclint.toml の [rules."ID"] で変更）',
        "en": 'Options (defaults; change them in .disclint.toml [rules."ID"])',
    },
    "explain.examples": {"ja": "例", "en": "Examples"},
    "explain.enabled": {"ja": "既定で有効", "en": "enabled by default"},
    "explain.disabled": {"ja": "既定で無効（--select で有効）", "en": "disabled by default (enable with --select)"},
    "explain.check": {"ja": "検査の種類", "en": "check"},
    # --- lint --peers (survey/peers.py) ---
    "peers.heading": {
        "ja": "同業他社との比較（{scope}、公表済みの報告書 n={n}、{run}）",
        "en": "Peers ({scope}, published reports n={n}, {run})",
    },
    "peers.lagging": {"ja": "← 同業他社の多くが記載", "en": "<- most peers cover it"},
    "peers.share": {
        "ja": "同業他社 {covered:.0%} 記載あり / {weak:.0%} 弱い",
        "en": "peers {covered:.0%} covered / {weak:.0%} weak",
    },
    # --- survey report: sheet names and chart words ---
    "survey.sheet.company_coverage": {"ja": "会社×指示", "en": "company x directive"},
    "survey.sheet.company_years": {"ja": "会社×年度", "en": "company-years"},
    "survey.sheet.quality": {"ja": "品質スコア", "en": "quality scores"},
    "survey.sheet.findings": {"ja": "指摘（文書別）", "en": "findings by document"},
    "survey.sheet.rules": {"ja": "指摘（ルール別）", "en": "findings by rule"},
    "survey.sheet.industry": {"ja": "業種×指示", "en": "industry x directive"},
    "survey.sheet.trend": {"ja": "年度推移", "en": "trend"},
    "survey.sheet.quality_industry": {"ja": "品質の分布", "en": "quality spread"},
    "survey.sheet.yoy": {"ja": "前年比", "en": "YoY"},
    "survey.sheet.yoy_industry": {"ja": "前年比（業種別）", "en": "YoY by industry"},
    "survey.sheet.documents": {"ja": "文書", "en": "documents"},
    "survey.sheet.errors": {"ja": "エラー", "en": "errors"},
    "survey.chart.n_per_year": {"ja": "n は各年度の社数", "en": "n: companies in each year"},
    # --- survey report: titles, column heads and notes (survey/data.py, tables.py, charts.py, files.py) ---
    "survey.report.title": {"ja": "サイバーセキュリティ開示 調査レポート", "en": "Cybersecurity disclosure survey"},
    "survey.report.documents": {"ja": "文書", "en": "documents"},
    "survey.report.companies": {"ja": "会社", "en": "companies"},
    "survey.report.industries": {"ja": "業種", "en": "industries"},
    "survey.report.years": {"ja": "年度", "en": "fiscal years"},
    "survey.report.errors": {"ja": "エラー", "en": "errors"},
    "survey.report.company": {"ja": "会社名", "en": "company"},
    "survey.report.code": {"ja": "証券コード", "en": "securities code"},
    "survey.report.industry": {"ja": "業種", "en": "industry"},
    "survey.report.fiscal_year": {"ja": "年度", "en": "fiscal year"},
    "survey.report.document_type": {"ja": "書類", "en": "document type"},
    "survey.report.coverage_score": {"ja": "網羅スコア", "en": "coverage score"},
    "survey.report.quality_score": {"ja": "品質スコア", "en": "quality score"},
    "survey.report.findings": {"ja": "指摘数", "en": "findings"},
    "survey.report.share_title": {
        "ja": "各指示を開示している会社の割合",
        "en": "Share of companies disclosing each directive",
    },
    "survey.report.heatmap_title": {
        "ja": "業種 × 指示（記載ありの会社の割合）",
        "en": "Industry × directive (share of companies covering it)",
    },
    "survey.report.trend_title": {
        "ja": "年度ごとの推移（記載ありの会社の割合）",
        "en": "Change over fiscal years (share of companies covering each directive)",
    },
    "survey.report.radar_title": {
        "ja": "会社の比較（記載あり = 1、弱い = 0.5、なし = 0）",
        "en": "Company comparison (covered = 1, weak = 0.5, missing = 0)",
    },
    "survey.report.radar_industry_title": {"ja": "業種平均の比較", "en": "Industry averages"},
    "survey.report.industry_avg": {"ja": "業種平均", "en": "industry average"},
    "survey.report.all_avg": {"ja": "全社平均", "en": "all companies"},
    "survey.report.unknown_industry": {"ja": "（業種不明）", "en": "(unknown industry)"},
    "survey.report.share": {"ja": "割合", "en": "share"},
    "survey.report.directive": {"ja": "指示", "en": "D"},
    "survey.report.legend": {
        "ja": "指示の一覧（サイバーセキュリティ経営ガイドライン Ver3.0）",
        "en": "Directives (Cyber Security Management Guidelines Ver3.0)",
    },
    "survey.report.table_company": {"ja": "会社 × 指示", "en": "Company × directive"},
    "survey.report.table_quality": {
        "ja": "品質スコア（MIC 開示の手引きの 5 つの品質、100 点満点）",
        "en": "Quality scores (the five qualities of the MIC guide, out of 100)",
    },
    "survey.report.table_errors": {"ja": "処理できなかった文書", "en": "Documents that could not be processed"},
    "survey.report.generated": {
        "ja": "disclint {version}、ルールセット {ruleset}、実行 {runs} 回",
        "en": "disclint {version}, rule set {ruleset}, {runs} runs",
    },
    "survey.report.year_note": {"ja": "会社別の表とグラフ: {year}", "en": "Per-company views: {year}"},
    "survey.report.latest": {"ja": "会社ごとの最新年度", "en": "each company's latest fiscal year"},
    "survey.report.n": {"ja": "社数", "en": "n"},
    "survey.report.path": {"ja": "ファイル", "en": "file"},
    "survey.report.error": {"ja": "エラー", "en": "error"},
    "survey.report.status": {"ja": "状態", "en": "status"},
    "survey.report.format": {"ja": "形式", "en": "format"},
    "survey.report.pages": {"ja": "ページ", "en": "pages"},
    "survey.report.chars": {"ja": "文字数", "en": "characters"},
    "survey.report.seconds": {"ja": "処理秒", "en": "seconds"},
    "survey.report.rule": {"ja": "ルール", "en": "rule"},
    "survey.report.quality": {"ja": "品質", "en": "quality"},
    "survey.report.level": {"ja": "重要度", "en": "level"},
    "survey.report.count": {"ja": "件数", "en": "count"},
    "survey.report.docs_with": {"ja": "該当文書数", "en": "documents"},
    "survey.report.identity_source": {"ja": "識別の出典", "en": "identity_source"},
    "survey.report.id_manifest": {"ja": "マニフェスト", "en": "manifest"},
    "survey.report.id_document": {"ja": "文書", "en": "document"},
    "survey.report.id_file": {"ja": "ファイル名", "en": "file name"},
    "survey.report.cyber_passages": {"ja": "サイバー記述数", "en": "cyber passages"},
    "survey.report.cyber_chars": {"ja": "サイバー記述の文字数", "en": "cyber text characters"},
    "survey.report.in_shares": {"ja": "割合の集計対象", "en": "counted in shares"},
    "survey.report.yes": {"ja": "はい", "en": "yes"},
    "survey.report.no_cyber": {"ja": "いいえ（サイバー記述なし）", "en": "no (no cybersecurity text)"},
    "survey.report.per_1000": {"ja": "指摘/千字", "en": "findings per 1,000 chars"},
    "survey.report.median": {"ja": "中央値", "en": "median"},
    "survey.report.q1": {"ja": "第1四分位", "en": "Q1"},
    "survey.report.q3": {"ja": "第3四分位", "en": "Q3"},
    "survey.report.all_companies": {"ja": "（全社）", "en": "(all companies)"},
    "survey.report.empty_note": {
        "ja": "サイバーセキュリティの記述がない会社・年度 {n} 件は割合と品質の集計から除いています（--include-empty で含めます）。",
        "en": "{n} company-years without cybersecurity text are left out of shares and quality (--include-empty counts them).",
    },
    "survey.report.empty_included": {
        "ja": "サイバーセキュリティの記述がない会社・年度 {n} 件も割合に含めています（--include-empty）。",
        "en": "{n} company-years without cybersecurity text are counted in the shares (--include-empty).",
    },
    "survey.report.table_quality_industry": {
        "ja": "品質スコアの分布（業種別、サイバー記述のある会社、n・中央値・四分位）",
        "en": "Quality score spread by industry (companies with cybersecurity text: n, median, quartiles)",
    },
    "survey.report.from_year": {"ja": "前年度", "en": "from year"},
    "survey.report.to_year": {"ja": "年度", "en": "to year"},
    "survey.report.gap": {"ja": "間隔（年）", "en": "gap (years)"},
    "survey.report.before": {"ja": "前", "en": "before"},
    "survey.report.after": {"ja": "後", "en": "after"},
    "survey.report.change": {"ja": "変化", "en": "change"},
    "survey.report.unchanged_for": {"ja": "同じ状態の年数", "en": "unchanged for (years)"},
    "survey.report.added": {"ja": "追加", "en": "added"},
    "survey.report.dropped": {"ja": "削除", "en": "dropped"},
    "survey.report.unchanged": {"ja": "変化なし", "en": "unchanged"},
    "survey.report.changed": {"ja": "変化（記載あり以外）", "en": "changed (not covered either way)"},
    "survey.report.yoy_title": {
        "ja": "前年度からの変化（各指示を追加・削除した会社の割合）",
        "en": "Year-over-year change (share of companies that added or dropped each directive)",
    },
    "survey.report.yoy_none": {
        "ja": "2 年度以上の結果がある会社がないため、前年度からの変化は集計できません。",
        "en": "No company has results for two fiscal years: no year-over-year change to report.",
    },
    # --- company profile: the kinds of value (draft/profile.py) ---
    "profile.kind.str": {"ja": "文字列", "en": "a string"},
    "profile.kind.int": {"ja": "整数", "en": "an integer"},
    "profile.kind.number": {"ja": "数値", "en": "a number"},
    "profile.kind.bool": {"ja": "true / false", "en": "true / false"},
    "profile.kind.date": {"ja": "日付（YYYY-MM-DD）", "en": "a date (YYYY-MM-DD)"},
    "profile.kind.list": {"ja": "文字列のリスト", "en": "a list of strings"},
    "profile.kind.enum": {"ja": "選択肢", "en": "one of the choices"},
    "profile.kind.section": {"ja": "項目の集まり（key: value）", "en": "a mapping (key: value)"},
    "profile.kind.table": {"ja": "リスト", "en": "a list"},
    "draft.doc_type_item": {"ja": "{id}（{name_ja}）", "en": "{id} ({name_ja}: {name_en})"},
    "draft.state.yes": {"ja": "実施", "en": "in place"},
    "draft.state.no": {"ja": "未実施", "en": "not in place"},
    "draft.state.plan": {"ja": "予定あり", "en": "planned for a date"},
    "draft.state.planned": {"ja": "整備中", "en": "being put in place"},
}


def resolve_lang(value: str | None = None) -> str:
    lang = (value or os.environ.get("DISCLINT_LANG") or DEFAULT_LANG).lower()
    return lang if lang in LANGS else DEFAULT_LANG


class Reason(str):
    """A message parameter that is itself a message key (e.g. ``reason.not_regular``): it is
    translated together with the message it is part of. A ``str``, so it pickles (the reader
    process sends errors to the parent) and compares like its key."""


def t(key: str, lang: str = DEFAULT_LANG, **params: Any) -> str:
    if params and any(isinstance(v, Reason) for v in params.values()):
        params = {k: (t(str(v), lang) if isinstance(v, Reason) else v) for k, v in params.items()}
    entry = MESSAGES.get(key)
    if entry is None:
        return key if not params else f"{key} {params}"
    template = entry.get(lang) or entry["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def texts(prefix: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Every message under ``prefix`` by the rest of its key, as written (not formatted): the help
    texts of a command, ``texts("help.survey", lang)["run"]``."""
    head = prefix + "."
    return {k[len(head) :]: v.get(lang) or v["en"] for k, v in MESSAGES.items() if k.startswith(head)}


def lookup(key: str, lang: str, default: str) -> str:
    """The message ``key`` if there is one, else ``default`` (a label for a value that may be unknown)."""
    return t(key, lang) if key in MESSAGES else default


def paren(text: str, lang: str = DEFAULT_LANG) -> str:
    """An aside after a word: 「（text）」 in Japanese, `` (text)`` in English."""
    return t("text.paren", lang, text=text)


def join_list(items: Iterable[str], lang: str = DEFAULT_LANG, *, sep: str = "text.list_sep") -> str:
    """「A、B」 / ``A, B`` (``sep="text.item_sep"``: ``A; B`` in English, for items with commas)."""
    return t(sep, lang).join(items)


def directive_label(d: int | str, lang: str = DEFAULT_LANG, width: int = 0) -> str:
    """「指示3」 / ``D3``; ``width`` pads the number (``D3  `` in a column)."""
    return t("html.directive", lang, n=f"{d:<{width}}")


def level_label(level: str, lang: str = DEFAULT_LANG) -> str:
    """「エラー」 / ``error`` for a finding's level."""
    return t(f"html.level.{level}", lang)


def quality_label(quality: str, lang: str = DEFAULT_LANG) -> str:
    """「目的適合性」 / ``relevance``; an unknown quality as it is."""
    return lookup(f"quality.{quality}", lang, quality)


def directive_title(d: int | str, lang: str = DEFAULT_LANG) -> str:
    """The guideline's title of directive ``d`` (data in ``rules/directives``), in ``lang``."""
    from .guideline import load_guideline

    return load_guideline().directives[int(d)].name(lang)


def principle_title(key: str, lang: str = DEFAULT_LANG) -> str:
    from .guideline import load_guideline

    return load_guideline().principles[key].name(lang)


def status_label(status: str, lang: str = DEFAULT_LANG, *, mark: bool = True) -> str:
    """「● 記載あり」 / 「▲ 記載が弱い」 / 「× 記載なし」 (or English) for a coverage status;
    without ``mark`` the bare words (「記載あり」, ``covered``)."""
    return t(f"{'html.' if mark else ''}status.{status}", lang)
