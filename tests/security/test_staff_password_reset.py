"""Leadership (or the system administrator) resets the password of a staff account of their school: a temporary
password shown once, the account must choose its own before any other page, its two-factor devices are removed, the
reset is audited. Another school's leadership, a teacher, an official are refused with 403."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
NEW = "Mot-mat-khau-rieng-2026"


@pytest.fixture
def linked(world):
    """The teacher persona's account belongs to the staff record Nguyễn Thị Hoa (GV002) and has 2FA enrolled."""
    teacher = world.people["teacher"]
    teacher.user = world.users["teacher"]
    teacher.save(update_fields=["user"])
    TOTPDevice.objects.create(user=world.users["teacher"], name="app", confirmed=True)
    return world


def reset_url(world, person="teacher", code=None):
    return reverse("org:person-password-reset", args=[code or world.school.code, world.people[person].pk])


def temporary_password(response) -> str:
    found = re.search(r'data-testid="mat-khau-tam">([^<]+)<', response.content.decode())
    assert found, "no temporary password on the page"
    return found.group(1)


def test_leadership_resets_a_staff_password_shown_once_and_removes_two_factor(linked, client_for):
    from truyenthong.core.models import AuditEntry

    w = linked
    c = client_for(w.users["principal"])
    page = c.get(reset_url(w))
    assert page.status_code == 200
    assert "xác thực hai lớp" in page.content.decode()
    assert 'data-testid="mat-khau-tam"' not in page.content.decode()  # a GET resets nothing
    teacher = w.users["teacher"]
    teacher.refresh_from_db()
    assert teacher.check_password(PASSWORD) and not teacher.must_change_password

    response = c.post(reset_url(w), follow=True)
    assert response.redirect_chain == [(reset_url(w), 302)] and response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    password = temporary_password(response)
    teacher.refresh_from_db()
    assert teacher.check_password(password) and not teacher.check_password(PASSWORD)
    assert teacher.must_change_password
    assert not TOTPDevice.objects.filter(user=teacher).exists()
    entry = AuditEntry.objects.filter(object_type="core.user", object_id=str(teacher.pk)).latest("id")
    assert entry.actor == w.users["principal"] and entry.organisation == w.school
    assert password not in str(entry.changes)
    # Shown once: the page, opened again, does not show it
    assert password not in c.get(reset_url(w)).content.decode()
    # The person's page offers the reset to leadership
    detail = c.get(reverse("org:person-detail", args=[w.school.code, w.people["teacher"].pk]))
    assert reset_url(w) in detail.content.decode()


def test_the_account_must_change_its_temporary_password_before_anything_else(linked, client_for):
    w = linked
    password = temporary_password(client_for(w.users["principal"]).post(reset_url(w), follow=True))
    c = Client()
    login = c.post(reverse("core:login"), {"username": "teacher", "password": password})
    assert login.status_code == 302  # the password alone: the reset removed the two-factor devices
    school_page = reverse("plans:school-detail", args=[w.school.code])
    for url in (school_page, reverse("activities:activity-list", args=[w.school.code])):
        response = c.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("core:password-change"), url
    form = c.get(reverse("core:password-change"))
    assert form.status_code == 200 and "mật khẩu tạm thời" in form.content.decode()
    c.post(
        reverse("core:password-change"),
        {"old_password": password, "new_password1": NEW, "new_password2": NEW},
    )
    teacher = w.users["teacher"]
    teacher.refresh_from_db()
    assert teacher.check_password(NEW) and not teacher.must_change_password
    assert c.get(school_page).status_code == 200


def test_the_system_administrator_may_reset_too(linked, client_for):
    response = client_for(linked.users["admin"]).post(reset_url(linked), follow=True)
    assert response.status_code == 200 and temporary_password(response)
    linked.users["teacher"].refresh_from_db()
    assert linked.users["teacher"].must_change_password


def test_a_double_submission_resets_once_and_shows_the_password_that_works(linked, client_for):
    from truyenthong.core.idempotency import FORM_KEY_FIELD
    from truyenthong.core.models import AuditEntry

    w = linked
    c = client_for(w.users["principal"])
    key = re.search(
        rf'name="{FORM_KEY_FIELD}" value="([0-9a-f]+)"', c.get(reset_url(w)).content.decode()
    ).group(1)
    first = c.post(reset_url(w), {FORM_KEY_FIELD: key})
    assert first.status_code == 302
    # the second click arrives before the browser followed the first answer: it is sent to the same page
    second = c.post(reset_url(w), {FORM_KEY_FIELD: key}, follow=True)
    password = temporary_password(second)
    teacher = w.users["teacher"]
    teacher.refresh_from_db()
    assert teacher.check_password(password)
    resets = AuditEntry.objects.filter(object_type="core.user", object_id=str(teacher.pk))
    assert resets.count() == 1


@pytest.mark.parametrize("persona", ["outsider", "teacher", "comms", "dept_head", "youth", "official"])
def test_anyone_else_is_refused_and_nothing_changes(linked, client_for, persona):
    w = linked
    assert client_for(w.users[persona]).post(reset_url(w)).status_code == 403
    assert client_for(w.users[persona]).get(reset_url(w)).status_code == 403
    w.users["teacher"].refresh_from_db()
    assert w.users["teacher"].check_password(PASSWORD) and not w.users["teacher"].must_change_password
    assert TOTPDevice.objects.filter(user=w.users["teacher"]).exists()


def test_a_person_of_another_school_cannot_be_reached_through_ones_own_school(linked, client_for):
    w = linked
    w.people["other_teacher"].user = w.users["outsider"]
    w.people["other_teacher"].save(update_fields=["user"])
    c = client_for(w.users["principal"])
    assert c.post(reset_url(w, person="other_teacher")).status_code == 403
    assert c.post(reset_url(w, person="other_teacher", code=w.other_school.code)).status_code == 403
    w.users["outsider"].refresh_from_db()
    assert w.users["outsider"].check_password(PASSWORD)


def test_an_account_with_a_role_beyond_the_school_is_left_to_the_system_administrator(linked, client_for):
    from truyenthong.core.models import Role, RoleAssignment

    w = linked
    RoleAssignment.objects.create(user=w.users["teacher"], role=Role.OFFICIAL, organisation=w.department)
    response = client_for(w.users["principal"]).post(reset_url(w))
    assert response.status_code == 200
    assert "chỉ quản trị hệ thống" in response.content.decode()
    w.users["teacher"].refresh_from_db()
    assert w.users["teacher"].check_password(PASSWORD) and not w.users["teacher"].must_change_password


def test_a_new_password_chosen_through_the_emailed_link_also_frees_the_account(linked, client_for, client):
    from django.core import mail

    w = linked
    client_for(w.users["principal"]).post(reset_url(w))
    teacher = w.users["teacher"]
    teacher.refresh_from_db()
    assert teacher.must_change_password
    teacher.email = "hoa@lqd.edu.vn"
    teacher.save(update_fields=["email"])
    client.post(reverse("core:password-reset"), {"email": "hoa@lqd.edu.vn"})
    link = re.search(r"http://testserver(/quen-mat-khau/\S+/\S+/)", mail.outbox[0].body).group(1)
    client.post(client.get(link)["Location"], {"new_password1": NEW, "new_password2": NEW})
    teacher.refresh_from_db()
    assert teacher.check_password(NEW) and not teacher.must_change_password
