"""Scheduled jobs: what runs by the clock (recomputation, reminders, retention, re-queueing stalled work).

Each app registers its jobs in `AppConfig.ready()` (`register(...)`); `truyenthong scheduler` runs the due ones every
few seconds. A job is due when its interval has passed since it last started. The start is recorded in
`ScheduledRun` under a row lock before the job runs, so two schedulers (a second machine, a restart during a run)
never start the same job twice in one interval. Jobs are short: the heavy work they start goes to the task workers.

Intervals rather than times of day: "once a day" means 24 hours after the last start, which keeps the rule the same
for one laptop and a province and needs no time-zone arithmetic; a reminder that must go out in the morning is sent by
starting the scheduler in the morning once, or by cron calling `truyenthong scheduler --once --job NAME`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from truyenthong.core.models import ScheduledRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str  # "indicators.recompute"
    label: str  # what leadership and the administrator read
    every: dt.timedelta
    run: Callable[[], str]  # returns a one-line summary in Vietnamese; "" when there was nothing to do


_JOBS: dict[str, Job] = {}


def register(name: str, label: str, run: Callable[[], str], *, every: dt.timedelta) -> None:
    """Register (or replace) a scheduled job; called from an app's `AppConfig.ready()`."""
    _JOBS[name] = Job(name=name, label=label, every=every, run=run)


def jobs() -> list[Job]:
    return sorted(_JOBS.values(), key=lambda j: j.name)


def _claim(job: Job, now: dt.datetime, *, force: bool) -> bool:
    """Record the start of `job` if it is due (or forced); False when it ran within its interval."""
    with transaction.atomic():
        row = ScheduledRun.objects.select_for_update().filter(name=job.name).first()
        if row is None:
            ScheduledRun.objects.create(name=job.name, last_started_at=now)
            return True
        if not force and row.last_started_at and now - row.last_started_at < job.every:
            return False
        row.last_started_at = now
        row.save(update_fields=["last_started_at"])
        return True


def run_due(
    *, now: dt.datetime | None = None, only: str | None = None, force: bool = False
) -> list[tuple[str, str]]:
    """Run every due job (or only the one named); returns (name, outcome) for those that ran. A job that raises is
    logged and recorded with its error; the others still run."""
    ran = []
    for job in jobs():
        if only and job.name != only:
            continue
        start = now or timezone.now()
        if not _claim(job, start, force=force):
            continue
        try:
            outcome, ok = job.run(), True
        except Exception as exc:  # noqa: BLE001 — one failing job must not stop the others or the scheduler
            log.exception("scheduled job %s failed", job.name)
            outcome, ok = f"Lỗi: {type(exc).__name__}: {exc}"[:500], False
        ScheduledRun.objects.filter(name=job.name).update(
            last_finished_at=timezone.now(), last_outcome=outcome[:500], last_ok=ok
        )
        ran.append((job.name, outcome))
    return ran
