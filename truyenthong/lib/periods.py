"""Reporting periods of a Vietnamese school: school years, semesters, calendar years and plan phases (pure, no Django).

Keys are stable strings used in URLs and stored values:
- school year  "2026-2027"      01/09/2026 – 31/08/2027 (the whole year counts, so summer results fall inside it)
- semester     "2026-2027-HK1"  01/09/2026 – 15/01/2027;  "2026-2027-HK2"  16/01/2027 – 31/05/2027
- calendar     "2026"           01/01/2026 – 31/12/2026
- phase        "2026-2030"      01/01/2026 – 31/12/2030 (a span of more than one year; the plan's giai đoạn)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

SCHOOL_YEAR = "school_year"
SEMESTER = "semester"
CALENDAR_YEAR = "calendar_year"
PHASE = "phase"

KINDS = (SCHOOL_YEAR, SEMESTER, CALENDAR_YEAR, PHASE)
KIND_LABELS = {
    SCHOOL_YEAR: "Năm học",
    SEMESTER: "Học kỳ",
    CALENDAR_YEAR: "Năm",
    PHASE: "Giai đoạn",
}

# Học kỳ I ends in mid January; the day is a school choice, 15/01 is the common one.
SEMESTER_SPLIT = (1, 15)
SEMESTER_2_END = (5, 31)

_SEMESTER_RE = re.compile(r"^(\d{4})-(\d{4})-HK([12])$")
_SPAN_RE = re.compile(r"^(\d{4})-(\d{4})$")
_YEAR_RE = re.compile(r"^(\d{4})$")


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    kind: str
    key: str
    label: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        """True when [start, end] (open-ended when None) meets this period."""
        return (start is None or start <= self.end) and (end is None or end >= self.start)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def school_year(start_year: int) -> Period:
    return Period(
        start=dt.date(start_year, 9, 1),
        end=dt.date(start_year + 1, 8, 31),
        kind=SCHOOL_YEAR,
        key=f"{start_year}-{start_year + 1}",
        label=f"Năm học {start_year}-{start_year + 1}",
    )


def semester(start_year: int, number: int) -> Period:
    if number not in (1, 2):
        raise ValueError("Học kỳ chỉ có thể là 1 hoặc 2.")
    split = dt.date(start_year + 1, *SEMESTER_SPLIT)
    if number == 1:
        start, end = dt.date(start_year, 9, 1), split
    else:
        start, end = split + dt.timedelta(days=1), dt.date(start_year + 1, *SEMESTER_2_END)
    roman = "I" if number == 1 else "II"
    return Period(
        start=start,
        end=end,
        kind=SEMESTER,
        key=f"{start_year}-{start_year + 1}-HK{number}",
        label=f"Học kỳ {roman} năm học {start_year}-{start_year + 1}",
    )


def calendar_year(year: int) -> Period:
    return Period(
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        kind=CALENDAR_YEAR,
        key=str(year),
        label=f"Năm {year}",
    )


def phase(start_year: int, end_year: int) -> Period:
    if end_year < start_year:
        raise ValueError("Năm kết thúc giai đoạn phải sau năm bắt đầu.")
    return Period(
        start=dt.date(start_year, 1, 1),
        end=dt.date(end_year, 12, 31),
        kind=PHASE,
        key=f"{start_year}-{end_year}",
        label=f"Giai đoạn {start_year}-{end_year}",
    )


def period_from_key(key: str, kind: str | None = None) -> Period:
    """Parse a period key; "2026-2027" is a school year unless `kind` says phase (spans > 1 year are phases)."""
    key = (key or "").strip()
    if m := _SEMESTER_RE.match(key):
        start, end, number = int(m[1]), int(m[2]), int(m[3])
        if end != start + 1:
            raise ValueError(f"Mã học kỳ không hợp lệ: {key}")
        return semester(start, number)
    if m := _SPAN_RE.match(key):
        start, end = int(m[1]), int(m[2])
        if kind == PHASE or (kind is None and end != start + 1):
            return phase(start, end)
        if end != start + 1:
            raise ValueError(f"Mã năm học không hợp lệ: {key}")
        return school_year(start)
    if m := _YEAR_RE.match(key):
        return calendar_year(int(m[1]))
    raise ValueError(f"Không nhận ra kỳ báo cáo: {key!r}")


def school_year_of(day: dt.date) -> Period:
    return school_year(day.year if day.month >= 9 else day.year - 1)


def current_school_year(today: dt.date) -> Period:
    return school_year_of(today)


def semester_of(day: dt.date) -> Period | None:
    """The semester containing `day`, or None in the summer break."""
    year = school_year_of(day)
    start_year = year.start.year
    for number in (1, 2):
        candidate = semester(start_year, number)
        if candidate.contains(day):
            return candidate
    return None


def period_of(kind: str, day: dt.date, *, phase_span: tuple[int, int] | None = None) -> Period | None:
    """The period of `kind` that contains `day` (a phase needs its span)."""
    if kind == SCHOOL_YEAR:
        return school_year_of(day)
    if kind == SEMESTER:
        return semester_of(day)
    if kind == CALENDAR_YEAR:
        return calendar_year(day.year)
    if kind == PHASE:
        if phase_span is None:
            raise ValueError("Cần biết giai đoạn để xác định kỳ.")
        candidate = phase(*phase_span)
        return candidate if candidate.contains(day) else None
    raise ValueError(f"Loại kỳ không hợp lệ: {kind}")


def periods_of_kind(kind: str, start_year: int, end_year: int) -> list[Period]:
    """Every period of `kind` from the one starting in `start_year` to the one starting in `end_year`, in order.

    For a phase there is exactly one: start_year–end_year.
    """
    if kind == SCHOOL_YEAR:
        return [school_year(y) for y in range(start_year, end_year + 1)]
    if kind == SEMESTER:
        return [semester(y, n) for y in range(start_year, end_year + 1) for n in (1, 2)]
    if kind == CALENDAR_YEAR:
        return [calendar_year(y) for y in range(start_year, end_year + 1)]
    if kind == PHASE:
        return [phase(start_year, end_year)]
    raise ValueError(f"Loại kỳ không hợp lệ: {kind}")


def previous(period: Period) -> Period | None:
    """The period of the same kind just before `period` (None for a phase: phases are not compared in a chain)."""
    if period.kind == SCHOOL_YEAR:
        return school_year(period.start.year - 1)
    if period.kind == SEMESTER:
        return _previous_semester(period)
    if period.kind == CALENDAR_YEAR:
        return calendar_year(period.start.year - 1)
    return None


def _previous_semester(period: Period) -> Period:
    start_year = int(period.key[:4])
    if period.key.endswith("HK2"):
        return semester(start_year, 1)
    return semester(start_year - 1, 2)


def within(outer: Period, kind: str) -> list[Period]:
    """The periods of `kind` that lie inside `outer` (e.g. the school years of a phase), in order."""
    first, last = outer.start.year - 1, outer.end.year
    return [p for p in periods_of_kind(kind, first, last) if p.start >= outer.start and p.end <= outer.end]


def up_to(kind: str, first: Period, last: Period) -> list[Period]:
    """Periods of `kind` from `first` to `last` inclusive (for a trend line)."""
    out = []
    current: Period | None = last
    while current is not None and current.start >= first.start:
        out.append(current)
        current = previous(current)
    return list(reversed(out))
