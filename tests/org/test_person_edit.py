"""Correcting a staff record: leadership only, audited, stale edits refused."""

import pytest
from django.urls import reverse

from tests.access import assert_refused
from truyenthong.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def form_data(person, **changes):
    data = {
        "full_name": person.full_name,
        "gender": person.gender,
        "email": person.email,
        "phone": person.phone,
        "position": person.position,
        "category": person.category,
        "subject": person.subject,
        "active_from": "",
        "active_to": "",
        "version": person.version,
    }
    data.update(changes)
    return data


def test_the_principal_corrects_a_teachers_record_and_the_change_is_audited(world, client_for):
    teacher = world.people["teacher"]
    url = reverse("org:person-edit", args=[world.school.code, teacher.pk])
    response = client_for(world.users["principal"]).post(url, form_data(teacher, active_to="31/05/2027"))
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.active_to.isoformat() == "2027-05-31"
    entry = AuditEntry.objects.get(object_type="org.person", object_id=str(teacher.pk), action="update")
    assert entry.changes["active_to"] == [None, "2027-05-31"]


def test_an_end_date_before_the_start_date_is_refused(world, client_for):
    teacher = world.people["teacher"]
    url = reverse("org:person-edit", args=[world.school.code, teacher.pk])
    response = client_for(world.users["principal"]).post(
        url, form_data(teacher, active_from="01/09/2026", active_to="01/01/2026")
    )
    assert "phải sau ngày bắt đầu" in response.content.decode()


def test_a_stale_edit_of_a_staff_record_is_refused(world, client_for):
    teacher = world.people["teacher"]
    url = reverse("org:person-edit", args=[world.school.code, teacher.pk])
    client_for(world.users["principal"]).post(url, form_data(teacher, phone="0901"))
    response = client_for(world.users["admin"]).post(url, form_data(teacher, phone="0902"))
    assert "vừa được người khác sửa" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.phone == "0901"


@pytest.mark.parametrize("role", ["comms", "dept_head", "teacher", "youth", "official", "outsider"])
def test_only_the_leadership_may_edit_staff_records(world, client_for, role):
    teacher = world.people["teacher"]
    url = reverse("org:person-edit", args=[world.school.code, teacher.pk])
    body = assert_refused(client_for(world.users[role]).get(url))
    assert 'name="full_name"' not in body


def test_a_person_of_another_school_cannot_be_edited_through_this_schools_address(world, client_for):
    other = world.people["other_teacher"]
    url = reverse("org:person-edit", args=[world.school.code, other.pk])
    body = assert_refused(client_for(world.users["principal"]).get(url))
    assert "Trần Văn Nam" not in body
