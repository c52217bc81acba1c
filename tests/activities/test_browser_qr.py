"""The QR check-in round trip in a real Chromium: the organiser projects the code, a teacher opens its link,
confirms, is counted once; a second scan is not counted; an expired code is refused."""

import os
import re

import pytest
from django.test import override_settings

from tests.activities.conftest import make_activity
from tests.conftest import PASSWORD
from truyenthong.activities.models import Attendance

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_a_teacher_checks_in_by_qr_once_and_an_expired_code_is_refused(browser, live_server, world, staff):
    session = make_activity(world, days_ago=0)

    organiser = new_page(browser)
    log_in(organiser, live_server, "principal")
    organiser.goto(f"{live_server.url}/hoat-dong/{session.pk}/diem-danh/qr/")
    assert organiser.locator("#qr-code svg").is_visible()
    assert organiser.locator("#qr-count").inner_text() == "0"
    link = organiser.locator("#check-in-link").inner_text()
    assert re.match(rf"{re.escape(live_server.url)}/diem-danh/[^/]+/$", link)

    phone = new_page(browser)
    log_in(phone, live_server, "teacher")
    phone.goto(link)
    phone.get_by_role("button", name="Xác nhận có mặt").click()
    assert "Đã điểm danh lúc" in phone.locator("#check-in-message").inner_text()

    phone.goto(link)  # the second scan
    assert "Bạn đã điểm danh lúc" in phone.locator("#check-in-message").inner_text()
    assert Attendance.objects.filter(activity=session, person=staff["teacher"]).count() == 1

    organiser.reload()
    assert organiser.locator("#qr-count").inner_text() == "1"

    staff["clerk"].user = world.users["comms"]
    staff["clerk"].save()
    late = new_page(browser)
    log_in(late, live_server, "comms")
    with override_settings(ATTENDANCE_QR_MAX_AGE=-1):
        late.goto(link)
        assert "Mã QR đã hết hạn" in late.locator("#check-in-message").inner_text()
    assert not Attendance.objects.filter(person=staff["clerk"]).exists()
