"""The database worker (`truyenthong run-worker`): a task whose worker was killed mid-job is finished by another
worker; a live worker's task is left alone. Reports through the workers: tests/reports/test_background.py."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    """The URL of the database this test runs on, for worker processes started by the test."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    host = s.get("HOST") or "127.0.0.1"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{host}:{s.get('PORT') or 5432}/{s['NAME']}"


def _start_worker(worker_id: str, *extra: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "truyenthong.settings_test",
        "DATABASE_URL": _database_url(),
        "TASKS_BACKEND": "database",
        "LOG_LEVEL": "INFO",
    }
    command = [sys.executable, "-m", "truyenthong", "run_worker", "--backend", "db", "--worker-id", worker_id]
    return subprocess.Popen(
        [*command, "--no-startup-delay", "--interval", "0.1", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _read_until(process: subprocess.Popen, needle: str) -> str:
    """Read the worker's log line by line (blocking, no sleeping) until `needle` appears."""
    seen = []
    for line in process.stdout:
        seen.append(line)
        if needle in line:
            return "".join(seen)
    raise AssertionError(f"the worker stopped before «{needle}»:\n{''.join(seen)}")


@pytest.mark.django_db(transaction=True)
def test_a_task_whose_worker_is_killed_mid_job_is_finished_by_another_worker(tmp_path):
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from tests.core.blocking_task import wait_for_release

    release = tmp_path / "release"
    queued = wait_for_release.using(backend="db").enqueue(release_path=str(release))

    first = _start_worker("worker-a")
    try:
        _read_until(first, "state=RUNNING")
        row = DBTaskResult.objects.get(pk=queued.id)
        assert row.status == TaskResultStatus.RUNNING and row.worker_ids == ["worker-a"]
        assert release.with_suffix(".started").exists() or row.status == TaskResultStatus.RUNNING
    finally:
        first.send_signal(signal.SIGKILL)  # no goodbye: the task stays RUNNING with a dead worker
        first.wait(timeout=30)
    assert DBTaskResult.objects.get(pk=queued.id).status == TaskResultStatus.RUNNING

    release.write_text("go")
    second = _start_worker("worker-b", "--batch")
    output, _ = second.communicate(timeout=120)
    assert second.returncode == 0, output

    row = DBTaskResult.objects.get(pk=queued.id)
    assert row.status == TaskResultStatus.SUCCESSFUL, output
    assert row.return_value == "released"
    assert row.worker_ids == ["worker-a", "worker-b"]  # claimed by the dead worker, finished by the live one


def test_the_dead_worker_check_leaves_a_live_workers_task_alone(db):
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from tests.core.blocking_task import wait_for_release
    from truyenthong.core.tasks import tasks_reclaim_from_dead_workers, worker_register

    queued = wait_for_release.using(backend="db").enqueue(release_path="/nonexistent")
    worker_register("alive")  # this very process: alive, and beating now
    DBTaskResult.objects.filter(pk=queued.id).update(status=TaskResultStatus.RUNNING, worker_ids=["alive"])
    assert tasks_reclaim_from_dead_workers() == 0
    assert DBTaskResult.objects.get(pk=queued.id).status == TaskResultStatus.RUNNING
