"""The demo activities: every kind in both school years, statuses that follow the calendar, believable attendance."""

import datetime as dt
import time

import pytest
from django.db.models import Count
from django.utils import timezone

from truyenthong.activities import demo
from truyenthong.activities.models import Activity, Attendance, Evidence

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_kind_in_both_school_years_and_is_idempotent(world, staff, plan_task):
    started = time.perf_counter()
    created = demo.build(world.school)
    assert time.perf_counter() - started < 5
    assert created > 80
    assert demo.build(world.school) == 0
    assert Activity.objects.filter(school=world.school).count() == created
    for start_year in (2025, 2026):
        window = Activity.objects.filter(
            starts_at__date__gte=dt.date(start_year, 9, 1),
            starts_at__date__lte=dt.date(start_year + 1, 5, 31),
        )
        assert set(window.values_list("kind", flat=True)) == set(Activity.Kind.values), start_year


def test_demo_statuses_follow_the_calendar_and_verified_ones_have_evidence(world, staff, plan_task):
    demo.build(world.school)
    now = timezone.now()
    assert not Activity.objects.filter(starts_at__gt=now).exclude(status="planned").exists()
    assert Activity.objects.filter(starts_at__gt=now).exists()
    assert (
        Activity.objects.filter(status="verified").exists()
        and Activity.objects.filter(status="done").exists()
    )
    for activity in Activity.objects.filter(status="verified"):
        assert activity.evidence.filter(attendance__isnull=True).exists()
    assert Activity.objects.filter(kind="study_session", task=plan_task).exists()


def test_demo_attendance_is_believable_and_consistent_with_the_roster(world, staff, plan_task):
    demo.build(world.school)
    sessions = Activity.objects.filter(kind="study_session").exclude(status="planned")
    assert sessions.exists()
    statuses = Attendance.objects.filter(activity__in=sessions).values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in statuses}
    assert counts["present"] > sum(counts.values()) / 2
    for activity in sessions:
        present = activity.attendances.filter(status="present").count()
        assert activity.actual_participants == present
    # The colleague who joins next month is on no past roster; the one who left last year on none this year.
    assert not Attendance.objects.filter(person=staff["newcomer"]).exists()
    this_year = Attendance.objects.filter(activity__starts_at__date__gte=dt.date(2026, 9, 1))
    assert not this_year.filter(person=staff["leaver"]).exists()
    for row in Attendance.objects.filter(status="caught_up"):
        assert row.caught_up_on > timezone.localtime(row.activity.starts_at).date()
        assert Evidence.objects.filter(attendance=row).exists()


def test_the_demo_on_the_demo_school_has_a_semester_two_joiner_only_on_later_rosters(db):
    from truyenthong.org.demo import build_demo

    school = build_demo()  # builds the activities demo too; a second build adds nothing
    assert demo.build(school) == 0
    joiners = [p for p in school.people.all() if p.active_from and p.active_from.month == 1]
    for person in joiners:
        assert not Attendance.objects.filter(
            person=person, activity__starts_at__date__lt=person.active_from
        ).exists()
    assert Activity.objects.filter(school=school, task__isnull=False).count() > 100
    assert any(
        Attendance.objects.filter(person=p, activity__starts_at__date__gte=p.active_from).exists()
        for p in joiners
    )
