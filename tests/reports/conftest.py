"""Reports fixtures: the seed plan with default indicators, a school year of activities, attendance and published
content, values recomputed as of TODAY; jobs run at once (the immediate task backend) unless a test says otherwise."""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2027, 6, 1)
YEAR = "2026-2027"


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    from django.utils import timezone

    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def reported(world_with_plan):
    from truyenthong.activities.models import Activity, Attendance
    from truyenthong.content.models import ContentItem
    from truyenthong.indicators.services import indicators_create_defaults, indicators_recompute

    w = world_with_plan
    indicators_create_defaults(plan=w.plan, actor=w.users["principal"])
    for i, (day, kind, status) in enumerate(
        [
            (dt.date(2026, 9, 20), "study_session", "done"),
            (dt.date(2026, 10, 12), "study_session", "verified"),
            (dt.date(2026, 11, 5), "seminar", "done"),
            (dt.date(2027, 3, 3), "parent_meeting", "done"),
            (dt.date(2027, 4, 20), "contest", "planned"),
        ]
    ):
        activity = Activity.objects.create(
            school=w.school,
            unit=w.math_unit if i % 2 else w.youth_unit,
            kind=kind,
            title=f"Hoạt động {i + 1}",
            starts_at=at(day),
            ends_at=at(day, 10),
            status=status,
            actual_participants=30 + i,
        )
        if kind == "study_session":
            Attendance.objects.create(
                activity=activity,
                person=w.people["teacher"],
                status="present",
                checked_in_at=activity.starts_at,
            )
            Attendance.objects.create(activity=activity, person=w.people["principal"], status="absent")
    for i, day in enumerate([dt.date(2026, 9, 25), dt.date(2026, 12, 1), dt.date(2027, 2, 14)]):
        ContentItem.objects.create(
            school=w.school,
            unit=w.math_unit,
            title=f"Tin bài số {i + 1}",
            slug=f"tin-bai-{i + 1}",
            kind="article" if i else "infographic",
            status="published",
            published_at=at(day),
        )
    indicators_recompute(school_ids=[w.school.pk], today=TODAY)
    return w


@pytest.fixture
def year_report(reported):
    from truyenthong.reports.services import report_create

    return report_create(
        school=reported.school,
        actor=reported.users["principal"],
        kind="year_review",
        period_key=YEAR,
        today=TODAY,
    )
