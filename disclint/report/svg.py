"""A radar (spider) chart as an inline SVG string, for the HTML reports (no script, no image file)."""

from __future__ import annotations

import html
import math


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def radar_svg(
    labels: list[str],
    values: list[float],
    *,
    max_value: float = 100.0,
    size: int = 340,
    title: str = "",
    tooltips: list[str] | None = None,
    css_class: str = "radar",
) -> str:
    """A radar (spider) chart as an inline SVG string: grid rings at 25/50/75/100 %, one axis per label."""
    n = len(labels)
    if n < 3:
        raise ValueError("a radar chart needs at least three axes")
    cx = cy = size / 2
    r = size / 2 - 40
    pad, side = 8, 72  # room for the labels left and right of the rings

    def point(i: int, frac: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * frac * math.cos(angle), cy + r * frac * math.sin(angle)

    def poly(points: list[tuple[float, float]]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)

    out = [
        f'<svg class="{esc(css_class)}" xmlns="http://www.w3.org/2000/svg" viewBox="{-side} {-pad} {size + 2 * side} {size + 2 * pad}" '
        f'width="{size + 2 * side}" height="{size + 2 * pad}" role="img" aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        out.append(
            f'<polygon class="ring" points="{poly([point(i, ring) for i in range(n)])}" fill="none" stroke="#c8ccd4" stroke-width="1"/>'
        )
    for i in range(n):
        x, y = point(i, 1.0)
        out.append(
            f'<line class="axis" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8ccd4" stroke-width="1"/>'
        )
    fracs = [max(0.0, min(1.0, (v or 0.0) / max_value)) for v in values]
    out.append(
        f'<polygon class="value" points="{poly([point(i, f) for i, f in enumerate(fracs)])}" fill="#2f6fde" fill-opacity="0.28" stroke="#2f6fde" stroke-width="2"/>'
    )
    for i, (f, v) in enumerate(zip(fracs, values, strict=False)):
        x, y = point(i, f)
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="#2f6fde"><title>{esc(labels[i])}: {v:g}</title></circle>'
        )
    for i, label in enumerate(labels):
        x, y = point(i, 1.0)
        dx = x - cx
        anchor = "middle" if abs(dx) < 1 else ("start" if dx > 0 else "end")
        lx, ly = point(i, 1.1)
        ly += 4 if abs(ly - cy) < r * 0.2 else (12 if ly > cy else -2)
        tip = f"<title>{esc(tooltips[i])}</title>" if tooltips and i < len(tooltips) else ""
        out.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="12">{tip}{esc(label)} <tspan class="val">{values[i]:g}</tspan></text>'
        )
    out.append("</svg>")
    return "".join(out)


# ------------------------------------------------------------------ highlighted text
