"""The one-page infographic of the plan's progress (1080×1350, a portrait Facebook/Zalo post), drawn once as a list
of shapes and written both as PNG (Pillow) and as SVG, so the two always show the same thing."""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape

from PIL import Image, ImageDraw

from truyenthong.reports.render.charts import (
    COLOURS,
    NO_DATA,
    STATUS_WORDS,
    finite,
    font,
    position,
    scale_top,
    sentence_case,
    wrap,
)
from truyenthong.reports.render.model import ReportDocument

WIDTH, HEIGHT = 1080, 1350
BRAND, INK, MUTED, PALE = "#a3161b", "#1b1f24", "#4a5561", "#eef1f4"
MAX_BARS = 6
FOOTER_H = 80  # the pale band at the bottom: nothing is drawn into it
MIN_ROW_H = 70


@dataclass
class Shape:
    kind: str  # rect / text / line
    box: tuple  # rect: x0, y0, x1, y1; text: x, y; line: x0, y0, x1, y1
    fill: str = INK
    text: str = ""
    size: int = 24
    bold: bool = False
    anchor: str = "start"  # start / middle / end
    width: int = 0  # line width


def layout(doc: ReportDocument, *, generated: str = "") -> list[Shape]:
    probe = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    title_lines = wrap(probe, "KẾT QUẢ THỰC HIỆN KẾ HOẠCH TRUYỀN THÔNG", font(50, True), WIDTH - 120)
    band = 200 + 62 * len(title_lines)
    s: list[Shape] = [
        Shape("rect", (0, 0, WIDTH, HEIGHT), "#ffffff"),
        Shape("rect", (0, 0, WIDTH, band), BRAND),
    ]
    s.append(Shape("text", (60, 70), "#ffffff", "TRUYỀN THÔNG NGHỊ QUYẾT TRONG NHÀ TRƯỜNG", 26, True))
    y = 140
    for line in title_lines:
        s.append(Shape("text", (60, y), "#ffffff", line, 50, True))
        y += 62
    for line in wrap(probe, doc.period_label, font(32), WIDTH - 120, max_lines=1):
        s.append(Shape("text", (60, y + 8), "#ffffff", line, 32))

    y = band + 60
    for line in wrap(probe, doc.school_name, font(34, True), WIDTH - 120):
        s.append(Shape("text", (60, y), INK, line, 34, True))
        y += 44

    counts = doc.status_counts
    met = counts.get("met", 0)
    measured = met + counts.get("at_risk", 0) + counts.get("not_met", 0)  # targets with a value this period
    y += 4
    s.append(Shape("rect", (60, y, WIDTH - 60, y + 170), PALE))
    if measured:
        big = f"{met}/{measured}"
        s.append(Shape("text", (100, y + 112), COLOURS["met"], big, 96, True))
        label_x = 100 + int(probe.textlength(big, font=font(96, True))) + 30
        s.append(Shape("text", (label_x, y + 70), INK, "chỉ tiêu có số liệu đã đạt", 32, True))
        rest = ", ".join(
            f"{counts.get(k, 0)} {STATUS_WORDS[k].lower()}"
            for k in ("at_risk", "not_met", "no_data")
            if counts.get(k)
        )
    else:
        s.append(Shape("text", (100, y + 80), MUTED, NO_DATA, 56, True))
        label_x = 100
        waiting = counts.get("no_data", 0) + counts.get("undefined", 0)
        rest = (
            f"{waiting} chỉ tiêu của kỳ này chưa có số liệu để đánh giá"
            if waiting
            else "Kế hoạch chưa có chỉ tiêu đo được trong kỳ này"
        )
    if rest:
        for j, line in enumerate(wrap(probe, rest, font(26), WIDTH - 60 - label_x - 20)):
            s.append(Shape("text", (label_x, y + (112 if measured else 130) + j * 32), MUTED, line, 26))
    y += 200

    boxes = doc.highlights[:3]
    if boxes:
        gap = 24
        box_w = (WIDTH - 120 - gap * (len(boxes) - 1)) // len(boxes)
        for i, h in enumerate(boxes):
            x0 = 60 + i * (box_w + gap)
            s.append(Shape("rect", (x0, y, x0 + box_w, y + 160), "#fbe7e7"))
            if h.value:
                s.append(Shape("text", (x0 + box_w // 2, y + 76), BRAND, h.value, 56, True, "middle"))
            else:  # nothing recorded: no giant 0
                s.append(Shape("text", (x0 + box_w // 2, y + 66), MUTED, NO_DATA.lower(), 28, True, "middle"))
            for j, line in enumerate(wrap(probe, h.label, font(24), box_w - 24)):
                s.append(Shape("text", (x0 + box_w // 2, y + 112 + j * 28), INK, line, 24, False, "middle"))
        y += 190

    chart = doc.chart
    bars = [b for b in (chart.bars if chart else []) if finite(b.value) is not None]
    room_for = (HEIGHT - FOOTER_H - 20 - (y + 56)) // MIN_ROW_H
    bars = bars[: max(0, min(MAX_BARS, room_for))]
    if bars:
        s.append(Shape("text", (60, y + 30), INK, "Một số chỉ tiêu", 30, True))
        y += 56
        values = [finite(b.value) for b in bars]
        targets = [finite(b.target) for b in bars]
        top = scale_top(values + targets, percent=chart.percent, headroom=1.1)
        row_h = max(min((HEIGHT - FOOTER_H - 20 - y) // len(bars), 96), MIN_ROW_H)
        span = WIDTH - 260
        for bar, value, target in zip(bars, values, targets, strict=True):
            label = (wrap(probe, sentence_case(bar.label), font(22), WIDTH - 260, max_lines=1) or [""])[0]
            s.append(Shape("text", (60, y + 24), INK, label, 22))
            s.append(Shape("rect", (60, y + 36, WIDTH - 200, y + 64), PALE))
            end = int(60 + position(value, top, span))
            if end > 60:
                s.append(Shape("rect", (60, y + 36, end, y + 64), COLOURS.get(bar.status, "#8a96a3")))
            if target is not None:
                tx = int(60 + position(target, top, span))
                s.append(Shape("line", (tx, y + 30, tx, y + 70), INK, width=4))
            s.append(Shape("text", (WIDTH - 60, y + 60), INK, bar.text, 26, True, "end"))
            y += row_h
    s.append(Shape("rect", (0, HEIGHT - FOOTER_H, WIDTH, HEIGHT), PALE))
    footer = "Nguồn: số liệu của nhà trường trên hệ thống truyenthong" + (
        f", {generated}" if generated else ""
    )
    for line in wrap(probe, footer, font(22), WIDTH - 120, max_lines=1):
        s.append(Shape("text", (60, HEIGHT - 32), MUTED, line, 22))
    return s


def infographic_png(doc: ReportDocument, *, generated: str = "") -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    for shape in layout(doc, generated=generated):
        if shape.kind == "rect":
            draw.rectangle(shape.box, fill=shape.fill)
        elif shape.kind == "line":
            draw.line(shape.box, fill=shape.fill, width=shape.width)
        else:
            fnt = font(shape.size, shape.bold)
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            draw.text(shape.box, shape.text, font=fnt, fill=shape.fill, anchor=anchor)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def infographic_svg(doc: ReportDocument, *, generated: str = "") -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(doc.school_name)} — {escape(doc.period_label)}" '
        'font-family="Liberation Sans, Arial, Helvetica, sans-serif">'
    ]
    for shape in layout(doc, generated=generated):
        if shape.kind == "rect":
            x0, y0, x1, y1 = shape.box
            parts.append(
                f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" fill="{shape.fill}"/>'
            )
        elif shape.kind == "line":
            x0, y0, x1, y1 = shape.box
            parts.append(
                f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="{shape.fill}" stroke-width="{shape.width}"/>'
            )
        else:
            x, y = shape.box
            weight = ' font-weight="bold"' if shape.bold else ""
            parts.append(
                f'<text x="{x}" y="{y}" font-size="{shape.size}"{weight} fill="{shape.fill}" '
                f'text-anchor="{shape.anchor}">{escape(shape.text)}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts)
