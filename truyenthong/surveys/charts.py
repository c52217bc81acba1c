"""Server-drawn SVG bar charts for survey results (no script, readable without colour: values are written)."""

from __future__ import annotations

from django.utils.html import escape


def bars_svg(rows: list[tuple[str, float, str]], *, width: int = 560, title: str = "") -> str:
    """Horizontal bars: rows of (label, value 0–100, text shown after the bar)."""
    bar_h, gap, label_w = 22, 8, 200
    height = len(rows) * (bar_h + gap) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-label="{escape(title)}" font-family="Liberation Sans, Arial, sans-serif" font-size="12">'
    ]
    span = width - label_w - 70
    for i, (label, value, text) in enumerate(rows):
        y = 5 + i * (bar_h + gap)
        w = max(0.0, min(100.0, value)) / 100 * span
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(label[:34])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#1f5fa8"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 15}">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)
