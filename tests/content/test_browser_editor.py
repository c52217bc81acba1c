"""In Chromium: the rich-text editor loads under our Content-Security-Policy, and a picture pasted into it is uploaded
through our checks and saved in the body."""

import base64
from io import BytesIO

import pytest

from tests.browser_support import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _png_base64() -> str:
    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (640, 480), (200, 40, 40)).save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


def test_a_picture_inserted_in_the_editor_is_uploaded_and_saved(new_page, live_server, world, make_item):
    from truyenthong.content.models import ContentItem, InlineImage

    item = make_item(title="Bài có ảnh", status="draft")
    page = new_page()
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    login(page, live_server, "comms")
    page.goto(f"{live_server.url}/noi-dung/{item.pk}/sua/")
    editor = page.locator("trix-editor")
    editor.wait_for()
    assert page.get_by_role("button", name="Chèn ảnh").count() == 1
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Ảnh lễ khai giảng:")
    page.evaluate(
        """(data) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const file = new File([bytes], "khai-giang.png", {type: "image/png"});
            document.querySelector("trix-editor").editor.insertFile(file);
        }""",
        _png_base64(),
    )
    page.wait_for_function(
        "() => document.querySelector('trix-editor img') && "
        "document.querySelector('trix-editor img').getAttribute('src').startsWith('/media/')"
    )
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    image = InlineImage.objects.get(item=item)
    body = ContentItem.objects.get(pk=item.pk).body_html
    assert f'src="{image.image.url}"' in body and "Ảnh lễ khai giảng" in body
    assert page.locator(f'.body img[src="{image.image.url}"]').is_visible()
    assert not violations, violations


def test_a_new_item_explains_that_pictures_come_after_the_first_save(new_page, live_server, world, section):
    page = new_page()
    login(page, live_server, "comms")
    page.goto(f"{live_server.url}/truong/{world.school.code}/noi-dung/viet-moi/")
    page.locator("trix-editor").wait_for()
    page.evaluate(
        """() => document.querySelector("trix-editor").editor.insertFile(
            new File(["x"], "a.png", {type: "image/png"}))"""
    )
    assert page.get_by_text("Hãy lưu bài lần đầu").is_visible()
    assert page.locator("trix-editor figure").count() == 0
