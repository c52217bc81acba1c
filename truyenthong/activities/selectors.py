"""Reads of activities, rosters, attendance and the calendar; the `_get_for_user` ones fetch and check access."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from truyenthong.activities.apps import CHANGE, CHECK_IN, VIEW, VIEW_ATTENDANCE
from truyenthong.activities.models import WEEKDAYS, Activity, Attendance, Evidence
from truyenthong.core.collation import vi_person
from truyenthong.core.permissions import can, require, schools_for
from truyenthong.org.models import Organisation, Person

# Unit-scoped actions: a tổ trưởng or the Bí thư Đoàn holds them only for their own unit's activities.
UNIT_SCOPED = {CHANGE, CHECK_IN, VIEW_ATTENDANCE}
WEEKDAYS_SHORT = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]


def activity_can(user, action: str, activity: Activity) -> bool:
    return can(user, action, activity.school, unit=activity.unit if action in UNIT_SCOPED else None)


def activity_get_for_user(*, user, activity_id: int, action: str = VIEW) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related("school", "unit", "task__group", "person_in_charge", "verified_by"),
        pk=activity_id,
    )
    require(user, action, activity.school, unit=activity.unit if action in UNIT_SCOPED else None)
    return activity


def evidence_get_for_user(*, user, evidence_id: int) -> Evidence:
    """Activity evidence is readable with the activity; a catch-up's evidence only by attendance keepers or its owner."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("activity__school", "activity__unit", "attendance__person"),
        pk=evidence_id,
    )
    activity = evidence.activity
    if evidence.attendance_id is None:
        require(user, VIEW, activity.school)
    elif evidence.attendance.person.user_id != getattr(user, "pk", None):
        require(user, VIEW_ATTENDANCE, activity.school, unit=activity.unit)
    return evidence


def units_for_change(*, user, school: Organisation) -> list[Organisation]:
    """Units whose activities the user may create or edit (all units for leadership and comms, one for a tổ trưởng)."""
    units = Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT, is_active=True).order_by(
        "path"
    )
    return [u for u in units if can(user, CHANGE, school, unit=u)]


def activity_day(activity: Activity) -> dt.date:
    return timezone.localtime(activity.starts_at).date()


def roster_of(activity: Activity) -> QuerySet[Person]:
    """Staff on the activity's roster: people of the school active on its date, in its units when it names some."""
    day = activity_day(activity)
    people = Person.objects.filter(school_id=activity.school_id).filter(
        Q(active_from__isnull=True) | Q(active_from__lte=day),
        Q(active_to__isnull=True) | Q(active_to__gte=day),
    )
    unit_ids = list(activity.roster_units.values_list("pk", flat=True)) if activity.pk else []
    if unit_ids:
        people = people.filter(
            Q(memberships__start__isnull=True) | Q(memberships__start__lte=day),
            Q(memberships__end__isnull=True) | Q(memberships__end__gte=day),
            memberships__unit_id__in=unit_ids,
        ).distinct()
    return people.order_by(vi_person(), "code")


@dataclass
class RosterRow:
    person: Person
    attendance: Attendance | None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""


def roster_rows(activity: Activity) -> list[RosterRow]:
    rows = {a.person_id: a for a in activity.attendances.all()}
    return [RosterRow(p, rows.get(p.pk)) for p in roster_of(activity)]


def activities_of(
    *,
    school: Organisation,
    unit: Organisation | None = None,
    kind: str = "",
    status: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    task=None,
) -> QuerySet[Activity]:
    qs = Activity.objects.filter(school=school).select_related("unit", "task", "person_in_charge")
    if unit is not None:
        qs = qs.filter(unit=unit)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if task is not None:
        qs = qs.filter(task=task)
    if start:
        qs = qs.filter(starts_at__gte=_day_start(start))
    if end:
        qs = qs.filter(starts_at__lt=_day_start(end + dt.timedelta(days=1)))
    return qs.annotate(evidence_count=Count("evidence", filter=Q(evidence__attendance__isnull=True)))


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def tasks_for_school(school: Organisation):
    """Tasks of the school's current plan, for linking an activity."""
    from truyenthong.plans.models import Task
    from truyenthong.plans.selectors import current_plan_of

    plan = current_plan_of(school)
    if plan is None:
        return Task.objects.none()
    return (
        Task.objects.filter(group__plan=plan).select_related("group").order_by("group__order", "order", "id")
    )


def school_units(school: Organisation):
    return Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT).order_by("path")


def unit_of_school(school: Organisation, code: str) -> Organisation | None:
    if not code:
        return None
    return Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT, code=code).first()


# --- month calendar ------------------------------------------------------------------------------------------


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    activities: list = field(default_factory=list)

    @property
    def weekday_name(self) -> str:
        return WEEKDAYS[self.date.weekday()]


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[Day]]
    previous: tuple[int, int]
    next: tuple[int, int]

    @property
    def label(self) -> str:
        return f"Tháng {self.month} năm {self.year}"

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def days_with_activities(self) -> list[Day]:
        return [d for week in self.weeks for d in week if d.in_month and d.activities]


def month_of(
    *,
    school: Organisation,
    year: int,
    month: int,
    unit: Organisation | None = None,
    today: dt.date | None = None,
) -> Month:
    """A Monday-first month grid with each day's activities (local dates)."""
    today = today or timezone.localdate()
    weeks_dates = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks_dates[0][0], weeks_dates[-1][-1]
    by_day: dict[dt.date, list[Activity]] = {}
    for activity in activities_of(school=school, unit=unit, start=first, end=last).order_by("starts_at"):
        by_day.setdefault(activity_day(activity), []).append(activity)
    weeks = [[Day(d, d.month == month, d == today, by_day.get(d, [])) for d in week] for week in weeks_dates]
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return Month(year, month, weeks, previous, following)


# --- feed -----------------------------------------------------------------------------------------------------


def feed_activities(*, user, start: dt.date, end: dt.date) -> QuerySet[Activity]:
    """Activities of every school the user may see, in a window (the feed is re-read by the phone every few hours)."""
    schools = list(schools_for(user, VIEW).values_list("pk", flat=True))
    return (
        Activity.objects.filter(
            school_id__in=schools, starts_at__gte=_day_start(start), starts_at__lt=_day_start(end)
        )
        .select_related("school", "unit", "person_in_charge")
        .order_by("starts_at")
    )


def own_attendance(*, user, activity: Activity) -> Attendance | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Attendance.objects.filter(activity=activity, person__user=user).first()


def checkin_activity_for_user(*, user, activity_id: int):
    """The activity a check-in QR code points at, if the user may see it: staff who may view that school's
    activities, or a person of that school (who may be on its roster). Another school's account learns nothing."""
    from django.core.exceptions import PermissionDenied

    from truyenthong.activities.models import Activity
    from truyenthong.activities.services import person_for_user

    activity = Activity.objects.select_related("school").filter(pk=activity_id).first()
    if activity is None:
        return None
    if can(user, VIEW, activity.school) or person_for_user(user=user, school=activity.school) is not None:
        return activity
    raise PermissionDenied("Mã QR này là của một hoạt động không thuộc trường của bạn.")
