"""Demo activities for school years 2025-2026 and 2026-2027: every kind, linked to the seed plan's tasks, with
realistic attendance (most present, some absent or excused, some caught up later), evidence links, and statuses
that follow the calendar (past ones done or verified, future ones planned).

`build(school)` is idempotent (a school that already has activities is left alone), uses a fixed random seed and
bulk inserts, so it runs in well under a second for a school of 90 staff.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from truyenthong.activities.models import Activity, Attendance, Evidence
from truyenthong.lib.vntext import fold
from truyenthong.org.models import Membership, Organisation, Person

SEED = 71
YEARS = (2025, 2026)
K = Activity.Kind
A = Activity.Audience

# Which plan task (by a phrase of its text) each kind of activity carries out.
TASK_PHRASES = {
    K.STUDY_SESSION: "quán triệt, học tập chuyên đề",
    K.PARTY_MEETING: "sinh hoạt Đảng bộ, chi bộ, họp hội đồng",
    K.COUNCIL_MEETING: "sinh hoạt Đảng bộ, chi bộ, họp hội đồng",
    K.DEPARTMENT_MEETING: "sinh hoạt tổ chuyên môn",
    K.FLAG_CEREMONY: "tiết sinh hoạt lớp, hoạt động trải nghiệm",
    K.CLASS_MEETING: "tiết sinh hoạt lớp, hoạt động trải nghiệm",
    K.EXPERIENTIAL: "tiết sinh hoạt lớp, hoạt động trải nghiệm",
    K.SEMINAR: "tọa đàm, hội thảo, diễn đàn",
    K.CONTEST: "cuộc thi tìm hiểu",
    K.PARENT_MEETING: "các cuộc họp phụ huynh",
    K.LOCAL_COORDINATION: "phối hợp với chính quyền địa phương",
    K.COMMS_TRAINING: "kênh truyền thông của nhà trường",
    K.COMMENDATION: "biểu dương, khen thưởng kịp thời",
    K.INSPECTION: "kế hoạch kiểm tra, giám sát",
}


@dataclass(frozen=True)
class Spec:
    kind: str
    title: str
    month: int  # month of the school year's calendar (9..12 in the first year, 1..5 in the second)
    day: int
    hour: int
    unit: str  # unit kind or "subject:<index>"
    audience: str
    place: str
    planned: int | None = None
    duration: int = 2


def _yearly_specs() -> list[Spec]:
    L, Y, T = "leadership", "youth_union", "trade_union"
    specs = [
        Spec(
            K.STUDY_SESSION,
            "Quán triệt Nghị quyết số 71-NQ/TW về đột phá phát triển giáo dục",
            9,
            12,
            14,
            L,
            A.STAFF,
            "Hội trường A",
        ),
        Spec(
            K.STUDY_SESSION,
            "Học tập chuyên đề: Nghị quyết 281/NQ-CP và Chương trình hành động 04-CTr/TU",
            12,
            5,
            14,
            L,
            A.STAFF,
            "Hội trường A",
        ),
        Spec(
            K.STUDY_SESSION,
            "Chuyên đề chuyển đổi số trong dạy học theo Nghị quyết 71-NQ/TW",
            3,
            13,
            14,
            L,
            A.STAFF,
            "Phòng Hội đồng",
        ),
        Spec(
            K.COMMS_TRAINING,
            "Bồi dưỡng kỹ năng viết tin, chụp ảnh và quản trị fanpage",
            10,
            24,
            8,
            L,
            A.STAFF,
            "Phòng Tin học 2",
            12,
            4,
        ),
        Spec(
            K.PARENT_MEETING,
            "Họp phụ huynh học sinh đầu năm học",
            9,
            20,
            7,
            L,
            A.PARENTS,
            "Các phòng học",
            1100,
        ),
        Spec(
            K.PARENT_MEETING,
            "Họp phụ huynh học sinh sơ kết học kỳ I",
            1,
            24,
            7,
            L,
            A.PARENTS,
            "Các phòng học",
            1100,
        ),
        Spec(
            K.CONTEST,
            "Cuộc thi tìm hiểu Nghị quyết 71-NQ/TW dành cho học sinh",
            11,
            2,
            7,
            Y,
            A.STUDENTS,
            "Trực tuyến và Hội trường A",
            900,
            3,
        ),
        Spec(
            K.EXPERIENTIAL,
            "Hoạt động trải nghiệm: Em yêu trường em — giáo dục trong kỷ nguyên số",
            11,
            14,
            14,
            Y,
            A.STUDENTS,
            "Sân trường",
            1000,
            3,
        ),
        Spec(
            K.EXPERIENTIAL,
            "Trải nghiệm hướng nghiệp: gặp gỡ cựu học sinh",
            4,
            11,
            8,
            Y,
            A.STUDENTS,
            "Hội trường A",
            400,
            3,
        ),
        Spec(
            K.SEMINAR,
            "Tọa đàm nhà trường – phụ huynh – xã hội: đồng hành cùng học sinh",
            4,
            18,
            8,
            L,
            A.COMMUNITY,
            "Hội trường A",
            150,
            3,
        ),
        Spec(
            K.LOCAL_COORDINATION,
            "Phối hợp với phường tuyên truyền an toàn giao thông, phòng chống bạo lực học đường",
            10,
            10,
            7,
            Y,
            A.COMMUNITY,
            "UBND phường",
            80,
        ),
        Spec(
            K.CLASS_MEETING,
            "Sinh hoạt lớp chủ đề: Nghị quyết 71 và em",
            10,
            17,
            10,
            Y,
            A.STUDENTS,
            "Các lớp học",
            1050,
            1,
        ),
        Spec(
            K.CLASS_MEETING,
            "Sinh hoạt lớp chủ đề: Học tập suốt đời",
            2,
            27,
            10,
            Y,
            A.STUDENTS,
            "Các lớp học",
            1050,
            1,
        ),
        Spec(
            K.INSPECTION,
            "Kiểm tra việc lồng ghép nội dung Nghị quyết trong sinh hoạt chuyên môn",
            12,
            16,
            8,
            L,
            A.STAFF,
            "Các tổ chuyên môn",
            10,
        ),
        Spec(K.INSPECTION, "Giám sát công tác truyền thông học kỳ II", 4, 22, 8, L, A.STAFF, "Văn phòng", 10),
        Spec(
            K.COMMENDATION,
            "Biểu dương tập thể, cá nhân tiêu biểu trong công tác truyền thông",
            5,
            23,
            8,
            T,
            A.STAFF,
            "Hội trường A",
            90,
        ),
    ]
    flag_topics = [
        "Khai giảng và truyền thống nhà trường",
        "An toàn giao thông",
        "Ngày Nhà giáo Việt Nam 20/11",
        "Ngày thành lập Quân đội nhân dân",
        "Mừng Đảng, mừng Xuân",
        "Tháng Thanh niên",
        "Ngày Quốc tế Phụ nữ 8/3",
        "Giải phóng miền Nam 30/4",
        "Tổng kết năm học",
    ]
    for i, month in enumerate([9, 10, 11, 12, 1, 3, 3, 4, 5]):
        specs.append(
            Spec(
                K.FLAG_CEREMONY,
                f"Sinh hoạt dưới cờ: {flag_topics[i]}",
                month,
                1 + (i * 3) % 20,
                7,
                Y,
                A.STUDENTS,
                "Sân trường",
                1050,
                1,
            )
        )
    for month in (9, 10, 11, 12, 1, 2, 3, 4, 5):
        specs.append(
            Spec(
                K.COUNCIL_MEETING,
                f"Họp hội đồng sư phạm tháng {month}",
                month,
                6,
                14,
                L,
                A.STAFF,
                "Phòng Hội đồng",
            )
        )
        specs.append(
            Spec(
                K.PARTY_MEETING,
                f"Sinh hoạt chi bộ tháng {month}: lồng ghép nội dung Nghị quyết",
                month,
                4,
                16,
                L,
                A.STAFF,
                "Phòng họp chi bộ",
            )
        )
        if month in (10, 12, 3, 4):
            specs.append(
                Spec(
                    K.DEPARTMENT_MEETING,
                    f"Sinh hoạt tổ chuyên môn tháng {month}",
                    month,
                    15,
                    14,
                    "subject",
                    A.STAFF,
                    "Phòng tổ",
                )
            )
    return specs


def _date_of(start_year: int, month: int, day: int) -> dt.date:
    year = start_year if month >= 8 else start_year + 1
    day = min(day, 28)
    date = dt.date(year, month, day)
    while date.weekday() == 6:  # never on a Sunday
        date += dt.timedelta(days=1)
    return date


def _tasks_by_kind(school: Organisation) -> dict[str, object]:
    from truyenthong.activities.selectors import tasks_for_school

    tasks = list(tasks_for_school(school))
    found = {}
    for kind, phrase in TASK_PHRASES.items():
        key = fold(phrase)
        found[kind] = next((t for t in tasks if key in fold(t.text)), None)
    return found


@transaction.atomic
def build(school: Organisation, *, today: dt.date | None = None) -> int:
    """Create the demo activities for `school`; returns how many (0 when it already has some)."""
    if Activity.objects.filter(school=school).exists():
        return 0
    rng = random.Random(SEED)
    today = today or timezone.localdate()
    units = list(Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT).order_by("path"))
    if not units:
        return 0
    by_kind = {u.unit_kind: u for u in units}
    subjects = [u for u in units if u.unit_kind == Organisation.UnitKind.SUBJECT] or units[:1]
    people = list(Person.objects.filter(school=school))
    members: dict[int, set[int]] = {}
    heads: dict[int, int] = {}
    for m in Membership.objects.filter(unit__school=school):
        members.setdefault(m.unit_id, set()).add(m.person_id)
        if m.role == Membership.UnitRole.HEAD:
            heads.setdefault(m.unit_id, m.person_id)
    tasks = _tasks_by_kind(school)
    person_by_id = {p.pk: p for p in people}

    rows: list[tuple[Activity, list[int]]] = []
    for start_year in YEARS:
        for spec in _yearly_specs():
            targets = subjects if spec.unit == "subject" else [by_kind.get(spec.unit) or units[0]]
            for unit in targets:
                day = _date_of(
                    start_year,
                    spec.month,
                    spec.day + (subjects.index(unit) % 3 if spec.unit == "subject" else 0),
                )
                start = timezone.make_aware(dt.datetime.combine(day, dt.time(spec.hour, 0)))
                roster_units = [unit.pk] if spec.kind == K.DEPARTMENT_MEETING else []
                title = (
                    f"{spec.title} — {unit.short_name or unit.name}" if spec.unit == "subject" else spec.title
                )
                activity = Activity(
                    school=school,
                    unit=unit,
                    task=tasks.get(spec.kind),
                    kind=spec.kind,
                    title=f"{title} ({start_year}-{start_year + 1})"
                    if spec.kind == K.STUDY_SESSION
                    else title,
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=spec.duration),
                    place=spec.place,
                    person_in_charge=person_by_id.get(heads.get(unit.pk)),
                    audience=spec.audience,
                    planned_participants=spec.planned,
                    status=Activity.Status.PLANNED,
                )
                rows.append((activity, roster_units))
    for activity, roster_units in rows:
        if activity.audience == A.STAFF and activity.planned_participants is None:
            activity.planned_participants = len(_roster(activity, people, members, roster_units))
    _set_statuses(rows, today, rng)
    Activity.objects.bulk_create([a for a, _ in rows], batch_size=500)
    through = Activity.roster_units.through
    through.objects.bulk_create([through(activity_id=a.pk, organisation_id=u) for a, us in rows for u in us])

    attendances, evidence = [], []
    for n, (activity, roster_units) in enumerate(rows):
        if activity.status == Activity.Status.PLANNED:
            continue
        evidence.append(
            Evidence(
                activity=activity,
                url=f"https://{school.code}.edu.vn/tin-tuc/hoat-dong-{n + 1}",
                caption="Bài đăng trên Cổng thông tin điện tử của trường",
            )
        )
        if rng.random() < 0.5:
            evidence.append(
                Evidence(
                    activity=activity,
                    url=f"https://www.facebook.com/{school.code}/posts/{n + 1}",
                    caption="Bài đăng trên fanpage",
                )
            )
        if activity.audience != A.STAFF:
            planned = activity.planned_participants or 50
            activity.actual_participants = int(planned * rng.uniform(0.82, 1.0))
            continue
        present = 0
        study = activity.kind == K.STUDY_SESSION
        for person in _roster(activity, people, members, roster_units):
            roll = rng.random()
            local_day = timezone.localtime(activity.starts_at).date()
            if roll < (0.88 if study else 0.93):
                present += 1
                attendances.append(
                    Attendance(
                        activity=activity,
                        person=person,
                        status=Attendance.Status.PRESENT,
                        method=Attendance.Method.QR if rng.random() < 0.7 else Attendance.Method.TICK,
                        checked_in_at=activity.starts_at + dt.timedelta(minutes=rng.randint(-15, 20)),
                    )
                )
            elif roll < 0.94 or not study:
                catch_up_day = local_day + dt.timedelta(days=rng.randint(5, 20))
                if study and catch_up_day <= today and rng.random() < 0.6:
                    attendances.append(
                        Attendance(
                            activity=activity,
                            person=person,
                            status=Attendance.Status.CAUGHT_UP,
                            method=Attendance.Method.CATCH_UP,
                            caught_up_on=catch_up_day,
                            note="Tự nghiên cứu tài liệu, nộp bài thu hoạch",
                        )
                    )
                else:
                    attendances.append(
                        Attendance(
                            activity=activity,
                            person=person,
                            status=Attendance.Status.ABSENT,
                            method=Attendance.Method.TICK,
                        )
                    )
            else:
                attendances.append(
                    Attendance(
                        activity=activity,
                        person=person,
                        status=Attendance.Status.EXCUSED,
                        method=Attendance.Method.TICK,
                        note="Công tác, có giấy phép",
                    )
                )
        activity.actual_participants = present
    Attendance.objects.bulk_create(attendances, batch_size=1000)
    for row in attendances:
        if row.status == Attendance.Status.CAUGHT_UP:
            evidence.append(
                Evidence(
                    activity=row.activity,
                    attendance=row,
                    url=f"https://{school.code}.edu.vn/noi-bo/thu-hoach/{row.pk}",
                    caption=f"Bài thu hoạch học bù — {row.person.full_name}",
                )
            )
    Evidence.objects.bulk_create(evidence, batch_size=1000)
    Activity.objects.bulk_update(
        [a for a, _ in rows if a.actual_participants is not None], ["actual_participants"], batch_size=500
    )
    return len(rows)


def _roster(activity: Activity, people: list[Person], members: dict[int, set[int]], roster_units: list[int]):
    day = timezone.localtime(activity.starts_at).date()
    allowed = set().union(*(members.get(u, set()) for u in roster_units)) if roster_units else None
    return [p for p in people if p.is_active_on(day) and (allowed is None or p.pk in allowed)]


def _set_statuses(rows, today: dt.date, rng: random.Random) -> None:
    """Past: done, mostly verified once a month has passed; a few recent ones still await their write-up."""
    now = timezone.now()
    for activity, _ in rows:
        day = timezone.localtime(activity.starts_at).date()
        if activity.starts_at > now:
            continue
        if (today - day).days < 10 and rng.random() < 0.5:
            continue  # happened last week; the organiser has not recorded it yet
        activity.status = Activity.Status.DONE
        activity.done_at = activity.ends_at + dt.timedelta(days=rng.randint(0, 3))
        if (today - day).days > 30 and rng.random() < 0.8:
            activity.status = Activity.Status.VERIFIED
            activity.verified_at = activity.done_at + dt.timedelta(days=rng.randint(1, 7))
