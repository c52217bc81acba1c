"""The permission matrix, generated from the one registry (core.permissions: ACTION_LABELS × ROLE_ACTIONS): every
action says in Vietnamese what it allows; every role holds exactly its registered actions on its own school (or, for
a Sở official, on the schools of its Sở) and none elsewhere; the refusal page names the action and the roles."""

from __future__ import annotations

import pytest
from django.urls import reverse

from truyenthong.core import permissions as P
from truyenthong.core.models import Role

ROLE_USERS = {
    Role.LEADERSHIP: "principal",
    Role.COMMS: "comms",
    Role.DEPT_HEAD: "dept_head",
    Role.TEACHER: "teacher",
    Role.YOUTH: "youth",
    Role.OFFICIAL: "official",
}


def _all_actions() -> set[str]:
    return set().union(*P.ROLE_ACTIONS.values()) | set(P.ACTION_LABELS)


def test_every_action_says_in_vietnamese_what_it_allows():
    for action in sorted(_all_actions()):
        label = P.ACTION_LABELS.get(action)
        assert label, f"{action} has no label"
        assert action not in label and "_" not in label and "." not in label, (action, label)
        assert label == label.strip() and label[0].islower(), (action, label)  # it continues a sentence


def test_every_role_is_in_the_matrix_and_every_granted_action_is_described():
    assert set(ROLE_USERS) <= set(P.ROLE_ACTIONS)
    described = set(P.ACTION_LABELS)
    for role, actions in P.ROLE_ACTIONS.items():
        assert actions <= described, (role, sorted(actions - described))


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(ROLE_USERS), ids=lambda r: str(r))
def test_a_role_holds_exactly_its_registered_actions_and_only_where_it_is_assigned(world, role):
    user = world.users[ROLE_USERS[role]]
    granted = P.ROLE_ACTIONS[role]
    for action in sorted(_all_actions()):
        # Unit-scoped roles hold their actions on the school itself too (their unit narrows the data, not the door).
        assert P.can(user, action, world.school) == (action in granted), (role, action)
        assert not P.can(user, action, world.ministry), (role, action)  # nobody but the admin holds the Bộ
    other = world.users["other_official"] if role == Role.OFFICIAL else None
    for action in granted:
        if other is not None:  # an official of another Sở holds nothing on this Sở's schools
            assert not P.can(other, action, world.school), action
        elif role != Role.OFFICIAL:
            assert not P.can(user, action, world.other_school), (role, action)


@pytest.mark.django_db
def test_the_system_administrator_holds_every_action_everywhere(world):
    for action in _all_actions():
        assert P.can(world.users["admin"], action, world.other_school)


@pytest.mark.django_db
def test_the_refusal_page_names_the_action_and_the_roles_that_hold_it(client, world):
    client.force_login(world.users["teacher"])
    response = client.get(reverse("org:audit-log", args=[world.school.code]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "không có quyền xem nhật ký thay đổi" in page
    assert "Ban giám hiệu" in page and "audit.view" not in page
