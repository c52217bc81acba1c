"""Domain events: how a lower floor tells the floors above it that something happened, without importing them.

Apps stand on floors (see the README's architecture section); an app never imports one above it. When a write on a
lower floor must make a higher one react — a record saved, so the indicators that count it are stale — the lower
floor announces an event here and the higher floor subscribes in its `AppConfig.ready()`.

- `school_data_changed` is sent *after the transaction commits* (`announce_school_data_changed`), so a subscriber
  never sees a write that is later rolled back.
- The plan importer asks the indicators floor for proposals and for the default indicators through a registry on
  its own floor instead (`plans/hooks.py`): that work is part of the import's transaction and returns values.
- `period_lock_requested` is a question rather than an announcement: a lower floor asks whether a school's period
  is locked (approved reports), and the floor that owns the locks answers.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# sender: the announcing app's label; school_id: the school (not a unit) whose data changed; source: what changed
# ("activities", "records", "content", "staff", "plan").
school_data_changed = Signal()

# sender: the asking app's label; school: the school; period_key: e.g. "2025-2026". Receivers return True when locked.
period_lock_requested = Signal()


def _school_id(school) -> int:
    """The school of an organisation (a unit's school, or the school itself)."""
    return getattr(school, "school_id", None) or school.pk


def announce_school_data_changed(*, sender: str, school, source: str) -> None:
    """Announce, once the current transaction commits (at once outside a transaction), that the school's data of
    `source` changed. Subscribers coalesce repeated announcements themselves."""
    if school is None:
        return
    school_id = _school_id(school)
    transaction.on_commit(lambda: school_data_changed.send(sender=sender, school_id=school_id, source=source))


def period_is_locked(*, sender: str, school, period_key: str) -> bool:
    """Whether any floor above holds the school's period locked (e.g. its reports were approved)."""
    answers = period_lock_requested.send(sender=sender, school=school, period_key=period_key)
    return any(bool(answer) for _receiver, answer in answers)
