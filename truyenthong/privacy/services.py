"""Writes of personal-data records: consents and withdrawals, appearances, the access log, anonymisation and
retention. Transactional, validated, audited; messages in Vietnamese."""

from __future__ import annotations

import datetime as dt
import json

from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from truyenthong.core.audit import audit_create, audit_delete, audit_record, diff, snapshot
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.models import AuditEntry
from truyenthong.org.models import Organisation, Person
from truyenthong.privacy.models import ANONYMISED, AccessLog, Appearance, Consent, Erasure, Purpose, Student
from truyenthong.privacy.register import REGISTER, retention_days

# ---------------------------------------------------------------- the access log


def access_log_record(
    *, user, kind: str, school=None, person=None, object_repr: str = "", path: str = ""
) -> None:
    """One line per read of a register or a personal record (never fails the page it is written from)."""
    if not getattr(user, "is_authenticated", False):
        return
    AccessLog.objects.create(
        user=user,
        username=user.get_username()[:150],
        school=school,
        kind=kind,
        person=person,
        object_repr=(object_repr or (person.full_name if person else ""))[:300],
        path=path[:300],
    )


def access_log_on_read(sender, *, user, kind, school=None, person=None, object_repr="", path="", **kwargs):
    """Receiver of core.personal_data.personal_data_read (reads announced by lower floors such as org)."""
    access_log_record(user=user, kind=kind, school=school, person=person, object_repr=object_repr, path=path)


# ---------------------------------------------------------------- students, consents, appearances


def _touch_items(item_ids) -> None:
    """Content whose public visibility may have changed: new updated_at (so cached public pages change) and the
    section state forgotten after commit."""
    from truyenthong.content.models import ContentItem
    from truyenthong.content.selectors import section_state_forget

    ids = list(item_ids)
    if not ids:
        return
    ContentItem.objects.filter(pk__in=ids).update(updated_at=timezone.now())
    slugs = list(
        ContentItem.objects.filter(pk__in=ids, section__isnull=False).values_list("section__slug", flat=True)
    )
    transaction.on_commit(lambda: section_state_forget(*slugs))


def _items_showing(*, person=None, student=None) -> list[int]:
    qs = Appearance.objects.filter(person=person) if person else Appearance.objects.filter(student=student)
    return list(qs.values_list("item_id", flat=True))


@transaction.atomic
def student_create(
    *, school: Organisation, actor, full_name: str, birth_date=None, school_class=None
) -> Student:
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise InvalidInput("Hãy nhập họ và tên học sinh.")
    if school_class is not None and school_class.school_id != school.pk:
        raise InvalidInput("Lớp đã chọn không thuộc trường này.")
    if birth_date and birth_date > timezone.localdate():
        raise InvalidInput("Ngày sinh không thể ở tương lai.")
    student = Student(school=school, full_name=full_name, birth_date=birth_date, school_class=school_class)
    student.full_clean()
    student.save()
    audit_create(actor=actor, instance=student, organisation=school)
    _detect_name_in_school(school_id=school.pk, full_name=full_name)
    return student


def _detect_name_in_school(*, school_id: int, full_name: str) -> None:
    """A newly named person may already be named in content: look again at the items that may hold the name
    (pre-filtered on the folded words of the search index, so only a few items are read)."""
    from truyenthong.content.models import ContentItem
    from truyenthong.lib.vntext import fold

    words = fold(full_name).split(" ")
    if len(words) < 2:
        return
    items = ContentItem.objects.filter(school_id=school_id)
    for word in words:
        items = items.filter(search__words__contains=word)
    for item in items:
        appearances_detect(item=item)


def person_saved(sender, *, instance, created=False, raw=False, **kwargs):
    """post_save receiver for org.Person: a new member of staff may already be named in content."""
    if created and not raw:
        _detect_name_in_school(school_id=instance.school_id, full_name=instance.full_name)


@transaction.atomic
def consent_give(
    *,
    school: Organisation,
    actor,
    purpose: str,
    given_by: str,
    given_on: dt.date,
    evidence: str,
    person: Person | None = None,
    student: Student | None = None,
    giver_name: str = "",
) -> Consent:
    if (person is None) == (student is None):
        raise InvalidInput("Hãy chọn một cán bộ hoặc một học sinh.")
    subject_school = person.school_id if person else student.school_id
    if subject_school != school.pk:
        raise InvalidInput("Người được chọn không thuộc trường này.")
    if purpose not in Purpose.values:
        raise InvalidInput("Hãy chọn nội dung đồng ý: công bố họ tên hoặc công bố hình ảnh.")
    if given_by == Consent.GivenBy.PARENT and person is not None:
        raise InvalidInput(
            "Cán bộ, giáo viên tự đồng ý; chỉ học sinh mới cần cha mẹ hoặc người giám hộ đồng ý."
        )
    if given_by == Consent.GivenBy.PARENT and not giver_name.strip():
        raise InvalidInput("Hãy ghi họ tên cha mẹ hoặc người giám hộ đã đồng ý.")
    if not (evidence or "").strip():
        raise InvalidInput("Hãy ghi minh chứng đồng ý (ví dụ: phiếu đồng ý ký ngày…, lưu tại văn phòng).")
    if given_on > timezone.localdate():
        raise InvalidInput("Ngày đồng ý không thể ở tương lai.")
    consent = Consent(
        school=school,
        person=person,
        student=student,
        purpose=purpose,
        given_by=given_by,
        giver_name=giver_name.strip(),
        given_on=given_on,
        evidence=evidence.strip(),
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    audit_create(actor=actor, instance=consent, organisation=school)
    _touch_items(_items_showing(person=person, student=student))
    return consent


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, actor, withdrawn_on: dt.date, withdrawn_by_name: str, withdrawal_evidence: str
) -> Consent:
    consent = Consent.objects.select_for_update(of=("self",)).get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise NotAllowed(f"Sự đồng ý này đã được rút lại ngày {consent.withdrawn_on:%d/%m/%Y}.")
    if not withdrawn_by_name.strip():
        raise InvalidInput("Hãy ghi họ tên người rút lại sự đồng ý.")
    if not withdrawal_evidence.strip():
        raise InvalidInput("Hãy ghi minh chứng rút lại (đơn, tin nhắn, biên bản…).")
    if withdrawn_on < consent.given_on:
        raise InvalidInput(f"Ngày rút lại không thể trước ngày đồng ý ({consent.given_on:%d/%m/%Y}).")
    if withdrawn_on > timezone.localdate():
        raise InvalidInput("Ngày rút lại không thể ở tương lai.")
    before = snapshot(consent)
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_by_name = withdrawn_by_name.strip()
    consent.withdrawal_evidence = withdrawal_evidence.strip()
    consent.withdrawal_recorded_by = actor
    consent.save()
    audit_record(
        actor=actor,
        instance=consent,
        action=AuditEntry.Action.UPDATE,
        changes=diff(before, snapshot(consent)),
        organisation=consent.school,
    )
    _touch_items(_items_showing(person=consent.person, student=consent.student))
    return consent


@transaction.atomic
def appearance_add(
    *, item, actor, purpose: str, person: Person | None = None, student: Student | None = None
) -> Appearance:
    if (person is None) == (student is None):
        raise InvalidInput("Hãy chọn một cán bộ hoặc một học sinh xuất hiện trong nội dung.")
    subject_school = person.school_id if person else student.school_id
    if subject_school != item.school_id:
        raise InvalidInput("Người được chọn không thuộc trường của nội dung này.")
    if purpose not in Purpose.values:
        raise InvalidInput("Hãy chọn cách xuất hiện: họ tên hoặc hình ảnh.")
    if Appearance.objects.filter(item=item, person=person, student=student, purpose=purpose).exists():
        raise InvalidInput("Người này đã được ghi là xuất hiện trong nội dung theo cách này.")
    appearance = Appearance(item=item, person=person, student=student, purpose=purpose, added_by=actor)
    appearance.full_clean()
    appearance.save()
    audit_create(actor=actor, instance=appearance, organisation=item.school)
    _touch_items([item.pk])
    return appearance


@transaction.atomic
def appearance_remove(*, appearance: Appearance, actor) -> None:
    item = appearance.item
    audit_delete(actor=actor, instance=appearance, organisation=item.school)
    appearance.delete()
    _touch_items([item.pk])


# ---------------------------------------------------------------- names found in content


def appearances_detect(*, item) -> list[Appearance]:
    """Record, as appearing by name, every staff member and student of the item's school whose full name its title,
    summary or text contains. Called after every save of a content item (privacy subscribes to the save), so an
    article naming a teacher stays off the public section until that teacher consents to her name being published.
    """
    from truyenthong.content.richtext import plain_text
    from truyenthong.lib.names import names_in

    text = " ".join([item.title or "", item.summary or "", plain_text(item.body or "")])
    candidates = {
        ("person", pk): name
        for pk, name in Person.objects.filter(school_id=item.school_id)
        .exclude(full_name=ANONYMISED)
        .values_list("pk", "full_name")
    }
    candidates |= {
        ("student", pk): name
        for pk, name in Student.objects.filter(
            school_id=item.school_id, anonymised_at__isnull=True
        ).values_list("pk", "full_name")
    }
    found = names_in(text, candidates)
    existing = set(
        Appearance.objects.filter(item=item, purpose=Purpose.NAME).values_list("person_id", "student_id")
    )
    made = []
    for kind, pk in sorted(found):
        key = (pk, None) if kind == "person" else (None, pk)
        if key in existing:
            continue
        made.append(
            Appearance.objects.create(
                item=item,
                person_id=key[0],
                student_id=key[1],
                purpose=Purpose.NAME,
                detected=True,
            )
        )
    if made:
        _touch_items([item.pk])
    return made


def content_item_saved(sender, *, instance, raw=False, **kwargs):
    """post_save receiver for content.ContentItem (connected in PrivacyConfig.ready)."""
    if not raw:
        appearances_detect(item=instance)


# ---------------------------------------------------------------- anonymising


def _replace(value, old_values: list[str]):
    """`value` with every old personal value replaced by the marker (recursively through JSON)."""
    if isinstance(value, str):
        for old in old_values:
            if old and old in value:
                value = value.replace(old, ANONYMISED)
        return value
    if isinstance(value, list):
        return [_replace(v, old_values) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, old_values) for k, v in value.items()}
    return value


def _scrub_audit(
    *, school: Organisation | None, objects: list[tuple[str, str]], fields: set[str], old_values: list[str]
) -> int:
    """Audit history keeps who did what, but no longer the old personal values.

    Entries about the record itself lose every value of its personal `fields`; every entry of the school (and the
    entries without a school) loses any text holding one of `old_values` (a name in another record's description).
    """
    old_values = sorted({v for v in old_values if isinstance(v, str) and len(v) >= 3}, key=len, reverse=True)
    own = Q()
    for object_type, object_id in objects:
        own |= Q(object_type=object_type, object_id=object_id)
    scope = Q(organisation__isnull=True) | own
    if school is not None:
        scope |= Q(organisation__path__startswith=school.path)
    changed = []
    for entry in AuditEntry.objects.filter(scope).iterator(chunk_size=500):
        is_own = (entry.object_type, entry.object_id) in objects
        changes = entry.changes
        if is_own and isinstance(changes, dict):
            changes = {
                k: [ANONYMISED if v not in (None, "") else v for v in pair]
                if k in fields and isinstance(pair, list)
                else pair
                for k, pair in changes.items()
            }
        text = json.dumps(changes, ensure_ascii=False) + entry.object_repr
        if old_values and any(old in text for old in old_values):
            changes = _replace(changes, old_values)
        repr_ = ANONYMISED if is_own else _replace(entry.object_repr, old_values)
        if changes != entry.changes or repr_ != entry.object_repr:
            entry.changes, entry.object_repr = changes, repr_
            changed.append(entry)
    AuditEntry.objects.bulk_update(changed, ["changes", "object_repr"], batch_size=500)
    return len(changed)


def _scrub_value(marker, instance):
    if marker == "ANON":
        return ANONYMISED
    if marker == "ANON_CODE":
        return f"AD-{instance.pk}"
    return marker


@transaction.atomic
def person_anonymise(
    *,
    person: Person,
    actor,
    mode: str = Erasure.Mode.ANONYMISE,
    reason: str = Erasure.Reason.REQUEST,
    note: str = "",
) -> Erasure:
    """Replace a person's personal values everywhere the register lists them (or erase the record), scrub the
    audit history and the access log of them, and keep one Erasure line saying who did it and why."""
    person = Person.objects.select_for_update(of=("self",)).select_related("school", "user").get(pk=person.pk)
    if person.full_name == ANONYMISED and mode == Erasure.Mode.ANONYMISE:
        raise NotAllowed("Hồ sơ này đã được ẩn danh.")
    school, user = person.school, person.user
    old_values = [person.full_name, person.email, person.phone, person.code]
    objects = [("org.person", str(person.pk))]
    fields = set(next(e for e in REGISTER if e.model == "org.Person").fields)
    if user is not None:
        old_values += [user.username, user.full_name, user.email, user.get_full_name()]
        objects.append(("core.user", str(user.pk)))
        fields |= set(next(e for e in REGISTER if e.model == "core.User").fields)
    for entry in REGISTER:
        if not entry.owner or not entry.scrub:
            continue
        for row in entry.model_class.objects.filter(**{entry.owner: person.pk}):
            for name, marker in entry.scrub.items():
                setattr(row, name, _scrub_value(marker, row))
            row.save(update_fields=list(entry.scrub))
    if user is not None:
        user.username = f"an-danh-{user.pk}"
        user.is_active = False
        user.set_unusable_password()
        user.save()
    person.refresh_from_db()
    Consent.objects.filter(person=person).update(withdrawn_by_name=ANONYMISED)
    _touch_items(_items_showing(person=person))
    Appearance.objects.filter(person=person).delete()
    _scrub_audit(school=school, objects=objects, fields=fields, old_values=old_values)
    _scrub_access_log(school=school, old_values=old_values)
    erasure = Erasure.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        school=school,
        category="staff",
        object_type="org.person",
        object_id=str(person.pk),
        reason=reason,
        mode=mode,
        note=note[:300],
    )
    audit_record(
        actor=actor,
        instance=person,
        action=AuditEntry.Action.DELETE if mode == Erasure.Mode.ERASE else AuditEntry.Action.UPDATE,
        changes={"ẩn danh": [None, f"{erasure.get_mode_display()} — {erasure.get_reason_display()}"]},
        organisation=school,
    )
    if mode == Erasure.Mode.ERASE:
        try:
            with transaction.atomic():
                person.delete()
        except ProtectedError as exc:
            raise NotAllowed(
                "Không thể xóa hẳn hồ sơ này vì người đó còn là người chịu trách nhiệm của yêu cầu khắc phục "
                "sau kiểm tra; hãy đổi người chịu trách nhiệm hoặc chọn ẩn danh."
            ) from exc
    from truyenthong.org.services import _staff_changed

    _staff_changed(school)
    return erasure


def _scrub_access_log(*, school, old_values: list[str]) -> None:
    old_values = [v for v in old_values if isinstance(v, str) and len(v) >= 3]
    rows = []
    for row in AccessLog.objects.filter(school=school):
        new = _replace(row.object_repr, old_values)
        if new != row.object_repr:
            row.object_repr = new
            rows.append(row)
    AccessLog.objects.bulk_update(rows, ["object_repr"], batch_size=500)


@transaction.atomic
def student_anonymise(*, student: Student, actor, reason: str = Erasure.Reason.REQUEST) -> Erasure:
    student = Student.objects.select_for_update(of=("self",)).select_related("school").get(pk=student.pk)
    if student.anonymised_at is not None:
        raise NotAllowed("Học sinh này đã được ẩn danh.")
    consents = list(student.consents.all())
    old_values = (
        [student.full_name] + [c.giver_name for c in consents] + [c.withdrawn_by_name for c in consents]
    )
    student.full_name, student.birth_date, student.anonymised_at = ANONYMISED, None, timezone.now()
    student.save()
    student.consents.update(giver_name=ANONYMISED, withdrawn_by_name=ANONYMISED)
    _touch_items(_items_showing(student=student))
    objects = [("privacy.student", str(student.pk))] + [("privacy.consent", str(c.pk)) for c in consents]
    _scrub_audit(
        school=student.school,
        objects=objects,
        fields={"full_name", "birth_date", "giver_name", "withdrawn_by_name"},
        old_values=old_values,
    )
    return Erasure.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        school=student.school,
        category="students",
        object_type="privacy.student",
        object_id=str(student.pk),
        reason=reason,
    )


# ---------------------------------------------------------------- retention


def _school_year_end(year: str) -> dt.date | None:
    try:
        return dt.date(int(year[5:9]), 6, 30)
    except (ValueError, IndexError):
        return None


def retention_due(*, today: dt.date | None = None) -> dict[str, list]:
    """What is past its period, per category: the rows `retention_run` would anonymise or delete."""
    from truyenthong.records.models import StudentPrize, ViolenceIncident

    today = today or timezone.localdate()
    due: dict[str, list] = {}

    def cutoff(key):
        days = retention_days(key)
        return None if days is None else today - dt.timedelta(days=days)

    if (c := cutoff("staff")) is not None:
        due["staff"] = list(
            Person.objects.filter(active_to__lt=c).exclude(full_name=ANONYMISED).order_by("pk")
        )
    if (c := cutoff("students")) is not None:
        students = []
        for s in Student.objects.filter(anonymised_at__isnull=True).select_related("school_class"):
            end = _school_year_end(s.school_class.school_year) if s.school_class else None
            if (end or timezone.localdate(s.created_at)) < c:
                students.append(s)
        due["students"] = students
    if (c := cutoff("prizes")) is not None:
        due["prizes"] = [
            p
            for p in StudentPrize.objects.exclude(student_name=ANONYMISED).order_by("pk")
            if (p.awarded_on or timezone.localdate(p.created_at)) < c
        ]
    if (c := cutoff("incidents")) is not None:
        due["incidents"] = list(
            ViolenceIncident.objects.filter(occurred_on__lt=c).exclude(description=ANONYMISED).order_by("pk")
        )
    if (c := cutoff("access_log")) is not None:
        due["access_log"] = list(AccessLog.objects.filter(at__date__lt=c).values_list("pk", flat=True))
    return due


def _anonymise_rows(rows, *, model_label: str, category: str) -> None:
    entry = next(e for e in REGISTER if e.model == model_label)
    for row in rows:
        with transaction.atomic():
            old_values = [getattr(row, name) for name in entry.scrub]
            for name, marker in entry.scrub.items():
                setattr(row, name, _scrub_value(marker, row))
            row.save(update_fields=list(entry.scrub))
            school = Organisation.objects.get(pk=row.school_id)
            _scrub_audit(
                school=school,
                objects=[(model_label.lower(), str(row.pk))],
                fields=set(entry.scrub),
                old_values=old_values,
            )
            Erasure.objects.create(
                school=school,
                category=category,
                object_type=model_label.lower(),
                object_id=str(row.pk),
                reason=Erasure.Reason.RETENTION,
            )


def retention_run(*, today: dt.date | None = None, dry_run: bool = False) -> dict[str, int]:
    """Anonymise (or, for the access log, delete) everything past its period; running it again finds nothing."""
    due = retention_due(today=today)
    counts = {key: len(rows) for key, rows in due.items()}
    if dry_run:
        return counts
    for person in due.get("staff", []):
        person_anonymise(
            person=person, actor=None, reason=Erasure.Reason.RETENTION, note="Hết thời hạn lưu trữ"
        )
    for student in due.get("students", []):
        student_anonymise(student=student, actor=None, reason=Erasure.Reason.RETENTION)
    _anonymise_rows(due.get("prizes", []), model_label="records.StudentPrize", category="prizes")
    _anonymise_rows(due.get("incidents", []), model_label="records.ViolenceIncident", category="incidents")
    if due.get("access_log"):
        AccessLog.objects.filter(pk__in=due["access_log"]).delete()
    return counts
