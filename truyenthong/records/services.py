"""Writes for the records behind targets: validated, audited, refused in a locked period, and followed by a
recomputation of the indicators that read them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from truyenthong.core.audit import audit_create, audit_delete, audit_record
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.events import announce_school_data_changed, period_is_locked
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import require, require_actor
from truyenthong.core.versioning import update_versioned
from truyenthong.records import actions
from truyenthong.records.kinds import KINDS
from truyenthong.records.models import DepartmentPlan, ITSelfAssessment


def school_year_of_record(instance) -> str | None:
    """The school year a record counts in (for the lock check)."""
    from truyenthong.lib.periods import school_year_of

    if getattr(instance, "school_year", None):
        return instance.school_year
    school_class = getattr(instance, "school_class", None)
    if school_class is not None:
        return school_class.school_year
    for name in ("occurred_on", "start"):
        day = getattr(instance, name, None)
        if day:
            return school_year_of(day).key
    return None


def _ensure_open(instance) -> None:
    year = school_year_of_record(instance)
    if year and period_is_locked(sender="records", school=instance.school, period_key=year):
        raise NotAllowed(
            f"Năm học {year} đã được duyệt và khóa số liệu; không thể thêm, sửa hay xóa hồ sơ của năm này. "
            "Lãnh đạo nhà trường có thể mở khóa (kèm lý do) nếu cần điều chỉnh."
        )


def _refresh(school) -> None:
    """Records feed indicators: announce the change once it commits (indicators subscribe and recompute)."""
    announce_school_data_changed(sender="records", school=school, source="records")


def _validate(instance) -> None:
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean()
    except ValidationError as exc:
        raise InvalidInput(
            "Dữ liệu chưa hợp lệ.", errors=[m for ms in exc.message_dict.values() for m in ms]
        ) from exc


def _ask_change(actor, model, school, *, unit=None) -> None:
    """The same check as the record pages: the kind's change action (a tổ's plan: on its tổ); a teacher's IT
    self-assessment is written by the teacher (their own record is found by the page, not by a role's scope)."""
    if model is ITSelfAssessment:
        require_actor(actor, actions.SELF_ASSESS, school)
        return
    action = next(k.change_action for k in KINDS.values() if k.model is model)
    require_actor(actor, action, school, unit=unit if model is DepartmentPlan else None)


@transaction.atomic
def record_create(*, model, school, actor, **fields):
    _ask_change(actor, model, school, unit=fields.get("unit"))
    instance = model(
        school=school, created_by=actor if getattr(actor, "is_authenticated", False) else None, **fields
    )
    _validate(instance)
    _ensure_open(instance)
    instance.save()
    audit_create(actor=actor, instance=instance, organisation=school)
    _refresh(school)
    return instance


@transaction.atomic
def record_update(*, instance, expected_version: int, actor, changes: dict) -> dict:
    _ask_change(actor, type(instance), instance.school, unit=getattr(instance, "unit", None))
    if changes.get("unit") is not None:
        _ask_change(actor, type(instance), instance.school, unit=changes["unit"])
    _ensure_open(instance)
    changed = update_versioned(
        instance=instance,
        expected_version=expected_version,
        changes=changes,
        actor=actor,
        organisation=instance.school,
    )
    _ensure_open(instance)  # moving a record into a locked year is refused too
    if changed:
        _refresh(instance.school)
    return changed


@transaction.atomic
def record_delete(*, instance, actor) -> None:
    _ask_change(actor, type(instance), instance.school, unit=getattr(instance, "unit", None))
    _ensure_open(instance)
    school = instance.school
    audit_delete(actor=actor, instance=instance, organisation=school)
    instance.delete()
    _refresh(school)


def _transition(instance, *, actor, changes: dict, note: str = "") -> None:
    before = {k: getattr(instance, k) for k in changes}
    model = type(instance)
    model.objects.filter(pk=instance.pk).update(**changes, version=instance.version + 1)
    for k, v in changes.items():
        setattr(instance, k, v)
    instance.version += 1
    audit_record(
        actor=actor,
        instance=instance,
        action=AuditEntry.Action.UPDATE,
        changes={
            k: [str(before[k]) if before[k] is not None else None, str(v) if v is not None else None]
            for k, v in changes.items()
            if k in ("status", "meets", "review_comment", "confirm_comment")
        }
        | ({"ghi_chu": [None, note]} if note else {}),
        organisation=instance.school,
    )


@transaction.atomic
def department_plan_submit(*, plan: DepartmentPlan, actor) -> DepartmentPlan:
    require(actor, actions.DEPT_PLAN, plan.school, unit=plan.unit)
    _ensure_open(plan)
    if plan.status not in (DepartmentPlan.Status.DRAFT, DepartmentPlan.Status.RETURNED):
        raise NotAllowed("Chỉ nộp được kế hoạch đang soạn hoặc đã bị trả lại.")
    if not plan.content.strip():
        raise InvalidInput("Kế hoạch chưa có nội dung; hãy soạn nội dung trước khi nộp.")
    _transition(
        plan, actor=actor, changes={"status": DepartmentPlan.Status.SUBMITTED, "submitted_at": timezone.now()}
    )
    _refresh(plan.school)
    return plan


@transaction.atomic
def department_plan_review(
    *, plan: DepartmentPlan, actor, approve: bool, comment: str = ""
) -> DepartmentPlan:
    require(actor, actions.APPROVE, plan.school)
    _ensure_open(plan)
    if plan.status != DepartmentPlan.Status.SUBMITTED:
        raise NotAllowed("Chỉ duyệt hoặc trả lại kế hoạch đã nộp.")
    if not approve and not comment.strip():
        raise InvalidInput("Khi trả lại kế hoạch, hãy ghi ý kiến để tổ chuyên môn biết cần sửa gì.")
    _transition(
        plan,
        actor=actor,
        changes={
            "status": DepartmentPlan.Status.APPROVED if approve else DepartmentPlan.Status.RETURNED,
            "reviewed_by": actor if getattr(actor, "is_authenticated", False) else None,
            "reviewed_at": timezone.now(),
            "review_comment": comment.strip(),
        },
    )
    _refresh(plan.school)
    return plan


@transaction.atomic
def it_assessment_confirm(
    *, assessment: ITSelfAssessment, actor, meets: bool, comment: str = ""
) -> ITSelfAssessment:
    require(actor, actions.CONFIRM, assessment.school)  # the tổ trưởng's own tổ: record_get_for_user
    _ensure_open(assessment)
    if assessment.status == ITSelfAssessment.Status.CONFIRMED and assessment.meets == meets:
        raise NotAllowed("Bản tự đánh giá này đã được xác nhận.")
    _transition(
        assessment,
        actor=actor,
        changes={
            "status": ITSelfAssessment.Status.CONFIRMED,
            "meets": meets,
            "confirmed_by": actor if getattr(actor, "is_authenticated", False) else None,
            "confirmed_at": timezone.now(),
            "confirm_comment": comment.strip(),
        },
    )
    _refresh(assessment.school)
    return assessment


@transaction.atomic
def it_assessment_return(*, assessment: ITSelfAssessment, actor, comment: str) -> ITSelfAssessment:
    require(actor, actions.CONFIRM, assessment.school)
    _ensure_open(assessment)
    if not comment.strip():
        raise InvalidInput("Khi trả lại, hãy ghi ý kiến cho giáo viên.")
    _transition(
        assessment,
        actor=actor,
        changes={
            "status": ITSelfAssessment.Status.RETURNED,
            "meets": False,
            "confirm_comment": comment.strip(),
        },
    )
    _refresh(assessment.school)
    return assessment
