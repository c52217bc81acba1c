"""Activity pages: list, calendar, detail, edit, status, evidence, attendance (tick list, QR, catch-up), iCal feed."""

from __future__ import annotations

import datetime as dt

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.activities import forms, selectors, services
from truyenthong.activities.apps import CHANGE, CHECK_IN, VERIFY, VIEW, VIEW_ATTENDANCE
from truyenthong.activities.models import Activity, CalendarToken
from truyenthong.core import personal_data
from truyenthong.core.audit import history_for
from truyenthong.core.errors import AppError, InvalidInput
from truyenthong.core.forms import form_add_error, message_error
from truyenthong.core.media import send_stored_file
from truyenthong.core.permissions import VIEW_AUDIT, can
from truyenthong.lib import ical, periods
from truyenthong.org.models import Person
from truyenthong.org.selectors import school_get_for_user


def _school_years(today: dt.date) -> list[str]:
    current = periods.current_school_year(today)
    first = int(current.key[:4])
    return [f"{y}-{y + 1}" for y in range(first + 1, first - 3, -1)]


@login_required
def activity_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW)
    today = timezone.localdate()
    units = list(selectors.school_units(school))
    data = request.GET.copy()
    data.setdefault("nam_hoc", periods.current_school_year(today).key)
    form = forms.FilterForm(data, units=units, years=_school_years(today))
    form.is_valid()
    f = form.cleaned_data if form.is_valid() else {}
    start = end = None
    if f.get("nam_hoc"):
        year = periods.period_from_key(f["nam_hoc"])
        start, end = year.start, year.end
    activities = selectors.activities_of(
        school=school,
        unit=selectors.unit_of_school(school, f.get("don_vi", "")),
        kind=f.get("kind", ""),
        status=f.get("status", ""),
        start=start,
        end=end,
    )
    # Upcoming first (soonest first), then what happened, newest first, 25 to a page.
    now = timezone.now()
    upcoming = activities.filter(starts_at__gte=now).order_by("starts_at")
    page = Paginator(activities.filter(starts_at__lt=now).order_by("-starts_at"), 25).get_page(
        request.GET.get("trang")
    )
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "activities/activity_list.html",
        {
            "school": school,
            "form": form,
            "upcoming": upcoming,
            "page": page,
            "query": query.urlencode() + "&" if query else "",
            "can_create": bool(selectors.units_for_change(user=request.user, school=school)),
            "today": today,
        },
    )


def _activity_form(request, *, school, instance=None):
    units = selectors.units_for_change(user=request.user, school=school)
    if not units:
        raise PermissionDenied("Bạn không có quyền tạo hoặc sửa hoạt động.")
    from truyenthong.org.models import Organisation

    unit_qs = Organisation.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
    return forms.ActivityForm(
        request.POST or None,
        school=school,
        units=unit_qs,
        tasks=selectors.tasks_for_school(school),
        instance=instance,
    )


@login_required
def activity_create(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW)
    form = _activity_form(request, school=school)
    if request.method == "POST" and form.is_valid():
        fields = form.fields_for_service()
        try:
            activity = services.activity_create(
                school=school, actor=request.user, roster_units=form.cleaned_data["roster_units"], **fields
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, f"Đã thêm hoạt động «{activity.title}».")
            return redirect("activities:activity-detail", activity_id=activity.pk)
    _announce_picker(request, school)
    return render(
        request,
        "activities/activity_form.html",
        {"school": school, "form": form, "heading": "Thêm hoạt động"},
    )


def _announce_picker(request, school) -> None:
    """The activity form lists the school's staff to pick the person in charge: a read of the register."""
    personal_data.announce_page(
        request, kind=personal_data.REGISTER, school=school, object_repr="Chọn người phụ trách hoạt động"
    )


@login_required
def activity_edit(request, activity_id):
    activity = selectors.activity_get_for_user(user=request.user, activity_id=activity_id, action=CHANGE)
    form = _activity_form(request, school=activity.school, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                activity=activity,
                expected_version=form.cleaned_data["version"] or 0,
                actor=request.user,
                roster_units=form.cleaned_data["roster_units"],
                **form.fields_for_service(),
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã lưu hoạt động.")
            return redirect("activities:activity-detail", activity_id=activity.pk)
    _announce_picker(request, activity.school)
    return render(
        request,
        "activities/activity_form.html",
        {
            "school": activity.school,
            "form": form,
            "activity": activity,
            "heading": f"Sửa: {activity.title}",
            "history": history_for(activity)[:30] if can(request.user, VIEW_AUDIT, activity.school) else None,
        },
    )


@login_required
@require_POST
def activity_delete(request, activity_id):
    activity = selectors.activity_get_for_user(user=request.user, activity_id=activity_id, action=CHANGE)
    school = activity.school
    try:
        services.activity_delete(activity=activity, actor=request.user)
    except AppError as exc:
        message_error(request, exc)
        return redirect("activities:activity-detail", activity_id=activity.pk)
    messages.success(request, f"Đã xóa hoạt động «{activity.title}».")
    return redirect("activities:activity-list", code=school.code)


@login_required
def activity_detail(request, activity_id):
    activity = selectors.activity_get_for_user(user=request.user, activity_id=activity_id, action=VIEW)
    user = request.user
    may = {
        "change": selectors.activity_can(user, CHANGE, activity),
        "verify": selectors.activity_can(user, VERIFY, activity),
        "check_in": selectors.activity_can(user, CHECK_IN, activity),
        "view_attendance": selectors.activity_can(user, VIEW_ATTENDANCE, activity),
    }
    context = {
        "school": activity.school,
        "activity": activity,
        "may": may,
        "evidence": activity.evidence.filter(attendance__isnull=True),
        "own_attendance": selectors.own_attendance(user=user, activity=activity),
        "done_form": forms.DoneForm(initial={"version": activity.version}),
        "can_mark_done": activity.status == Activity.Status.PLANNED and activity.starts_at <= timezone.now(),
    }
    if activity.takes_attendance:
        context["counts"] = services.attendance_counts(activity)
        if may["view_attendance"]:
            context["roster"] = selectors.roster_rows(activity)
            personal_data.announce_page(
                request, kind=personal_data.ATTENDANCE, school=activity.school, object_repr=activity.title
            )
    if can(user, VIEW_AUDIT, activity.school):
        context["history"] = history_for(activity)[:30]
    return render(request, "activities/activity_detail.html", context)


@login_required
@require_POST
def activity_transition(request, activity_id, step):
    needed = {"thuc-hien": CHANGE, "xac-nhan": VERIFY, "tra-lai": CHANGE}.get(step)
    if needed is None:
        raise Http404
    activity = selectors.activity_get_for_user(user=request.user, activity_id=activity_id, action=needed)
    if step == "tra-lai" and activity.status == Activity.Status.VERIFIED:
        selectors.activity_get_for_user(user=request.user, activity_id=activity_id, action=VERIFY)
    form = forms.DoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Dữ liệu gửi lên không hợp lệ; hãy tải lại trang.")
        return redirect("activities:activity-detail", activity_id=activity.pk)
    version = form.cleaned_data["version"]
    try:
        if step == "thuc-hien":
            services.activity_mark_done(
                activity=activity,
                expected_version=version,
                actor=request.user,
                actual_participants=form.cleaned_data["actual_participants"],
            )
            messages.success(request, "Đã ghi nhận hoạt động đã thực hiện.")
        elif step == "xac-nhan":
            services.activity_verify(activity=activity, expected_version=version, actor=request.user)
            messages.success(request, "Đã xác nhận hoạt động.")
        else:
            services.activity_reopen(activity=activity, expected_version=version, actor=request.user)
            messages.success(request, f"Đã trả lại trạng thái «{activity.get_status_display()}».")
    except AppError as exc:
        message_error(request, exc)
    return redirect("activities:activity-detail", activity_id=activity.pk)


# --- evidence -------------------------------------------------------------------------------------------------


def _read_upload(upload) -> bytes | None:
    """The uploaded bytes, refusing an oversized file before reading it into memory."""
    if upload is None:
        return None
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise InvalidInput(
            f"Tệp «{upload.name}» quá lớn ({upload.size / 1048576:.1f} MB); "
            f"giới hạn là {settings.UPLOAD_MAX_BYTES / 1048576:.0f} MB."
        )
    return upload.read()


@login_required
def evidence_add(request, activity_id):
    activity = selectors.activity_get_for_user(user=request.user, activity_id=activity_id, action=CHANGE)
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.evidence_add(
                activity=activity,
                actor=request.user,
                name=upload.name if upload else "",
                data=_read_upload(upload),
                url=form.cleaned_data["url"],
                caption=form.cleaned_data["caption"],
            )
        except AppError as exc:
            form_add_error(form, exc, field="file" if upload else None)
        else:
            messages.success(request, "Đã thêm minh chứng.")
            return redirect("activities:activity-detail", activity_id=activity.pk)
    return render(
        request,
        "activities/evidence_form.html",
        {"school": activity.school, "activity": activity, "form": form},
    )


@login_required
def evidence_file(request, evidence_id):
    evidence = selectors.evidence_get_for_user(user=request.user, evidence_id=evidence_id)
    if not evidence.file:
        raise Http404
    return send_stored_file(evidence.file.name, filename=evidence.original_name or "")


@login_required
@require_POST
def evidence_delete(request, evidence_id):
    evidence = selectors.evidence_get_for_user(user=request.user, evidence_id=evidence_id)
    activity = selectors.activity_get_for_user(
        user=request.user, activity_id=evidence.activity_id, action=CHANGE
    )
    try:
        services.evidence_delete(evidence=evidence, actor=request.user)
    except AppError as exc:
        message_error(request, exc)
    else:
        messages.success(request, "Đã xóa minh chứng.")
    return redirect("activities:activity-detail", activity_id=activity.pk)


# --- attendance -----------------------------------------------------------------------------------------------


@login_required
def attendance_tick(request, activity_id):
    activity = selectors.activity_get_for_user(user=request.user, activity_id=activity_id, action=CHECK_IN)
    if not activity.takes_attendance:
        raise Http404("Hoạt động này không điểm danh.")
    if request.method == "POST":
        try:
            present = [int(v) for v in request.POST.getlist("co_mat")]
            excused = [int(v) for v in request.POST.getlist("co_phep")]
            counts = services.attendance_tick(
                activity=activity, actor=request.user, present_ids=present, excused_ids=excused
            )
        except ValueError:
            messages.error(request, "Dữ liệu điểm danh không hợp lệ; hãy tải lại trang.")
        except AppError as exc:
            message_error(request, exc)
        else:
            messages.success(
                request,
                f"Đã lưu điểm danh: {counts['present']} có mặt, {counts['absent']} vắng, "
                f"{counts['excused']} vắng có phép, {counts['caught_up']} học bù.",
            )
            return redirect("activities:attendance-tick", activity_id=activity.pk)
    rows = selectors.roster_rows(activity)
    personal_data.announce_page(
        request,
        kind=personal_data.ATTENDANCE,
        school=activity.school,
        object_repr=f"Điểm danh: {activity.title}",
    )
    return render(
        request,
        "activities/attendance_tick.html",
        {
            "school": activity.school,
            "activity": activity,
            "rows": rows,
            "counts": services.attendance_counts(activity),
        },
    )


@login_required
def attendance_qr(request, activity_id):
    activity = selectors.activity_get_for_user(user=request.user, activity_id=activity_id, action=CHECK_IN)
    if not activity.takes_attendance:
        raise Http404("Hoạt động này không điểm danh.")
    token = services.checkin_token_issue(activity=activity)
    url = request.build_absolute_uri(reverse("activities:check-in", args=[token]))
    svg = segno.make(url, error="m").svg_inline(scale=8, omitsize=True, border=2)
    max_age = services.checkin_max_age()
    return render(
        request,
        "activities/attendance_qr.html",
        {
            "school": activity.school,
            "activity": activity,
            "qr_svg": svg,
            "check_in_url": url,
            "counts": services.attendance_counts(activity),
            "roster_size": selectors.roster_of(activity).count(),
            "valid_minutes": max_age // 60,
            # Refresh well before expiry so the code on the screen is always valid.
            "refresh_seconds": max(30, min(300, max_age // 2)),
        },
    )


@login_required
def check_in(request, token):
    """The page an attendee's phone opens from the QR code: confirm, then record once."""
    result = error = None
    activity = None
    try:
        activity_id = services.checkin_token_read(token)
        activity = selectors.checkin_activity_for_user(user=request.user, activity_id=activity_id)
        if request.method == "POST":
            result = services.attendance_check_in(token=token, user=request.user)
        elif activity is not None:
            existing = selectors.own_attendance(user=request.user, activity=activity)
            if existing is not None and existing.attended:
                result = services.CheckIn(existing, False)
    except AppError as exc:
        error = exc.message
    if activity is None and error is None:
        error = "Hoạt động của mã QR này không còn tồn tại."
    status = 200 if error is None else 400
    return render(
        request,
        "activities/check_in.html",
        {
            "activity": activity,
            "result": result,
            "error": error,
            "token": token,
        },
        status=status,
    )


@login_required
def catch_up(request, activity_id, person_id):
    activity = selectors.activity_get_for_user(user=request.user, activity_id=activity_id, action=CHECK_IN)
    person = get_object_or_404(Person, pk=person_id, school=activity.school)
    form = forms.CatchUpForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.attendance_catch_up(
                activity=activity,
                person=person,
                actor=request.user,
                caught_up_on=form.cleaned_data["caught_up_on"],
                note=form.cleaned_data["note"],
                evidence_name=upload.name if upload else "",
                evidence_data=_read_upload(upload),
                evidence_url=form.cleaned_data["url"],
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, f"Đã ghi nhận {person.full_name} học bù.")
            return redirect("activities:activity-detail", activity_id=activity.pk)
    personal_data.announce_page(
        request,
        kind=personal_data.ATTENDANCE,
        school=activity.school,
        person=person,
        object_repr=f"Học bù: {activity.title}",
    )
    return render(
        request,
        "activities/catch_up.html",
        {"school": activity.school, "activity": activity, "person": person, "form": form},
    )


# --- calendar -------------------------------------------------------------------------------------------------


@login_required
def calendar_month(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW)
    today = timezone.localdate()
    year, month = today.year, today.month
    raw = request.GET.get("thang", "")
    if raw:
        try:
            year, month = (int(p) for p in raw.split("-", 1))
            dt.date(year, month, 1)
        except ValueError as exc:
            raise Http404("Tháng không hợp lệ.") from exc
    unit = selectors.unit_of_school(school, request.GET.get("don_vi", ""))
    token = CalendarToken.objects.filter(user=request.user).first()
    feed_url = (
        request.build_absolute_uri(reverse("activities:calendar-feed", args=[token.token])) if token else ""
    )
    return render(
        request,
        "activities/calendar.html",
        {
            "school": school,
            "month": selectors.month_of(school=school, year=year, month=month, unit=unit, today=today),
            "unit": unit,
            "units": selectors.school_units(school),
            "weekdays": selectors.WEEKDAYS,
            "weekdays_short": selectors.WEEKDAYS_SHORT,
            "feed_url": feed_url,
            "webcal_url": feed_url.replace("https://", "webcal://").replace("http://", "webcal://"),
        },
    )


@login_required
@require_POST
def calendar_token(request):
    services.calendar_token_rotate(user=request.user)
    messages.success(request, "Đã tạo địa chỉ lịch mới; địa chỉ cũ (nếu có) không dùng được nữa.")
    return redirect(
        request.POST.get("next") if request.POST.get("next", "").startswith("/") else "portal:home"
    )


STATUS_TO_ICAL = {"planned": "TENTATIVE", "done": "CONFIRMED", "verified": "CONFIRMED"}


def calendar_feed(request, token):
    """iCalendar feed for phone calendars: the secret token stands for the user; permissions are checked per school."""
    row = CalendarToken.objects.select_related("user").filter(token=token).first()
    if row is None or not row.user.is_active:
        raise Http404
    today = timezone.localdate()
    activities = selectors.feed_activities(
        user=row.user, start=today - dt.timedelta(days=366), end=today + dt.timedelta(days=366)
    )
    host = request.get_host().split(":")[0]
    events = []
    for a in activities:
        lines = [a.get_kind_display(), f"Đơn vị tổ chức: {a.unit.name}"]
        if a.person_in_charge:
            lines.append(f"Phụ trách: {a.person_in_charge.full_name}")
        lines.append(f"Trạng thái: {a.get_status_display()}")
        if a.description:
            lines.append(a.description)
        events.append(
            ical.Event(
                uid=f"hoat-dong-{a.pk}@{host}",
                start=a.starts_at,
                end=a.ends_at,
                summary=a.title,
                description="\n".join(lines),
                location=a.place,
                url=request.build_absolute_uri(reverse("activities:activity-detail", args=[a.pk])),
                status=STATUS_TO_ICAL[a.status],
                categories=(a.get_kind_display(),),
                last_modified=a.updated_at,
            )
        )
    body = ical.build_calendar(
        events, name="Hoạt động — truyenthong", prodid="-//truyenthong//Hoat dong//VI", stamp=timezone.now()
    )
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hoat-dong.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
