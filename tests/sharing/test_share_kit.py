"""The share kit per class: links made once per class, visits counted without personal data (robots not counted),
reach per class visible to staff, posters read back, other schools refused."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.access import assert_not_found, assert_page, assert_refused
from truyenthong.sharing.models import ShareLink, ShareVisitDay

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36 Zalo"


def _make_kit(client, contest):
    return client.post(reverse("sharing:kit-create", args=["cuoc-thi", contest.pk]))


def test_a_teacher_makes_one_link_per_class_and_making_it_again_keeps_them(contest_world, client_for):
    w = contest_world
    teacher = client_for(w.users["teacher"])
    _make_kit(teacher, w.contest)
    codes = set(ShareLink.objects.values_list("code", flat=True))
    assert len(codes) == 3  # the three classes of the school year
    _make_kit(teacher, w.contest)
    assert set(ShareLink.objects.values_list("code", flat=True)) == codes
    page = teacher.get(reverse("sharing:kit", args=["cuoc-thi", w.contest.pk])).content.decode()
    assert "[Lớp 10A1] Tìm hiểu Nghị quyết 71-NQ/TW" in page and "/l/" in page and "<svg" in page


def test_visits_through_a_class_link_are_counted_per_class_and_robots_are_not(
    contest_world, client_for, client
):
    w = contest_world
    _make_kit(client_for(w.users["comms"]), w.contest)
    a1 = ShareLink.objects.get(school_class__name="10A1")
    a2 = ShareLink.objects.get(school_class__name="10A2")
    for _ in range(3):
        r = client.get(reverse("sharing:visit", args=[a1.code]), HTTP_USER_AGENT=BROWSER)
        assert r.status_code == 302 and r["Location"] == reverse("contests:take-home", args=[w.contest.pk])
    client.get(reverse("sharing:visit", args=[a2.code]), HTTP_USER_AGENT=BROWSER)
    client.get(reverse("sharing:visit", args=[a2.code]), HTTP_USER_AGENT="facebookexternalhit/1.1")
    client.get(reverse("sharing:visit", args=[a2.code]), HTTP_USER_AGENT="Googlebot/2.1")
    client.head(reverse("sharing:visit", args=[a2.code]), HTTP_USER_AGENT=BROWSER)
    visits = dict(ShareVisitDay.objects.values_list("link__school_class__name", "visits"))
    assert visits == {"10A1": 3, "10A2": 1}
    # only the count is kept
    assert [f.name for f in ShareVisitDay._meta.concrete_fields] == ["id", "link", "day", "visits"]
    page = client_for(w.users["teacher"]).get(reverse("sharing:kit", args=["cuoc-thi", w.contest.pk]))
    assert 'id="reach-total">4<' in page.content.decode()


def test_an_unknown_short_link_is_not_found(client, db):
    assert_not_found(client.get("/l/khongco"))


@pytest.mark.parametrize(
    "who,status", [("teacher", 200), ("youth", 200), ("official", 403), ("outsider", 403)]
)
def test_the_kit_is_for_the_schools_staff(contest_world, client_for, who, status):
    r = client_for(contest_world.users[who]).get(
        reverse("sharing:kit", args=["cuoc-thi", contest_world.contest.pk])
    )
    if status == 200:
        assert_page(r, "Tìm hiểu Nghị quyết 71-NQ/TW")
    else:
        assert status == 403
        assert "Tìm hiểu Nghị quyết 71-NQ/TW" not in assert_refused(r)


def test_outsiders_cannot_make_a_kit_or_download_a_poster(contest_world, client_for):
    w = contest_world
    assert _make_kit(client_for(w.users["outsider"]), w.contest).status_code == 403
    assert not ShareLink.objects.exists()
    _make_kit(client_for(w.users["comms"]), w.contest)
    code = ShareLink.objects.first().code
    assert (
        client_for(w.users["outsider"]).get(reverse("sharing:poster", args=[code, "pdf"])).status_code == 403
    )


def test_the_poster_pdf_and_qr_png_read_back(contest_world, client_for):
    w = contest_world
    c = client_for(w.users["comms"])
    _make_kit(c, w.contest)
    link = ShareLink.objects.get(school_class__name="10A2")
    pdf = c.get(reverse("sharing:poster", args=[link.code, "pdf"]))
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert (
        "Tìm hiểu Nghị quyết 71-NQ/TW" in text and "Dành cho lớp 10A2" in text and f"/l/{link.code}" in text
    )
    png = c.get(reverse("sharing:poster", args=[link.code, "png"]))
    assert png.content.startswith(b"\x89PNG")


def test_an_unknown_kind_of_target_is_not_found(contest_world, client_for):
    assert_not_found(client_for(contest_world.users["comms"]).get("/chia-se/khong-co/1/"))
