"""Writes for activities, evidence and attendance: transactional, validated, audited.

Callers (views, commands, demo) check permissions through the selectors first; these functions check the state
rules (what each status allows) and the facts (roster, token, file type).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from truyenthong.activities.apps import CHANGE, CHECK_IN, VERIFY
from truyenthong.activities.models import Activity, Attendance, CalendarToken, Evidence
from truyenthong.activities.selectors import UNIT_SCOPED, roster_of
from truyenthong.core.audit import audit_create, audit_delete, audit_record
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.events import announce_school_data_changed
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import require_actor
from truyenthong.core.uploads import EVIDENCE, check_upload
from truyenthong.core.versioning import update_versioned
from truyenthong.org.models import Organisation, Person

CHECKIN_SALT = "truyenthong.activities.checkin"
EDITABLE_FIELDS = (
    "unit",
    "task",
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "person_in_charge",
    "audience",
    "planned_participants",
    "actual_participants",
)


def checkin_max_age() -> int:
    """Seconds a projected QR code stays valid (settings.ATTENDANCE_QR_MAX_AGE, default two hours)."""
    return int(getattr(settings, "ATTENDANCE_QR_MAX_AGE", 2 * 60 * 60))


def _local_hhmm(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _check_links(*, school: Organisation, fields: dict) -> None:
    unit = fields.get("unit")
    if unit is not None and (unit.school_id != school.pk or unit.kind != Organisation.Kind.UNIT):
        raise InvalidInput("Đơn vị tổ chức phải là một đơn vị của trường.")
    person = fields.get("person_in_charge")
    if person is not None and person.school_id != school.pk:
        raise InvalidInput("Người phụ trách phải là cán bộ của trường.")
    task = fields.get("task")
    if task is not None and task.group.plan.organisation_id != school.pk:
        raise InvalidInput("Nhiệm vụ phải thuộc kế hoạch của trường.")
    start, end = fields.get("starts_at"), fields.get("ends_at")
    if start and end and end < start:
        raise InvalidInput("Thời gian kết thúc phải sau thời gian bắt đầu.")


def _check_roster_units(school: Organisation, roster_units) -> list[Organisation]:
    units = list(roster_units or [])
    if any(u.school_id != school.pk for u in units):
        raise InvalidInput("Đơn vị tham dự phải là đơn vị của trường.")
    return units


def _ask(actor, action: str, activity: Activity) -> None:
    """The permission check of every write below, the same as the page's (unit-scoped actions on the activity's unit)."""
    require_actor(actor, action, activity.school, unit=activity.unit if action in UNIT_SCOPED else None)


def _announce(school: Organisation) -> None:
    """Activities and attendance feed indicators: say so once the write commits (indicators subscribe)."""
    announce_school_data_changed(sender="activities", school=school, source="activities")


@transaction.atomic
def activity_create(*, school: Organisation, actor, roster_units=None, **fields) -> Activity:
    require_actor(actor, CHANGE, school, unit=fields.get("unit"))
    _check_links(school=school, fields=fields)
    units = _check_roster_units(school, roster_units)
    activity = Activity(
        school=school, created_by=actor if getattr(actor, "is_authenticated", False) else None, **fields
    )
    if activity.takes_attendance:
        activity.actual_participants = None
    activity.full_clean()
    activity.save()
    if units:
        activity.roster_units.set(units)
    audit_create(actor=actor, instance=activity, organisation=school)
    _announce(school)
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, expected_version: int, actor, roster_units=None, **changes
) -> dict:
    _ask(actor, CHANGE, activity)
    if "unit" in changes and changes["unit"] is not None:
        require_actor(actor, CHANGE, activity.school, unit=changes["unit"])
    if activity.status == Activity.Status.VERIFIED:
        raise NotAllowed("Hoạt động đã được lãnh đạo xác nhận; cần trả lại trước khi sửa.")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"Không sửa được: {', '.join(sorted(unknown))}.")
    _check_links(
        school=activity.school, fields={**{f: getattr(activity, f) for f in EDITABLE_FIELDS}, **changes}
    )
    audience = changes.get("audience", activity.audience)
    if audience == Activity.Audience.STAFF:
        # Staff activities count their participants from attendance, never by hand.
        changes.pop("actual_participants", None)
    changed = update_versioned(
        instance=activity,
        expected_version=expected_version,
        changes=changes,
        actor=actor,
        organisation=activity.school,
    )
    if roster_units is not None:
        units = _check_roster_units(activity.school, roster_units)
        before = sorted(activity.roster_units.values_list("pk", flat=True))
        after = sorted(u.pk for u in units)
        if before != after:
            activity.roster_units.set(units)
            changed["roster_units"] = [before, after]
            audit_record(
                actor=actor,
                instance=activity,
                action=AuditEntry.Action.UPDATE,
                changes={"roster_units": [before, after]},
                organisation=activity.school,
            )
    if activity.takes_attendance:
        _refresh_actual(activity)
    _announce(activity.school)
    return changed


@transaction.atomic
def activity_delete(*, activity: Activity, actor) -> None:
    _ask(actor, CHANGE, activity)
    if activity.status == Activity.Status.VERIFIED:
        raise NotAllowed("Không xóa được hoạt động đã được lãnh đạo xác nhận; cần trả lại trước.")
    files = [e.file.name for e in activity.evidence.exclude(file="")]
    audit_delete(actor=actor, instance=activity, organisation=activity.school)
    school = activity.school
    activity.delete()
    transaction.on_commit(lambda: _remove_files(files))
    _announce(school)


def _remove_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


def _transition(
    *,
    activity: Activity,
    expected_version: int,
    actor,
    allowed_from: set[str],
    to: str,
    extra: dict | None = None,
) -> Activity:
    if activity.status not in allowed_from:
        raise NotAllowed(
            f"Không chuyển được từ «{activity.get_status_display()}» sang «{Activity.Status(to).label}»."
        )
    update_versioned(
        instance=activity,
        expected_version=expected_version,
        changes={"status": to, **(extra or {})},
        actor=actor,
        organisation=activity.school,
    )
    _announce(activity.school)
    return activity


@transaction.atomic
def activity_mark_done(
    *,
    activity: Activity,
    expected_version: int,
    actor,
    actual_participants: int | None = None,
    now: dt.datetime | None = None,
) -> Activity:
    """planned → done. Staff activities need attendance first; everyone on the roster without a record is absent."""
    _ask(actor, CHANGE, activity)
    now = now or timezone.now()
    if activity.starts_at > now:
        raise NotAllowed("Hoạt động chưa diễn ra nên chưa thể ghi nhận là đã thực hiện.")
    extra: dict = {"done_at": now}
    if activity.takes_attendance:
        if not activity.attendances.exists():
            raise NotAllowed(
                "Chưa có điểm danh: hãy điểm danh (danh sách hoặc mã QR) trước khi ghi nhận đã thực hiện."
            )
    else:
        if actual_participants is None:
            raise InvalidInput("Hãy nhập số người tham gia thực tế.")
        extra["actual_participants"] = actual_participants
    _transition(
        activity=activity,
        expected_version=expected_version,
        actor=actor,
        allowed_from={Activity.Status.PLANNED},
        to=Activity.Status.DONE,
        extra=extra,
    )
    if activity.takes_attendance:
        _fill_absent(activity, actor)
        _refresh_actual(activity)
    return activity


@transaction.atomic
def activity_verify(
    *, activity: Activity, expected_version: int, actor, now: dt.datetime | None = None
) -> Activity:
    """done → verified (leadership). Needs at least one piece of evidence."""
    _ask(actor, VERIFY, activity)
    if (
        activity.status == Activity.Status.DONE
        and not activity.evidence.filter(attendance__isnull=True).exists()
    ):
        raise NotAllowed("Cần có ít nhất một minh chứng (ảnh, tệp hoặc liên kết) trước khi xác nhận.")
    return _transition(
        activity=activity,
        expected_version=expected_version,
        actor=actor,
        allowed_from={Activity.Status.DONE},
        to=Activity.Status.VERIFIED,
        extra={"verified_at": now or timezone.now(), "verified_by": actor if actor and actor.pk else None},
    )


@transaction.atomic
def activity_reopen(*, activity: Activity, expected_version: int, actor) -> Activity:
    """One step back: verified → done (leadership withdraws the confirmation) or done → planned."""
    _ask(actor, VERIFY if activity.status == Activity.Status.VERIFIED else CHANGE, activity)
    if activity.status == Activity.Status.VERIFIED:
        return _transition(
            activity=activity,
            expected_version=expected_version,
            actor=actor,
            allowed_from={Activity.Status.VERIFIED},
            to=Activity.Status.DONE,
            extra={"verified_at": None, "verified_by": None},
        )
    return _transition(
        activity=activity,
        expected_version=expected_version,
        actor=actor,
        allowed_from={Activity.Status.DONE},
        to=Activity.Status.PLANNED,
        extra={"done_at": None},
    )


# --- evidence -------------------------------------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *,
    activity: Activity,
    actor,
    name: str = "",
    data: bytes | None = None,
    url: str = "",
    caption: str = "",
    attendance: Attendance | None = None,
    max_bytes: int | None = None,
) -> Evidence:
    """A checked file (EVIDENCE kinds, size limit, real signature) or a link."""
    _ask(actor, CHECK_IN if attendance is not None else CHANGE, activity)
    if not data and not url:
        raise InvalidInput("Hãy chọn một tệp hoặc nhập một liên kết làm minh chứng.")
    evidence = Evidence(
        activity=activity,
        attendance=attendance,
        url=url.strip(),
        caption=caption.strip(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if data:
        check_upload(
            name=name,
            data=data,
            kinds=EVIDENCE,
            max_bytes=max_bytes or settings.UPLOAD_MAX_BYTES,
            field="Minh chứng",
        )
        evidence.original_name = name[-255:]
        evidence.size = len(data)
        evidence.file.save(name, ContentFile(data), save=False)
    try:
        evidence.full_clean()
        evidence.save()
    except Exception:
        if evidence.file:
            _remove_files([evidence.file.name])
        raise
    audit_record(
        actor=actor,
        instance=evidence,
        action=AuditEntry.Action.CREATE,
        changes={k: [None, v] for k, v in _evidence_facts(evidence).items() if v},
        organisation=activity.school,
    )
    return evidence


def _evidence_facts(evidence: Evidence) -> dict:
    # core.audit.snapshot cannot serialise a FieldFile; record the stored name instead.
    return {
        "activity": evidence.activity_id,
        "attendance": evidence.attendance_id,
        "file": evidence.file.name or "",
        "original_name": evidence.original_name,
        "url": evidence.url,
        "caption": evidence.caption,
        "size": evidence.size,
    }


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor) -> None:
    _ask(actor, CHECK_IN if evidence.attendance_id else CHANGE, evidence.activity)
    activity = evidence.activity
    if activity.status == Activity.Status.VERIFIED:
        raise NotAllowed("Hoạt động đã được xác nhận; không xóa được minh chứng.")
    name = evidence.file.name if evidence.file else ""
    audit_record(
        actor=actor,
        instance=evidence,
        action=AuditEntry.Action.DELETE,
        changes={k: [v, None] for k, v in _evidence_facts(evidence).items() if v},
        organisation=activity.school,
    )
    evidence.delete()
    if name:
        transaction.on_commit(lambda: _remove_files([name]))


# --- attendance -----------------------------------------------------------------------------------------------


def _refresh_actual(activity: Activity) -> None:
    """Actual participants of a staff activity = people present at it (catch-ups are counted as attended, apart)."""
    count = activity.attendances.filter(status=Attendance.Status.PRESENT).count()
    Activity.objects.filter(pk=activity.pk).update(actual_participants=count)
    activity.actual_participants = count
    _announce(activity.school)


def _fill_absent(activity: Activity, actor) -> int:
    known = set(activity.attendances.values_list("person_id", flat=True))
    rows = [
        Attendance(
            activity=activity,
            person_id=pid,
            status=Attendance.Status.ABSENT,
            method=Attendance.Method.TICK,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for pid in roster_of(activity).values_list("pk", flat=True)
        if pid not in known
    ]
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _check_attendance_open(activity: Activity) -> None:
    if not activity.takes_attendance:
        raise NotAllowed("Hoạt động này không dành cho cán bộ, giáo viên nên không điểm danh.")
    if activity.status == Activity.Status.VERIFIED:
        raise NotAllowed("Hoạt động đã được lãnh đạo xác nhận; không sửa điểm danh được nữa.")


@transaction.atomic
def attendance_tick(
    *, activity: Activity, actor, present_ids, excused_ids=(), now: dt.datetime | None = None
) -> dict:
    """Save the organiser's tick list: ticked → present, "có phép" → excused, the rest of the roster → absent.

    People who caught up keep that status. Returns counts per status after saving.
    """
    _ask(actor, CHECK_IN, activity)
    _check_attendance_open(activity)
    now = now or timezone.now()
    roster = {p.pk: p for p in roster_of(activity)}
    present, excused = set(map(int, present_ids)), set(map(int, excused_ids)) - set(map(int, present_ids))
    strangers = (present | excused) - set(roster)
    if strangers:
        raise InvalidInput("Có người không thuộc danh sách tham dự của hoạt động này; hãy tải lại trang.")
    existing = {a.person_id: a for a in Attendance.objects.select_for_update().filter(activity=activity)}
    user = actor if getattr(actor, "is_authenticated", False) else None
    creates, changes = [], {}
    by_status: dict[str, list[int]] = {s: [] for s in Attendance.Status.values}
    for pid, person in roster.items():
        wanted = (
            Attendance.Status.PRESENT
            if pid in present
            else Attendance.Status.EXCUSED
            if pid in excused
            else Attendance.Status.ABSENT
        )
        row = existing.get(pid)
        if row is None:
            creates.append(
                Attendance(
                    activity=activity,
                    person_id=pid,
                    status=wanted,
                    method=Attendance.Method.TICK,
                    checked_in_at=now if wanted == Attendance.Status.PRESENT else None,
                    recorded_by=user,
                )
            )
            changes[person.code] = [None, wanted]
        elif row.status != wanted and row.status != Attendance.Status.CAUGHT_UP:
            by_status[wanted].append(row.pk)
            changes[person.code] = [row.status, wanted]
    Attendance.objects.bulk_create(creates, ignore_conflicts=True)
    for status, ids in by_status.items():
        if not ids:
            continue
        values = {"status": status, "recorded_by": user, "updated_at": now}
        if status == Attendance.Status.PRESENT:
            values.update(method=Attendance.Method.TICK, checked_in_at=now)
        Attendance.objects.filter(pk__in=ids).update(**values)
    if changes:
        audit_record(
            actor=actor,
            instance=activity,
            action=AuditEntry.Action.UPDATE,
            changes={f"điểm danh {code}": v for code, v in changes.items()},
            organisation=activity.school,
        )
    _refresh_actual(activity)
    return attendance_counts(activity)


def attendance_counts(activity: Activity) -> dict:
    counts = {s: 0 for s in Attendance.Status.values}
    for status in activity.attendances.values_list("status", flat=True):
        counts[status] += 1
    counts["attended"] = counts["present"] + counts["caught_up"]
    return counts


def checkin_token_issue(*, activity: Activity) -> str:
    """A signed, timestamped token naming the activity, for the QR code on the projector."""
    return signing.TimestampSigner(salt=CHECKIN_SALT).sign(str(activity.pk))


def checkin_token_read(token: str, *, max_age: int | None = None) -> int:
    """The activity id inside a token, or InvalidInput with a message the attendee understands."""
    signer = signing.TimestampSigner(salt=CHECKIN_SALT)
    try:
        value = signer.unsign(
            token, max_age=dt.timedelta(seconds=max_age if max_age is not None else checkin_max_age())
        )
    except signing.SignatureExpired as exc:
        raise InvalidInput(
            "Mã QR đã hết hạn. Hãy quét mã đang chiếu trên màn hình (mã được làm mới định kỳ)."
        ) from exc
    except signing.BadSignature as exc:
        raise InvalidInput("Mã QR không hợp lệ. Hãy quét lại mã đang chiếu trên màn hình.") from exc
    try:
        return int(value)
    except ValueError as exc:
        raise InvalidInput("Mã QR không hợp lệ.") from exc


@dataclass(frozen=True)
class CheckIn:
    attendance: Attendance
    counted: bool  # False when the person had already checked in: nothing was counted twice

    @property
    def message(self) -> str:
        at = self.attendance.checked_in_at
        if self.counted:
            return f"Đã điểm danh lúc {_local_hhmm(at)}. Cảm ơn bạn!"
        if self.attendance.status == Attendance.Status.CAUGHT_UP:
            return "Bạn đã được ghi nhận học bù cho hoạt động này."
        return f"Bạn đã điểm danh lúc {_local_hhmm(at)}; lần quét này không được tính thêm."


def person_for_user(*, user, school: Organisation) -> Person | None:
    return Person.objects.filter(user=user, school=school).first() if user and user.is_authenticated else None


def attendance_check_in(
    *, token: str, user, now: dt.datetime | None = None, max_age: int | None = None
) -> CheckIn:
    """Self check-in by QR: valid unexpired token, a person on the roster, recorded once even under concurrent scans."""
    activity_id = checkin_token_read(token, max_age=max_age)
    activity = Activity.objects.select_related("school").filter(pk=activity_id).first()
    if activity is None:
        raise InvalidInput("Hoạt động của mã QR này không còn tồn tại.")
    _check_attendance_open(activity)
    person = person_for_user(user=user, school=activity.school)
    if person is None:
        raise NotAllowed(
            f"Tài khoản của bạn chưa được gắn với hồ sơ cán bộ nào của {activity.school.name}, nên không điểm danh "
            "được. Hãy báo người tổ chức điểm danh giúp."
        )
    if not roster_of(activity).filter(pk=person.pk).exists():
        raise NotAllowed(
            f"{person.full_name} không có trong danh sách tham dự «{activity.title}». "
            "Nếu bạn được mời dự, hãy báo người tổ chức điểm danh giúp."
        )
    now = now or timezone.now()
    existing = Attendance.objects.filter(activity=activity, person=person).first()
    if existing is not None:
        return _check_in_existing(existing, user=user, now=now)
    try:
        with transaction.atomic():
            row = Attendance.objects.create(
                activity=activity,
                person=person,
                status=Attendance.Status.PRESENT,
                method=Attendance.Method.QR,
                checked_in_at=now,
                recorded_by=user,
            )
            audit_create(actor=user, instance=row, organisation=activity.school)
            _refresh_actual(activity)
    except IntegrityError:
        # A concurrent scan by the same person won the race; theirs is the one that counts.
        existing = Attendance.objects.get(activity=activity, person=person)
        return _check_in_existing(existing, user=user, now=now)
    return CheckIn(row, True)


def _check_in_existing(row: Attendance, *, user, now) -> CheckIn:
    if row.status in Attendance.ATTENDED:
        return CheckIn(row, False)
    # Marked absent or excused before they arrived: a late scan turns it into present, once.
    with transaction.atomic():
        updated = Attendance.objects.filter(
            pk=row.pk, status__in=[Attendance.Status.ABSENT, Attendance.Status.EXCUSED]
        ).update(
            status=Attendance.Status.PRESENT,
            method=Attendance.Method.QR,
            checked_in_at=now,
            recorded_by=user,
            updated_at=now,
        )
        old = row.status
        row.refresh_from_db()
        if updated:
            audit_record(
                actor=user,
                instance=row,
                action=AuditEntry.Action.UPDATE,
                changes={"status": [old, row.status], "method": ["", row.method]},
                organisation=row.activity.school,
            )
            _refresh_actual(row.activity)
    return CheckIn(row, bool(updated))


@transaction.atomic
def attendance_catch_up(
    *,
    activity: Activity,
    person: Person,
    actor,
    caught_up_on: dt.date,
    note: str = "",
    evidence_name: str = "",
    evidence_data: bytes | None = None,
    evidence_url: str = "",
    max_bytes: int | None = None,
) -> Attendance:
    """An absentee caught up later (học bù): counted as attended, with the date and evidence."""
    _ask(actor, CHECK_IN, activity)
    if not activity.takes_attendance:
        raise NotAllowed("Hoạt động này không điểm danh nên không có học bù.")
    if activity.status == Activity.Status.PLANNED:
        raise NotAllowed("Hoạt động chưa được ghi nhận đã thực hiện; chưa thể ghi học bù.")
    if not roster_of(activity).filter(pk=person.pk).exists():
        raise NotAllowed(f"{person.full_name} không có trong danh sách tham dự của hoạt động này.")
    if caught_up_on < timezone.localtime(activity.starts_at).date():
        raise InvalidInput("Ngày học bù phải sau ngày diễn ra hoạt động.")
    if caught_up_on > timezone.localdate():
        raise InvalidInput("Ngày học bù không được ở tương lai.")
    if not evidence_data and not evidence_url:
        raise InvalidInput("Học bù cần minh chứng: tệp (ảnh, PDF, Word) hoặc liên kết.")
    row, _ = Attendance.objects.select_for_update().get_or_create(
        activity=activity,
        person=person,
        defaults={"status": Attendance.Status.ABSENT, "method": Attendance.Method.TICK},
    )
    if row.status == Attendance.Status.PRESENT:
        raise NotAllowed(f"{person.full_name} đã có mặt tại hoạt động; không cần học bù.")
    old = {"status": row.status, "caught_up_on": row.caught_up_on.isoformat() if row.caught_up_on else None}
    row.status = Attendance.Status.CAUGHT_UP
    row.method = Attendance.Method.CATCH_UP
    row.caught_up_on = caught_up_on
    row.note = note.strip()
    row.recorded_by = actor
    row.full_clean()
    row.save()
    evidence_add(
        activity=activity,
        actor=actor,
        name=evidence_name,
        data=evidence_data,
        url=evidence_url,
        caption=f"Minh chứng học bù — {person.full_name}",
        attendance=row,
        max_bytes=max_bytes,
    )
    audit_record(
        actor=actor,
        instance=row,
        action=AuditEntry.Action.UPDATE,
        changes={
            "status": [old["status"], row.status],
            "caught_up_on": [old["caught_up_on"], caught_up_on.isoformat()],
        },
        organisation=activity.school,
    )
    _announce(activity.school)
    return row


# --- calendar feed token --------------------------------------------------------------------------------------


def calendar_token_get_or_create(*, user) -> CalendarToken:
    token = CalendarToken.objects.filter(user=user).first()
    if token is None:
        token, _ = CalendarToken.objects.get_or_create(
            user=user, defaults={"token": secrets.token_urlsafe(32)}
        )
    return token


@transaction.atomic
def calendar_token_rotate(*, user) -> CalendarToken:
    """A new secret; the old feed address stops working at once."""
    token, created = CalendarToken.objects.select_for_update().get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    if not created:
        token.token = secrets.token_urlsafe(32)
        token.save(update_fields=["token"])
    audit_record(actor=user, instance=token, action=AuditEntry.Action.UPDATE, changes={"token": ["…", "…"]})
    return token
