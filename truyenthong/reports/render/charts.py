"""The indicator chart as a PNG (Pillow): one horizontal bar per indicator, its target as a vertical mark, the value
printed at the end of the bar and the status readable without colour (the label says it)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from truyenthong.reports.render.fonts import SANS
from truyenthong.reports.render.model import Chart

COLOURS = {
    "met": "#17653a",
    "at_risk": "#b36b00",
    "not_met": "#a3161b",
    "no_data": "#8a96a3",
    "undefined": "#8a96a3",
}
STATUS_WORDS = {"met": "Đạt", "at_risk": "Có nguy cơ", "not_met": "Chưa đạt", "no_data": "Chưa có dữ liệu"}
WIDTH = 1600
LABEL_W = 700
ROW_H = 92
TOP = 110


def font(size: int, bold: bool = False):
    return ImageFont.truetype(str(SANS["B" if bold else ""]), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, fnt, width: int, max_lines: int = 2) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=fnt) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        if len(lines) == max_lines:
            break
    if line and len(lines) < max_lines:
        lines.append(line)
    if len(lines) == max_lines and " ".join(lines) != " ".join(words):
        while lines[-1] and draw.textlength(lines[-1] + "…", font=fnt) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


def chart_png(chart: Chart) -> bytes:
    bars = chart.bars or []
    height = TOP + ROW_H * max(len(bars), 1) + 70
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((24, 24), chart.title, font=font(34, True), fill="#1b1f24")
    values = [b.value for b in bars if b.value is not None] + [b.target for b in bars if b.target is not None]
    top = 100.0 if chart.percent else max(values + [1.0]) * 1.15
    left, right = LABEL_W + 40, WIDTH - 140
    span = right - left
    label_font, value_font = font(24), font(26, True)
    for i, bar in enumerate(bars):
        y = TOP + i * ROW_H
        for j, line in enumerate(wrap(draw, bar.label, label_font, LABEL_W)):
            draw.text((24, y + 8 + j * 30), line, font=label_font, fill="#1b1f24")
        draw.rectangle([left, y + 14, right, y + 62], fill="#eef1f4")
        if bar.value is not None:
            end = left + span * max(0.0, min(bar.value, top)) / top
            draw.rectangle([left, y + 14, end, y + 62], fill=COLOURS.get(bar.status, "#8a96a3"))
            draw.text((min(end + 10, right - 120), y + 20), bar.text, font=value_font, fill="#1b1f24")
        else:
            draw.text((left + 10, y + 20), STATUS_WORDS["no_data"], font=label_font, fill="#4a5561")
        if bar.target is not None:
            x = left + span * max(0.0, min(bar.target, top)) / top
            draw.line([x, y + 6, x, y + 70], fill="#1b1f24", width=4)
    legend_y = height - 50
    x = 24
    draw.line([x, legend_y, x, legend_y + 30], fill="#1b1f24", width=4)
    draw.text((x + 12, legend_y), "Chỉ tiêu", font=label_font, fill="#1b1f24")
    x += 160
    for key in ("met", "at_risk", "not_met"):
        draw.rectangle([x, legend_y + 4, x + 26, legend_y + 28], fill=COLOURS[key])
        draw.text((x + 34, legend_y), STATUS_WORDS[key], font=label_font, fill="#1b1f24")
        x += 60 + int(draw.textlength(STATUS_WORDS[key], font=label_font))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()
