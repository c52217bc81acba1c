"""`truyenthong privacy-retention`: anonymise what is past its period, idempotent, with --dry-run."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from truyenthong.core.models import AuditEntry
from truyenthong.org.models import Person
from truyenthong.org.services import person_create
from truyenthong.privacy.models import ANONYMISED, AccessLog, Erasure

TODAY = timezone.localdate()


@pytest.fixture
def aged(world):
    """Staff who left 6 years and 1 year ago, an old and a recent prize, an old and a recent access-log line."""
    from truyenthong.records.models import StudentPrize

    old = person_create(
        school=world.school,
        code="GV090",
        full_name="Đặng Văn Cũ",
        email="cu@lqd.edu.vn",
        active_to=TODAY - dt.timedelta(days=6 * 365),
    )
    recent = person_create(
        school=world.school, code="GV091", full_name="Võ Thị Mới", active_to=TODAY - dt.timedelta(days=365)
    )
    prizes = [
        StudentPrize.objects.create(
            school=world.school,
            school_year="2019-2020",
            student_name="Hồ Gia Bảo",
            level="national",
            competition="Học sinh giỏi quốc gia",
            award="Giải Nhì",
            awarded_on=dt.date(2020, 3, 1),
        ),
        StudentPrize.objects.create(
            school=world.school,
            school_year="2025-2026",
            student_name="Mai Anh Thư",
            level="provincial",
            competition="Học sinh giỏi tỉnh",
            award="Giải Nhất",
            awarded_on=TODAY - dt.timedelta(days=30),
        ),
    ]
    logs = AccessLog.objects.bulk_create(
        [
            AccessLog(username="x", school=world.school, kind="register"),
            AccessLog(username="y", school=world.school, kind="register"),
        ]
    )
    AccessLog.objects.filter(pk=logs[0].pk).update(at=timezone.now() - dt.timedelta(days=800))
    return {"old": old, "recent": recent, "prizes": prizes}


def _run(*args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("privacy_retention", "--json", *args, stdout=out)
    return json.loads(out.getvalue())["counts"]


def test_dry_run_counts_and_changes_nothing(aged):
    counts = _run("--dry-run")
    assert counts == {"staff": 1, "students": 0, "prizes": 1, "incidents": 0, "access_log": 1}
    assert Person.objects.get(pk=aged["old"].pk).full_name == "Đặng Văn Cũ"
    assert AccessLog.objects.count() == 2 and not Erasure.objects.exists()


def test_a_run_anonymises_what_is_past_its_period_only_and_a_second_run_finds_nothing(aged):
    assert _run() == {"staff": 1, "students": 0, "prizes": 1, "incidents": 0, "access_log": 1}
    old, recent = Person.objects.get(pk=aged["old"].pk), Person.objects.get(pk=aged["recent"].pk)
    assert old.full_name == ANONYMISED and old.email == ""
    assert recent.full_name == "Võ Thị Mới"
    old_prize, new_prize = (type(p).objects.get(pk=p.pk) for p in aged["prizes"])
    assert old_prize.student_name == ANONYMISED and old_prize.award == "Giải Nhì"  # the prize still counts
    assert new_prize.student_name == "Mai Anh Thư"
    assert AccessLog.objects.count() == 1
    history = json.dumps([[e.object_repr, e.changes] for e in AuditEntry.objects.all()], ensure_ascii=False)
    assert "Đặng Văn Cũ" not in history and "cu@lqd.edu.vn" not in history and "Võ Thị Mới" in history
    assert set(Erasure.objects.values_list("reason", flat=True)) == {"retention"}
    assert _run() == {"staff": 0, "students": 0, "prizes": 0, "incidents": 0, "access_log": 0}


def test_periods_follow_the_setting(aged, settings):
    settings.PRIVACY_RETENTION_DAYS = {"staff": 300, "prizes": 100000}
    counts = _run("--dry-run")
    assert counts["staff"] == 2 and counts["prizes"] == 0


def test_the_human_output_is_in_vietnamese(aged, capsys):
    call_command("privacy_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Sẽ xử lý" in out and "Hồ sơ cán bộ, giáo viên, nhân viên" in out and "5 năm" in out


def test_students_and_incidents_past_their_period_are_anonymised_too(world):
    from truyenthong.org.services import school_class_create
    from truyenthong.privacy import services
    from truyenthong.privacy.models import Consent, Student
    from truyenthong.records.models import ViolenceIncident

    old_class = school_class_create(school=world.school, school_year="2019-2020", name="10A1", grade=10)
    new_class = school_class_create(school=world.school, school_year="2025-2026", name="10A1", grade=10)
    old = services.student_create(
        school=world.school, actor=None, full_name="Trương Quốc Huy", school_class=old_class
    )
    new = services.student_create(
        school=world.school, actor=None, full_name="Đinh Khánh Linh", school_class=new_class
    )
    services.consent_give(
        school=world.school,
        actor=None,
        student=old,
        purpose="photo",
        given_by="parent",
        giver_name="Trương Văn Hải",
        given_on=dt.date(2019, 9, 5),
        evidence="Phiếu",
    )
    incidents = [
        ViolenceIncident.objects.create(
            school=world.school, occurred_on=dt.date(2019, 10, 1), description="Huy xô xát"
        ),
        ViolenceIncident.objects.create(
            school=world.school, occurred_on=TODAY - dt.timedelta(days=10), description="Gần đây"
        ),
    ]
    counts = _run()
    assert counts["students"] == 1 and counts["incidents"] == 1
    assert Student.objects.get(pk=old.pk).full_name == ANONYMISED
    assert Student.objects.get(pk=new.pk).full_name == "Đinh Khánh Linh"
    assert Consent.objects.get().giver_name == ANONYMISED
    assert [ViolenceIncident.objects.get(pk=i.pk).description for i in incidents] == [ANONYMISED, "Gần đây"]
    history = json.dumps([[e.object_repr, e.changes] for e in AuditEntry.objects.all()], ensure_ascii=False)
    assert "Trương Quốc Huy" not in history and "Trương Văn Hải" not in history
    assert _run()["students"] == 0
