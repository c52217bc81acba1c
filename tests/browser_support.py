"""Helpers for the browser journeys (the browser fixtures live in tests/conftest.py)."""

from tests.conftest import PASSWORD


def login(page, live_server, username, password=PASSWORD):
    """Log in through the real form, as a person would."""
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
