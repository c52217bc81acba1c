"""Decree 30/2020 layout helpers, read back from the .docx they produce."""

import datetime as dt
from io import BytesIO

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from tests.lib.plandoc_helpers import seed_text
from truyenthong.lib import decree30
from truyenthong.lib.plandoc import parse_plan_file, write_plan_docx


def reopen(document):
    return Document(BytesIO(decree30.to_bytes(document)))


def texts(cell):
    return [p.text for p in cell.paragraphs if p.text]


def has_bottom_rule(paragraph) -> bool:
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


@pytest.fixture(scope="module")
def plan_docx():
    plan = parse_plan_file(seed_text().encode(), "a.txt")
    plan.parent_body, plan.issuing_body = "Sở GDĐT Gia Lai", "Trường THPT chuyên Lê Quý Đôn"
    return Document(BytesIO(write_plan_docx(plan)))


def test_a_new_document_is_a4_with_decree_margins_and_times_new_roman():
    document = reopen(decree30.new_document())
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }


def test_pages_after_the_first_are_numbered_in_the_header():
    document = reopen(decree30.new_document())
    section = document.sections[0]
    assert section.different_first_page_header_footer
    instructions = [e.text for e in section.header._element.iter(qn("w:instrText"))]
    assert [i.strip() for i in instructions] == ["PAGE"]


def test_the_header_block_has_both_columns_with_their_emphasis_and_rules(plan_docx):
    table = plan_docx.tables[0]
    left, right = table.rows[0].cells
    assert texts(left) == ["SỞ GDĐT GIA LAI", "TRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN", "Số: 35/KH-CLQĐ"]
    assert texts(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quy Nhơn, ngày 09 tháng 3 năm 2026",
    ]
    parent, issuing, rule, number = left.paragraphs
    assert (
        not parent.runs[0].bold and issuing.runs[0].bold and has_bottom_rule(rule) and not number.runs[0].bold
    )
    name, motto, motto_rule, date = right.paragraphs
    assert name.runs[0].bold and motto.runs[0].bold and has_bottom_rule(motto_rule)
    assert date.runs[0].italic
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in [*left.paragraphs, *right.paragraphs])


def test_the_header_and_footer_tables_have_no_borders(plan_docx):
    for table in (plan_docx.tables[0], plan_docx.tables[-1]):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_borders_are_written_where_the_schema_expects_them(plan_docx):
    table_properties = [child.tag for child in plan_docx.tables[0]._tbl.tblPr]
    assert table_properties.index(qn("w:tblBorders")) < table_properties.index(qn("w:tblLayout"))
    rule = plan_docx.tables[0].rows[0].cells[0].paragraphs[2]
    paragraph_properties = [child.tag for child in rule._p.pPr]
    assert paragraph_properties.index(qn("w:pBdr")) < paragraph_properties.index(qn("w:spacing"))
    assert paragraph_properties.index(qn("w:pBdr")) < paragraph_properties.index(qn("w:jc"))


def test_the_document_type_and_summary_are_bold_and_centred_with_a_rule(plan_docx):
    paragraphs = plan_docx.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "KẾ HOẠCH")
    doc_type, summary, rule = paragraphs[index : index + 3]
    assert (
        doc_type.runs[0].bold and summary.runs[0].bold and summary.text.startswith("Truyền thông thực hiện")
    )
    assert doc_type.alignment == summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert has_bottom_rule(rule)


def test_body_paragraphs_are_justified_with_a_first_line_indent(plan_docx):
    basis = next(p for p in plan_docx.paragraphs if p.text.startswith("Căn cứ"))
    assert basis.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(basis.paragraph_format.first_line_indent - Cm(1.27)) < Mm(0.1)
    section = next(p for p in plan_docx.paragraphs if p.text == "I. MỤC TIÊU")
    phase = next(p for p in plan_docx.paragraphs if p.text == "a) Giai đoạn 2026-2030")
    assert section.runs[0].bold and phase.runs[0].bold and phase.runs[0].italic


def test_every_run_names_times_new_roman(plan_docx):
    runs = [r for p in plan_docx.paragraphs for r in p.runs]
    runs += [
        r for t in plan_docx.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}


def test_the_footer_has_recipients_on_the_left_and_the_signature_on_the_right():
    document = decree30.new_document()
    decree30.add_footer_blocks(
        document,
        recipients=["- Sở GDĐT;", "Các tổ chuyên môn", "Lưu: VT."],
        signer_authority="KT. Hiệu trưởng",
        signer_position="Phó Hiệu trưởng",
        signer_name="Trần Thị Mai Anh",
    )
    left, right = reopen(document).tables[0].rows[0].cells
    heading, *items = left.paragraphs
    assert heading.text == "Nơi nhận:" and heading.runs[0].bold and heading.runs[0].italic
    assert heading.runs[0].font.size == Pt(12)
    assert [p.text for p in items] == ["- Sở GDĐT;", "- Các tổ chuyên môn;", "- Lưu: VT."]
    assert {p.runs[0].font.size for p in items} == {Pt(11)}
    lines = right.paragraphs
    assert [p.text for p in lines if p.text] == ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Trần Thị Mai Anh"]
    assert all(p.runs[0].bold for p in lines if p.text)
    assert len([p for p in lines if not p.text]) >= 3  # room for the signature


def test_a_data_table_has_borders_a_bold_header_and_numbers_on_the_right():
    document = decree30.new_document()
    decree30.add_table(
        document, ["Chỉ tiêu", "Kết quả"], [["Tỷ lệ giáo viên được học tập", 98.5], ["Số bài viết", 12]]
    )
    table = reopen(document).tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"single"}
    assert [c.text for c in table.rows[0].cells] == ["Chỉ tiêu", "Kết quả"]
    assert all(c.paragraphs[0].runs[0].bold for c in table.rows[0].cells)
    assert table.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_a_header_without_date_or_parent_body_keeps_the_blanks_to_fill_in():
    document = decree30.new_document()
    decree30.add_header(document, issuing_body="Trường THCS Nguyễn Du", number="", place="An Khê", date=None)
    left, right = reopen(document).tables[0].rows[0].cells
    assert texts(left) == ["TRƯỜNG THCS NGUYỄN DU", "Số:"]
    assert texts(right)[-1] == "An Khê, ngày … tháng … năm …"


def test_headings_paragraphs_and_bullets_helpers():
    document = decree30.new_document()
    decree30.add_heading(document, "I. KẾT QUẢ")
    decree30.add_heading(document, "1. Công tác truyền thông", level=2)
    decree30.add_heading(document, "a) Trên cổng thông tin", level=3)
    decree30.add_paragraph(document, "Đã đăng 24 tin bài.")
    decree30.add_bullet(document, "Tin bài về Nghị quyết.", marker="+")
    decree30.add_paragraph(document, "Ghi chú", align="right", indent=False, italic=True)
    paragraphs = reopen(document).paragraphs
    assert [p.text for p in paragraphs] == [
        "I. KẾT QUẢ",
        "1. Công tác truyền thông",
        "a) Trên cổng thông tin",
        "Đã đăng 24 tin bài.",
        "+ Tin bài về Nghị quyết.",
        "Ghi chú",
    ]
    assert [bool(p.runs[0].italic) for p in paragraphs[:3]] == [False, False, True]
    assert paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert paragraphs[-1].paragraph_format.first_line_indent is None


def test_place_and_date_in_the_header_follow_the_decree_padding():
    document = decree30.new_document()
    decree30.add_header(document, issuing_body="X", number="1/KH-X", place="Pleiku", date=dt.date(2027, 1, 5))
    assert texts(reopen(document).tables[0].rows[0].cells[1])[-1] == "Pleiku, ngày 05 tháng 01 năm 2027"
