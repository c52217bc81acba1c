"""The permission layer: role × organisation subtree × action."""

import pytest

from truyenthong.core.permissions import (
    CHANGE_PLAN,
    IMPORT_PEOPLE,
    VIEW_PEOPLE,
    VIEW_PLAN,
    can,
    schools_for,
)

pytestmark = pytest.mark.django_db


def test_leadership_may_change_their_own_schools_plan_but_not_another_schools(world):
    principal = world.users["principal"]
    assert can(principal, CHANGE_PLAN, world.school)
    assert can(principal, CHANGE_PLAN, world.math_unit)
    assert not can(principal, CHANGE_PLAN, world.other_school)


def test_a_department_official_reads_every_school_of_their_department_but_no_personal_data(world):
    official = world.users["official"]
    assert can(official, VIEW_PLAN, world.school)
    assert can(official, VIEW_PLAN, world.other_school)
    assert not can(official, VIEW_PEOPLE, world.school)
    assert not can(official, CHANGE_PLAN, world.school)
    # in Vietnamese alphabetical order (case-insensitive): "chuyên Lê Quý Đôn" before "Khác"
    assert list(schools_for(official, VIEW_PLAN)) == [world.school, world.other_school]


def test_an_official_of_another_department_sees_none_of_these_schools(world):
    assert not can(world.users["other_official"], VIEW_PLAN, world.school)
    assert list(schools_for(world.users["other_official"], VIEW_PLAN)) == []


def test_a_teacher_reads_the_plan_but_cannot_change_it_or_import_people(world):
    teacher = world.users["teacher"]
    assert can(teacher, VIEW_PLAN, world.school)
    assert not can(teacher, CHANGE_PLAN, world.school)
    assert not can(teacher, IMPORT_PEOPLE, world.school)


def test_the_system_administrator_may_do_everything(world):
    assert can(world.users["admin"], CHANGE_PLAN, world.other_school)


def test_anonymous_and_inactive_users_may_do_nothing(world, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), VIEW_PLAN, world.school)
    principal = world.users["principal"]
    principal.is_active = False
    principal.save()
    fresh = django_user_model.objects.get(pk=principal.pk)
    assert not can(fresh, VIEW_PLAN, world.school)


def test_a_unit_scoped_role_is_checked_against_the_unit(world, monkeypatch):
    from truyenthong.core import permissions
    from truyenthong.core.permissions import register_actions

    # The registry is process-wide: put it back afterwards so the matrix test sees only real actions.
    monkeypatch.setattr(permissions, "ROLE_ACTIONS", dict(permissions.ROLE_ACTIONS))
    register_actions("dept_head", {"test.unit_duty"})
    head = world.users["dept_head"]
    assert can(head, "test.unit_duty", world.school, unit=world.math_unit)
    assert not can(head, "test.unit_duty", world.school, unit=world.youth_unit)
