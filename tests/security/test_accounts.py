"""Holes 3, 4, 8 and 10: second factor on every login path, re-authentication, the secret key, password change and
reset, idle sessions, lockout behind a proxy, security headers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.access import assert_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def admin_device(world):
    return TOTPDevice.objects.create(user=world.users["admin"], name="app", confirmed=True)


# --- hole 3: the second factor on every login path ------------------------------------------------------------------


def test_the_admin_login_form_gives_no_session_with_the_password_alone(client, world, admin_device):
    response = client.post("/quan-tri/login/", {"username": "admin", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))
    assert client.get("/quan-tri/").status_code == 302


def test_a_password_only_session_of_an_enrolled_admin_does_not_open_the_admin(client, world, admin_device):
    client.force_login(world.users["admin"])  # a session that never gave a code, however it was obtained
    refused = client.get("/quan-tri/")
    assert refused.status_code == 302 and refused["Location"].startswith("/quan-tri/login/")
    client.logout()
    client.post(
        reverse("core:login"), {"username": "admin", "password": PASSWORD, "otp_token": _code(admin_device)}
    )
    assert_page(client.get("/quan-tri/"), "Quản trị")


@pytest.mark.parametrize("who", ["admin", "principal"])
def test_with_the_setting_on_administrators_must_enrol_before_using_their_role(client, world, settings, who):
    settings.REQUIRE_2FA_FOR_ADMINS = True
    response = client.post(reverse("core:login"), {"username": who, "password": PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("plans:school-detail", args=[world.school.code]))
    assert page.status_code == 302 and page["Location"] == reverse("core:two-factor")
    enrol = client.get(reverse("core:two-factor")).content.decode()
    assert "yêu cầu xác thực hai lớp" in enrol
    device = TOTPDevice.objects.get(user=world.users[who])
    client.post(reverse("core:two-factor"), {"token": _code(device)})
    assert_page(
        client.get(reverse("plans:school-detail", args=[world.school.code])), "Trường THPT chuyên Lê Quý Đôn"
    )


def test_with_the_setting_on_a_teacher_is_not_asked_to_enrol(client, world, settings):
    settings.REQUIRE_2FA_FOR_ADMINS = True
    client.post(reverse("core:login"), {"username": "teacher", "password": PASSWORD})
    assert_page(
        client.get(reverse("plans:school-detail", args=[world.school.code])), "Trường THPT chuyên Lê Quý Đôn"
    )


# --- hole 4: re-authentication -------------------------------------------------------------------------------------


def test_two_factor_cannot_be_turned_off_without_the_password_or_a_code(client, world, admin_device):
    client.post(
        reverse("core:login"), {"username": "admin", "password": PASSWORD, "otp_token": _code(admin_device)}
    )
    response = client.post(reverse("core:two-factor"), {"action": "disable"})
    assert TOTPDevice.objects.filter(user=world.users["admin"]).exists()
    response = client.post(reverse("core:two-factor"), {"action": "disable", "credential": "sai-mat-khau"})
    assert "Mật khẩu hoặc mã xác thực không đúng" in response.content.decode()
    assert TOTPDevice.objects.filter(user=world.users["admin"]).exists()
    client.post(reverse("core:two-factor"), {"action": "disable", "credential": PASSWORD})
    assert not TOTPDevice.objects.filter(user=world.users["admin"]).exists()


def test_changing_roles_or_a_password_in_the_admin_asks_for_re_authentication(client, world):
    client.post(reverse("core:login"), {"username": "admin", "password": PASSWORD})
    teacher = world.users["teacher"]
    for url in (
        f"/quan-tri/core/user/{teacher.pk}/change/",
        f"/quan-tri/core/user/{teacher.pk}/password/",
        "/quan-tri/core/user/add/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("core:reauth")), url
    # a POST that would give the teacher the leadership role is refused the same way
    response = client.post(
        f"/quan-tri/core/user/{teacher.pk}/password/", {"password1": "x", "password2": "x"}
    )
    assert response["Location"].startswith(reverse("core:reauth"))
    wrong = client.post(reverse("core:reauth"), {"credential": "sai", "next": "/quan-tri/"})
    assert wrong.status_code == 200 and "không đúng" in wrong.content.decode()
    ok = client.post(
        reverse("core:reauth"), {"credential": PASSWORD, "next": f"/quan-tri/core/user/{teacher.pk}/"}
    )
    assert ok["Location"] == f"/quan-tri/core/user/{teacher.pk}/"
    assert client.get(f"/quan-tri/core/user/{teacher.pk}/change/").status_code == 200


def test_a_password_change_needs_the_current_password_and_is_audited(client_for, world):
    from truyenthong.core.models import AuditEntry

    c = client_for(world.users["teacher"])
    bad = c.post(
        reverse("core:password-change"),
        {
            "old_password": "sai",
            "new_password1": "Mot-mat-khau-moi-2026",
            "new_password2": "Mot-mat-khau-moi-2026",
        },
    )
    assert bad.status_code == 200
    c.post(
        reverse("core:password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mot-mat-khau-moi-2026",
            "new_password2": "Mot-mat-khau-moi-2026",
        },
    )
    world.users["teacher"].refresh_from_db()
    assert world.users["teacher"].check_password("Mot-mat-khau-moi-2026")
    assert AuditEntry.objects.filter(
        object_type="core.user", object_id=str(world.users["teacher"].pk)
    ).exists()
    assert c.get(reverse("core:two-factor")).status_code == 200  # still logged in


# --- hole 10: password reset by email -------------------------------------------------------------------------------


def test_a_password_reset_link_is_mailed_and_sets_a_new_password_without_logging_in(client, world):
    teacher = world.users["teacher"]
    teacher.email = "hoa@lqd.edu.vn"
    teacher.save()
    client.post(reverse("core:password-reset"), {"email": "hoa@lqd.edu.vn"})
    client.post(
        reverse("core:password-reset"), {"email": "khong-co@lqd.edu.vn"}
    )  # says the same, sends nothing
    assert len(mail.outbox) == 1 and "Đặt lại mật khẩu" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/quen-mat-khau/\S+/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(
        form_url, {"new_password1": "Mat-khau-dat-lai-2026", "new_password2": "Mat-khau-dat-lai-2026"}
    )
    teacher.refresh_from_db()
    assert teacher.check_password("Mat-khau-dat-lai-2026")
    assert "_auth_user_id" not in client.session
    again = client.get(link)  # one use only
    assert (
        "không hợp lệ" in client.get(again["Location"] if again.status_code == 302 else link).content.decode()
    )


# --- hole 10: idle sessions, lockout behind a proxy, headers --------------------------------------------------------


def test_an_idle_session_is_logged_out(client_for, world, settings):
    from truyenthong.core.middleware import SEEN_KEY

    c = client_for(world.users["teacher"])
    assert c.get(reverse("plans:school-detail", args=[world.school.code])).status_code == 200
    session = c.session
    session[SEEN_KEY] = session[SEEN_KEY] - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = c.get(reverse("plans:school-detail", args=[world.school.code]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))
    assert "_auth_user_id" not in c.session


def test_behind_a_trusted_proxy_failures_from_one_address_do_not_lock_out_another(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(
            reverse("core:login"),
            {"username": "principal", "password": "sai"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    client.post(
        reverse("core:login"),
        {"username": "principal", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert client.session.get("_auth_user_id") == str(world.users["principal"].pk)


def test_without_a_trusted_proxy_a_forged_forwarded_header_does_not_escape_the_lockout(
    client, world, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    for i in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(
            reverse("core:login"),
            {"username": "principal", "password": "sai"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        )
    client.post(
        reverse("core:login"),
        {"username": "principal", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="192.0.2.1",
    )
    assert "_auth_user_id" not in client.session


def test_every_page_carries_a_content_security_policy_without_inline_code(client_for, world):
    for user, url in [
        (None, "/"),
        (None, reverse("core:login")),
        (world.users["principal"], reverse("plans:school-detail", args=[world.school.code])),
        (world.users["principal"], reverse("indicators:dashboard", args=[world.school.code])),
    ]:
        response = client_for(user).get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy, url
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert ' style="' not in html, url


def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(client_for, world, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client_for(world.users["principal"]).generic(
        "POST", reverse("core:login"), b"x" * 2000, content_type="application/octet-stream"
    )
    assert response.status_code == 413 and "quá lớn" in response.content.decode()


def test_hsts_and_the_proxy_header_follow_the_settings(client, world, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


# --- hole 8: the secret key ----------------------------------------------------------------------------------------


def _settings_in_subprocess(env: dict) -> subprocess.CompletedProcess:
    drop = ("SECRET_KEY", "SECRET_KEY_FILE", "TRUYENTHONG_DEMO", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in drop}
    clean.update(env, DJANGO_SETTINGS_MODULE="truyenthong.settings")
    code = "import django; django.setup(); from django.conf import settings; print(len(settings.SECRET_KEY))"
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, cwd=ROOT)


def test_outside_the_demo_the_app_refuses_to_start_without_a_real_key(tmp_path):
    assert _settings_in_subprocess({"TRUYENTHONG_VAR_DIR": str(tmp_path)}).returncode != 0
    weak = _settings_in_subprocess(
        {"TRUYENTHONG_VAR_DIR": str(tmp_path), "SECRET_KEY": "dev-insecure-/srv/app"}
    )
    assert weak.returncode != 0 and "SECRET_KEY" in weak.stderr


def test_the_demo_generates_a_random_key_once_and_keeps_it(tmp_path):
    first = _settings_in_subprocess({"TRUYENTHONG_VAR_DIR": str(tmp_path), "TRUYENTHONG_DEMO": "1"})
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50 and str(ROOT) not in key
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    _settings_in_subprocess({"TRUYENTHONG_VAR_DIR": str(tmp_path), "TRUYENTHONG_DEMO": "1"})
    assert (tmp_path / "secret_key").read_text() == key
