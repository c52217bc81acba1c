"""The Decree 30/2020 layout read back from a produced .docx: header lines, fonts, margins."""

from io import BytesIO

from docx import Document
from docx.shared import Mm

from tests.lib.plandoc_helpers import seed_text
from truyenthong.lib.plandoc import parse_plan_file, write_plan_docx
from truyenthong.lib.vntext import fold, place_date_line, slugify_vi


def test_the_exported_plan_has_the_state_header_fonts_and_margins():
    plan = parse_plan_file(seed_text().encode(), "a.txt")
    plan.parent_body, plan.issuing_body = "SỞ GDĐT GIA LAI", "TRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN"
    doc = Document(BytesIO(write_plan_docx(plan)))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert abs(section.left_margin - Mm(30)) < Mm(1) and abs(section.right_margin - Mm(15)) < Mm(1)
    assert abs(section.top_margin - Mm(20)) < Mm(1)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text.strip("_")] == [
        "SỞ GDĐT GIA LAI",
        "TRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN",
        "Số: 35/KH-CLQĐ",
    ]
    lines = [p for p in right.paragraphs if p.text.strip("_")]
    assert [p.text for p in lines] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quy Nhơn, ngày 09 tháng 3 năm 2026",
    ]
    assert lines[0].runs[0].bold and lines[1].runs[0].bold and lines[2].runs[0].italic
    issuing = left.paragraphs[1].runs[0]
    assert issuing.bold
    assert any(p.text == "KẾ HOẠCH" and p.runs[0].bold for p in doc.paragraphs)
    footer_left, footer_right = doc.tables[-1].rows[0].cells
    assert footer_left.paragraphs[0].text == "Nơi nhận:" and footer_left.paragraphs[0].runs[0].italic
    assert footer_left.paragraphs[-1].text == "- Lưu: VT."
    assert [p.text for p in footer_right.paragraphs if p.text][-2:] == ["HIỆU TRƯỞNG", "Huỳnh Lê Minh"]


def test_vietnamese_text_helpers():
    assert fold("Giáo dục ĐÀO TẠO") == "giao duc dao tao"
    assert slugify_vi("35/KH-CLQĐ") == "35-kh-clqd"
    import datetime as dt

    assert place_date_line("Quy Nhơn", dt.date(2026, 3, 9)) == "Quy Nhơn, ngày 09 tháng 3 năm 2026"
    assert place_date_line("Pleiku", dt.date(2027, 1, 5)) == "Pleiku, ngày 05 tháng 01 năm 2027"
