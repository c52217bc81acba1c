"""The QR poster of a class's link: a one-page A4 PDF to print or post, and the QR code alone as PNG."""

from __future__ import annotations

import io
import os
from pathlib import Path

import segno
from fpdf import FPDF

FONT_DIR = Path(os.environ.get("TRUYENTHONG_FONT_DIR", "/usr/share/fonts/truetype/liberation2"))
FAMILY = "SansVN"


def qr_png(url: str, scale: int = 10) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=3)
    return out.getvalue()


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, omitsize=True, border=2)


def poster_pdf(*, school_name: str, title: str, class_name: str, url: str, text: str) -> bytes:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.add_font(FAMILY, "", str(FONT_DIR / "LiberationSans-Regular.ttf"))
    pdf.add_font(FAMILY, "B", str(FONT_DIR / "LiberationSans-Bold.ttf"))
    pdf.set_title(f"{title} — lớp {class_name}")
    pdf.set_lang("vi-VN")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_margins(20, 20, 20)
    pdf.set_y(22)
    pdf.set_font(FAMILY, "B", 14)
    pdf.multi_cell(0, 7, school_name.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(FAMILY, "B", 22)
    pdf.multi_cell(0, 10, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 16)
    pdf.cell(0, 9, f"Dành cho lớp {class_name}", align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 6
    pdf.image(io.BytesIO(qr_png(url)), x=55, y=y, w=100, h=100)
    pdf.set_y(y + 106)
    pdf.set_font(FAMILY, "B", 15)
    pdf.cell(0, 8, url, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, "", 12)
    pdf.multi_cell(0, 6, text, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
