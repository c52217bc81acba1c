"""Leadership resets a teacher's password in a real browser; the teacher logs in with the temporary password, is
held on the password change until choosing their own, then reaches the school."""

import pytest

from tests.browser_support import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW = "Mot-mat-khau-rieng-2026"


def test_a_teacher_given_a_temporary_password_must_choose_their_own(new_page, live_server, world):
    teacher = world.people["teacher"]
    teacher.user = world.users["teacher"]
    teacher.save(update_fields=["user"])

    principal = new_page()
    login(principal, live_server, "principal", PASSWORD)
    principal.goto(f"{live_server.url}/truong/{world.school.code}/can-bo/{teacher.pk}/")
    principal.get_by_role("link", name="Đặt lại mật khẩu").click()
    assert principal.get_by_text("xác thực hai lớp").first.is_visible()
    principal.get_by_role("button", name="Đặt lại mật khẩu").click()
    temporary = principal.get_by_test_id("mat-khau-tam").inner_text().strip()
    assert len(temporary) == 12
    principal.screenshot(path="/tmp/trust-password-reset.png", full_page=True)

    page = new_page()
    login(page, live_server, "teacher", temporary)
    page.goto(f"{live_server.url}/truong/{world.school.code}/hoat-dong/")
    assert page.url.endswith("/tai-khoan/doi-mat-khau/")
    assert page.get_by_text("mật khẩu tạm thời").first.is_visible()
    page.get_by_label("Mật khẩu cũ").fill(temporary)
    page.locator("#id_new_password1").fill(NEW)
    page.locator("#id_new_password2").fill(NEW)
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/truong/{world.school.code}/hoat-dong/")
    assert page.url.endswith("/hoat-dong/")
    page.screenshot(path="/tmp/trust-after-change.png", full_page=True)
