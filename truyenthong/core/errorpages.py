"""The refusal page: says what was refused, which roles the account holds, and whom to ask."""

from django.shortcuts import render

from truyenthong.core.models import Role

GENERIC_REASON = "Tài khoản của bạn không có quyền xem hoặc thực hiện thao tác này."


def permission_denied(request, exception=None):
    user = getattr(request, "user", None)
    roles = []
    if user is not None and user.is_authenticated:
        for assignment in user.role_assignments.select_related("organisation", "unit"):
            place = assignment.unit.name if assignment.unit_id else assignment.organisation.name
            roles.append(f"{Role(assignment.role).label} — {place}")
        if user.is_superuser:
            roles.insert(0, Role.ADMIN.label)
    reason = str(exception) if exception and str(exception) else GENERIC_REASON
    return render(
        request,
        "403.html",
        {"reason": reason, "roles": roles, "signed_in": bool(user and user.is_authenticated)},
        status=403,
    )
