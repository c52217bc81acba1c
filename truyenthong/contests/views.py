"""Contest pages: the organiser's (question bank, contests, rounds, leaderboards, certificates, exports) and the
participant's (registration, taking a round with every answer saved as given, the result), and the public
certificate check."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.contests import actions, documents, forms, selectors, services
from truyenthong.contests.bank_io import export_xlsx
from truyenthong.contests.models import Attempt, Certificate, Contest, Participant
from truyenthong.core import personal_data
from truyenthong.core.errors import AppError
from truyenthong.core.permissions import can, require
from truyenthong.lib import quiz
from truyenthong.lib.periods import current_school_year
from truyenthong.org.models import Organisation


def _school(request, code, action=actions.VIEW):
    school = get_object_or_404(Organisation, code=code, kind=Organisation.Kind.SCHOOL)
    require(request.user, action, school)
    return school


def _file(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- organiser ------------------------------------------------------------------------------------------------------


@login_required
def contest_list(request, code):
    school = _school(request, code)
    return render(
        request,
        "contests/contest_list.html",
        {
            "school": school,
            "contests": selectors.contests_for(user=request.user, school=school),
            "can_manage": can(request.user, actions.MANAGE, school),
        },
    )


@login_required
def question_bank(request, code):
    school = _school(request, code, actions.MANAGE)
    form = forms.QuestionImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created = services.questions_import(
                school=school, actor=request.user, filename=upload.name, data=upload.read()
            )
            messages.success(request, f"Đã nhập {len(created)} câu hỏi.")
            return redirect("contests:question-bank", code=school.code)
        except AppError as exc:
            messages.error(request, exc.message)
            errors = exc.errors
    tag = request.GET.get("chu-de", "")
    return render(
        request,
        "contests/question_bank.html",
        {
            "school": school,
            "form": form,
            "errors": errors,
            "tag": tag,
            "questions": selectors.questions_for(user=request.user, school=school, tag=tag),
        },
    )


@login_required
def question_export(request, code):
    school = _school(request, code, actions.MANAGE)
    data = export_xlsx(selectors.questions_for(user=request.user, school=school))
    return _file(data, f"ngan-hang-cau-hoi-{school.code}.xlsx", XLSX)


@login_required
def contest_create(request, code):
    school = _school(request, code, actions.MANAGE)
    year = current_school_year(timezone.localdate()).key
    form = forms.ContestForm(request.POST or None, school=school, school_year=year)
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(school=school, actor=request.user, **form.cleaned_data)
            return redirect("contests:contest-detail", pk=contest.pk)
        except AppError as exc:
            form.add_error(None, exc.message)
    return render(request, "contests/contest_form.html", {"school": school, "form": form})


@login_required
def contest_detail(request, pk):
    contest = selectors.contest_get_for_user(user=request.user, contest_id=pk)
    rounds = list(contest.rounds.all())
    for r in rounds:
        r.stats = selectors.round_stats(r)
        r.state = services.round_state(r)
    return render(
        request,
        "contests/contest_detail.html",
        {
            "school": contest.school,
            "contest": contest,
            "rounds": rounds,
            "participation": selectors.participation(contest=contest),
            "can_manage": can(request.user, actions.MANAGE, contest.school),
            "public_url": settings.SITE_URL + contest_public_path(contest),
        },
    )


def contest_public_path(contest) -> str:
    from django.urls import reverse

    return reverse("contests:take-home", args=[contest.pk])


@login_required
@require_POST
def contest_status(request, pk, status):
    contest = selectors.contest_get_for_user(user=request.user, contest_id=pk, action=actions.MANAGE)
    if status not in Contest.Status.values:
        return redirect("contests:contest-detail", pk=pk)
    try:
        services.contest_set_status(contest=contest, actor=request.user, status=status)
        messages.success(request, f"Cuộc thi: {Contest.Status(status).label.lower()}.")
    except AppError as exc:
        messages.error(request, exc.message)
    return redirect("contests:contest-detail", pk=pk)


@login_required
def round_create(request, pk):
    contest = selectors.contest_get_for_user(user=request.user, contest_id=pk, action=actions.MANAGE)
    form = forms.RoundForm(request.POST or None, school=contest.school)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["time_limit_seconds"] = data.pop("time_limit_minutes") * 60
        data["tags"] = [t for t in data["tags"].split(",") if t.strip()]
        try:
            services.round_create(contest=contest, actor=request.user, **data)
            return redirect("contests:contest-detail", pk=contest.pk)
        except AppError as exc:
            form.add_error(None, exc.message)
    return render(
        request, "contests/round_form.html", {"school": contest.school, "contest": contest, "form": form}
    )


@login_required
def round_detail(request, pk):
    round_ = selectors.round_get_for_user(user=request.user, round_id=pk)
    contest = round_.contest
    manage = can(request.user, actions.MANAGE, contest.school)
    class_id = request.GET.get("lop")
    unit_id = request.GET.get("to")
    rows = selectors.leaderboard(
        round_=round_,
        school_class_id=int(class_id) if class_id and class_id.isdigit() else None,
        unit_id=int(unit_id) if unit_id and unit_id.isdigit() else None,
    )
    certificates = Certificate.objects.filter(attempt__round=round_).select_related("attempt__participant")
    personal_data.announce_page(
        request, kind=personal_data.CONTESTANTS, school=contest.school, object_repr=f"{contest}: {round_}"
    )
    return render(
        request,
        "contests/round_detail.html",
        {
            "school": contest.school,
            "contest": contest,
            "round": round_,
            "rows": rows,
            "stats": selectors.round_stats(round_),
            "state": services.round_state(round_),
            "tie_break_value": selectors.tie_break_value(round_),
            "classes": contest.classes.all(),
            "class_id": class_id,
            "can_manage": manage,
            "anomalies": selectors.anomalies(round_=round_) if manage else [],
            "certificates": certificates if manage else [],
            "issue_form": forms.CertificateIssueForm(),
        },
    )


@login_required
def round_export(request, pk):
    round_ = selectors.round_get_for_user(user=request.user, round_id=pk, action=actions.MANAGE)
    data = documents.results_xlsx(round_, selectors.leaderboard(round_=round_))
    personal_data.announce_page(
        request,
        kind=personal_data.CONTESTANTS,
        school=round_.contest.school,
        object_repr=f"Tải kết quả: {round_.contest}: {round_}",
    )
    return _file(data, f"ket-qua-vong-thi-{round_.pk}.xlsx", XLSX)


@login_required
@require_POST
def certificates_issue(request, pk):
    round_ = selectors.round_get_for_user(user=request.user, round_id=pk, action=actions.MANAGE)
    form = forms.CertificateIssueForm(request.POST)
    if form.is_valid():
        try:
            issued = services.certificates_issue(round_=round_, actor=request.user, **form.cleaned_data)
            messages.success(request, f"Đã có {len(issued)} giấy chứng nhận.")
        except AppError as exc:
            messages.error(request, exc.message)
    return redirect("contests:round-detail", pk=pk)


@login_required
def certificates_zip(request, pk):
    round_ = selectors.round_get_for_user(user=request.user, round_id=pk, action=actions.MANAGE)
    certificates = Certificate.objects.filter(attempt__round=round_).select_related(
        "attempt__participant__school_class", "attempt__participant__unit", "attempt__round__contest__school"
    )
    data = documents.certificates_zip(certificates)
    personal_data.announce_page(
        request,
        kind=personal_data.CONTESTANTS,
        school=round_.contest.school,
        object_repr=f"Tải giấy chứng nhận: {round_.contest}: {round_}",
    )
    return _file(data, f"giay-chung-nhan-vong-{round_.pk}.zip", "application/zip")


@login_required
def certificate_download(request, code):
    certificate = selectors.certificate_public(code)
    school = certificate.attempt.round.contest.school
    require(request.user, actions.MANAGE, school)
    personal_data.announce_page(
        request,
        kind=personal_data.CONTESTANTS,
        school=school,
        object_repr=f"Tải giấy chứng nhận {certificate.code}: {certificate.attempt.participant.full_name}",
    )
    return _file(
        documents.certificate_pdf(certificate), documents.certificate_filename(certificate), "application/pdf"
    )


def certificate_verify(request, code):
    """Public: anyone holding the paper (or its QR code) can check it is genuine."""
    certificate = (
        Certificate.objects.filter(code=code.upper())
        .select_related(
            "attempt__participant__school_class",
            "attempt__participant__unit",
            "attempt__round__contest__school",
        )
        .first()
    )
    return render(
        request,
        "contests/certificate_verify.html",
        {"certificate": certificate, "code": code},
        status=200 if certificate else 404,
    )


# --- participant -------------------------------------------------------------------------------------------------


_session_key = selectors.participant_session_key


def _participant_id(request, contest) -> int | None:
    return request.session.get(_session_key(contest.pk))


def _remember(request, participant) -> None:
    request.session[_session_key(participant.contest_id)] = participant.pk


def take_home(request, pk):
    contest = selectors.contest_public(pk)
    participant_id = _participant_id(request, contest)
    if (
        participant_id is None
        and contest.audience == Contest.Audience.STAFF
        and can(request.user, actions.TAKE_STAFF, contest.school)
    ):
        try:
            participant = services.participant_for_staff(contest=contest, user=request.user)
            _remember(request, participant)
            participant_id = participant.pk
        except AppError as exc:
            messages.error(request, exc.message)
    participant = contest.participants.filter(pk=participant_id).first() if participant_id else None
    form = None
    challenge = challenge_token = ""
    if participant is None and contest.needs_registration and contest.status == Contest.Status.PUBLISHED:
        form = forms.RegistrationForm(request.POST or None, contest=contest)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            try:
                participant = services.participant_register(
                    contest=contest,
                    origin=request.META.get("REMOTE_ADDR", ""),
                    challenge_token=request.POST.get("challenge_token", ""),
                    **data,
                )
                _remember(request, participant)
                messages.success(
                    request,
                    f"Đã đăng ký. Mã tiếp tục của bạn: {participant.resume_code} — hãy ghi lại để làm tiếp trên "
                    "máy khác.",
                )
                return redirect("contests:take-home", pk=contest.pk)
            except AppError as exc:
                form.add_error(None, exc.message)
                for e in exc.errors:
                    form.add_error(None, e)
        if contest.audience == Contest.Audience.PUBLIC:
            challenge, challenge_token = quiz.challenge_make(
                settings.SECRET_KEY, int(timezone.now().timestamp())
            )
    rounds = []
    for r in contest.rounds.all():
        r.state = services.round_state(r)
        r.my_attempts = list(Attempt.objects.filter(round=r, participant=participant)) if participant else []
        r.open_attempt = next((a for a in r.my_attempts if a.is_open), None)
        rounds.append(r)
    return render(
        request,
        "contests/take_home.html",
        {
            "contest": contest,
            "participant": participant,
            "form": form,
            "challenge": challenge,
            "challenge_token": challenge_token,
            "rounds": rounds,
            "resume_form": forms.ResumeForm(),
            "staff_needs_login": contest.audience == Contest.Audience.STAFF
            and not request.user.is_authenticated,
        },
    )


@require_POST
def take_resume(request, pk):
    contest = selectors.contest_public(pk)
    form = forms.ResumeForm(request.POST)
    if form.is_valid():
        try:
            participant = services.participant_resume(
                contest=contest, origin=request.META.get("REMOTE_ADDR", ""), **form.cleaned_data
            )
            _remember(request, participant)
        except AppError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Hãy nhập điện thoại/email và mã tiếp tục.")
    return redirect("contests:take-home", pk=pk)


@require_POST
def attempt_start(request, pk):
    # only what starting reads, and nothing read twice within seconds: a burst of starts is a round's busiest moment
    round_ = selectors.round_for_start(pk)
    participant_id = _participant_id(request, round_.contest)
    if participant_id is None:
        messages.error(request, services.NOT_REGISTERED)
        return redirect("contests:take-home", pk=round_.contest_id)
    # the session, written by the server at registration, names the participant: the start checks the row itself
    participant = Participant(id=participant_id, contest_id=round_.contest_id)
    try:
        attempt = services.attempt_start(round_=round_, participant=participant)
    except AppError as exc:
        messages.error(request, exc.message)
        return redirect("contests:take-home", pk=round_.contest_id)
    # The page itself rather than a redirect to it: at a synchronised start that halves the requests of the
    # heaviest ten seconds of a round. The page's script puts the attempt's own address in the address bar, so a
    # reload (or a bookmark) asks for the page; a repeated start would only return the same attempt anyway.
    return _attempt_page(request, attempt)


def _attempt(request, key, fields: tuple[str, ...] | None = None) -> Attempt:
    return selectors.attempt_for_participant(key=key, session=request.session, fields=fields)


def attempt_page(request, key):
    return _attempt_page(request, _attempt(request, key, selectors.ATTEMPT_PAGE_FIELDS))


def _attempt_page(request, attempt: Attempt):
    key = attempt.key
    if not attempt.is_open or timezone.now() > attempt.deadline + services.grace():
        if attempt.is_open:
            try:
                services.attempt_submit(attempt=attempt)
            except AppError as exc:
                messages.error(request, exc.message)
        return redirect("contests:attempt-result", key=key)
    remaining = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
    return render(
        request,
        "contests/attempt.html",
        {
            "attempt": attempt,
            "contest": attempt.round.contest,
            "questions": selectors.attempt_questions(attempt),
            "remaining": remaining,
            "tie_break": attempt.round.tie_break_question,
        },
    )


@require_POST
def attempt_answer(request, key):
    """One answer, posted by the page's script as soon as it is given (JSON in, JSON out)."""
    attempt = selectors.attempt_for_answer(key=key, session=request.session)
    try:
        payload = json.loads(request.body or b"{}")
        question_id = int(payload["question"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"ok": False, "message": "Dữ liệu gửi lên không hợp lệ."}, status=400)
    try:
        services.attempt_answer(attempt=attempt, question_id=question_id, response=payload.get("response"))
    except AppError as exc:
        return JsonResponse({"ok": False, "message": exc.message}, status=409)
    remaining = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
    return JsonResponse({"ok": True, "remaining": remaining})


@require_POST
def attempt_submit(request, key):
    attempt = selectors.attempt_for_answer(key=key, session=request.session)
    try:
        services.attempt_submit(attempt=attempt)
    except AppError as exc:
        messages.error(request, exc.message)
    return redirect("contests:attempt-result", key=key)


def attempt_result(request, key):
    attempt = _attempt(request, key)
    if attempt.is_open:
        return redirect("contests:attempt", key=key)
    certificate = Certificate.objects.filter(attempt=attempt).first()
    return render(
        request,
        "contests/attempt_result.html",
        {"attempt": attempt, "contest": attempt.round.contest, "certificate": certificate},
    )
