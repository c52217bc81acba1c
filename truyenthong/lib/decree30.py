"""python-docx helpers for the state document layout of Decree 30/2020/NĐ-CP (A4, Times New Roman, header blocks).

Facts reproduced: A4; margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt body; a borderless
two-column header (parent body upper case, issuing body upper case bold with a short rule, "Số: …" | national name
bold, motto bold with a rule, italic place-and-date line); document type upper case bold centred with its summary
line; "Nơi nhận:" (bold italic 12 pt, items 11 pt) on the left and the signature block on the right at the end.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from truyenthong.lib.vntext import place_date_line

FONT = "Times New Roman"
BODY_PT = 14
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def new_document():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    # East-Asian and complex-script slots too, so Word never substitutes another font for Vietnamese letters.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(6)
    return doc


def _run(paragraph, text, *, bold=False, italic=False, size=None):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name = FONT
    if size:
        run.font.size = Pt(size)
    return run


def _para(
    container, text="", *, align=WD_ALIGN_PARAGRAPH.CENTER, bold=False, italic=False, size=None, after=0
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _borderless_table(doc, widths_mm):
    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    return table.rows[0].cells


def _first(cell, text, **kwargs):
    """Write into the cell's own first paragraph, then add more with _para."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    if text:
        _run(paragraph, text, **kwargs)
    return paragraph


def add_header(doc, *, parent_body: str, issuing_body: str, number: str, place: str, date: dt.date | None):
    left, right = _borderless_table(doc, (65, 100))
    if parent_body:
        _first(left, parent_body.upper(), size=13)
        _para(left, issuing_body.upper(), bold=True, size=13)
    else:
        _first(left, issuing_body.upper(), bold=True, size=13)
    _para(left, "________", size=10)
    _para(left, f"Số: {number}", size=13)
    _first(right, NATIONAL_NAME, bold=True, size=13)
    _para(right, MOTTO, bold=True, size=14)
    _para(right, "________________________", size=10)
    if date:
        _para(right, place_date_line(place, date), italic=True, size=14)
    return left, right


def add_title(doc, doc_type: str, summary: str):
    _para(doc, "", after=6)
    _para(doc, doc_type.upper(), bold=True, size=14)
    _para(doc, summary, bold=True, size=14, after=12)


def add_heading(doc, text: str):
    return _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, bold=True, after=6)


def add_paragraph(doc, text: str, *, italic=False):
    paragraph = _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, italic=italic, after=6)
    paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph


def add_bullet(doc, text: str, *, marker: str = "-"):
    return add_paragraph(doc, f"{marker} {text}")


def add_table(doc, header: list[str], rows: list[list]):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _first(cell, str(text), bold=True, size=12)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            _first(cell, "" if value is None else str(value), size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, "", after=6)
    return table


def add_footer_blocks(
    doc, *, recipients: list[str], signer_authority: str, signer_position: str, signer_name: str
):
    left, right = _borderless_table(doc, (80, 85))
    _first(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for i, item in enumerate(recipients):
        end = "." if i == len(recipients) - 1 else ";"
        _para(left, f"- {item}{end}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    if signer_authority:
        _first(right, signer_authority.upper(), bold=True, size=14)
        _para(right, signer_position.upper(), bold=True, size=14)
    else:
        _first(right, signer_position.upper(), bold=True, size=14)
    for _ in range(3):
        _para(right, "")
    _para(right, signer_name, bold=True, size=14)
    return left, right


def to_bytes(doc) -> bytes:
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
