"""``disclint lint DRAFT --peers RUN [--industry X]``: the draft beside published reports.

Per directive: the draft's status and the share of peers that disclose it. The peers are the
companies of a survey store (``RUN/survey.sqlite``), each at its latest fiscal year, counted
as in ``survey report`` (company-years without cybersecurity text are left out), restricted to
``--industry`` when given. A directive the draft does not cover while at least half of the
peers cover it is marked as lagging. Nothing here runs the mapper: the draft's statuses come
from its analysis (the lint report's coverage), the peers' from the store.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .inputs import SurveyError

LAG_SHARE = 0.5  # peers covering a directive at least this often: not covering it is lagging


def load_peers(run_dir: str | Path, industry: str | None, lang: str = "ja") -> dict[str, Any]:
    """Shares of the peers per directive; a missing run, no documents or an unknown industry is a
    :class:`SurveyError` (one line, the industries present listed)."""
    from .data import DIRECTIVES, Data
    from .report import check_filters

    data = Data(Path(run_dir), lang, industry=industry)
    if not data.ok:
        raise SurveyError("survey.report_no_documents", path=str(run_dir))
    check_filters(data, None, industry)
    peers = data.selected(None)
    n = len(peers)
    return {
        "run": str(run_dir),
        "industry": industry,
        "n": n,
        "directives": {
            d: {
                "covered": round(sum(c.directives[d] == "covered" for c in peers) / n, 3) if n else 0.0,
                "weak": round(sum(c.directives[d] == "weak" for c in peers) / n, 3) if n else 0.0,
            }
            for d in DIRECTIVES
        },
    }


def compare(peers: dict[str, Any], coverage: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per directive: the draft's status, the peers' shares, whether the draft lags."""
    rows = []
    draft = (coverage or {}).get("directives", {})
    for d, share in peers["directives"].items():
        status = draft.get(d, {}).get("status", "missing")
        rows.append(
            {
                "directive": int(d),
                "status": status,
                "peers_covered": share["covered"],
                "peers_weak": share["weak"],
                "lagging": status != "covered" and share["covered"] >= LAG_SHARE,
            }
        )
    return rows


def text_section(peers: dict[str, Any], reports: list[Any], lang: str) -> str:
    from ..i18n import directive_label, directive_title, status_label, t
    from ..safeio import terminal_safe

    scope = peers["industry"] or t("text.all_industries", lang)
    head = t("peers.heading", lang, scope=scope, n=peers["n"], run=peers["run"])
    lines = ["", terminal_safe(head)]
    for rep in reports:
        lines.append(terminal_safe(rep.path))
        for row in compare(peers, rep.coverage):
            d = row["directive"]
            mark = "  " + t("peers.lagging", lang) if row["lagging"] else ""
            share = t("peers.share", lang, covered=row["peers_covered"], weak=row["peers_weak"])
            lines.append(
                f"  {directive_label(d, lang, 2)} {status_label(row['status'], lang, mark=False):<6} {share}  {directive_title(d, lang)}{mark}"
            )
    return "\n".join(lines) + "\n"


def add_to_json(text: str, peers: dict[str, Any], reports: list[Any]) -> str:
    payload = json.loads(text)
    payload["peers"] = {
        **{k: peers[k] for k in ("run", "industry", "n")},
        "files": [{"path": r.path, "directives": compare(peers, r.coverage)} for r in reports],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
