"""The content calendar: a month across channels, gaps highlighted, exported as iCalendar and .xlsx and read back."""

import datetime as dt
from io import BytesIO

import icalendar
import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.access import assert_refused, assert_to_login
from truyenthong.content import selectors, services
from truyenthong.content.models import Channel, ContentItem, Publication


@pytest.fixture
def october(world, make_item):
    tz = timezone.get_current_timezone()
    item = make_item(title="Quán triệt Nghị quyết 71 tới học sinh", unit=world.youth_unit)
    other = make_item(title="Tổ Toán ứng dụng AI trong dạy học", unit=world.math_unit)
    ContentItem.objects.filter(pk=item.pk).update(published_at=dt.datetime(2026, 10, 6, 8, 0, tzinfo=tz))
    ContentItem.objects.filter(pk=other.pk).update(published_at=dt.datetime(2026, 10, 21, 8, 0, tzinfo=tz))
    Publication.objects.filter(item=item, channel__kind="portal").update(date=dt.date(2026, 10, 6))
    Publication.objects.filter(item=other, channel__kind="portal").update(date=dt.date(2026, 10, 21))
    board = services.channel_create(
        school=world.school,
        actor=world.users["comms"],
        kind=Channel.Kind.BULLETIN,
        name="Bảng tin nhà trường",
        default_audience="students",
    )
    services.publication_create(
        item=item, actor=world.users["comms"], channel=board, date=dt.date(2026, 10, 13)
    )
    services.publication_create(
        item=other,
        actor=world.users["comms"],
        channel=board,
        date=dt.date(2026, 10, 28),
        status=Publication.Status.PLANNED,
    )
    return item, other


def test_the_month_view_shows_every_channel_and_highlights_weeks_without_a_section_post(world, october):
    weeks = selectors.calendar_month(school=world.school, year=2026, month=10, today=dt.date(2026, 11, 15))
    assert [w.days[0] for w in weeks] == [
        dt.date(2026, 9, 28),
        dt.date(2026, 10, 5),
        dt.date(2026, 10, 12),
        dt.date(2026, 10, 19),
        dt.date(2026, 10, 26),
    ]
    assert [w.is_gap for w in weeks] == [True, False, True, False, True]
    kinds = {(e.day, e.kind) for w in weeks for entries in w.entries.values() for e in entries}
    assert (dt.date(2026, 10, 13), "published") in kinds and (dt.date(2026, 10, 28), "planned") in kinds


def test_the_month_view_filters_by_unit_and_never_calls_future_weeks_gaps(world, october):
    weeks = selectors.calendar_month(
        school=world.school, year=2026, month=10, unit_id=world.math_unit.pk, today=dt.date(2026, 10, 20)
    )
    titles = {e.label for w in weeks for entries in w.entries.values() for e in entries}
    assert titles == {"Tổ Toán ứng dụng AI trong dạy học"}
    assert weeks[-1].is_future and not weeks[-1].is_gap


def test_the_calendar_page_and_its_exports_read_back(world, october, client_for):
    client = client_for(world.users["comms"])
    page = client.get(f"/truong/{world.school.code}/lich-noi-dung/", {"thang": "2026-10"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lịch nội dung tháng 10/2026" in html and 'class="gap"' in html

    ics = client.get(f"/truong/{world.school.code}/lich-noi-dung/lich.ics", {"thang": "2026-10"})
    assert ics["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(ics.content.decode())
    assert str(calendar["VERSION"]) == "2.0"
    events = calendar.walk("VEVENT")
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert "Quán triệt Nghị quyết 71 tới học sinh — Bảng tin nhà trường" in summaries
    assert len(events) == 4
    assert {str(e["STATUS"]) for e in events} == {"CONFIRMED", "TENTATIVE"}

    xlsx = client.get(f"/truong/{world.school.code}/lich-noi-dung/lich.xlsx", {"thang": "2026-10"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0].startswith("LỊCH NỘI DUNG TRUYỀN THÔNG THÁNG 10/2026")
    assert rows[2] == ["Tuần", "Ngày", "Nội dung", "Kênh", "Tình trạng", "Đơn vị"]
    assert any(r[1] == "06/10/2026" and r[2] == "Quán triệt Nghị quyết 71 tới học sinh" for r in rows)
    assert sum(1 for r in rows if r[2] == "Chưa có bài đăng trên chuyên mục") >= 1
    assert any(r[4] == "Dự kiến" and r[5] == "Tổ Toán" for r in rows)


def test_the_calendar_is_denied_to_an_outsider_and_anonymous(world, client_for):
    assert_refused(client_for(world.users["outsider"]).get(f"/truong/{world.school.code}/lich-noi-dung/"))
    assert_to_login(client_for(None).get(f"/truong/{world.school.code}/lich-noi-dung/"))
