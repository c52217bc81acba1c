"""Login/logout and two-factor enrolment (the home page is the portal's, the audit log the organisation's)."""

from __future__ import annotations

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import devices_for_user

from truyenthong.core.errors import AppError
from truyenthong.core.forms import LoginForm, TotpConfirmForm, form_add_error
from truyenthong.core.services import account_login, totp_device_confirm, totp_device_pending, totp_disable


def login_view(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_login(request=request, **form.cleaned_data)
        except AppError as exc:
            form_add_error(form, exc)
        else:
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return render(request, "core/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, "Bạn đã đăng xuất.")
    return redirect("portal:home")


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
            form_add_error(form, exc, field="token")
        else:
            messages.success(request, "Đã bật xác thực hai lớp cho tài khoản.")
            return redirect("core:two-factor")
    context = {"confirmed": confirmed, "form": form}
    if not confirmed:
        device = totp_device_pending(user=request.user)
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["secret"] = device.config_url.split("secret=")[1].split("&")[0]
    return render(request, "core/two_factor.html", context)
