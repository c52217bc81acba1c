"""Easy-to-read summaries: an extractive draft, edited, saved, then a content item created from it."""

import pytest

from truyenthong.assistant.models import Document
from truyenthong.content.models import ContentItem

pytestmark = pytest.mark.django_db


def _url(library, document, suffix=""):
    return f"/truong/{library.school.code}/tro-ly/tai-lieu/{document.pk}/{suffix}"


def test_the_draft_is_made_of_the_documents_own_sentences(client_for, library):
    document = Document.objects.get(filename="tom-tat-nghi-quyet-71.txt")
    html = (
        client_for(library.users["comms"]).get(_url(library, document), {"tao-tom-tat": "1"}).content.decode()
    )
    assert "Bản nháp gồm các câu trích từ văn bản" in html
    from truyenthong.assistant.services import document_summary_draft

    draft = document_summary_draft(document=document)
    texts = " ".join(document.passages.values_list("text", flat=True))
    assert draft and all(sentence in texts for sentence in draft.split("\n\n"))


def test_an_edited_summary_is_saved_and_becomes_a_draft_content_item(client_for, library):
    document = Document.objects.get(filename="tom-tat-nghi-quyet-71.txt")
    comms = client_for(library.users["comms"])
    edited = "Nghị quyết 71 coi giáo dục là quốc sách hàng đầu.\n\nNhà nước chi cho giáo dục ít nhất 20% ngân sách."
    response = comms.post(_url(library, document, "tom-tat/"), {"summary": edited})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.summary == edited
    response = comms.post(_url(library, document, "dang-bai/"))
    item = ContentItem.objects.get(pk=Document.objects.get(pk=document.pk).summary_item_id)
    assert response.status_code == 302 and response["Location"] == f"/noi-dung/{item.pk}/"
    assert item.title.startswith("Tóm tắt dễ hiểu:") and item.status == ContentItem.Status.DRAFT
    assert "ít nhất 20% ngân sách" in item.body and "Tài liệu số 36/TL-CLQĐ" in item.body


def test_publishing_without_a_summary_is_refused_with_a_message(client_for, library):
    document = Document.objects.get(filename="the-le-cuoc-thi.txt")
    response = client_for(library.users["comms"]).post(_url(library, document, "dang-bai/"), follow=True)
    assert "Chưa có bản tóm tắt" in response.content.decode()
    assert not ContentItem.objects.exists()


@pytest.mark.parametrize("persona", ["teacher", "outsider"])
def test_only_managers_edit_and_publish_summaries(client_for, library, persona):
    document = Document.objects.get(filename="tom-tat-nghi-quyet-71.txt")
    client = client_for(library.users[persona])
    assert client.post(_url(library, document, "tom-tat/"), {"summary": "x"}).status_code == 403
    assert client.post(_url(library, document, "dang-bai/")).status_code == 403
    document.refresh_from_db()
    assert document.summary == ""


def test_a_teacher_reads_a_document_with_its_numbered_passages(client_for, library):
    document = Document.objects.get(plan=library.plan)
    html = client_for(library.users["teacher"]).get(_url(library, document)).content.decode()
    assert 'id="doan-1"' in html and "Kế hoạch số 35/KH-CLQĐ" in html
    assert "Lưu bản tóm tắt" not in html
