"""Evaluation pages: home, the criteria set, the yearly cycle (self-assessment, scoring, publication), emulation
and commendations, inspections with findings and follow-ups. Each view checks access, calls one service or
selector, renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.core import personal_data
from truyenthong.core.collation import vi_person
from truyenthong.core.errors import AppError
from truyenthong.core.forms import message_error
from truyenthong.core.permissions import can, require
from truyenthong.evaluation import actions, forms, selectors, services
from truyenthong.evaluation.models import Criterion, Finding, Inspection, UnitAssessment
from truyenthong.evaluation.ranking import CLASS_LABELS, class_counts
from truyenthong.lib import periods as P
from truyenthong.org.models import Person
from truyenthong.org.selectors import school_get_for_user, units_of


def _year(request, today) -> P.Period:
    raw = request.GET.get("nam-hoc") or request.POST.get("nam_hoc")
    try:
        period = P.period_from_key(raw) if raw else P.current_school_year(today)
    except ValueError:
        period = P.current_school_year(today)
    return period if period.kind == P.SCHOOL_YEAR else P.current_school_year(today)


def _years(today) -> list[P.Period]:
    start = P.current_school_year(today).start.year
    return [P.school_year(y) for y in range(start, start - 5, -1)]


def _fail(request, exc: AppError) -> None:
    message_error(request, exc)


def _people(school):
    return Person.objects.filter(school=school).order_by(vi_person(), "code")


@login_required
def home(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    today = timezone.localdate()
    year = _year(request, today)
    cycle = selectors.cycle_of(school, year.key)
    leadership = can(request.user, actions.SCORE, school)
    results = selectors.cycle_results(cycle) if cycle and (cycle.is_published or leadership) else []
    emulation = selectors.emulation_ranking(selectors.emulation_year_of(school, year.key))
    context = {
        "school": school,
        "year": year,
        "years": _years(today),
        "criteria_set": selectors.criteria_set_current(school),
        "cycle": cycle,
        "results": results,
        "mine": selectors.units_self_assessable(request.user, cycle) if cycle else [],
        "can_score": leadership,
        "unit_ranking": emulation["units"],
        "class_counts": class_counts(emulation["units"] + emulation["people"]),
        "class_labels": CLASS_LABELS,
        "inspections": selectors.inspections_of(school, year.key),
        **selectors.overdue_context(school, today=today),
    }
    if context.get("overdue_follow_ups"):  # each names the person who must remedy
        personal_data.announce_page(
            request, kind=personal_data.EVALUATION, school=school, object_repr="Yêu cầu khắc phục quá hạn"
        )
    return render(request, "evaluation/home.html", context)


# --------------------------------------------------------------------------------------------- criteria set


@login_required
def criteria_set(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    current = selectors.criteria_set_current(school)
    may_edit = can(request.user, actions.SCORE, school)
    group_form = criterion_form = None
    if may_edit and current is not None:
        from truyenthong.indicators.models import Indicator

        indicators = Indicator.objects.filter(school=school, plan__is_current=True).exclude(
            method="undefined"
        )
        group_form = forms.GroupForm(request.POST if request.POST.get("form") == "group" else None)
        criterion_form = forms.CriterionForm(
            request.POST if request.POST.get("form") == "criterion" else None,
            criteria_set=current,
            indicators=indicators,
        )
    if request.method == "POST":
        require(request.user, actions.SCORE, school)
        try:
            if request.POST.get("form") == "default":
                services.criteria_set_create_default(school=school, actor=request.user)
                messages.success(request, "Đã tạo bộ tiêu chí mẫu; hãy chỉnh sửa cho phù hợp với trường.")
                return redirect("evaluation:criteria-set", school.code)
            if group_form is not None and group_form.is_bound and group_form.is_valid():
                services.criteria_group_add(
                    criteria_set=current, actor=request.user, **group_form.cleaned_data
                )
                messages.success(request, "Đã thêm nhóm tiêu chí.")
                return redirect("evaluation:criteria-set", school.code)
            if criterion_form is not None and criterion_form.is_bound and criterion_form.is_valid():
                data = criterion_form.cleaned_data
                services.criterion_add(actor=request.user, **data)
                messages.success(request, "Đã thêm tiêu chí.")
                return redirect("evaluation:criteria-set", school.code)
        except AppError as exc:
            _fail(request, exc)
    return render(
        request,
        "evaluation/criteria_set.html",
        {
            "school": school,
            "criteria_set": current,
            "may_edit": may_edit,
            "group_form": group_form,
            "criterion_form": criterion_form,
        },
    )


@login_required
@require_POST
def criterion_delete(request, code, pk):
    school = school_get_for_user(user=request.user, code=code, action=actions.SCORE)
    criterion = get_object_or_404(Criterion, pk=pk, group__criteria_set__school=school)
    try:
        services.criterion_delete(criterion=criterion, actor=request.user)
        messages.success(request, "Đã xóa tiêu chí.")
    except AppError as exc:
        _fail(request, exc)
    return redirect("evaluation:criteria-set", school.code)


# --------------------------------------------------------------------------------------------- yearly cycle


@login_required
@require_POST
def cycle_open(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.SCORE)
    year = _year(request, timezone.localdate())
    try:
        services.cycle_open(school=school, period_key=year.key, actor=request.user)
        messages.success(request, f"Đã mở đánh giá năm học {year.key}: các đơn vị có thể tự đánh giá.")
    except AppError as exc:
        _fail(request, exc)
        return redirect(f"{reverse('evaluation:home', args=[school.code])}?nam-hoc={year.key}")
    return redirect("evaluation:cycle", school.code, year.key)


@login_required
def cycle_detail(request, code, period_key):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    cycle = get_object_or_404(selectors.EvaluationCycle, school=school, period_key=period_key)
    leadership = can(request.user, actions.SCORE, school)
    if request.method == "POST":
        require(request.user, actions.SCORE, school)
        try:
            if request.POST.get("do") == "publish":
                services.cycle_publish(cycle=cycle, actor=request.user)
                messages.success(request, "Đã công bố kết quả đánh giá trong trường.")
            elif request.POST.get("do") == "auto":
                changed = services.cycle_compute_auto(cycle=cycle)
                messages.success(request, f"Đã cập nhật điểm tự động ({changed} điểm thay đổi).")
        except AppError as exc:
            _fail(request, exc)
        return redirect("evaluation:cycle", school.code, cycle.period_key)
    return render(
        request,
        "evaluation/cycle.html",
        {
            "school": school,
            "cycle": cycle,
            "results": selectors.cycle_results(cycle) if (cycle.is_published or leadership) else [],
            "mine": selectors.units_self_assessable(request.user, cycle),
            "can_score": leadership,
        },
    )


def _grid(request, lines, fields: tuple[str, ...]) -> dict:
    entries = {}
    for _group, items in lines:
        for line in items:
            cid = line.criterion.pk
            entries[cid] = {f: request.POST.get(f"{f}_{cid}", "") for f in fields}
    return entries


@login_required
def self_assessment(request, assessment_id):
    assessment = selectors.assessment_get_for_user(
        user=request.user, assessment_id=assessment_id, action=actions.SELF_ASSESS
    )
    school = assessment.cycle.school
    lines = selectors.assessment_lines(assessment)
    if request.method == "POST":
        try:
            services.self_assessment_save(
                assessment=assessment,
                actor=request.user,
                entries=_grid(request, lines, ("self_score", "evidence_link", "evidence_note")),
                submit=request.POST.get("do") == "submit",
            )
            messages.success(
                request,
                "Đã gửi tự đánh giá." if request.POST.get("do") == "submit" else "Đã lưu tự đánh giá.",
            )
            return redirect("evaluation:self-assessment", assessment.pk)
        except AppError as exc:
            _fail(request, exc)
        lines = selectors.assessment_lines(assessment)
    editable = not assessment.cycle.is_published and assessment.state == UnitAssessment.State.DRAFT
    return render(
        request,
        "evaluation/self_assessment.html",
        {"school": school, "assessment": assessment, "lines": lines, "editable": editable},
    )


@login_required
def scoring(request, assessment_id):
    assessment = selectors.assessment_get_for_user(
        user=request.user, assessment_id=assessment_id, action=actions.SCORE
    )
    school = assessment.cycle.school
    lines = selectors.assessment_lines(assessment)
    if request.method == "POST":
        try:
            if request.POST.get("do") == "return":
                services.assessment_return(assessment=assessment, actor=request.user)
                messages.success(request, "Đã trả lại để đơn vị sửa tự đánh giá.")
            else:
                services.assessment_score(
                    assessment=assessment,
                    actor=request.user,
                    entries=_grid(request, lines, ("score", "comment")),
                )
                messages.success(request, f"Đã chấm điểm {assessment.unit.name}.")
            return redirect("evaluation:cycle", school.code, assessment.cycle.period_key)
        except AppError as exc:
            _fail(request, exc)
    return render(
        request,
        "evaluation/scoring.html",
        {
            "school": school,
            "assessment": assessment,
            "lines": lines,
            "editable": not assessment.cycle.is_published,
        },
    )


# --------------------------------------------------------------------------------------------- emulation


@login_required
def emulation(request, code, period_key):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    try:
        period = P.period_from_key(period_key)
    except ValueError:
        period = None
    if period is None or period.kind != P.SCHOOL_YEAR:
        messages.error(request, "Hãy chọn một năm học (ví dụ 2026-2027).")
        return redirect("evaluation:home", school.code)
    if request.method == "POST":
        require(request.user, actions.EMULATION, school)
        year = services.emulation_year_get_or_create(school=school, period_key=period.key)
    else:
        year = selectors.emulation_year_of(school, period.key)
    may_manage = can(request.user, actions.EMULATION, school)
    units = units_of(school).filter(is_active=True)
    people = _people(school)
    threshold_form = forms.ThresholdsForm(
        request.POST if request.POST.get("form") == "thresholds" else None,
        initial={
            "version": year.version,
            "excellent": year.excellent,
            "good": year.good,
            "complete": year.complete,
        },
    )
    commendation_form = forms.CommendationForm(
        request.POST if request.POST.get("form") == "commendation" else None, units=units, people=people
    )
    if request.method == "POST":
        require(request.user, actions.EMULATION, school)
        which = request.POST.get("form")
        try:
            if which == "thresholds" and threshold_form.is_valid():
                d = threshold_form.cleaned_data
                services.emulation_thresholds_update(
                    year=year,
                    actor=request.user,
                    expected_version=d["version"],
                    excellent=d["excellent"],
                    good=d["good"],
                    complete=d["complete"],
                )
                messages.success(request, "Đã lưu ngưỡng xếp loại; bảng xếp hạng đã cập nhật.")
                return redirect("evaluation:emulation", school.code, year.period_key)
            if which == "scores":
                unit_scores = {u.pk: request.POST.get(f"unit_{u.pk}", "") for u in units}
                person_scores = {
                    int(k.split("_", 1)[1]): v
                    for k, v in request.POST.items()
                    if k.startswith("person_") and k.split("_", 1)[1].isdigit()
                }
                extra = request.POST.get("add_person", "")
                if extra.isdigit() and request.POST.get("add_score", "").strip():
                    person_scores[int(extra)] = request.POST["add_score"]
                services.emulation_scores_save(
                    year=year, actor=request.user, unit_scores=unit_scores, person_scores=person_scores
                )
                messages.success(request, "Đã lưu điểm thi đua.")
                return redirect("evaluation:emulation", school.code, year.period_key)
            if which == "fill":
                services.emulation_fill_from_criteria(year=year, actor=request.user)
                messages.success(request, "Đã lấy điểm của các đơn vị từ kết quả đánh giá theo bộ tiêu chí.")
                return redirect("evaluation:emulation", school.code, year.period_key)
            if which == "commendation" and commendation_form.is_valid():
                services.commendation_create(
                    school=school,
                    actor=request.user,
                    period_key=year.period_key,
                    **commendation_form.cleaned_data,
                )
                messages.success(request, "Đã ghi nhận khen thưởng.")
                return redirect("evaluation:emulation", school.code, year.period_key)
        except AppError as exc:
            _fail(request, exc)
    ranking = selectors.emulation_ranking(year)
    scored_people = {r.key.pk for r in ranking["people"]}
    personal_data.announce_page(
        request,
        kind=personal_data.EVALUATION,
        school=school,
        object_repr=f"Thi đua năm học {year.period_key}",
    )
    return render(
        request,
        "evaluation/emulation.html",
        {
            "school": school,
            "year": year,
            "ranking": ranking,
            "may_manage": may_manage,
            "threshold_form": threshold_form,
            "commendation_form": commendation_form,
            "commendations": selectors.commendations_of(school, year.period_key),
            "other_people": [p for p in people if p.pk not in scored_people],
        },
    )


# --------------------------------------------------------------------------------------------- inspections


@login_required
def inspection_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=actions.VIEW)
    today = timezone.localdate()
    year = _year(request, today)
    may_manage = can(request.user, actions.INSPECTION, school)
    form = forms.InspectionForm(request.POST or None, units=units_of(school))
    if request.method == "POST":
        require(request.user, actions.INSPECTION, school)
        if form.is_valid():
            try:
                inspection = services.inspection_create(
                    school=school, actor=request.user, period_key=year.key, **form.cleaned_data
                )
                messages.success(request, "Đã thêm cuộc kiểm tra vào kế hoạch.")
                return redirect("evaluation:inspection-detail", inspection.pk)
            except AppError as exc:
                _fail(request, exc)
    return render(
        request,
        "evaluation/inspections.html",
        {
            "school": school,
            "year": year,
            "years": _years(today),
            "inspections": selectors.inspections_of(school, year.key),
            "form": form,
            "may_manage": may_manage,
            "today": today,
        },
    )


@login_required
def inspection_detail(request, pk):
    inspection = selectors.inspection_get_for_user(user=request.user, inspection_id=pk)
    school = inspection.school
    may_manage = can(request.user, actions.INSPECTION, school)
    which = request.POST.get("form") if request.method == "POST" else None
    record_form = forms.RecordForm(
        request.POST if which == "record" else None,
        initial={
            "conducted_on": inspection.conducted_on or timezone.localdate(),
            "conclusion": inspection.conclusion,
        },
    )
    finding_form = forms.FindingForm(request.POST if which == "finding" else None)
    follow_form = forms.FollowUpForm(
        request.POST if which == "follow" else None,
        people=_people(school),
        findings=inspection.findings.filter(kind=Finding.Kind.ISSUE),
    )
    if request.method == "POST":
        require(request.user, actions.INSPECTION, school)
        try:
            if which == "record" and record_form.is_valid():
                services.inspection_record(
                    inspection=inspection, actor=request.user, **record_form.cleaned_data
                )
                messages.success(request, "Đã ghi nhận kết quả kiểm tra.")
                return redirect("evaluation:inspection-detail", inspection.pk)
            if which == "finding" and finding_form.is_valid():
                services.finding_add(inspection=inspection, actor=request.user, **finding_form.cleaned_data)
                messages.success(request, "Đã thêm nội dung phát hiện.")
                return redirect("evaluation:inspection-detail", inspection.pk)
            if which == "follow" and follow_form.is_valid():
                services.follow_up_add(inspection=inspection, actor=request.user, **follow_form.cleaned_data)
                messages.success(request, "Đã giao yêu cầu khắc phục.")
                return redirect("evaluation:inspection-detail", inspection.pk)
            if which == "close":
                services.inspection_close(inspection=inspection, actor=request.user)
                messages.success(request, "Đã kết thúc cuộc kiểm tra.")
                return redirect("evaluation:inspection-detail", inspection.pk)
        except AppError as exc:
            _fail(request, exc)
    today = timezone.localdate()
    follow_ups = list(inspection.follow_ups.select_related("owner", "finding"))
    personal_data.announce_page(
        request, kind=personal_data.EVALUATION, school=school, object_repr=f"Kiểm tra: {inspection}"
    )
    return render(
        request,
        "evaluation/inspection_detail.html",
        {
            "school": school,
            "inspection": inspection,
            "findings": inspection.findings.all(),
            "follow_ups": [
                (f, f.is_overdue(today), services.follow_up_may_complete(request.user, f)) for f in follow_ups
            ],
            "may_manage": may_manage,
            "closed": inspection.status == Inspection.Status.CLOSED,
            "record_form": record_form,
            "finding_form": finding_form,
            "follow_form": follow_form,
        },
    )


@login_required
@require_POST
def follow_up_complete(request, pk):
    follow_up = selectors.follow_up_get_for_user(user=request.user, follow_up_id=pk)
    try:
        services.follow_up_complete(
            follow_up=follow_up, actor=request.user, note=request.POST.get("note", "")
        )
        messages.success(request, "Đã ghi nhận hoàn thành khắc phục.")
    except AppError as exc:
        _fail(request, exc)
    return redirect("evaluation:inspection-detail", follow_up.inspection_id)
