"""Writes for accounts: login with TOTP, re-authentication, password change, and two-factor enrolment."""

from __future__ import annotations

import secrets
import time

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, login, update_session_auth_hash
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp import devices_for_user, login as otp_login, match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from truyenthong.core.audit import audit_record
from truyenthong.core.errors import InvalidInput
from truyenthong.core.models import AuditEntry

REAUTH_KEY = "_tt_reauth_at"


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
def totp_device_confirm(*, request, user, token: str) -> TOTPDevice:
    """Confirm the pending device with a code from the app; the session counts as verified from now on."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token((token or "").strip()):
        raise InvalidInput("Mã xác thực không đúng hoặc đã hết hạn; hãy nhập mã đang hiển thị trên ứng dụng.")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    _audit_account(actor=user, user=user, what="two_factor", old="tắt", new="bật")
    return device


def reauth_is_recent(request) -> bool:
    """Did this session give its password or a code within REAUTH_MINUTES?"""
    at = request.session.get(REAUTH_KEY)
    return at is not None and time.time() - float(at) <= settings.REAUTH_MINUTES * 60


def account_reauthenticate(*, request, credential: str) -> None:
    """Accept the account's password or a current TOTP code; failures count towards the login lockout."""
    user = request.user
    credential = (credential or "").strip()
    ok = bool(credential) and user.check_password(credential)
    if not ok and credential.isdigit():
        ok = match_token(user, credential) is not None
    if not ok:
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=request
        )
        raise InvalidInput("Mật khẩu hoặc mã xác thực không đúng.")
    request.session[REAUTH_KEY] = time.time()


@transaction.atomic
def totp_disable(*, request, credential: str) -> None:
    """Turn two-factor off: only with the password or a current code given in the same request."""
    account_reauthenticate(request=request, credential=credential)
    user = request.user
    TOTPDevice.objects.filter(user=user).delete()
    _audit_account(actor=user, user=user, what="two_factor", old="bật", new="tắt")


@transaction.atomic
def account_password_change(*, request, form) -> None:
    """Save a validated PasswordChangeForm/SetPasswordForm for the logged-in user, keeping this session logged in.
    A temporary password given by an administrator is thereby replaced: the account is free again."""
    user = form.save()
    if user.must_change_password:
        get_user_model().objects.filter(pk=user.pk).update(must_change_password=False)
        user.must_change_password = False
    update_session_auth_hash(request, user)
    _audit_account(actor=request.user, user=user, what="password", old="", new="đã đổi")


# Temporary passwords: no look-alike characters (0/O, 1/l/I), easy to read out over the phone
_TEMPORARY_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def account_password_reset_temporary(*, actor, user, organisation) -> str:
    """Give `user` a fresh temporary password (returned, to be shown once and never stored in clear), flag the
    account to choose its own at the next page, and remove its two-factor devices (the person may have lost their
    phone: they enrol again). Every open session of the account ends (its password hash changed). The caller has
    checked the actor's right over this account; the audit keeps who did it, never the password."""
    password = "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(12))
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    audit_record(
        actor=actor,
        instance=user,
        action=AuditEntry.Action.UPDATE,
        changes={
            "password": ["", "đặt lại mật khẩu tạm thời"],
            "two_factor": ["", f"đã gỡ {removed} thiết bị"],
        },
        organisation=organisation,
    )
    return password


def _audit_account(*, actor, user, what: str, old: str, new: str) -> None:
    audit_record(
        actor=actor,
        instance=user,
        action=AuditEntry.Action.UPDATE,
        changes={what: [old, new]},
    )
