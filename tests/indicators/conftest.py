"""Fixtures for indicator tests: the seed plan with default indicators, staff joining mid-year, activities."""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2027, 6, 1)  # after the end of school year 2026-2027's second semester


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    from django.utils import timezone

    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def make_activity(
    school, unit, *, day, kind="study_session", status="done", title="Quán triệt Nghị quyết 71"
):
    from truyenthong.activities.models import Activity

    return Activity.objects.create(
        school=school,
        unit=unit,
        kind=kind,
        title=title,
        starts_at=at(day),
        ends_at=at(day, 10),
        status=status,
    )


def attend(activity, person, status="present", checked_in_at=None):
    from truyenthong.activities.models import Attendance

    return Attendance.objects.create(
        activity=activity, person=person, status=status, checked_in_at=checked_in_at or activity.starts_at
    )


@pytest.fixture
def measured(world_with_plan):
    """The seed plan with default indicators, plus a teacher who joins in semester 2 and an office employee."""
    from truyenthong.indicators.services import indicators_create_defaults
    from truyenthong.org.models import Person
    from truyenthong.org.services import person_create

    w = world_with_plan
    w.people["late_teacher"] = person_create(
        school=w.school,
        code="GV003",
        full_name="Lê Văn Muộn",
        units=[w.math_unit],
        active_from=dt.date(2027, 1, 20),
    )
    w.people["employee"] = person_create(
        school=w.school,
        code="NV001",
        full_name="Phạm Thị Văn",
        category=Person.Category.EMPLOYEE,
        units=[w.office_unit],
    )
    w.people["principal"].active_from = dt.date(2020, 8, 1)
    w.people["principal"].category = Person.Category.MANAGER
    w.people["principal"].save()
    indicators_create_defaults(plan=w.plan, actor=w.users["principal"])
    return w


def indicator_named(plan, source):
    from truyenthong.indicators.models import Indicator

    return Indicator.objects.get(plan=plan, numerator_source=source)


def value_of(indicator, period_key, unit=None):
    from truyenthong.indicators.models import IndicatorValue

    return IndicatorValue.objects.filter(
        indicator=indicator, period_key=period_key, scope=unit.pk if unit else 0
    ).first()


@pytest.fixture
def recompute():
    def run(school):
        from truyenthong.indicators.services import indicators_recompute

        return indicators_recompute(school_ids=[school.pk], today=TODAY)

    return run
