"""Report generation in the background: a `ReportJob` row the page polls for progress, run by a Django task.

`job_enqueue` records the job and queues `report_job_task` through the task framework (core.tasks): the database
worker (`truyenthong run-worker`, started by `make demo`), RQ, or immediately in tests. If the worker running a job
dies, the worker framework hands the task to another worker, which generates the report again from the start.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from truyenthong.core.errors import AppError, NotAllowed
from truyenthong.core.permissions import require
from truyenthong.core.tasks import enqueue_after_commit
from truyenthong.reports import actions, services
from truyenthong.reports.models import Report, ReportJob

log = logging.getLogger(__name__)
# A job without any sign of life for this long is given up (no worker at all is running): the page stops waiting.
STALE_AFTER = dt.timedelta(minutes=15)
# The scheduler queues a silent job again (its worker died) until it is this old; then it is given up.
GIVE_UP_AFTER = dt.timedelta(hours=1)


def job_enqueue(*, report: Report, actor) -> ReportJob:
    """Queue the generation of the report's files as a background task."""
    require(actor, actions.GENERATE, report.school)
    if report.jobs.filter(status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING]).exists():
        raise NotAllowed("Báo cáo đang được tạo; hãy chờ xong.")
    with transaction.atomic():
        job = ReportJob.objects.create(
            report=report,
            final=report.is_final,
            created_by=actor,
            step="Đang chờ",
            heartbeat_at=timezone.now(),
        )
        enqueue_after_commit(report_job_task, job_id=job.pk)
    job.refresh_from_db()
    return job


@task()
def report_job_task(job_id: int) -> str:
    """The task: generate one job's files; returns the job's final status."""
    return job_execute(job_id).status


def _claim(job_id: int) -> bool:
    """Move a job to running. A job already running is taken over: the task framework only runs a task again when
    the worker that had it died."""
    now = timezone.now()
    return bool(
        ReportJob.objects.filter(
            pk=job_id, status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING]
        ).update(
            status=ReportJob.Status.RUNNING, started_at=now, heartbeat_at=now, progress=1, step="Bắt đầu"
        )
    )


def job_execute(job_id: int, *, today: dt.date | None = None) -> ReportJob:
    """Run one job: render every file, report progress as it goes, store the result or the error."""
    if not _claim(job_id):
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


def jobs_requeue_stalled(*, now: dt.datetime | None = None) -> str:
    """Scheduled (core/schedule.py): queue again every unfinished job with no sign of life for
    TASKS_REQUEUE_AFTER_SECONDS — its worker was killed or its task was lost, whatever the backend. The next run takes
    the job over (`_claim`) and generates it from the start; a job older than GIVE_UP_AFTER is marked failed."""
    now = now or timezone.now()
    silent = now - dt.timedelta(seconds=settings.TASKS_REQUEUE_AFTER_SECONDS)
    requeued = given_up = 0
    for job in ReportJob.objects.filter(
        status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING], heartbeat_at__lt=silent
    ):
        if now - job.created_at > GIVE_UP_AFTER:
            _fail(job.pk, "Tạo báo cáo bị gián đoạn nhiều lần; hãy tạo lại hoặc báo quản trị hệ thống.")
            given_up += 1
            continue
        with transaction.atomic():
            # Conditional on the same silence: two schedulers queue it once.
            if ReportJob.objects.filter(pk=job.pk, heartbeat_at=job.heartbeat_at).update(
                heartbeat_at=now, step="Chờ chạy lại"
            ):
                enqueue_after_commit(report_job_task, job_id=job.pk)
                requeued += 1
    if not (requeued or given_up):
        return ""
    return f"Đã xếp lại {requeued} báo cáo bị gián đoạn; bỏ {given_up}."


def job_check_stale(job: ReportJob) -> ReportJob:
    """A job with no sign of life for STALE_AFTER (no worker running at all) is marked failed, so the page stops
    waiting and a new one can start. A dead worker's job is normally re-run long before that (core.tasks)."""
    if not job.is_finished and job.heartbeat_at and timezone.now() - job.heartbeat_at > STALE_AFTER:
        _fail(job.pk, "Không có tiến trình nền nào tạo báo cáo này; hãy tạo lại hoặc báo quản trị hệ thống.")
        job.refresh_from_db()
    return job
