"""Reads of records that depend on who asks: fetch and check in one place."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from truyenthong.core.permissions import can, require
from truyenthong.lib.periods import SCHOOL_YEAR, period_from_key
from truyenthong.org.models import Membership, Organisation
from truyenthong.records import actions
from truyenthong.records.kinds import KINDS, Kind


def kind_get(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("Không có loại hồ sơ này.")
    return kind


def units_user_may(user, action: str, school) -> list[Organisation] | None:
    """None when the user holds `action` school-wide, else the units their unit-scoped assignments name."""
    from truyenthong.core.permissions import ROLE_ACTIONS, _assignments, is_system_admin

    if is_system_admin(user):
        return None
    units = []
    for a in _assignments(user):
        if action not in ROLE_ACTIONS.get(a.role, ()) or not school.is_within(a.organisation):
            continue
        if a.unit_id is None:
            return None
        units.append(a.unit)
    return units


def records_for(*, user, school, kind: Kind, school_year: str | None = None):
    """The records of a kind the user may list, for a school year."""
    require(user, kind.view_action, school)
    qs = kind.model.objects.filter(school=school)
    if kind.related:
        qs = qs.select_related(*kind.related)
    if school_year:
        if kind.year_filter:
            qs = qs.filter(**{kind.year_filter: school_year})
        elif kind.date_field:
            period = period_from_key(school_year, kind=SCHOOL_YEAR)
            qs = qs.filter(**{f"{kind.date_field}__gte": period.start, f"{kind.date_field}__lte": period.end})
    if kind.slug == "tu-danh-gia-cntt":
        units = units_user_may(user, actions.CONFIRM, school)
        if units is not None:
            people = Membership.objects.filter(unit__in=units).values("person_id")
            qs = qs.filter(person_id__in=people)
    if kind.slug == "ke-hoach-to" and not can(user, actions.APPROVE, school):
        units = units_user_may(user, actions.DEPT_PLAN, school)
        if units is not None:
            # a tổ trưởng sees every tổ's approved plan, and their own tổ's plan in any state
            from django.db.models import Q

            qs = qs.filter(Q(status="approved") | Q(unit__in=units))
    return qs


def record_get_for_user(*, user, school, kind: Kind, pk: int, action: str | None = None):
    base = kind.model.objects.select_related(*kind.related) if kind.related else kind.model.objects
    record = get_object_or_404(base, pk=pk, school=school)
    require(user, action or kind.view_action, school)
    # One rule for lists and single records (history pages included): what the list hides, a URL does not show.
    viewing = action is None or action == kind.view_action
    if viewing and not records_for(user=user, school=school, kind=kind).filter(pk=record.pk).exists():
        raise Http404("Không tìm thấy hồ sơ.")
    if kind.slug == "ke-hoach-to" and (action or kind.view_action) == actions.DEPT_PLAN:
        require(user, actions.DEPT_PLAN, school, unit=record.unit)
    if kind.slug == "tu-danh-gia-cntt" and action == actions.CONFIRM:
        units = units_user_may(user, actions.CONFIRM, school)
        if units is not None and not Membership.objects.filter(person=record.person, unit__in=units).exists():
            require(user, "record.none", school)
    return record


def own_person(user, school):
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    try:
        return person if person is not None and person.school_id == school.pk else None
    except Exception:  # noqa: BLE001 — a user without a staff record
        return None


def summary_counts(*, school, school_year: str) -> list[dict]:
    """How many records of each kind the school has for the year (numbers only: safe for officials)."""
    period = period_from_key(school_year, kind=SCHOOL_YEAR)
    out = []
    for kind in KINDS.values():
        qs = kind.model.objects.filter(school=school)
        if kind.year_filter:
            qs = qs.filter(**{kind.year_filter: school_year})
        elif kind.date_field:
            qs = qs.filter(**{f"{kind.date_field}__gte": period.start, f"{kind.date_field}__lte": period.end})
        out.append({"kind": kind, "count": qs.count()})
    return out
