"""The one refresh path: every source announces its writes after commit, indicators recompute in a background task
(coalesced per school), and pages only read — a GET of the dashboard writes nothing."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _published_count(indicator):
    from truyenthong.indicators.models import IndicatorValue
    from truyenthong.lib.periods import school_year_of

    key = school_year_of(timezone.localdate()).key
    row = IndicatorValue.objects.filter(indicator=indicator, period_key=key, scope=0).first()
    return None if row is None else row.value


def _content_indicator(school):
    from truyenthong.indicators.models import Indicator

    return Indicator.objects.create(
        school=school,
        name="Tin bài đăng trên chuyên mục trong năm học",
        method=Indicator.Method.COMPUTED,
        numerator_source="content_published",
        is_percent=False,
        target_value=12,
    )


def _publish(world, section, title):
    from truyenthong.content import services

    item = services.item_create(
        school=world.school,
        actor=world.users["comms"],
        title=title,
        summary="Tóm tắt",
        body="<p>Nội dung.</p>",
        section=section,
    )
    for action, actor in (("submit", "comms"), ("approve", "principal"), ("publish", "principal")):
        item = services.item_transition(
            item=item, actor=world.users[actor], action=action, expected_version=item.version
        )
    return item


def test_publishing_an_item_refreshes_the_indicator_that_counts_it(world, django_capture_on_commit_callbacks):
    from truyenthong.content.services import section_create

    section = section_create(
        school=world.school, actor=world.users["principal"], title="Tin tức", slug="tin-tuc"
    )
    indicator = _content_indicator(world.school)
    with django_capture_on_commit_callbacks(execute=True):
        _publish(world, section, "Học tập Nghị quyết 71")
    assert _published_count(indicator) == 1
    with django_capture_on_commit_callbacks(execute=True):
        _publish(world, section, "Hội nghị cha mẹ học sinh")
    assert _published_count(indicator) == 2


def test_a_write_that_rolls_back_announces_nothing(world, django_capture_on_commit_callbacks):
    from truyenthong.content.services import section_create
    from truyenthong.indicators.models import PendingRefresh

    section = section_create(
        school=world.school, actor=world.users["principal"], title="Tin tức", slug="tin-tuc"
    )
    indicator = _content_indicator(world.school)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _publish(world, section, "Bài sẽ được đăng")
    assert callbacks  # the announcements wait for the commit …
    assert _published_count(indicator) is None  # … so nothing was recomputed inside the transaction
    assert not PendingRefresh.objects.exists()


def test_a_refresh_already_waiting_absorbs_further_writes(world):
    from truyenthong.indicators.models import PendingRefresh
    from truyenthong.indicators.refresh import indicators_refresh_later

    PendingRefresh.objects.create(
        school=world.school, requested_at=timezone.now()
    )  # a task is queued already
    assert indicators_refresh_later(school_id=world.school.pk) is False
    assert indicators_refresh_later(school_id=world.school.pk) is False
    assert PendingRefresh.objects.filter(school=world.school).count() == 1


def test_a_marker_whose_task_was_lost_is_queued_again(world):
    from truyenthong.indicators.models import PendingRefresh
    from truyenthong.indicators.refresh import indicators_refresh_later

    PendingRefresh.objects.create(school=world.school, requested_at=timezone.now() - dt.timedelta(hours=1))
    assert indicators_refresh_later(school_id=world.school.pk) is True


def test_a_get_of_the_dashboard_never_writes(world_with_plan, client_for, django_capture_on_commit_callbacks):
    from truyenthong.activities import services

    w = world_with_plan
    start = timezone.make_aware(dt.datetime(2026, 10, 5, 14, 0))
    services.activity_create(  # announced, not yet committed: the page must not catch up by itself
        school=w.school,
        actor=w.users["principal"],
        unit=w.leadership_unit,
        kind="study_session",
        title="Học tập Nghị quyết 71",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        audience="staff",
    )
    client = client_for(w.users["principal"])
    url = reverse("indicators:dashboard", args=[w.school.code])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "Bảng điều khiển" in response.content.decode()
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]
    assert writes == []
