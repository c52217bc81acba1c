"""The audit trail: snapshots of a record before and after a change, stored as old → new per field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models.fields.files import FieldFile

from truyenthong.core.models import AuditEntry


def _plain(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or None
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of `instance` (foreign keys as ids), JSON-ready."""
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"version", "updated_at", "created_at"}:
            continue
        if field.name in getattr(instance, "DERIVED_FIELDS", {}):  # computed from another field: not a change
            continue
        data[field.name] = _plain(getattr(instance, field.attname))
    return data


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for each field whose value changed."""
    return {
        k: [before.get(k), after.get(k)]
        for k in after.keys() | before.keys()
        if before.get(k) != after.get(k)
    }


def audit_record(
    *, actor, instance: models.Model, action: str, changes: dict, organisation=None
) -> AuditEntry | None:
    """Write one audit entry; an update that changed nothing writes none."""
    if action == AuditEntry.Action.UPDATE and not changes:
        return None
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation=organisation,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=action,
        changes=changes,
    )


def audit_create(*, actor, instance, organisation=None):
    return audit_record(
        actor=actor,
        instance=instance,
        action=AuditEntry.Action.CREATE,
        changes={k: [None, v] for k, v in snapshot(instance).items() if v not in (None, "", [], {})},
        organisation=organisation,
    )


def audit_delete(*, actor, instance, organisation=None):
    return audit_record(
        actor=actor,
        instance=instance,
        action=AuditEntry.Action.DELETE,
        changes={k: [v, None] for k, v in snapshot(instance).items() if v not in (None, "", [], {})},
        organisation=organisation,
    )


def history_for(instance: models.Model):
    return AuditEntry.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).select_related("actor")
