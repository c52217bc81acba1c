"""Reads of the surveys app: access-checked accessors, results per question (with charts), breakdown by audience,
the year-on-year comparison of a series, and the measured rates that indicators and the yearly report cite."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from truyenthong.core.permissions import require
from truyenthong.lib.numbers_vi import format_number_vi, format_percent_vi
from truyenthong.surveys import actions
from truyenthong.surveys.charts import bars_svg
from truyenthong.surveys.models import LIKERT_LABELS, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse


def surveys_for(*, user, school):
    require(user, actions.VIEW, school)
    return Survey.objects.filter(school=school)


def survey_get_for_user(*, user, survey_id: int, action: str = actions.VIEW) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("school"), pk=survey_id)
    require(user, action, survey.school)
    return survey


def survey_public(survey_id: int) -> Survey:
    """A survey its audience may reach by its link: open, or closed (the page then says it has ended); a draft is
    not found, as if it did not exist."""
    return get_object_or_404(
        Survey.objects.select_related("school"),
        pk=survey_id,
        status__in=[Survey.Status.OPEN, Survey.Status.CLOSED],
    )


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int
    counts: list[tuple[str, int]] = field(default_factory=list)
    mean: float | None = None
    agree_percent: float | None = None
    texts: list[str] = field(default_factory=list)
    chart: str = ""


def results(*, survey: Survey, audience: str | None = None) -> list[QuestionResult]:
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    if audience:
        answers = answers.filter(response__audience=audience)
    by_question = defaultdict(list)
    for qid, value in answers.values_list("question_id", "value"):
        by_question[qid].append(value)
    out = []
    for q in survey.questions.all():
        values = by_question.get(q.pk, [])
        r = QuestionResult(q, len(values))
        if q.kind == SurveyQuestion.Kind.LIKERT:
            c = Counter(values)
            r.counts = [(LIKERT_LABELS[i - 1], c.get(i, 0)) for i in range(1, 6)]
            if values:
                r.mean = round(sum(values) / len(values), 2)
                r.agree_percent = round(100 * sum(1 for v in values if v >= 4) / len(values), 1)
        elif q.kind in (SurveyQuestion.Kind.SINGLE, SurveyQuestion.Kind.MULTIPLE):
            c = Counter(i for v in values for i in (v if isinstance(v, list) else [v]))
            r.counts = [(option, c.get(i, 0)) for i, option in enumerate(q.options)]
        else:
            r.texts = [v for v in values if v]
        if r.counts and r.answered:
            r.chart = bars_svg(
                [
                    (
                        label,
                        100 * n / r.answered,
                        f"{format_number_vi(n)} ({format_percent_vi(100 * n / r.answered, decimals=0)})",
                    )
                    for label, n in r.counts
                ],
                title=q.text,
            )
        out.append(r)
    return out


def audience_breakdown(*, survey: Survey) -> list[dict]:
    """Per audience: how many responded and the agreement rate on each measured (Likert) question."""
    counts = Counter(SurveyResponse.objects.filter(survey=survey).values_list("audience", flat=True))
    rows = []
    for audience in survey.audiences:
        per_q = [
            (r.question, r.agree_percent)
            for r in results(survey=survey, audience=audience)
            if r.question.kind == SurveyQuestion.Kind.LIKERT
        ]
        rows.append(
            {
                "audience": Survey.Audience(audience).label,
                "responses": counts.get(audience, 0),
                "likert": per_q,
            }
        )
    return rows


@dataclass
class MeasuredRate:
    school_year: str
    agree: int
    answers: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.agree / self.answers, 1) if self.answers else None


def measured_rate(*, school, school_year: str, measure: str, series: str = "") -> MeasuredRate:
    """The share of 'agree' and 'strongly agree' (4–5 of 5) on the Likert questions that measure `measure`
    ("awareness" or "satisfaction") in the school's surveys of the year: what the yearly report cites."""
    qs = SurveyAnswer.objects.filter(
        response__survey__school=school,
        response__survey__school_year=school_year,
        question__measure=measure,
        question__kind=SurveyQuestion.Kind.LIKERT,
    ).exclude(response__survey__status=Survey.Status.DRAFT)
    if series:
        qs = qs.filter(response__survey__series=series)
    values = list(qs.values_list("value", flat=True))
    return MeasuredRate(school_year, sum(1 for v in values if isinstance(v, int) and v >= 4), len(values))


def year_on_year(*, survey: Survey) -> list[dict]:
    """The survey's series over the school years: agreement per measure, and a chart."""
    if not survey.series:
        return []
    years = sorted(
        set(
            Survey.objects.filter(school=survey.school, series=survey.series)
            .exclude(status=Survey.Status.DRAFT)
            .values_list("school_year", flat=True)
        )
    )
    rows = []
    for measure, label in SurveyQuestion.Measure.choices:
        if not measure:
            continue
        rates = [
            measured_rate(school=survey.school, school_year=y, measure=measure, series=survey.series)
            for y in years
        ]
        if any(r.answers for r in rates):
            chart = bars_svg(
                [(r.school_year, r.percent or 0, format_percent_vi(r.percent)) for r in rates],
                title=label,
            )
            rows.append({"label": label, "rates": rates, "chart": chart})
    return rows


def share_target(pk: int):
    """The survey as a target of the sharing kit."""
    from django.urls import reverse

    from truyenthong.sharing.registry import Target

    survey = Survey.objects.select_related("school").filter(pk=pk).first()
    if survey is None:
        return None
    return Target(
        survey.school, survey.title, reverse("surveys:respond", args=[pk]), action_word="trả lời khảo sát"
    )
