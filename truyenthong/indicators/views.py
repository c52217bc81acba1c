"""Indicator pages: the dashboard (school, unit, Sở), definitions, drill-down, hand entry, reporting periods and
task progress. Each view checks access, calls one selector or service, renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.core import personal_data
from truyenthong.core.audit import history_for
from truyenthong.core.errors import AppError
from truyenthong.core.forms import form_add_error, message_error
from truyenthong.core.links import reverse_many
from truyenthong.core.media import send_stored_file
from truyenthong.core.permissions import can
from truyenthong.indicators import actions, evaluation, forms, selectors, services
from truyenthong.indicators.models import Indicator, ManualEntry
from truyenthong.lib import periods as P
from truyenthong.org.models import Organisation
from truyenthong.org.selectors import school_get_for_user, units_of


def _unit_scope(user, school) -> list[Organisation] | None:
    """None when the user sees the whole school; else the units their unit-scoped role covers."""
    from truyenthong.records.selectors import units_user_may

    return units_user_may(user, actions.VIEW, school)


def _period_choices(today) -> list[P.Period]:
    start = P.current_school_year(today).start.year
    out = []
    for y in range(start, start - 5, -1):
        out.append(P.school_year(y))
        out.extend(p for p in (P.semester(y, 2), P.semester(y, 1)) if p.start <= today)
    return out


def _selected_unit(request, school, allowed_units):
    raw = request.GET.get("don-vi")
    unit = None
    if raw and raw.isdigit():
        unit = get_object_or_404(Organisation, pk=int(raw), school=school, kind=Organisation.Kind.UNIT)
    if allowed_units is not None:
        if unit is None or unit.pk not in {u.pk for u in allowed_units}:
            unit = allowed_units[0] if allowed_units else None
        if unit is None:
            raise PermissionDenied("Bạn không có quyền xem bảng điều khiển này.")
    return unit


@login_required
def dashboard(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    today = timezone.localdate()
    period = selectors.parse_period(request.GET.get("ky"), today)
    allowed_units = _unit_scope(request.user, school)
    unit = _selected_unit(request, school, allowed_units)
    from truyenthong.plans.selectors import current_plan_of

    plan = current_plan_of(school)
    rows = selectors.dashboard_rows(school=school, period_key=period.key, unit=unit, plan=plan, today=today)
    phases = list(plan.phases.all()) if plan else []
    raw_phase = request.GET.get("giai-doan")
    chosen = next((p for p in phases if raw_phase and raw_phase.isdigit() and p.pk == int(raw_phase)), None)
    if chosen is not None or raw_phase == "tat-ca":
        phase = chosen
        sections = [(chosen, [r for r in rows if chosen is None or r.phase == chosen])]
    else:
        # The current phase first; later (or earlier) phases follow so nothing measurable is hidden.
        year = period.start.year if period.start.month < 9 else period.start.year + 1
        phase = next(
            (p for p in phases if p.start_year and p.end_year and p.start_year <= year <= p.end_year), None
        )
        ordered = ([phase] if phase else []) + [p for p in phases if p != phase]
        sections = [(p, [r for r in rows if r.phase == p]) for p in ordered]
        sections += (
            [(None, [r for r in rows if r.phase is None])] if any(r.phase is None for r in rows) else []
        )
        sections = [(p, rs) for p, rs in sections if rs]
    shown = [r for _, rs in sections for r in rs]
    whole_school = allowed_units is None
    context = {
        "school": school,
        "plan": plan,
        "period": period,
        "periods": _period_choices(today),
        "unit": unit,
        "units": units_of(school) if whole_school else allowed_units,
        "whole_school": whole_school,
        "phases": phases,
        "phase": phase,
        "rows": shown,
        "sections": sections,
        "counts": selectors.status_counts(shown),
        "status_labels": evaluation.STATUS_LABELS,
        "can_define": can(request.user, actions.DEFINE, school),
        "can_enter": can(request.user, actions.ENTER, school),
    }
    if plan is not None and whole_school:
        context["progress"] = selectors.task_progress(plan=plan, period_key=period.key, today=today)
        context["completeness"] = selectors.completeness(school=school, period_key=period.key, today=today)
    return render(request, "indicators/dashboard.html", context)


@login_required
def department_dashboard(request, code):
    department = get_object_or_404(Organisation, code=code, kind=Organisation.Kind.DEPARTMENT)
    if not can(request.user, actions.VIEW, department):
        raise PermissionDenied("Bạn không có quyền xem bảng tổng hợp của Sở.")
    today = timezone.localdate()
    period = selectors.parse_period(request.GET.get("ky"), today)
    rows = selectors.department_overview(department=department, period_key=period.key, today=today)
    urls = reverse_many("indicators:dashboard", [(row["school"].code,) for row in rows])
    for row, url in zip(rows, urls, strict=True):
        row["url"] = url
    return render(
        request,
        "indicators/department_dashboard.html",
        {
            "department": department,
            "period": period,
            "periods": [p for p in _period_choices(today) if p.kind == P.SCHOOL_YEAR],
            "rows": rows,
            "status_labels": evaluation.STATUS_LABELS,
        },
    )


@login_required
def indicator_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    indicators = Indicator.objects.filter(school=school, plan__is_current=True).select_related(
        "measure__target__phase"
    )
    return render(
        request,
        "indicators/indicator_list.html",
        {"school": school, "indicators": indicators, "can_define": can(request.user, actions.DEFINE, school)},
    )


@login_required
def indicator_edit(request, code, pk):
    school = school_get_for_user(user=request.user, code=code, action=actions.DEFINE)
    indicator = selectors.indicator_get_for_user(user=request.user, indicator_id=pk, action=actions.DEFINE)
    if indicator.school_id != school.pk:
        raise Http404
    form = forms.IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        fresh = Indicator.objects.get(pk=indicator.pk)
        try:
            services.indicator_update(
                indicator=fresh,
                expected_version=form.cleaned_data["version"],
                actor=request.user,
                changes=changes,
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã lưu định nghĩa và tính lại chỉ số.")
            return redirect("indicators:indicator-list", code=school.code)
    from truyenthong.indicators import sources

    return render(
        request,
        "indicators/indicator_form.html",
        {"school": school, "indicator": indicator, "form": form, "sources": sources.REGISTRY.values()},
    )


@login_required
def indicator_history(request, code, pk):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    indicator = selectors.indicator_get_for_user(user=request.user, indicator_id=pk)
    if indicator.school_id != school.pk:
        raise Http404
    entries = list(history_for(indicator))
    for entry in ManualEntry.objects.filter(indicator=indicator):
        entries.extend(history_for(entry))
    entries.sort(key=lambda e: e.at, reverse=True)
    personal_data.announce_page(
        request, kind=personal_data.HISTORY, school=school, object_repr=f"Lịch sử chỉ số: {indicator.name}"
    )
    return render(
        request,
        "indicators/indicator_history.html",
        {"school": school, "indicator": indicator, "entries": entries},
    )


@login_required
def drilldown(request, code, pk, period_key):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    indicator = selectors.indicator_get_for_user(user=request.user, indicator_id=pk)
    if indicator.school_id != school.pk:
        raise Http404
    allowed_units = _unit_scope(request.user, school)
    unit = (
        _selected_unit(request, school, allowed_units)
        if (request.GET.get("don-vi") or allowed_units)
        else None
    )
    try:
        data = selectors.drilldown(user=request.user, indicator=indicator, period_key=period_key, unit=unit)
    except ValueError as exc:
        raise Http404 from exc
    return render(request, "indicators/drilldown.html", {"school": school, "d": data, "unit": unit})


@login_required
def manual_entry(request, code, pk):
    school = school_get_for_user(user=request.user, code=code, action=actions.ENTER)
    indicator = selectors.indicator_get_for_user(user=request.user, indicator_id=pk, action=actions.ENTER)
    if indicator.school_id != school.pk or indicator.method != Indicator.Method.MANUAL:
        raise Http404
    today = timezone.localdate()
    period = selectors.parse_period(request.GET.get("ky"), today)
    if period.kind != indicator.period_kind:
        period = P.period_of(indicator.period_kind, today) or period
    allowed_units = _unit_scope(request.user, school)
    unit = _selected_unit(request, school, allowed_units) if indicator.per_unit else None
    if indicator.per_unit and unit is None:
        units = units_of(school)
        unit = units.first()
    from truyenthong.records.selectors import units_user_may

    enter_units = units_user_may(request.user, actions.ENTER, school)
    if enter_units is not None and (unit is None or unit.pk not in {u.pk for u in enter_units}):
        raise PermissionDenied("Bạn chỉ nhập số liệu cho đơn vị của mình.")
    entry = ManualEntry.objects.filter(indicator=indicator, period_key=period.key, unit=unit).first()
    initial = {}
    if entry:
        initial = {
            k: getattr(entry, k) for k in ("numerator", "denominator", "value", "evidence_link", "note")
        }
        initial["version"] = entry.version
    form = forms.ManualEntryForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("evidence")
        try:
            services.manual_entry_save(
                indicator=indicator,
                period_key=period.key,
                unit=unit,
                actor=request.user,
                numerator=form.cleaned_data["numerator"],
                denominator=form.cleaned_data["denominator"],
                value=form.cleaned_data["value"],
                evidence_link=form.cleaned_data["evidence_link"],
                evidence_name=upload.name if upload else "",
                evidence_data=upload.read() if upload else None,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data.get("version"),
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã lưu số liệu và tính lại chỉ số.")
            return redirect("indicators:dashboard", code=school.code)
    return render(
        request,
        "indicators/manual_entry.html",
        {
            "school": school,
            "indicator": indicator,
            "period": period,
            "unit": unit,
            "entry": entry,
            "form": form,
            "locked": services.unit_is_locked(school=school, period_key=period.key, unit=unit),
        },
    )


@login_required
def reporting(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    today = timezone.localdate()
    period = selectors.parse_period(request.GET.get("ky"), today)
    allowed_units = _unit_scope(request.user, school)
    data = selectors.completeness(school=school, period_key=period.key, today=today)
    if allowed_units is not None:
        keep = {u.pk for u in allowed_units}
        data["units"] = [r for r in data["units"] if r.unit.pk in keep]
    return render(
        request,
        "indicators/reporting.html",
        {
            "school": school,
            "period": period,
            "periods": _period_choices(today),
            "c": data,
            "can_approve": can(request.user, actions.APPROVE, school),
            "can_enter": can(request.user, actions.ENTER, school),
            "reason_form": forms.ReasonForm(),
        },
    )


@login_required
@require_POST
def reporting_action(request, code, period_key, action):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    raw = request.POST.get("unit")
    unit = get_object_or_404(Organisation, pk=int(raw), school=school) if raw and raw.isdigit() else None
    try:
        if action == "nop":
            from truyenthong.records.selectors import units_user_may

            enter_units = units_user_may(request.user, actions.ENTER, school)
            if not can(request.user, actions.ENTER, school) or (
                enter_units is not None and (unit is None or unit.pk not in {u.pk for u in enter_units})
            ):
                raise PermissionDenied("Bạn không có quyền nộp báo cáo cho đơn vị này.")
            services.submission_submit(school=school, period_key=period_key, unit=unit, actor=request.user)
            messages.success(request, "Đã nộp báo cáo của đơn vị.")
        elif action == "duyet":
            if not can(request.user, actions.APPROVE, school):
                raise PermissionDenied("Chỉ lãnh đạo nhà trường được duyệt.")
            services.submission_approve(school=school, period_key=period_key, unit=unit, actor=request.user)
            messages.success(request, "Đã duyệt và khóa số liệu.")
        elif action == "mo-khoa":
            if not can(request.user, actions.APPROVE, school):
                raise PermissionDenied("Chỉ lãnh đạo nhà trường được mở khóa.")
            services.submission_unlock(
                school=school,
                period_key=period_key,
                unit=unit,
                actor=request.user,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, "Đã mở khóa; lý do được ghi vào lịch sử.")
        else:
            raise Http404
    except AppError as exc:
        message_error(request, exc)
    return redirect(f"{redirect('indicators:reporting', code=school.code).url}?ky={period_key}")


@login_required
def task_progress(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    from truyenthong.plans.selectors import current_plan_of

    plan = current_plan_of(school)
    today = timezone.localdate()
    period = selectors.parse_period(request.GET.get("ky"), today)
    progress = (
        selectors.task_progress(plan=plan, period_key=period.key, with_timeline=True, today=today)
        if plan
        else None
    )
    return render(
        request,
        "indicators/task_progress.html",
        {
            "school": school,
            "plan": plan,
            "period": period,
            "periods": _period_choices(today),
            "progress": progress,
        },
    )


@login_required
def entry_evidence(request, entry_id):
    entry = selectors.manual_entry_evidence_get_for_user(user=request.user, entry_id=entry_id)
    if not entry.evidence_file:
        raise Http404("Số liệu này chưa có tệp minh chứng.")
    ext = entry.evidence_file.name.rsplit(".", 1)[-1] if "." in entry.evidence_file.name else ""
    filename = f"minh-chung-{entry.indicator.pk}-{entry.period_key}" + (f".{ext}" if ext else "")
    return send_stored_file(entry.evidence_file.name, filename=filename)
