"""Writes for accounts: login with optional TOTP, and two-factor enrolment."""

from __future__ import annotations

from django.contrib.auth import authenticate, login
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp import devices_for_user, login as otp_login, match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from truyenthong.core.errors import InvalidInput


def account_login(*, request, username: str, password: str, otp_token: str = ""):
    """Authenticate through the throttled backend; users with a confirmed TOTP device must give a valid code."""
    user = authenticate(request, username=username, password=password)
    if user is None:
        if getattr(request, "axes_locked_out", False):
            raise InvalidInput("Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Hãy thử lại sau 15 phút.")
        raise InvalidInput("Tên đăng nhập hoặc mật khẩu không đúng.")
    if any(True for _ in devices_for_user(user, confirmed=True)):
        device = match_token(user, (otp_token or "").strip()) if otp_token else None
        if device is None:
            user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
            raise InvalidInput(
                "Tài khoản này bật xác thực hai lớp: hãy nhập đúng mã 6 số từ ứng dụng xác thực."
            )
        login(request, user)
        otp_login(request, device)
        return user
    login(request, user)
    return user


@transaction.atomic
def totp_device_pending(*, user) -> TOTPDevice:
    """The user's unconfirmed TOTP device, created on first visit of the enrolment page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user, token: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token((token or "").strip()):
        raise InvalidInput("Mã xác thực không đúng hoặc đã hết hạn; hãy nhập mã đang hiển thị trên ứng dụng.")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def totp_disable(*, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
