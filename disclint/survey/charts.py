"""The charts of ``disclint survey report`` (matplotlib, the bundled Japanese font)."""

from __future__ import annotations

import base64
import io
import warnings
from pathlib import Path
from typing import Any

from ..i18n import directive_label, paren, status_label, t
from .data import (
    DIRECTIVES,
    CompanyYear,
    Data,
    _by_industry,
    _by_year,
)
from .yoy import YoYChange, latest_pairs, yoy_changes, yoy_shares

# --------------------------------------------------------------------------- charts


def setup_matplotlib() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # company and industry names are data: "$…$" must be drawn as it is, not parsed as mathtext
    # (a bad expression raised ValueError in the middle of the report)
    matplotlib.rcParams["text.parse_math"] = False

    try:
        import matplotlib_fontja  # noqa: F401 - sets the Japanese font (IPAexGothic)
    except ImportError:  # pragma: no cover - the survey extra installs it
        pass
    return plt


def font_path() -> str:
    """The file of the font matplotlib uses for text (the bundled IPAexGothic when available)."""
    plt = setup_matplotlib()
    from matplotlib import font_manager

    return font_manager.findfont(font_manager.FontProperties(family=plt.rcParams["font.family"]))


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def chart_share(data: Data, sel: list[CompanyYear]) -> Any:
    plt = setup_matplotlib()
    L = data.lang
    fig, ax = plt.subplots(figsize=(8, 4.2))
    labels = [directive_label(d, L) for d in DIRECTIVES]
    n = max(1, len(sel))
    cov = [sum(c.directives[d] == "covered" for c in sel) / n for d in DIRECTIVES]
    weak = [sum(c.directives[d] == "weak" for c in sel) / n for d in DIRECTIVES]
    ax.bar(labels, cov, color="#2e7d32", label=status_label("covered", L, mark=False))
    ax.bar(labels, weak, bottom=cov, color="#f9a825", label=status_label("weak", L, mark=False))
    ax.set_ylim(0, 1)
    ax.set_ylabel(t("survey.report.share", L))
    ax.set_title(t("survey.report.share_title", L) + paren(f"n={len(sel)}", L))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.legend(loc="upper right")
    return fig


def chart_heatmap(data: Data, sel: list[CompanyYear]) -> Any:
    plt = setup_matplotlib()
    L = data.lang
    groups = _by_industry(sel)
    names = list(groups)
    matrix = [[sum(c.directives[d] == "covered" for c in cs) / len(cs) for d in DIRECTIVES] for cs in groups.values()]
    fig, ax = plt.subplots(figsize=(9, 0.38 * len(names) + 1.6))
    im = ax.imshow(matrix or [[0] * 10], cmap="Greens", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(DIRECTIVES)), [directive_label(d, L) for d in DIRECTIVES])
    ax.set_yticks(range(len(names)), [f"{n}{paren(str(len(groups[n])), L)}" for n in names])
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=7, color="white" if v > 0.6 else "black")
    ax.set_title(t("survey.report.heatmap_title", L))
    fig.colorbar(im, ax=ax, fraction=0.03, format=plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    return fig


MAX_LINES = 6  # lines per chart; more series become small multiples


def _year_ticks(years: dict[int, list[CompanyYear]], lang: str) -> list[str]:
    return [f"{y}\nn={len(cs)}" for y, cs in years.items()]


def chart_trend(data: Data) -> Any:
    """Small multiples, one directive per panel (never ten overlapping lines); fiscal years are
    categories (evenly spaced, gaps are not stretched) labelled with their n."""
    plt = setup_matplotlib()
    L = data.lang
    years = _by_year(data.counted(data.company_years))
    xs = list(range(len(years)))
    fig, axes = plt.subplots(2, 5, figsize=(12, 6.2), sharey=True)
    for _k, (d, ax) in enumerate(zip(DIRECTIVES, axes.flat, strict=False)):
        ys = [sum(c.directives[d] == "covered" for c in cs) / len(cs) for cs in years.values()]
        ax.plot(xs, ys, marker="o", color="#2e7d32", linewidth=1.8)
        ax.set_title(directive_label(d, L), fontsize=10)
        ax.set_ylim(-0.03, 1.03)
        ax.grid(axis="y", alpha=0.3)
        ax.set_xticks(xs, _year_ticks(years, L), fontsize=7)
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    fig.suptitle(t("survey.report.trend_title", L) + paren(t("survey.chart.n_per_year", L), L))
    fig.tight_layout()
    return fig


def chart_yoy(data: Data, pairs: dict[str, list[YoYChange]]) -> Any:
    """Per directive: share of companies that added it (up) and that dropped it (down)."""
    plt = setup_matplotlib()
    L = data.lang
    n, added, dropped = yoy_shares(pairs)
    fig, ax = plt.subplots(figsize=(8, 4.2))
    labels = [directive_label(d, L) for d in DIRECTIVES]
    ax.bar(labels, [added[d] for d in DIRECTIVES], color="#2e7d32", label=t("survey.report.added", L))
    ax.bar(labels, [-dropped[d] for d in DIRECTIVES], color="#c62828", label=t("survey.report.dropped", L))
    ax.axhline(0, color="#444", linewidth=0.8)
    top = max([0.1, *added.values(), *dropped.values()])
    ax.set_ylim(-top * 1.15, top * 1.15)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{abs(v):.0%}"))
    ax.set_ylabel(t("survey.report.share", L))
    ax.set_title(t("survey.report.yoy_title", L) + paren(f"n={n}", L), fontsize=10)
    ax.legend(loc="upper right")
    return fig


def radar_axes(labels: list[str], top: float, ticks: list[float], tick_labels: list[str], size: float = 6.0) -> Any:
    """A polar figure with one axis per label, the first at the top, clockwise (the directives'
    radar of the survey report and of the self-assessment). Returns (plt, fig, ax, angles)."""
    import math

    plt = setup_matplotlib()
    angles = [2 * math.pi * i / len(labels) for i in range(len(labels))] + [0.0]
    fig = plt.figure(figsize=(size, size))
    ax = fig.add_subplot(polar=True)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_xticks(angles[:-1], labels)
    ax.set_ylim(0, top)
    ax.set_yticks(ticks, tick_labels, fontsize=8)
    return plt, fig, ax, angles


def chart_radar(series: list[tuple[str, list[float]]], title: str, lang: str) -> Any:
    _, fig, ax, angles = radar_axes(
        [directive_label(d, lang) for d in DIRECTIVES], 1, [0.25, 0.5, 0.75, 1.0], ["", "0.5", "", "1"]
    )
    for name, vals in series:
        v = list(vals) + [vals[0]]
        ax.plot(angles, v, linewidth=1.8, label=name)
        ax.fill(angles, v, alpha=0.12)
    ax.set_title(title, pad=18)
    ax.legend(loc="upper right", bbox_to_anchor=(1.35, 1.12), fontsize=8)
    return fig


def radar_series(
    data: Data, sel: list[CompanyYear], codes: list[str]
) -> tuple[list[tuple[str, list[float]]], str, list[str]]:
    """Series for ``--compare``: several companies, or one company against its industry average."""
    L = data.lang
    from .inputs import normalize_code

    wanted = [normalize_code(c) for c in codes]
    found = [c for w in wanted for c in sel if c.code == w or c.company == w]
    missing = [w for w in wanted if not any(c.code == w or c.company == w for c in sel)]
    found = found[
        : MAX_LINES - 1
    ]  # at most ~6 lines per chart (the report notes the others: survey.report_compare_limited)
    series = [
        (
            f"{c.company}{paren(f'{c.code} {c.fiscal_year}', L)}",
            [c.value(d) for d in DIRECTIVES],
        )
        for c in found
    ]
    if len(found) == 1:
        peers = [c for c in sel if c.industry == found[0].industry]
        avg = [sum(c.value(d) for c in peers) / len(peers) for d in DIRECTIVES]
        series.append(
            (
                t("text.labelled", L, label=t("survey.report.industry_avg", L), text=found[0].industry)
                + paren(f"n={len(peers)}", L),
                avg,
            )
        )
    return series, t("survey.report.radar_title", L), missing


def industry_radar(data: Data, sel: list[CompanyYear], top: int = 4) -> list[tuple[str, list[float]]]:
    L = data.lang
    series = [
        (
            t("survey.report.all_avg", L) + paren(f"n={len(sel)}", L),
            [sum(c.value(d) for c in sel) / max(1, len(sel)) for d in DIRECTIVES],
        )
    ]
    groups = _by_industry(sel)
    if len(groups) == 1:  # one industry: its average is the all-companies line (drawn once, not hidden under a copy)
        return series
    for ind, cs in list(groups.items())[:top]:
        series.append(
            (
                f"{ind}{paren(f'n={len(cs)}', L)}",
                [sum(c.value(d) for c in cs) / len(cs) for d in DIRECTIVES],
            )
        )
    return series


def render_charts(
    data: Data, sel: list[CompanyYear], codes: list[str], out_dir: Path | None = None, year: int | None = None
) -> tuple[dict[str, str], list[str], list[str]]:
    """name -> base64 PNG; also the glyph warnings matplotlib emitted (must be none)."""
    charts: dict[str, str] = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts["share"] = _png(chart_share(data, sel))
        charts["heatmap"] = _png(chart_heatmap(data, sel))
        if len(_by_year(data.counted(data.company_years))) >= 1:
            charts["trend"] = _png(chart_trend(data))
        latest = latest_pairs(yoy_changes(data), year)
        if latest:
            charts["yoy"] = _png(chart_yoy(data, latest))
        missing: list[str] = []
        if codes:
            series, title, missing = radar_series(data, sel, codes)
            if series:
                charts["radar_compare"] = _png(chart_radar(series, title, data.lang))
        charts["radar_industry"] = _png(
            chart_radar(industry_radar(data, sel), t("survey.report.radar_industry_title", data.lang), data.lang)
        )
    glyph = [str(w.message) for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    if out_dir is not None:
        (out_dir / "charts").mkdir()
        for name, b64 in charts.items():
            (out_dir / "charts" / f"{name}.png").write_bytes(base64.b64decode(b64))
    return charts, glyph, missing
