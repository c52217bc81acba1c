"""Attendance: roster, tick list, QR self check-in (once, expiry, roster refusal, races), catch-up with evidence."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from tests.activities.conftest import make_activity, tiny_pdf
from truyenthong.activities import services
from truyenthong.activities.models import Activity, Attendance
from truyenthong.activities.selectors import roster_of
from truyenthong.core.errors import InvalidInput, NotAllowed

pytestmark = pytest.mark.django_db


def test_the_roster_is_the_staff_active_on_the_day(world, session):
    names = set(roster_of(session).values_list("full_name", flat=True))
    assert names == {"Huỳnh Lê Minh", "Nguyễn Thị Hoa", "Đỗ Thị Văn Thư"}


def test_a_roster_limited_to_units_keeps_only_their_members(world, staff):
    activity = make_activity(
        world, kind="department_meeting", unit=world.math_unit, roster_units=[world.math_unit]
    )
    assert list(roster_of(activity).values_list("full_name", flat=True)) == ["Nguyễn Thị Hoa"]


def test_a_person_who_joins_later_is_on_the_roster_of_later_sessions_only(world, staff):
    later = make_activity(world, days_ago=-40)
    assert staff["newcomer"] in roster_of(later)
    assert staff["leaver"] not in roster_of(later)


def test_a_qr_scan_counts_once_and_a_second_scan_says_when(world, session):
    token = services.checkin_token_issue(activity=session)
    first = services.attendance_check_in(token=token, user=world.users["teacher"])
    assert first.counted and first.attendance.method == "qr"
    second = services.attendance_check_in(token=token, user=world.users["teacher"])
    assert not second.counted
    hhmm = timezone.localtime(first.attendance.checked_in_at).strftime("%H:%M")
    assert f"đã điểm danh lúc {hhmm}" in second.message
    assert Attendance.objects.filter(activity=session).count() == 1
    session.refresh_from_db()
    assert session.actual_participants == 1


def test_an_expired_token_is_refused(world, session):
    token = services.checkin_token_issue(activity=session)
    with pytest.raises(InvalidInput, match="hết hạn"):
        services.attendance_check_in(token=token, user=world.users["teacher"], max_age=-1)
    assert not Attendance.objects.exists()


def test_a_tampered_token_is_refused(world, session):
    token = services.checkin_token_issue(activity=session)
    other = make_activity(world, title="Khác")
    forged = str(other.pk) + token[len(str(session.pk)) :]
    with pytest.raises(InvalidInput, match="không hợp lệ"):
        services.attendance_check_in(token=forged, user=world.users["teacher"])


def test_someone_not_on_the_roster_is_refused_with_a_clear_message(world, staff):
    activity = make_activity(
        world, kind="department_meeting", unit=world.office_unit, roster_units=[world.office_unit]
    )
    token = services.checkin_token_issue(activity=activity)
    with pytest.raises(NotAllowed, match="Nguyễn Thị Hoa không có trong danh sách tham dự"):
        services.attendance_check_in(token=token, user=world.users["teacher"])


def test_an_account_without_a_staff_record_is_refused(world, session):
    token = services.checkin_token_issue(activity=session)
    with pytest.raises(NotAllowed, match="chưa được gắn với hồ sơ cán bộ"):
        services.attendance_check_in(token=token, user=world.users["comms"])


def test_a_late_scan_after_being_marked_absent_becomes_present_once(world, session, staff):
    services.attendance_tick(
        activity=session, actor=world.users["principal"], present_ids=[staff["principal"].pk]
    )
    assert Attendance.objects.get(activity=session, person=staff["teacher"]).status == "absent"
    token = services.checkin_token_issue(activity=session)
    assert services.attendance_check_in(token=token, user=world.users["teacher"]).counted
    assert not services.attendance_check_in(token=token, user=world.users["teacher"]).counted
    row = Attendance.objects.get(activity=session, person=staff["teacher"])
    assert (row.status, row.method) == ("present", "qr")
    assert services.attendance_counts(session)["present"] == 2


def test_a_verified_activity_refuses_new_check_ins(world, session, staff):
    services.attendance_tick(
        activity=session, actor=world.users["principal"], present_ids=[staff["principal"].pk]
    )
    Activity.objects.filter(pk=session.pk).update(status="verified")
    token = services.checkin_token_issue(activity=session)
    with pytest.raises(NotAllowed, match="đã được lãnh đạo xác nhận"):
        services.attendance_check_in(token=token, user=world.users["teacher"])


def test_the_tick_list_marks_present_excused_and_absent_and_keeps_qr_times(world, session, staff):
    token = services.checkin_token_issue(activity=session)
    scanned = services.attendance_check_in(token=token, user=world.users["teacher"]).attendance
    counts = services.attendance_tick(
        activity=session,
        actor=world.users["principal"],
        present_ids=[staff["teacher"].pk, staff["principal"].pk],
        excused_ids=[staff["clerk"].pk],
    )
    assert counts == {"present": 2, "absent": 0, "excused": 1, "caught_up": 0, "attended": 2}
    row = Attendance.objects.get(pk=scanned.pk)
    assert row.method == "qr" and row.checked_in_at == scanned.checked_in_at
    counts = services.attendance_tick(
        activity=session, actor=world.users["principal"], present_ids=[staff["principal"].pk]
    )
    assert counts["present"] == 1 and counts["absent"] == 2
    session.refresh_from_db()
    assert session.actual_participants == 1


def test_the_tick_list_refuses_people_outside_the_roster(world, session, staff):
    with pytest.raises(InvalidInput):
        services.attendance_tick(
            activity=session, actor=world.users["principal"], present_ids=[staff["leaver"].pk]
        )


def test_marking_done_fills_absentees_and_catch_up_counts_as_attended(world, session, staff):
    services.attendance_tick(
        activity=session,
        actor=world.users["principal"],
        present_ids=[staff["principal"].pk, staff["clerk"].pk],
    )
    services.activity_mark_done(
        activity=session, expected_version=session.version, actor=world.users["principal"]
    )
    row = services.attendance_catch_up(
        activity=session,
        person=staff["teacher"],
        actor=world.users["principal"],
        caught_up_on=timezone.localdate(),
        note="Tự học tài liệu, viết thu hoạch",
        evidence_name="thu-hoach.pdf",
        evidence_data=tiny_pdf(),
    )
    assert (row.status, row.method, row.caught_up_on) == ("caught_up", "catch_up", timezone.localdate())
    assert row.evidence.count() == 1 and row.attended
    counts = services.attendance_counts(session)
    assert counts["attended"] == 3 and counts["caught_up"] == 1
    session.refresh_from_db()
    assert session.actual_participants == 2  # present at the session; the catch-up is counted apart


def test_catch_up_needs_evidence_a_done_activity_and_a_date_after_it(world, session, staff):
    kwargs = dict(
        activity=session,
        person=staff["teacher"],
        actor=world.users["principal"],
        caught_up_on=timezone.localdate(),
    )
    with pytest.raises(NotAllowed, match="chưa được ghi nhận đã thực hiện"):
        services.attendance_catch_up(**kwargs, evidence_url="https://example.org/bien-ban")
    services.attendance_tick(
        activity=session, actor=world.users["principal"], present_ids=[staff["principal"].pk]
    )
    services.activity_mark_done(
        activity=session, expected_version=session.version, actor=world.users["principal"]
    )
    with pytest.raises(InvalidInput, match="cần minh chứng"):
        services.attendance_catch_up(**kwargs)
    with pytest.raises(InvalidInput, match="sau ngày diễn ra"):
        services.attendance_catch_up(
            **{**kwargs, "caught_up_on": timezone.localdate() - dt.timedelta(days=10)},
            evidence_url="https://example.org/bien-ban",
        )
    with pytest.raises(NotAllowed, match="đã có mặt"):
        services.attendance_catch_up(
            **{**kwargs, "person": staff["principal"]}, evidence_url="https://example.org/bien-ban"
        )


@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_by_the_same_person_create_one_record(world, session):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the race is exercised on PostgreSQL")
    token = services.checkin_token_issue(activity=session)
    results, barrier = [], threading.Barrier(4)

    def scan():
        from django.db import connections

        barrier.wait()
        try:
            results.append(services.attendance_check_in(token=token, user=world.users["teacher"]).counted)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]
    assert Attendance.objects.filter(activity=session).count() == 1


def test_a_unique_constraint_stops_a_second_attendance_row(world, session, staff):
    from django.db import IntegrityError, transaction

    Attendance.objects.create(activity=session, person=staff["teacher"], status="present")
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(activity=session, person=staff["teacher"], status="present")
