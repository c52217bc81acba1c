"""Leadership anonymises or erases a person: the personal values leave every record and the audit history, the
history still says who did what."""

import json

import pytest
from django.urls import reverse

from tests.access import assert_page
from truyenthong.core.errors import NotAllowed
from truyenthong.core.models import AuditEntry
from truyenthong.org.models import Person
from truyenthong.org.services import person_update
from truyenthong.privacy import services
from truyenthong.privacy.models import ANONYMISED, AccessLog, Erasure

NAME = "Nguyễn Thị Hoa"


@pytest.fixture
def edited(staff):
    """The teacher's record was edited (name, phone, email) by the principal: the history holds the old values."""
    teacher = staff.people["teacher"]
    person_update(
        person=teacher,
        expected_version=teacher.version,
        actor=staff.users["principal"],
        phone="0905123456",
        email="hoa@lqd.edu.vn",
    )
    teacher.refresh_from_db()
    return staff


def _audit_text() -> str:
    return json.dumps([[e.object_repr, e.changes] for e in AuditEntry.objects.all()], ensure_ascii=False)


def test_anonymising_replaces_the_values_everywhere_and_keeps_who_did_what(edited, client_for):
    world = edited
    teacher = world.people["teacher"]
    c = client_for(world.users["principal"])
    c.get(reverse("org:person-detail", args=[world.school.code, teacher.pk]))  # a read, logged with her name
    assert NAME in _audit_text() and "0905123456" in _audit_text()
    response = c.post(
        reverse("privacy:person-erase", args=[world.school.code, teacher.pk]),
        {"mode": "anonymise", "note": "Đơn đề nghị ngày 01/12/2026", "confirm": "on"},
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.full_name == ANONYMISED and teacher.email == "" and teacher.phone == ""
    assert teacher.code == f"AD-{teacher.pk}"
    user = world.users["teacher"]
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password() and user.username == f"an-danh-{user.pk}"
    text = _audit_text()
    for old in (NAME, "0905123456", "hoa@lqd.edu.vn", "GV002"):
        assert old not in text
    assert ANONYMISED in text
    # who did what is still there: the principal's edit and the anonymisation itself
    own = AuditEntry.objects.filter(object_type="org.person", object_id=str(teacher.pk)).order_by("at", "id")
    assert [e.actor for e in own][-2:] == [world.users["principal"], world.users["principal"]]
    assert not AccessLog.objects.filter(object_repr__contains=NAME).exists()
    erasure = Erasure.objects.get()
    assert erasure.actor == world.users["principal"] and erasure.reason == "request"
    # and the colleague is untouched
    assert Person.objects.get(pk=world.people["principal"].pk).full_name == "Huỳnh Lê Minh"


def test_the_old_account_can_no_longer_log_in(edited, client):
    services.person_anonymise(person=edited.people["teacher"], actor=edited.users["principal"])
    for username in ("teacher", f"an-danh-{edited.users['teacher'].pk}"):
        response = client.post(
            reverse("core:login"), {"username": username, "password": "mat-khau-thu-nghiem"}
        )
        assert_page(response, "Đăng nhập", where=username)
        assert "_auth_user_id" not in client.session


def test_erasing_deletes_the_record_and_its_attendance(edited):
    teacher = edited.people["teacher"]
    services.person_anonymise(person=teacher, actor=edited.users["principal"], mode="erase")
    assert not Person.objects.filter(pk=teacher.pk).exists()
    assert NAME not in _audit_text()
    assert AuditEntry.objects.filter(
        object_type="org.person", object_id=str(teacher.pk), action="delete"
    ).exists()


def test_anonymising_twice_is_refused(edited):
    services.person_anonymise(person=edited.people["teacher"], actor=edited.users["principal"])
    with pytest.raises(NotAllowed, match="đã được ẩn danh"):
        services.person_anonymise(person=edited.people["teacher"], actor=edited.users["principal"])


@pytest.mark.parametrize("persona", ["comms", "teacher", "dept_head", "official", "outsider"])
def test_only_leadership_of_the_school_may_anonymise(edited, client_for, persona):
    teacher = edited.people["teacher"]
    url = reverse("privacy:person-erase", args=[edited.school.code, teacher.pk])
    c = client_for(edited.users[persona])
    assert c.get(url).status_code == 403
    assert c.post(url, {"mode": "anonymise", "note": "x", "confirm": "on"}).status_code == 403
    teacher.refresh_from_db()
    assert teacher.full_name == NAME


def test_the_form_needs_the_confirmation_box(edited, client_for):
    teacher = edited.people["teacher"]
    response = client_for(edited.users["principal"]).post(
        reverse("privacy:person-erase", args=[edited.school.code, teacher.pk]),
        {"mode": "anonymise", "note": "x"},
    )
    assert response.status_code == 200 and "bắt buộc" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.full_name == NAME


def test_the_person_page_offers_the_action_to_leadership_only(edited, client_for):
    url = reverse("org:person-detail", args=[edited.school.code, edited.people["teacher"].pk])
    assert "Ẩn danh, xóa hồ sơ" in client_for(edited.users["principal"]).get(url).content.decode()
    assert "Ẩn danh, xóa hồ sơ" not in client_for(edited.users["comms"]).get(url).content.decode()
