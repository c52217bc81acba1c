"""Writes for organisations, people and classes: transactional, validated, audited."""

from __future__ import annotations

from django.db import transaction

from truyenthong.core.audit import audit_create
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.events import announce_school_data_changed
from truyenthong.core.permissions import CHANGE_PEOPLE, is_system_admin, require
from truyenthong.core.services import account_password_reset_temporary
from truyenthong.core.versioning import update_versioned
from truyenthong.org.actions import RESET_PASSWORD
from truyenthong.org.models import Membership, Organisation, Person, SchoolClass


@transaction.atomic
def organisation_create(
    *, kind: str, code: str, name: str, parent: Organisation | None = None, actor=None, **fields
) -> Organisation:
    """Create a node and place it in the tree (path, owning school)."""
    org = Organisation(kind=kind, code=code, name=name, parent=parent, **fields)
    org.full_clean(exclude=["path", "school"])
    org.save()
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    if kind == Organisation.Kind.SCHOOL:
        org.school = org
    elif parent is not None:
        org.school = parent.school
    org.save(update_fields=["path", "school"])
    audit_create(actor=actor, instance=org, organisation=org.school or org)
    return org


@transaction.atomic
def person_create(
    *, school: Organisation, actor=None, units: list[Organisation] | None = None, **fields
) -> Person:
    person = Person(school=school, **fields)
    person.full_clean()
    person.save()
    for unit in units or []:
        Membership.objects.create(person=person, unit=unit)
    audit_create(actor=actor, instance=person, organisation=school)
    _staff_changed(school)
    return person


def person_update(*, person: Person, expected_version: int, actor, **changes) -> dict:
    """Edit a staff record; the actor must hold CHANGE_PEOPLE on the person's school (whatever the caller)."""
    require(actor, CHANGE_PEOPLE, person.school)
    changed = update_versioned(
        instance=person,
        expected_version=expected_version,
        changes=changes,
        actor=actor,
        organisation=person.school,
    )
    if changed.keys() & {"active_from", "active_to", "category"}:
        _staff_changed(person.school)
    return changed


def person_password_reset(*, person: Person, actor) -> str:
    """Leadership (or a system administrator) gives the account of a member of their school's staff a temporary
    password, shown once; the person must choose their own at the next page and enrol two-factor again (their devices
    are removed: a lost phone is the usual reason for the request). Refused for an account that reaches beyond this
    school (a system administrator, a Sở official, staff of another school too): whoever resets it would gain more
    than this school."""
    require(actor, RESET_PASSWORD, person.school)
    user = person.user
    if user is None:
        raise InvalidInput("Cán bộ này chưa có tài khoản đăng nhập.")
    if not user.is_active:
        raise InvalidInput("Tài khoản của cán bộ này đã bị khóa; hãy nhờ quản trị hệ thống mở lại.")
    if user.pk == actor.pk:
        raise InvalidInput("Hãy đổi mật khẩu của chính bạn ở mục Đổi mật khẩu.")
    beyond = user.is_superuser or any(
        not a.organisation.is_within(person.school)
        for a in user.role_assignments.select_related("organisation")
    )
    if beyond and not is_system_admin(actor):
        raise NotAllowed(
            "Tài khoản này có vai trò ngoài trường (quản trị hệ thống, Sở hoặc trường khác); "
            "chỉ quản trị hệ thống đặt lại được mật khẩu."
        )
    return account_password_reset_temporary(actor=actor, user=user, organisation=person.school)


def _staff_changed(school: Organisation) -> None:
    """Staff counts are denominators of the indicators: recompute them after the change commits."""
    announce_school_data_changed(sender="org", school=school, source="staff")


@transaction.atomic
def school_class_create(*, school: Organisation, actor=None, **fields) -> SchoolClass:
    school_class = SchoolClass(school=school, **fields)
    school_class.full_clean()
    school_class.save()
    audit_create(actor=actor, instance=school_class, organisation=school)
    return school_class


@transaction.atomic
def people_bulk_create(
    *, school: Organisation, rows: list[dict], actor=None, source: str = ""
) -> list[Person]:
    """Insert many people at once (registers, generators); one audit entry for the batch, listing the codes."""
    people = [Person(school=school, **row) for row in rows]
    for person in people:
        person.full_clean(validate_unique=False)
    Person.objects.bulk_create(people, batch_size=1000)
    created = list(Person.objects.filter(school=school, code__in=[p.code for p in people]))
    from truyenthong.core.audit import audit_record
    from truyenthong.core.models import AuditEntry

    audit_record(
        actor=actor,
        instance=school,
        action=AuditEntry.Action.IMPORT,
        changes={"people": [None, f"{len(created)} người" + (f" từ {source}" if source else "")]},
        organisation=school,
    )
    return created
