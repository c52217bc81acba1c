"""Optimistic concurrency: an edit names the version it started from; a stale one is refused, never merged."""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils import timezone

from truyenthong.core.audit import audit_record, diff, snapshot
from truyenthong.core.errors import ConflictError
from truyenthong.core.models import AuditEntry


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def update_versioned(
    *, instance: Versioned, expected_version: int, changes: dict, actor, organisation=None
) -> dict:
    """Apply `changes` to `instance` if nobody saved it since `expected_version`; audit and return the diff.

    The version check and the write are one UPDATE, so two editors racing cannot both win.
    """
    model = type(instance)
    # Compare with what is stored, not with the object handed in: a bound ModelForm has already copied its data
    # onto its instance.
    before = snapshot(model.objects.get(pk=instance.pk))
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    after = snapshot(instance)
    changed = diff(before, after)
    if not changed:
        return {}
    db_values = {
        model._meta.get_field(n).attname: getattr(instance, model._meta.get_field(n).attname) for n in changes
    }
    # A field the model derives from another (Person.sort_name from full_name, set by its clean()) is written with it.
    for derived, source in getattr(model, "DERIVED_FIELDS", {}).items():
        if source in changes:
            db_values[model._meta.get_field(derived).attname] = getattr(instance, derived)
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        db_values["updated_at"] = timezone.now()
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        **db_values, version=F("version") + 1
    )
    if updated != 1:
        raise ConflictError(
            "Nội dung này vừa được người khác sửa sau khi bạn mở trang. "
            "Hãy tải lại trang để xem bản mới nhất rồi sửa lại; thay đổi của bạn chưa được lưu."
        )
    instance.version = expected_version + 1
    audit_record(
        actor=actor,
        instance=instance,
        action=AuditEntry.Action.UPDATE,
        changes=changed,
        organisation=organisation,
    )
    return changed
