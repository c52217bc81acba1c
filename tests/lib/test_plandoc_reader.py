"""Reading paragraphs out of .txt, .docx and .pdf files, and the Vietnamese errors for files that cannot be read."""

import io
import textwrap
import unicodedata
import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

from tests.lib.plandoc_helpers import FONT_DIR, pdf_without_text, seed_text
from truyenthong.lib.plandoc import PlanDocumentError, parse_plan_file, read_paragraphs
from truyenthong.lib.plandoc.reader import table_cells

WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_pages(pages: list[list[str]], *, running_header: str = "") -> bytes:
    class Paged(FPDF):
        def header(self):
            if running_header:
                self.set_font("Serif", size=10)
                self.cell(0, 6, running_header, align="C", new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            self.set_y(-15)
            self.set_font("Serif", size=10)
            self.cell(0, 6, f"Trang {self.page_no()}", align="C")

    pdf = Paged(format="A4")
    pdf.add_font("Serif", "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Serif", size=13)
        for line in lines:
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# ------------------------------------------------------------------------------------------------------ text


def test_a_txt_file_gives_one_paragraph_per_line_without_blank_lines():
    data = "I. MỤC TIÊU\n\n  - 100% giáo viên được học tập.  \n\n\nII. NHIỆM VỤ\n".encode()
    assert read_paragraphs(data, "a.txt") == ["I. MỤC TIÊU", "- 100% giáo viên được học tập.", "II. NHIỆM VỤ"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_a_txt_file_with_a_byte_order_mark_is_decoded(encoding):
    text = "Số: 35 /KH-CLQĐ\nQuy Nhơn, ngày 09 tháng 3 năm 2026"
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    assert read_paragraphs(data, "a.txt") == ["Số: 35 /KH-CLQĐ", "Quy Nhơn, ngày 09 tháng 3 năm 2026"]


def test_decomposed_text_and_non_breaking_spaces_are_normalised():
    data = unicodedata.normalize("NFD", "Trường\u00a0THPT\u200b chuyên  Lê Quý Đôn").encode()
    (paragraph,) = read_paragraphs(data, "a.txt")
    assert paragraph == "Trường THPT chuyên Lê Quý Đôn"
    assert unicodedata.is_normalized("NFC", paragraph)


def test_a_hard_wrapped_txt_copied_out_of_a_pdf_is_joined_back_into_the_same_plan():
    wrapped = "\n".join(
        line for paragraph in seed_text().splitlines() for line in textwrap.wrap(paragraph, 88) or [""]
    )
    assert max(len(line) for line in wrapped.splitlines()) <= 88
    expected = parse_plan_file(seed_text().encode(), "a.txt").to_dict()
    assert parse_plan_file(wrapped.encode(), "wrapped.txt").to_dict() == expected


# ------------------------------------------------------------------------------------------------------ docx


def test_a_docx_gives_paragraphs_and_a_data_table_row_by_row_in_body_order():
    document = Document()
    document.add_paragraph("Trước bảng")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Ô 1"
    table.cell(0, 1).text = "Ô 2"
    table.cell(1, 0).text = "Ô 3"
    table.cell(1, 1).add_paragraph("Ô 4, đoạn hai")
    document.add_paragraph("Sau bảng")
    paragraphs = read_paragraphs(docx_bytes(document), "a.docx")
    assert paragraphs[0] == "Trước bảng" and paragraphs[-1] == "Sau bảng"
    assert [table_cells(p) for p in paragraphs[1:3]] == [
        (True, ["Ô 1", "Ô 2"]),
        (False, ["Ô 3", "Ô 4, đoạn hai"]),
    ]
    assert table_cells("Trước bảng") is None


def test_a_layout_table_gives_its_cells_paragraphs_in_order():
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    assert read_paragraphs(docx_bytes(document), "a.docx") == [
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]


def test_merged_cells_are_read_once():
    document = Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Ngang ba ô"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Dọc hai ô"
    table.cell(1, 1).text = "Giữa"
    assert read_paragraphs(docx_bytes(document), "a.docx") == ["Ngang ba ô", "Dọc hai ô", "Giữa"]


def test_text_boxes_content_controls_and_tracked_insertions_are_read_but_deletions_are_not():
    document = Document()
    body = document.element.body
    sect = body[-1]
    textbox = parse_xml(
        f"<w:p {nsdecls('w', 'wp', 'a')} xmlns:wps='{WPS}' xmlns:mc='{MC}'><w:r><mc:AlternateContent><mc:Choice Requires='wps'>"
        "<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
        "<w:p><w:r><w:t>TRƯỜNG THPT HÙNG VƯƠNG</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><w:t>TRƯỜNG THPT HÙNG VƯƠNG</w:t></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Số: 21/KH-THPTHV</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    tracked = parse_xml(
        f"<w:p {nsdecls('w')}><w:r><w:t xml:space='preserve'>Tổ chức </w:t></w:r>"
        "<w:del w:id='1' w:author='A'><w:r><w:delText>hai </w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='A'><w:r><w:t xml:space='preserve'>ba </w:t></w:r></w:ins>"
        "<w:r><w:t>buổi ngoại khóa.</w:t></w:r></w:p>"
    )
    for element in (textbox, control, tracked):
        sect.addprevious(element)
    assert read_paragraphs(docx_bytes(document), "a.docx") == [
        "TRƯỜNG THPT HÙNG VƯƠNG",
        "Số: 21/KH-THPTHV",
        "Tổ chức ba buổi ngoại khóa.",
    ]


def test_a_line_break_starts_a_new_paragraph_unless_the_sentence_continues():
    document = Document()
    paragraph = document.add_paragraph()
    for index, line in enumerate(["Nơi nhận:", "- Sở GDĐT;", "- Lưu: VT."]):
        run = paragraph.add_run(line)
        if index < 2:
            run.add_break()
    sentence = document.add_paragraph()
    sentence.add_run("- 100% cán bộ, giáo viên").add_break()
    sentence.add_run("được học tập nghị quyết.")
    assert read_paragraphs(docx_bytes(document), "a.docx") == [
        "Nơi nhận:",
        "- Sở GDĐT;",
        "- Lưu: VT.",
        "- 100% cán bộ, giáo viên được học tập nghị quyết.",
    ]


# ------------------------------------------------------------------------------------------------------- pdf


def test_pdf_lines_are_joined_into_paragraphs_and_page_furniture_is_dropped():
    long = (
        "Căn cứ Kế hoạch số 1020/KH-SGDĐT ngày 04/3/2026 của Sở Giáo dục và Đào tạo Gia Lai về việc truyền "
        "thông thực hiện Nghị quyết số 71-NQ/TW trong ngành Giáo dục tỉnh Gia Lai;"
    )
    pages = [
        ["KẾ HOẠCH", long, "I. MỤC TIÊU"],
        [
            "- 100% cán bộ, giáo viên, nhân viên được học tập, quán triệt đầy đủ nội dung các nghị quyết về phát "
            "triển giáo dục."
        ],
        ["II. NHIỆM VỤ VÀ GIẢI PHÁP", "1. Đẩy mạnh truyền thông"],
    ]
    data = pdf_pages(pages, running_header="Trường THPT Hùng Vương - Kế hoạch truyền thông")
    assert read_paragraphs(data, "a.pdf") == [
        "KẾ HOẠCH",
        long,
        "I. MỤC TIÊU",
        "- 100% cán bộ, giáo viên, nhân viên được học tập, quán triệt đầy đủ nội dung các nghị quyết về phát "
        "triển giáo dục.",
        "II. NHIỆM VỤ VÀ GIẢI PHÁP",
        "1. Đẩy mạnh truyền thông",
    ]


def test_a_pdf_protected_only_against_editing_is_read():
    pdf = FPDF()
    pdf.set_encryption(owner_password="chu-so-huu", encryption_method=EncryptionMethod.RC4)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "I. MUC TIEU")
    assert read_paragraphs(bytes(pdf.output()), "a.pdf") == ["I. MUC TIEU"]


# ---------------------------------------------------------------------------------------------------- errors


def error_for(data: bytes, name: str) -> str:
    with pytest.raises(PlanDocumentError) as caught:
        read_paragraphs(data, name)
    message = caught.value.message
    assert name in message and str(caught.value) == message
    return message


@pytest.mark.parametrize("name", ["ke-hoach.xlsx", "ke-hoach.odt", "ke-hoach.rtf", "ke-hoach.png"])
def test_import_rejects_a_file_type_it_does_not_read_and_says_which_it_does(name):
    assert "chỉ nhận kế hoạch dạng .docx, .pdf hoặc .txt" in error_for(b"PK\x03\x04 other", name)


def test_a_file_without_an_extension_is_read_by_its_content():
    assert read_paragraphs(seed_text().encode(), "ke-hoach")[0] == "Số: 35 /KH-CLQĐ"
    assert "văn bản thuần" in error_for(b"\x00\x01\x02binary", "ke-hoach")


def test_import_rejects_an_old_binary_word_file_with_advice():
    message = error_for(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ke-hoach.doc")
    assert ".doc" in message and ".docx" in message


@pytest.mark.parametrize("name", ["ke-hoach.txt", "ke-hoach.docx", "ke-hoach.pdf"])
def test_import_rejects_an_empty_file(name):
    assert "rỗng" in error_for(b"", name)


def test_import_rejects_a_txt_with_only_spaces():
    assert "rỗng" in error_for(b"  \r\n \t ", "ke-hoach.txt")


def test_import_rejects_a_txt_that_is_not_utf8():
    assert "UTF-8" in error_for("Kế hoạch".encode("cp1258", errors="replace") + b"\xff\xfe\xfa", "kh.txt")


@pytest.mark.parametrize("data", [b"this is not a zip file at all", b"PK\x03\x04broken zip"])
def test_import_rejects_a_broken_docx(data):
    assert "Word" in error_for(data, "ke-hoach.docx")


def test_import_rejects_a_zip_that_is_not_a_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert "Word" in error_for(buffer.getvalue(), "ke-hoach.docx")


def test_import_rejects_a_docx_without_text():
    assert "không có nội dung chữ" in error_for(docx_bytes(Document()), "trong.docx")


def test_import_rejects_a_pdf_without_a_text_layer_as_a_probable_scan():
    message = error_for(pdf_without_text(), "scan.pdf")
    assert "scan" in message and "lớp chữ" in message


def test_import_rejects_a_pdf_that_needs_a_password():
    pdf = FPDF()
    pdf.set_encryption(owner_password="chu", user_password="khach", encryption_method=EncryptionMethod.RC4)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "I. MUC TIEU")
    assert "mật khẩu" in error_for(bytes(pdf.output()), "khoa.pdf")


def test_import_rejects_a_broken_pdf():
    assert "PDF" in error_for(
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF", "hong.pdf"
    )


def test_import_rejects_a_file_whose_extension_does_not_match_its_content():
    message = error_for(pdf_without_text(), "ke-hoach.docx")
    assert "đuôi .docx" in message and ".pdf" in message


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["phát triển kinh tế", "- xã hội của địa phương."], ["phát triển kinh tế - xã hội của địa phương."]),
        (["Nơi nhận:", "- Sở GDĐT;"], ["Nơi nhận:", "- Sở GDĐT;"]),
        (["KẾ HOẠCH", "Truyền thông giáo dục"], ["KẾ HOẠCH", "Truyền thông giáo dục"]),
        (
            ["các nghị quyết;", "Trường THPT Hùng Vương xây dựng"],
            ["các nghị quyết;", "Trường THPT Hùng Vương xây dựng"],
        ),
        (
            ["Tăng cường truyền thông của Bộ", "Chính trị và Chính phủ."],
            ["Tăng cường truyền thông của Bộ Chính trị và Chính phủ."],
        ),
        (["Ngắn.", "Một đoạn mới"], ["Ngắn.", "Một đoạn mới"]),
    ],
)
def test_join_lines_keeps_paragraph_starts_and_joins_wrapped_sentences(lines, expected):
    from truyenthong.lib.plandoc.reader import join_lines

    assert join_lines(lines, full_length=30) == expected


def test_a_short_line_ends_its_paragraph_and_a_long_capital_heading_may_wrap():
    from truyenthong.lib.plandoc.reader import join_lines

    assert join_lines(["Lê Minh", "Huỳnh Lê Minh"], full_length=60) == ["Lê Minh", "Huỳnh Lê Minh"]
    heading = ["II. NHIỆM VỤ VÀ GIẢI PHÁP TRỌNG TÂM CỦA NHÀ TRƯỜNG TRONG", "NĂM HỌC 2026-2027"]
    assert join_lines(heading, full_length=60) == [" ".join(heading)]
    assert join_lines(["SỞ GDĐT GIA LAI", "TRƯỜNG THPT HÙNG VƯƠNG"], full_length=60) == [
        "SỞ GDĐT GIA LAI",
        "TRƯỜNG THPT HÙNG VƯƠNG",
    ]
