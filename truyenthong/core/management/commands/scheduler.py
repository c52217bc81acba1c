"""`truyenthong scheduler [--once] [--job NAME] [--list]`: run the scheduled jobs (core/schedule.py) by the clock.

One scheduler is enough for an installation; a second one is harmless (jobs are claimed under a row lock).
"""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from truyenthong.core import schedule
from truyenthong.core.models import ScheduledRun


class Command(BaseCommand):
    help = "Chạy các việc định kỳ: tính lại chỉ số, nhắc nộp báo cáo, xoá dữ liệu hết hạn lưu, chạy lại việc bị treo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="chạy các việc đến hạn một lần rồi thoát (cho cron)"
        )
        parser.add_argument(
            "--job", help="chỉ chạy việc này (tên như trong --list); dùng với --once là chạy ngay"
        )
        parser.add_argument("--list", action="store_true", help="liệt kê các việc định kỳ và lần chạy cuối")

    def handle(self, *args, once, job, list, **options):  # noqa: A002 — the option's name
        names = {j.name for j in schedule.jobs()}
        if job and job not in names:
            raise CommandError(f"Không có việc định kỳ «{job}». Các việc: {', '.join(sorted(names))}.")
        if list:
            self._list()
            return
        if once:
            self._report(schedule.run_due(only=job, force=bool(job)))
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        tick = settings.SCHEDULER_TICK_SECONDS
        self.stdout.write(f"Bộ lập lịch chạy: {len(names)} việc, kiểm tra mỗi {tick:g} giây.")
        while not stopping:
            self._report(schedule.run_due(only=job))
            slept = 0.0
            while slept < tick and not stopping:
                time.sleep(min(0.5, tick))
                slept += min(0.5, tick)

    def _report(self, ran):
        for name, outcome in ran:
            if not outcome:  # nothing to do this time: keep the console for what happened
                continue
            self.stdout.write(f"{timezone.localtime():%d/%m/%Y %H:%M:%S} {name}: {outcome}")

    def _list(self):
        runs = {r.name: r for r in ScheduledRun.objects.all()}
        for j in schedule.jobs():
            r = runs.get(j.name)
            last = (
                f"lần cuối {timezone.localtime(r.last_started_at):%d/%m/%Y %H:%M} — {r.last_outcome}"
                if r and r.last_started_at
                else "chưa chạy"
            )
            self.stdout.write(f"{j.name:<24} mỗi {_every(j.every)}: {j.label}; {last}")


def _every(delta) -> str:
    seconds = int(delta.total_seconds())
    if seconds % 86400 == 0:
        return f"{seconds // 86400} ngày"
    if seconds % 3600 == 0:
        return f"{seconds // 3600} giờ"
    if seconds % 60 == 0:
        return f"{seconds // 60} phút"
    return f"{seconds} giây"
