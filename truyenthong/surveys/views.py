"""Survey pages: list, create, results (charts, breakdown, year on year), export, open/close; the response form."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.core.errors import AppError
from truyenthong.core.permissions import can, require
from truyenthong.lib.periods import current_school_year
from truyenthong.lib.spreadsheet import safe_row
from truyenthong.org.models import Organisation
from truyenthong.surveys import actions, forms, selectors, services
from truyenthong.surveys.models import LIKERT_LABELS, Survey, SurveyQuestion, SurveyResponse


@login_required
def survey_list(request, code):
    school = get_object_or_404(Organisation, code=code, kind=Organisation.Kind.SCHOOL)
    surveys = selectors.surveys_for(user=request.user, school=school)
    return render(
        request,
        "surveys/survey_list.html",
        {"school": school, "surveys": surveys, "can_manage": can(request.user, actions.MANAGE, school)},
    )


@login_required
def survey_create(request, code):
    school = get_object_or_404(Organisation, code=code, kind=Organisation.Kind.SCHOOL)
    require(request.user, actions.MANAGE, school)
    form = forms.SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                school=school,
                actor=request.user,
                school_year=current_school_year(timezone.localdate()).key,
                **form.cleaned_data,
            )
            return redirect("surveys:survey-detail", pk=survey.pk)
        except AppError as exc:
            form.add_error(None, exc.message)
    return render(request, "surveys/survey_form.html", {"school": school, "form": form})


@login_required
def survey_detail(request, pk):
    survey = selectors.survey_get_for_user(user=request.user, survey_id=pk)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "school": survey.school,
            "survey": survey,
            "results": selectors.results(survey=survey),
            "breakdown": selectors.audience_breakdown(survey=survey),
            "years": selectors.year_on_year(survey=survey),
            "responses": survey.responses.count(),
            "can_manage": can(request.user, actions.MANAGE, survey.school),
        },
    )


@login_required
@require_POST
def survey_status(request, pk, status):
    survey = selectors.survey_get_for_user(user=request.user, survey_id=pk, action=actions.MANAGE)
    if status in Survey.Status.values:
        services.survey_set_status(survey=survey, actor=request.user, status=status)
    return redirect("surveys:survey-detail", pk=pk)


@login_required
def survey_export(request, pk):
    from openpyxl import Workbook

    survey = selectors.survey_get_for_user(user=request.user, survey_id=pk, action=actions.MANAGE)
    questions = list(survey.questions.all())
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Câu trả lời"
    sheet.append(
        safe_row(["Thời điểm", "Đối tượng", "Lớp", *[f"Câu {q.position}. {q.text}" for q in questions]])
    )
    for response in (
        SurveyResponse.objects.filter(survey=survey)
        .select_related("school_class")
        .prefetch_related("answers")
    ):
        values = {a.question_id: a.value for a in response.answers.all()}
        cells = []
        for q in questions:
            v = values.get(q.pk)
            if v is None:
                cells.append(None)
            elif q.kind == SurveyQuestion.Kind.LIKERT:
                cells.append(f"{v} — {LIKERT_LABELS[v - 1]}")
            elif q.kind == SurveyQuestion.Kind.SINGLE:
                cells.append(q.options[v])
            elif q.kind == SurveyQuestion.Kind.MULTIPLE:
                cells.append("; ".join(q.options[i] for i in v))
            else:
                cells.append(v)
        sheet.append(
            safe_row(
                [
                    timezone.localtime(response.submitted_at).strftime("%d/%m/%Y %H:%M"),
                    response.get_audience_display(),
                    response.school_class.name if response.school_class else "",
                    *cells,
                ]
            )
        )
    out = io.BytesIO()
    workbook.save(out)
    r = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    r["Content-Disposition"] = f'attachment; filename="khao-sat-{survey.pk}.xlsx"'
    return r


def _session_token(request, survey) -> str:
    key = f"survey-token-{survey.pk}"
    if key not in request.session:
        request.session[key] = services.link_token()
    return request.session[key]


def respond(request, pk):
    survey = selectors.survey_public(pk)
    if survey.status == Survey.Status.CLOSED:
        # 410: the link was real but the survey has ended; its visitor reads why instead of "not found"
        return render(request, "surveys/closed.html", {"survey": survey}, status=410)
    form = forms.RespondForm(request.POST or None, survey=survey)
    questions = list(survey.questions.all())
    errors = []
    if request.method == "POST" and form.is_valid():
        answers = {}
        for q in questions:
            name = f"q{q.pk}"
            answers[q.pk] = (
                request.POST.getlist(name)
                if q.kind == SurveyQuestion.Kind.MULTIPLE
                else request.POST.get(name)
            )
        try:
            services.survey_respond(
                survey=survey,
                answers=answers,
                audience=form.cleaned_data["audience"],
                user=request.user if request.user.is_authenticated else None,
                token=_session_token(request, survey),
                school_class=form.cleaned_data.get("school_class"),
            )
            return render(request, "surveys/thanks.html", {"survey": survey})
        except AppError as exc:
            messages.error(request, exc.message)
            errors = exc.errors
    return render(
        request,
        "surveys/respond.html",
        {
            "survey": survey,
            "form": form,
            "questions": questions,
            "errors": errors,
            "likert": list(enumerate(LIKERT_LABELS, 1)),
        },
    )
