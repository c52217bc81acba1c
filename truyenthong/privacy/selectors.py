"""Reads of personal-data records that depend on who asks, and the consent gate of the public section."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet
from django.utils import timezone

from truyenthong.core.permissions import require
from truyenthong.lib import consent as rules
from truyenthong.lib.vntext import person_name_key
from truyenthong.org.models import Organisation, Person
from truyenthong.org.selectors import school_get_for_user
from truyenthong.privacy import actions
from truyenthong.privacy.models import AccessLog, Appearance, Consent, Purpose, Student

# ---------------------------------------------------------------- the consent gate


def _standing_givers(day: dt.date, *, person_ids=None, student_ids=None) -> dict:
    """{("person"|"student", id, purpose): {givers}} for consents standing on `day`."""
    qs = Consent.objects.filter(given_on__lte=day).exclude(withdrawn_on__lte=day)
    if person_ids is not None or student_ids is not None:
        from django.db.models import Q

        qs = qs.filter(Q(person_id__in=person_ids or []) | Q(student_id__in=student_ids or []))
    givers: dict = defaultdict(set)
    for person_id, student_id, purpose, given_by in qs.values_list(
        "person_id", "student_id", "purpose", "given_by"
    ):
        key = ("person", person_id, purpose) if person_id else ("student", student_id, purpose)
        givers[key].add(given_by)
    return givers


def subject_may_be_shown(
    *, person: Person | None = None, student: Student | None = None, purpose: str, day=None
) -> bool:
    day = day or timezone.localdate()
    if person is not None:
        givers = _standing_givers(day, person_ids=[person.pk])[("person", person.pk, purpose)]
        return rules.is_satisfied(is_student=False, birth_date=None, day=day, givers=givers)
    givers = _standing_givers(day, student_ids=[student.pk])[("student", student.pk, purpose)]
    if student.anonymised_at is not None:
        return False
    return rules.is_satisfied(is_student=True, birth_date=student.birth_date, day=day, givers=givers)


def blocked_item_ids(*, day: dt.date | None = None) -> set[int]:
    """Content items showing somebody who has not (or no longer) consented for the way they are shown."""
    day = day or timezone.localdate()
    appearances = list(
        Appearance.objects.values_list(
            "item_id", "person_id", "student_id", "purpose", "student__birth_date", "student__anonymised_at"
        )
    )
    if not appearances:
        return set()
    givers = _standing_givers(
        day,
        person_ids=[a[1] for a in appearances if a[1]],
        student_ids=[a[2] for a in appearances if a[2]],
    )
    blocked = set()
    for item_id, person_id, student_id, purpose, birth_date, anonymised_at in appearances:
        if person_id:
            ok = rules.is_satisfied(
                is_student=False, birth_date=None, day=day, givers=givers[("person", person_id, purpose)]
            )
        else:
            ok = anonymised_at is None and rules.is_satisfied(
                is_student=True,
                birth_date=birth_date,
                day=day,
                givers=givers[("student", student_id, purpose)],
            )
        if not ok:
            blocked.add(item_id)
    return blocked


def without_unconsented(items: QuerySet) -> QuerySet:
    """The public gate's second half: drop every item that shows a person without a standing consent."""
    blocked = blocked_item_ids()
    return items.exclude(pk__in=blocked) if blocked else items


# ---------------------------------------------------------------- access-checked reads


def school_for(*, user, code: str, action: str) -> Organisation:
    return school_get_for_user(user=user, code=code, action=action)


def consents_of(school: Organisation) -> QuerySet:
    return Consent.objects.filter(school=school).select_related("person", "student__school_class")


def students_of(school: Organisation) -> QuerySet:
    return Student.objects.filter(school=school, anonymised_at__isnull=True).select_related("school_class")


def appearances_of(school: Organisation) -> QuerySet:
    return (
        Appearance.objects.filter(item__school=school)
        .select_related("item", "person", "student")
        .order_by("-item__updated_at", "id")
    )


def consent_get_for_user(*, user, consent_id: int, action: str = actions.CONSENT_CHANGE) -> Consent:
    from django.shortcuts import get_object_or_404

    consent = get_object_or_404(Consent.objects.select_related("school", "person", "student"), pk=consent_id)
    require(user, action, consent.school)
    return consent


def appearance_get_for_user(*, user, appearance_id: int) -> Appearance:
    from django.shortcuts import get_object_or_404

    appearance = get_object_or_404(Appearance.objects.select_related("item__school"), pk=appearance_id)
    require(user, actions.CONSENT_CHANGE, appearance.item.school)
    return appearance


def subject_status_rows(school: Organisation, *, day=None) -> list[dict]:
    """One row per person or student with a consent or an appearance: may their name / photo be shown today?"""
    day = day or timezone.localdate()
    consents = list(consents_of(school))
    people = {c.person for c in consents if c.person_id}
    students = {c.student for c in consents if c.student_id}
    for a in appearances_of(school):
        if a.person_id:
            people.add(a.person)
        else:
            students.add(a.student)
    givers = _standing_givers(day, person_ids=[p.pk for p in people], student_ids=[s.pk for s in students])
    rows = []
    by_name = lambda s: person_name_key(s.full_name)  # noqa: E731 — Vietnamese order, by given name
    for subject in sorted(people, key=by_name) + sorted(students, key=by_name):
        is_student = isinstance(subject, Student)
        kind = "student" if is_student else "person"
        birth = subject.birth_date if is_student else None
        row = {"subject": subject, "is_student": is_student, "purposes": []}
        for purpose, label in Purpose.choices:
            have = givers[(kind, subject.pk, purpose)]
            need = rules.required_givers(is_student=is_student, birth_date=birth, day=day)
            row["purposes"].append(
                {"label": label, "ok": need <= have, "missing": _missing_text(need - have)}
            )
        if is_student and birth:
            row["age"] = rules.age_on(birth, day)
        rows.append(row)
    return rows


def _missing_text(missing: set[str]) -> str:
    labels = {rules.SELF: "chính người đó", rules.PARENT: "cha mẹ hoặc người giám hộ"}
    return ", ".join(labels[m] for m in sorted(missing))


def access_log_for(
    school: Organisation, *, username: str = "", kind: str = "", start=None, end=None
) -> QuerySet:
    qs = AccessLog.objects.filter(school=school).select_related("user", "person")
    if username:
        qs = qs.filter(username__icontains=username)
    if kind:
        qs = qs.filter(kind=kind)
    if start:
        qs = qs.filter(at__date__gte=start)
    if end:
        qs = qs.filter(at__date__lte=end)
    return qs.order_by("-at", "-id")


def own_person(user) -> Person | None:
    """The staff record of the signed-in account, when the account has one and may see its own data."""
    person = (
        Person.objects.filter(user=user).select_related("school").first() if user.is_authenticated else None
    )
    if person is None:
        return None
    require(user, actions.OWN_DATA, person.school)
    return person
