"""A homeroom teacher makes the class links of a contest on a phone: the kit reads as one card per class, nothing
wider than the screen, and the text to paste into the class group is whole."""

import pytest

from tests.browser_support import login
from tests.contests.conftest import contest_world  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_share_kit_fits_a_phone(new_page, live_server, contest_world):  # noqa: F811
    w = contest_world
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/chia-se/cuoc-thi/{w.contest.pk}/")
    page.get_by_role("button", name="Tạo đường dẫn cho các lớp").click()
    page.wait_for_load_state()
    assert page.get_by_text("Bộ chia sẻ đã có đường dẫn riêng cho 3 lớp").is_visible()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"
    first = page.locator("#share-kit tbody tr").first
    box = first.bounding_box()
    assert box["width"] <= 390
    text = first.locator("textarea")
    assert text.input_value().startswith("[Lớp 10A1] Tìm hiểu Nghị quyết 71-NQ/TW")
    assert text.bounding_box()["width"] > 250  # the text to copy takes the card's width, not a narrow column
    page.screenshot(path="/tmp/share-kit-phone.png", full_page=True)
