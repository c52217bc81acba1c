"""Server-drawn inline SVG sparklines: no JavaScript, no network, readable without colour."""

from __future__ import annotations

import math
from decimal import Decimal
from html import escape

WIDTH, HEIGHT, PAD = 120, 36, 4


def _finite(value) -> bool:
    if value is None:
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError, ArithmeticError):
        return False


def sparkline(
    points: list[tuple[str, Decimal | None]], *, target: Decimal | None = None, percent: bool = True
) -> str:
    """An SVG polyline of the values over periods (gaps where a period has no value), with a dashed target line.
    A value or target that is not a finite number (NaN, infinity) counts as missing; no value at all draws nothing."""
    points = [(key, v if _finite(v) else None) for key, v in points]
    target = target if _finite(target) else None
    values = [float(v) for _, v in points if v is not None]
    if not values:
        return ""
    top = max(values + ([float(target)] if target is not None else []))
    bottom = min(values + ([float(target)] if target is not None else []))
    if percent:
        top, bottom = max(top, 100.0), min(bottom, 0.0)
    span = (top - bottom) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(points) - 1, 1)

    def y(v: float) -> float:
        return round(HEIGHT - PAD - (v - bottom) / span * (HEIGHT - 2 * PAD), 1)

    segments, current, dots = [], [], []
    for i, (key, v) in enumerate(points):
        if v is None:
            if current:
                segments.append(current)
            current = []
            continue
        x = round(PAD + i * step, 1)
        current.append(f"{x},{y(float(v))}")
        dots.append(f'<circle cx="{x}" cy="{y(float(v))}" r="2"><title>{escape(key)}: {v}</title></circle>')
    if current:
        segments.append(current)
    label = "; ".join(f"{k}: {'—' if v is None else v}" for k, v in points)
    parts = [
        f'<svg class="spark" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-label="Diễn biến qua các kỳ: {escape(label)}">'
    ]
    if target is not None:
        ty = y(float(target))
        parts.append(f'<line x1="0" y1="{ty}" x2="{WIDTH}" y2="{ty}" class="spark-target"/>')
    for seg in segments:
        parts.append(f'<polyline points="{" ".join(seg)}" class="spark-line"/>')
    parts.extend(dots)
    parts.append("</svg>")
    return "".join(parts)
