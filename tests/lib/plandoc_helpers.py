"""Build .docx and .pdf renderings of a plan's text, the way schools' files come, for tests.

- ``docx_from_text``: like a Word template — the header in a borderless two-column table (bodies and "Số:" on
  the left, national name, motto and place-and-date on the right), body paragraphs with their runs split as
  Word splits them, and the footer in a second borderless table ("Nơi nhận:" and its items in one paragraph
  broken by line breaks on the left, the signature block on the right).
- ``pdf_from_text``: text wrapped at the page width (the reader must join the lines), page numbers at the top
  from page 2; ``two_columns`` prints the header and footer blocks side by side as a PDF exported from Word
  does, so one printed line holds text of both columns; ``decompose`` writes NFD text.
- ``pdf_without_text``: a drawing only, like a scan without OCR.
"""

from __future__ import annotations

import unicodedata
from io import BytesIO
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "truyenthong" / "plans" / "fixtures" / "ke-hoach-35-KH-CLQD.txt"
DATA = Path(__file__).resolve().parents[1] / "data" / "plans"
# Liberation 2 has the Vietnamese letters; the older Liberation 1 does not, so DejaVu fills in for them.
FONT_DIRS = [Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation")]
FALLBACK_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
FONT_DIR = next((d for d in FONT_DIRS if (d / "LiberationSerif-Regular.ttf").exists()), FONT_DIRS[0])

_RIGHT_HEADER_STARTS = ("CỘNG HÒA", "CỘNG HOÀ", "Độc lập")
_DOC_TYPES = ("KẾ HOẠCH", "BÁO CÁO")


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def sample_text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def sample_names() -> list[str]:
    return sorted(p.name for p in DATA.glob("*.txt"))


def _blocks(text: str) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """(header left, header right, body, recipients, signature block) lines of a plan text.

    The signature block keeps its blank lines: they are the space where the signature goes.
    """
    raw = [line.strip() for line in text.splitlines()]
    type_at = next((i for i, line in enumerate(raw) if line in _DOC_TYPES), 0)
    left, right = [], []
    for line in filter(None, raw[:type_at]):
        is_right = line.startswith(_RIGHT_HEADER_STARTS) or (", ngày " in line and "tháng" in line)
        (right if is_right else left).append(line)
    footer_at = next((i for i in range(type_at, len(raw)) if raw[i].startswith("Nơi nhận")), len(raw))
    body = [line for line in raw[type_at:footer_at] if line]
    footer = raw[footer_at:]
    last = max((i for i, line in enumerate(footer) if line.startswith(("Nơi nhận", "-", "+"))), default=-1)
    recipients = [line for line in footer[: last + 1] if line]
    signer = footer[last + 1 :]
    while signer and not signer[0]:
        signer.pop(0)
    while signer and not signer[-1]:
        signer.pop()
    return left, right, body, recipients, signer


def _borderless(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def _fill(cell, lines: list[str]) -> None:
    first = True
    for line in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if line:
            paragraph.add_run(line)


def docx_from_text(text: str) -> bytes:
    """A Word file like a school's template (see the module docstring)."""
    from docx import Document

    header_left, header_right, body, recipients, signer = _blocks(text)
    doc = Document()
    if header_left or header_right:
        table = doc.add_table(rows=1, cols=2)
        _borderless(table)
        left, right = table.rows[0].cells
        # Word templates put a short rule (an empty bordered paragraph) under the issuing body and the motto.
        numbered = [line for line in header_left if line.startswith("Số")]
        bodies = [line for line in header_left if line not in numbered]
        _fill(left, [*bodies, "", *numbered])
        mottos = [line for line in header_right if line.startswith(_RIGHT_HEADER_STARTS)]
        _fill(right, [*mottos, "", *[line for line in header_right if line not in mottos]])
    for line in body:
        paragraph = doc.add_paragraph()
        # Word splits a paragraph into runs wherever formatting or editing history changed.
        cut = max(1, len(line) // 3)
        paragraph.add_run(line[:cut])
        paragraph.add_run(line[cut:])
    if recipients or signer:
        table = doc.add_table(rows=1, cols=2)
        _borderless(table)
        left, right = table.rows[0].cells
        if recipients:
            paragraph = left.paragraphs[0]
            for index, line in enumerate(recipients):
                run = paragraph.add_run(line)
                if index < len(recipients) - 1:
                    run.add_break()
        _fill(right, signer)
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _pdf(*, decompose: bool):
    from fpdf import FPDF

    class _Plan(FPDF):
        def header(self):
            if self.page_no() > 1:
                self.set_font("Serif", size=12)
                self.cell(0, 6, str(self.page_no()), align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(2)

    pdf = _Plan(format="A4")
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    for style, suffix in (("", "Regular"), ("B", "Bold"), ("I", "Italic")):
        pdf.add_font("Serif", style, str(FONT_DIR / f"LiberationSerif-{suffix}.ttf"))
    if FONT_DIR.name == "liberation" and FALLBACK_FONT.exists():
        pdf.add_font("Fallback", "", str(FALLBACK_FONT))
        pdf.set_fallback_fonts(["Fallback"])
    pdf.add_page()
    pdf.set_font("Serif", size=13)

    def prepare(line: str) -> str:
        return unicodedata.normalize("NFD", line) if decompose else line

    return pdf, prepare


def _side_by_side(pdf, prepare, left: list[str], right: list[str], widths=(65, 100), left_align="C") -> None:
    for index in range(max(len(left), len(right))):
        a = left[index] if index < len(left) else ""
        b = right[index] if index < len(right) else ""
        pdf.cell(widths[0], 7, prepare(a), align=left_align)
        pdf.cell(widths[1], 7, prepare(b), align="C", new_x="LMARGIN", new_y="NEXT")


def pdf_from_text(text: str, *, decompose: bool = False, two_columns: bool = False) -> bytes:
    """A text PDF whose long paragraphs wrap across printed lines (see the module docstring)."""
    pdf, prepare = _pdf(decompose=decompose)
    if not two_columns:
        for line in text.splitlines():
            if line.strip():
                pdf.multi_cell(0, 7, prepare(line.strip()), new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
    header_left, header_right, body, recipients, signer = _blocks(text)
    numbered = [line for line in header_left if line.startswith("Số")]
    bodies = [line for line in header_left if line not in numbered]
    mottos = [line for line in header_right if line.startswith(_RIGHT_HEADER_STARTS)]
    dates = [line for line in header_right if line not in mottos]
    rows = max(len(bodies), len(mottos))
    _side_by_side(
        pdf,
        prepare,
        bodies + [""] * (rows - len(bodies)) + numbered,
        mottos + [""] * (rows - len(mottos)) + dates,
    )
    pdf.ln(4)
    for line in body:
        pdf.multi_cell(0, 7, prepare(line), align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _side_by_side(pdf, prepare, recipients, signer, widths=(80, 85), left_align="L")
    return bytes(pdf.output())


def pdf_without_text() -> bytes:
    """A PDF with only a drawing, like a scan without OCR."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")
    return bytes(pdf.output())
