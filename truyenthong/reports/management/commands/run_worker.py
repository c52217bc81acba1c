"""`truyenthong run-worker`: generate queued reports in the background (set REPORTS_JOB_RUNNER=worker in the web
processes so they leave the jobs to it). Run as many as you like on PostgreSQL; each claims jobs with SKIP LOCKED."""

from django.core.management.base import BaseCommand

from truyenthong.reports.jobs import worker_run


class Command(BaseCommand):
    help = "Tạo các báo cáo đang chờ trong hàng đợi (tiến trình nền)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Chạy các việc đang chờ rồi dừng.")
        parser.add_argument(
            "--poll", type=float, default=2.0, help="Số giây chờ giữa hai lần kiểm tra hàng đợi."
        )
        parser.add_argument("--max-jobs", type=int, default=None, help="Dừng sau bấy nhiêu việc.")

    def handle(self, *args, once=False, poll=2.0, max_jobs=None, **options):
        count = worker_run(once=once, poll_seconds=poll, max_jobs=max_jobs, stdout=self.stdout)
        if once:
            self.stdout.write(f"Đã chạy {count} việc.")
