"""Scheduled jobs (core/schedule.py, `truyenthong scheduler`): due by interval, claimed once, failures recorded,
and the jobs that re-queue silent work (a worker killed mid-task) queue it again exactly once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from truyenthong.core import schedule
from truyenthong.core.models import ScheduledRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    """Two jobs of our own, registered for the test only (the registry is restored afterwards)."""
    monkeypatch.setattr(schedule, "_JOBS", {})
    calls = []

    def ok():
        calls.append("ok")
        return "xong"

    def broken():
        calls.append("broken")
        raise RuntimeError("hỏng")

    schedule.register("test.ok", "Việc thử", ok, every=dt.timedelta(hours=1))
    schedule.register("test.broken", "Việc hỏng", broken, every=dt.timedelta(hours=1))
    return calls


def test_a_job_runs_when_due_and_not_again_within_its_interval(counted):
    start = timezone.now()
    assert [name for name, _ in schedule.run_due(now=start)] == ["test.broken", "test.ok"]
    assert schedule.run_due(now=start + dt.timedelta(minutes=59)) == []
    assert [name for name, _ in schedule.run_due(now=start + dt.timedelta(minutes=61))] == [
        "test.broken",
        "test.ok",
    ]
    assert counted.count("ok") == 2


def test_a_failing_job_is_recorded_and_does_not_stop_the_others(counted):
    ran = dict(schedule.run_due())
    assert ran["test.ok"] == "xong" and ran["test.broken"].startswith("Lỗi: RuntimeError")
    broken = ScheduledRun.objects.get(name="test.broken")
    assert broken.last_ok is False and "hỏng" in broken.last_outcome
    assert ScheduledRun.objects.get(name="test.ok").last_ok is True


def test_once_with_a_job_name_runs_it_now_and_an_unknown_name_is_refused(counted):
    schedule.run_due()
    call_command("scheduler", once=True, job="test.ok")
    assert counted.count("ok") == 2
    with pytest.raises(Exception, match="Không có việc định kỳ «nope»"):
        call_command("scheduler", once=True, job="nope")


def test_every_app_registers_its_jobs():
    names = {job.name for job in schedule.jobs()}
    assert {"indicators.recompute", "indicators.requeue", "reports.requeue", "privacy.retention"} <= names
    assert "province.remind" in names


def test_a_silent_recomputation_is_queued_again_once(world, settings, django_capture_on_commit_callbacks):
    from truyenthong.indicators.models import PendingRefresh
    from truyenthong.indicators.refresh import refresh_requeue_stale

    settings.TASKS_REQUEUE_AFTER_SECONDS = 60
    old = timezone.now() - dt.timedelta(minutes=5)
    PendingRefresh.objects.create(school_id=world.school.pk, requested_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        assert refresh_requeue_stale().startswith("Đã xếp lại 1 ")
    # The immediate backend ran the recomputation: the marker is gone, nothing is left to re-queue.
    assert not PendingRefresh.objects.exists()
    assert refresh_requeue_stale() == ""


def test_a_report_job_without_sign_of_life_is_run_again_and_an_old_one_given_up(world_with_plan, settings):
    from truyenthong.reports.jobs import jobs_requeue_stalled
    from truyenthong.reports.models import Report, ReportJob
    from truyenthong.reports.services import report_create

    settings.TASKS_REQUEUE_AFTER_SECONDS = 60
    world = world_with_plan
    report = report_create(
        school=world.school,
        kind=Report.Kind.YEAR_REVIEW,
        period_key="2025-2026",
        actor=world.users["principal"],
    )
    silent = ReportJob.objects.create(
        report=report, status=ReportJob.Status.RUNNING, heartbeat_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert jobs_requeue_stalled().startswith("Đã xếp lại 1 ")
    silent.refresh_from_db()
    assert silent.status == ReportJob.Status.DONE  # the immediate backend generated it on the spot

    forgotten = ReportJob.objects.create(report=report, status=ReportJob.Status.RUNNING)
    ReportJob.objects.filter(pk=forgotten.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=2), heartbeat_at=timezone.now() - dt.timedelta(hours=2)
    )
    assert jobs_requeue_stalled().endswith("bỏ 1.")
    forgotten.refresh_from_db()
    assert forgotten.status == ReportJob.Status.FAILED and "gián đoạn" in forgotten.error
