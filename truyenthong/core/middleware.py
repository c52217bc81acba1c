"""Request guards that hold for every page: body size, idle sessions, administrators' second factor, client address."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SEEN_KEY = "_tt_seen"
SEEN_WRITE_EVERY = 60  # seconds: the session is written at most once a minute just to keep it alive


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost of them
    saw (counted from the right of X-Forwarded-For, so a client cannot choose it by sending its own header)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(chain) < hops:
        return remote
    return chain[-hops]


class RequestSizeLimitMiddleware:
    """Refuse a body larger than REQUEST_MAX_BYTES from its Content-Length, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(
                "Độ dài nội dung gửi lên không hợp lệ.", status=400, content_type="text/plain"
            )
        if length > settings.REQUEST_MAX_BYTES:
            return HttpResponse(
                f"Dữ liệu gửi lên quá lớn ({length / 1048576:.1f} MB); giới hạn là "
                f"{settings.REQUEST_MAX_BYTES / 1048576:.0f} MB.",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Log a session out after SESSION_IDLE_MINUTES without a request (the cookie's absolute age is separate)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(SEEN_KEY)
            if seen is not None and now - int(seen) > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, "Phiên làm việc đã hết hạn do lâu không thao tác; hãy đăng nhập lại.")
                return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.get_full_path()}")
            if seen is None or now - int(seen) >= SEEN_WRITE_EVERY:
                request.session[SEEN_KEY] = now
        return self.get_response(request)


class ForcePasswordChangeMiddleware:
    """An account given a temporary password (User.must_change_password) sees only the password change (and the
    two-factor enrolment, logging out) until it has chosen its own password."""

    ALLOWED = (
        "core:password-change",
        "core:two-factor",
        "core:logout",
        "core:login",
        "core:healthz",
        "core:readyz",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            path = request.path_info
            if not path.startswith((settings.STATIC_URL, "/media/")) and not any(
                path == reverse(name) for name in self.ALLOWED
            ):
                return redirect("core:password-change")
        return self.get_response(request)


def is_administrator(user) -> bool:
    """System administrators and school leadership: the accounts REQUIRE_2FA_FOR_ADMINS applies to."""
    from truyenthong.core.models import Role
    from truyenthong.core.permissions import _assignments, is_system_admin

    if not getattr(user, "is_authenticated", False):
        return False
    return is_system_admin(user) or any(a.role == Role.LEADERSHIP for a in _assignments(user))


class AdminTwoFactorMiddleware:
    """With REQUIRE_2FA_FOR_ADMINS, an administrator whose session is not verified by a TOTP code can only enrol
    (or log out): every other page sends them to the enrolment page."""

    ALLOWED = ("core:two-factor", "core:logout", "core:login", "core:healthz", "core:readyz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_2FA_FOR_ADMINS and self._must_enrol(request):
            return redirect("core:two-factor")
        return self.get_response(request)

    def _must_enrol(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return False
        path = request.path_info
        if path.startswith((settings.STATIC_URL, "/media/")):
            return False
        if any(path == reverse(name) for name in self.ALLOWED):
            return False
        return is_administrator(user)
