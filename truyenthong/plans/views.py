"""Plan pages: list, the whole plan, upload with preview, corrections, Word export, history."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from truyenthong.core import personal_data
from truyenthong.core.audit import history_for
from truyenthong.core.errors import AppError
from truyenthong.core.forms import form_add_error, message_error
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import CHANGE_PLAN, EXPORT_PLAN, IMPORT_PLAN, VIEW_AUDIT, VIEW_PLAN, can
from truyenthong.lib.plandoc import PlanDocument, describe_measure, write_plan_docx
from truyenthong.lib.vntext import slugify_vi
from truyenthong.org.selectors import school_get_for_user
from truyenthong.plans import forms, services
from truyenthong.plans.models import (
    LegalBasis,
    Measure,
    Objective,
    Phase,
    Responsibility,
    Target,
    Task,
    TaskGroup,
)
from truyenthong.plans.selectors import plan_get_for_user, plan_upload_get_for_user, plan_with_parts, plans_of


@login_required
def plan_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW_PLAN)
    return render(
        request,
        "plans/plan_list.html",
        {"school": school, "plans": plans_of(school), "can_import": can(request.user, IMPORT_PLAN, school)},
    )


@login_required
def plan_detail(request, plan_id):
    plan = plan_get_for_user(user=request.user, plan_id=plan_id)
    org = plan.organisation
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan_with_parts(plan),
            "school": org,
            "can_change": can(request.user, CHANGE_PLAN, org),
            "can_export": can(request.user, EXPORT_PLAN, org),
            "can_view_audit": can(request.user, VIEW_AUDIT, org),
        },
    )


@login_required
def plan_upload(request, code):
    school = school_get_for_user(user=request.user, code=code, action=IMPORT_PLAN)
    form = forms.PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["document"]
        if uploaded.size > settings.UPLOAD_MAX_BYTES:
            form.add_error(
                "document", f"Tệp quá lớn; giới hạn là {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB."
            )
        else:
            try:
                upload = services.plan_upload_create(
                    organisation=school,
                    data=uploaded.read(),
                    filename=uploaded.name,
                    actor=request.user,
                    max_bytes=settings.UPLOAD_MAX_BYTES,
                )
            except AppError as exc:
                form_add_error(form, exc, field="document")
            else:
                return redirect("plans:upload-preview", upload_id=upload.pk)
    return render(request, "plans/plan_upload.html", {"school": school, "form": form})


@login_required
def upload_preview(request, upload_id):
    upload = plan_upload_get_for_user(user=request.user, upload_id=upload_id)
    school = upload.organisation
    if not can(request.user, IMPORT_PLAN, school):
        raise Http404
    document = PlanDocument.from_dict(upload.parsed)
    proposals = services.document_indicator_proposals(document)
    form = forms.UploadConfirmForm(
        request.POST if request.method == "POST" else None,
        document=document,
        proposals=proposals,
        indicator_names=services.indicator_names(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_upload_confirm(
                upload=upload,
                actor=request.user,
                acknowledged=form.acknowledged(),
                indicator_choices=form.indicator_choices(),
            )
        except AppError as exc:
            message_error(request, exc)
        else:
            messages.success(request, f"Đã lưu {plan}. Kế hoạch này là kế hoạch đang thực hiện của đơn vị.")
            return redirect("plans:plan-detail", plan_id=plan.pk)
    targets = [
        {
            "phase": target.phase,
            "text": target.text,
            "measures": [
                {
                    "label": describe_measure(measure),
                    "field": form.measure_field(t, m),
                    "proposal": proposals.get((t, m)),
                }
                for m, measure in enumerate(target.measures)
            ],
        }
        for t, target in enumerate(document.targets)
    ]
    return render(
        request,
        "plans/upload_preview.html",
        {"school": school, "upload": upload, "doc": document, "form": form, "targets": targets},
    )


@login_required
def plan_export_docx(request, plan_id):
    plan = plan_get_for_user(user=request.user, plan_id=plan_id, action=EXPORT_PLAN)
    data = write_plan_docx(services.plan_to_document(plan_with_parts(plan)))
    filename = f"ke-hoach-{slugify_vi(plan.number or str(plan.pk))}.docx"
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_edit(request, plan_id):
    plan = plan_get_for_user(user=request.user, plan_id=plan_id, action=CHANGE_PLAN)
    form = forms.PlanHeaderForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_part_update(
                instance=plan,
                plan=plan,
                expected_version=form.cleaned_data["version"],
                actor=request.user,
                changes=form.changes(),
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã lưu thông tin chung của kế hoạch.")
            return redirect("plans:plan-detail", plan_id=plan.pk)
    return render(
        request,
        "plans/part_edit.html",
        {"plan": plan, "school": plan.organisation, "form": form, "heading": "Sửa thông tin chung"},
    )


@dataclass(frozen=True)
class Part:
    model: type
    form: type
    plan_lookup: str
    label: str
    deletable: bool
    needs_plan: bool = False


PARTS: dict[str, Part] = {
    "can-cu": Part(LegalBasis, forms.LegalBasisForm, "plan", "căn cứ", True),
    "muc-tieu": Part(Objective, forms.ObjectiveForm, "plan", "mục tiêu chung", True),
    "giai-doan": Part(Phase, forms.PhaseForm, "plan", "giai đoạn", False),
    "chi-tieu": Part(Target, forms.TargetForm, "plan", "chỉ tiêu", True, needs_plan=True),
    "thuoc-do": Part(Measure, forms.MeasureForm, "target__plan", "thước đo", True),
    "nhom-nhiem-vu": Part(TaskGroup, forms.TaskGroupForm, "plan", "nhóm nhiệm vụ", False),
    "nhiem-vu": Part(Task, forms.TaskForm, "group__plan", "nhiệm vụ", True, needs_plan=True),
    "trach-nhiem": Part(
        Responsibility, forms.ResponsibilityForm, "plan", "trách nhiệm", False, needs_plan=True
    ),
}


def _part(plan, part_slug, pk):
    part = PARTS.get(part_slug)
    if part is None:
        raise Http404
    instance = get_object_or_404(part.model, pk=pk, **{part.plan_lookup: plan})
    return part, instance


@login_required
def part_edit(request, plan_id, part_slug, pk):
    plan = plan_get_for_user(user=request.user, plan_id=plan_id, action=CHANGE_PLAN)
    part, instance = _part(plan, part_slug, pk)
    extra = {"plan": plan} if part.needs_plan else {}
    form = part.form(request.POST or None, instance=instance, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_part_update(
                instance=instance,
                plan=plan,
                expected_version=form.cleaned_data["version"],
                actor=request.user,
                changes=form.changes(),
            )
            if isinstance(instance, Task):
                services.task_units_set(
                    task=instance,
                    plan=plan,
                    units=list(form.cleaned_data["assigned_units"]),
                    actor=request.user,
                )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, f"Đã lưu {part.label}.")
            return redirect(f"{plan_url(plan)}#{part_slug}-{instance.pk}")
    history = history_for(instance)[:10]
    if history:  # who changed it, by name: a read of personal data (Law 91)
        personal_data.announce_page(
            request,
            kind=personal_data.HISTORY,
            school=plan.organisation,
            object_repr=f"Lịch sử: {part.label}",
        )
    return render(
        request,
        "plans/part_edit.html",
        {
            "plan": plan,
            "school": plan.organisation,
            "form": form,
            "heading": f"Sửa {part.label}",
            "delete_slug": part_slug if part.deletable else "",
            "instance": instance,
            "history": history,
        },
    )


@login_required
@require_POST
def part_delete(request, plan_id, part_slug, pk):
    plan = plan_get_for_user(user=request.user, plan_id=plan_id, action=CHANGE_PLAN)
    part, instance = _part(plan, part_slug, pk)
    if not part.deletable:
        raise Http404
    services.plan_part_delete(instance=instance, plan=plan, actor=request.user)
    messages.success(request, f"Đã xóa {part.label}.")
    return redirect("plans:plan-detail", plan_id=plan.pk)


@login_required
def measure_add(request, plan_id, target_id):
    plan = plan_get_for_user(user=request.user, plan_id=plan_id, action=CHANGE_PLAN)
    target = get_object_or_404(Target, pk=target_id, plan=plan)
    form = forms.MeasureCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.measure_create(target=target, actor=request.user, **fields)
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã thêm thước đo.")
            return redirect(f"{plan_url(plan)}#chi-tieu-{target.pk}")
    return render(
        request,
        "plans/part_edit.html",
        {
            "plan": plan,
            "school": plan.organisation,
            "form": form,
            "heading": f"Thêm thước đo cho chỉ tiêu: {target.text[:80]}",
        },
    )


@login_required
def task_add(request, plan_id, group_id):
    plan = plan_get_for_user(user=request.user, plan_id=plan_id, action=CHANGE_PLAN)
    group = get_object_or_404(TaskGroup, pk=group_id, plan=plan)
    form = forms.NewTextForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(group=group, text=form.cleaned_data["text"], actor=request.user)
        except AppError as exc:
            form_add_error(form, exc, field="text")
        else:
            messages.success(request, "Đã thêm nhiệm vụ; hãy phân công đơn vị thực hiện.")
            return redirect("plans:part-edit", plan_id=plan.pk, part_slug="nhiem-vu", pk=task.pk)
    return render(
        request,
        "plans/part_edit.html",
        {
            "plan": plan,
            "school": plan.organisation,
            "form": form,
            "heading": f"Thêm nhiệm vụ vào nhóm {group.number}",
        },
    )


@login_required
def plan_history(request, plan_id):
    plan = plan_get_for_user(user=request.user, plan_id=plan_id, action=VIEW_AUDIT)
    entries = AuditEntry.objects.filter(organisation=plan.organisation).select_related("actor")[:200]
    return render(
        request, "plans/plan_history.html", {"plan": plan, "school": plan.organisation, "entries": entries}
    )


def plan_url(plan) -> str:
    from django.urls import reverse

    return reverse("plans:plan-detail", kwargs={"plan_id": plan.pk})
