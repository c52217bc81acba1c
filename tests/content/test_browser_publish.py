"""In a real Chromium: an officer writes an item, leadership approves and publishes it, and the public sees it on
the section and in the feed."""

import xml.etree.ElementTree as ET

import pytest

from tests.browser_support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_writes_leadership_publishes_and_the_public_reads_it(
    new_page, live_server, world, section
):
    title = "Học sinh hưởng ứng chuyển đổi số trong nhà trường"

    officer = new_page()
    login(officer, live_server, "comms")
    officer.goto(f"{live_server.url}/truong/{world.school.code}/noi-dung/viet-moi/")
    officer.get_by_label("Tiêu đề").fill(title)
    officer.get_by_label("Chuyên mục").select_option(label=section.title)
    officer.get_by_label("Tóm tắt").fill("Các lớp khối 10 trải nghiệm học liệu số.")
    editor = officer.locator("trix-editor")  # the rich-text editor, not a box expecting HTML
    editor.click()
    officer.keyboard.type("Đoạn mở đầu ")
    officer.get_by_role("button", name="Đậm").click()
    officer.keyboard.type("quan trọng")
    officer.get_by_role("button", name="Đậm").click()
    officer.keyboard.press("Enter")
    officer.keyboard.type("Đoạn kết <script>alert(1)</script>")
    officer.get_by_label("Cha mẹ học sinh").check()
    officer.get_by_role("button", name="Lưu").click()
    officer.wait_for_load_state()
    assert officer.get_by_role("heading", name=title).is_visible()
    officer.get_by_role("button", name="Gửi duyệt").click()
    officer.wait_for_load_state()
    assert "Chờ duyệt" in officer.content()
    assert officer.get_by_role("button", name="Đăng", exact=True).count() == 0
    item_url = officer.url

    leader = new_page()
    login(leader, live_server, "principal")
    leader.goto(item_url)
    leader.get_by_role("button", name="Duyệt", exact=True).click()
    leader.wait_for_load_state()
    assert "Đã duyệt" in leader.content()
    leader.get_by_role("button", name="Đăng", exact=True).click()
    leader.wait_for_load_state()
    assert "Đã đăng" in leader.content()

    public = new_page()
    public.goto(f"{live_server.url}/chuyen-muc/{section.slug}/")
    public.get_by_role("link", name=title).click()
    public.wait_for_load_state()
    assert public.get_by_role("heading", name=title).is_visible()
    assert "<script>alert" not in public.content()
    assert public.locator(".body strong", has_text="quan trọng").is_visible()
    og = public.locator('meta[property="og:title"]').get_attribute("content")
    assert og == title

    public.goto(f"{live_server.url}/chuyen-muc/{section.slug}/tim-kiem/?q=chuyen+doi+so")
    assert public.get_by_role("link", name=title).is_visible()

    feed = public.request.get(f"{live_server.url}/chuyen-muc/{section.slug}/rss.xml")
    assert feed.ok
    titles = [t.text for t in ET.fromstring(feed.body()).iter("title")]
    assert title in titles
