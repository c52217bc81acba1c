"""Home, login/logout, two-factor enrolment and the audit log."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import devices_for_user

from truyenthong.core.errors import AppError
from truyenthong.core.forms import LoginForm, TotpConfirmForm
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import VIEW_AUDIT, VIEW_PLAN, organisations_for, schools_for
from truyenthong.core.services import account_login, totp_device_confirm, totp_device_pending, totp_disable
from truyenthong.org.models import Organisation
from truyenthong.org.selectors import school_get_for_user
from truyenthong.plans.selectors import current_plan_of


def _public_school():
    qs = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, is_active=True)
    if settings.DEFAULT_SCHOOL_CODE:
        return qs.filter(code=settings.DEFAULT_SCHOOL_CODE).first()
    return qs.order_by("id").first()


def home(request):
    """The school and its plan at a glance; for a Department official, the schools of the province."""
    if not request.user.is_authenticated:
        school = _public_school()
        plan = current_plan_of(school) if school else None
        return render(request, "core/home_public.html", {"school": school, "plan": plan})
    schools = list(schools_for(request.user, VIEW_PLAN))
    departments = _departments_overseen(request.user)
    if len(schools) == 1 and not departments:
        return redirect("org:school-detail", code=schools[0].code)
    rows = [{"school": s, "plan": current_plan_of(s)} for s in schools]
    return render(request, "core/home.html", {"rows": rows, "departments": departments})


def _departments_overseen(user) -> list[Organisation]:
    """The Sở (and, for the Bộ or an administrator, every Sở) whose schools the user oversees."""
    roots = [o for o in organisations_for(user, VIEW_PLAN) if o.kind != Organisation.Kind.SCHOOL]
    found = Organisation.objects.none()
    for root in roots:
        found = found | Organisation.objects.filter(
            kind=Organisation.Kind.DEPARTMENT, path__startswith=root.path
        )
    return list(found.distinct().order_by("name"))


def login_view(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_login(request=request, **form.cleaned_data)
        except AppError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return render(request, "core/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "Bạn đã đăng xuất.")
    return redirect("core:home")


@login_required
def two_factor(request):
    """Enrol or remove a TOTP device (offered to every account; required by nobody unless enrolled)."""
    confirmed = any(True for _ in devices_for_user(request.user, confirmed=True))
    form = TotpConfirmForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "disable":
        totp_disable(user=request.user)
        messages.success(request, "Đã tắt xác thực hai lớp.")
        return redirect("core:two-factor")
    if request.method == "POST" and form.is_valid():
        try:
            totp_device_confirm(user=request.user, token=form.cleaned_data["token"])
        except AppError as exc:
            form.add_error("token", exc.message)
        else:
            messages.success(request, "Đã bật xác thực hai lớp cho tài khoản.")
            return redirect("core:two-factor")
    context = {"confirmed": confirmed, "form": form}
    if not confirmed:
        device = totp_device_pending(user=request.user)
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["secret"] = device.config_url.split("secret=")[1].split("&")[0]
    return render(request, "core/two_factor.html", context)


@login_required
def audit_log(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW_AUDIT)
    entries = (
        AuditEntry.objects.filter(organisation__path__startswith=school.path)
        .select_related("actor")
        .order_by("-at", "-id")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"school": school, "page": page})
