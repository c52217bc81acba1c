"""Reports in the background on Django's task framework: the database worker generates a queued report while its
progress shows, a job left running by a dead worker is generated again, and the Redis (RQ) backend runs a report
end to end against the local Redis (database 5, a queue of this test process)."""

import os

import pytest


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_generates_a_queued_report_and_its_progress_shows(year_report, reported):
    from django.core.management import call_command
    from docx import Document

    from truyenthong.core.tasks import enqueue_after_commit
    from truyenthong.reports.jobs import report_job_task
    from truyenthong.reports.models import ReportJob

    job = ReportJob.objects.create(report=year_report, created_by=reported.users["comms"], step="Đang chờ")
    enqueue_after_commit(report_job_task.using(backend="db"), job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.progress, job.get_status_display()) == ("queued", 0, "Đang chờ")

    call_command(
        "run_worker", "--backend", "db", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0
    )

    job.refresh_from_db()
    assert job.status == "done", job.error
    assert job.progress == 100 and job.step == "Đã xong" and job.started_at and job.finished_at
    with job.result_file.open("rb") as handle:
        assert "BÁO CÁO" in [p.text for p in Document(handle).paragraphs]


def test_a_report_job_left_running_by_a_dead_worker_is_generated_again(year_report, reported):
    from truyenthong.reports.jobs import job_execute
    from truyenthong.reports.models import ReportJob

    job = ReportJob.objects.create(report=year_report, status="running", progress=40, step="Đang vẽ biểu đồ")
    finished = job_execute(job.pk)
    assert finished.status == "done" and finished.progress == 100, finished.error


def test_the_redis_backend_runs_a_report_through_an_rq_worker(year_report, reported, settings):
    import django_rq
    import redis
    from django_tasks_rq.backend import Job
    from docx import Document
    from rq import SimpleWorker

    from truyenthong.reports.jobs import report_job_task
    from truyenthong.reports.models import ReportJob

    try:
        redis.Redis.from_url(settings.TEST_REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on this machine")

    queue_name = settings.RQ_TEST_QUEUE
    queue = django_rq.get_queue(queue_name, job_class=Job)
    queue.empty()
    job = ReportJob.objects.create(report=year_report, created_by=reported.users["comms"], step="Đang chờ")
    result = report_job_task.using(backend="rq", queue_name=queue_name).enqueue(job_id=job.pk)
    assert queue.count == 1  # it is in Redis, not run yet
    job.refresh_from_db()
    assert job.status == "queued"

    # SimpleWorker runs the job in this process (inside the test's transaction), after a real round trip to Redis.
    worker = django_rq.get_worker(queue_name, job_class=Job, worker_class=SimpleWorker)
    assert worker.work(burst=True)

    job.refresh_from_db()
    assert job.status == "done", job.error
    with job.result_file.open("rb") as handle:
        assert "BÁO CÁO" in [p.text for p in Document(handle).paragraphs]
    assert queue.fetch_job(result.id).get_status() == "finished"
    queue.empty()
