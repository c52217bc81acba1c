"""Indicator values follow the activities: a study session recorded after the fact changes the dashboard."""

import datetime as dt
import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def study_share(school):
    from truyenthong.indicators.models import IndicatorValue
    from truyenthong.indicators.selectors import dashboard_rows

    rows = dashboard_rows(school=school, period_key="2026-2027", today=dt.date(2026, 11, 29))
    row = next(
        r for r in rows if r.measure.target.text.startswith("100% cán bộ, giáo viên, nhân viên được học tập")
    )
    assert IndicatorValue.objects.filter(indicator=row.indicator).exists() or row.value is None
    return row.value


def test_a_study_session_with_attendance_raises_the_study_indicator(
    world_with_plan, django_capture_on_commit_callbacks
):
    from truyenthong.activities import services

    school = world_with_plan.school
    before = study_share(school)
    start = timezone.make_aware(dt.datetime(2026, 10, 5, 14, 0))
    with django_capture_on_commit_callbacks(execute=True):
        activity = services.activity_create(
            school=school,
            actor=world_with_plan.users["principal"],
            unit=world_with_plan.leadership_unit,
            kind="study_session",
            title="Học tập Nghị quyết 71",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            audience="staff",
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.attendance_tick(
            activity=activity,
            actor=world_with_plan.users["principal"],
            present_ids=[world_with_plan.people["principal"].pk, world_with_plan.people["teacher"].pk],
            now=start + dt.timedelta(minutes=5),
        )
    assert study_share(school) == before  # a session still planned counts for nothing
    activity.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_mark_done(
            activity=activity,
            expected_version=activity.version,
            actor=world_with_plan.users["principal"],
            now=start + dt.timedelta(hours=3),
        )
    # Two staff of the school are active and both attended: 2 / 2.
    assert study_share(school) == 100


def test_the_department_overview_says_which_schools_have_no_plan_yet(world_with_plan, client_for):
    from django.urls import reverse

    url = reverse("indicators:department-dashboard", args=[world_with_plan.department.code])
    body = client_for(world_with_plan.users["official"]).get(url).content.decode()
    assert body.count("Chưa tải lên kế hoạch") == 1  # the other school; the seed school has its plan
    # each line links to its school's dashboard for the period shown
    period = re.search(r'<option value="([^"]+)"\s+selected', body).group(1)
    for code in ("lqd", "khac"):
        assert f'href="/truong/{code}/bang-dieu-khien/?ky={period}"' in body
