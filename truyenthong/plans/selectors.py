"""Reads of plans that depend on who asks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from truyenthong.core.permissions import VIEW_PLAN, require
from truyenthong.plans.models import Plan, PlanUpload, Target, Task, TaskAssignment, TaskGroup


def plan_get_for_user(*, user, plan_id: int, action: str = VIEW_PLAN) -> Plan:
    """The plan, if the user may perform `action` on it; 404 when it does not exist, 403 when not allowed."""
    plan = get_object_or_404(Plan.objects.select_related("organisation"), pk=plan_id)
    require(user, action, plan.organisation)
    return plan


def plan_with_parts(plan: Plan) -> Plan:
    """The plan with every part loaded in a fixed number of queries, for the plan page and exports."""
    return (
        Plan.objects.select_related("organisation")
        .prefetch_related(
            "bases",
            "objectives",
            "phases",
            Prefetch("targets", queryset=Target.objects.select_related("phase").prefetch_related("measures")),
            Prefetch(
                "task_groups",
                queryset=TaskGroup.objects.prefetch_related(
                    Prefetch(
                        "tasks",
                        queryset=Task.objects.prefetch_related(
                            Prefetch("assignments", queryset=TaskAssignment.objects.select_related("unit"))
                        ),
                    )
                ),
            ),
            "responsibilities__unit",
        )
        .get(pk=plan.pk)
    )


def plans_of(organisation):
    return (
        Plan.objects.filter(organisation=organisation)
        .annotate(
            target_count=Count("targets", distinct=True), group_count=Count("task_groups", distinct=True)
        )
        .order_by("-is_current", "-issued_on", "-id")
    )


def current_plan_of(organisation) -> Plan | None:
    return Plan.objects.filter(organisation=organisation, is_current=True).order_by("-id").first()


def plan_upload_get_for_user(*, user, upload_id: int) -> PlanUpload:
    upload = get_object_or_404(PlanUpload.objects.select_related("organisation"), pk=upload_id)
    if upload.uploaded_by_id != user.pk:
        raise PermissionDenied("Bản tải lên này không phải của bạn.")
    return upload
