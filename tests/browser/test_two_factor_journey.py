"""An administrator's two-factor journey in a real browser: made to enrol, then the admin needs the code."""

import base64
import re

import pytest
from django_otp.oath import totp

from tests.browser_support import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret: str, drift: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key, step=30, t0=0, digits=6, drift=drift):06d}"


def test_an_administrator_enrols_totp_and_the_admin_then_needs_the_code(
    page, live_server, world, settings, tmp_path
):
    settings.REQUIRE_2FA_FOR_ADMINS = True
    login(page, live_server, "admin", PASSWORD)
    # the role cannot be used before enrolling: every page leads to the enrolment page
    page.goto(f"{live_server.url}/quan-tri/")
    assert page.url.endswith("/tai-khoan/xac-thuc-hai-lop/")
    assert page.get_by_text("yêu cầu xác thực hai lớp").is_visible()
    page.screenshot(path="/tmp/trust-enrol.png", full_page=True)
    secret = page.locator("code").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]+", secret)
    page.get_by_label("Mã 6 số trên ứng dụng xác thực").fill(_code(secret))
    page.get_by_role("button", name="Xác nhận và bật").click()
    assert "Đã bật xác thực hai lớp" in page.locator(".messages").inner_text()
    page.goto(f"{live_server.url}/quan-tri/")
    assert page.get_by_role("heading", name="Quản trị").is_visible()

    page.goto(f"{live_server.url}/tai-khoan/xac-thuc-hai-lop/")
    page.get_by_role("button", name="Đăng xuất").first.click()
    page.wait_for_load_state()
    # the admin's own login form now leads to the site login, and the password alone opens nothing
    page.goto(f"{live_server.url}/quan-tri/login/?next=/quan-tri/")
    assert "/dang-nhap/" in page.url
    page.get_by_label("Tên đăng nhập").fill("admin")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_text("hãy nhập đúng mã 6 số").is_visible()
    page.goto(f"{live_server.url}/quan-tri/")
    assert "/dang-nhap/" in page.url

    page.get_by_label("Tên đăng nhập").fill("admin")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_label("Mã xác thực").fill(
        _code(secret, drift=1)
    )  # the next step: a used code is never accepted twice
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/quan-tri/")
    assert page.get_by_role("heading", name="Quản trị").is_visible()
    page.screenshot(path="/tmp/trust-admin-after-code.png", full_page=True)
