"""Background work on Django's task framework: enqueueing at the right moment and the database worker's liveness.

The backend is chosen in settings (TASKS_BACKEND): the database (django-tasks-db, default on SQLite and PostgreSQL),
RQ on Redis (django-tasks-rq), or immediate (tests). Two things the libraries leave to us live here:

- `enqueue_after_commit`: a task must never run before the data it reads is committed. With the database backend
  the task row is written in the caller's transaction (so it appears, or not, together with the data); a backend
  outside the database (RQ) is only told once the transaction commits.
- Dead workers: django-tasks-db's worker marks a task RUNNING and nothing ever revisits it. Our workers register in
  `TaskWorker` and beat every few seconds; a worker that is gone (its process no longer exists on this host, or it
  has not beaten for TASKS_WORKER_STALE_SECONDS) has its RUNNING tasks put back in the queue for another worker.
  Tasks must therefore be safe to run again (ours are: they recompute or regenerate from the database).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading

from django.conf import settings
from django.db import connection, transaction
from django.tasks import task_backends
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone

from truyenthong.core.models import TaskWorker

log = logging.getLogger(__name__)


def _stores_in_database(task) -> bool:
    backend = task_backends[task.backend]
    if isinstance(backend, ImmediateBackend):
        return True  # runs at once, inside the caller's transaction, like any other write of the request
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(backend, DatabaseBackend)


def enqueue_after_commit(task, **kwargs) -> None:
    """Enqueue `task(**kwargs)` so that it can only run on committed data (see the module docstring)."""
    if _stores_in_database(task):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))


# --- the database worker's liveness ---------------------------------------------------------------------------------


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "TASKS_WORKER_STALE_SECONDS", 60))


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def worker_register(worker_id: str) -> TaskWorker:
    now = timezone.now()
    worker, _ = TaskWorker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname(), "pid": os.getpid(), "started_at": now, "beat_at": now},
    )
    return worker


def worker_beat(worker_id: str) -> None:
    TaskWorker.objects.filter(worker_id=worker_id).update(beat_at=timezone.now())


def worker_forget(worker_id: str) -> None:
    TaskWorker.objects.filter(worker_id=worker_id).delete()


def dead_workers(*, now: dt.datetime | None = None) -> set[str]:
    """Workers that are gone: their process no longer exists on this host, or they stopped beating."""
    now = now or timezone.now()
    host = socket.gethostname()
    dead = set()
    for worker in TaskWorker.objects.all():
        if (
            worker.host == host
            and worker.pid != os.getpid()
            and not _process_exists(worker.pid)
            or now - worker.beat_at > stale_after()
        ):
            dead.add(worker.worker_id)
    return dead


def tasks_reclaim_from_dead_workers(*, now: dt.datetime | None = None) -> int:
    """Put back in the queue every RUNNING task whose worker is gone; returns how many. Safe to call anywhere."""
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    dead = dead_workers(now=now)
    known = set(TaskWorker.objects.values_list("worker_id", flat=True))
    reclaimed = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        last = result.worker_ids[-1] if result.worker_ids else None
        orphaned = last not in known and result.started_at and now - result.started_at > stale_after()
        if last in dead or orphaned:
            # Conditional on still RUNNING: two workers reclaiming at once put it back only once.
            reclaimed += DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY, started_at=None
            )
            log.warning("Task %s of dead worker %s put back in the queue", result.pk, last)
    TaskWorker.objects.filter(worker_id__in=dead).delete()
    return reclaimed


class Heartbeat(threading.Thread):
    """Beats for a worker every `interval` seconds and reclaims the tasks of dead workers, until stopped."""

    def __init__(self, worker_id: str, interval: float):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id, self.interval = worker_id, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                try:
                    worker_beat(self.worker_id)
                    tasks_reclaim_from_dead_workers()
                except Exception:  # noqa: BLE001 — a database hiccup must not kill the heartbeat
                    log.exception("heartbeat of worker %s failed", self.worker_id)
        finally:
            connection.close()
