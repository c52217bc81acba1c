"""`truyenthong remind-reporting --department CODE [--period KEY] [--dry-run]`: email the leadership of every school
whose report for the period is overdue (run it daily from the scheduler; a school is reminded once a day at most
because the command is meant to run once a day)."""

from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from truyenthong.core.models import Role, RoleAssignment
from truyenthong.org.models import Organisation
from truyenthong.province.selectors import timeliness


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
        today = timezone.localdate()
        if not period:
            period = (
                f"{today.year - 1}-{today.year}" if today.month >= 9 else f"{today.year - 2}-{today.year - 1}"
            )
        data = timeliness(department=org, period_key=period, today=today)
        sent = 0
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
            self.stdout.write(
                f"{line.school.name}: quá hạn từ {line.due:%d/%m/%Y} — {', '.join(emails) or 'chưa có email'}"
            )
            if dry_run or not emails:
                continue
            send_mail(
                subject=f"[{org.short_name or org.name}] Nhắc nộp báo cáo {data['period'].label.lower()}",
                message=(
                    f"Kính gửi lãnh đạo {line.school.name},\n\n"
                    f"Báo cáo kết quả thực hiện kế hoạch truyền thông {data['period'].label.lower()} của nhà trường "
                    f"đã quá hạn nộp ({line.due:%d/%m/%Y}). Đề nghị nhà trường hoàn thành và gửi báo cáo trên hệ thống.\n\n"
                    f"{org.name}"
                ),
                from_email=None,
                recipient_list=emails,
            )
            sent += 1
        self.stdout.write(f"Đã gửi {sent} thư nhắc; {len(data['overdue'])} trường quá hạn.")
