"""The one path that keeps the materialised indicator values fresh: events in, one background task per school out.

Every source that feeds an indicator (activities and attendance, records, content, the staff register, hand-entered
values, definitions) announces `core.events.school_data_changed` after its write commits. `apps.ready()` subscribes
`indicators_refresh_later` to it. Requests are coalesced per school in `PendingRefresh`: the first request queues the
`indicators_refresh_task` through Django's task framework (the configured backend: the database worker, RQ, or
immediate in tests); later ones, until the task starts, add nothing. The task removes the marker *before* reading,
so a write committed after that moment queues a new run and is never missed. Pages only read the values.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from truyenthong.indicators.models import PendingRefresh

log = logging.getLogger(__name__)


def requeue_after() -> dt.timedelta:
    """A marker older than this is orphaned (its task was lost: the queue was unreachable, the worker was killed)."""
    return dt.timedelta(seconds=settings.TASKS_REQUEUE_AFTER_SECONDS)


def indicators_refresh_later(*, school_id: int) -> bool:
    """Queue a recomputation of the school's values unless one is already waiting. True when a task was queued."""
    now = timezone.now()
    try:
        with transaction.atomic():
            marker, created = PendingRefresh.objects.get_or_create(
                school_id=school_id, defaults={"requested_at": now}
            )
    except IntegrityError:  # another process created the marker between our read and our insert
        return False
    if not created:
        if now - marker.requested_at < requeue_after():
            return False
        PendingRefresh.objects.filter(pk=marker.pk).update(requested_at=now)
    transaction.on_commit(lambda: indicators_refresh_task.enqueue(school_id=school_id))
    return True


@task()
def indicators_refresh_task(school_id: int) -> int:
    """Recompute every value of one school (all periods of its horizon); returns the number of values written."""
    from truyenthong.indicators.services import indicators_recompute

    PendingRefresh.objects.filter(school_id=school_id).delete()
    return indicators_recompute(school_ids=[school_id])


def on_school_data_changed(sender, *, school_id: int, source: str, **kwargs) -> None:
    """Receiver of `core.events.school_data_changed` (connected in IndicatorsConfig.ready)."""
    indicators_refresh_later(school_id=school_id)


def on_period_lock_requested(sender, *, school, period_key: str, **kwargs) -> bool:
    """Receiver of `core.events.period_lock_requested`: a period whose school report is approved is locked."""
    from truyenthong.indicators.selectors import period_is_locked

    return period_is_locked(school=school, period_key=period_key)


# --- scheduled jobs (registered in IndicatorsConfig.ready) -----------------------------------------------------------


def refresh_requeue_stale(*, now: dt.datetime | None = None) -> str:
    """Queue again every recomputation whose marker is older than `requeue_after()`: its task never ran to the end."""
    now = now or timezone.now()
    stale = list(
        PendingRefresh.objects.filter(requested_at__lt=now - requeue_after()).values_list(
            "school_id", flat=True
        )
    )
    for school_id in stale:
        PendingRefresh.objects.filter(school_id=school_id).update(requested_at=now)
        transaction.on_commit(
            lambda school_id=school_id: indicators_refresh_task.enqueue(school_id=school_id)
        )
    return f"Đã xếp lại {len(stale)} lượt tính lại chỉ số bị treo." if stale else ""


def refresh_every_school() -> str:
    """The nightly recomputation: every active school's values, one coalesced task per school (periods roll over,
    targets whose dates pass change status without any write)."""
    from truyenthong.org.models import Organisation

    queued = 0
    for school_id in Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, is_active=True).values_list(
        "pk", flat=True
    ):
        queued += indicators_refresh_later(school_id=school_id)
    return f"Đã xếp lịch tính lại chỉ số cho {queued} trường."
