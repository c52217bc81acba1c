"""Reads of the evaluation app: what a user may open, the year's results, rankings, overdue follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from truyenthong.core.permissions import can, require
from truyenthong.evaluation import actions
from truyenthong.evaluation.models import (
    Commendation,
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    EmulationScore,
    EmulationYear,
    EvaluationCycle,
    FollowUp,
    Inspection,
    UnitAssessment,
)
from truyenthong.evaluation.ranking import Ranked, Thresholds, rank


def criteria_set_current(school) -> CriteriaSet | None:
    return (
        CriteriaSet.objects.filter(school=school)
        .prefetch_related(
            Prefetch(
                "groups",
                queryset=CriteriaGroup.objects.prefetch_related(
                    Prefetch("criteria", queryset=Criterion.objects.select_related("indicator"))
                ),
            )
        )
        .order_by("-id")
        .first()
    )


def cycle_of(school, period_key: str) -> EvaluationCycle | None:
    return EvaluationCycle.objects.filter(school=school, period_key=period_key).first()


def assessment_get_for_user(*, user, assessment_id: int, action: str = actions.VIEW) -> UnitAssessment:
    assessment = get_object_or_404(
        UnitAssessment.objects.select_related("cycle__school", "cycle__criteria_set", "unit"),
        pk=assessment_id,
    )
    school = assessment.cycle.school
    if action == actions.SELF_ASSESS:
        require(user, action, school, unit=assessment.unit)
    elif action == actions.VIEW:
        # Before publication only leadership and the unit itself see a unit's scores.
        if not (
            can(user, actions.SCORE, school)
            or can(user, actions.SELF_ASSESS, school, unit=assessment.unit)
            or (assessment.cycle.is_published and can(user, actions.VIEW, school))
        ):
            require(user, actions.SCORE, school)
    else:
        require(user, action, school)
    return assessment


def inspection_get_for_user(*, user, inspection_id: int, action: str = actions.VIEW) -> Inspection:
    inspection = get_object_or_404(Inspection.objects.select_related("school", "unit"), pk=inspection_id)
    require(user, action, inspection.school)
    return inspection


def follow_up_get_for_user(*, user, follow_up_id: int) -> FollowUp:
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("inspection__school", "owner"), pk=follow_up_id
    )
    require(user, actions.VIEW, follow_up.inspection.school)
    return follow_up


def units_self_assessable(user, cycle: EvaluationCycle) -> list[UnitAssessment]:
    """The assessments of the cycle the user may fill in (their own unit; every unit for leadership)."""
    return [
        a
        for a in cycle.assessments.select_related("unit")
        if can(user, actions.SELF_ASSESS, cycle.school, unit=a.unit)
    ]


@dataclass
class CriterionLine:
    criterion: Criterion
    row: object  # CriterionScore


def assessment_lines(assessment: UnitAssessment) -> list[tuple[CriteriaGroup, list[CriterionLine]]]:
    from truyenthong.evaluation.services import _ensure_rows

    _ensure_rows(assessment)
    rows = {r.criterion_id: r for r in assessment.scores.all()}
    criteria_set = assessment.cycle.criteria_set
    out = []
    for group in criteria_set.groups.prefetch_related("criteria"):
        out.append((group, [CriterionLine(c, rows.get(c.pk)) for c in group.criteria.all()]))
    return out


@dataclass
class UnitResult:
    assessment: UnitAssessment
    unit: object
    self_total: Decimal | None
    score_total: Decimal | None
    max_total: Decimal
    percent: Decimal | None

    @property
    def state_label(self) -> str:
        return UnitAssessment.State(self.assessment.state).label


def cycle_results(cycle: EvaluationCycle) -> list[UnitResult]:
    """Each unit's self-assessed and scored totals, and the score as a percentage of the maximum."""
    criteria = list(Criterion.objects.filter(group__criteria_set=cycle.criteria_set))
    max_total = sum((c.max_points for c in criteria), Decimal(0))
    out = []
    for assessment in cycle.assessments.select_related("unit").prefetch_related("scores"):
        scores = list(assessment.scores.all())
        selfs = [s.self_score for s in scores if s.self_score is not None]
        given = [s.score for s in scores if s.score is not None]
        complete = assessment.state == UnitAssessment.State.SCORED
        score_total = sum(given, Decimal(0)) if complete else None
        percent = None
        if score_total is not None and max_total:
            percent = (score_total / max_total * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        out.append(
            UnitResult(
                assessment=assessment,
                unit=assessment.unit,
                self_total=sum(selfs, Decimal(0)) if selfs else None,
                score_total=score_total,
                max_total=max_total,
                percent=percent,
            )
        )
    return out


def thresholds_of(year: EmulationYear) -> Thresholds:
    return Thresholds(excellent=year.excellent, good=year.good, complete=year.complete)


def emulation_year_of(school, period_key: str) -> EmulationYear:
    """The year's emulation settings, or unsaved defaults when nobody has set them (reads never write)."""
    return EmulationYear.objects.filter(school=school, period_key=period_key).first() or EmulationYear(
        school=school, period_key=period_key
    )


def emulation_ranking(year: EmulationYear) -> dict[str, list[Ranked]]:
    """Units and individuals ranked separately: every unit of the school is listed (unscored ones last), people
    only when they have a score row."""
    from truyenthong.org.selectors import units_of

    scores = (
        list(EmulationScore.objects.filter(year=year).select_related("unit", "person")) if year.pk else []
    )
    by_unit = {s.unit_id: s.score for s in scores if s.unit_id}
    units = [(u, u.name, by_unit.get(u.pk)) for u in units_of(year.school).filter(is_active=True)]
    people = [(s.person, s.person.full_name, s.score) for s in scores if s.person_id]
    thresholds = thresholds_of(year)
    return {"units": rank(units, thresholds), "people": rank(people, thresholds)}


def commendations_of(school, period_key: str):
    return Commendation.objects.filter(school=school, period_key=period_key).select_related("unit", "person")


def inspections_of(school, period_key: str):
    return (
        Inspection.objects.filter(school=school, period_key=period_key)
        .select_related("unit")
        .prefetch_related("follow_ups")
    )


def overdue_follow_ups(school, *, today: dt.date | None = None):
    """Open follow-ups of the school's inspections whose deadline has passed, oldest first (for the dashboard)."""
    today = today or timezone.localdate()
    return (
        FollowUp.objects.filter(inspection__school=school, status=FollowUp.Status.OPEN, deadline__lt=today)
        .select_related("inspection", "owner")
        .order_by("deadline", "id")
    )


def overdue_context(school, *, user=None, today: dt.date | None = None) -> dict:
    """Context for the "evaluation/_overdue_follow_ups.html" partial; empty when the user may not see it."""
    if user is not None and not can(user, actions.VIEW, school):
        return {"overdue_follow_ups": [], "overdue_today": today}
    today = today or timezone.localdate()
    return {"overdue_follow_ups": list(overdue_follow_ups(school, today=today)), "overdue_today": today}
