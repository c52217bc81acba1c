"""Every page that shows staff or student names writes who read what, and when, to the access log (Law 91), and
leadership finds those lines on the access-log page. Pages that name nobody write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from truyenthong.privacy.models import AccessLog

pytestmark = pytest.mark.django_db

YEAR = "2026-2027"


@pytest.fixture
def named(world_with_plan):
    """One object of each kind whose page names people, in the demo-like school."""
    from truyenthong.activities.services import activity_create
    from truyenthong.contests.models import Contest
    from truyenthong.contests.services import contest_create, round_create
    from truyenthong.evaluation.models import FollowUp, Inspection
    from truyenthong.org.models import Membership, SchoolClass
    from truyenthong.records.models import ITSelfAssessment

    w = world_with_plan
    leader = w.users["principal"]
    Membership.objects.filter(person=w.people["teacher"], unit=w.math_unit).update(role="head")
    start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    w.activity = activity_create(
        school=w.school,
        actor=leader,
        unit=w.math_unit,
        kind="study_session",
        title="Học tập Nghị quyết 71",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place="Hội trường",
        audience="staff",
    )
    w.assessment = ITSelfAssessment.objects.create(
        school=w.school, person=w.people["teacher"], school_year=YEAR, self_meets=True
    )
    w.inspection = Inspection.objects.create(
        school=w.school,
        period_key=YEAR,
        title="Kiểm tra hồ sơ truyền thông",
        scheduled_on=dt.date(2026, 11, 1),
    )
    FollowUp.objects.create(
        inspection=w.inspection,
        owner=w.people["teacher"],
        action="Bổ sung minh chứng",
        deadline=timezone.localdate() - dt.timedelta(days=2),
    )
    cls = SchoolClass.objects.create(
        school=w.school, school_year=YEAR, name="10A1", grade=10, student_count=40
    )
    contest = contest_create(
        school=w.school,
        actor=leader,
        title="Tìm hiểu Nghị quyết 71",
        audience=Contest.Audience.STUDENTS,
        classes=[cls],
        organiser_unit=w.youth_unit,
    )
    now = timezone.now()
    w.round = round_create(
        contest=contest,
        actor=leader,
        name="Vòng 1",
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=1),
        time_limit_seconds=600,
        question_count=0,
        tags=[],
    )
    from truyenthong.indicators.models import Indicator

    w.indicator = Indicator.objects.filter(school=w.school).first()
    return w


def name_pages(w) -> list[tuple[str, str]]:
    """(page, expected access-log kind) for every page that shows staff or student names."""
    code = w.school.code
    teacher = w.people["teacher"].pk
    return [
        (reverse("org:person-list", args=[code]), "register"),
        (reverse("org:person-detail", args=[code, teacher]), "record"),
        (reverse("org:person-edit", args=[code, teacher]), "record"),
        (reverse("org:unit-list", args=[code]), "register"),
        (reverse("org:class-list", args=[code]) + f"?nam_hoc={YEAR}", "register"),
        (reverse("org:audit-log", args=[code]), "history"),
        (reverse("activities:activity-detail", args=[w.activity.pk]), "attendance"),
        (reverse("activities:attendance-tick", args=[w.activity.pk]), "attendance"),
        (reverse("activities:catch-up", args=[w.activity.pk, teacher]), "attendance"),
        (reverse("activities:activity-create", args=[code]), "register"),
        (reverse("activities:activity-edit", args=[w.activity.pk]), "register"),
        (reverse("records:record-create", args=[code, "can-bo-truyen-thong"]), "records"),
        (reverse("records:record-list", args=[code, "tu-danh-gia-cntt"]) + f"?nam_hoc={YEAR}", "records"),
        (reverse("records:record-history", args=[code, "tu-danh-gia-cntt", w.assessment.pk]), "history"),
        (reverse("records:record-list", args=[code, "giai-thuong"]), "records"),
        (reverse("evaluation:inspection-detail", args=[w.inspection.pk]), "evaluation"),
        (reverse("evaluation:emulation", args=[code, YEAR]), "evaluation"),
        (reverse("evaluation:home", args=[code]), "evaluation"),  # an overdue follow-up names its owner
        (reverse("contests:round-detail", args=[w.round.pk]), "contestants"),
        (reverse("contests:round-export", args=[w.round.pk]), "contestants"),
        (reverse("indicators:indicator-history", args=[code, w.indicator.pk]), "history"),
    ]


def test_every_page_that_names_people_writes_a_line_to_the_access_log(named, client_for):
    principal = named.users["principal"]
    client = client_for(principal)
    missing = []
    for url, kind in name_pages(named):
        before = AccessLog.objects.count()
        response = client.get(url)
        assert response.status_code == 200, url
        lines = list(AccessLog.objects.order_by("id")[before:])
        if not any(
            line.kind == kind and line.user == principal and line.school == named.school and line.path == url
            for line in lines
        ):
            missing.append(url)
    assert missing == []
    # Leadership reads them on the access-log page, with the Vietnamese label of each kind
    page = client.get(reverse("privacy:access-log", args=[named.school.code]) + "?loai=attendance")
    assert page.status_code == 200
    assert "Học tập Nghị quyết 71" in page.content.decode()


def test_pages_that_name_nobody_write_nothing(named, client_for):
    client = client_for(named.users["principal"])
    for url in (
        reverse("plans:school-detail", args=[named.school.code]),
        reverse("records:record-list", args=[named.school.code, "ke-hoach-to"]),
        reverse("activities:activity-list", args=[named.school.code]),
    ):
        assert client.get(url).status_code == 200, url
    assert not AccessLog.objects.exists()


def test_a_teacher_who_may_not_see_the_unit_heads_writes_nothing_on_the_unit_list(named, client_for):
    assert (
        client_for(named.users["teacher"]).get(reverse("org:unit-list", args=[named.school.code])).status_code
        == 200
    )
    assert not AccessLog.objects.exists()
