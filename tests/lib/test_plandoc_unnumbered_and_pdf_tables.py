"""Plans a school typed without numbers on its headings, targets in a table printed to PDF, and target-like
sentences outside the targets section: read, and shown for confirmation rather than guessed silently."""

import io
from pathlib import Path

import pytest
from docx import Document
from fpdf import FPDF

from tests.lib.plandoc_helpers import FONT_DIR
from truyenthong.lib.plandoc import parse_plan, parse_plan_file, read_paragraphs
from truyenthong.lib.plandoc.reader import CELL, TABLE_HEADER, _tables_across_pages, table_cells

CORPUS = Path(__file__).resolve().parents[1] / "data" / "plans" / "corpus"
HEADER = ["TRƯỜNG TIỂU HỌC HOA MAI", "Số: 05/KH-THHM", "Đak Đoa, ngày 10 tháng 9 năm 2026", "KẾ HOẠCH"]
TITLE = "Truyền thông năm học 2026-2027"


def _docx(body: list[tuple[str, str]]) -> bytes:
    """A plan whose body is (how, text): "h1"/"h2" a Heading style, "bold" a bold line, "" a plain paragraph."""
    document = Document()
    for line in [*HEADER, TITLE]:
        document.add_paragraph(line)
    for how, text in body:
        if how in ("h1", "h2"):
            document.add_paragraph(text, style="Heading 1" if how == "h1" else "Heading 2")
        elif how == "bold":
            document.add_paragraph().add_run(text).bold = True
        elif how == "halfbold":
            paragraph = document.add_paragraph()
            paragraph.add_run(text[:10]).bold = True
            paragraph.add_run(text[10:])
        else:
            document.add_paragraph(text)
    for line in ["Nơi nhận:", "- Lưu: VT.", "HIỆU TRƯỞNG", "Lê Thị Hoa"]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


STYLED = [
    ("h1", "Mục tiêu"),
    ("", "- 100% học sinh được giáo dục kỹ năng sống."),
    ("h1", "Nhiệm vụ và giải pháp"),
    ("h2", "Truyền thông trong nhà trường"),
    ("", "- Lồng ghép vào tiết chào cờ."),
    ("h2", "Truyền thông đến cha mẹ học sinh"),
    ("", "- Gửi thư ngỏ đầu năm học."),
    ("h1", "Kinh phí"),
    ("", "Kinh phí chi thường xuyên."),
    ("h1", "Tổ chức thực hiện"),
    ("h2", "Ban giám hiệu"),
    ("", "- Chỉ đạo chung."),
]


def test_headings_in_word_heading_styles_without_numbers_open_the_parts_and_the_groups():
    plan = parse_plan_file(_docx(STYLED), "ke-hoach.docx")
    assert [t.text for t in plan.targets] == ["100% học sinh được giáo dục kỹ năng sống."]
    assert [(g.number, g.title, g.tasks) for g in plan.task_groups] == [
        ("1", "Truyền thông trong nhà trường", ["Lồng ghép vào tiết chào cờ."]),
        ("2", "Truyền thông đến cha mẹ học sinh", ["Gửi thư ngỏ đầu năm học."]),
    ]
    assert plan.budget == "Kinh phí chi thường xuyên."
    assert [(r.unit, r.duties) for r in plan.responsibilities] == [("Ban giám hiệu", ["Chỉ đạo chung."])]
    headings = [f.message for f in plan.flags if f.kind == "heading"]
    assert len(headings) == 4 and "kiểu tiêu đề (Heading)" in headings[0]
    assert plan.signer.position == "HIỆU TRƯỞNG" and plan.issuing_body == "TRƯỜNG TIỂU HỌC HOA MAI"


def test_bold_lines_open_parts_only_with_a_part_name_and_only_the_first_of_each_part():
    body = [
        ("bold", "Mục tiêu"),
        ("bold", "Mục tiêu chung"),  # the objectives' own subheading, not a part
        ("", "- Cha mẹ học sinh đồng thuận với nhà trường."),
        ("bold", "Mục tiêu cụ thể"),
        ("", "- 100% lớp có góc truyền thông."),
        ("bold", "Nhiệm vụ và giải pháp"),
        ("bold", "Hoạt động truyền thông đến học sinh"),  # a group, though "hoạt động" names the tasks part
        ("", "- Tổ chức cuộc thi vẽ tranh."),
        ("bold", "Nội dung truyền thông trên mạng xã hội"),  # the tasks part again: a group
        ("", "- Đăng tin trên trang của trường."),
        ("bold", "Tổ chức thực hiện"),
        ("", "Các bộ phận thực hiện nghiêm túc."),
    ]
    plan = parse_plan_file(_docx(body), "ke-hoach.docx")
    assert plan.general_objectives == ["Cha mẹ học sinh đồng thuận với nhà trường."]
    assert [t.text for t in plan.targets] == ["100% lớp có góc truyền thông."]
    assert [(g.number, g.title) for g in plan.task_groups] == [
        ("1", "Hoạt động truyền thông đến học sinh"),
        ("2", "Nội dung truyền thông trên mạng xã hội"),
    ]
    assert sum(f.kind == "heading" for f in plan.flags) == 3
    assert any("in đậm" in f.message for f in plan.flags)


@pytest.mark.parametrize(
    ("how", "text"),
    [
        ("bold", "Nhà trường tổ chức hoạt động truyền thông trong toàn trường."),  # a bold sentence
        ("halfbold", "Nhiệm vụ và giải pháp"),  # bold on part of the line only
        ("bold", "I. MỤC TIÊU"),  # its number is typed: the usual reading applies
    ],
)
def test_what_is_not_an_unnumbered_heading_is_read_as_it_is(how, text):
    paragraphs = read_paragraphs(_docx([(how, text)]), "a.docx", headings=True)
    assert text in paragraphs


def test_other_readers_get_plain_text_without_the_heading_marks():
    plain = read_paragraphs(_docx(STYLED), "a.docx")
    assert "Mục tiêu" in plain and "Truyền thông trong nhà trường" in plain
    assert not any(p.startswith("\ue002") for p in plain)


def _pdf_with_table(rows: list[list[str]], *, before: str, after: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_font("Serif", "", str(FONT_DIR / "LiberationSerif-Regular.ttf"))
    pdf.add_page()
    pdf.set_font("Serif", size=13)
    pdf.multi_cell(0, 7, before, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(col_widths=(10, 60, 25, 25), first_row_as_headings=False) as table:
        for row in rows:
            table.row(row)
    pdf.multi_cell(0, 7, after, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_ruled_table_of_a_pdf_is_read_cell_by_cell_even_when_a_cell_wraps():
    rows = [
        ["TT", "Chỉ tiêu", "Năm 2027", "Năm 2028"],
        ["1", "Tỷ lệ cha mẹ học sinh theo dõi trang thông tin điện tử của nhà trường", "80%", "90%"],
        ["2", "Số tin, bài đăng trên trang thông tin điện tử", "30 bài", "40 bài"],
    ]
    data = _pdf_with_table(rows, before="2. Mục tiêu cụ thể", after="II. NHIỆM VỤ VÀ GIẢI PHÁP")
    paragraphs = read_paragraphs(data, "a.pdf")
    read = [table_cells(p) for p in paragraphs if table_cells(p)]
    assert read == [(True, rows[0]), (False, rows[1]), (False, rows[2])]
    assert paragraphs[0] == "2. Mục tiêu cụ thể" and paragraphs[-1] == "II. NHIỆM VỤ VÀ GIẢI PHÁP"


def test_text_without_rules_is_not_read_as_a_table():
    data = _pdf_with_table([], before="TT Chỉ tiêu Năm 2027 Năm 2028", after="1 Tỷ lệ học sinh 80% 90%")
    assert not any(table_cells(p) for p in read_paragraphs(data, "a.pdf"))


def test_the_pdf_printed_from_word_gives_the_same_target_table_as_the_docx_across_its_page_break():
    def rows(name):
        return [table_cells(p) for p in read_paragraphs((CORPUS / name).read_bytes(), name) if table_cells(p)]

    assert rows("13-thcs-tran-phu.pdf") == rows("13-thcs-tran-phu.docx")
    assert len(rows("13-thcs-tran-phu.pdf")) == 5


def test_a_table_continued_on_the_next_page_keeps_its_rows_and_drops_a_repeated_header():
    head = TABLE_HEADER + CELL.join(["TT", "Chỉ tiêu", "Năm 2027"])
    lines = [
        head,
        CELL.join(["1", "Tỷ lệ A", "90%"]),
        head,  # the header row repeated at the top of the next page
        CELL.join(["2", "Tỷ lệ B", "80%"]),
        TABLE_HEADER
        + CELL.join(["3", "Tỷ lệ C", "70%"]),  # the next page's part, its first row read as a header
        "II. NHIỆM VỤ",
        CELL.join(["Ghi chú", "Số liệu ước tính"]),  # a lone framed row after text: plain paragraphs
    ]
    assert _tables_across_pages(lines) == [
        head,
        CELL.join(["1", "Tỷ lệ A", "90%"]),
        CELL.join(["2", "Tỷ lệ B", "80%"]),
        CELL.join(["3", "Tỷ lệ C", "70%"]),
        "II. NHIỆM VỤ",
        "Ghi chú",
        "Số liệu ước tính",
    ]


PLAN = """TRƯỜNG THCS A
Số: 01/KH-THCSA
Pleiku, ngày 01 tháng 9 năm 2026
KẾ HOẠCH
Truyền thông năm học 2026-2027
I. ĐẶC ĐIỂM TÌNH HÌNH
Năm học 2025-2026, tỷ lệ học sinh lên lớp đạt 98%, không dưới chỉ tiêu được giao.
II. MỤC TIÊU
- 100% học sinh được giáo dục kỹ năng sống.
III. NHIỆM VỤ VÀ GIẢI PHÁP
- Phấn đấu 100% cha mẹ học sinh tham gia nhóm Zalo của lớp.
- Tổ chức cho 100% cán bộ, giáo viên học tập nghị quyết.
- Mỗi tổ tổ chức ít nhất 01 chuyên đề mỗi học kỳ.
IV. TỔ CHỨC THỰC HIỆN
- Ban giám hiệu: chỉ đạo, bảo đảm không để xảy ra sự cố an toàn thông tin.
- Tổ Văn phòng: tổng hợp báo cáo.
"""


def test_sentences_that_set_a_target_outside_the_targets_section_are_kept_and_flagged():
    plan = parse_plan(PLAN.splitlines())
    outside = [f.message for f in plan.flags if f.kind == "outside"]
    assert len(outside) == 3
    assert "Phấn đấu 100% cha mẹ học sinh" in outside[0] and "«Nhiệm vụ, giải pháp»" in outside[0]
    assert "ít nhất 01 chuyên đề" in outside[1]
    assert "không để xảy ra sự cố" in outside[2] and "«Tổ chức thực hiện»" in outside[2]
    # kept where they were written, not dropped and not turned into targets
    assert "Phấn đấu 100% cha mẹ học sinh tham gia nhóm Zalo của lớp." in plan.task_groups[0].tasks
    assert [t.text for t in plan.targets] == ["100% học sinh được giáo dục kỹ năng sống."]


def test_a_task_with_a_number_but_no_target_wording_and_last_years_results_are_not_flagged():
    plan = parse_plan(PLAN.splitlines())
    messages = " ".join(f.message for f in plan.flags)
    assert (
        "cán bộ, giáo viên học tập nghị quyết" not in messages
    )  # a task that reaches everyone, not a target
    assert "lên lớp đạt 98%" not in messages  # the context tells last year's results
