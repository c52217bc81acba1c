"""A published content item has a share kit per class like a contest or a survey (issue 12, item 5): its short links
lead to the item's public page and visits are counted per class; a draft or a scheduled item has no kit."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from truyenthong.org.models import SchoolClass
from truyenthong.sharing.models import ShareLink, ShareVisitDay

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) AppleWebKit/605.1.15 Mobile/15E148 Zalo"


def _classes(world):
    from truyenthong.lib.periods import current_school_year

    year = current_school_year(timezone.localdate()).key
    return [
        SchoolClass.objects.create(
            school=world.school, school_year=year, name=name, grade=10, student_count=40
        )
        for name in ("10A1", "10A2")
    ]


def test_a_published_item_is_shared_to_each_class_and_visits_reach_its_public_page(
    world, make_item, client_for, client
):
    _classes(world)
    item = make_item("Nghị quyết 71 và nhà trường")
    comms = client_for(world.users["comms"])
    detail = comms.get(reverse("content:item-detail", args=[item.pk])).content.decode()
    kit_url = reverse("sharing:kit", args=["noi-dung", item.pk])
    assert kit_url in detail
    comms.post(reverse("sharing:kit-create", args=["noi-dung", item.pk]))
    assert ShareLink.objects.filter(target_kind="noi-dung", target_id=item.pk).count() == 2
    page = comms.get(kit_url).content.decode()
    assert "[Lớp 10A1] Nghị quyết 71 và nhà trường" in page and "đọc bài" in page
    link = ShareLink.objects.get(target_kind="noi-dung", school_class__name="10A2")
    visit = client.get(reverse("sharing:visit", args=[link.code]), HTTP_USER_AGENT=BROWSER)
    public = reverse("portal:item-detail", args=[item.section.slug, item.slug])
    assert visit.status_code == 302 and visit["Location"] == public
    assert client.get(public).status_code == 200
    assert ShareVisitDay.objects.get(link=link).visits == 1


def test_items_without_a_public_page_have_no_kit(world, make_item, client_for):
    _classes(world)
    comms = client_for(world.users["comms"])
    draft = make_item("Bản nháp chưa duyệt", status="draft")
    later = make_item("Bài hẹn giờ", publish_at=timezone.now() + dt.timedelta(days=2))
    for item in (draft, later):
        assert comms.get(reverse("sharing:kit", args=["noi-dung", item.pk])).status_code == 404
        assert comms.post(reverse("sharing:kit-create", args=["noi-dung", item.pk])).status_code == 404
        detail = comms.get(reverse("content:item-detail", args=[item.pk])).content.decode()
        assert "Bộ chia sẻ cho nhóm lớp" not in detail
    assert not ShareLink.objects.exists()


def test_an_official_who_cannot_share_sees_no_share_button(world, make_item, client_for):
    item = make_item("Bài đã đăng")
    official = client_for(world.users["official"])
    detail = official.get(reverse("content:item-detail", args=[item.pk]))
    assert detail.status_code == 200
    assert "Bộ chia sẻ cho nhóm lớp" not in detail.content.decode()
    assert official.get(reverse("sharing:kit", args=["noi-dung", item.pk])).status_code == 403
