"""Staff and class imports against a school: preview writes nothing, commit is all or nothing, re-import updates."""

from __future__ import annotations

import io

import pytest

from tests.org.conftest import make_csv, make_xlsx
from truyenthong.core.audit import history_for
from truyenthong.core.errors import ConflictError, InvalidInput
from truyenthong.core.models import AuditEntry
from truyenthong.org import import_services as services
from truyenthong.org.models import Membership, Person, SchoolClass

MAX = 10 * 1024 * 1024


def preview(world, data, name="ds.xlsx"):
    return services.people_import_preview(school=world.school, data=data, filename=name, max_bytes=MAX)


def commit(world, plan, actor=None):
    return services.people_import_commit(
        school=world.school,
        sheet=plan.sheet,
        fingerprint=plan.fingerprint,
        actor=actor or world.users["principal"],
        filename="ds.xlsx",
    )


def test_a_valid_xlsx_creates_people_with_their_unit_memberships(world, people_rows):
    plan = preview(world, make_xlsx(people_rows, title_rows=[["DANH SÁCH CÁN BỘ"], []]))
    assert plan.errors == [] and [c.row for c in plan.creates] == [4, 5, 6]
    assert Person.objects.filter(school=world.school).count() == 2  # the preview wrote nothing
    result = commit(world, plan)
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    tam = Person.objects.get(school=world.school, code="GV101")
    assert tam.full_name == "Lê Văn Tám" and tam.category == "teacher" and tam.phone == "0912345678"
    assert tam.active_from.isoformat() == "2026-09-05"
    assert [m.unit for m in tam.memberships.all()] == [world.math_unit]
    thu = Person.objects.get(code="GV102")
    assert thu.memberships.get().role == Membership.UnitRole.HEAD
    bao = Person.objects.get(code="NV201")
    assert bao.category == "employee" and bao.memberships.get().unit == world.office_unit
    assert history_for(tam).get().action == AuditEntry.Action.CREATE
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, organisation=world.school).count() == 1


def test_a_valid_semicolon_csv_imports_the_same_people(world, people_rows):
    plan = preview(world, make_csv(people_rows, delimiter=";"), name="ds.csv")
    commit(world, plan)
    assert set(Person.objects.filter(school=world.school).values_list("code", flat=True)) == {
        "GV001",
        "GV002",
        "GV101",
        "GV102",
        "NV201",
    }


def test_one_bad_row_writes_nothing_at_all(world, people_rows):
    people_rows.append([4, "GV103", "Ngô Bình", "", "", "", "Giáo viên", "", "Tổ Hóa", ""])
    plan = preview(world, make_xlsx(people_rows))
    assert [(e.row, e.column) for e in plan.errors] == [(5, "Tổ")]
    before = (Person.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    with pytest.raises(InvalidInput) as exc:
        commit(world, plan)
    assert "chưa có dòng nào được ghi" in exc.value.message
    assert exc.value.errors == ["Dòng 5, cột «Tổ»: " + plan.errors[0].message]
    assert (Person.objects.count(), Membership.objects.count(), AuditEntry.objects.count()) == before


def test_a_failure_in_the_middle_of_the_commit_rolls_everything_back(world, people_rows, monkeypatch):
    plan = preview(world, make_xlsx(people_rows))
    real = services.person_create
    calls = []

    def failing(**kwargs):
        calls.append(kwargs["code"])
        if len(calls) == 3:
            raise RuntimeError("đĩa đầy")
        return real(**kwargs)

    monkeypatch.setattr(services, "person_create", failing)
    with pytest.raises(RuntimeError):
        commit(world, plan)
    assert not Person.objects.filter(code__in=["GV101", "GV102"]).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).exists()


def test_reimporting_updates_people_without_duplicates_and_audits_old_to_new(world, people_rows):
    commit(world, preview(world, make_xlsx(people_rows)))
    people_rows[1][3] = "tam.moi@lqd.edu.vn"
    people_rows[1][5] = "Tổ phó"
    people_rows[3][8] = "Văn phòng; Đoàn Thanh niên"
    plan = preview(world, make_xlsx(people_rows))
    assert plan.creates == [] and plan.unchanged == [3]
    assert [c.row for c in plan.updates] == [2, 4]
    tam_change = plan.updates[0]
    assert ("Email", "tam.lv@lqd.edu.vn", "tam.moi@lqd.edu.vn") in tam_change.display
    result = commit(world, plan)
    assert (result.created, result.updated, result.unchanged) == (0, 2, 1)
    assert Person.objects.filter(school=world.school).count() == 5
    tam = Person.objects.get(code="GV101")
    assert tam.email == "tam.moi@lqd.edu.vn" and tam.version == 2
    update = history_for(tam).filter(action=AuditEntry.Action.UPDATE).get()
    assert update.changes["email"] == ["tam.lv@lqd.edu.vn", "tam.moi@lqd.edu.vn"]
    assert update.changes["position"] == ["Giáo viên", "Tổ phó"]
    assert update.actor == world.users["principal"]
    bao = Person.objects.get(code="NV201")
    assert {m.unit for m in bao.memberships.all()} == {world.office_unit, world.youth_unit}


def test_the_same_file_twice_changes_nothing_the_second_time(world, people_rows):
    data = make_xlsx(people_rows)
    commit(world, preview(world, data))
    plan = preview(world, data)
    assert plan.creates == plan.updates == [] and plan.unchanged == [2, 3, 4] and not plan.has_writes


def test_a_row_without_a_code_updates_the_person_with_that_email(world):
    Person.objects.filter(code="GV002").update(email="hoa@lqd.edu.vn")
    plan = preview(
        world,
        make_csv([["Email", "Họ và tên", "Điện thoại"], ["HOA@lqd.edu.vn", "Nguyễn Thị Hoa", "0911000111"]]),
        name="ds.csv",
    )
    assert plan.errors == [] and plan.updates[0].target_id == world.people["teacher"].pk
    commit(world, plan)
    assert Person.objects.get(code="GV002").phone == "0911000111"


def test_an_email_that_belongs_to_someone_else_is_a_clash(world):
    Person.objects.filter(code="GV002").update(email="hoa@lqd.edu.vn")
    plan = preview(
        world,
        make_csv(
            [
                ["Mã CB", "Họ và tên", "Email"],
                ["GV001", "Huỳnh Lê Minh", "hoa@lqd.edu.vn"],
                ["GV300", "Người Mới", "hoa@lqd.edu.vn"],
            ]
        ),
        name="ds.csv",
    )
    messages = {(e.row, e.column): e.message for e in plan.errors}
    assert "đã là email của Nguyễn Thị Hoa (mã GV002)" in messages[(2, "Email")]
    assert messages[(3, "Email")] == "Email «hoa@lqd.edu.vn» bị trùng với dòng 2."


def test_a_new_person_needs_a_staff_code(world):
    plan = preview(world, make_csv([["Email", "Họ và tên"], ["moi@lqd.edu.vn", "Người Mới"]]), name="ds.csv")
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Mã CB")]


def test_duplicate_staff_codes_in_the_file_are_refused_and_nothing_is_written(world, people_rows):
    people_rows.append([4, "gv101", "Lê Văn Tám B", "", "", "", "", "", "", ""])
    plan = preview(world, make_xlsx(people_rows))
    assert [(e.row, e.column, e.message) for e in plan.errors] == [
        (5, "Mã CB", "Mã cán bộ «gv101» bị trùng với dòng 2.")
    ]
    with pytest.raises(InvalidInput):
        commit(world, plan)
    assert not Person.objects.filter(code="GV101").exists()


def test_codes_of_another_school_do_not_match(world):
    plan = preview(world, make_csv([["Mã CB", "Họ và tên"], ["GV001", "Huỳnh Lê Minh"]]), name="ds.csv")
    assert plan.unchanged == [2]  # the other school's GV001 (Trần Văn Nam) is not this school's GV001
    assert world.people["other_teacher"].code == "GV001"


def test_a_change_made_after_the_preview_stops_the_commit(world, people_rows):
    Person.objects.filter(code="GV002").update(email="hoa@lqd.edu.vn")
    plan = preview(
        world,
        make_csv([["Mã CB", "Họ và tên", "Điện thoại"], ["GV002", "Nguyễn Thị Hoa", "0911000111"]]),
        name="ds.csv",
    )
    Person.objects.filter(code="GV002").update(version=5)
    with pytest.raises(ConflictError):
        commit(world, plan)
    assert Person.objects.get(code="GV002").phone == ""


def test_a_wrong_file_type_or_an_empty_file_is_refused(world):
    with pytest.raises(InvalidInput, match="loại tệp không được nhận"):
        preview(world, b"hello", name="ds.docx")
    with pytest.raises(InvalidInput, match="rỗng"):
        preview(world, b"", name="ds.csv")
    with pytest.raises(InvalidInput, match="đổi đuôi"):
        preview(world, b"not a zip", name="ds.xlsx")


def test_classes_import_matches_the_homeroom_teacher_and_updates_on_reimport(world):
    rows = [
        ["Năm học", "Lớp", "Khối", "Sĩ số", "GVCN"],
        ["2026-2027", "10 Toán", 10, 35, "GV002"],
        ["2026-2027", "11A1", "", 40, "huynh le minh"],
    ]
    plan = services.classes_import_preview(
        school=world.school, data=make_xlsx(rows), filename="lop.xlsx", max_bytes=MAX
    )
    assert plan.errors == []
    services.classes_import_commit(
        school=world.school, sheet=plan.sheet, fingerprint=plan.fingerprint, actor=world.users["principal"]
    )
    ten = SchoolClass.objects.get(school=world.school, name="10 Toán")
    assert ten.homeroom_teacher == world.people["teacher"] and ten.student_count == 35
    assert SchoolClass.objects.get(name="11A1").homeroom_teacher == world.people["principal"]
    rows[1][3] = 36
    plan = services.classes_import_preview(
        school=world.school, data=make_xlsx(rows), filename="lop.xlsx", max_bytes=MAX
    )
    assert [c.row for c in plan.updates] == [2] and plan.unchanged == [3]
    services.classes_import_commit(
        school=world.school, sheet=plan.sheet, fingerprint=plan.fingerprint, actor=world.users["principal"]
    )
    assert SchoolClass.objects.filter(school=world.school).count() == 2
    ten.refresh_from_db()
    assert ten.student_count == 36
    assert history_for(ten).filter(action=AuditEntry.Action.UPDATE).get().changes == {
        "student_count": [35, 36]
    }


def test_classes_without_a_year_column_use_the_year_chosen_on_the_form(world):
    data = make_csv([["Lớp", "Sĩ số"], ["10A1", "40"]])
    plan = services.classes_import_preview(school=world.school, data=data, filename="lop.csv", max_bytes=MAX)
    assert [(e.row, e.column, e.message) for e in plan.errors] == [(2, "Năm học", "Thiếu năm học.")]
    plan = services.classes_import_preview(
        school=world.school, data=data, filename="lop.csv", max_bytes=MAX, default_year="2026-2027"
    )
    assert plan.errors == [] and plan.creates[0].values["school_year"] == "2026-2027"


def test_the_template_file_has_the_expected_headers_and_the_schools_units(world):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(services.import_template_xlsx(school=world.school, kind="people")))
    assert [c.value for c in book.worksheets[0][1]] == [
        "Mã CB",
        "Họ và tên",
        "Giới tính",
        "Email",
        "Điện thoại",
        "Chức vụ",
        "Loại",
        "Môn",
        "Tổ",
        "Ngày bắt đầu",
        "Ngày kết thúc",
    ]
    help_text = [r[0] for r in book["Hướng dẫn"].iter_rows(values_only=True)]
    assert "Tổ Toán" in help_text and "Giáo viên" in help_text
    assert [
        c.value
        for c in load_workbook(
            io.BytesIO(services.import_template_xlsx(school=world.school, kind="classes"))
        ).worksheets[0][1]
    ] == ["Năm học", "Lớp", "Khối", "Sĩ số", "GVCN"]


def test_the_template_file_imports_as_is(world):
    data = services.import_template_xlsx(school=world.school, kind="people")
    plan = preview(world, data)
    assert plan.errors == [] and [c.label for c in plan.creates] == ["Nguyễn Văn An (GV101)"]


def test_a_new_code_with_a_known_email_renumbers_that_person_visibly_in_the_preview(world):
    Person.objects.filter(code="GV002").update(email="hoa@lqd.edu.vn")
    plan = preview(
        world,
        make_csv([["Mã CB", "Họ và tên", "Email"], ["GV300", "Nguyễn Thị Hoa", "hoa@lqd.edu.vn"]]),
        name="ds.csv",
    )
    assert plan.creates == [] and plan.updates[0].display == [("Mã CB", "GV002", "GV300")]
    commit(world, plan)
    assert Person.objects.get(pk=world.people["teacher"].pk).code == "GV300"
    assert Person.objects.filter(school=world.school).count() == 2
