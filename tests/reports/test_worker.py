"""The background path: a queued job is claimed by `truyenthong run-worker --once` and leaves its result file; the
thread runner needs no extra service. On PostgreSQL the claim uses SELECT … FOR UPDATE SKIP LOCKED."""

import io

import pytest
from django.core.management import call_command
from docx import Document


def test_a_queued_job_is_run_by_the_worker_once_and_leaves_its_result_file(year_report, reported, settings):
    from truyenthong.reports.jobs import job_enqueue

    settings.REPORTS_JOB_RUNNER = "worker"
    job = job_enqueue(report=year_report, actor=reported.users["comms"])
    job.refresh_from_db()
    assert job.status == "queued" and job.progress == 0
    out = io.StringIO()
    call_command("run_worker", "--once", stdout=out)
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert job.progress == 100 and job.started_at and job.finished_at
    assert "Đã chạy 1 việc." in out.getvalue()
    with job.result_file.open("rb") as handle:
        document = Document(handle)
    assert "BÁO CÁO" in [p.text for p in document.paragraphs]
    year_report.refresh_from_db()
    assert year_report.pdf and year_report.xlsx and year_report.infographic_svg


def test_the_worker_with_nothing_queued_returns_at_once(db):
    out = io.StringIO()
    call_command("run_worker", "--once", stdout=out)
    assert "Đã chạy 0 việc." in out.getvalue()


def test_a_job_already_claimed_is_not_run_twice(year_report, reported, settings):
    from truyenthong.reports.jobs import job_enqueue, job_execute, worker_claim_next

    settings.REPORTS_JOB_RUNNER = "worker"
    job = job_enqueue(report=year_report, actor=reported.users["comms"])
    claimed = worker_claim_next()
    assert claimed.pk == job.pk
    assert worker_claim_next() is None
    again = job_execute(job.pk)  # someone else trying the same job: not claimable any more
    assert again.status == "running"


def test_a_second_generation_is_refused_while_one_is_waiting(year_report, reported, settings):
    from truyenthong.core.errors import NotAllowed
    from truyenthong.reports.jobs import job_enqueue

    settings.REPORTS_JOB_RUNNER = "worker"
    job_enqueue(report=year_report, actor=reported.users["comms"])
    with pytest.raises(NotAllowed):
        job_enqueue(report=year_report, actor=reported.users["comms"])


def test_a_failing_job_records_its_error_instead_of_dying(year_report, reported, settings, monkeypatch):
    from truyenthong.reports import services
    from truyenthong.reports.jobs import job_enqueue

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "report_render", broken)
    job = job_enqueue(report=year_report, actor=reported.users["comms"])
    assert job.status == "failed" and "RuntimeError" in job.error


def test_a_running_job_without_a_heartbeat_is_marked_failed(year_report):
    import datetime as dt

    from django.utils import timezone

    from truyenthong.reports.jobs import job_check_stale
    from truyenthong.reports.models import ReportJob

    job = ReportJob.objects.create(
        report=year_report, status="running", heartbeat_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert job_check_stale(job).status == "failed"


@pytest.mark.django_db(transaction=True)
def test_the_thread_runner_generates_the_report_without_any_extra_service(world_with_plan, settings):
    import time

    from truyenthong.reports.jobs import job_enqueue
    from truyenthong.reports.models import ReportJob
    from truyenthong.reports.services import report_create

    settings.REPORTS_JOB_RUNNER = "thread"
    w = world_with_plan
    report = report_create(
        school=w.school, actor=w.users["comms"], kind="year_review", period_key="2026-2027"
    )
    job = job_enqueue(report=report, actor=w.users["comms"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = ReportJob.objects.get(pk=job.pk)
        if job.is_finished:
            break
        time.sleep(0.1)
    assert job.status == "done", job.error
    assert job.result_file.name.endswith(".docx")
