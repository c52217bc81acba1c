"""Build .docx and .pdf renderings of a plan's text, the way schools' files come, for tests."""

from __future__ import annotations

import unicodedata
from io import BytesIO
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "truyenthong" / "plans" / "fixtures" / "ke-hoach-35-KH-CLQD.txt"
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
DATA = Path(__file__).resolve().parents[1] / "data" / "plans"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def sample_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _is_header_line(line: str) -> bool:
    return line.startswith("Số:") or ", ngày " in line[:40] or line.isupper() and len(line) < 60


def docx_from_text(text: str) -> bytes:
    """A Word file like a school's template: header lines in a borderless two-column table, the rest as paragraphs."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lines = [line for line in text.splitlines() if line.strip()]
    header_end = next(i for i, line in enumerate(lines) if line.strip() in ("KẾ HOẠCH", "BÁO CÁO"))
    left, right = [], []
    for line in lines[:header_end]:
        (right if (", ngày " in line or line.startswith(("CỘNG HÒA", "Độc lập"))) else left).append(line)
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    for cell, cell_lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = cell_lines[0] if cell_lines else ""
        for line in cell_lines[1:]:
            cell.add_paragraph(line)
    for line in lines[header_end:]:
        doc.add_paragraph(line)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def pdf_from_text(text: str, *, decompose: bool = False) -> bytes:
    """A text PDF whose long paragraphs wrap across printed lines (the reader must join them back)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(30, 20, 15)
    pdf.add_font("Serif", "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("Serif", size=13)
    for line in text.splitlines():
        if not line.strip():
            continue
        if decompose:
            line = unicodedata.normalize("NFD", line)
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def pdf_without_text() -> bytes:
    """A PDF with only a drawing, like a scan without OCR."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")
    return bytes(pdf.output())
