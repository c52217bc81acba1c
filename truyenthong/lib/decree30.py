"""python-docx helpers for documents in the Decree 30/2020/NĐ-CP layout (plans, reports), with no Django.

A4 portrait, margins 20/20/30/15 mm (top, bottom, left, right), Times New Roman throughout, 14 pt body text,
justified with a 1.27 cm first-line indent and 6 pt between paragraphs. The header and the footer are borderless
two-column tables, as in the Word templates offices use:

    PARENT BODY                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    ISSUING BODY (bold)                     Độc lập - Tự do - Hạnh phúc (bold)
        ───                                        ──────────────
    Số: 35/KH-CLQĐ                    Quy Nhơn, ngày 09 tháng 3 năm 2026 (italic)

    Nơi nhận: (bold italic, 12 pt)               KT. HIỆU TRƯỞNG (bold)
    - Lãnh đạo trường; (11 pt)                   PHÓ HIỆU TRƯỞNG (bold)
    - Lưu: VT.                                   (signature space)
                                                 Nguyễn Văn A (bold)

Every run carries the font name (including the East Asian and complex-script slots Word falls back to), so the
text stays Times New Roman whatever the reader's default template is. Numbering ("I.", "1.", "a)", "-") is
written as text, not as Word list numbering, so it survives copying and text extraction.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt

from truyenthong.lib.vntext import nfc, place_date_line

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]  # 165 mm
FIRST_LINE_INDENT = Cm(1.27)
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_COLUMNS = (Mm(68), Mm(97))
FOOTER_COLUMNS = (Mm(80), Mm(85))

# The head of each kind of organisation: who signs, and on whose behalf a deputy signs ("KT." = ký thay).
HEAD_TITLES = {"school": "Hiệu trưởng", "department": "Giám đốc", "ministry": "Bộ trưởng"}
_DEPUTY_ALIASES = {"hieu pho": "pho hieu truong"}


def _folded(text: str) -> str:
    from truyenthong.lib.vntext import fold

    return " ".join(fold(text).replace(".", " ").split())


def signer_block(*, head: str, position: str, authority: str = "") -> tuple[str, str]:
    """(authority line, position line) of the signature block, in capitals, as Decree 30 wants them.

    The head signs under their own title ("", "HIỆU TRƯỞNG"); a deputy signs on the head's behalf:
    ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG") in a school, ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") in a Sở. An authority
    typed by the user is kept ("TM. BAN GIÁM HIỆU"), written with its dot ("KT HIỆU TRƯỞNG" → "KT. HIỆU TRƯỞNG");
    an empty position is the head's."""
    position = nfc(position or "").strip() or head
    authority = nfc(authority or "").strip()
    folded = _DEPUTY_ALIASES.get(_folded(position), _folded(position))
    if folded == f"pho {_folded(head)}":
        position = f"Phó {head[:1].lower()}{head[1:]}"
        if not authority:
            authority = f"KT. {head}"
    if authority:
        head_word, _, rest = authority.partition(" ")
        if head_word.rstrip(".").upper() in ("KT", "TM", "TL", "TUQ", "Q"):
            authority = f"{head_word.rstrip('.').upper()}. {rest.strip()}"
    return authority.upper(), position.upper()


_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


# ------------------------------------------------------------------------------------------------------ basics


def _set_run_font(run, *, size: float | None = None, bold=False, italic=False) -> None:
    run.font.name = FONT
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.rFonts if r_pr.rFonts is not None else r_pr._add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bool(bold)
    run.font.italic = bool(italic)


def _add_text(paragraph, text: str, *, size: float | None = None, bold=False, italic=False):
    run = paragraph.add_run(nfc(text))
    _set_run_font(run, size=size, bold=bold, italic=italic)
    return run


def _format(paragraph, *, align="justify", first_line: Length | None = None, before=0, after=6, spacing=1.15):
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.first_line_indent = first_line
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = spacing
    return paragraph


def new_document(*, body_size: float = BODY_PT, page_numbers: bool = True):
    """An empty A4 document with Decree 30 margins and Times New Roman as the default font."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = section.footer_distance = Mm(10)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(body_size)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.rFonts if r_pr.rFonts is not None else r_pr._add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), "vi-VN")
    _format(normal, after=6)
    document.core_properties.language = "vi-VN"
    if page_numbers:
        add_page_numbers(document)
    return document


def add_page_numbers(document) -> None:
    """Page numbers centred in the header from the second page on, as Decree 30 asks."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    _format(paragraph, align="center", after=0)
    run = paragraph.add_run()
    _set_run_font(run, size=HEADER_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)


def _rule(container, *, width: Length, within: Length) -> None:
    """A short horizontal rule, centred: an empty paragraph with a bottom border and equal side indents."""
    paragraph = container.add_paragraph()
    _format(paragraph, align="center", after=2, spacing=1.0)
    side = max(int((within - width) / 2), 0)
    paragraph.paragraph_format.left_indent = Length(side)
    paragraph.paragraph_format.right_indent = Length(side)
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.insert_element_before(borders, *_AFTER_PBDR)
    run = paragraph.add_run("")
    _set_run_font(run, size=2)


# Children of w:pPr and w:tblPr that the schema puts after the border element (Word rejects other orders).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_TBLBORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def _set_table_borders(table, value: str) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            for key, setting in (("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                element.set(qn(key), setting)
        borders.append(element)
    table._tbl.tblPr.insert_element_before(borders, *_AFTER_TBLBORDERS)


def _borderless_table(document, widths: Sequence[Length]):
    table = document.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_table_borders(table, "nil")
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table


def _cell_paragraph(cell, text: str, *, size: float, bold=False, italic=False, align="center", first=False):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    _format(paragraph, align=align, after=0, spacing=1.0)
    if text:
        _add_text(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


# ------------------------------------------------------------------------------------------------------ blocks


def add_header(
    document,
    *,
    parent_body: str = "",
    issuing_body: str = "",
    number: str = "",
    place: str = "",
    date: dt.date | None = None,
):
    """The two-column header: bodies, a rule and the number on the left; national name, motto, a rule and the
    place-and-date line on the right. Returns the table."""
    table = _borderless_table(document, HEADER_COLUMNS)
    left, right = table.rows[0].cells
    first = True
    if parent_body:
        _cell_paragraph(left, parent_body.upper(), size=HEADER_PT, first=first)
        first = False
    if issuing_body:
        _cell_paragraph(left, issuing_body.upper(), size=HEADER_PT, bold=True, first=first)
        first = False
    if first:
        _cell_paragraph(left, "", size=HEADER_PT, first=True)
    _rule(left, width=Mm(22), within=HEADER_COLUMNS[0])
    number_line = _cell_paragraph(left, f"Số: {number}".rstrip(), size=HEADER_PT)

    _cell_paragraph(right, NATIONAL_NAME, size=12, bold=True, first=True)
    _cell_paragraph(right, MOTTO, size=HEADER_PT, bold=True)
    _rule(right, width=Mm(56), within=HEADER_COLUMNS[1])
    date_line = _cell_paragraph(right, place_date_line(place, date), size=BODY_PT, italic=True)
    for paragraph in (number_line, date_line):
        paragraph.paragraph_format.space_before = Pt(4)
    return table


def add_title(document, doc_type: str, summary: str = ""):
    """The document type in capitals and the summary line (trích yếu) under it, bold and centred, with a rule."""
    paragraph = _format(document.add_paragraph(), align="center", before=18, after=0)
    _add_text(paragraph, doc_type.upper(), size=BODY_PT, bold=True)
    if summary:
        paragraph = _format(document.add_paragraph(), align="center", after=0)
        _add_text(paragraph, summary, size=BODY_PT, bold=True)
    _rule(document, width=Mm(45), within=TEXT_WIDTH)
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)
    return paragraph


def add_heading(document, text: str, *, level: int = 1):
    """A body heading: level 1 "I. MỤC TIÊU" and level 2 "1. …" in bold, level 3 "a) …" in bold italic."""
    paragraph = _format(document.add_paragraph(), first_line=FIRST_LINE_INDENT, before=6 if level == 1 else 0)
    paragraph.paragraph_format.keep_with_next = True
    _add_text(paragraph, text, size=BODY_PT, bold=True, italic=level >= 3)
    return paragraph


def add_paragraph(
    document, text: str, *, bold=False, italic=False, align: str = "justify", indent: bool = True, size=None
):
    """A body paragraph, justified with a first-line indent."""
    paragraph = _format(
        document.add_paragraph(), align=align, first_line=FIRST_LINE_INDENT if indent else None
    )
    _add_text(paragraph, text, size=size or BODY_PT, bold=bold, italic=italic)
    return paragraph


def add_bullet(document, text: str, *, marker: str = "-"):
    """A list item written as text ("- …", "+ …"), indented like a body paragraph."""
    return add_paragraph(document, f"{marker} {nfc(text)}")


def add_table(
    document,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths=None,
    size=13,
    aligns: Sequence[str] | None = None,
):
    """A bordered data table with a bold, centred header row repeated on every page. With `widths`, the grid and
    every cell get them and the layout is fixed, so Word and LibreOffice keep the columns as set (an equal grid
    lets LibreOffice squeeze a wide text column). `aligns` ("left"/"right"/"center") per column; by default
    numbers go right and text left."""
    rows = [list(row) for row in rows]
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _set_table_borders(table, "single")
    head = table.rows[0]
    for cell, text in zip(head.cells, header, strict=True):
        _cell_paragraph(cell, str(text), size=size, bold=True, first=True)
    _row_flag(head, "w:tblHeader")
    for row, values in zip(table.rows[1:], rows, strict=True):
        _row_flag(row, "w:cantSplit")
        for i, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
            text = "" if value is None else str(value)
            align = aligns[i] if aligns else ("right" if isinstance(value, int | float) else "left")
            _cell_paragraph(cell, text, size=size, align=align, first=True)
    if widths:
        table.autofit = False
        _fixed_layout(table)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
    document.add_paragraph()
    return table


def add_caption(document, text: str, *, size: float = 13):
    """A table's caption, kept on the same page as the table that follows it."""
    paragraph = add_paragraph(document, text, italic=True, align="center", indent=False, size=size)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _row_flag(row, tag: str) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _fixed_layout(table) -> None:
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)


def add_footer_blocks(
    document,
    *,
    recipients: Sequence[str],
    signer_authority: str = "",
    signer_position: str = "",
    signer_name: str = "",
    signature_lines: int = 4,
):
    """The bottom table: "Nơi nhận:" and its items on the left, the signature block on the right."""
    table = _borderless_table(document, FOOTER_COLUMNS)
    left, right = table.rows[0].cells
    heading = _cell_paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
    heading.paragraph_format.space_before = Pt(6)
    items = [nfc(r).lstrip("-+• ").rstrip(";.,").strip() for r in recipients]
    items = [r for r in items if r]
    for index, item in enumerate(items):
        end = "." if index == len(items) - 1 else ";"
        _cell_paragraph(left, f"- {item}{end}", size=11, align="left")

    first = True
    for line in (signer_authority, signer_position):
        if line:
            paragraph = _cell_paragraph(right, line.upper(), size=BODY_PT, bold=True, first=first)
            if first:
                paragraph.paragraph_format.space_before = Pt(6)
            first = False
    for _ in range(signature_lines):
        _cell_paragraph(right, "", size=BODY_PT, first=first)
        first = False
    _cell_paragraph(right, signer_name, size=BODY_PT, bold=True, first=first)
    return table


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
