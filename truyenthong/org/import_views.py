"""Pages for importing staff and classes: upload → preview (what will be created, updated, and every error) → confirm.

The pending import lives in the user's session (database-backed, so bound to that login and gone at logout) under a
random token: the sheet as read from the file (row numbers and cell texts), the school and the kind. Nothing of it is
trusted at commit time: the commit reads the sheet again against the database and writes only if the result is the
plan the user saw (its fingerprint is posted with the confirmation).
"""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from truyenthong.core.errors import AppError, ConflictError
from truyenthong.core.forms import form_add_error, message_error
from truyenthong.core.permissions import IMPORT_PEOPLE
from truyenthong.org import import_services as services
from truyenthong.org.imports import Sheet, parse_school_year
from truyenthong.org.selectors import school_get_for_user

SESSION_KEY = "org_imports"
MAX_PENDING = 3

KINDS = {
    "people": {
        "title": "Nhập danh sách cán bộ, giáo viên, nhân viên",
        "what": "cán bộ",
        "list_url": "org:person-list",
        "upload_url": "org:people-import",
        "preview_url": "org:people-import-preview",
        "template_url": "org:people-import-template",
        "template_name": "mau-nhap-can-bo.xlsx",
    },
    "classes": {
        "title": "Nhập danh sách lớp",
        "what": "lớp",
        "list_url": "org:class-list",
        "upload_url": "org:classes-import",
        "preview_url": "org:classes-import-preview",
        "template_url": "org:classes-import-template",
        "template_name": "mau-nhap-lop.xlsx",
    },
}


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="Tệp danh sách (.xlsx hoặc .csv)")


class ClassImportUploadForm(ImportUploadForm):
    school_year = forms.CharField(
        label="Năm học (dùng khi tệp không có cột «Năm học»)",
        required=False,
        max_length=15,
        widget=forms.TextInput(attrs={"placeholder": "2026-2027"}),
    )

    def clean_school_year(self):
        text = self.cleaned_data["school_year"].strip()
        if text and parse_school_year(text) is None:
            raise forms.ValidationError("Năm học ghi như 2026-2027.")
        return parse_school_year(text) if text else ""


def _pending_store(request, payload: dict) -> str:
    pending = dict(request.session.get(SESSION_KEY, {}))
    while len(pending) >= MAX_PENDING:
        pending.pop(min(pending, key=lambda t: pending[t]["at"]))
    token = secrets.token_urlsafe(16)
    pending[token] = payload
    request.session[SESSION_KEY] = pending
    return token


def _pending_get(request, *, token: str, school, kind: str) -> dict:
    payload = request.session.get(SESSION_KEY, {}).get(token)
    if not payload or payload["school_id"] != school.pk or payload["kind"] != kind:
        raise Http404("Không tìm thấy lượt nhập này (có thể đã được lưu hoặc đã hết hạn).")
    return payload


def _pending_drop(request, token: str) -> None:
    pending = dict(request.session.get(SESSION_KEY, {}))
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending


def _upload(request, code: str, kind: str):
    school = school_get_for_user(user=request.user, code=code, action=IMPORT_PEOPLE)
    form_class = ClassImportUploadForm if kind == "classes" else ImportUploadForm
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        default_year = form.cleaned_data.get("school_year", "")
        if uploaded.size > settings.UPLOAD_MAX_BYTES:
            form.add_error(
                "file", f"Tệp quá lớn; giới hạn là {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB."
            )
        else:
            try:
                if kind == "people":
                    plan = services.people_import_preview(
                        school=school,
                        data=uploaded.read(),
                        filename=uploaded.name,
                        max_bytes=settings.UPLOAD_MAX_BYTES,
                    )
                else:
                    plan = services.classes_import_preview(
                        school=school,
                        data=uploaded.read(),
                        filename=uploaded.name,
                        default_year=default_year,
                        max_bytes=settings.UPLOAD_MAX_BYTES,
                    )
            except AppError as exc:
                form_add_error(form, exc, field="file")
            else:
                token = _pending_store(
                    request,
                    {
                        "kind": kind,
                        "school_id": school.pk,
                        "user_id": request.user.pk,
                        "filename": uploaded.name,
                        "default_year": default_year,
                        "sheet": plan.sheet.to_dict(),
                        "at": timezone.now().isoformat(),
                    },
                )
                return redirect(KINDS[kind]["preview_url"], code=school.code, token=token)
    return render(
        request, "org/import_upload.html", {"school": school, "form": form, "kind": kind, **KINDS[kind]}
    )


def _plan(kind: str, school, payload: dict):
    sheet = Sheet.from_dict(payload["sheet"])
    if kind == "people":
        return services.people_import_plan(school=school, sheet=sheet)
    return services.classes_import_plan(
        school=school, sheet=sheet, default_year=payload.get("default_year", "")
    )


def _preview(request, code: str, token: str, kind: str):
    school = school_get_for_user(user=request.user, code=code, action=IMPORT_PEOPLE)
    payload = _pending_get(request, token=token, school=school, kind=kind)
    if payload.get("user_id") != request.user.pk:
        raise Http404
    if request.method == "POST":
        sheet = Sheet.from_dict(payload["sheet"])
        fingerprint = request.POST.get("fingerprint", "")
        try:
            if kind == "people":
                result = services.people_import_commit(
                    school=school,
                    sheet=sheet,
                    fingerprint=fingerprint,
                    actor=request.user,
                    filename=payload["filename"],
                )
            else:
                result = services.classes_import_commit(
                    school=school,
                    sheet=sheet,
                    fingerprint=fingerprint,
                    actor=request.user,
                    filename=payload["filename"],
                    default_year=payload.get("default_year", ""),
                )
        except ConflictError as exc:
            messages.warning(request, exc.message)
        except AppError as exc:
            message_error(request, exc)
        else:
            _pending_drop(request, token)
            messages.success(
                request,
                f"Đã nhập {payload['filename']}: thêm {result.created} {KINDS[kind]['what']}, cập nhật {result.updated}, "
                f"giữ nguyên {result.unchanged}.",
            )
            return redirect(KINDS[kind]["list_url"], code=school.code)
    plan = _plan(kind, school, payload)
    return render(
        request,
        "org/import_preview.html",
        {
            "school": school,
            "plan": plan,
            "token": token,
            "filename": payload["filename"],
            "kind": kind,
            **KINDS[kind],
        },
    )


def _template(request, code: str, kind: str):
    school = school_get_for_user(user=request.user, code=code, action=IMPORT_PEOPLE)
    data = services.import_template_xlsx(school=school, kind=kind)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{KINDS[kind]["template_name"]}"'
    return response


@login_required
def people_import(request, code):
    return _upload(request, code, "people")


@login_required
def people_import_preview(request, code, token):
    return _preview(request, code, token, "people")


@login_required
def people_import_template(request, code):
    return _template(request, code, "people")


@login_required
def classes_import(request, code):
    return _upload(request, code, "classes")


@login_required
def classes_import_preview(request, code, token):
    return _preview(request, code, token, "classes")


@login_required
def classes_import_template(request, code):
    return _template(request, code, "classes")
