"""The site's front door: the school and its plan at a glance (public), or the schools a signed-in user oversees.

It lives on the top floor because it gathers organisations and plans; core only knows accounts and permissions.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect, render

from truyenthong.core.collation import vi
from truyenthong.core.permissions import VIEW_PLAN, organisations_for, schools_for
from truyenthong.org.models import Organisation
from truyenthong.plans.selectors import current_plan_of


def _public_school():
    qs = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, is_active=True)
    if settings.DEFAULT_SCHOOL_CODE:
        return qs.filter(code=settings.DEFAULT_SCHOOL_CODE).first()
    return qs.order_by("id").first()


def home(request):
    """The school and its plan at a glance; for a Department official, the schools of the province."""
    if not request.user.is_authenticated:
        school = _public_school()
        plan = current_plan_of(school) if school else None
        return render(request, "core/home_public.html", {"school": school, "plan": plan})
    schools = list(schools_for(request.user, VIEW_PLAN))
    departments = _departments_overseen(request.user)
    if len(schools) == 1 and not departments:
        return redirect("plans:school-detail", code=schools[0].code)
    rows = [{"school": s, "plan": current_plan_of(s)} for s in schools]
    return render(request, "core/home.html", {"rows": rows, "departments": departments})


def _departments_overseen(user) -> list[Organisation]:
    """The Sở (and, for the Bộ or an administrator, every Sở) whose schools the user oversees."""
    roots = [o for o in organisations_for(user, VIEW_PLAN) if o.kind != Organisation.Kind.SCHOOL]
    found = Organisation.objects.none()
    for root in roots:
        found = found | Organisation.objects.filter(
            kind=Organisation.Kind.DEPARTMENT, path__startswith=root.path
        )
    return list(found.distinct().order_by(vi("name")))
