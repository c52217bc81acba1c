"""A Sở's plan uploaded by a school in a real browser: whose document it is, what was guessed, indicators chosen."""

import os
from pathlib import Path

import pytest

from tests.browser_support import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CORPUS = Path(__file__).resolve().parents[1] / "data" / "plans" / "corpus"


def test_the_principal_confirms_a_foreign_plan_and_chooses_its_indicators(page, live_server, world):
    login(page, live_server, "principal", PASSWORD)
    page.goto(f"{live_server.url}/truong/{world.school.code}/ke-hoach/tai-len/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(CORPUS / "03-thpt-phan-boi-chau.docx"))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    flags = page.locator("#can-xac-nhan + p + ul li")
    assert flags.count() == 2
    assert "TRƯỜNG THPT PHAN BỘI CHÂU" in flags.nth(0).inner_text()
    assert "được đọc thành 6 chỉ tiêu" in flags.nth(1).inner_text()
    # the <select> itself: tom-select adds a search box and a list labelled the same way
    first_choice = page.locator('select[aria-label="Chỉ số đo cho «≥ 90%»"]')
    assert first_choice.input_value() == "Tỷ lệ giáo viên ứng dụng hiệu quả CNTT, chuyển đổi số trong dạy học"
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=os.environ["SCREENSHOTS"], full_page=True)

    page.get_by_role("button", name="Lưu kế hoạch").click()
    assert "chưa được đánh dấu «Đã kiểm tra»" in page.get_by_role("alert").inner_text()
    page.get_by_label("Tôi đã kiểm tra và đồng ý lưu").check()
    page.get_by_label("Đã kiểm tra", exact=True).check()
    page.get_by_role("button", name="Lưu kế hoạch").click()
    assert "Đã lưu Kế hoạch số 14/KH-THPTPBC" in page.locator(".messages").inner_text()
