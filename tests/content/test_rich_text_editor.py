"""The content editor: Trix writes the body, the sanitiser keeps what it writes, pictures go through our checks."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from truyenthong.content.models import ContentItem, InlineImage
from truyenthong.content.richtext import sanitize_html

# What Trix 2 writes for a paragraph, bold/italic/strike, a heading (configured as <h2>), a list, a quote, a link and
# an uploaded picture with its caption.
TRIX_HTML = (
    "<div>Mở đầu <strong>đậm</strong>, <em>nghiêng</em>, <del>gạch</del>.<br><br></div>"
    "<h2>Tiêu đề mục</h2>"
    "<ul><li>Ý một</li><li>Ý hai</li></ul>"
    "<blockquote>Trích dẫn Nghị quyết 71</blockquote>"
    '<div><a href="https://moet.gov.vn/">Bộ GDĐT</a></div>'
    '<figure data-trix-attachment="{&quot;url&quot;:&quot;javascript:alert(1)&quot;}" '
    'data-trix-content-type="image/jpeg" class="attachment attachment--preview">'
    '<a href="/media/content/inline/2026/12/a.jpg"><img src="/media/content/inline/2026/12/a.jpg" width="800" '
    'height="600"></a><figcaption class="attachment__caption">Lễ khai giảng</figcaption></figure>'
)


def test_the_sanitiser_keeps_what_the_editor_writes():
    clean = sanitize_html(TRIX_HTML)
    for kept in (
        "<div>Mở đầu <strong>đậm</strong>, <em>nghiêng</em>, <del>gạch</del>.",
        "<h2>Tiêu đề mục</h2>",
        "<ul><li>Ý một</li><li>Ý hai</li></ul>",
        "<blockquote>Trích dẫn Nghị quyết 71</blockquote>",
        'href="https://moet.gov.vn/"',
        '<img src="/media/content/inline/2026/12/a.jpg" width="800" height="600">',
        "<figcaption>Lễ khai giảng</figcaption>",
    ):
        assert kept in clean, kept
    # Its editing data (which could carry any address) and classes are not kept.
    assert "data-trix" not in clean and "javascript" not in clean and "class=" not in clean


def test_the_sanitiser_still_drops_scripts_and_handlers_in_editor_html():
    clean = sanitize_html('<div onclick="x()">a<script>alert(1)</script><img src="x" onerror="y()"></div>')
    assert "onclick" not in clean and "<script" not in clean and "onerror" not in clean


def test_the_form_page_loads_the_editor_with_a_nonce_for_its_style(world, client_for, make_item):
    item = make_item(status="draft")
    response = client_for(world.users["comms"]).get(f"/noi-dung/{item.pk}/sua/")
    page = response.content.decode()
    assert "vendor/trix/trix.umd.min.js" in page and "vendor/trix/trix.css" in page
    assert f'data-upload-url="/noi-dung/{item.pk}/chen-anh/"' in page
    nonce = re.search(r'<meta name="trix-csp-nonce" content="([^"]+)"', page).group(1)
    policy = response["Content-Security-Policy"]
    style = re.search(r"style-src ([^;]+)", policy).group(1)
    assert f"'nonce-{nonce}'" in style and "'unsafe-inline'" not in style
    assert "'unsafe-inline'" not in re.search(r"script-src ([^;]+)", policy).group(1)


def test_a_page_without_the_editor_carries_no_nonce(world, client_for):
    response = client_for(world.users["comms"]).get(f"/truong/{world.school.code}/noi-dung/")
    assert "nonce-" not in response["Content-Security-Policy"]


def test_the_new_item_page_has_no_upload_address_until_the_item_is_saved(world, client_for, section):
    page = (
        client_for(world.users["comms"])
        .get(f"/truong/{world.school.code}/noi-dung/viet-moi/")
        .content.decode()
    )
    assert "vendor/trix/trix.umd.min.js" in page and "data-upload-url" not in page


def _jpeg_with_gps() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (2400, 1200), (30, 120, 200))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 0.0)}
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_an_inline_picture_is_checked_reencoded_and_answered_as_json(world, client_for, make_item):
    item = make_item(status="draft")
    client = client_for(world.users["comms"])
    response = client.post(
        f"/noi-dung/{item.pk}/chen-anh/",
        {"file": SimpleUploadedFile("anh.jpg", _jpeg_with_gps(), "image/jpeg")},
    )
    assert response.status_code == 201, response.content
    answer = response.json()
    image = InlineImage.objects.get(item=item)
    assert answer["url"] == image.image.url and answer["url"].startswith("/media/content/inline/")
    assert (answer["width"], answer["height"]) == (1600, 800)
    from PIL import Image

    with Image.open(image.image.path) as stored:
        assert stored.format == "JPEG" and stored.size == (1600, 800)
        assert not stored.getexif().get(0x8825)
    # Staff of the school see the picture of a draft; nobody else does.
    assert client.get(answer["url"]).status_code == 200
    assert client_for(None).get(answer["url"]).status_code == 404
    assert client_for(world.users["outsider"]).get(answer["url"]).status_code == 404


def test_a_renamed_file_is_refused_with_a_vietnamese_message(world, client_for, make_item):
    item = make_item(status="draft")
    response = client_for(world.users["comms"]).post(
        f"/noi-dung/{item.pk}/chen-anh/",
        {"file": SimpleUploadedFile("anh.png", b"MZ\x90\x00" * 50, "image/png")},
    )
    assert response.status_code == 400
    assert "Ảnh chèn" in response.json()["error"] or "ảnh" in response.json()["error"].lower()
    assert not InlineImage.objects.exists()


@pytest.mark.parametrize("persona", ["teacher", "official", "outsider"])
def test_only_those_who_may_edit_the_item_insert_pictures(world, client_for, make_item, png, persona):
    item = make_item(status="draft")
    response = client_for(world.users[persona]).post(
        f"/noi-dung/{item.pk}/chen-anh/", {"file": SimpleUploadedFile("anh.png", png(), "image/png")}
    )
    assert response.status_code in (403, 404)
    assert not InlineImage.objects.exists()


def test_a_submitted_item_takes_no_picture_from_its_writer(world, client_for, make_item, png):
    item = make_item(status="submitted")
    response = client_for(world.users["comms"]).post(
        f"/noi-dung/{item.pk}/chen-anh/", {"file": SimpleUploadedFile("anh.png", png(), "image/png")}
    )
    assert response.status_code in (400, 403)
    assert not InlineImage.objects.exists()


def test_a_body_written_in_the_editor_is_saved_and_published_with_its_picture(world, client_for, make_item):
    item = make_item(status="draft")
    client = client_for(world.users["comms"])
    url = client.post(
        f"/noi-dung/{item.pk}/chen-anh/",
        {"file": SimpleUploadedFile("anh.jpg", _jpeg_with_gps(), "image/jpeg")},
    ).json()["url"]
    form = client.get(f"/noi-dung/{item.pk}/sua/").context["form"]
    data = {
        k: v for k, v in form.initial.items() if v not in (None, "") and k not in ("tasks", "section", "unit")
    }
    data.update(
        section=item.section_id,
        body=f'<div>Khai giảng <strong>năm học mới</strong></div><figure><img src="{url}"><figcaption>Ảnh</figcaption></figure>',
        version=item.version,
        audiences=item.audiences,
    )
    response = client.post(f"/noi-dung/{item.pk}/sua/", data)
    assert response.status_code == 302, response.context["form"].errors
    item = ContentItem.objects.get(pk=item.pk)
    assert "<strong>năm học mới</strong>" in item.body_html and f'<img src="{url}">' in item.body_html
