"""CSV as Excel writes it: a quote never closed is an error on its row; Windows-1258 files import correctly."""

from __future__ import annotations

import pytest

from tests.lib.test_textfiles import windows_1258
from truyenthong.core.errors import InvalidInput
from truyenthong.org import import_services as services
from truyenthong.org.imports import read_sheet
from truyenthong.org.models import Person

MAX = 10 * 1024 * 1024
HEADER = "Mã CB,Họ và tên,Email\r\n"


def preview(world, data):
    return services.people_import_preview(school=world.school, data=data, filename="ds.csv", max_bytes=MAX)


def test_an_unclosed_quote_is_an_error_on_its_row_and_nothing_is_imported(world):
    data = (HEADER + 'GV501,"Thiếu dấu ngoặc,csv1@lqd.edu.vn\r\nGV502,Trần Bình,csv2@lqd.edu.vn\r\n').encode()
    plan = preview(world, data)
    assert [(e.row, "ngoặc kép" in e.message) for e in plan.errors] == [(2, True)]
    assert "dòng 3" in plan.errors[0].message
    assert not plan.creates or not plan.ok
    with pytest.raises(InvalidInput):
        services.people_import_commit(
            school=world.school,
            sheet=plan.sheet,
            fingerprint=plan.fingerprint,
            actor=world.users["principal"],
            filename="ds.csv",
        )
    assert not Person.objects.filter(code__in=["GV501", "GV502"]).exists()
    assert not Person.objects.filter(full_name__contains="csv").exists()


def test_a_quote_closed_lines_later_reports_the_swallowed_lines_and_keeps_reading(world):
    data = (
        HEADER
        + 'GV501,"Thiếu dấu ngoặc,csv1@lqd.edu.vn\r\nGV502,Trần Bình,csv2@lqd.edu.vn\r\nGV503,"Đóng",x@lqd.edu.vn\r\n'
        + "GV504,Phạm Tư,csv4@lqd.edu.vn\r\n"
    ).encode()
    sheet = read_sheet(data=data, ext=".csv", kind="people")
    assert [n for n, _ in sheet.read_errors] == [2]
    assert "các dòng 3–4" in sheet.read_errors[0][1]
    assert [values["code"] for _, values in sheet.rows] == ["GV504"]


def test_quoted_cells_with_commas_and_line_breaks_are_not_errors():
    data = (HEADER + 'GV501,"Nguyễn, Văn A",a@lqd.edu.vn\r\nGV502,"Trần\r\nBình",b@lqd.edu.vn\r\n').encode()
    sheet = read_sheet(data=data, ext=".csv", kind="people")
    assert sheet.read_errors == []
    assert [values["full_name"] for _, values in sheet.rows] == ["Nguyễn, Văn A", "Trần Bình"]


def test_a_windows_1258_csv_from_vietnamese_excel_imports_with_its_diacritics(world):
    rows = "GV601;Đặng Thị Hương;huong@lqd.edu.vn\r\nGV602;Nguyễn Văn Đức;duc@lqd.edu.vn\r\n"
    data = windows_1258(HEADER.replace(",", ";") + rows)
    plan = preview(world, data)
    assert plan.errors == []
    services.people_import_commit(
        school=world.school,
        sheet=plan.sheet,
        fingerprint=plan.fingerprint,
        actor=world.users["principal"],
        filename="ds.csv",
    )
    assert sorted(Person.objects.filter(code__in=["GV601", "GV602"]).values_list("full_name", flat=True)) == [
        "Nguyễn Văn Đức",
        "Đặng Thị Hương",
    ]


def test_a_csv_in_another_code_page_is_refused_with_how_to_save_as_utf8(world):
    with pytest.raises(InvalidInput) as refused:
        preview(world, ("Ma CB,Ho va ten,Email\r\nGV701,Łódź Größe Straße,a@b.de\r\n").encode("cp1250"))
    assert "CSV UTF-8" in str(refused.value)
