"""Record pages: the overview, one list/add/edit/delete/history set for every kind, the department-plan review,
the teacher's own IT self-assessment and its confirmation by the tổ trưởng."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.core import personal_data
from truyenthong.core.audit import history_for
from truyenthong.core.errors import AppError
from truyenthong.core.forms import form_add_error, message_error
from truyenthong.core.permissions import can
from truyenthong.lib.periods import current_school_year
from truyenthong.org.models import Organisation
from truyenthong.records import actions, forms, selectors, services
from truyenthong.records.models import DepartmentPlan, ITSelfAssessment


def _school(request, code, *allowed):
    """The school, if the user holds any of `allowed` on it (each view then checks the precise action)."""
    school = get_object_or_404(Organisation, code=code, kind=Organisation.Kind.SCHOOL)
    if not any(can(request.user, a, school) for a in allowed):
        raise PermissionDenied("Bạn không có quyền xem hồ sơ của trường này.")
    return school


def _year(request) -> str:
    year = request.GET.get("nam-hoc") or current_school_year(timezone.localdate()).key
    return year if len(year) == 9 and year[4] == "-" else current_school_year(timezone.localdate()).key


def _years() -> list[str]:
    start = current_school_year(timezone.localdate()).start.year
    return [f"{y}-{y + 1}" for y in range(start, start - 6, -1)]


@login_required
def record_home(request, code):
    school = _school(request, code, actions.VIEW, actions.SUMMARY)
    year = _year(request)
    summary = (
        selectors.summary_counts(school=school, school_year=year)
        if can(request.user, actions.SUMMARY, school)
        else []
    )
    counts = {s["kind"].slug: s["count"] for s in summary}
    kinds = [
        {"kind": k, "can_view": can(request.user, k.view_action, school), "count": counts.get(k.slug)}
        for k in selectors.KINDS.values()
        if can(request.user, k.view_action, school) or can(request.user, actions.SUMMARY, school)
    ]
    return render(
        request,
        "records/record_home.html",
        {
            "school": school,
            "year": year,
            "years": _years(),
            "kinds": kinds,
            "can_self_assess": can(request.user, actions.SELF_ASSESS, school)
            and selectors.own_person(request.user, school),
            "staff_view": can(request.user, actions.VIEW, school),
        },
    )


@login_required
def record_list(request, code, kind):
    school = _school(request, code, actions.VIEW, actions.SUMMARY, actions.CONFIRM)
    k = selectors.kind_get(kind)
    year = _year(request)
    records = selectors.records_for(user=request.user, school=school, kind=k, school_year=year)
    rows = [(r, [col(r) for _, col in k.columns]) for r in records]
    if k.logs_reads:
        personal_data.announce_page(
            request, kind=personal_data.RECORDS, school=school, object_repr=f"{k.label} {year}"
        )
    return render(
        request,
        "records/record_list.html",
        {
            "school": school,
            "kind": k,
            "year": year,
            "years": _years(),
            "headers": [h for h, _ in k.columns],
            "rows": rows,
            "can_change": can(request.user, k.change_action, school) and k.slug != "tu-danh-gia-cntt",
            "can_approve": can(request.user, actions.APPROVE, school),
        },
    )


def _form_kwargs(request, school, k):
    kwargs = {"school": school}
    if k.slug == "ke-hoach-to":
        kwargs["units"] = selectors.units_user_may(request.user, actions.DEPT_PLAN, school)
    return kwargs


@login_required
def record_create(request, code, kind):
    school = _school(
        request,
        code,
        actions.VIEW,
        actions.CHANGE,
        actions.DEPT_PLAN,
        actions.INCIDENT_CHANGE,
        actions.PERSONNEL,
    )
    k = selectors.kind_get(kind)
    if k.slug == "tu-danh-gia-cntt" or not can(request.user, k.change_action, school):
        raise PermissionDenied("Bạn không có quyền thêm loại hồ sơ này.")
    form = k.form(request.POST or None, **_form_kwargs(request, school, k))
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
        if k.slug == "ke-hoach-to" and not can(request.user, actions.DEPT_PLAN, school, unit=fields["unit"]):
            raise PermissionDenied("Bạn chỉ soạn kế hoạch cho tổ của mình.")
        try:
            record = services.record_create(model=k.model, school=school, actor=request.user, **fields)
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, f"Đã lưu: {record}.")
            return redirect("records:record-list", code=school.code, kind=k.slug)
    if k.logs_reads:  # the form's picker lists the school's staff
        personal_data.announce_page(
            request, kind=personal_data.RECORDS, school=school, object_repr=f"{k.label}: thêm mới"
        )
    return render(
        request, "records/record_form.html", {"school": school, "kind": k, "form": form, "record": None}
    )


@login_required
def record_edit(request, code, kind, pk):
    school = _school(
        request,
        code,
        actions.VIEW,
        actions.CHANGE,
        actions.DEPT_PLAN,
        actions.INCIDENT_CHANGE,
        actions.PERSONNEL,
    )
    k = selectors.kind_get(kind)
    if k.slug == "tu-danh-gia-cntt":
        raise PermissionDenied("Giáo viên tự sửa bản tự đánh giá của mình.")
    record = selectors.record_get_for_user(
        user=request.user, school=school, kind=k, pk=pk, action=k.change_action
    )
    if k.slug == "ke-hoach-to" and record.status in (
        DepartmentPlan.Status.SUBMITTED,
        DepartmentPlan.Status.APPROVED,
    ):
        messages.error(request, "Kế hoạch đã nộp hoặc đã duyệt thì không sửa được.")
        return redirect("records:record-list", code=school.code, kind=k.slug)
    form = k.form(request.POST or None, instance=record, **_form_kwargs(request, school, k))
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            services.record_update(
                instance=record,
                expected_version=form.cleaned_data.get("version") or record.version,
                actor=request.user,
                changes=changes,
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("records:record-list", code=school.code, kind=k.slug)
    if k.logs_reads:
        personal_data.announce_page(
            request, kind=personal_data.RECORDS, school=school, object_repr=f"{k.label}: {record}"
        )
    return render(
        request, "records/record_form.html", {"school": school, "kind": k, "form": form, "record": record}
    )


@login_required
@require_POST
def record_delete(request, code, kind, pk):
    school = _school(
        request, code, actions.CHANGE, actions.DEPT_PLAN, actions.INCIDENT_CHANGE, actions.PERSONNEL
    )
    k = selectors.kind_get(kind)
    record = selectors.record_get_for_user(
        user=request.user, school=school, kind=k, pk=pk, action=k.change_action
    )
    try:
        services.record_delete(instance=record, actor=request.user)
    except AppError as exc:
        message_error(request, exc)
    else:
        messages.success(request, "Đã xóa hồ sơ.")
    return redirect("records:record-list", code=school.code, kind=k.slug)


@login_required
def record_history(request, code, kind, pk):
    school = _school(request, code, actions.VIEW, actions.CONFIRM, actions.INCIDENT_VIEW, actions.PERSONNEL)
    k = selectors.kind_get(kind)
    record = selectors.record_get_for_user(user=request.user, school=school, kind=k, pk=pk)
    # A history names its actors whatever the kind of record
    personal_data.announce_page(
        request, kind=personal_data.HISTORY, school=school, object_repr=f"Lịch sử: {k.label}: {record}"
    )
    return render(
        request,
        "records/record_history.html",
        {"school": school, "kind": k, "record": record, "entries": history_for(record)},
    )


@login_required
@require_POST
def department_plan_action(request, code, pk, action):
    school = _school(request, code, actions.DEPT_PLAN, actions.APPROVE)
    k = selectors.kind_get("ke-hoach-to")
    comment = request.POST.get("comment", "")
    try:
        if action == "nop":
            plan = selectors.record_get_for_user(
                user=request.user, school=school, kind=k, pk=pk, action=actions.DEPT_PLAN
            )
            services.department_plan_submit(plan=plan, actor=request.user)
            messages.success(request, "Đã nộp kế hoạch cho lãnh đạo nhà trường.")
        elif action in ("duyet", "tra-lai"):
            plan = selectors.record_get_for_user(
                user=request.user, school=school, kind=k, pk=pk, action=actions.APPROVE
            )
            services.department_plan_review(
                plan=plan, actor=request.user, approve=action == "duyet", comment=comment
            )
            messages.success(
                request, "Đã duyệt kế hoạch." if action == "duyet" else "Đã trả lại kế hoạch kèm ý kiến."
            )
        else:
            raise PermissionDenied("Thao tác không hợp lệ.")
    except AppError as exc:
        message_error(request, exc)
    return redirect("records:record-list", code=school.code, kind=k.slug)


@login_required
def my_it_assessment(request, code):
    school = _school(request, code, actions.SELF_ASSESS)
    person = selectors.own_person(request.user, school)
    if person is None:
        raise PermissionDenied("Tài khoản của bạn chưa gắn với hồ sơ cán bộ của trường này.")
    year = _year(request)
    record = ITSelfAssessment.objects.filter(school=school, person=person, school_year=year).first()
    form = forms.ITSelfAssessmentForm(
        request.POST or None, instance=record, school=school, initial={"school_year": year}
    )
    if request.method == "POST" and form.is_valid():
        fields = {
            "school_year": form.cleaned_data["school_year"],
            "self_meets": form.cleaned_data["self_meets"],
            "note": form.cleaned_data["note"],
            "criteria_met": [int(x) for x in form.cleaned_data["criteria"]],
        }
        try:
            if record is None:
                services.record_create(
                    model=ITSelfAssessment, school=school, actor=request.user, person=person, **fields
                )
            elif record.status == ITSelfAssessment.Status.CONFIRMED:
                raise AppError("Bản tự đánh giá đã được tổ trưởng xác nhận; không sửa được nữa.")
            else:
                fields["status"] = ITSelfAssessment.Status.SUBMITTED
                services.record_update(
                    instance=record,
                    expected_version=form.cleaned_data.get("version") or record.version,
                    actor=request.user,
                    changes=fields,
                )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã gửi bản tự đánh giá cho tổ trưởng.")
            return redirect("records:it-mine", code=school.code)
    return render(
        request, "records/it_mine.html", {"school": school, "form": form, "record": record, "year": year}
    )


@login_required
@require_POST
def it_assessment_confirm(request, code, pk):
    school = _school(request, code, actions.CONFIRM)
    k = selectors.kind_get("tu-danh-gia-cntt")
    record = selectors.record_get_for_user(
        user=request.user, school=school, kind=k, pk=pk, action=actions.CONFIRM
    )
    decision = request.POST.get("decision")
    comment = request.POST.get("comment", "")
    try:
        if decision == "return":
            services.it_assessment_return(assessment=record, actor=request.user, comment=comment)
        else:
            services.it_assessment_confirm(
                assessment=record, actor=request.user, meets=decision == "meets", comment=comment
            )
    except AppError as exc:
        message_error(request, exc)
    else:
        messages.success(request, "Đã ghi nhận ý kiến của tổ trưởng.")
    return redirect(
        f"{redirect('records:record-list', code=school.code, kind=k.slug).url}?nam-hoc={record.school_year}"
    )
