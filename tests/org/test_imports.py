"""Reading staff and class lists as schools keep them, without the database."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.org.conftest import PEOPLE_HEADER, make_csv, make_xlsx
from truyenthong.org import imports
from truyenthong.org.imports import ImportFileError, read_sheet

UNITS = {}
for pk, name in ((1, "Tổ Toán"), (2, "Tổ Văn phòng"), (3, "Đoàn Thanh niên")):
    for key in imports.unit_keys(name):
        UNITS[key] = pk
UNIT_NAMES = ["Tổ Toán", "Tổ Văn phòng", "Đoàn Thanh niên"]


def check(sheet):
    return imports.check_people(sheet, units=UNITS, unit_names=UNIT_NAMES)


def test_headers_are_recognised_with_or_without_diacritics_below_title_lines():
    data = make_xlsx(
        [["STT", "ma can bo", "HO VA TEN (*)", "Dien thoai", "Don vi"], [1, "GV1", "An", 912345678, "toán"]],
        title_rows=[["TRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN"], ["DANH SÁCH CÁN BỘ NĂM HỌC 2026-2027"], []],
    )
    sheet = read_sheet(data=data, ext=".xlsx", kind="people")
    assert sheet.header_row == 4
    assert sheet.columns == {
        "code": "ma can bo",
        "full_name": "HO VA TEN (*)",
        "phone": "Dien thoai",
        "unit": "Don vi",
    }
    assert sheet.ignored == ["STT"]
    assert sheet.rows == [(5, {"code": "GV1", "full_name": "An", "phone": "912345678", "unit": "toán"})]
    rows, errors = check(sheet)
    assert errors == []
    assert rows[0].values["phone"] == "0912345678"
    assert rows[0].unit_ids == [1]


def test_excel_dates_and_text_dates_read_the_same(people_rows):
    people_rows[1][-1] = dt.datetime(2026, 9, 5)
    sheet = read_sheet(data=make_xlsx(people_rows), ext=".xlsx", kind="people")
    rows, errors = check(sheet)
    assert errors == []
    assert rows[0].values["active_from"] == dt.date(2026, 9, 5)
    assert rows[1].values["active_from"] == dt.date(2020, 9, 1)


def test_a_csv_saved_by_excel_with_a_bom_and_semicolons_is_read(people_rows):
    for data in (
        make_csv(people_rows),
        make_csv(people_rows, delimiter=";"),
        make_csv(people_rows, bom=False),
    ):
        sheet = read_sheet(data=data, ext=".csv", kind="people")
        assert sheet.columns["code"] == "Mã CB"
        assert [n for n, _ in sheet.rows] == [2, 3, 4]
        rows, errors = check(sheet)
        assert errors == [] and [r.code for r in rows] == ["GV101", "GV102", "NV201"]


def test_the_sep_line_excel_may_write_first_is_honoured_and_hidden_from_row_numbers(people_rows):
    data = b"sep=;\r\n" + make_csv(people_rows, delimiter=";", bom=False)
    sheet = read_sheet(data=data, ext=".csv", kind="people")
    # Excel does not show the sep= line, so row numbers count from the header as row 1.
    assert sheet.header_row == 1 and [n for n, _ in sheet.rows] == [2, 3, 4]


def test_split_family_and_given_name_columns_are_joined():
    sheet = read_sheet(
        data=make_csv([["Mã CB", "Họ đệm", "Tên"], ["GV1", "Nguyễn Thị", "Hoa"]]), ext=".csv", kind="people"
    )
    rows, errors = check(sheet)
    assert rows[0].values["full_name"] == "Nguyễn Thị Hoa"


def test_a_numbering_row_under_the_header_is_skipped():
    sheet = read_sheet(
        data=make_csv([["Mã CB", "Họ và tên", "Email"], ["(1)", "(2)", "(3)"], ["GV1", "An", ""]]),
        ext=".csv",
        kind="people",
    )
    assert [n for n, _ in sheet.rows] == [3]


def test_a_file_without_the_required_columns_says_which_are_missing():
    with pytest.raises(ImportFileError) as exc:
        read_sheet(
            data=make_csv([["Mã CB", "Email", "Điện thoại"], ["GV1", "a@b.vn", "0912345678"]]),
            ext=".csv",
            kind="people",
        )
    assert "«Họ và tên»" in exc.value.message


def test_a_file_with_no_table_is_refused_in_vietnamese():
    with pytest.raises(ImportFileError) as exc:
        read_sheet(data=make_csv([["xin chào"], ["không có bảng"]]), ext=".csv", kind="people")
    assert "Không tìm thấy dòng tiêu đề" in exc.value.message


def test_a_header_with_no_rows_is_refused():
    with pytest.raises(ImportFileError, match="không có dòng dữ liệu"):
        read_sheet(data=make_csv([PEOPLE_HEADER]), ext=".csv", kind="people")


def test_a_broken_xlsx_is_refused():
    with pytest.raises(ImportFileError, match="Không đọc được tệp Excel"):
        read_sheet(data=b"PK\x03\x04broken", ext=".xlsx", kind="people")


def test_each_bad_cell_is_reported_with_its_row_number_and_column_name(people_rows):
    people_rows += [
        [4, "GV103", "", "x@lqd.edu.vn", "", "", "Giáo viên", "", "Tổ Toán", ""],
        [5, "GV104", "Trần Bình", "", "", "", "Giáo viên", "", "", "31/02/2026"],
        [6, "GV105", "Võ Cường", "", "", "", "Giáo viên", "", "Tổ Hóa", ""],
        [7, "GV106", "Hồ Dung", "", "", "", "Thực tập sinh", "", "", ""],
        [8, "GV101", "Lê Văn Tám (trùng)", "", "", "", "Giáo viên", "", "", ""],
        [9, "GV107", "Mai Em", "tam.lv@lqd.edu.vn", "", "", "", "", "", ""],
        [10, "GV108", "Lý Phúc", "khong-phai-email", "12ab", "", "", "", "", ""],
    ]
    sheet = read_sheet(data=make_xlsx(people_rows), ext=".xlsx", kind="people")
    rows, errors = check(sheet)
    found = {(e.row, e.column): e.message for e in errors}
    assert found[(5, "Họ và tên")] == "Thiếu họ và tên."
    assert "31/02/2026" in found[(6, "Ngày bắt đầu")] and "dd/mm/yyyy" in found[(6, "Ngày bắt đầu")]
    assert found[(7, "Tổ")].startswith("Không có tổ/đơn vị «Tổ Hóa» trong trường")
    assert "Thực tập sinh" in found[(8, "Loại")]
    assert found[(9, "Mã CB")] == "Mã cán bộ «GV101» bị trùng với dòng 2."
    assert found[(10, "Email")] == "Email «tam.lv@lqd.edu.vn» bị trùng với dòng 2."
    assert "không hợp lệ" in found[(11, "Email")] and "«12ab»" in found[(11, "Điện thoại")]
    assert [r.row for r in rows] == [2, 3, 4]


def test_an_end_date_before_the_start_date_is_an_error():
    sheet = read_sheet(
        data=make_csv(
            [
                ["Mã CB", "Họ và tên", "Ngày bắt đầu", "Ngày kết thúc"],
                ["GV1", "An", "05/09/2026", "01/09/2026"],
            ]
        ),
        ext=".csv",
        kind="people",
    )
    _, errors = check(sheet)
    assert [(e.row, e.column, e.message) for e in errors] == [
        (2, "Ngày kết thúc", "Ngày kết thúc trước ngày bắt đầu.")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/09/2026", dt.date(2026, 9, 5)),
        ("5-9-2026", dt.date(2026, 9, 5)),
        ("2026-09-05", dt.date(2026, 9, 5)),
        ("05.09.2026", dt.date(2026, 9, 5)),
        ("09/31/2026", None),
        ("hôm qua", None),
    ],
)
def test_dates_are_read_day_first(text, expected):
    assert imports.parse_date(text) == expected


def test_position_tells_the_unit_role():
    assert imports.membership_role("Tổ trưởng") == "head"
    assert imports.membership_role("Tổ phó") == "deputy"
    assert imports.membership_role("Phó tổ trưởng") == "deputy"
    assert imports.membership_role("Giáo viên") == "member"


def test_class_rows_match_the_homeroom_teacher_by_code_or_name_and_infer_the_grade():
    sheet = read_sheet(
        data=make_csv(
            [
                ["Năm học", "Lớp", "Khối", "Sĩ số", "GVCN"],
                ["2026 - 2027", "10 Toán", "", "35", "gv002"],
                ["2026-2027", "11A1", "11", "40", "nguyen thi hoa"],
                ["2026-2027", "12A1", "12", "40", "Ai Đó"],
                ["2026-2027", "12A2", "13", "bốn mươi", "Trùng Tên"],
                ["2026-2025", "10 toán", "", "", ""],
                ["2026-2027", "10  TOÁN", "", "", ""],
            ]
        ),
        ext=".csv",
        kind="classes",
    )
    rows, errors = imports.check_classes(
        sheet, teachers_by_code={"gv002": 7}, teachers_by_name={"nguyen thi hoa": [7], "trung ten": [8, 9]}
    )
    assert [(r.row, r.school_year, r.name, r.values) for r in rows] == [
        (2, "2026-2027", "10 Toán", {"grade": 10, "student_count": 35, "homeroom_teacher_id": 7}),
        (3, "2026-2027", "11A1", {"grade": 11, "student_count": 40, "homeroom_teacher_id": 7}),
    ]
    found = {(e.row, e.column): e.message for e in errors}
    assert "Không tìm thấy GVCN «Ai Đó»" in found[(4, "GVCN")]
    assert "Khối «13»" in found[(5, "Khối")] and "Sĩ số «bốn mươi»" in found[(5, "Sĩ số")]
    assert "hãy ghi mã cán bộ" in found[(5, "GVCN")]
    assert "2026-2025" in found[(6, "Năm học")]
    assert found[(7, "Lớp")] == "Lớp «10 TOÁN» năm học 2026-2027 bị trùng với dòng 2."
