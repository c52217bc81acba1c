"""The pages at work: create and edit, evidence uploads, tick list, the QR round trip over HTTP, catch-up,
the month calendar and the iCalendar feed read back."""

import datetime as dt
import re

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.activities.conftest import make_activity, tiny_pdf, tiny_png
from truyenthong.activities import services
from truyenthong.activities.models import Activity, Attendance, Evidence

pytestmark = pytest.mark.django_db


def test_a_department_head_creates_an_activity_with_a_vietnamese_date(world, staff, plan_task, client_for):
    c = client_for(world.users["dept_head"])
    response = c.post(
        reverse("activities:activity-create", args=[world.school.code]),
        {
            "kind": "department_meeting",
            "title": "Sinh hoạt tổ Toán tháng 12",
            "task": plan_task.pk,
            "unit": world.math_unit.pk,
            "day": "07/12/2026",
            "start_time": "14:00",
            "end_time": "16:30",
            "place": "Phòng 204",
            "audience": "staff",
            "roster_units": [world.math_unit.pk],
            "planned_participants": "12",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get(title="Sinh hoạt tổ Toán tháng 12")
    local = timezone.localtime(activity.starts_at)
    assert (local.date(), local.hour, local.minute) == (dt.date(2026, 12, 7), 14, 0)
    assert activity.task == plan_task and list(activity.roster_units.all()) == [world.math_unit]
    page = c.get(reverse("activities:activity-detail", args=[activity.pk])).content.decode()
    assert "Thứ Hai, 07/12/2026" in page


def test_a_department_head_cannot_create_for_another_unit(world, staff, client_for):
    response = client_for(world.users["dept_head"]).post(
        reverse("activities:activity-create", args=[world.school.code]),
        {
            "kind": "seminar",
            "title": "Tọa đàm",
            "unit": world.leadership_unit.pk,
            "day": "07/12/2026",
            "start_time": "14:00",
            "end_time": "16:30",
            "audience": "community",
        },
    )
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Activity.objects.filter(title="Tọa đàm").exists()


def test_a_stale_edit_form_shows_the_conflict_and_saves_nothing(world, session, client_for):
    c = client_for(world.users["comms"])
    url = reverse("activities:activity-edit", args=[session.pk])
    data = {k: v for k, v in c.get(url).context["form"].initial.items() if v is not None}
    data.update(
        day=data["day"].strftime("%d/%m/%Y"),
        start_time="08:00",
        end_time="10:00",
        task=session.task_id,
        unit=session.unit_id,
        roster_units=[],
    )
    services.activity_update(activity=session, expected_version=1, actor=None, place="Thư viện")
    response = c.post(url, {**data, "place": "Sân trường"})
    assert response.status_code == 200
    assert "vừa được người khác sửa" in response.content.decode()
    assert Activity.objects.get(pk=session.pk).place == "Thư viện"


def test_evidence_uploads_are_checked_and_served_only_through_the_view(world, session, client_for, settings):
    c = client_for(world.users["comms"])
    url = reverse("activities:evidence-add", args=[session.pk])
    renamed = c.post(url, {"file": SimpleUploadedFile("anh.jpg", tiny_pdf())})
    assert "đổi đuôi" in renamed.content.decode() and not Evidence.objects.exists()
    settings.UPLOAD_MAX_BYTES = 1024
    big = c.post(url, {"file": SimpleUploadedFile("anh.png", tiny_png() + b"\0" * 4096)})
    assert "quá lớn" in big.content.decode() and not Evidence.objects.exists()
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    ok = c.post(url, {"file": SimpleUploadedFile("anh-hoi-truong.png", tiny_png()), "caption": "Toàn cảnh"})
    assert ok.status_code == 302
    evidence = Evidence.objects.get()
    served = c.get(reverse("activities:evidence-file", args=[evidence.pk]))
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == tiny_png()
    link = c.post(url, {"url": "https://lqd.edu.vn/tin-tuc/quan-triet-nq71"})
    assert link.status_code == 302 and Evidence.objects.filter(url__contains="nq71").exists()
    assert (
        settings.MEDIA_URL
        not in c.get(reverse("activities:activity-detail", args=[session.pk])).content.decode()
    )


def test_the_tick_list_is_one_form_and_saves_in_one_post(world, session, staff, client_for):
    c = client_for(world.users["principal"])
    url = reverse("activities:attendance-tick", args=[session.pk])
    page = c.get(url).content.decode()
    assert page.count('name="co_mat"') == 3 and page.count("<form") == 2  # tick list + logout button
    response = c.post(
        url,
        {"co_mat": [staff["teacher"].pk, staff["principal"].pk], "co_phep": [staff["clerk"].pk]},
        follow=True,
    )
    assert "Đã lưu điểm danh: 2 có mặt, 0 vắng, 1 vắng có phép" in response.content.decode()
    assert dict(Attendance.objects.filter(activity=session).values_list("person__code", "status")) == {
        "GV001": "present",
        "GV002": "present",
        "NV001": "excused",
    }


def test_the_qr_round_trip_over_http(world, session, staff, client_for, settings):
    organiser = client_for(world.users["principal"])
    projector = organiser.get(reverse("activities:attendance-qr", args=[session.pk])).content.decode()
    assert "<svg" in projector
    link = re.search(r'id="check-in-link" class="qr-link">([^<]+)<', projector).group(1)
    path = link.replace("http://testserver", "")

    teacher = client_for(world.users["teacher"])
    confirm = teacher.get(path)
    assert confirm.status_code == 200 and "Xác nhận có mặt" in confirm.content.decode()
    first = teacher.post(path).content.decode()
    assert "Đã điểm danh lúc" in first
    again = teacher.post(path).content.decode()
    assert "lần quét này không được tính thêm" in again
    assert "Bạn đã điểm danh lúc" in teacher.get(path).content.decode()
    assert Attendance.objects.filter(activity=session, person=staff["teacher"], method="qr").count() == 1

    clerk_user = world.users["comms"]
    staff["clerk"].user = clerk_user
    staff["clerk"].save()
    settings.ATTENDANCE_QR_MAX_AGE = -1
    expired = client_for(clerk_user).post(path)
    assert expired.status_code == 400 and "Mã QR đã hết hạn" in expired.content.decode()
    assert not Attendance.objects.filter(person=staff["clerk"]).exists()


def test_a_scan_by_someone_not_on_the_roster_is_refused_over_http(world, staff, client_for):
    activity = make_activity(
        world, kind="department_meeting", unit=world.office_unit, roster_units=[world.office_unit]
    )
    token = services.checkin_token_issue(activity=activity)
    response = client_for(world.users["teacher"]).post(reverse("activities:check-in", args=[token]))
    assert response.status_code == 400
    assert "Nguyễn Thị Hoa không có trong danh sách tham dự" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_garbled_token_gets_a_clear_message(world, staff, client_for):
    response = client_for(world.users["teacher"]).get(reverse("activities:check-in", args=["abc:def"]))
    assert response.status_code == 400 and "Mã QR không hợp lệ" in response.content.decode()


def test_catch_up_is_recorded_with_evidence_from_the_page(world, session, staff, client_for):
    services.attendance_tick(activity=session, actor=None, present_ids=[staff["principal"].pk])
    services.activity_mark_done(activity=session, expected_version=session.version, actor=None)
    c = client_for(world.users["comms"])
    url = reverse("activities:catch-up", args=[session.pk, staff["teacher"].pk])
    missing = c.post(url, {"caught_up_on": timezone.localdate().strftime("%d/%m/%Y")})
    assert "cần minh chứng" in missing.content.decode()
    response = c.post(
        url,
        {
            "caught_up_on": timezone.localdate().strftime("%d/%m/%Y"),
            "note": "Xem lại video",
            "file": SimpleUploadedFile("thu-hoach.pdf", tiny_pdf()),
        },
    )
    assert response.status_code == 302
    row = Attendance.objects.get(activity=session, person=staff["teacher"])
    assert row.status == "caught_up" and row.evidence.get().original_name == "thu-hoach.pdf"
    own = client_for(world.users["teacher"]).get(reverse("activities:activity-detail", args=[session.pk]))
    assert "Đã học bù" in own.content.decode()


def test_a_parents_meeting_is_marked_done_with_a_count_typed_in(world, staff, client_for):
    activity = make_activity(world, kind="parent_meeting", audience="parents", unit=world.leadership_unit)
    url = reverse("activities:activity-transition", args=[activity.pk, "thuc-hien"])
    client_for(world.users["comms"]).post(url, {"version": activity.version, "actual_participants": "512"})
    activity.refresh_from_db()
    assert (activity.status, activity.actual_participants) == ("done", 512)


def test_the_calendar_shows_the_requested_month_with_vietnamese_weekdays(world, staff, client_for):
    december = make_activity(
        world, days_ago=0, title="Họp phụ huynh học kỳ I", kind="parent_meeting", audience="parents"
    )
    Activity.objects.filter(pk=december.pk).update(
        starts_at=timezone.make_aware(dt.datetime(2026, 12, 19, 7, 30)),
        ends_at=timezone.make_aware(dt.datetime(2026, 12, 19, 10, 0)),
    )
    math = make_activity(world, title="Sinh hoạt tổ Toán", kind="department_meeting", unit=world.math_unit)
    Activity.objects.filter(pk=math.pk).update(
        starts_at=timezone.make_aware(dt.datetime(2026, 12, 8, 14, 0)),
        ends_at=timezone.make_aware(dt.datetime(2026, 12, 8, 16, 0)),
    )
    Activity.objects.create(
        school=world.other_school,
        unit=world.other_unit,
        kind="seminar",
        title="Của trường khác",
        starts_at=timezone.make_aware(dt.datetime(2026, 12, 9, 8, 0)),
        ends_at=timezone.make_aware(dt.datetime(2026, 12, 9, 9, 0)),
    )
    c = client_for(world.users["teacher"])
    url = reverse("activities:calendar", args=[world.school.code])
    response = c.get(url, {"thang": "2026-12"})
    page = response.content.decode()
    assert "Tháng 12 năm 2026" in page and "Thứ Hai" in page and "Chủ nhật" in page
    assert "Thứ Bảy, 19/12/2026" in page and "Họp phụ huynh học kỳ I" in page
    assert "Của trường khác" not in page
    weeks = response.context["month"].weeks
    assert weeks[0][0].date == dt.date(2026, 11, 30) and weeks[-1][-1].date == dt.date(2027, 1, 3)
    filtered = c.get(url, {"thang": "2026-12", "don_vi": world.math_unit.code}).content.decode()
    assert "Sinh hoạt tổ Toán" in filtered and "Họp phụ huynh học kỳ I" not in filtered
    assert "Tháng 11 năm 2026" in c.get(url, {"thang": "2026-11"}).content.decode()
    assert c.get(url, {"thang": "2026-13"}).status_code == 404


def test_the_icalendar_feed_reads_back_with_utc_times_and_only_visible_schools(world, session, client_for):
    Activity.objects.create(
        school=world.other_school,
        unit=world.other_unit,
        kind="seminar",
        title="Trường khác",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
    )
    c = client_for(world.users["teacher"])
    c.post(
        reverse("activities:calendar-token"),
        {"next": reverse("activities:calendar", args=[world.school.code])},
    )
    page = c.get(reverse("activities:calendar", args=[world.school.code])).content.decode()
    feed_url = re.search(r'id="feed-url">([^<]+)<', page).group(1).replace("http://testserver", "")
    response = client_for(None).get(feed_url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode("utf-8")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Quán triệt Nghị quyết 71-NQ/TW"
    assert str(event["UID"]) == f"hoat-dong-{session.pk}@testserver"
    assert event.decoded("DTSTART") == session.starts_at
    assert event.decoded("DTEND") == session.ends_at
    assert str(event["LOCATION"]) == "Hội trường A" and str(event["STATUS"]) == "TENTATIVE"
    assert "DTSTAMP" in event
    assert "Đơn vị tổ chức: Ban giám hiệu" in str(event["DESCRIPTION"])

    old = feed_url
    c.post(reverse("activities:calendar-token"))
    assert client_for(None).get(old).status_code == 404
