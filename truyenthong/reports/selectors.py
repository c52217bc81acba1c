"""Reads of the reports app: what a user may open, the report list, a report's current job."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from truyenthong.core.permissions import require
from truyenthong.lib import periods as P
from truyenthong.reports import actions
from truyenthong.reports.models import Report, ReportJob


def report_get_for_user(*, user, report_id: int, action: str = actions.VIEW) -> Report:
    report = get_object_or_404(Report.objects.select_related("school", "school__parent"), pk=report_id)
    require(user, action, report.school)
    return report


def job_get_for_user(*, user, job_id: int) -> ReportJob:
    job = get_object_or_404(ReportJob.objects.select_related("report__school"), pk=job_id)
    require(user, actions.VIEW, job.report.school)
    return job


def reports_of(school):
    return Report.objects.filter(school=school).select_related("created_by")


def latest_job(report: Report) -> ReportJob | None:
    return report.jobs.order_by("-created_at", "-id").first()


def period_choices(*, school, today) -> list[tuple[str, list[tuple[str, str]]]]:
    """Periods a report can cover, grouped for a <select>: semesters, school years, the plan's phases."""
    from truyenthong.plans.selectors import current_plan_of

    first = P.current_school_year(today).start.year
    years = [P.school_year(y) for y in range(first, first - 5, -1)]
    semesters = [
        s
        for y in range(first, first - 5, -1)
        for s in (P.semester(y, 2), P.semester(y, 1))
        if s.start <= today
    ]
    plan = current_plan_of(school)
    spans = []
    if plan is not None:
        spans = sorted({(p.start_year, p.end_year) for p in plan.phases.all() if p.start_year and p.end_year})
    phases = [P.phase(a, b) for a, b in spans]
    return [
        ("Học kỳ (sơ kết học kỳ)", [(p.key, p.label) for p in semesters]),
        ("Năm học (tổng kết, báo cáo đo lường)", [(p.key, p.label) for p in years]),
        ("Giai đoạn (sơ kết, tổng kết giai đoạn)", [(p.key, p.label) for p in phases]),
    ]
