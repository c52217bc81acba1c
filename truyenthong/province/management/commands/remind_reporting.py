"""`truyenthong remind-reporting --department CODE [--period KEY] [--dry-run]`: email the leadership of every school
whose report for the period is overdue. The scheduler does this once a day for every Sở (`province.remind`)."""

from django.core.management.base import BaseCommand, CommandError

from truyenthong.org.models import Organisation
from truyenthong.province.reminders import reporting_remind


class Command(BaseCommand):
    help = "Gửi thư nhắc lãnh đạo các trường quá hạn nộp báo cáo kỳ (mặc định: năm học vừa qua)."

    def add_arguments(self, parser):
        parser.add_argument("--department", required=True, help="mã Sở")
        parser.add_argument("--period", help="kỳ báo cáo, ví dụ 2025-2026")
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không gửi thư")

    def handle(self, *args, department, period, dry_run, **options):
        org = Organisation.objects.filter(code=department, kind=Organisation.Kind.DEPARTMENT).first()
        if org is None:
            raise CommandError(f"Không có Sở mã «{department}».")
        reminders = reporting_remind(department=org, period_key=period, dry_run=dry_run)
        for r in reminders:
            self.stdout.write(
                f"{r.school.name}: quá hạn từ {r.due:%d/%m/%Y} — {', '.join(r.emails) or 'chưa có email'}"
            )
        self.stdout.write(
            f"Đã gửi {sum(r.sent for r in reminders)} thư nhắc; {len(reminders)} trường quá hạn."
        )
