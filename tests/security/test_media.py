"""Holes 1 and 2: only files of published public content are served by /media/, whatever the path's spelling."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.access import assert_not_found
from truyenthong.core.media import normalise_media_name

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _put(name: str, data: bytes = PDF) -> str:
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


@pytest.fixture
def items(world):
    from truyenthong.content.models import Attachment, ContentItem, Section

    section = Section.objects.create(school=world.school, slug="nq71", title="Nghị quyết 71")
    published = ContentItem.objects.create(
        school=world.school,
        section=section,
        title="Tin đã đăng",
        slug="tin-da-dang",
        status=ContentItem.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    draft = ContentItem.objects.create(
        school=world.school, section=section, title="Bản nháp", slug="ban-nhap"
    )
    a_pub = Attachment.objects.create(item=published, name="ke-hoach.pdf", file=_put("content/files/a1.pdf"))
    a_draft = Attachment.objects.create(item=draft, name="du-thao.pdf", file=_put("content/files/a2.pdf"))
    return {"published": a_pub.file.name, "draft": a_draft.file.name}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("content/a.pdf", "content/a.pdf"),
        ("//private/x.pdf", "private/x.pdf"),
        ("./private/x.pdf", "private/x.pdf"),
        ("%2e/private/x.pdf", "private/x.pdf"),
        ("%252e/private/x.pdf", "private/x.pdf"),
        ("x/../private/x.pdf", None),
        ("x/%2e%2e/private/x.pdf", None),
        ("..%2fprivate/x.pdf", None),
        ("x\\..\\private\\x.pdf", None),
        ("private%00/x.pdf", None),
        ("", None),
    ],
)
def test_media_names_are_decided_on_their_normal_form(raw, expected):
    assert normalise_media_name(raw) == expected


def test_a_published_items_file_is_public_and_a_drafts_is_not(items, client_for, world):
    anonymous = client_for(None)
    response = anonymous.get(f"/media/{items['published']}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Security-Policy"].endswith("sandbox")
    assert anonymous.get(f"/media/{items['draft']}").status_code == 404
    # the draft is still readable by the school's own content staff, and not by another school's leadership
    assert client_for(world.users["comms"]).get(f"/media/{items['draft']}").status_code == 200
    assert client_for(world.users["outsider"]).get(f"/media/{items['draft']}").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "reports/2026/bao-cao-tong-ket.docx",
        "reports/2026/du-thao.pdf",
        "indicators/evidence/2026/minh-chung.pdf",
    ],
)
def test_report_and_indicator_files_are_never_served_by_media(world, client_for, name):
    stored = _put(name)
    for user in (None, world.users["principal"], world.users["admin"]):
        assert_not_found(client_for(user).get(f"/media/{stored}"), where=str(user))


SPELLINGS = [
    "/media/private/{n}",
    "/media//private/{n}",
    "/media///private/{n}",
    "/media/./private/{n}",
    "/media/x/../private/{n}",
    "/media/%2e/private/{n}",
    "/media/%2E/private/{n}",
    "/media/%252e/private/{n}",
    "/media/x/%2e%2e/private/{n}",
    "/media/PRIVATE/{n}",
    "/media/%70rivate/{n}",
    "/media/private%2f{n}",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_no_spelling_of_a_private_path_reaches_the_file(world, client_for, spelling):
    stored = _put("private/activities/1/bi-mat.pdf")
    url = spelling.format(n=stored.split("private/", 1)[1])
    for user in (None, world.users["principal"], world.users["admin"]):
        response = client_for(user).get(url)
        assert response.status_code in (400, 404), (url, response.status_code)
        assert PDF not in response.content, url


def test_new_indicator_evidence_is_stored_privately_under_an_unguessable_name(world):
    from truyenthong.indicators.models import ManualEntry

    field = ManualEntry._meta.get_field("evidence_file")
    name = field.generate_filename(None, "Danh sách học sinh lớp 10A1.pdf")
    assert name.startswith("private/indicators/evidence/")
    assert "10A1" not in name and name.endswith(".pdf")
