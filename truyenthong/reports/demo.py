"""Demo reports: one of every kind for the demo school, with their files generated (the last school year's
tổng kết issued as the final version). Run after the indicators and evaluation demos. Idempotent: a kind that
already has a report is left as it is."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from truyenthong.core.models import Role
from truyenthong.lib import periods as P
from truyenthong.reports import services
from truyenthong.reports.data import issuer_code
from truyenthong.reports.models import Report


def _leader(school):
    User = get_user_model()
    user = (
        User.objects.filter(role_assignments__role=Role.LEADERSHIP, role_assignments__organisation=school)
        .order_by("id")
        .first()
    )
    return user or User.objects.filter(is_superuser=True).order_by("id").first()


def demo_periods(school, today: dt.date) -> dict[str, str]:
    from truyenthong.plans.selectors import current_plan_of

    last_year = P.previous(P.current_school_year(today))
    plan = current_plan_of(school)
    spans = sorted(
        (p.start_year, p.end_year) for p in (plan.phases.all() if plan else []) if p.start_year and p.end_year
    )
    phase = P.phase(*spans[0]) if spans else P.phase(2026, 2030)
    return {
        Report.Kind.SEMESTER_REVIEW: P.semester(last_year.start.year, 2).key,
        Report.Kind.YEAR_REVIEW: last_year.key,
        Report.Kind.PHASE_INTERIM: phase.key,
        Report.Kind.PHASE_FINAL: phase.key,
        Report.Kind.MEASUREMENT: last_year.key,
    }


def build(school, *, today: dt.date | None = None) -> list[Report]:
    today = today or timezone.localdate()
    actor = _leader(school)
    if actor is None:
        return []
    made = []
    for kind, period_key in demo_periods(school, today).items():
        if Report.objects.filter(school=school, kind=kind).exists():
            continue
        report = services.report_create(
            school=school, actor=actor, kind=kind, period_key=period_key, today=today
        )
        if kind == Report.Kind.YEAR_REVIEW:
            period = P.period_from_key(period_key)
            services.report_update(
                report=report,
                actor=actor,
                expected_version=report.version,
                changes={
                    "number": f"52/BC-{_code(school)}",
                    "issued_on": min(period.end, dt.date(period.end.year, 5, 28)),
                },
            )
            report.refresh_from_db()
            services.report_finalise(report=report, actor=actor, today=today)
        made.append(services.report_generate_now(report, today=today))
    return made


def _code(school) -> str:
    from truyenthong.plans.selectors import current_plan_of

    return issuer_code(school, current_plan_of(school))
