"""In a real browser: communication staff record a parent's and a student's consent and the photo story appears on
the public section; the teacher downloads her own data. Screenshots go to $PRIVACY_SCREENSHOTS when set."""

import os
from pathlib import Path

import pytest

from tests.browser_support import login
from tests.conftest import PASSWORD
from truyenthong.privacy import services
from truyenthong.privacy.models import Purpose

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name):
    folder = os.environ.get("PRIVACY_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_consents_open_the_public_page_of_a_photo_story(new_page, live_server, world, section, make_item):
    import datetime as dt

    from django.utils import timezone

    student = services.student_create(
        school=world.school,
        actor=world.users["comms"],
        full_name="Lê Minh An",
        birth_date=timezone.localdate() - dt.timedelta(days=14 * 365),
    )
    item = make_item("Học sinh đạt giải khoa học kỹ thuật", kind="photo_story")
    services.appearance_add(item=item, actor=world.users["comms"], student=student, purpose=Purpose.PHOTO)
    public = new_page()
    detail = f"{live_server.url}/chuyen-muc/{section.slug}/{item.slug}/"
    assert public.goto(detail).status == 404

    page = new_page()
    login(page, live_server, "comms", PASSWORD)
    page.goto(f"{live_server.url}/truong/{world.school.code}/du-lieu-ca-nhan/dong-y/")
    assert "cha mẹ hoặc người giám hộ, chính người đó" in page.locator("table").first.inner_text()
    for given_by, giver in (("parent", "Lê Văn Bình"), ("self", "")):
        form = page.locator("form[action$='/dong-y/them/']")
        form.get_by_label("hoặc học sinh").select_option(label="Lê Minh An")
        form.get_by_label("Nội dung đồng ý").select_option("photo")
        form.get_by_label("Người đồng ý").select_option(given_by)
        form.get_by_label("Họ tên cha mẹ, người giám hộ").fill(giver)
        form.get_by_label("Minh chứng").fill("Phiếu đồng ý họp phụ huynh đầu năm")
        form.get_by_role("button", name="Lưu").click()
        assert "Đã ghi nhận sự đồng ý" in page.locator(".messages").inner_text()
    _shot(page, "consents")
    assert "Được công bố" in page.locator("table").first.inner_text()
    page.goto(f"{live_server.url}/truong/{world.school.code}/du-lieu-ca-nhan/nguoi-xuat-hien/")
    assert "Được hiện" in page.locator("table").inner_text()
    _shot(page, "appearances")
    assert public.goto(detail).status == 200


def test_the_teacher_downloads_her_data_and_the_principal_sees_the_register_and_log(
    new_page, live_server, staff
):
    page = new_page()
    login(page, live_server, "teacher", PASSWORD)
    page.goto(f"{live_server.url}/tai-khoan/du-lieu-cua-toi/")
    assert page.get_by_role("heading", name="Dữ liệu cá nhân của tôi").is_visible()
    _shot(page, "own-data")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về Excel (.xlsx)").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    boss = new_page()
    login(boss, live_server, "principal", PASSWORD)
    boss.goto(f"{live_server.url}/truong/{staff.school.code}/du-lieu-ca-nhan/")
    assert boss.get_by_role("heading", name="Danh mục dữ liệu cá nhân").is_visible()
    _shot(boss, "register")
    boss.get_by_role("link", name="Nhật ký truy cập").click()
    assert "Tải dữ liệu cá nhân" in boss.locator("table").inner_text()
    _shot(boss, "access-log")
