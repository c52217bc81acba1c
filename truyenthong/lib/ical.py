"""A small iCalendar (RFC 5545) writer and reader for activity feeds: escaped text, UTC times, lines folded at 75 octets.

Written by hand because a feed of events needs four property types; the reader exists so that tests (and imports)
can read back exactly what was written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CRLF = "\r\n"
MAX_OCTETS = 75


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


@dataclass
class ParsedEvent:
    properties: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> str:
        return self.properties[name]

    def get(self, name: str, default: str = "") -> str:
        return self.properties.get(name, default)


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def unescape_text(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def format_utc(moment: dt.datetime) -> str:
    """DATE-TIME in UTC form, e.g. 20261129T013000Z. Naive datetimes are refused: a feed must not guess zones."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("format_utc needs an aware datetime")
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_utc(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)


def fold_line(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces, current, size = [], [], 0
    limit = MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
            limit = MAX_OCTETS - 1  # continuation lines start with one space
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def _prop(name: str, value: str) -> str:
    return fold_line(f"{name}:{value}")


def build_calendar(events: list[Event], *, name: str, prodid: str, stamp: dt.datetime) -> str:
    """The whole VCALENDAR as text with CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        _prop("PRODID", prodid),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        _prop("X-WR-CALNAME", escape_text(name)),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            _prop("UID", event.uid),
            _prop("DTSTAMP", format_utc(stamp)),
            _prop("DTSTART", format_utc(event.start)),
            _prop("DTEND", format_utc(event.end)),
            _prop("SUMMARY", escape_text(event.summary)),
        ]
        if event.description:
            lines.append(_prop("DESCRIPTION", escape_text(event.description)))
        if event.location:
            lines.append(_prop("LOCATION", escape_text(event.location)))
        if event.url:
            lines.append(_prop("URL", event.url))
        if event.categories:
            lines.append(_prop("CATEGORIES", ",".join(escape_text(c) for c in event.categories)))
        if event.last_modified:
            lines.append(_prop("LAST-MODIFIED", format_utc(event.last_modified)))
        lines += [_prop("STATUS", event.status), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return CRLF.join(lines) + CRLF


def unfold(text: str) -> list[str]:
    """Content lines with folding undone (a CRLF followed by a space or tab continues the previous line)."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def parse_calendar(text: str) -> tuple[dict[str, str], list[ParsedEvent]]:
    """(calendar properties, events) with TEXT values unescaped; parameters (";X=Y") are dropped from names."""
    calendar: dict[str, str] = {}
    events: list[ParsedEvent] = []
    current: ParsedEvent | None = None
    for line in unfold(text):
        name, _, value = line.partition(":")
        name = name.split(";", 1)[0].upper()
        if name == "BEGIN" and value == "VEVENT":
            current = ParsedEvent()
        elif name == "END" and value == "VEVENT":
            if current is not None:
                events.append(current)
            current = None
        elif name in ("BEGIN", "END"):
            continue
        elif current is not None:
            current.properties[name] = unescape_text(value)
        else:
            calendar[name] = unescape_text(value)
    return calendar, events
