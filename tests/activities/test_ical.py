"""The hand-written iCalendar helper: escaping, folding at 75 octets, UTC times, and reading back what it wrote."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from truyenthong.lib import ical

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_text_is_escaped_and_unescaped_symmetrically():
    text = "Họp; phụ huynh, khối 10\\12\nPhòng A"
    escaped = ical.escape_text(text)
    assert escaped == "Họp\\; phụ huynh\\, khối 10\\\\12\\nPhòng A"
    assert ical.unescape_text(escaped) == text


def test_long_vietnamese_lines_are_folded_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "Quán triệt, học tập Nghị quyết số 71-NQ/TW của Bộ Chính trị " * 4
    folded = ical.fold_line(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    for part in parts:
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")
    assert all(p.startswith(" ") for p in parts[1:])
    assert ical.unfold(folded) == [line]


def test_times_are_written_in_utc_and_naive_times_are_refused():
    local = dt.datetime(2026, 11, 30, 7, 30, tzinfo=HCM)
    assert ical.format_utc(local) == "20261130T003000Z"
    assert ical.parse_utc("20261130T003000Z") == local
    with pytest.raises(ValueError):
        ical.format_utc(dt.datetime(2026, 11, 30, 7, 30))


def test_a_calendar_reads_back_to_the_same_events():
    start = dt.datetime(2026, 12, 7, 14, 0, tzinfo=HCM)
    events = [
        ical.Event(
            uid="hoat-dong-1@example",
            start=start,
            end=start + dt.timedelta(hours=2),
            summary="Sinh hoạt tổ chuyên môn: lồng ghép Nghị quyết, chuyển đổi số",
            description="Tổ Toán\nPhụ trách: Nguyễn Thị Hoa",
            location="Phòng 204; nhà B",
            status="TENTATIVE",
        )
    ]
    text = ical.build_calendar(events, name="Hoạt động", prodid="-//t//x//VI", stamp=start)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    calendar, parsed = ical.parse_calendar(text)
    assert calendar["VERSION"] == "2.0"
    (event,) = parsed
    assert event["UID"] == "hoat-dong-1@example"
    assert event["SUMMARY"] == events[0].summary
    assert event["DESCRIPTION"] == "Tổ Toán\nPhụ trách: Nguyễn Thị Hoa"
    assert event["LOCATION"] == "Phòng 204; nhà B"
    assert ical.parse_utc(event["DTSTART"]) == start
    assert event["DTEND"] == "20261207T090000Z"
    assert event["STATUS"] == "TENTATIVE"
