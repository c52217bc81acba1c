"""The import pages: upload → preview → confirm, and who may use them."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.access import assert_refused, assert_to_login
from tests.org.conftest import make_csv, make_xlsx
from truyenthong.org.models import Person, SchoolClass

pytestmark = pytest.mark.django_db

ALLOWED = ["admin", "principal"]
DENIED = ["comms", "dept_head", "teacher", "youth", "official", "other_official", "outsider"]


def upload(client, url, data, name="ds.xlsx", **extra):
    return client.post(url, {"file": SimpleUploadedFile(name, data), **extra})


def import_urls(world):
    code = world.school.code
    return [
        reverse("org:people-import", args=[code]),
        reverse("org:people-import-template", args=[code]),
        reverse("org:people-import-preview", args=[code, "khong-co"]),
        reverse("org:classes-import", args=[code]),
        reverse("org:classes-import-template", args=[code]),
        reverse("org:classes-import-preview", args=[code, "khong-co"]),
    ]


@pytest.mark.parametrize("role", ALLOWED)
def test_the_leadership_opens_the_import_pages_and_downloads_the_templates(world, client_for, role):
    c = client_for(world.users[role])
    for url in import_urls(world):
        expected = 404 if "khong-co" in url else 200
        assert c.get(url).status_code == expected, url
    response = c.get(reverse("org:people-import-template", args=[world.school.code]))
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-can-bo.xlsx"'
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(response.content)).worksheets[0]["A1"].value == "Mã CB"


@pytest.mark.parametrize("role", DENIED)
def test_everyone_else_is_refused_every_import_page(world, client_for, role):
    c = client_for(world.users[role])
    for url in import_urls(world):
        assert_refused(c.get(url), where=url)
        assert_refused(c.post(url, {}), where=f"POST {url}")


def test_an_anonymous_visitor_is_sent_to_the_login_page(world, client_for):
    c = client_for(None)
    for url in import_urls(world):
        assert_to_login(c.get(url), where=url)


def test_the_outsider_cannot_import_into_another_school_even_with_a_pending_import(
    world, client_for, people_rows
):
    principal = client_for(world.users["principal"])
    response = upload(
        principal, reverse("org:people-import", args=[world.school.code]), make_xlsx(people_rows)
    )
    preview_url = response["Location"]
    outsider = client_for(world.users["outsider"])
    assert outsider.get(preview_url).status_code == 403
    assert outsider.post(preview_url, {"fingerprint": "x"}).status_code == 403
    # Their own school's URL with the token is not found either: pending imports belong to one session and school.
    own = preview_url.replace(f"/truong/{world.school.code}/", f"/truong/{world.other_school.code}/")
    assert outsider.get(own).status_code == 404
    assert not Person.objects.filter(code="GV101").exists()


def test_upload_preview_and_confirm_import_the_people(world, client_for, people_rows):
    c = client_for(world.users["principal"])
    response = upload(c, reverse("org:people-import", args=[world.school.code]), make_xlsx(people_rows))
    assert response.status_code == 302
    page = c.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "3 thêm mới" in html and "Lê Văn Tám (GV101)" in html and "Xác nhận và lưu" in html
    assert not Person.objects.filter(code="GV101").exists()
    done = c.post(response["Location"], {"fingerprint": page.context["plan"].fingerprint})
    assert done.status_code == 302 and done["Location"] == reverse(
        "org:person-list", args=[world.school.code]
    )
    assert Person.objects.filter(school=world.school, code__in=["GV101", "GV102", "NV201"]).count() == 3
    follow = c.get(done["Location"])
    assert "Đã nhập ds.xlsx: thêm 3 cán bộ, cập nhật 0, giữ nguyên 0." in follow.content.decode()
    assert c.get(response["Location"]).status_code == 404  # the pending import is gone once saved


def test_the_preview_lists_each_error_with_row_and_column_and_offers_no_confirm(
    world, client_for, people_rows
):
    people_rows.append([4, "GV103", "", "", "", "", "Giáo viên", "", "", "32/13/2026"])
    c = client_for(world.users["principal"])
    response = upload(
        c,
        reverse("org:people-import", args=[world.school.code]),
        make_csv(people_rows, delimiter=";"),
        name="ds.csv",
    )
    html = c.get(response["Location"]).content.decode()
    assert "<td>5</td>" in html and "Họ và tên" in html and "Thiếu họ và tên." in html
    assert "Ngày «32/13/2026» không hợp lệ" in html
    assert "Xác nhận và lưu" not in html
    # Posting the confirmation anyway writes nothing.
    c.post(response["Location"], {"fingerprint": "gia-mao"})
    assert not Person.objects.filter(code="GV101").exists()


def test_a_stale_confirmation_writes_nothing_and_shows_the_new_preview(world, client_for, people_rows):
    c = client_for(world.users["principal"])
    response = upload(c, reverse("org:people-import", args=[world.school.code]), make_xlsx(people_rows))
    page = c.get(response["Location"])
    Person.objects.create(school=world.school, code="GV101", full_name="Người khác vừa thêm")
    again = c.post(response["Location"], {"fingerprint": page.context["plan"].fingerprint})
    assert again.status_code == 200
    assert "đã thay đổi từ lúc xem trước" in again.content.decode()
    assert not Person.objects.filter(code="GV102").exists()


def test_a_wrong_file_is_refused_on_the_upload_form(world, client_for):
    c = client_for(world.users["principal"])
    url = reverse("org:people-import", args=[world.school.code])
    response = upload(c, url, b"%PDF-1.4 nothing", name="ds.pdf")
    assert response.status_code == 200 and "loại tệp không được nhận" in response.content.decode()
    response = upload(c, url, b"PK\x03\x04 not really", name="ds.xlsx")
    assert "đổi đuôi" in response.content.decode()
    response = upload(c, url, make_csv([["Email", "Điện thoại"], ["a@b.vn", "1"]]), name="ds.csv")
    assert "Không tìm thấy cột bắt buộc" in response.content.decode()


def test_the_classes_import_flow_with_the_year_chosen_on_the_form(world, client_for):
    c = client_for(world.users["principal"])
    data = make_csv([["Lớp", "Sĩ số", "GVCN"], ["10A1", "40", "Nguyễn Thị Hoa"], ["11A1", "38", "gv001"]])
    response = upload(
        c,
        reverse("org:classes-import", args=[world.school.code]),
        data,
        name="lop.csv",
        school_year="2026 - 2027",
    )
    assert response.status_code == 302
    page = c.get(response["Location"])
    assert "2 thêm mới" in page.content.decode()
    done = c.post(response["Location"], {"fingerprint": page.context["plan"].fingerprint})
    assert done["Location"] == reverse("org:class-list", args=[world.school.code])
    ten = SchoolClass.objects.get(school=world.school, name="10A1")
    assert (ten.school_year, ten.grade, ten.homeroom_teacher) == ("2026-2027", 10, world.people["teacher"])


def test_the_person_list_links_to_the_import_for_the_leadership_only(world, client_for):
    url = reverse("org:person-list", args=[world.school.code])
    import_url = reverse("org:people-import", args=[world.school.code])
    assert import_url in client_for(world.users["principal"]).get(url).content.decode()
    assert import_url not in client_for(world.users["comms"]).get(url).content.decode()
