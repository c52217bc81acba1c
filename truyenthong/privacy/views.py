"""Pages of personal data: the register, consents, who appears in content, the access log, anonymising a person,
and a person's own data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.core.errors import AppError
from truyenthong.core.permissions import can
from truyenthong.org.selectors import person_get_for_user
from truyenthong.privacy import actions, exports, selectors, services
from truyenthong.privacy.forms import (
    AccessLogFilter,
    AppearanceForm,
    ConsentForm,
    ErasureForm,
    StudentForm,
    WithdrawForm,
)
from truyenthong.privacy.models import AccessLog
from truyenthong.privacy.register import register_rows

Kind = AccessLog.Kind


@login_required
def register(request, code):
    school = selectors.school_for(user=request.user, code=code, action=actions.REGISTER)
    services.access_log_record(
        user=request.user, kind=Kind.DATA_REGISTER, school=school, object_repr="Danh mục", path=request.path
    )
    return render(request, "privacy/register.html", {"school": school, "rows": register_rows()})


def _consents_page(request, school, *, consent_form=None, student_form=None, status=200):
    context = {
        "school": school,
        "consents": selectors.consents_of(school),
        "status_rows": selectors.subject_status_rows(school),
        "can_change": can(request.user, actions.CONSENT_CHANGE, school),
        "consent_form": consent_form or ConsentForm(school=school),
        "student_form": student_form or StudentForm(school=school),
    }
    return render(request, "privacy/consents.html", context, status=status)


@login_required
def consent_list(request, code):
    school = selectors.school_for(user=request.user, code=code, action=actions.CONSENT_VIEW)
    services.access_log_record(
        user=request.user, kind=Kind.CONSENTS, school=school, object_repr="Hồ sơ đồng ý", path=request.path
    )
    return _consents_page(request, school)


@login_required
@require_POST
def consent_add(request, code):
    school = selectors.school_for(user=request.user, code=code, action=actions.CONSENT_CHANGE)
    form = ConsentForm(request.POST, school=school)
    if form.is_valid():
        try:
            services.consent_give(school=school, actor=request.user, **form.cleaned_data)
        except AppError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã ghi nhận sự đồng ý.")
            return redirect("privacy:consent-list", code=school.code)
    return _consents_page(request, school, consent_form=form, status=400)


@login_required
@require_POST
def student_add(request, code):
    school = selectors.school_for(user=request.user, code=code, action=actions.CONSENT_CHANGE)
    form = StudentForm(request.POST, school=school)
    if form.is_valid():
        try:
            services.student_create(school=school, actor=request.user, **form.cleaned_data)
        except AppError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã thêm học sinh.")
            return redirect("privacy:consent-list", code=school.code)
    return _consents_page(request, school, student_form=form, status=400)


@login_required
def consent_withdraw(request, code, consent_id):
    consent = selectors.consent_get_for_user(user=request.user, consent_id=consent_id)
    if consent.school.code != code:
        raise Http404
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(consent=consent, actor=request.user, **form.cleaned_data)
        except AppError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã ghi nhận việc rút lại sự đồng ý.")
            return redirect("privacy:consent-list", code=consent.school.code)
    return render(
        request, "privacy/consent_withdraw.html", {"school": consent.school, "consent": consent, "form": form}
    )


def _appearances_page(request, school, *, form=None, status=200):
    blocked = selectors.blocked_item_ids()
    rows = [{"a": a, "blocked": a.item_id in blocked} for a in selectors.appearances_of(school)]
    context = {
        "school": school,
        "rows": rows,
        "can_change": can(request.user, actions.CONSENT_CHANGE, school),
        "form": form or AppearanceForm(school=school),
    }
    return render(request, "privacy/appearances.html", context, status=status)


@login_required
def appearance_list(request, code):
    school = selectors.school_for(user=request.user, code=code, action=actions.CONSENT_VIEW)
    return _appearances_page(request, school)


@login_required
@require_POST
def appearance_add(request, code):
    school = selectors.school_for(user=request.user, code=code, action=actions.CONSENT_CHANGE)
    form = AppearanceForm(request.POST, school=school)
    if form.is_valid():
        try:
            services.appearance_add(actor=request.user, **form.cleaned_data)
        except AppError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Đã ghi người xuất hiện trong nội dung.")
            return redirect("privacy:appearance-list", code=school.code)
    return _appearances_page(request, school, form=form, status=400)


@login_required
@require_POST
def appearance_remove(request, code, appearance_id):
    appearance = selectors.appearance_get_for_user(user=request.user, appearance_id=appearance_id)
    if appearance.item.school.code != code:
        raise Http404
    services.appearance_remove(appearance=appearance, actor=request.user)
    messages.success(request, "Đã bỏ người này khỏi danh sách xuất hiện.")
    return redirect("privacy:appearance-list", code=code)


@login_required
def access_log(request, code):
    school = selectors.school_for(user=request.user, code=code, action=actions.ACCESS_LOG)
    form = AccessLogFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.access_log_for(
        school,
        username=filters.get("nguoi_xem", ""),
        kind=filters.get("loai", ""),
        start=filters.get("tu_ngay"),
        end=filters.get("den_ngay"),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "privacy/access_log.html",
        {"school": school, "form": form, "page": page, "query": query.urlencode()},
    )


@login_required
def person_erase(request, code, person_id):
    person = person_get_for_user(user=request.user, person_id=person_id, action=actions.ERASE)
    if person.school.code != code:
        raise Http404
    school = person.school
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = services.person_anonymise(
                person=person,
                actor=request.user,
                mode=form.cleaned_data["mode"],
                note=form.cleaned_data["note"],
            )
        except AppError as exc:
            form.add_error(None, exc.message)
        else:
            services.access_log_record(
                user=request.user, kind=Kind.ERASURE, school=school, object_repr=f"Hồ sơ số {person_id}"
            )
            messages.success(request, f"Đã {erasure.get_mode_display().lower()} hồ sơ.")
            return redirect("org:person-list", code=school.code)
    else:
        services.access_log_record(
            user=request.user, kind=Kind.RECORD, school=school, person=person, path=request.path
        )
    return render(request, "privacy/person_erase.html", {"school": school, "person": person, "form": form})


@login_required
def own_data(request):
    person = selectors.own_person(request.user)
    sections = exports.person_data(person) if person else []
    return render(request, "privacy/own_data.html", {"person": person, "sections": sections})


@login_required
def own_data_download(request, fmt):
    person = selectors.own_person(request.user)
    if person is None:
        raise Http404("Tài khoản này không gắn với hồ sơ cán bộ nào.")
    services.access_log_record(
        user=request.user, kind=Kind.EXPORT, school=person.school, person=person, path=request.path
    )
    sections = exports.person_data(person)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "json":
        response = HttpResponse(
            exports.as_json(person, sections), content_type="application/json; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.as_xlsx(person, sections),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{stamp}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response
