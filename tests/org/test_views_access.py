"""The school, unit, staff and class pages: open to the school's roles, closed to users of another school."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.access import assert_page, assert_refused, assert_to_login

pytestmark = pytest.mark.django_db

SCHOOL_READERS = ["admin", "principal", "comms", "dept_head", "teacher", "youth", "official"]
PEOPLE_READERS = ["admin", "principal", "comms", "dept_head"]
PEOPLE_DENIED = ["teacher", "youth", "official", "other_official", "outsider"]


def school_urls(w):
    code = w.school.code
    return [reverse("plans:school-detail", args=[code])] + [
        reverse(f"org:{name}", args=[code]) for name in ("unit-list", "class-list")
    ]


def school_pages_show(w):
    """Each school page's heading (the school page names the school itself)."""
    return dict(zip(school_urls(w), ["Trường THPT chuyên Lê Quý Đôn", "Tổ chuyên môn", "Lớp"], strict=True))


def people_urls(w):
    code = w.school.code
    return [
        reverse("org:person-list", args=[code]),
        reverse("org:person-detail", args=[code, w.people["teacher"].pk]),
    ]


@pytest.mark.parametrize("role", SCHOOL_READERS)
def test_school_pages_open_for_the_schools_roles_and_its_department(world, client_for, role):
    c = client_for(world.users[role])
    for url, shows in school_pages_show(world).items():
        assert_page(c.get(url), shows, where=url)


@pytest.mark.parametrize("role", ["outsider", "other_official"])
def test_school_pages_are_refused_to_users_outside_the_school(world, client_for, role):
    c = client_for(world.users[role])
    for url in school_urls(world) + people_urls(world):
        assert_refused(c.get(url), where=url)


@pytest.mark.parametrize("role", PEOPLE_READERS)
def test_staff_pages_open_for_roles_that_read_personal_data(world, client_for, role):
    c = client_for(world.users[role])
    listing, detail = people_urls(world)
    assert_page(c.get(listing), "Nguyễn Thị Hoa", "Huỳnh Lê Minh", where=listing)
    assert_page(c.get(detail), "Nguyễn Thị Hoa", "GV002", where=detail)


@pytest.mark.parametrize("role", PEOPLE_DENIED)
def test_staff_pages_are_refused_to_everyone_else(world, client_for, role):
    c = client_for(world.users[role])
    for url in people_urls(world):
        body = assert_refused(c.get(url), where=url)
        assert "Nguyễn Thị Hoa" not in body


def test_an_anonymous_visitor_is_sent_to_the_login_page(world, client_for):
    c = client_for(None)
    for url in school_urls(world) + people_urls(world):
        assert_to_login(c.get(url), where=url)


def test_a_person_of_school_a_is_not_reachable_through_school_b(world, client_for):
    outsider = client_for(world.users["outsider"])
    other = world.other_school.code
    # The outsider leads school B; school A's person under B's address is not found, under A's it is refused.
    for url in (
        reverse("org:person-detail", args=[other, world.people["teacher"].pk]),
        reverse("org:person-detail", args=[world.school.code, world.people["teacher"].pk]),
    ):
        body = assert_refused(outsider.get(url), where=url)
        assert "Nguyễn Thị Hoa" not in body
    url = reverse("org:person-detail", args=[other, world.people["other_teacher"].pk])
    assert_page(outsider.get(url), "Trần Văn Nam", where=url)
    # And the other way round: school A's principal cannot read school B's people through A's address.
    principal = client_for(world.users["principal"])
    url = reverse("org:person-detail", args=[world.school.code, world.people["other_teacher"].pk])
    assert "Trần Văn Nam" not in assert_refused(principal.get(url), where=url)
    assert "Trần Văn Nam" not in assert_refused(principal.get(reverse("org:person-list", args=[other])))


def test_the_staff_list_of_school_a_does_not_show_school_b_people(world, client_for):
    html = (
        client_for(world.users["principal"]).get(reverse("org:person-list", args=[world.school.code])).content
    )
    assert "Nguyễn Thị Hoa" in html.decode() and "Trần Văn Nam" not in html.decode()
