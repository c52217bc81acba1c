"""Template context shared by every page: the user's schools and roles for the navigation."""

from truyenthong.core.permissions import VIEW_PLAN, is_system_admin, schools_for, sees_staff_names


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_schools": []}
    schools = list(schools_for(user, VIEW_PLAN)[:50])
    # hide_staff_names: templates show "—" instead of a person's name or code (Sở officials).
    return {
        "nav_schools": schools,
        "nav_is_admin": is_system_admin(user),
        "hide_staff_names": not sees_staff_names(user),
    }
