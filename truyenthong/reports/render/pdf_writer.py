"""The report as PDF (fpdf2) in the same Decree 30 layout as the Word file: A4, margins 20/20/30/15 mm, Liberation
Serif (the metrics of Times New Roman) embedded, so every Vietnamese diacritic survives printing and text extraction.
"""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from truyenthong.lib.decree30 import MOTTO, NATIONAL_NAME
from truyenthong.lib.vntext import nfc, place_date_line
from truyenthong.reports.render.charts import chart_png
from truyenthong.reports.render.docx_writer import column_aligns, has_values
from truyenthong.reports.render.fonts import SERIF
from truyenthong.reports.render.model import ReportDocument

LEFT, RIGHT, TOP, BOTTOM = 30.0, 15.0, 20.0, 20.0
TEXT_W = 210.0 - LEFT - RIGHT  # 165 mm
HEADER_COLS = (68.0, 97.0)
FOOTER_COLS = (80.0, 85.0)
FAMILY = "TimesVN"
LINE = 6.2  # mm per line of 13-14 pt text at ~1.15 spacing


class _Pdf(FPDF):
    def header(self):
        # Page numbers centred at the top from the second page on, as Decree 30 asks.
        if self.page_no() > 1:
            self.set_y(10)
            self.set_font(FAMILY, "", 13)
            self.cell(0, 5, str(self.page_no()), align="C")
            self.set_y(TOP)


def _new_pdf() -> _Pdf:
    pdf = _Pdf(orientation="P", unit="mm", format="A4")
    for style, path in SERIF.items():
        pdf.add_font(FAMILY, style, str(path))
    pdf.set_margins(left=LEFT, top=TOP, right=RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title("Báo cáo")
    pdf.set_lang("vi-VN")
    pdf.add_page()
    return pdf


def _column(pdf: _Pdf, x: float, y: float, width: float, lines: list[tuple[str, str, float]]) -> float:
    """Centred lines in a column starting at (x, y); returns the y under the last line."""
    pdf.set_xy(x, y)
    for text, style, size in lines:
        if text == "---":
            rule = 22.0 if width < 80 else 56.0
            mid = x + width / 2
            pdf.set_line_width(0.3)
            pdf.line(mid - rule / 2, pdf.get_y() + 0.6, mid + rule / 2, pdf.get_y() + 0.6)
            pdf.set_xy(x, pdf.get_y() + 2.2)
            continue
        pdf.set_font(FAMILY, style, size)
        pdf.set_x(x)
        pdf.multi_cell(width, size * 0.45, nfc(text), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    return pdf.get_y()


def _paragraph(pdf: _Pdf, text: str, *, style: str = "", size: float = 14, align: str = "J", indent=True):
    pdf.set_font(FAMILY, style, size)
    pdf.set_x(LEFT)
    prefix = "\u00a0" * 6 if indent else ""
    pdf.multi_cell(TEXT_W, LINE, prefix + nfc(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def report_pdf(doc: ReportDocument, *, chart_image: bytes | None = None) -> bytes:
    pdf = _new_pdf()
    left_lines = []
    if doc.parent_body:
        left_lines.append((doc.parent_body.upper(), "", 13))
    left_lines += [
        (doc.issuing_body.upper(), "B", 13),
        ("---", "", 0),
        (f"Số: {doc.number}".rstrip(), "", 13),
    ]
    right_lines = [
        (NATIONAL_NAME, "B", 12),
        (MOTTO, "B", 13),
        ("---", "", 0),
        (place_date_line(doc.place, doc.issued_on), "I", 14),
    ]
    y0 = pdf.get_y()
    bottom_left = _column(pdf, LEFT, y0, HEADER_COLS[0], left_lines)
    bottom_right = _column(pdf, LEFT + HEADER_COLS[0], y0, HEADER_COLS[1], right_lines)
    pdf.set_xy(LEFT, max(bottom_left, bottom_right) + 6)
    if doc.draft:
        _paragraph(pdf, "DỰ THẢO", style="B", size=12, align="R", indent=False)
    pdf.set_font(FAMILY, "B", 14)
    pdf.multi_cell(TEXT_W, LINE, nfc(doc.doc_type.upper()), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if doc.summary:
        pdf.multi_cell(TEXT_W, LINE, nfc(doc.summary), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    mid = LEFT + TEXT_W / 2
    pdf.line(mid - 22.5, pdf.get_y() + 1, mid + 22.5, pdf.get_y() + 1)
    pdf.ln(6)

    for block in doc.blocks:
        if block.heading:
            style = "B" if block.level < 3 else "BI"
            _paragraph(pdf, block.heading, style=style)
        for text in block.paragraphs:
            for line in text.splitlines():
                if line.strip():
                    _paragraph(pdf, line.strip())
        for table in block.tables:
            if pdf.get_y() + 40 > pdf.h - BOTTOM:
                pdf.add_page()  # keep the caption with the first rows of its table
            if table.title:
                _paragraph(pdf, table.title, style="I", size=13, align="C", indent=False)
            pdf.set_font(FAMILY, "", 11)
            widths = table.widths or [1] * len(table.header)
            aligns = [a.upper() for a in column_aligns(table)]
            pdf.set_x(LEFT)
            with pdf.table(
                col_widths=widths,
                width=TEXT_W,
                align="LEFT",  # from the left margin: centred on the page it starts inside the 30 mm margin
                repeat_headings=1,
                line_height=5.2,
                text_align=aligns,
                headings_style=FontFace(emphasis="BOLD"),
                first_row_as_headings=True,
            ) as grid:
                head = grid.row()
                for text in table.header:
                    head.cell(nfc(text), align="CENTER")
                for shown in table.shown():
                    row = grid.row()
                    for text in shown:
                        row.cell(nfc(text))
            pdf.ln(3)
        if block.chart is not None and block.chart.bars and not has_values(block.chart):
            _paragraph(pdf, f"{block.chart.title}: chưa có dữ liệu.", style="I", size=12, indent=False)
        elif block.chart is not None and block.chart.bars:
            image = chart_image or chart_png(block.chart)
            width = 160.0
            if pdf.get_y() + 60 > pdf.h - BOTTOM:
                pdf.add_page()
            pdf.image(io.BytesIO(image), x=LEFT + (TEXT_W - width) / 2, w=width)
            _paragraph(pdf, block.chart.title, style="I", size=12, align="C", indent=False)

    needed = 8 + 5 * (len(doc.recipients) + 1) + 40
    if pdf.get_y() + needed > pdf.h - BOTTOM:
        pdf.add_page()
    y0 = pdf.get_y() + 4
    pdf.set_xy(LEFT, y0)
    pdf.set_font(FAMILY, "BI", 12)
    pdf.cell(FOOTER_COLS[0], 5.5, "Nơi nhận:", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "", 11)
    items = [nfc(r).lstrip("-+• ").rstrip(";.,").strip() for r in doc.recipients]
    items = [r for r in items if r]
    for i, item in enumerate(items):
        end = "." if i == len(items) - 1 else ";"
        pdf.set_x(LEFT)
        pdf.multi_cell(FOOTER_COLS[0] - 4, 5, f"- {item}{end}", new_x=XPos.LEFT, new_y=YPos.NEXT)
    x = LEFT + FOOTER_COLS[0]
    lines = [(t.upper(), "B", 14) for t in (doc.signer_authority, doc.signer_position) if t]
    bottom = _column(pdf, x, y0, FOOTER_COLS[1], lines)
    _column(pdf, x, bottom + 24, FOOTER_COLS[1], [(doc.signer_name, "B", 14)])
    return bytes(pdf.output())
