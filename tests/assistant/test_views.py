"""Pages: the public question page, the widget frame, documents, the staff pages, rate limits, the question log."""

import re

import pytest
from django.test import override_settings

from tests.access import assert_refused, assert_to_login
from truyenthong.assistant.models import Document, Question

pytestmark = pytest.mark.django_db


def _public(client, school, q, path="hoi-dap/{code}/"):
    return client.get("/" + path.format(code=school.code), {"q": q}, REMOTE_ADDR="203.0.113.7")


def test_the_public_page_answers_with_citations_and_links_to_the_passages(client, library):
    response = _public(client, library.school, "kinh phi thuc hien ke hoach lay tu dau")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kinh phí thực hiện Kế hoạch được đảm bảo từ nguồn kinh phí hoạt động thường xuyên" in html
    assert 'href="#nguon-1"' in html and "Kế hoạch số 35/KH-CLQĐ, mục III" in html
    link = re.search(r'href="(/hoi-dap/[^"]+/tai-lieu/\d+/#doan-\d+)"', html).group(1)
    page = client.get(link.split("#")[0])
    assert page.status_code == 200
    assert f'id="{link.split("#")[1]}"' in page.content.decode()
    assert "<mark>" in html
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_the_public_page_says_plainly_when_the_documents_do_not_cover_the_question(client, library):
    html = _public(client, library.school, "đội bóng đá của trường thi đấu ở đâu").content.decode()
    assert "Tài liệu không đề cập" in html
    assert 'id="nguon-1"' not in html
    assert Question.objects.get().answered is False


def test_private_documents_are_not_used_on_the_public_page_but_are_for_staff(client, client_for, library):
    Document.objects.filter(filename="huong-dan-truyen-thong.txt").update(is_public=False)
    q = "Ai là người phát ngôn của nhà trường?"
    assert "Hiệu trưởng là người phát ngôn" not in _public(client, library.school, q).content.decode()
    hidden = Document.objects.get(filename="huong-dan-truyen-thong.txt")
    assert client.get(f"/hoi-dap/{library.school.code}/tai-lieu/{hidden.pk}/").status_code == 404
    staff = client_for(library.users["teacher"]).get(f"/truong/{library.school.code}/tro-ly/", {"q": q})
    assert "Hiệu trưởng là người phát ngôn" in staff.content.decode()


def test_the_widget_frame_may_be_framed_anywhere_and_has_no_inline_script(client, library):
    response = _public(client, library.school, "GVCN làm gì", path="hoi-dap/{code}/nhung/")
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    for attrs, _body in scripts:
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
    assert '"school": "lqd"' in html
    assert 'target="_blank"' in html  # passages open on the full site, not inside the frame


def test_the_embed_script_is_a_static_file(client, library):
    from django.contrib.staticfiles import finders

    path = finders.find("assistant/widget.js")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    assert "/hoi-dap/" in text and "data-truong" in text and "postMessage" not in text


@override_settings(ASSISTANT_RATE_LIMIT=(3, 60))
def test_questions_are_rate_limited_per_address_on_the_page_and_in_the_widget(client, library):
    for _ in range(3):
        assert _public(client, library.school, "kinh phí").status_code == 200
    refused = _public(client, library.school, "kinh phí", path="hoi-dap/{code}/nhung/")
    assert refused.status_code == 429
    assert "Vui lòng đợi" in refused.content.decode()
    other = client.get(f"/hoi-dap/{library.school.code}/", {"q": "kinh phí"}, REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 200
    assert client.get(f"/hoi-dap/{library.school.code}/", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_questions_are_logged_without_personal_details(client, library):
    _public(
        client,
        library.school,
        "Tôi là Nguyễn Văn An, con lớp 10A1, sđt 0905 123 456, email an@example.com: học phí bao nhiêu?",
    )
    logged = Question.objects.get()
    for secret in ("Nguyễn Văn An", "0905", "123 456", "an@example.com", "10A1"):
        assert secret not in logged.text
    assert "học phí bao nhiêu" in logged.text
    assert logged.channel == Question.Channel.PUBLIC


@pytest.mark.parametrize(
    "persona", ["principal", "comms", "dept_head", "teacher", "youth", "official", "admin"]
)
def test_staff_of_the_school_and_officials_ask_inside_the_app(client_for, library, persona):
    response = client_for(library.users[persona]).get(
        f"/truong/{library.school.code}/tro-ly/", {"q": "GVCN tuyên truyền"}
    )
    assert response.status_code == 200
    assert "/tro-ly/tai-lieu/" in response.content.decode()  # staff links go to the staff document page


def test_an_outsider_cannot_use_the_staff_assistant_of_another_school(client_for, library):
    url = f"/truong/{library.school.code}/tro-ly/"
    assert_refused(client_for(library.users["outsider"]).get(url))
    assert_to_login(client_for(None).get(url))


def test_the_library_page_lists_documents_and_only_managers_can_upload(client_for, library):
    url = f"/truong/{library.school.code}/tro-ly/tai-lieu/"
    html = client_for(library.users["comms"]).get(url).content.decode()
    assert (
        "Kế hoạch số 35/KH-CLQĐ" in html
        and "Hướng dẫn số 12/HD-CLQĐ" in html
        and "Thêm hoặc thay tài liệu" in html
    )
    assert "Thêm hoặc thay tài liệu" not in client_for(library.users["teacher"]).get(url).content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("x.txt", "1. Mục một\nNội dung thử nghiệm.\n".encode())
    assert client_for(library.users["teacher"]).post(url, {"file": upload}).status_code == 403
    assert client_for(library.users["outsider"]).get(url).status_code == 403


def test_an_upload_through_the_page_shows_a_clear_error(client_for, library):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/truong/{library.school.code}/tro-ly/tai-lieu/"
    response = client_for(library.users["comms"]).post(
        url, {"file": SimpleUploadedFile("bang.xlsx", b"PK\x03\x04xx"), "is_public": "on"}
    )
    assert response.status_code == 200
    assert "Tệp «bang.xlsx»" in response.content.decode()
    ok = client_for(library.users["comms"]).post(
        url, {"file": SimpleUploadedFile("ghi-chu.txt", "1. Lịch trực\nTrực Tết từ ngày 10/02.\n".encode())}
    )
    assert ok.status_code == 302
    document = Document.objects.get(filename="ghi-chu.txt")
    assert document.is_public is False  # the box was not ticked


def test_the_question_page_shows_frequent_and_unanswered_questions_with_a_write_link(
    client, client_for, library
):
    for q in (
        "Học phí bao nhiêu?",
        "hoc phi bao nhieu",
        "Trường có xe đưa đón không?",
        "Trường có xe đưa đón không?",
    ):
        _public(client, library.school, q)
    url = f"/truong/{library.school.code}/tro-ly/cau-hoi/"
    response = client_for(library.users["comms"]).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trường có xe đưa đón không?" in html
    assert f"/truong/{library.school.code}/noi-dung/viet-moi/?tieu-de=" in html
    rows = Question.objects.values_list("key", flat=True)
    assert len(set(rows)) == 2  # with and without diacritics fall under one key
    for persona in ("teacher", "outsider"):
        assert client_for(library.users[persona]).get(url).status_code == 403


def test_the_write_link_opens_the_content_form_with_the_title_filled_in(client_for, library):
    url = f"/truong/{library.school.code}/noi-dung/viet-moi/?tieu-de=Trường+có+xe+đưa+đón+không%3F"
    html = client_for(library.users["comms"]).get(url).content.decode()
    assert 'value="Trường có xe đưa đón không?"' in html
