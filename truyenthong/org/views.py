"""Pages of a school: its overview, units, staff register and classes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from truyenthong.core import personal_data
from truyenthong.core.audit import history_for
from truyenthong.core.errors import AppError
from truyenthong.core.forms import form_add_error, message_error
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import (
    CHANGE_PEOPLE,
    IMPORT_PEOPLE,
    VIEW_AUDIT,
    VIEW_ORG,
    VIEW_PEOPLE,
    can,
)
from truyenthong.lib.vntext import fold
from truyenthong.org.actions import RESET_PASSWORD
from truyenthong.org.forms import PersonForm
from truyenthong.org.models import Membership
from truyenthong.org.selectors import (
    classes_of,
    people_for_school,
    person_get_for_user,
    school_get_for_user,
    school_years_of,
    units_of,
)
from truyenthong.org.services import person_password_reset as person_password_reset_service, person_update


@login_required
def unit_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW_ORG)
    today_members = Q(memberships__end__isnull=True)
    units = units_of(school).annotate(member_count=Count("memberships", filter=today_members))
    heads: dict[int, list] = {}
    if can(request.user, VIEW_PEOPLE, school):
        for m in Membership.objects.filter(unit__school=school, role="head").select_related("person"):
            heads.setdefault(m.unit_id, []).append(m.person)
    rows = [{"unit": u, "heads": heads.get(u.pk, [])} for u in units]
    if heads:
        personal_data.announce_page(
            request, kind=personal_data.REGISTER, school=school, object_repr="Tổ, đơn vị và người đứng đầu"
        )
    return render(request, "org/unit_list.html", {"school": school, "rows": rows})


@login_required
def person_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW_PEOPLE)
    people = people_for_school(school=school)
    query = (request.GET.get("q") or "").strip()
    if query:
        folded = fold(query)
        people = [p for p in people if folded in fold(f"{p.full_name} {p.code} {p.position} {p.subject}")]
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    personal_data.announce_read(
        user=request.user,
        kind=personal_data.REGISTER,
        school=school,
        object_repr=f"Trang {page.number}" + (f", tìm «{query}»" if query else ""),
        path=request.get_full_path(),
    )
    return render(
        request,
        "org/person_list.html",
        {"school": school, "page": page, "q": query, "can_import": can(request.user, IMPORT_PEOPLE, school)},
    )


@login_required
def person_detail(request, code, person_id):
    person = person_get_for_user(user=request.user, person_id=person_id, action=VIEW_PEOPLE)
    school = school_get_for_user(user=request.user, code=code, action=VIEW_PEOPLE)
    if person.school_id != school.pk:
        raise Http404
    personal_data.announce_read(
        user=request.user, kind=personal_data.RECORD, school=school, person=person, path=request.path
    )
    return render(
        request,
        "org/person_detail.html",
        {
            "school": school,
            "person": person,
            "memberships": person.memberships.select_related("unit"),
            "classes": person.homeroom_classes.all(),
            "history": history_for(person)[:20] if can(request.user, VIEW_AUDIT, school) else [],
            "can_edit": can(request.user, CHANGE_PEOPLE, school),
            "can_erase": can(request.user, "privacy.erase", school),
            "can_reset_password": person.user_id is not None and can(request.user, RESET_PASSWORD, school),
        },
    )


@login_required
def class_list(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW_ORG)
    years = school_years_of(school)
    year = request.GET.get("nam_hoc") or (years[0] if years else "")
    classes = classes_of(school, year)
    show_teacher = can(request.user, VIEW_PEOPLE, school)
    if show_teacher:
        personal_data.announce_page(
            request, kind=personal_data.REGISTER, school=school, object_repr=f"Danh sách lớp {year} (GVCN)"
        )
    return render(
        request,
        "org/class_list.html",
        {
            "school": school,
            "classes": classes,
            "years": years,
            "year": year,
            "show_teacher": show_teacher,
            "can_import": can(request.user, IMPORT_PEOPLE, school),
        },
    )


@login_required
def person_edit(request, code, person_id):
    """Correct a staff record (leadership); a stale form is refused rather than overwriting a newer edit."""
    person = person_get_for_user(user=request.user, person_id=person_id, action=CHANGE_PEOPLE)
    school = school_get_for_user(user=request.user, code=code, action=CHANGE_PEOPLE)
    if person.school_id != school.pk:
        raise Http404
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            person_update(
                person=person,
                expected_version=form.cleaned_data["version"],
                actor=request.user,
                **form.changes(),
            )
        except AppError as exc:
            form_add_error(form, exc)
        else:
            messages.success(request, "Đã lưu thông tin cán bộ.")
            return redirect("org:person-detail", code=school.code, person_id=person.pk)
    personal_data.announce_page(request, kind=personal_data.RECORD, school=school, person=person)
    return render(request, "org/person_edit.html", {"school": school, "person": person, "form": form})


@never_cache
@login_required
def person_password_reset(request, code, person_id):
    """Leadership gives a staff account a temporary password (POST), shown once and never again.

    Post/redirect/get: the POST keeps the password in the session of whoever reset it and redirects here; the GET
    takes it out as it shows it. A repeated submission (a double click, a reload of the POST) is then caught by the
    one-time form key (core.idempotency) and sent to the same page, so the account is reset once and the password
    on screen is the one that works."""
    school = school_get_for_user(user=request.user, code=code, action=RESET_PASSWORD)
    person = person_get_for_user(user=request.user, person_id=person_id, action=RESET_PASSWORD)
    if person.school_id != school.pk:
        raise Http404
    kept = f"temporary-password-{person.pk}"
    if request.method == "POST":
        try:
            request.session[kept] = person_password_reset_service(person=person, actor=request.user)
        except AppError as exc:
            message_error(request, exc)
        else:
            return redirect("org:person-password-reset", code=school.code, person_id=person.pk)
    password = request.session.pop(kept, "") if request.method == "GET" else ""
    return render(
        request,
        "org/person_password_reset.html",
        {"school": school, "person": person, "account": person.user, "password": password},
    )


@login_required
def audit_log(request, code):
    school = school_get_for_user(user=request.user, code=code, action=VIEW_AUDIT)
    entries = (
        AuditEntry.objects.filter(organisation__path__startswith=school.path)
        .select_related("actor")
        .order_by("-at", "-id")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    personal_data.announce_page(
        request,
        kind=personal_data.HISTORY,
        school=school,
        object_repr=f"Nhật ký thay đổi, trang {page.number}",
    )
    return render(request, "core/audit_log.html", {"school": school, "page": page})
