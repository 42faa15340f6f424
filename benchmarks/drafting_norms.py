"""Length norms of real filings for `disclint draft` (figures only; no text is printed or stored).

usage: python benchmarks/drafting_norms.py [REALDOCS_DIR]   (default ../shared/realdocs)

Measures, in the 有価証券報告書 of ../shared/realdocs (three EDINET canonical dumps and the two
TIS XBRL instances):

- risk items of 事業等のリスク (BusinessRisksTextBlock): the body of each numbered item
  ((1), （１）, ①, …), in characters without whitespace; and the same for the items whose
  heading or body is about information security / cyber attacks;
- governance paragraphs: each paragraph of the sustainability GovernanceTextBlock;
- sustainability sections: the whole GovernanceTextBlock, RiskManagementTextBlock,
  StrategyTextBlock and MetricsAndTargetsTextBlock of each filing;
- the register: the share of sentences ending in です/ます in each of those blocks.

Prints counts, quartiles and extremes as JSON; docs/drafting.md quotes them.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "realdocs"
SUST = ("GovernanceTextBlock", "RiskManagementTextBlock", "StrategyTextBlock", "MetricsAndTargetsTextBlock")
ITEM = re.compile(r"^\s*([（(][0-9０-９]{1,2}[）)]|[①-⑳]|[0-9０-９]{1,2}[.．、]\s?)\s*\S")
CYBER = re.compile(r"情報セキュリティ|サイバー|情報漏|システム障害|情報システム")


def paragraphs(markup: str) -> list[str]:
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</h\d>|</tr>|</li>", "\n", markup)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return [ln.strip().replace("\u3000", "") for ln in text.splitlines() if ln.strip().replace("\u3000", "").strip()]


def chars(s: str) -> int:
    return len(re.sub(r"\s", "", s))


def blocks() -> list[tuple[str, str, str]]:
    """(filing, concept, html) for every text block of interest."""
    out = []
    for f in sorted((ROOT / "edinet").glob("*.canonical.json.gz")):
        data = json.load(gzip.open(f))
        for fact in data["facts"].values():
            concept = fact["dimensions"]["concept"]
            if concept in [f"jpcrp_cor:{c}" for c in ("BusinessRisksTextBlock",) + SUST] and fact.get("value"):
                out.append((f.name.split(".")[0], concept.split(":")[1], fact["value"]))
    for f in sorted((ROOT / "xbrl").glob("*.xbrl")):
        text = f.read_text(encoding="utf-8", errors="replace")
        m = re.search(r"<jpcrp_cor:BusinessRisksTextBlock[^>]*>(.*?)</jpcrp_cor:BusinessRisksTextBlock>", text, re.S)
        if m:
            out.append((f.stem, "BusinessRisksTextBlock", html.unescape(m.group(1))))
    return out


def risk_items(paras: list[str]) -> list[tuple[str, int]]:
    """(heading + first body line, body length) per numbered item."""
    items: list[tuple[str, list[str]]] = []
    for p in paras:
        if ITEM.match(p) and chars(p) <= 60:  # a heading line
            items.append((p, []))
        elif items:
            items[-1][1].append(p)
    return [(h + "".join(b), sum(chars(x) for x in b)) for h, b in items if b]


def quartiles(xs: list[int]) -> dict[str, float]:
    xs = sorted(xs)
    if len(xs) < 2:
        return {"n": len(xs), "values": xs}
    q = statistics.quantiles(xs, n=4)
    return {"n": len(xs), "min": xs[0], "q1": q[0], "median": q[1], "q3": q[2], "max": xs[-1]}


def polite_share(paras: list[str]) -> float:
    sents = [s for p in paras for s in re.split(r"(?<=。)", p) if s.endswith("。")]
    if not sents:
        return 0.0
    return round(sum(bool(re.search(r"(ます|です|ません|ました|でした)[）)]?。$", s)) for s in sents) / len(sents), 2)


def main() -> None:
    risk, cyber, gov_paras, sections, register = [], [], [], {k: [] for k in SUST}, {}
    for filing, concept, markup in blocks():
        paras = paragraphs(markup)
        register[f"{filing}:{concept}"] = polite_share(paras)
        if concept == "BusinessRisksTextBlock":
            for text, n in risk_items(paras):
                risk.append(n)
                if CYBER.search(text):
                    cyber.append(n)
        else:
            key = next(k for k in SUST if concept.endswith(k))
            sections[key].append(sum(chars(p) for p in paras))
            if key == "GovernanceTextBlock":
                gov_paras.extend(chars(p) for p in paras if chars(p) > 30)
    print(json.dumps({
        "risk_items": quartiles(risk),
        "risk_items_information_security": quartiles(cyber),
        "governance_paragraphs": quartiles(gov_paras),
        "sustainability_sections": {k: quartiles(v) for k, v in sections.items()},
        "polite_sentence_share": register,
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
