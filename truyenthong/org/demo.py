"""The demo school and the synthetic schools for benchmarks, generated from a fixed random seed.

`build_demo()` creates Bộ GDĐT → Sở GDĐT Gia Lai → Trường THPT chuyên Lê Quý Đôn (about 90 staff in the usual
departments, 30 classes per school year for 2025-2026 and 2026-2027, accounts for every role) and a second school so that "another school" can be tried; then every app's registered
demo contribution (`core.demo`: the seed plan, activities, records, content, indicators, evaluation, reports) builds
on the first school. It is idempotent: what exists is left as it is.
`build_synthetic(schools=N, staff_per_school=M)` adds N more schools of the same shape for benchmarks.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from truyenthong.core.demo import build_contributions
from truyenthong.core.models import Role, RoleAssignment
from truyenthong.org.models import Membership, Organisation, Person, SchoolClass
from truyenthong.org.services import organisation_create, people_bulk_create

DEMO_PASSWORD = "truyenthong2026"
SCHOOL_CODE = "thpt-chuyen-le-quy-don"
OTHER_SCHOOL_CODE = "thpt-hung-vuong"
SCHOOL_YEARS = ("2025-2026", "2026-2027")

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trương",
    "Lương",
    "Mai",
    "Tạ",
    "Hà",
    "Rơ Châm",
    "Ksor",
    "Siu",
]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hoài", "Bích", "Kim", "Thùy", "Diệu", "Mỹ", "Khánh"]
MIDDLE_M = ["Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Công", "Anh", "Quang", "Tuấn", "Xuân", "Trọng"]
GIVEN_F = [
    "Hoa",
    "Lan",
    "Hương",
    "Trang",
    "Thảo",
    "Linh",
    "Phương",
    "Hằng",
    "Nhung",
    "Yến",
    "Mai",
    "Vy",
    "Hạnh",
    "Oanh",
    "Ngân",
    "Quyên",
    "Tuyết",
    "Duyên",
    "Nga",
    "Loan",
    "H'Hen",
    "Thư",
]
GIVEN_M = [
    "Hùng",
    "Dũng",
    "Nam",
    "Sơn",
    "Tuấn",
    "Hải",
    "Long",
    "Phúc",
    "Khoa",
    "Bình",
    "Cường",
    "Thắng",
    "Trung",
    "Hiếu",
    "Quân",
    "Vinh",
    "Lộc",
    "Tài",
    "Nhân",
    "Đạt",
    "Kiên",
    "Y Blin",
]


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    short: str
    kind: str
    teachers: int
    subject: str = ""


UNITS = [
    UnitSpec("bgh", "Ban giám hiệu", "BGH", Organisation.UnitKind.LEADERSHIP, 0),
    UnitSpec("to-toan", "Tổ Toán", "Toán", Organisation.UnitKind.SUBJECT, 11, "Toán"),
    UnitSpec("to-ly-cn", "Tổ Vật lý - Công nghệ", "Lý - CN", Organisation.UnitKind.SUBJECT, 8, "Vật lý"),
    UnitSpec("to-hoa", "Tổ Hóa học", "Hóa", Organisation.UnitKind.SUBJECT, 7, "Hóa học"),
    UnitSpec("to-sinh", "Tổ Sinh học", "Sinh", Organisation.UnitKind.SUBJECT, 6, "Sinh học"),
    UnitSpec("to-tin", "Tổ Tin học", "Tin", Organisation.UnitKind.SUBJECT, 6, "Tin học"),
    UnitSpec("to-van", "Tổ Ngữ văn", "Văn", Organisation.UnitKind.SUBJECT, 9, "Ngữ văn"),
    UnitSpec(
        "to-su-dia-gdkt",
        "Tổ Lịch sử - Địa lý - GDKT&PL",
        "Sử - Địa - GDKT&PL",
        Organisation.UnitKind.SUBJECT,
        9,
        "Lịch sử",
    ),
    UnitSpec("to-ngoai-ngu", "Tổ Ngoại ngữ", "Ngoại ngữ", Organisation.UnitKind.SUBJECT, 10, "Tiếng Anh"),
    UnitSpec("to-td-qp", "Tổ Thể dục - Quốc phòng", "TD - QP", Organisation.UnitKind.SUBJECT, 6, "Thể dục"),
    UnitSpec("van-phong", "Tổ Văn phòng", "Văn phòng", Organisation.UnitKind.OFFICE, 0),
    UnitSpec("doan-tn", "Đoàn Thanh niên", "Đoàn TN", Organisation.UnitKind.YOUTH_UNION, 0),
    UnitSpec("cong-doan", "Công đoàn", "Công đoàn", Organisation.UnitKind.TRADE_UNION, 0),
]
OFFICE_POSITIONS = [
    "Kế toán",
    "Văn thư",
    "Thủ quỹ",
    "Nhân viên thiết bị",
    "Nhân viên thư viện",
    "Nhân viên y tế",
    "Nhân viên công nghệ thông tin",
    "Bảo vệ",
    "Nhân viên phục vụ",
    "Nhân viên phục vụ",
    "Bảo vệ",
]
CLASS_STREAMS = ["Toán", "Tin", "Lý", "Hóa", "Sinh", "Văn", "Anh", "Sử", "Địa", "A1"]


def _name(rng: random.Random) -> tuple[str, str]:
    gender = rng.choice("FM")
    middle, given = (MIDDLE_F, GIVEN_F) if gender == "F" else (MIDDLE_M, GIVEN_M)
    return f"{rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}", gender


def _ensure_org(kind, code, name, parent=None, **fields) -> Organisation:
    existing = Organisation.objects.filter(code=code).first()
    return existing or organisation_create(kind=kind, code=code, name=name, parent=parent, **fields)


def province() -> Organisation:
    ministry = _ensure_org(
        Organisation.Kind.MINISTRY, "bo-gddt", "Bộ Giáo dục và Đào tạo", short_name="Bộ GDĐT", place="Hà Nội"
    )
    return _ensure_org(
        Organisation.Kind.DEPARTMENT,
        "so-gddt-gia-lai",
        "Sở Giáo dục và Đào tạo Gia Lai",
        ministry,
        short_name="Sở GDĐT Gia Lai",
        place="Gia Lai",
    )


@transaction.atomic
def build_school(
    *, code: str, name: str, short_name: str, place: str, staff: int, seed: int, classes_per_grade: int = 10
) -> Organisation:
    """A school with its units, `staff` people spread over them, and classes for SCHOOL_YEARS."""
    department = province()
    school = _ensure_org(Organisation.Kind.SCHOOL, code, name, department, short_name=short_name, place=place)
    if Person.objects.filter(school=school).exists():
        return school
    rng = random.Random(seed)
    units = {
        spec.code: _ensure_org(
            Organisation.Kind.UNIT,
            f"{code}-{spec.code}",
            spec.name,
            school,
            short_name=spec.short,
            unit_kind=spec.kind,
        )
        for spec in UNITS
    }
    teacher_total = sum(s.teachers for s in UNITS)
    scale = max(staff - 4 - len(OFFICE_POSITIONS), 1) / teacher_total
    rows, placements = [], []
    year_start = dt.date(2020, 8, 1)

    def add(position, category, unit_codes, subject="", head=False, active_from=None, active_to=None):
        full_name, gender = _name(rng)
        number = len(rows) + 1
        rows.append(
            {
                "code": f"{short_name[:6].upper().replace(' ', '')}{number:04d}",
                "full_name": full_name,
                "gender": gender,
                "position": position,
                "category": category,
                "subject": subject,
                "email": f"gv{number:04d}@{code}.edu.vn",
                "active_from": active_from or year_start,
                "active_to": active_to,
            }
        )
        placements.append((unit_codes, head))

    add("Hiệu trưởng", Person.Category.MANAGER, ["bgh"], head=True)
    for _ in range(3):
        add("Phó Hiệu trưởng", Person.Category.MANAGER, ["bgh"])
    for spec in UNITS:
        count = max(1, round(spec.teachers * scale)) if spec.teachers else 0
        for i in range(count):
            position = "Tổ trưởng chuyên môn" if i == 0 else ("Tổ phó chuyên môn" if i == 1 else "Giáo viên")
            # A few teachers join mid-year or leave, as real registers show.
            joined = dt.date(2026, 1, 19) if i == count - 1 and spec.code in {"to-tin", "to-van"} else None
            left = dt.date(2026, 6, 30) if i == count - 1 and spec.code == "to-hoa" else None
            add(
                position,
                Person.Category.TEACHER,
                [spec.code],
                spec.subject,
                head=i == 0,
                active_from=joined,
                active_to=left,
            )
    for i, position in enumerate(OFFICE_POSITIONS[: max(staff - len(rows), 0)]):
        add(position, Person.Category.EMPLOYEE, ["van-phong"], head=i == 0)
    people = {p.code: p for p in people_bulk_create(school=school, rows=rows, source="dữ liệu mẫu")}
    memberships = []
    ordered = [people[r["code"]] for r in rows]
    for person, (unit_codes, head) in zip(ordered, placements, strict=True):
        for unit_code in unit_codes:
            memberships.append(
                Membership(
                    person=person,
                    unit=units[unit_code],
                    role=Membership.UnitRole.HEAD if head else Membership.UnitRole.MEMBER,
                )
            )
    # Youth Union secretary and trade union: teachers who also serve there.
    teachers = [p for p in ordered if p.category == Person.Category.TEACHER and p.active_to is None]
    memberships.append(Membership(person=teachers[-3], unit=units["doan-tn"], role=Membership.UnitRole.HEAD))
    for p in rng.sample(teachers, min(6, len(teachers))):
        if p != teachers[-3]:
            memberships.append(Membership(person=p, unit=units["doan-tn"]))
    memberships.append(Membership(person=ordered[1], unit=units["cong-doan"], role=Membership.UnitRole.HEAD))
    Membership.objects.bulk_create(memberships)
    homeroom_pool = [p for p in teachers if p.position == "Giáo viên"] or teachers
    classes = []
    for year_index, year in enumerate(SCHOOL_YEARS):
        # One class per homeroom teacher in a year (as in a real school): walk the pool, shifted each year.
        in_year = 0
        for grade in (10, 11, 12):
            for stream in CLASS_STREAMS[:classes_per_grade]:
                in_year += 1
                classes.append(
                    SchoolClass(
                        school=school,
                        school_year=year,
                        grade=grade,
                        name=f"{grade} {stream}",
                        student_count=rng.randint(30, 36),
                        homeroom_teacher=homeroom_pool[(year_index * 7 + in_year - 1) % len(homeroom_pool)],
                    )
                )
    SchoolClass.objects.bulk_create(classes)
    return school


def _account(
    username: str, full_name: str, *, role=None, organisation=None, unit=None, person=None, superuser=False
):
    """A demo login (named after its staff record when it has one), its role, and the link to that record."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            full_name=person.full_name if person else full_name,
            is_superuser=superuser,
            is_staff=superuser,
            email=f"{username}@demo.truyenthong.vn",
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    if role:
        RoleAssignment.objects.get_or_create(user=user, role=role, organisation=organisation, unit=unit)
    if person is not None and person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    return user


DEMO_ACCOUNTS = [
    ("admin", "Quản trị hệ thống", None),
    ("hieutruong", "Hiệu trưởng", Role.LEADERSHIP),
    ("truyenthong", "Cán bộ truyền thông", Role.COMMS),
    ("totruong", "Tổ trưởng Tổ Toán", Role.DEPT_HEAD),
    ("giaovien", "Giáo viên chủ nhiệm", Role.TEACHER),
    ("bithudoan", "Bí thư Đoàn Thanh niên", Role.YOUTH),
    ("chuyenvienso", "Chuyên viên Sở GDĐT Gia Lai", Role.OFFICIAL),
    ("truongkhac", "Hiệu trưởng trường khác (THPT Hùng Vương)", Role.LEADERSHIP),
]


def build_demo() -> Organisation:
    """The demo province: the seed school with every role, and a second school."""
    school = build_school(
        code=SCHOOL_CODE,
        name="Trường THPT chuyên Lê Quý Đôn",
        short_name="THPT chuyên LQĐ",
        place="Quy Nhơn",
        staff=90,
        seed=35,
    )
    other = build_school(
        code=OTHER_SCHOOL_CODE,
        name="Trường THPT Hùng Vương",
        short_name="THPT Hùng Vương",
        place="Pleiku",
        staff=40,
        seed=71,
        classes_per_grade=6,
    )
    department = school.parent
    people = Person.objects.filter(school=school)
    principal = people.filter(position="Hiệu trưởng").first()
    math_unit = Organisation.objects.get(code=f"{SCHOOL_CODE}-to-toan")
    math_head = people.filter(memberships__unit=math_unit, memberships__role="head").first()
    youth_head = people.filter(
        memberships__unit__code=f"{SCHOOL_CODE}-doan-tn", memberships__role="head"
    ).first()
    comms_person = people.filter(position="Nhân viên công nghệ thông tin").first()
    homeroom = (
        people.filter(homeroom_classes__school_year=SCHOOL_YEARS[-1])
        .exclude(pk=getattr(youth_head, "pk", None))
        .first()
    )
    youth_unit = Organisation.objects.get(code=f"{SCHOOL_CODE}-doan-tn")
    scopes = {
        "hieutruong": (school, None, principal),
        "truyenthong": (school, None, comms_person),
        "totruong": (school, math_unit, math_head),
        "giaovien": (school, None, homeroom),
        "bithudoan": (school, youth_unit, youth_head),
        "chuyenvienso": (department, None, None),
        "truongkhac": (other, None, None),
    }
    _account("admin", "Quản trị hệ thống", superuser=True)
    for username, label, role in DEMO_ACCOUNTS:
        if role is not None:
            organisation, unit, person = scopes[username]
            _account(username, label, role=role, organisation=organisation, unit=unit, person=person)
    build_contributions(school)
    return school


def build_synthetic(*, schools: int, staff_per_school: int, seed: int = 2026) -> list[Organisation]:
    """N extra schools of the demo's shape under the demo Sở, each with the seed plan, for benchmarks."""
    created = []
    for i in range(1, schools + 1):
        school = build_school(
            code=f"bench-{i:04d}",
            name=f"Trường THPT số {i} (dữ liệu tổng hợp)",
            short_name=f"THPT số {i}",
            place="Gia Lai",
            staff=staff_per_school,
            seed=seed + i,
        )
        build_contributions(school, synthetic=True)
        created.append(school)
    return created
