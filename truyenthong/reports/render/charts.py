"""The indicator chart as a PNG (Pillow): one horizontal bar per indicator, its target as a vertical mark, the value
printed at the end of the bar and the status readable without colour (the label says it)."""

from __future__ import annotations

import io
import math
import sys

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


NO_DATA = "Chưa có dữ liệu"


def finite(value) -> float | None:
    """The value as a float, or None when there is none or it is not a finite number (NaN, infinity)."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, ArithmeticError):
        return None
    return number if math.isfinite(number) else None


def scale_top(values: list[float | None], *, percent: bool, headroom: float) -> float:
    """The value drawn at the right end of the bars: 100 for percentages (or the largest value above 100), else
    the largest value with some headroom; never 0, so an all-zero or empty series still has a scale."""
    present = [v for v in values if v is not None and v > 0]
    largest = max(present, default=0.0)
    if percent:
        return max(100.0, largest)
    return min(largest * headroom, sys.float_info.max) if largest > 0 else 1.0


def position(value: float, top: float, span: float) -> float:
    """How far along `span` pixels `value` lies on a scale 0 … top (clamped to the bar)."""
    # the share of the scale first (≤ 1): multiplying a huge value by the span first overflows to inf, and inf/inf
    # is NaN, which no drawing library can place
    return span * (max(0.0, min(value, top)) / top)


def sentence_case(text: str) -> str:
    """A label in sentence case: first letter capital; a label typed all in capitals is lowered first, except
    for acronyms and Roman numerals (words of up to five capitals such as THPT, GDĐT, II)."""
    text = " ".join((text or "").split())
    if not text:
        return text
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 12:
        text = " ".join(w if len(w) <= 5 and w.isalpha() and _acronym(w) else w.lower() for w in text.split())
    return text[0].upper() + text[1:]


_ACRONYMS = {"THPT", "THCS", "GDĐT", "UBND", "CNTT", "ĐTN", "TNCS", "NQ", "TW", "KH", "BGH", "GVCN", "HĐND"}


def _acronym(word: str) -> bool:
    return word.strip(".,;:()") in _ACRONYMS or set(word) <= set("IVXL")


def font(size: int, bold: bool = False):
    return ImageFont.truetype(str(SANS["B" if bold else ""]), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, fnt, width: int, max_lines: int = 2) -> list[str]:
    """`text` in at most `max_lines` lines of at most `width` pixels; what does not fit ends in "…"."""
    words, lines, line = (text or "").split(), [], ""
    cut = False
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=fnt) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        if len(lines) == max_lines:
            cut, line = True, ""
            break
    if line:
        if len(lines) < max_lines:
            lines.append(line)
        else:
            cut = True
    too_wide = bool(lines) and any(draw.textlength(ln, font=fnt) > width for ln in lines)
    if cut or too_wide:
        last = lines[-1] if lines else ""
        lines = [_fit(draw, ln, fnt, width) for ln in lines[:-1]] + [_fit(draw, last, fnt, width, force=cut)]
    return lines


def _fit(draw, text: str, fnt, width: int, *, force: bool = False) -> str:
    """`text` cut to `width` pixels with "…" (also when `force`, to say that words were left out)."""
    if not force and draw.textlength(text, font=fnt) <= width:
        return text
    while text and draw.textlength(text + "…", font=fnt) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def chart_png(chart: Chart) -> bytes:
    bars = chart.bars or []
    height = TOP + ROW_H * max(len(bars), 1) + 70
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    for j, line in enumerate(wrap(draw, chart.title, font(34, True), WIDTH - 48, max_lines=1)):
        draw.text((24, 24 + j * 40), line, font=font(34, True), fill="#1b1f24")
    values = [finite(b.value) for b in bars]
    targets = [finite(b.target) for b in bars]
    top = scale_top(values + targets, percent=chart.percent, headroom=1.15)
    left, right = LABEL_W + 40, WIDTH - 140
    span = right - left
    label_font, value_font = font(24), font(26, True)
    if not any(v is not None for v in values):
        draw.text((24, TOP + 20), NO_DATA, font=value_font, fill="#4a5561")
    for i, bar in enumerate(bars):
        y = TOP + i * ROW_H
        for j, line in enumerate(wrap(draw, sentence_case(bar.label), label_font, LABEL_W)):
            draw.text((24, y + 8 + j * 30), line, font=label_font, fill="#1b1f24")
        draw.rectangle([left, y + 14, right, y + 62], fill="#eef1f4")
        value = values[i]
        if value is not None:
            end = left + position(value, top, span)
            if end > left:
                draw.rectangle([left, y + 14, end, y + 62], fill=COLOURS.get(bar.status, "#8a96a3"))
            draw.text((min(end + 10, right - 120), y + 20), bar.text, font=value_font, fill="#1b1f24")
        else:
            draw.text((left + 10, y + 20), STATUS_WORDS["no_data"], font=label_font, fill="#4a5561")
        if targets[i] is not None:
            x = left + position(targets[i], top, span)
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
