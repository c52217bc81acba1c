"""Staff and class lists in the layouts of the sector's usual exports (the Ministry's CSDL ngành and the like): title
rows, headers recognised by meaning in any order, per-row errors, all or nothing. Files built here with openpyxl."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.org.conftest import make_xlsx
from truyenthong.org import imports
from truyenthong.org.imports import ImportFileError, read_sheet

TITLE = [
    ["SỞ GIÁO DỤC VÀ ĐÀO TẠO GIA LAI"],
    ["TRƯỜNG THPT CHUYÊN LÊ QUÝ ĐÔN"],
    ["DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN"],
    ["(Xuất từ Cơ sở dữ liệu ngành ngày 02/12/2026)"],
    [],
]
CSDL_HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Mã định danh",
    "Số CCCD",
    "Tổ chuyên môn",
    "Chức vụ",
    "Vị trí việc làm",
    "Môn dạy chính",
    "Trạng thái cán bộ",
    "Ngày tuyển dụng",
    "Số điện thoại di động",
    "Email",
]
UNITS = {}
for pk, name in ((1, "Tổ Toán"), (2, "Tổ Văn phòng"), (3, "Tổ Ngữ văn")):
    for key in imports.unit_keys(name):
        UNITS[key] = pk
UNIT_NAMES = ["Tổ Toán", "Tổ Văn phòng", "Tổ Ngữ văn"]


def _row(n, name, code, unit, position, post, subject, status="Đang làm việc", hired="01/09/2015"):
    return [
        n,
        name,
        "12/03/1985",
        "Nữ",
        code,
        "052185000123",
        unit,
        position,
        post,
        subject,
        status,
        hired,
        "0912 345 678",
        f"{code.lower()}@lqd.edu.vn",
    ]


def _csdl_file(rows) -> bytes:
    return make_xlsx([CSDL_HEADER, *rows], title_rows=TITLE, sheet_title="Danh sách CBGVNV")


def test_a_csdl_staff_export_is_read_by_meaning_below_its_title_rows():
    data = _csdl_file(
        [
            _row(1, "Nguyễn Thị Lan", "7900123456", "Tổ Toán", "Tổ trưởng", "Giáo viên THPT hạng II", "Toán"),
            _row(2, "Trần Văn Bình", "7900123457", "Tổ Văn phòng", "", "Kế toán", ""),
            _row(
                3, "Lê Minh Châu", "7900123458", "Tổ Ngữ văn", "Phó Hiệu trưởng", "Phó Hiệu trưởng", "Ngữ văn"
            ),
        ]
    )
    sheet = read_sheet(data=data, ext=".xlsx", kind="people")
    assert sheet.header_row == 6
    assert sheet.columns == {
        "full_name": "Họ và tên",
        "gender": "Giới tính",
        "code": "Mã định danh",
        "unit": "Tổ chuyên môn",
        "position": "Chức vụ",
        "category": "Vị trí việc làm",
        "subject": "Môn dạy chính",
        "status": "Trạng thái cán bộ",
        "active_from": "Ngày tuyển dụng",
        "phone": "Số điện thoại di động",
        "email": "Email",
    }
    # Never taken as a register field: the date of birth, the citizen ID, the row number
    assert sheet.ignored == ["STT", "Ngày sinh", "Số CCCD"]
    rows, errors = imports.check_people(sheet, units=UNITS, unit_names=UNIT_NAMES)
    assert errors == []
    lan, binh, chau = rows
    assert (lan.code, lan.values["category"], lan.values["subject"], lan.unit_ids) == (
        "7900123456",
        "teacher",
        "Toán",
        [1],
    )
    assert lan.values["active_from"] == dt.date(2015, 9, 1) and lan.values["phone"] == "0912345678"
    assert binh.values["category"] == "employee" and chau.values["category"] == "manager"
    assert "052185000123" not in str([r.values for r in rows])


def test_personal_identifiers_and_the_school_name_never_stand_for_the_staff_code_or_unit():
    header = ["Họ tên", "Mã định danh công dân", "Số CMND", "Đơn vị công tác", "Họ tên người thân", "Email"]
    sheet = read_sheet(
        data=make_xlsx(
            [header, ["An", "052185000123", "123456789", "Trường THPT chuyên Lê Quý Đôn", "Bố An", "an@x.vn"]]
        ),
        ext=".xlsx",
        kind="people",
    )
    assert sheet.columns == {"full_name": "Họ tên", "email": "Email"}
    assert set(sheet.ignored) == {"Mã định danh công dân", "Số CMND", "Đơn vị công tác", "Họ tên người thân"}


def test_a_file_with_only_a_citizen_id_is_refused_for_want_of_a_staff_code():
    header = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD"]
    with pytest.raises(ImportFileError) as exc:
        read_sheet(
            data=make_xlsx([header, [1, "An", "Nam", "01/01/1990", "052185000123"]], title_rows=TITLE),
            ext=".xlsx",
            kind="people",
        )
    assert "«Mã CB» (hoặc «Email»)" in str(exc.value)


def test_someone_who_has_left_is_refused_without_the_date_and_kept_with_it():
    data = _csdl_file(
        [
            _row(1, "Nguyễn Thị Lan", "7900123456", "Tổ Toán", "", "Giáo viên", "Toán"),
            _row(2, "Trần Văn Bình", "7900123457", "Tổ Toán", "", "Giáo viên", "Toán", status="Nghỉ hưu"),
            _row(3, "Lê Minh Châu", "7900123458", "Tổ Toán", "", "Giáo viên", "Toán", status="Tạm nghỉ"),
            _row(4, "Phan Thu Hà", "7900123459", "Tổ Toán", "", "Thợ lặn", "Toán"),
        ]
    )
    sheet = read_sheet(data=data, ext=".xlsx", kind="people")
    rows, errors = imports.check_people(sheet, units=UNITS, unit_names=UNIT_NAMES)
    assert [(e.row, e.column) for e in errors] == [(8, "Trạng thái cán bộ"), (10, "Vị trí việc làm")]
    assert "Nghỉ hưu" in errors[0].message and "Ngày kết thúc công tác" in errors[0].message
    assert "Thợ lặn" in errors[1].message
    assert [r.code for r in rows] == ["7900123456", "7900123458"]  # "Tạm nghỉ" still serves


def test_a_class_export_with_ten_lop_khoi_gvcn_is_read_and_khoi_10_understood():
    header = ["STT", "Mã lớp", "Tên lớp", "Khối", "GVCN", "Sĩ số", "Sĩ số nữ", "Năm học"]
    data = make_xlsx(
        [
            header,
            [1, "L001", "10A1", "Khối 10", "GV001", 42, 20, "2026-2027"],
            [2, "L002", "11A2", "K11", "", 40, 21, "2026-2027"],
        ],
        title_rows=[["DANH SÁCH LỚP HỌC"], []],
    )
    sheet = read_sheet(data=data, ext=".xlsx", kind="classes")
    assert sheet.columns == {
        "name": "Tên lớp",
        "grade": "Khối",
        "homeroom": "GVCN",
        "student_count": "Sĩ số",
        "school_year": "Năm học",
    }
    assert "Mã lớp" in sheet.ignored and "Sĩ số nữ" in sheet.ignored
    rows, errors = imports.check_classes(sheet, teachers_by_code={"gv001": 7}, teachers_by_name={})
    assert errors == []
    assert [(r.name, r.values["grade"], r.values.get("homeroom_teacher_id")) for r in rows] == [
        ("10A1", 10, 7),
        ("11A2", 11, None),
    ]
    assert rows[0].values["student_count"] == 42


def test_a_class_row_with_a_grade_out_of_range_is_refused_with_its_row():
    header = ["Tên lớp", "Khối lớp", "Giáo viên chủ nhiệm"]
    sheet = read_sheet(data=make_xlsx([header, ["10A1", "Khối 13", ""]]), ext=".xlsx", kind="classes")
    rows, errors = imports.check_classes(
        sheet, teachers_by_code={}, teachers_by_name={}, default_year="2026-2027"
    )
    assert rows == [] and [(e.row, e.column) for e in errors] == [(2, "Khối lớp")]


@pytest.mark.django_db
def test_the_csdl_export_imports_all_or_nothing(world):
    from truyenthong.core.errors import InvalidInput
    from truyenthong.org import import_services as services
    from truyenthong.org.models import Person

    w = world
    good = _row(1, "Nguyễn Thị Lan", "7900123456", "Tổ Toán", "", "Giáo viên THPT hạng III", "Toán")
    left = _row(2, "Trần Văn Bình", "7900123457", "Tổ Toán", "", "Giáo viên", "Toán", status="Chuyển đi")

    def run(rows):
        plan = services.people_import_preview(
            school=w.school, data=_csdl_file(rows), filename="csdl.xlsx", max_bytes=10 * 1024 * 1024
        )
        return plan, lambda: services.people_import_commit(
            school=w.school, sheet=plan.sheet, fingerprint=plan.fingerprint, actor=w.users["principal"]
        )

    before = Person.objects.count()
    plan, commit = run([good, left])
    assert [(e.row, e.column) for e in plan.errors] == [(8, "Trạng thái cán bộ")]
    with pytest.raises(InvalidInput):
        commit()
    assert Person.objects.count() == before  # all or nothing: the good row was not written either
    plan, commit = run([good])
    assert plan.errors == []
    commit()
    lan = Person.objects.get(school=w.school, code="7900123456")
    assert (lan.full_name, lan.category, lan.subject) == ("Nguyễn Thị Lan", "teacher", "Toán")
    assert [m.unit.name for m in lan.memberships.select_related("unit")] == ["Tổ Toán"]
