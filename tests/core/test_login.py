"""Login: throttled, hashed passwords, optional TOTP for administrators."""

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.urls import reverse

from tests.access import assert_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_the_right_password_opens_the_users_school(client, world):
    response = client.post(reverse("core:login"), {"username": "principal", "password": PASSWORD})
    assert response.status_code == 302
    follow = client.get(response["Location"], follow=True)
    assert "Trường THPT chuyên Lê Quý Đôn" in follow.content.decode()


def test_a_wrong_password_says_so_in_vietnamese(client, world):
    response = client.post(reverse("core:login"), {"username": "principal", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_logins_are_locked_after_repeated_failures_even_with_the_right_password(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("core:login"), {"username": "principal", "password": "sai"})
    response = client.post(reverse("core:login"), {"username": "principal", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "khóa" in response.content.decode()


def test_passwords_are_stored_hashed(world):
    stored = world.users["principal"].password
    assert PASSWORD not in stored
    assert identify_hasher(stored)


def test_an_administrator_with_totp_must_give_the_code(client, world):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin = world.users["admin"]
    device = TOTPDevice.objects.create(user=admin, name="app", confirmed=True)
    response = client.post(reverse("core:login"), {"username": "admin", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "xác thực hai lớp" in response.content.decode()
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    response = client.post(
        reverse("core:login"), {"username": "admin", "password": PASSWORD, "otp_token": f"{token:06d}"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(admin.pk)


def test_an_account_can_enrol_a_totp_device_from_its_page(client_for, world):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    c = client_for(world.users["admin"])
    page = c.get(reverse("core:two-factor"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.users["admin"])
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    c.post(reverse("core:two-factor"), {"token": f"{token:06d}"})
    device.refresh_from_db()
    assert device.confirmed


def test_the_admin_site_is_closed_to_school_leadership(client_for, world):
    refused = client_for(world.users["principal"]).get("/quan-tri/")
    assert refused.status_code == 302 and refused["Location"].startswith("/quan-tri/login/")
    assert_page(client_for(world.users["admin"]).get("/quan-tri/"), "Quản trị")
