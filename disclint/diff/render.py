"""A :class:`~disclint.diff.compare.DocDiff` as text, JSON or a self-contained HTML page."""

from __future__ import annotations

import html
import json
import re
from difflib import SequenceMatcher
from typing import Any

from ..i18n import directive_label, directive_title, principle_title, status_label, t
from .compare import Change, DocDiff

RISK_SECTION = re.compile(r"事業等のリスク|リスク")


def listed(diff: DocDiff, show_all: bool) -> list[Change]:
    """The changes worth listing: by default those in the cybersecurity text or in a risk section
    (every change with ``--all``); unchanged paragraphs are counted, not listed."""
    out = []
    for c in diff.changes:
        if c.kind == "unchanged":
            continue
        if show_all or c.cyber or any(RISK_SECTION.search(s) for s in c.section[:2]):
            out.append(c)
    return out


def listed_headings(diff: DocDiff, show_all: bool) -> list[Any]:
    """Heading changes worth listing: in a risk section or naming a cybersecurity topic (all with ``--all``)."""
    from ..analysis.scope import default_policy

    terms = default_policy().terms
    out = []
    for h in diff.headings:
        path = (*h.parent, h.old or "", h.new or "")
        if show_all or any(RISK_SECTION.search(s) for s in h.parent[:2]) or any(terms.search(s) for s in path if s):
            out.append(h)
    return out


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _sec(c: Change) -> str:
    return " > ".join(c.section)


def status_rows(diff: DocDiff, lang: str) -> list[tuple[str, str, str, str]]:
    """(item, title, status then, status now) for the ten directives, then the three principles."""
    rows = [(directive_label(d, lang), directive_title(d, lang), a, b) for d, (a, b) in diff.directives.items()]
    return rows + [("", principle_title(k, lang), a, b) for k, (a, b) in diff.principles.items()]


def _title(diff: DocDiff, lang: str) -> str:
    return t(
        "diff.title",
        lang,
        old=diff.old_path,
        new=diff.new_path,
        old_date=diff.old_date or "?",
        new_date=diff.new_date or "?",
    )


def to_text(diff: DocDiff, lang: str, show_all: bool = False) -> str:
    out = [_title(diff, lang)]
    out.append("## " + t("diff.coverage", lang))
    for item, title, a, b in status_rows(diff, lang):
        mark = "*" if a != b else " "
        out.append(
            f" {mark}{item:<5}{status_label(a, lang):<10} → {status_label(b, lang):<10} {title}".replace(
                f" {mark}{'':<5}", f" {mark}"
            )
        )
    heads = listed_headings(diff, show_all)
    out.append("## " + t("diff.headings", lang, listed=len(heads), count=len(diff.headings)))
    if not heads:
        out.append("  " + t("diff.none", lang))
    for h in heads:
        parent = " > ".join(h.parent)
        where = f"  [{parent}]" if parent else ""
        if h.kind == "renumbered":
            out.append(f"  {t('diff.renumbered', lang)}: {h.old} → {h.new}{where}")
        else:
            out.append(f"  {t('diff.' + h.kind, lang)}: {h.new or h.old}{where}")
    c = diff.counts
    out.append(
        "## "
        + t(
            "diff.paragraphs",
            lang,
            unchanged=c["unchanged"],
            reworded=c["reworded"],
            added=c["added"],
            removed=c["removed"],
        )
    )
    shown = listed(diff, show_all)
    if not show_all:
        out.append("  " + t("diff.listed_scope", lang))
    for ch in shown:
        label = t("diff." + ch.kind, lang)
        if ch.kind == "reworded":
            out.append(f"  {label} ({ch.similarity:.2f})  § {_sec(ch)}")
            out.append(f"    - {_short(ch.old.text)}")  # type: ignore[union-attr]
            out.append(f"    + {_short(ch.new.text)}")  # type: ignore[union-attr]
            if ch.figures:
                out.append(
                    "    "
                    + t("diff.figures", lang)
                    + ": "
                    + ", ".join(f"{a or '—'} → {b or '—'}" for a, b in ch.figures)
                )
        else:
            p = ch.new or ch.old
            out.append(f"  {label}  § {_sec(ch)}")
            out.append(f"    {'+' if ch.kind == 'added' else '-'} {_short(p.text)}")  # type: ignore[union-attr]
    stale = diff.stale
    out.append("## " + t("diff.stale_title", lang, count=len(stale)))
    for ch in stale:
        out.append(f"  {_short(ch.new.text)}  § {_sec(ch)}")  # type: ignore[union-attr]
    return "\n".join(out) + "\n"


def _para(p: Any) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"block": p.block, "text": p.text, "section": list(p.section), "cyber": p.cyber}


def to_json(diff: DocDiff) -> str:
    payload = {
        "old": {"file": diff.old_path, "date": diff.old_date},
        "new": {"file": diff.new_path, "date": diff.new_date},
        "directives": {str(d): {"old": a, "new": b} for d, (a, b) in diff.directives.items()},
        "principles": {k: {"old": a, "new": b} for k, (a, b) in diff.principles.items()},
        "headings": [{"kind": h.kind, "old": h.old, "new": h.new, "parent": list(h.parent)} for h in diff.headings],
        "counts": diff.counts,
        "changes": [
            {
                "kind": c.kind,
                "similarity": c.similarity,
                "cyber": c.cyber,
                "old": _para(c.old),
                "new": _para(c.new),
                "figures": [list(f) for f in c.figures],
            }
            for c in diff.changes
        ],
        "stale_cyber": [_para(c.new) for c in diff.stale],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _marked(a: str, b: str) -> tuple[str, str]:
    """Character-level differences as <del>/<ins>."""
    sm = SequenceMatcher(None, a, b, autojunk=False)
    left, right = [], []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        x, y = html.escape(a[i1:i2]), html.escape(b[j1:j2])
        if op == "equal":
            left.append(x)
            right.append(y)
        else:
            if x:
                left.append(f"<del>{x}</del>")
            if y:
                right.append(f"<ins>{y}</ins>")
    return "".join(left), "".join(right)


_CSS = """body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif;margin:2em;max-width:80em;color:#222}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#eef2f7}tr.changed td{background:#fff7d6}del{background:#fbd3d3;text-decoration:line-through}ins{background:#cdeccd;text-decoration:none}
.sec{color:#666;font-size:.85em}.added{background:#eef9ee}.removed{background:#fbeeee}"""


def to_html(diff: DocDiff, lang: str, show_all: bool = False) -> str:
    e = html.escape
    changed = ' class="changed"'
    rows = [
        f"<tr{changed if a != b else ''}><th>{e(item)}</th><td>{e(title)}</td><td>{e(status_label(a, lang))}</td>"
        f"<td>{e(status_label(b, lang))}</td></tr>"
        for item, title, a, b in status_rows(diff, lang)
    ]
    heads = "".join(
        f"<li>{e(t('diff.' + h.kind, lang))}: {e(h.old or '')}{' → ' if h.kind == 'renumbered' else ''}{e(h.new or '') if h.kind != 'removed' else ''}"
        f" <span class=sec>{e(' > '.join(h.parent))}</span></li>"
        for h in listed_headings(diff, show_all)
    )
    changes = []
    for c in listed(diff, show_all):
        sec = f"<div class=sec>{e(_sec(c))}</div>"
        if c.kind == "reworded":
            a, b = _marked(c.old.text, c.new.text)  # type: ignore[union-attr]
            figs = ", ".join(f"{e(x or '—')} → {e(y or '—')}" for x, y in c.figures)
            changes.append(
                f"<tr><td>{e(t('diff.reworded', lang))} ({c.similarity:.2f}){sec}</td><td>{a}</td><td>{b}{'<div class=sec>' + figs + '</div>' if figs else ''}</td></tr>"
            )
        elif c.kind == "added":
            changes.append(
                f'<tr><td>{e(t("diff.added", lang))}{sec}</td><td></td><td class="added">{e(c.new.text)}</td></tr>'
            )  # type: ignore[union-attr]
        else:
            changes.append(
                f'<tr><td>{e(t("diff.removed", lang))}{sec}</td><td class="removed">{e(c.old.text)}</td><td></td></tr>'
            )  # type: ignore[union-attr]
    stale = "".join(f"<li>{e(c.new.text)} <span class=sec>{e(_sec(c))}</span></li>" for c in diff.stale)  # type: ignore[union-attr]
    c = diff.counts
    title = _title(diff, lang)
    col_old, col_new = (diff.old_date or "old"), (diff.new_date or "new")
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body><h1>{e(title)}</h1>"
        f"<h2>{e(t('diff.coverage', lang))}</h2><table><thead><tr><th></th><th></th><th>{e(col_old)}</th><th>{e(col_new)}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<h2>{e(t('diff.headings', lang, listed=len(listed_headings(diff, show_all)), count=len(diff.headings)))}</h2><ul>{heads or '<li>' + e(t('diff.none', lang)) + '</li>'}</ul>"
        f"<h2>{e(t('diff.paragraphs', lang, unchanged=c['unchanged'], reworded=c['reworded'], added=c['added'], removed=c['removed']))}</h2>"
        f"{'' if show_all else '<p>' + e(t('diff.listed_scope', lang)) + '</p>'}"
        f"<table><thead><tr><th></th><th>{e(col_old)}</th><th>{e(col_new)}</th></tr></thead><tbody>{''.join(changes)}</tbody></table>"
        f"<h2>{e(t('diff.stale_title', lang, count=len(diff.stale)))}</h2><ul>{stale}</ul></body></html>\n"
    )
