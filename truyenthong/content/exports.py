"""The content calendar as iCalendar and as an .xlsx workbook."""

from __future__ import annotations

import datetime as dt
import zlib
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from truyenthong.lib.ical import Event, build_calendar
from truyenthong.lib.spreadsheet import safe_cell, safe_row

KIND_LABELS = {"published": "Đã đăng", "planned": "Dự kiến", "scheduled": "Hẹn giờ đăng"}


def _entries(weeks):
    seen = set()
    for week in weeks:
        for day in week.days:
            for entry in week.entries.get(day, []):
                key = (entry.item.pk, entry.channel, entry.day)
                if key not in seen:
                    seen.add(key)
                    yield week, entry


def calendar_ics(*, school, weeks, links: dict) -> bytes:
    tz = timezone.get_current_timezone()
    events = []
    for _week, e in _entries(weeks):
        if e.is_section and e.item.published_at:
            start = e.item.published_at
        else:
            start = dt.datetime.combine(e.day, dt.time(7, 0), tzinfo=tz)
        events.append(
            Event(
                uid=f"content-{e.item.pk}-{e.day:%Y%m%d}-{zlib.crc32(e.channel.encode())}@truyenthong",
                start=start,
                end=start + dt.timedelta(minutes=30),
                summary=f"{e.item.title} — {e.channel}",
                description=f"{KIND_LABELS.get(e.kind, e.kind)} trên kênh {e.channel}.",
                url=links.get(e.item.pk, ""),
                status="CONFIRMED" if e.kind == "published" else "TENTATIVE",
                categories=(KIND_LABELS.get(e.kind, e.kind),),
            )
        )
    text = build_calendar(
        events,
        name=f"Lịch nội dung — {school.name}",
        prodid="-//truyenthong//noi-dung//VI",
        stamp=timezone.now(),
    )
    return text.encode("utf-8")


def calendar_xlsx(*, school, weeks, year: int, month: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Tháng {month:02d}-{year}"
    # Every text cell goes through safe_cell: a title or unit name starting with = + - @ stays text, never a formula.
    ws.append([safe_cell(f"LỊCH NỘI DUNG TRUYỀN THÔNG THÁNG {month:02d}/{year} — {school.name.upper()}")])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    header = ["Tuần", "Ngày", "Nội dung", "Kênh", "Tình trạng", "Đơn vị"]
    ws.append(header)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    gap_fill = PatternFill("solid", fgColor="FBE7E7")
    for number, week in enumerate(weeks, start=1):
        label = f"Tuần {number} ({week.days[0]:%d/%m}–{week.days[-1]:%d/%m})"
        rows = [(d, e) for d in week.days for e in week.entries.get(d, [])]
        if not rows:
            ws.append([label, "", "Chưa có bài đăng trên chuyên mục" if week.is_gap else "", "", "", ""])
            if week.is_gap:
                for cell in ws[ws.max_row]:
                    cell.fill = gap_fill
            continue
        for day, e in rows:
            ws.append(
                safe_row(
                    [
                        label,
                        day.strftime("%d/%m/%Y"),
                        e.item.title,
                        e.channel,
                        KIND_LABELS.get(e.kind, e.kind),
                        e.item.unit.name if e.item.unit_id else "Nhà trường",
                    ]
                )
            )
        if week.is_gap:
            ws.append([label, "", "Chưa có bài đăng trên chuyên mục", "", "", ""])
            for cell in ws[ws.max_row]:
                cell.fill = gap_fill
    for col, width in zip("ABCDEF", (26, 12, 60, 34, 14, 24), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=4):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
