"""Reminders to schools whose report for a period is overdue: one email to the school's leadership per run.

Used by `truyenthong remind-reporting` (one Sở, by hand) and by the scheduler (every Sở, once a day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.mail import send_mail
from django.utils import timezone

from truyenthong.core.models import Role, RoleAssignment
from truyenthong.lib.vntext import in_sentence
from truyenthong.org.models import Organisation
from truyenthong.province.selectors import timeliness


@dataclass
class Reminder:
    school: Organisation
    due: dt.date
    emails: list[str]
    sent: bool


def default_period(today: dt.date) -> str:
    """The school year that has just ended (reports fall due after its end)."""
    return f"{today.year - 1}-{today.year}" if today.month >= 9 else f"{today.year - 2}-{today.year - 1}"


def reporting_remind(
    *,
    department: Organisation,
    period_key: str | None = None,
    today: dt.date | None = None,
    dry_run: bool = False,
) -> list[Reminder]:
    """Email the leadership of every school of `department` whose report for the period is overdue."""
    today = today or timezone.localdate()
    data = timeliness(department=department, period_key=period_key or default_period(today), today=today)
    reminders = []
    for line in data["overdue"]:
        emails = sorted(
            {
                a.user.email
                for a in RoleAssignment.objects.filter(
                    role=Role.LEADERSHIP, organisation=line.school, user__is_active=True
                ).select_related("user")
                if a.user.email
            }
        )
        send = bool(emails) and not dry_run
        if send:
            send_mail(
                subject=f"[{department.short_name or department.name}] Nhắc nộp báo cáo {in_sentence(data['period'].label)}",
                message=(
                    f"Kính gửi lãnh đạo {line.school.name},\n\n"
                    f"Báo cáo kết quả thực hiện kế hoạch truyền thông {in_sentence(data['period'].label)} của nhà trường "
                    f"đã quá hạn nộp ({line.due:%d/%m/%Y}). Đề nghị nhà trường hoàn thành và gửi báo cáo trên hệ thống.\n\n"
                    f"{department.name}"
                ),
                from_email=None,
                recipient_list=emails,
            )
        reminders.append(Reminder(school=line.school, due=line.due, emails=emails, sent=send))
    return reminders


def remind_every_department() -> str:
    """Scheduled once a day: every active Sở reminds its overdue schools."""
    sent = overdue = 0
    for department in Organisation.objects.filter(kind=Organisation.Kind.DEPARTMENT, is_active=True):
        reminders = reporting_remind(department=department)
        overdue += len(reminders)
        sent += sum(r.sent for r in reminders)
    return f"Đã gửi {sent} thư nhắc; {overdue} trường quá hạn nộp báo cáo."
