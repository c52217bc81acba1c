"""The one permission layer: may this user do this action on this organisation (role × subtree × action)?

A role assignment on an organisation covers it and everything below it (a Sở official covers every school of the
province). Every view, form, admin page and service asks `can`/`require`; nothing else decides access.

Choices written down here:
- Department officials read plans and progress of every school under their Sở, but not staff registers:
  personal data stays in its school.
- Unit-scoped duties (a department head for their tổ) are checked with `unit=`: the assignment must name that unit
  or the role must hold the action school-wide.
- The system administrator (superuser, or the admin role) may do everything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from truyenthong.core.collation import vi
from truyenthong.core.models import Role, RoleAssignment

VIEW_PLAN = "plan.view"
CHANGE_PLAN = "plan.change"
IMPORT_PLAN = "plan.import"
EXPORT_PLAN = "plan.export"
VIEW_ORG = "org.view"
CHANGE_ORG = "org.change"
VIEW_PEOPLE = "people.view"
CHANGE_PEOPLE = "people.change"
IMPORT_PEOPLE = "people.import"
VIEW_AUDIT = "audit.view"

# The one registry of actions: what each lets a person do (Vietnamese, for the refusal page and the permission table)
# and, below, which roles hold it. Apps add theirs in `ready()` with `describe_actions` and `register_actions`;
# tests/security/test_permission_matrix.py is generated from these two tables.
ACTION_LABELS: dict[str, str] = {
    VIEW_PLAN: "xem kế hoạch",
    CHANGE_PLAN: "sửa kế hoạch",
    IMPORT_PLAN: "nhập kế hoạch từ văn bản",
    EXPORT_PLAN: "xuất kế hoạch ra văn bản",
    VIEW_ORG: "xem thông tin nhà trường",
    CHANGE_ORG: "sửa cơ cấu tổ chức",
    VIEW_PEOPLE: "xem danh sách cán bộ, giáo viên",
    CHANGE_PEOPLE: "sửa hồ sơ cán bộ, giáo viên",
    IMPORT_PEOPLE: "nhập danh sách cán bộ, giáo viên",
    VIEW_AUDIT: "xem nhật ký thay đổi",
}

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.LEADERSHIP: frozenset(
        {
            VIEW_PLAN,
            CHANGE_PLAN,
            IMPORT_PLAN,
            EXPORT_PLAN,
            VIEW_ORG,
            CHANGE_ORG,
            VIEW_PEOPLE,
            CHANGE_PEOPLE,
            IMPORT_PEOPLE,
            VIEW_AUDIT,
        }
    ),
    Role.COMMS: frozenset({VIEW_PLAN, EXPORT_PLAN, VIEW_ORG, VIEW_PEOPLE}),
    Role.DEPT_HEAD: frozenset({VIEW_PLAN, EXPORT_PLAN, VIEW_ORG, VIEW_PEOPLE}),
    Role.TEACHER: frozenset({VIEW_PLAN, VIEW_ORG}),
    Role.YOUTH: frozenset({VIEW_PLAN, VIEW_ORG}),
    Role.OFFICIAL: frozenset({VIEW_PLAN, EXPORT_PLAN, VIEW_ORG}),
}


def register_actions(role: str, actions: set[str] | frozenset[str]) -> None:
    """Let a capability app add its own actions to a role (called from its AppConfig.ready)."""
    ROLE_ACTIONS[role] = ROLE_ACTIONS.get(role, frozenset()) | frozenset(actions)


def describe_actions(labels: dict[str, str]) -> None:
    """Say in Vietnamese what an app's actions let a person do (called from its AppConfig.ready)."""
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, "thực hiện thao tác này")


def roles_holding(action: str) -> list[str]:
    """The labels of the roles that hold `action` (the system administrator holds every action)."""
    return [Role(role).label for role, actions in ROLE_ACTIONS.items() if action in actions]


def refusal_reason(action: str) -> str:
    """What the refusal page says: what was asked, and which roles may do it (so the person knows whom to ask)."""
    roles = roles_holding(action)
    holders = f" Quyền này thuộc vai trò: {', '.join(roles)}." if roles else ""
    return f"Tài khoản của bạn không có quyền {action_label(action)}.{holders}"


def _assignments(user) -> list:
    """The user's role assignments, loaded once per user object (one query per request)."""
    cached = getattr(user, "_tt_assignments", None)
    if cached is None:
        cached = list(user.role_assignments.select_related("organisation", "unit"))
        user._tt_assignments = cached
    return cached


def is_system_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(a.role == Role.ADMIN for a in _assignments(user))


def can(user, action: str, organisation, *, unit=None) -> bool:
    """True when one of the user's roles grants `action` on `organisation` (and on `unit` when given)."""
    if organisation is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_system_admin(user):
        return True
    for assignment in _assignments(user):
        if action not in ROLE_ACTIONS.get(assignment.role, ()):
            continue
        if not organisation.is_within(assignment.organisation):
            continue
        if unit is not None and assignment.unit_id is not None and assignment.unit_id != unit.pk:
            continue
        return True
    return False


def sees_staff_names(user) -> bool:
    """May pages show this user staff names and codes (people, authors, actors)? School staff and system
    administrators: yes. Someone whose roles all sit above schools (a Sở or Bộ official): never — they follow
    plans and progress, and personal data stays in its school."""
    Organisation = _organisation_model()

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_system_admin(user):
        return True
    return any(
        a.organisation.kind in (Organisation.Kind.SCHOOL, Organisation.Kind.UNIT) for a in _assignments(user)
    )


def require(user, action: str, organisation, *, unit=None) -> None:
    """Raise PermissionDenied (HTTP 403) unless `can`."""
    if not can(user, action, organisation, unit=unit):
        raise PermissionDenied(refusal_reason(action))


def require_actor(actor, action: str, organisation, *, unit=None) -> None:
    """The check every write service makes before it changes anything (issue 10: one rule for where permissions are
    checked). `actor` is the acting user; `None` stands for the system itself — a management command, the demo
    builder, a scheduled job — which no request can reach (every view passes `request.user`)."""
    if actor is None:
        return
    require(actor, action, organisation, unit=unit)


def _organisation_model():
    """The organisation model, reached through our own RoleAssignment's foreign key rather than by importing org
    (which stands on the floor above core)."""
    return RoleAssignment._meta.get_field("organisation").related_model


def organisations_for(user, action: str):
    """The organisations on which the user may perform `action` (the roots of their subtrees)."""
    Organisation = _organisation_model()

    if is_system_admin(user):
        return Organisation.objects.filter(parent__isnull=True)
    ids = [a.organisation_id for a in _assignments(user) if action in ROLE_ACTIONS.get(a.role, ())]
    return Organisation.objects.filter(pk__in=ids)


def schools_for(user, action: str):
    """Every school the user may perform `action` on, for lists and pickers."""
    from django.db.models import Q

    Organisation = _organisation_model()

    roots = list(organisations_for(user, action))
    if not roots:
        return Organisation.objects.none()
    query = Q()
    for root in roots:
        query |= Q(path__startswith=root.path)
    return Organisation.objects.filter(query, kind=Organisation.Kind.SCHOOL).order_by(vi("name"))


def roles_of(user, organisation) -> list[str]:
    """Role labels the user holds over `organisation`, for display."""
    if not getattr(user, "is_authenticated", False):
        return []
    labels = []
    if user.is_superuser:
        labels.append(Role.ADMIN.label)
    for a in _assignments(user):
        if organisation is None or organisation.is_within(a.organisation):
            labels.append(Role(a.role).label)
    return list(dict.fromkeys(labels))
