"""Pages of the province: the Sở's roll-up, its drill-down to schools, reporting timeliness; a school's ties."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.core.errors import AppError
from truyenthong.core.forms import message_error
from truyenthong.core.links import reverse_many
from truyenthong.core.permissions import can
from truyenthong.indicators.models import Indicator
from truyenthong.indicators.selectors import parse_period
from truyenthong.org.models import Organisation
from truyenthong.org.selectors import school_get_for_user
from truyenthong.province import actions, selectors, services


def _department_for(request, code: str) -> Organisation:
    department = get_object_or_404(Organisation, code=code, kind=Organisation.Kind.DEPARTMENT)
    if not can(request.user, actions.ROLLUP, department):
        raise PermissionDenied("Chỉ lãnh đạo, chuyên viên của Sở xem được số liệu tổng hợp toàn tỉnh.")
    return department


def _period(request):
    today = timezone.localdate()
    return parse_period(request.GET.get("ky"), today), today


@login_required
def rollup(request, code):
    department = _department_for(request, code)
    period, today = _period(request)
    rows = selectors.rollup_totals(department=department, period_key=period.key, today=today)
    return render(
        request,
        "province/rollup.html",
        {
            "department": department,
            "period": period,
            "periods": selectors.school_year_choices(today),
            "rows": rows,
            "schools_total": selectors.schools_count(department),
        },
    )


@login_required
def rollup_detail(request, code, pk):
    department = _department_for(request, code)
    indicator = get_object_or_404(Indicator, pk=pk, school=department)
    period, today = _period(request)
    try:
        row = selectors.rollup_row(
            department=department, indicator=indicator, period_key=period.key, today=today
        )
    except LookupError as exc:
        raise Http404 from exc
    unlinked = selectors.schools_unlinked(department=department, indicator=indicator)
    linked = [f for f in row.schools if f.period_key]  # a school indicator with no period here has no page
    urls = reverse_many(
        "indicators:drilldown", [(f.school_code, f.indicator_id, f.period_key) for f in linked]
    )
    for figure, url in zip(linked, urls, strict=True):
        figure.url = url
    return render(
        request,
        "province/rollup_detail.html",
        {"department": department, "period": period, "row": row, "unlinked": unlinked},
    )


@login_required
def reporting(request, code):
    department = _department_for(request, code)
    period, today = _period(request)
    data = selectors.timeliness(department=department, period_key=period.key, today=today)
    return render(
        request,
        "province/reporting.html",
        {"department": department, "periods": selectors.school_year_choices(today), **data},
    )


@login_required
def links(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.LINK)
    department = services.department_of(school)
    candidates = services.department_indicators(department) if department else []
    indicators = list(
        services.school_indicators(school)
        .select_related(
            "measure__target",
            "upstream_link__department_indicator__plan",
            "upstream_link__department_indicator__measure__target",
        )
        .order_by("measure__target__order", "measure__order", "id")
    )
    lines = []
    for ind in indicators:
        link = getattr(ind, "upstream_link", None)
        drift = selectors.link_drift(link, candidates) if link is not None else None
        lines.append({"indicator": ind, "link": link, "drift": drift})
    return render(
        request,
        "province/links.html",
        {
            "school": school,
            "department": department,
            "candidates": candidates,
            "lines": lines,
            "drifted": sum(1 for line in lines if line["drift"]),
        },
    )


@login_required
@require_POST
def links_suggest(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.LINK)
    try:
        made = services.links_suggest(school=school, actor=request.user)
    except AppError as exc:
        message_error(request, exc)
    else:
        messages.success(request, f"Đã gợi ý {made} liên kết; hãy xem lại và xác nhận từng dòng.")
    return redirect("province:links", code=school.code)


@login_required
@require_POST
def link_save(request, code, pk):
    school = school_get_for_user(user=request.user, code=code, action=actions.LINK)
    indicator = get_object_or_404(Indicator, pk=pk, school=school)
    raw = request.POST.get("department_indicator", "")
    target = None
    if raw:
        if not raw.isdigit():
            raise Http404
        target = get_object_or_404(Indicator, pk=int(raw))
    try:
        services.link_set(school_indicator=indicator, department_indicator=target, actor=request.user)
    except AppError as exc:
        message_error(request, exc)
    else:
        if target is not None and request.POST.get("chuyen"):
            messages.success(
                request, f"Đã chuyển liên kết của «{indicator.name}» sang chỉ tiêu «{target.name}» của Sở."
            )
            return redirect("province:links", code=school.code)
        messages.success(
            request,
            f"Đã liên kết «{indicator.name}» với chỉ tiêu của Sở."
            if target
            else f"Đã bỏ liên kết «{indicator.name}».",
        )
    return redirect("province:links", code=school.code)


@login_required
@require_POST
def plan_from_department(request, code):
    from truyenthong.core.permissions import IMPORT_PLAN

    school = school_get_for_user(user=request.user, code=code, action=IMPORT_PLAN)
    try:
        plan = services.plan_start_from_department(school=school, actor=request.user)
    except AppError as exc:
        message_error(request, exc)
        return redirect("province:links", code=school.code)
    messages.success(
        request,
        "Đã tạo kế hoạch của trường từ kế hoạch của Sở; các chỉ tiêu đã được liên kết. "
        "Hãy điền số, ký hiệu và sửa nội dung cho phù hợp với nhà trường.",
    )
    return redirect("plans:plan-detail", plan_id=plan.pk)
