"""The school's overview page: the organisation's counts and its current plan (plans sit above org, so the page
that shows both lives here)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from truyenthong.core.permissions import (
    CHANGE_PLAN,
    IMPORT_PLAN,
    VIEW_AUDIT,
    VIEW_ORG,
    VIEW_PEOPLE,
    can,
    roles_of,
)
from truyenthong.org.models import Person
from truyenthong.org.selectors import classes_of, school_get_for_user, school_years_of, units_of
from truyenthong.plans.selectors import current_plan_of, plan_with_parts


@login_required
def school_detail(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW_ORG)
    plan = current_plan_of(school)
    user = request.user
    context = {
        "school": school,
        "plan": plan_with_parts(plan) if plan else None,
        "roles": roles_of(user, school),
        "unit_count": units_of(school).count(),
        "staff_count": Person.objects.filter(school=school, active_to__isnull=True).count(),
        "years": school_years_of(school),
        "can_view_people": can(user, VIEW_PEOPLE, school),
        "can_import_plan": can(user, IMPORT_PLAN, school),
        "can_change_plan": can(user, CHANGE_PLAN, school),
        "can_view_audit": can(user, VIEW_AUDIT, school),
        "can_view_privacy": can(user, "privacy.register", school),
        "can_see_own_data": can(user, "privacy.own_data", school),
    }
    if context["years"]:
        context["class_count"] = classes_of(school, context["years"][0]).count()
    return render(request, "org/school_detail.html", context)
