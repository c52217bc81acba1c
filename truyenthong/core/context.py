"""Template context shared by every page: the user's schools and roles for the navigation."""

from truyenthong.core.permissions import VIEW_PLAN, is_system_admin, schools_for, sees_staff_names

# The top bar links to the user's first schools by name; a Sở official sees a thousand schools, so the query takes
# only as many as the bar shows (base.html), with only the columns the links use, and runs only if a page renders it.
NAV_SCHOOLS = 3


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_schools": []}
    schools = schools_for(user, VIEW_PLAN).only("id", "code", "name", "short_name")[:NAV_SCHOOLS]
    # hide_staff_names: templates show "—" instead of a person's name or code (Sở officials).
    return {
        "nav_schools": schools,
        "nav_is_admin": is_system_admin(user),
        "hide_staff_names": not sees_staff_names(user),
    }
