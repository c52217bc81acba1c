"""The demo content: a dozen published items on the plan's themes with reach across channels, built once."""

import datetime as dt

from django.utils import timezone

from truyenthong.content import demo, selectors
from truyenthong.content.models import Channel, ContentItem, Publication


def test_the_demo_builds_a_dozen_published_items_with_reach_and_is_idempotent(db, client):
    from truyenthong.org.demo import build_demo

    school = build_demo()
    section = demo.build(school)
    assert section.slug == "nghi-quyet-71"
    visible = selectors.published_items(section)
    assert visible.count() == 12
    assert ContentItem.objects.filter(school=school).count() == 15
    kinds = set(visible.values_list("kind", flat=True))
    assert {"article", "infographic", "summary", "video", "photo_story", "notice"} <= kinds
    assert set(Publication.objects.filter(item__school=school).values_list("channel__kind", flat=True)) >= {
        Channel.Kind.PORTAL,
        Channel.Kind.FANPAGE,
        Channel.Kind.ZALO_OA,
        Channel.Kind.ZALO_GROUP,
        Channel.Kind.BULLETIN,
    }
    today = timezone.localdate()
    reach = selectors.reach_by_audience(school=school, start=today - dt.timedelta(days=120), end=today)
    assert reach["parents"] > 0 and reach["community"] > 0 and reach["students"] > 0
    reached, total = selectors.classes_with_parents_reached(
        school=school, start=today - dt.timedelta(days=120), end=today, school_year="2026-2027"
    )
    assert total > 0 and 0 < reached <= total
    demo.build(school)
    assert ContentItem.objects.filter(school=school).count() == 15
    response = client.get("/chuyen-muc/nghi-quyet-71/tim-kiem/", {"q": "bao luc hoc duong"})
    assert "Nói không với bạo lực học đường" in response.content.decode()
