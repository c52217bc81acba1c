"""`truyenthong run-worker`: the background worker (django-tasks-db's worker, plus liveness and recovery).

Runs the tasks queued in the database (report generation, indicator recomputation). Run several on PostgreSQL:
each claims tasks with SELECT … FOR UPDATE SKIP LOCKED. A worker registers itself and beats every few seconds; at
start and on every beat it hands the running tasks of dead workers back to the queue. With TASKS_BACKEND=rq the same
command runs RQ's worker on the configured queues (django-rq's `rqworker` with django-tasks-rq's job class), so every
layout starts its workers the same way; there a killed worker's task is queued again by the scheduler (the jobs
re-queue work that shows no sign of life, core/schedule.py).
"""

import signal

from django.conf import settings
from django_tasks_db.management.commands import db_worker

from truyenthong.core import tasks


class Worker(db_worker.Worker):
    def __init__(self, *, beat_seconds: float, **kwargs):
        super().__init__(**kwargs)
        self.beat_seconds = beat_seconds

    def run(self) -> None:
        tasks.worker_register(self.worker_id)
        tasks.tasks_reclaim_from_dead_workers()
        heartbeat = tasks.Heartbeat(self.worker_id, self.beat_seconds)
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stopped.set()
            tasks.worker_forget(self.worker_id)


class Command(db_worker.Command):
    help = "Chạy tiến trình nền: tạo báo cáo, tính lại chỉ số (các việc đang chờ trong cơ sở dữ liệu)."

    def run_from_argv(self, argv):
        if settings.TASKS_BACKEND != "rq":
            return super().run_from_argv(argv)
        # django-tasks-db's options refuse a backend that is not a database one: read ours and hand over to RQ.
        import argparse

        from django.core.management import call_command

        parser = argparse.ArgumentParser(prog="truyenthong run-worker")
        parser.add_argument("--queue-name", default="default")
        parser.add_argument("--worker-id", default=None)
        parser.add_argument("-v", "--verbosity", type=int, default=1)
        options, _unknown = parser.parse_known_args(argv[2:])
        call_command(
            "rqworker",
            *options.queue_name.split(","),
            job_class="django_tasks_rq.backend.Job",
            name=options.worker_id,
            verbosity=options.verbosity,
        )
        return None

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--beat",
            type=float,
            default=None,
            help="Số giây giữa hai lần báo còn sống (mặc định: một phần tư TASKS_WORKER_STALE_SECONDS).",
        )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        beat=None,
        **options,
    ):
        self.configure_logging(verbosity)
        worker = Worker(
            beat_seconds=beat or max(1.0, settings.TASKS_WORKER_STALE_SECONDS / 4),
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        # No autoreload here (unlike db_worker): a reloaded child would register under the same id as its parent.
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        worker.configure_signals()
        try:
            worker.run()
        finally:  # called in-process (tests, `call_command`): give the caller its signal handlers back
            for sig, handler in previous.items():
                signal.signal(sig, handler)
