"""Login/logout, password change and reset, re-authentication, two-factor enrolment, health (the home page is the
portal's, the audit log the organisation's)."""

from __future__ import annotations

import os
import secrets
import shutil
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import devices_for_user

from truyenthong.core.errors import AppError
from truyenthong.core.forms import LoginForm, OwnPasswordSetForm, ReauthForm, TotpConfirmForm, form_add_error
from truyenthong.core.middleware import is_administrator
from truyenthong.core.services import (
    account_login,
    account_password_change,
    account_reauthenticate,
    reauth_is_recent,
    totp_device_confirm,
    totp_device_pending,
    totp_disable,
)


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


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    return target if target and ok else default


def reauth_required(view):
    """The decorated view runs only if this session gave its password or a code within REAUTH_MINUTES; otherwise
    the user confirms on the re-authentication page and comes back (a POST is never replayed: they resubmit)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated and not reauth_is_recent(request):
            target = request.get_full_path() if request.method == "GET" else request.path
            return redirect(f"{reverse('core:reauth')}?{urlencode({'next': target})}")
        return view(request, *args, **kwargs)

    return wrapper


@login_required
def reauth(request):
    """Confirm it is still you (password or TOTP code) before a sensitive change."""
    next_url = _safe_next(request, reverse("portal:home"))
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_reauthenticate(request=request, credential=form.cleaned_data["credential"])
        except AppError as exc:
            form.add_error("credential", exc.message)
        else:
            return redirect(next_url)
    return render(request, "core/reauth.html", {"form": form, "next": next_url})


@login_required
def two_factor(request):
    """Enrol or remove a TOTP device; turning it off asks for the password or a code in the same form."""
    confirmed = any(True for _ in devices_for_user(request.user, confirmed=True))
    if confirmed and not request.user.is_verified():
        # Enrolled but this session never gave a code (e.g. enrolment finished elsewhere): log in again with it.
        logout(request)
        messages.info(request, "Tài khoản đã bật xác thực hai lớp: hãy đăng nhập lại với mã 6 số.")
        return redirect("core:login")
    posted = request.method == "POST"
    disabling = posted and request.POST.get("action") == "disable"
    form = TotpConfirmForm(request.POST if posted and not disabling else None)
    disable_form = ReauthForm(request.POST if disabling else None)
    if disabling and disable_form.is_valid():
        try:
            totp_disable(request=request, credential=disable_form.cleaned_data["credential"])
        except AppError as exc:
            disable_form.add_error("credential", exc.message)
        else:
            messages.success(request, "Đã tắt xác thực hai lớp.")
            return redirect("core:two-factor")
    elif posted and not disabling and form.is_valid():
        try:
            totp_device_confirm(request=request, user=request.user, token=form.cleaned_data["token"])
        except AppError as exc:
            form_add_error(form, exc, field="token")
        else:
            messages.success(request, "Đã bật xác thực hai lớp cho tài khoản.")
            return redirect("core:two-factor")
    context = {"confirmed": confirmed, "form": form, "disable_form": disable_form}
    if not confirmed:
        device = totp_device_pending(user=request.user)
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["secret"] = device.config_url.split("secret=")[1].split("&")[0]
        context["required"] = settings.REQUIRE_2FA_FOR_ADMINS and is_administrator(request.user)
    return render(request, "core/two_factor.html", context)


@login_required
def password_change(request):
    """Change one's own password: the current password is the re-authentication."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_password_change(request=request, form=form)
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("core:two-factor")
    intro = ""
    if request.user.must_change_password:
        intro = (
            "Tài khoản của bạn đang dùng mật khẩu tạm thời do nhà trường cấp. Hãy nhập mật khẩu tạm thời đó "
            "và chọn mật khẩu của riêng bạn để tiếp tục."
        )
    return render(
        request,
        "core/account_form.html",
        {"form": form, "title": "Đổi mật khẩu", "button": "Đổi mật khẩu", "intro": intro},
    )


# Password reset by email, with Django's signed one-time links (valid PASSWORD_RESET_TIMEOUT); the confirmation
# never logs the user in, so an account with two-factor still needs its code at the next login.
password_reset = auth_views.PasswordResetView.as_view(
    template_name="core/account_form.html",
    email_template_name="core/email/password_reset.txt",
    subject_template_name="core/email/password_reset_subject.txt",
    success_url=reverse_lazy("core:password-reset-sent"),
    extra_context={
        "title": "Quên mật khẩu",
        "intro": "Nhập địa chỉ thư điện tử của tài khoản; hệ thống gửi một liên kết để đặt mật khẩu mới.",
        "button": "Gửi liên kết",
    },
)
password_reset_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="core/account_message.html",
    extra_context={
        "title": "Đã gửi liên kết",
        "text": "Nếu địa chỉ thư điện tử thuộc một tài khoản, liên kết đặt lại mật khẩu đã được gửi tới đó. "
        "Liên kết chỉ dùng được một lần.",
    },
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="core/account_form.html",
    form_class=OwnPasswordSetForm,
    success_url=reverse_lazy("core:password-reset-done"),
    extra_context={"title": "Đặt mật khẩu mới", "button": "Lưu mật khẩu mới"},
)
password_reset_done = auth_views.PasswordResetCompleteView.as_view(
    template_name="core/account_message.html",
    extra_context={
        "title": "Đã đặt mật khẩu mới",
        "text": "Bạn có thể đăng nhập bằng mật khẩu mới.",
        "login": True,
    },
)


# ---------------------------------------------------------------- health (for the proxy, the scheduler, monitoring)


@never_cache
def healthz(request):
    """Liveness: the process answers. No database, so a slow database never gets a healthy worker restarted."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness: the database answers, the cache stores and returns, media has room (READY_MIN_FREE_MB)."""
    checks = {"database": _check_database(), "cache": _check_cache(), "media": _check_media()}
    ready = all(v == "ok" for v in checks.values())
    return JsonResponse({"ready": ready, **checks}, status=200 if ready else 503)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _check_cache() -> str:
    key = f"readyz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "1", 10)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001 - any backend error means "not ready", whatever its type
        return f"error: {exc.__class__.__name__}"
    return "ok" if ok else "error: cache did not return the value"


def _check_media() -> str:
    root = Path(settings.MEDIA_ROOT)
    try:
        root.mkdir(parents=True, exist_ok=True)
        free_mb = shutil.disk_usage(root).free // (1024 * 1024)
    except OSError as exc:
        return f"error: {exc.__class__.__name__}"
    if not os.access(root, os.W_OK):
        return "error: media directory is not writable"
    if free_mb < settings.READY_MIN_FREE_MB:
        return f"error: {free_mb} MB free, below {settings.READY_MIN_FREE_MB} MB"
    return "ok"
