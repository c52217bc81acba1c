"""Staff pages for content: items and their workflow, versions, channels and reach, sections, the calendar."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from truyenthong.content import exports, forms, services
from truyenthong.content.apps import PUBLISH, VIEW, WRITE
from truyenthong.content.diffs import diff_rows, field_changes
from truyenthong.content.models import Channel, ContentItem, ContentVersion, Section
from truyenthong.content.selectors import (
    calendar_month,
    channel_get_for_user,
    channels_of,
    item_get_for_user,
    items_of,
    sections_of,
)
from truyenthong.core.errors import AppError
from truyenthong.core.forms import form_add_error, message_error
from truyenthong.core.permissions import can, require
from truyenthong.org.selectors import school_get_for_user, units_of
from truyenthong.sharing.actions import SHARE


def _files(request, name):
    f = request.FILES.get(name)
    if not f:
        return None
    if f.size > max(settings.UPLOAD_MAX_BYTES, services.VIDEO_MAX_BYTES):
        raise AppError(f"Tệp «{f.name}» quá lớn.")
    return (f.name, f.read())


@login_required
def item_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW)
    status = request.GET.get("trang-thai", "")
    if status not in ContentItem.Status.values:
        status = ""
    unit_id = request.GET.get("don-vi", "")
    unit_id = int(unit_id) if unit_id.isdigit() else None
    items = items_of(school, status=status, unit_id=unit_id)[:200]
    return render(
        request,
        "content/item_list.html",
        {
            "school": school,
            "items": items,
            "status": status,
            "statuses": ContentItem.Status.choices,
            "units": units_of(school),
            "unit_id": unit_id,
            "sections": sections_of(school),
            "can_write": can(request.user, WRITE, school),
            "can_publish": can(request.user, PUBLISH, school),
        },
    )


@login_required
def item_create(request, code):
    school = school_get_for_user(user=request.user, code=code, action=WRITE)
    form = forms.ItemForm(
        request.POST or None,
        request.FILES or None,
        school=school,
        initial={"title": request.GET.get("tieu-de", "")[:200]},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            item = services.item_create(
                school=school,
                actor=request.user,
                title=d["title"],
                kind=d["kind"],
                summary=d["summary"],
                body=d["body"],
                section=d["section"],
                unit=d["unit"],
                tags=services.parse_tags(d["tags"]),
                tasks=d["tasks"],
                audiences=d["audiences"],
                video_url=d["video_url"],
                cover=_files(request, "cover"),
                video=_files(request, "video"),
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã lưu bản nháp.")
            return redirect("content:item-detail", item_id=item.pk)
    return render(request, "content/item_form.html", {"school": school, "form": form, "item": None})


@login_required
def item_detail(request, item_id):
    item = item_get_for_user(user=request.user, item_id=item_id)
    school = item.school
    transitions = services.allowed_transitions(user=request.user, item=item)
    try:
        services.check_write(user=request.user, item=item)
        can_edit = True
    except Exception:  # PermissionDenied or NotAllowed: the edit button is simply not shown
        can_edit = False
    return render(
        request,
        "content/item_detail.html",
        {
            "school": school,
            "item": item,
            "transitions": [(a, services.TRANSITION_LABELS[a]) for a in transitions],
            "transition_form": forms.TransitionForm(initial={"version": item.version}),
            "can_edit": can_edit,
            "can_publish": can(request.user, PUBLISH, school),
            "can_write": can(request.user, WRITE, school),
            "can_share": can(request.user, SHARE, school),
            "versions": item.versions.select_related("actor")[:50],
            "publications": item.publications.select_related("channel", "school_class"),
            "publication_form": forms.PublicationForm(school=school, initial={"date": timezone.localdate()}),
            "attachment_form": forms.AttachmentForm(),
            # A published item leadership later took out of its section has no public address (nothing to link).
            "is_public": item.has_public_page,
        },
    )


@login_required
def item_edit(request, item_id):
    item = item_get_for_user(user=request.user, item_id=item_id, action=WRITE)
    try:
        services.check_write(user=request.user, item=item)
    except AppError as exc:
        message_error(request, exc)
        return redirect("content:item-detail", item_id=item.pk)
    initial = {
        "version": item.version,
        "title": item.title,
        "kind": item.kind,
        "section": item.section,
        "unit": item.unit,
        "summary": item.summary,
        "body": item.body,
        "video_url": item.video_url,
        "tags": ", ".join(item.tags.values_list("name", flat=True)),
        "audiences": item.audiences,
        "tasks": item.tasks.all(),
    }
    form = forms.ItemForm(request.POST or None, request.FILES or None, school=item.school, initial=initial)
    # The editor uploads pictures for this item's body here (content/editor.js reads the address from the field).
    form.fields["body"].widget.attrs["data-upload-url"] = reverse("content:inline-image-add", args=[item.pk])
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.item_update(
                item=item,
                actor=request.user,
                expected_version=d["version"] or 0,
                tags=services.parse_tags(d["tags"]),
                tasks=d["tasks"],
                cover=_files(request, "cover"),
                video=_files(request, "video"),
                **{
                    k: d[k]
                    for k in ("title", "kind", "summary", "body", "section", "unit", "video_url", "audiences")
                },
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã lưu; phiên bản mới được ghi lại.")
            return redirect("content:item-detail", item_id=item.pk)
    return render(request, "content/item_form.html", {"school": item.school, "form": form, "item": item})


@login_required
@require_POST
def item_transition(request, item_id):
    item = item_get_for_user(user=request.user, item_id=item_id)
    form = forms.TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Thông tin không hợp lệ: " + "; ".join(e for errs in form.errors.values() for e in errs)
        )
        return redirect("content:item-detail", item_id=item.pk)
    d = form.cleaned_data
    try:
        services.item_transition(
            item=item,
            actor=request.user,
            action=d["action"],
            expected_version=d["version"],
            comment=d["comment"],
            publish_at=d["publish_at"],
        )
    except AppError as exc:
        message_error(request, exc)
    else:
        messages.success(request, f"Đã chuyển sang «{item.get_status_display()}».")
    return redirect("content:item-detail", item_id=item.pk)


@login_required
def version_diff(request, item_id, number):
    item = item_get_for_user(user=request.user, item_id=item_id)
    version = get_object_or_404(ContentVersion, item=item, number=number)
    previous = item.versions.filter(number__lt=number).order_by("-number").first()
    old = previous or ContentVersion(item=item, number=0, title="", summary="", body="", data={})
    labels = {
        "title": "Tiêu đề",
        "summary": "Tóm tắt",
        "status": "Trạng thái",
        "tags": "Thẻ",
        "audiences": "Đối tượng",
        "video_url": "Video nhúng",
        "published_at": "Thời điểm đăng",
    }
    old_fields = {"title": old.title, "summary": old.summary, **old.data}
    new_fields = {"title": version.title, "summary": version.summary, **version.data}
    return render(
        request,
        "content/version_diff.html",
        {
            "school": item.school,
            "item": item,
            "version": version,
            "previous": previous,
            "fields": field_changes(old_fields, new_fields, labels),
            "rows": diff_rows(old.body, version.body),
        },
    )


@login_required
@require_POST
def attachment_add(request, item_id):
    item = item_get_for_user(user=request.user, item_id=item_id, action=WRITE)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                item=item,
                actor=request.user,
                name=form.cleaned_data["file"].name,
                data=_files(request, "file")[1],
            )
        except AppError as exc:
            message_error(request, exc)
        else:
            messages.success(request, "Đã đính kèm tệp.")
    return redirect("content:item-detail", item_id=item.pk)


@login_required
@require_POST
def inline_image_add(request, item_id):
    """The editor's "Chèn ảnh": one image in field `file`, answered as JSON {url, width, height} or {error}."""
    item = item_get_for_user(user=request.user, item_id=item_id, action=WRITE)
    try:
        upload = _files(request, "file")
        if upload is None:
            raise AppError("Chưa có ảnh nào được gửi lên.")
        image = services.inline_image_add(item=item, actor=request.user, name=upload[0], data=upload[1])
    except AppError as exc:
        return JsonResponse({"error": exc.message}, status=400)
    return JsonResponse({"url": image.image.url, "width": image.width, "height": image.height}, status=201)


@login_required
@require_POST
def publication_add(request, item_id):
    item = item_get_for_user(user=request.user, item_id=item_id, action=WRITE)
    form = forms.PublicationForm(request.POST, school=item.school)
    if not form.is_valid():
        messages.error(
            request,
            "Thông tin đăng tải chưa hợp lệ: "
            + "; ".join(
                f"{form.fields[k].label}: {e}"
                for k, errs in form.errors.items()
                if k in form.fields
                for e in errs
            ),
        )
        return redirect("content:item-detail", item_id=item.pk)
    try:
        services.publication_create(item=item, actor=request.user, **form.cleaned_data)
    except AppError as exc:
        message_error(request, exc)
    else:
        messages.success(request, "Đã ghi nhận lượt đăng tải.")
    return redirect("content:item-detail", item_id=item.pk)


# ---------------------------------------------------------------- sections and channels


@login_required
def section_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW)
    can_manage = can(request.user, PUBLISH, school)
    form = forms.SectionForm(request.POST or None)
    if request.method == "POST":
        require(request.user, PUBLISH, school)
        if form.is_valid():
            try:
                services.section_create(school=school, actor=request.user, **form.cleaned_data)
            except (
                AppError,
                ValidationError,
            ) as exc:  # ValidationError from full_clean (e.g. a slug already taken)
                form_add_error(form, exc)
            else:
                messages.success(request, "Đã tạo chuyên mục.")
                return redirect("content:section-list", code=school.code)
    return render(
        request,
        "content/section_list.html",
        {
            "school": school,
            "sections": sections_of(school),
            "form": form,
            "can_manage": can_manage,
            "site_url": settings.SITE_URL,
        },
    )


@login_required
@require_POST
def section_toggle(request, section_id):
    """Hide a section from the public (or show it again): leadership only, effective at once."""
    section = get_object_or_404(Section.objects.select_related("school"), pk=section_id)
    require(request.user, PUBLISH, section.school)
    try:
        services.section_update(
            section=section,
            actor=request.user,
            expected_version=int(request.POST.get("version", 0)),
            is_active=not section.is_active,
        )
    except AppError as exc:
        message_error(request, exc)
    else:
        messages.success(
            request,
            "Chuyên mục đang hiển thị công khai."
            if section.is_active
            else "Đã ẩn chuyên mục khỏi cổng thông tin.",
        )
    return redirect("content:section-list", code=section.school.code)


@login_required
def channel_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW)
    form = forms.ChannelForm(request.POST or None, school=school)
    if request.method == "POST":
        require(request.user, WRITE, school)
        if form.is_valid():
            try:
                services.channel_create(school=school, actor=request.user, **form.cleaned_data)
            except AppError as exc:
                form_add_error(form, exc)
            else:
                messages.success(request, "Đã thêm kênh.")
                return redirect("content:channel-list", code=school.code)
    return render(
        request,
        "content/channel_list.html",
        {
            "school": school,
            "channels": channels_of(school),
            "form": form,
            "can_write": can(request.user, WRITE, school),
            "csv_form": forms.CsvImportForm(),
        },
    )


@login_required
def channel_import(request, channel_id):
    channel = channel_get_for_user(user=request.user, channel_id=channel_id, action=WRITE)
    if channel.kind != Channel.Kind.FANPAGE:
        raise Http404
    form = forms.CsvImportForm(request.POST or None, request.FILES or None)
    errors, imported = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            imported = services.fanpage_insights_import(
                channel=channel, actor=request.user, name=upload.name, data=upload.read()
            )
        except AppError as exc:
            form_add_error(form, exc)
            errors = exc.errors
        else:
            messages.success(request, f"Đã nhập số liệu {len(imported)} bài từ fanpage.")
            return redirect("content:channel-list", code=channel.school.code)
    return render(
        request,
        "content/channel_import.html",
        {"school": channel.school, "channel": channel, "form": form, "errors": errors},
    )


# ---------------------------------------------------------------- calendar


def _month_of(request) -> tuple[int, int]:
    raw = request.GET.get("thang", "")
    try:
        day = dt.datetime.strptime(raw, "%Y-%m").date()  # noqa: DTZ007 (a month, not an instant)
    except ValueError:
        day = timezone.localdate()
    return day.year, day.month


def _unit_of(request, school):
    raw = request.GET.get("don-vi", "")
    if raw.isdigit() and units_of(school).filter(pk=int(raw)).exists():
        return int(raw)
    return None


@login_required
def calendar_view(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW)
    year, month = _month_of(request)
    unit_id = _unit_of(request, school)
    weeks = calendar_month(school=school, year=year, month=month, unit_id=unit_id)
    first = dt.date(year, month, 1)
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    query = f"thang={year:04d}-{month:02d}" + (f"&don-vi={unit_id}" if unit_id else "")
    return render(
        request,
        "content/calendar.html",
        {
            "school": school,
            "weeks": weeks,
            "month": first,
            "prev_month": prev_month,
            "next_month": next_month,
            "units": units_of(school),
            "unit_id": unit_id,
            "query": query,
            "gaps": sum(1 for w in weeks if w.is_gap),
            "weekday_names": ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"],
        },
    )


@login_required
def calendar_export(request, code, fmt):
    if fmt not in ("ics", "xlsx"):
        raise Http404
    school = school_get_for_user(user=request.user, code=code, action=VIEW)
    year, month = _month_of(request)
    unit_id = _unit_of(request, school)
    weeks = calendar_month(school=school, year=year, month=month, unit_id=unit_id)
    base = request.build_absolute_uri("/").rstrip("/")
    links = {}
    for week in weeks:
        for entries in week.entries.values():
            for e in entries:
                links[e.item.pk] = base + reverse("content:item-detail", args=[e.item.pk])
    if fmt == "ics":
        data = exports.calendar_ics(school=school, weeks=weeks, links=links)
        response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    else:
        data = exports.calendar_xlsx(school=school, weeks=weeks, year=year, month=month)
        response = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="lich-noi-dung-{year:04d}-{month:02d}.{fmt}"'
    return response
