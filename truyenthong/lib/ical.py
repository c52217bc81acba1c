"""iCalendar (RFC 5545) feeds of events, written with the `icalendar` library (escaping, folding at 75 octets,
UTC times); our code only maps an activity or a content slot to an `Event`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar


@dataclass(frozen=True)
class Event:
    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "CONFIRMED"  # TENTATIVE, CONFIRMED or CANCELLED
    categories: tuple[str, ...] = ()
    last_modified: dt.datetime | None = None


def _utc(moment: dt.datetime) -> dt.datetime:
    """Times go out in UTC; a naive time is refused, since a feed must not guess zones."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("iCalendar times must be aware datetimes")
    return moment.astimezone(dt.UTC)


def build_calendar(events: list[Event], *, name: str, prodid: str, stamp: dt.datetime) -> str:
    """The whole VCALENDAR as text with CRLF line ends."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for event in events:
        item = icalendar.Event()
        item.add("uid", event.uid)
        item.add("dtstamp", _utc(stamp))
        item.add("dtstart", _utc(event.start))
        item.add("dtend", _utc(event.end))
        item.add("summary", event.summary)
        if event.description:
            item.add("description", event.description)
        if event.location:
            item.add("location", event.location)
        if event.url:
            item.add("url", event.url)
        if event.categories:
            item.add("categories", list(event.categories))
        if event.last_modified:
            item.add("last-modified", _utc(event.last_modified))
        item.add("status", event.status)
        calendar.add_component(item)
    return calendar.to_ical().decode("utf-8")
