"""The QR check-in round trip in a real Chromium: the organiser projects the code, a teacher opens its link,
confirms, is counted once; a second scan is not counted; an expired code is refused."""

import re

import pytest
from django.test import override_settings

from tests.activities.conftest import make_activity
from tests.browser_support import login
from truyenthong.activities.models import Attendance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_teacher_checks_in_by_qr_once_and_an_expired_code_is_refused(new_page, live_server, world, staff):
    session = make_activity(world, days_ago=0)

    organiser = new_page()
    login(organiser, live_server, "principal")
    organiser.goto(f"{live_server.url}/hoat-dong/{session.pk}/diem-danh/qr/")
    assert organiser.locator("#qr-code svg").is_visible()
    assert organiser.locator("#qr-count").inner_text() == "0"
    link = organiser.locator("#check-in-link").inner_text()
    assert re.match(rf"{re.escape(live_server.url)}/diem-danh/[^/]+/$", link)

    phone = new_page()
    login(phone, live_server, "teacher")
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
    late = new_page()
    login(late, live_server, "comms")
    with override_settings(ATTENDANCE_QR_MAX_AGE=-1):
        late.goto(link)
        assert "Mã QR đã hết hạn" in late.locator("#check-in-message").inner_text()
    assert not Attendance.objects.filter(person=staff["clerk"]).exists()
