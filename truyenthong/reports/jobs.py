"""Background generation of reports on a small database-backed job table.

Three ways to run a job, chosen by the REPORTS_JOB_RUNNER setting (or environment variable):
- "thread" (default): a thread of the web process starts the job once the request's transaction commits. Needs no
  extra service, which suits the embedded single-process SQLite setup.
- "worker": the job waits in the table until `truyenthong run-worker` claims it. Workers claim with
  SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, so several of them never take the same job.
- "inline": run at once inside the request (tests, or a tiny installation).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from truyenthong.core.errors import AppError, NotAllowed
from truyenthong.core.permissions import require
from truyenthong.reports import actions, services
from truyenthong.reports.models import Report, ReportJob

log = logging.getLogger(__name__)
STALE_AFTER = dt.timedelta(minutes=15)  # a running job without a heartbeat for this long has died


def runner() -> str:
    return getattr(settings, "REPORTS_JOB_RUNNER", None) or os.environ.get("REPORTS_JOB_RUNNER", "thread")


def job_enqueue(*, report: Report, actor) -> ReportJob:
    """Queue the generation of the report's files and start it the configured way."""
    require(actor, actions.GENERATE, report.school)
    if report.jobs.filter(status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING]).exists():
        raise NotAllowed("Báo cáo đang được tạo; hãy chờ xong.")
    with transaction.atomic():
        job = ReportJob.objects.create(
            report=report, final=report.is_final, created_by=actor, step="Đang chờ"
        )
    mode = runner()
    if mode == "inline":
        job_execute(job.pk)
        job.refresh_from_db()
    elif mode == "thread":
        transaction.on_commit(lambda: _start_thread(job.pk))
    return job


def _start_thread(job_id: int) -> None:
    threading.Thread(target=_thread_main, args=(job_id,), name=f"report-job-{job_id}", daemon=True).start()


def _thread_main(job_id: int) -> None:
    try:
        job_execute(job_id)
    finally:
        connection.close()


def _claim(job_id: int) -> bool:
    """Move a queued job to running; False when someone else already took it."""
    now = timezone.now()
    return bool(
        ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(
            status=ReportJob.Status.RUNNING, started_at=now, heartbeat_at=now, progress=1, step="Bắt đầu"
        )
    )


def job_execute(job_id: int, *, claimed: bool = False, today: dt.date | None = None) -> ReportJob:
    """Run one job: render every file, report progress as it goes, store the result or the error."""
    if not claimed and not _claim(job_id):
        return ReportJob.objects.get(pk=job_id)
    job = ReportJob.objects.select_related("report__school", "report__school__parent").get(pk=job_id)

    def progress(pct: int, step: str) -> None:
        ReportJob.objects.filter(pk=job_id).update(
            progress=max(1, min(99, pct)), step=step[:120], heartbeat_at=timezone.now()
        )

    try:
        report = services.report_generate_now(job.report, progress=progress, today=today)
        ReportJob.objects.filter(pk=job_id).update(
            status=ReportJob.Status.DONE,
            progress=100,
            step="Đã xong",
            result_file=report.docx.name,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
    except AppError as exc:
        _fail(job_id, exc.message)
    except Exception as exc:  # noqa: BLE001 — a failed job must record why instead of dying silently
        log.exception("report job %s failed", job_id)
        _fail(job_id, f"Lỗi khi tạo báo cáo ({type(exc).__name__}). Hãy thử lại hoặc báo quản trị hệ thống.")
    return ReportJob.objects.get(pk=job_id)


def _fail(job_id: int, message: str) -> None:
    ReportJob.objects.filter(pk=job_id).update(
        status=ReportJob.Status.FAILED, error=message, step="Lỗi", finished_at=timezone.now()
    )


def job_check_stale(job: ReportJob) -> ReportJob:
    """A running job whose process died is marked failed so the page stops waiting and a new one can start."""
    if (
        job.status == ReportJob.Status.RUNNING
        and job.heartbeat_at
        and timezone.now() - job.heartbeat_at > STALE_AFTER
    ):
        _fail(job.pk, "Tiến trình tạo báo cáo bị gián đoạn; hãy tạo lại.")
        job.refresh_from_db()
    return job


# --------------------------------------------------------------------------------------------- the worker


def worker_claim_next() -> ReportJob | None:
    """Take the oldest queued job. On PostgreSQL the row lock with SKIP LOCKED lets workers run side by side; on
    SQLite (one writer at a time) the conditional update in `_claim` is what keeps a job from running twice."""
    with transaction.atomic():
        job = (
            ReportJob.objects.select_for_update(skip_locked=True)
            .filter(status=ReportJob.Status.QUEUED)
            .order_by("created_at", "id")
            .first()
        )
        if job is None or not _claim(job.pk):
            return None
    return job


def worker_run(
    *, once: bool = False, poll_seconds: float = 2.0, max_jobs: int | None = None, stdout=None
) -> int:
    """Claim and run jobs until stopped; with `once`, run what is queued now and return. Returns jobs run."""
    done = 0
    while True:
        if not connection.in_atomic_block:  # a long-lived worker drops broken or expired connections
            close_old_connections()
        job = worker_claim_next()
        if job is None:
            if once:
                return done
            time.sleep(poll_seconds)
            continue
        finished = job_execute(job.pk, claimed=True)
        done += 1
        if stdout is not None:
            stdout.write(
                f"Báo cáo {finished.report_id}: {finished.get_status_display()} {finished.error}".rstrip()
            )
        if max_jobs is not None and done >= max_jobs:
            return done
