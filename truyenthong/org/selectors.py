"""Reads of organisations and people that depend on who asks: fetch and check access in one place."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from truyenthong.core.collation import vi, vi_person
from truyenthong.core.permissions import VIEW_ORG, VIEW_PEOPLE, require
from truyenthong.org.models import Organisation, Person, SchoolClass


def organisation_get_for_user(*, user, code: str, action: str = VIEW_ORG) -> Organisation:
    org = get_object_or_404(Organisation, code=code)
    require(user, action, org)
    return org


def school_get_for_user(*, user, code: str, action: str = VIEW_ORG) -> Organisation:
    school = get_object_or_404(Organisation, code=code, kind=Organisation.Kind.SCHOOL)
    require(user, action, school)
    return school


def person_get_for_user(*, user, person_id: int, action: str = VIEW_PEOPLE) -> Person:
    person = get_object_or_404(Person.objects.select_related("school", "user"), pk=person_id)
    require(user, action, person.school)
    return person


def people_for_school(*, school: Organisation) -> list[Person]:
    """The school's staff in Vietnamese order: by given name, then middle and family name (core.collation)."""
    return list(
        Person.objects.filter(school=school)
        .prefetch_related("memberships__unit")
        .order_by(vi_person(), "code")
    )


def units_of(school: Organisation):
    return Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT).order_by("path")


def classes_of(school: Organisation, school_year: str | None = None):
    qs = (
        SchoolClass.objects.filter(school=school)
        .select_related("homeroom_teacher")
        .order_by("school_year", "grade", vi("name"))
    )
    if school_year:
        qs = qs.filter(school_year=school_year)
    return qs


def class_choices(school: Organisation):
    """A school's classes for a form's list: the newest school year first, then grade, then name in Vietnamese order
    ("10 Địa" after "10 Anh", before "10 Văn")."""
    return SchoolClass.objects.filter(school=school).order_by("-school_year", "grade", vi("name"))


def school_years_of(school: Organisation) -> list[str]:
    return list(
        SchoolClass.objects.filter(school=school)
        .order_by("-school_year")
        .values_list("school_year", flat=True)
        .distinct()
    )
