"""Staff pages: each tested for the roles allowed and at least one denied (the outsider), through the real forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access import assert_not_found, assert_page, assert_refused
from truyenthong.content.models import Channel, ContentItem, Publication, Section

READERS = ["admin", "principal", "comms", "dept_head", "teacher", "youth", "official"]


@pytest.mark.parametrize("persona", READERS)
def test_the_item_list_opens_for_every_role_of_the_school(world, client_for, make_item, persona):
    make_item(title="Tin về Nghị quyết 71")
    response = client_for(world.users[persona]).get(f"/truong/{world.school.code}/noi-dung/")
    assert response.status_code == 200
    assert "Tin về Nghị quyết 71" in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "other_official"])
def test_the_item_list_is_denied_outside_the_school(world, client_for, persona):
    assert_refused(client_for(world.users[persona]).get(f"/truong/{world.school.code}/noi-dung/"))


def test_anonymous_visitors_are_sent_to_the_login_page(world, client_for, make_item):
    item = make_item()
    for url in (f"/truong/{world.school.code}/noi-dung/", f"/noi-dung/{item.pk}/"):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_an_officer_writes_an_item_through_the_form(world, client_for, section, png):
    client = client_for(world.users["comms"])
    assert client.get(f"/truong/{world.school.code}/noi-dung/viet-moi/").status_code == 200
    response = client.post(
        f"/truong/{world.school.code}/noi-dung/viet-moi/",
        {
            "title": "Hội thảo chuyển đổi số",
            "kind": "article",
            "section": section.pk,
            "summary": "Tóm tắt",
            "body": "Đoạn một.\n\nĐoạn hai <script>alert(1)</script>",
            "tags": "chuyển đổi số, AI",
            "audiences": ["parents", "students"],
            "cover": SimpleUploadedFile("bia.png", png()),
        },
    )
    item = ContentItem.objects.get(title="Hội thảo chuyển đổi số")
    assert response.status_code == 302 and response["Location"] == f"/noi-dung/{item.pk}/"
    assert "<script" not in item.body and item.cover_thumb
    assert sorted(item.tags.values_list("name", flat=True)) == ["AI", "chuyển đổi số"]
    assert item.audiences == ["parents", "students"]


def test_a_renamed_file_is_refused_on_the_form_with_a_message(world, client_for, section):
    response = client_for(world.users["comms"]).post(
        f"/truong/{world.school.code}/noi-dung/viet-moi/",
        {"title": "Ảnh giả", "kind": "article", "cover": SimpleUploadedFile("anh.jpg", b"not an image" * 10)},
    )
    assert response.status_code == 200
    assert "có thể tệp bị đổi đuôi" in response.content.decode()
    assert not ContentItem.objects.filter(title="Ảnh giả").exists()


@pytest.mark.parametrize("persona", ["teacher", "official", "outsider"])
def test_people_who_may_not_write_cannot_open_the_write_form(world, client_for, persona):
    body = assert_refused(
        client_for(world.users[persona]).get(f"/truong/{world.school.code}/noi-dung/viet-moi/")
    )
    assert 'name="title"' not in body


def test_the_workflow_through_the_pages(world, client_for, make_item):
    item = make_item(status="draft")
    comms, principal = client_for(world.users["comms"]), client_for(world.users["principal"])
    url = f"/noi-dung/{item.pk}/chuyen-buoc/"
    page = comms.get(f"/noi-dung/{item.pk}/").content.decode()
    assert "Gửi duyệt" in page and 'value="publish"' not in page
    comms.post(url, {"action": "submit", "version": item.version})
    item.refresh_from_db()
    assert item.status == "submitted"
    # The officer cannot approve; the page shows why and nothing changes.
    assert comms.post(url, {"action": "approve", "version": item.version}).status_code == 403
    principal.post(url, {"action": "approve", "version": item.version})
    item.refresh_from_db()
    principal.post(url, {"action": "publish", "version": item.version})
    item.refresh_from_db()
    assert item.status == "published"


def test_a_teacher_gets_403_when_posting_a_publish(world, client_for, make_item):
    item = make_item(status="approved")
    response = client_for(world.users["teacher"]).post(
        f"/noi-dung/{item.pk}/chuyen-buoc/", {"action": "publish", "version": item.version}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "approved"


def test_the_outsider_cannot_see_or_move_an_item(world, client_for, make_item):
    item = make_item(status="submitted")
    client = client_for(world.users["outsider"])
    assert item.title not in assert_refused(client.get(f"/noi-dung/{item.pk}/"))
    assert_refused(client.post(f"/noi-dung/{item.pk}/chuyen-buoc/", {"action": "approve", "version": 1}))
    assert item.title not in assert_refused(client.get(f"/noi-dung/{item.pk}/phien-ban/1/"))
    item.refresh_from_db()
    assert item.status == "submitted"


def test_a_stale_form_shows_the_conflict_message(world, client_for, make_item, section):
    item = make_item(status="draft")
    client = client_for(world.users["comms"])
    data = {"version": item.version, "title": "Bản A", "kind": "article", "section": section.pk}
    assert client.post(f"/noi-dung/{item.pk}/sua/", data).status_code == 302
    response = client.post(f"/noi-dung/{item.pk}/sua/", {**data, "title": "Bản B"})
    assert "vừa được người khác sửa" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Bản A"


def test_the_version_page_shows_an_escaped_readable_diff(world, client_for, make_item, section):
    item = make_item(status="draft", body="<p>Câu cũ.</p>")
    client = client_for(world.users["comms"])
    client.post(
        f"/noi-dung/{item.pk}/sua/",
        {
            "version": item.version,
            "title": item.title,
            "kind": "article",
            "section": section.pk,
            "body": "<p>Câu mới &lt;b&gt;.</p>",
        },
    )
    html = client.get(f"/noi-dung/{item.pk}/phien-ban/2/").content.decode()
    assert "<del>cũ.</del>" in html and "<ins>mới &lt;b&gt;.</ins>" in html and "<b>." not in html


def test_recording_a_publication_and_an_attachment_from_the_item_page(world, client_for, make_item):
    item = make_item()
    zalo = Channel.objects.create(school=world.school, kind="zalo_group", name="Nhóm Zalo phụ huynh 10A1")
    client = client_for(world.users["comms"])
    client.post(
        f"/noi-dung/{item.pk}/dang-tai/",
        {
            "channel": zalo.pk,
            "status": "done",
            "date": "2026-10-20",
            "audience": "parents",
            "reach": 40,
            "reactions": 5,
            "shares": 1,
            "parents_reached": 38,
        },
    )
    assert Publication.objects.get(channel=zalo).parents_reached == 38
    draft = make_item(title="Bản nháp có tệp", status="draft")
    client.post(f"/noi-dung/{draft.pk}/dinh-kem/", {"file": SimpleUploadedFile("tom-tat.pdf", b"%PDF-1.4 x")})
    assert draft.attachments.count() == 1
    assert (
        client_for(world.users["teacher"])
        .post(f"/noi-dung/{item.pk}/dang-tai/", {"channel": zalo.pk})
        .status_code
        == 403
    )


def test_sections_are_created_by_leadership_only(world, client_for):
    url = f"/truong/{world.school.code}/chuyen-muc/"
    assert client_for(world.users["comms"]).post(url, {"title": "Chuyển đổi số"}).status_code == 403
    client_for(world.users["principal"]).post(url, {"title": "Chuyển đổi số", "slug": "chuyen-doi-so"})
    assert Section.objects.filter(slug="chuyen-doi-so", school=world.school).exists()
    assert client_for(world.users["outsider"]).get(url).status_code == 403


def test_channels_page_and_fanpage_import_page(world, client_for, make_item):
    item = make_item(title="Ngày hội chuyển đổi số")
    client = client_for(world.users["comms"])
    url = f"/truong/{world.school.code}/kenh-truyen-thong/"
    client.post(url, {"kind": "fanpage", "name": "Fanpage trường", "default_audience": "community"})
    fanpage = Channel.objects.get(name="Fanpage trường")
    csv = "Title,Publish time,Reach\nNgày hội chuyển đổi số,10/06/2026 19:00,900\n".encode()
    response = client.post(
        f"/kenh-truyen-thong/{fanpage.pk}/nhap-csv/", {"file": SimpleUploadedFile("fb.csv", csv)}
    )
    assert response.status_code == 302
    assert Publication.objects.get(channel=fanpage, item=item).reach == 900
    bad = "Title,Publish time,Reach\nKhông có bài này,10/06/2026,9\n".encode()
    html = client.post(
        f"/kenh-truyen-thong/{fanpage.pk}/nhap-csv/", {"file": SimpleUploadedFile("fb.csv", bad)}
    ).content.decode()
    assert "Dòng 2: không tìm thấy bài đã đăng" in html
    assert client_for(world.users["outsider"]).get(url).status_code == 403
    assert (
        client_for(world.users["teacher"]).get(f"/kenh-truyen-thong/{fanpage.pk}/nhap-csv/").status_code
        == 403
    )


def test_leadership_hides_a_section_and_the_public_loses_it_at_once(
    world, client_for, client, section, make_item
):
    item = make_item()
    assert_page(client.get(f"/chuyen-muc/{section.slug}/"), section.title, item.title)
    url = f"/chuyen-muc-cong-khai/{section.pk}/an-hien/"
    assert_refused(client_for(world.users["comms"]).post(url, {"version": section.version}))
    assert_refused(client_for(world.users["outsider"]).post(url, {"version": section.version}))
    assert_page(client.get(f"/chuyen-muc/{section.slug}/"), item.title)  # the refusals hid nothing
    client_for(world.users["principal"]).post(url, {"version": section.version})
    assert_not_found(client.get(f"/chuyen-muc/{section.slug}/"))
