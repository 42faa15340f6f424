"""What ``disclint lint`` does with one file's findings after the analysis, before reporting:
accepted vocabulary (config), inline ``disclint-disable`` comments (text formats: real lines and
columns first; docx: Word comments) and ``--fix``."""

from __future__ import annotations

from typing import Any

import click

from ..i18n import t
from ..safeio import terminal_safe
from .runtime import RunContext


def _accepted_vocabulary(doc: Any, findings: list[Any], vocabulary: list[str]) -> list[Any]:
    """Drop findings whose span lies inside an accepted term of the config's ``vocabulary``."""
    if not vocabulary:
        return findings
    import unicodedata

    terms = [unicodedata.normalize("NFKC", v) for v in vocabulary]
    kept = []
    for f in findings:
        if (
            f.block_index is not None
            and f.start is not None
            and f.end is not None
            and 0 <= f.block_index < len(doc.blocks)
        ):
            text = doc.blocks[f.block_index].text
            if unicodedata.normalize("NFKC", f.excerpt) in terms or any(
                (a := text.find(v, max(0, f.end - len(v)))) >= 0 and a <= f.start and f.end <= a + len(v)
                for v in vocabulary
            ):
                continue
        kept.append(f)
    return kept


def _apply_text_fixes(ctx: RunContext, doc: Any, findings: list[Any], unsafe: bool) -> list[Any]:
    """``--fix``: rewrite a .md/.txt file in place with its fixes; the fixed findings are gone."""
    from ..fixes import fix_text_file, wanted
    from ..sourcetext import TEXT_FORMATS

    if not any(wanted(f, unsafe) for f in findings):
        return findings
    if doc.format not in TEXT_FORMATS:
        ctx.warn(doc.path, t("fix.text_only", ctx.lang))
        return findings
    if getattr(doc, "source_path", None):
        ctx.warn(doc.path, t("fix.stdin", ctx.lang))
        return findings
    try:
        fixed = fix_text_file(doc.path, findings, unsafe)
    except OSError as exc:
        ctx.error(
            doc.path, t("output.write_failed", ctx.lang, path=doc.path, reason=exc.strerror or type(exc).__name__)
        )
        return findings
    if fixed:
        click.echo(terminal_safe(f"disclint: {t('fix.applied', ctx.lang, count=len(fixed), path=doc.path)}"), err=True)
    done = {id(f) for f in fixed}
    return [f for f in findings if id(f) not in done]


def _inline_suppression(doc: Any, findings: list[Any], cfg: Any, lang: str) -> tuple[list[Any], int]:
    """Text formats: real line/column for each finding, then the inline ``disclint-disable``
    comments (:mod:`disclint.suppress`); an unknown rule id in one is a finding itself."""
    from ..checks.rules import load_rules
    from ..model.document import Location
    from ..model.findings import Finding, Level
    from ..sourcetext import SourceText
    from ..suppress import UNKNOWN_RULE, Suppressions

    if doc.format == "docx":  # Word comments "disclint-disable ids" on the passage
        from ..suppress import docx_suppressions

        sup = docx_suppressions(getattr(doc, "source_path", None) or doc.path)
        if sup is None:
            return findings, 0

        def where(f: Any) -> int | None:
            part = f.location.part or "body"
            return (
                f.location.paragraph
                if f.block_index is not None and part in ("body", "textbox")
                else (None if f.block_index is None else -1)
            )  # footnotes etc.: not covered by a body comment
    else:
        src = SourceText.of(doc)
        if src is None:
            return findings, 0
        src.place(findings, doc)
        sup = Suppressions.parse(src.lines)
        if not sup.directives:
            return findings, 0

        def where(f: Any) -> int | None:
            return f.location.line if f.block_index is not None else None

    kept = [f for f in findings if not sup.suppressed(f.rule, where(f))]
    known = {r.id for r in load_rules()} | {r.id for r in cfg.rules()}
    suppressed = len(findings) - len(kept)
    for d, rid in sup.unknown_ids(known):
        if doc.format == "docx":
            kept.append(
                Finding(
                    UNKNOWN_RULE,
                    Level.WARNING,
                    t("suppress.unknown_rule", lang, id=rid),
                    Location(doc.path, paragraph=d.line),
                    excerpt=rid,
                )
            )
            continue
        col = d.column_of(rid)
        kept.append(
            Finding(
                UNKNOWN_RULE,
                Level.WARNING,
                t("suppress.unknown_rule", lang, id=rid),
                Location(doc.path, line=d.line),
                excerpt=rid,
                column=col,
                end_line=d.line,
                end_column=col + len(rid),
            )
        )
    return kept, suppressed
