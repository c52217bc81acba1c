"""In a real Chromium: a parent asks on the school's public page, sees a cited answer and opens the passage."""

import os

import pytest

from tests.browser_support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR", "")


def _shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_a_visitor_asks_without_diacritics_and_follows_the_citation_to_the_passage(
    page, live_server, library
):
    page.goto(f"{live_server.url}/hoi-dap/{library.school.code}/")
    page.get_by_label("Câu hỏi về các văn bản của nhà trường").fill(
        "gvcn tuyen truyen cho phu huynh bang cach nao"
    )
    page.get_by_role("button", name="Hỏi").click()
    page.wait_for_load_state()
    answer = page.locator(".assistant-answer")
    assert "sinh hoạt lớp" in answer.inner_text()
    assert answer.get_by_role("link", name="Nguồn 1").is_visible()
    assert page.locator(".assistant-passage mark").count() > 0
    _shot(page, "assistant-public-answer.png")

    source = page.locator("#nguon-1")
    assert "Kế hoạch số 35/KH-CLQĐ, mục IV.3" in source.inner_text()
    source.get_by_role("link", name="Kế hoạch số 35/KH-CLQĐ, mục IV.3").click()
    page.wait_for_load_state()
    anchor = page.url.split("#")[1]
    target = page.locator(f"#{anchor}")
    assert "sinh hoạt lớp" in target.inner_text()
    assert target.is_visible()
    _shot(page, "assistant-public-passage.png")


def test_the_widget_frame_works_inside_another_site_and_staff_see_the_questions(
    new_page, live_server, library, tmp_path
):
    visitor = new_page()
    visitor.goto(f"{live_server.url}/hoi-dap/{library.school.code}/nhung/?q=hoc+phi+bao+nhieu")
    assert "miễn học phí" in visitor.locator(".assistant-answer").inner_text()
    visitor.goto(f"{live_server.url}/hoi-dap/{library.school.code}/nhung/?q=truong+co+xe+dua+don+khong")
    assert "Tài liệu không đề cập" in visitor.locator(".assistant-answer").inner_text()
    _shot(visitor, "assistant-widget-frame.png")

    officer = new_page()
    login(officer, live_server, "comms")
    officer.goto(f"{live_server.url}/truong/{library.school.code}/tro-ly/cau-hoi/")
    assert "truong co xe dua don khong" in officer.content()
    officer.get_by_role("link", name="Viết bài từ câu hỏi này").first.click()
    officer.wait_for_load_state()
    assert officer.get_by_label("Tiêu đề").input_value() in (
        "truong co xe dua don khong",
        "hoc phi bao nhieu",
    )
    officer.goto(f"{live_server.url}/truong/{library.school.code}/tro-ly/?q=Ai+duyệt+tin+bài+trước+khi+đăng")
    assert "Phó Hiệu trưởng phụ trách duyệt" in officer.locator(".assistant-sources").inner_text()
    _shot(officer, "assistant-staff.png")

    officer.get_by_role("link", name="Thư viện tài liệu").click()
    officer.wait_for_load_state()
    _shot(officer, "assistant-library.png")
    officer.get_by_role("link", name="Tài liệu số 36/TL-CLQĐ").click()
    officer.wait_for_load_state()
    officer.get_by_role("link", name="Tạo bản nháp tự động").click()
    officer.wait_for_load_state()
    draft = officer.get_by_label("Bản tóm tắt (sửa lại cho dễ hiểu trước khi đăng)")
    assert "Nghị quyết" in draft.input_value()
    draft.fill("Nghị quyết 71 coi giáo dục là quốc sách hàng đầu.")
    officer.get_by_role("button", name="Lưu bản tóm tắt").click()
    officer.wait_for_load_state()
    assert "Đã lưu bản tóm tắt." in officer.content()
    officer.get_by_role("button", name="Tạo bài viết từ bản tóm tắt").click()
    officer.wait_for_load_state()
    assert officer.get_by_role("heading", name="Tóm tắt dễ hiểu: Tóm tắt những điểm chính").count() == 1
    _shot(officer, "assistant-summary-item.png")


def test_the_embed_script_puts_a_working_frame_on_another_site(page, live_server, library):
    host = f"{live_server.url}/hoi-dap/{library.school.code}/"  # any page; the widget's own origin is read from src
    page.goto(host)
    page.set_content(
        "<html><body><h1>Website của trường</h1>"
        f'<script src="{live_server.url}/static/assistant/widget.js" data-truong="{library.school.code}"></script>'
        "</body></html>"
    )
    frame_element = page.locator("iframe")
    frame_element.wait_for()
    assert frame_element.get_attribute("src").endswith(f"/hoi-dap/{library.school.code}/nhung/")
    frame = page.frame_locator("iframe")
    frame.get_by_label("Câu hỏi về các văn bản của nhà trường").fill("Ai là người phát ngôn của nhà trường?")
    frame.get_by_role("button", name="Hỏi").click()
    assert "Hiệu trưởng là người phát ngôn" in frame.locator(".assistant-answer").inner_text()
    page.wait_for_function(
        "document.querySelector('iframe').height !== '420'"
    )  # the frame reported its height
    _shot(page, "assistant-embedded.png")
