"""The iCalendar feed writer (on the `icalendar` library): what it writes reads back with icalendar, Vietnamese
text survives escaping and folding, times are UTC and naive times are refused."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from truyenthong.lib import ical

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _one_event(**overrides):
    start = dt.datetime(2026, 12, 7, 14, 0, tzinfo=HCM)
    fields = {
        "uid": "hoat-dong-1@example",
        "start": start,
        "end": start + dt.timedelta(hours=2),
        "summary": "Sinh hoạt tổ chuyên môn: lồng ghép Nghị quyết, chuyển đổi số",
        "description": "Tổ Toán\nPhụ trách: Nguyễn Thị Hoa",
        "location": "Phòng 204; nhà B",
        "status": "TENTATIVE",
    }
    return ical.Event(**{**fields, **overrides})


def test_a_calendar_reads_back_with_icalendar_to_the_same_events():
    event = _one_event()
    text = ical.build_calendar([event], name="Hoạt động", prodid="-//t//x//VI", stamp=event.start)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["X-WR-CALNAME"]) == "Hoạt động"
    (parsed,) = calendar.walk("VEVENT")
    assert str(parsed["UID"]) == "hoat-dong-1@example"
    assert str(parsed["SUMMARY"]) == event.summary
    assert str(parsed["DESCRIPTION"]) == "Tổ Toán\nPhụ trách: Nguyễn Thị Hoa"
    assert str(parsed["LOCATION"]) == "Phòng 204; nhà B"
    assert parsed.decoded("DTSTART") == event.start
    assert parsed.decoded("DTSTART").utcoffset() == dt.timedelta(0)  # written in UTC
    assert "DTEND:20261207T090000Z" in text
    assert str(parsed["STATUS"]) == "TENTATIVE"


def test_long_vietnamese_lines_are_folded_at_75_octets_without_splitting_a_character():
    summary = "Quán triệt, học tập Nghị quyết số 71-NQ/TW của Bộ Chính trị " * 4
    event = _one_event(summary=summary)
    text = ical.build_calendar([event], name="Hoạt động", prodid="-//t//x//VI", stamp=event.start)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    (parsed,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(parsed["SUMMARY"]) == summary


def test_naive_times_are_refused():
    event = _one_event(start=dt.datetime(2026, 11, 30, 7, 30))
    with pytest.raises(ValueError):
        ical.build_calendar([event], name="Hoạt động", prodid="-//t//x//VI", stamp=dt.datetime.now(dt.UTC))
