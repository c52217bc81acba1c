"""Importing a question bank from .xlsx and .docx in the layouts schools use; per-row errors; all or nothing."""

from __future__ import annotations

import io

import docx
import pytest
from openpyxl import Workbook, load_workbook

from truyenthong.contests import services
from truyenthong.contests.bank_io import export_xlsx, parse_lines
from truyenthong.contests.models import Question
from truyenthong.core.errors import InvalidInput
from truyenthong.lib import quiz


def _xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = [
    ["NGÂN HÀNG CÂU HỎI CUỘC THI TÌM HIỂU NGHỊ QUYẾT 71"],
    ["STT", "Câu hỏi", "A", "B", "C", "D", "Đáp án", "Chủ đề", "Mức độ"],
    [
        1,
        "Nghị quyết 71-NQ/TW về lĩnh vực nào?",
        "Y tế",
        "Giáo dục và đào tạo",
        "Quốc phòng",
        "Văn hóa",
        "B",
        "NQ71",
        "Dễ",
    ],
    [2, "Những ý nào đúng?", "Ý một", "Ý hai", "Ý ba", "", "A, C", "NQ71", "Khó"],
    [3, "Nghị quyết được ban hành năm 2025.", "Đúng", "Sai", "", "", "Đúng", "NQ71", ""],
    [4, "Cơ quan ban hành Nghị quyết?", "", "", "", "", "Bộ Chính trị | Bo Chinh tri", "NQ71", "Trung bình"],
    [5, "Dự đoán số người trả lời đúng tất cả các câu?", "", "", "", "", "", "", ""],
]


def test_an_xlsx_bank_with_every_type_is_imported(world):
    created = services.questions_import(
        school=world.school, actor=world.users["comms"], filename="ngan-hang.xlsx", data=_xlsx(GOOD)
    )
    kinds = [q.kind for q in created]
    assert kinds == [quiz.SINGLE, quiz.MULTIPLE, quiz.TRUE_FALSE, quiz.SHORT, quiz.TIE_BREAK]
    assert created[0].correct == [1] and created[0].difficulty == 1 and created[0].tags == ["NQ71"]
    assert created[1].correct == [0, 2] and created[1].options == ["Ý một", "Ý hai", "Ý ba"]
    assert created[2].correct == [0]
    assert created[3].correct == ["Bộ Chính trị", "Bo Chinh tri"]
    assert Question.objects.filter(school=world.school).count() == 5


def test_rows_in_error_are_all_reported_with_their_row_and_nothing_is_written(world):
    rows = [
        ["Câu hỏi", "A", "B", "C", "D", "Đáp án", "Mức độ"],
        ["Câu đúng", "x", "y", "", "", "A", ""],
        ["Thiếu đáp án", "x", "y", "", "", "", ""],
        ["Đáp án ngoài phương án", "x", "y", "", "", "D", ""],
        ["", "x", "y", "", "", "A", ""],
        ["Mức độ lạ", "x", "y", "", "", "A", "rất khó"],
        ["Câu ngắn không có đáp án", "", "", "", "", "", ""],
    ]
    with pytest.raises(InvalidInput) as exc:
        services.questions_import(
            school=world.school, actor=world.users["comms"], filename="b.xlsx", data=_xlsx(rows)
        )
    errors = exc.value.errors
    assert len(errors) == 5
    assert errors[0].startswith("Trang “Sheet”, dòng 3") and "thiếu đáp án" in errors[0]
    assert "dòng 4" in errors[1] and "phương án không có" in errors[1]
    assert "dòng 5" in errors[2] and "thiếu nội dung" in errors[2]
    assert "dòng 6" in errors[3] and "mức độ" in errors[3]
    assert "dòng 7" in errors[4]
    assert not Question.objects.exists()


def test_a_sheet_without_the_expected_header_is_refused(world):
    with pytest.raises(InvalidInput) as exc:
        services.questions_import(
            school=world.school,
            actor=world.users["comms"],
            filename="b.xlsx",
            data=_xlsx([["Tên", "Tuổi"], ["An", 3]]),
        )
    assert "Câu hỏi" in exc.value.errors[0]


def test_a_word_file_in_paragraphs_is_imported(world):
    document = docx.Document()
    document.add_paragraph("ĐỀ THI TÌM HIỂU")
    for line in [
        "Câu 1. Nghị quyết 71 do cơ quan nào ban hành?",
        "A. Quốc hội",
        "B. Bộ Chính trị",
        "C. Chính phủ",
        "D. Bộ GDĐT",
        "Đáp án: B",
        "Câu 2: Điền tên tổ chức đoàn thể của thanh niên",
        "Đáp án: Đoàn Thanh niên | Đoàn TNCS Hồ Chí Minh",
        "Chủ đề: Đoàn",
    ]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    created = services.questions_import(
        school=world.school, actor=world.users["comms"], filename="de.docx", data=out.getvalue()
    )
    assert [(q.kind, q.correct) for q in created] == [
        (quiz.SINGLE, [1]),
        (quiz.SHORT, ["Đoàn Thanh niên", "Đoàn TNCS Hồ Chí Minh"]),
    ]
    assert created[1].tags == ["Đoàn"]


def test_a_word_table_is_read_like_a_sheet(world):
    document = docx.Document()
    table = document.add_table(rows=2, cols=6)
    for i, text in enumerate(["Câu hỏi", "A", "B", "C", "D", "Đáp án"]):
        table.rows[0].cells[i].text = text
    for i, text in enumerate(["Một cộng một?", "1", "2", "3", "4", "b"]):
        table.rows[1].cells[i].text = text
    out = io.BytesIO()
    document.save(out)
    created = services.questions_import(
        school=world.school, actor=world.users["comms"], filename="bang.docx", data=out.getvalue()
    )
    assert created[0].correct == [1]


def test_paragraph_errors_name_the_question_and_lines_before_the_first_question_are_ignored():
    result = parse_lines(
        label="Đoạn",
        lines=[
            "Hướng dẫn: chọn một đáp án",
            "Câu 1. Hỏi?",
            "A. x",
            "B. y",
            "Câu 2. Hỏi nữa?",
            "A. x",
            "B. y",
            "Đáp án: E",
        ],
    )
    assert len(result.questions) == 0
    assert result.errors[0].startswith("Câu 1 (đoạn 2)") and "thiếu đáp án" in result.errors[0]
    assert result.errors[1].startswith("Câu 2 (đoạn 5)")


def test_a_renamed_file_is_refused(world):
    with pytest.raises(InvalidInput, match="XLSX"):
        services.questions_import(
            school=world.school, actor=world.users["comms"], filename="x.xlsx", data=b"not a zip"
        )


def test_the_export_reads_back_and_imports_again_identically(world):
    services.questions_import(
        school=world.school, actor=world.users["comms"], filename="b.xlsx", data=_xlsx(GOOD)
    )
    services.question_create(
        school=world.school, actor=world.users["comms"], kind=quiz.SHORT, text="=1+1 là gì?", correct=["=2"]
    )
    data = export_xlsx(Question.objects.filter(school=world.school))
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.cell(row=7, column=1).value == "'=1+1 là gì?"
    first = [(q.kind, q.text, q.options, q.correct) for q in Question.objects.filter(school=world.school)][:5]
    again = services.questions_import(
        school=world.other_school, actor=world.users["outsider"], filename="e.xlsx", data=data
    )
    assert [(q.kind, q.text, q.options, q.correct) for q in again][:5] == first
