"""The registry of named sources an indicator's numerator and denominator are chosen from.

Each source answers two questions for a period:
- `counts(school_ids, period, params)`: one aggregate query (or two, with the per-unit split) for many schools at
  once, returning {(school_id, scope): number} where scope 0 is the whole school and otherwise a unit's id;
- `rows(school, period, unit, params)`: the records behind the number, for drill-down.
Adding a source is adding a function here; choosing and combining sources is data (Indicator rows).

Each source also describes its parameters (`Param`: a Vietnamese label and a list of named choices), so the indicator
editor offers lists to choose from and never asks for JSON: what is stored in `numerator_params` is built from those
choices, and a value outside the list is refused by the form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone

from truyenthong.core.collation import vi_person
from truyenthong.lib.periods import PHASE, SCHOOL_YEAR, SEMESTER, Period, school_year_of, within
from truyenthong.org.models import Membership, Organisation, Person, SchoolClass

Counts = dict[tuple[int, int], Decimal]


@dataclass
class Row:
    """One record behind a number, as shown in a drill-down list."""

    label: str
    detail: str = ""
    day: dt.date | None = None
    unit: str = ""


@dataclass(frozen=True)
class Param:
    """One parameter of a source, chosen from a list: `choices` is a tuple of (value, Vietnamese label) pairs or a
    function returning them (for lists that live in another app, read through the app registry)."""

    name: str
    label: str
    choices: tuple | Callable[[], list[tuple[str, str]]] = ()
    multiple: bool = False
    empty_label: str = ""  # the label of "no filter" for a single choice; "" means a value is required
    help: str = ""

    def options(self) -> list[tuple[str, str]]:
        return list(self.choices() if callable(self.choices) else self.choices)

    def label_of(self, value) -> str:
        names = dict(self.options())
        if isinstance(value, list):
            return ", ".join(str(names.get(v, v)) for v in value) or "—"
        if value in ("", None):
            return self.empty_label or "—"
        return str(names.get(value, value))


@dataclass
class Source:
    key: str
    label: str
    counts: Callable[..., Counts]
    rows: Callable[..., list[Row]]
    per_unit: bool = False
    personal: bool = True
    restricted_action: str = ""
    params: dict = field(default_factory=dict)
    fields: tuple[Param, ...] = ()

    def describe(self, params: dict | None = None) -> str:
        """The parameters in words: "Loại hoạt động: Sinh hoạt chi bộ; Nhóm cán bộ: tất cả"."""
        values = {**self.params, **(params or {})}
        return "; ".join(f"{p.label}: {p.label_of(values.get(p.name, ''))}" for p in self.fields)

    @property
    def param_help(self) -> str:
        """What can be chosen, in words (the list of sources on the indicator editor)."""
        if not self.fields:
            return "Không có tham số."
        parts = []
        for p in self.fields:
            names = ", ".join(label for _v, label in p.options())
            parts.append(f"{p.label} ({names}{'; có thể chọn nhiều' if p.multiple else ''})")
        return "; ".join(parts) + "."


REGISTRY: dict[str, Source] = {}


def register(source: Source) -> Source:
    REGISTRY[source.key] = source
    return source


def get(key: str) -> Source | None:
    return REGISTRY.get(key)


def choices() -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in REGISTRY.values()]


# --- the parameters' lists ------------------------------------------------------------------------------------------


def _activity_kinds() -> list[tuple[str, str]]:
    """The activity kinds as the activities app names them (read through the registry: no import of a higher app)."""
    try:
        return list(apps.get_model("activities.Activity").Kind.choices)
    except LookupError:
        return []


STAFF_CATEGORY = Param(
    "category",
    "Nhóm cán bộ",
    (("manager", "Cán bộ quản lý"), ("teacher", "Giáo viên"), ("employee", "Nhân viên")),
    empty_label="Tất cả cán bộ, giáo viên, nhân viên",
)
ACTIVITY_KIND_ANY = Param("kind", "Loại hoạt động", _activity_kinds, empty_label="Mọi loại hoạt động")
ACTIVITY_KIND_STUDY = Param(
    "kind",
    "Loại hoạt động",
    _activity_kinds,
    multiple=True,
    help="Để trống: quán triệt, học tập chuyên đề nghị quyết.",
)
GRADE = Param(
    "grade", "Khối lớp", (("10", "Khối 10"), ("11", "Khối 11"), ("12", "Khối 12")), empty_label="Mọi khối"
)
TOPICS = Param(
    "topics",
    "Nội dung đã giáo dục",
    (("life_skills", "Kỹ năng sống"), ("law", "Pháp luật")),
    multiple=True,
    help="Lớp được đếm khi đã được giáo dục mọi nội dung đã chọn; để trống: cả hai.",
)
RATING_KIND = Param("kind", "Loại xếp loại", (("learning", "Học tập"), ("conduct", "Rèn luyện")))
RATING_LEVEL = Param(
    "level", "Mức xếp loại", (("good", "Tốt"), ("fair", "Khá"), ("passed", "Đạt"), ("failed", "Chưa đạt"))
)
PRIZE_LEVEL = Param(
    "min_level",
    "Giải từ cấp",
    (
        ("provincial", "Cấp tỉnh"),
        ("regional", "Khu vực"),
        ("national", "Quốc gia"),
        ("international", "Quốc tế"),
    ),
)
CONTENT_AUDIENCE = Param(
    "audience",
    "Đối tượng",
    (
        ("parents", "Phụ huynh học sinh"),
        ("students", "Học sinh"),
        ("staff", "Cán bộ, giáo viên, nhân viên"),
        ("community", "Cộng đồng, xã hội"),
    ),
    empty_label="Mọi đối tượng",
)
SURVEY_MEASURE = Param(
    "measure",
    "Thang đo khảo sát",
    (("awareness", "Nhận thức"), ("satisfaction", "Mức độ hài lòng")),
    empty_label="Mọi câu hỏi có thang đo",
)


# --- helpers -----------------------------------------------------------------------------------------------------


def _aware_range(period: Period) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(period.start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def school_years_in(period: Period) -> list[str]:
    """The school-year keys a year-based record must have to count in `period`."""
    if period.kind == SCHOOL_YEAR:
        return [period.key]
    if period.kind == SEMESTER:
        return [school_year_of(period.start).key]
    if period.kind == PHASE:
        return [p.key for p in within(period, SCHOOL_YEAR)]
    # calendar year: the school years that overlap it
    return [school_year_of(period.start).key, school_year_of(period.end).key]


def active_people_q(period: Period, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}active_from__isnull": True}) | Q(**{f"{prefix}active_from__lte": period.end})) & (
        Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": period.start})
    )


def _membership_q(period: Period) -> Q:
    return (Q(start__isnull=True) | Q(start__lte=period.end)) & (
        Q(end__isnull=True) | Q(end__gte=period.start)
    )


def _people_counts(people, period: Period, per_unit: bool = True) -> Counts:
    """School and per-unit distinct counts of a Person queryset (a person in two units counts in each)."""
    out: Counts = {}
    for row in people.order_by().values("school_id").annotate(n=Count("id", distinct=True)):
        out[(row["school_id"], 0)] = Decimal(row["n"])
    if per_unit:
        memberships = (
            Membership.objects.filter(_membership_q(period), person__in=people.order_by().values("id"))
            .order_by()
            .values("unit_id", "unit__school_id")
            .annotate(n=Count("person_id", distinct=True))
        )
        for row in memberships:
            out[(row["unit__school_id"], row["unit_id"])] = Decimal(row["n"])
    return out


def _people_rows(people, period: Period, unit) -> list[Row]:
    if unit is not None:
        people = people.filter(memberships__unit=unit).filter(
            Q(memberships__start__isnull=True) | Q(memberships__start__lte=period.end),
            Q(memberships__end__isnull=True) | Q(memberships__end__gte=period.start),
        )
    units = dict(
        Membership.objects.filter(person__in=people.values("id"))
        .order_by("unit__name")
        .values_list("person_id", "unit__name")
    )
    return [
        Row(
            label=p.full_name,
            detail=f"{p.code} · {p.position or p.get_category_display()}",
            unit=units.get(p.id, ""),
        )
        for p in people.distinct().order_by(vi_person(), "code")
    ]


def _people(school_ids, period: Period, params: dict):
    qs = Person.objects.filter(active_people_q(period))
    if school_ids is not None:
        qs = qs.filter(school_id__in=school_ids)
    category = params.get("category")
    if category:
        qs = qs.filter(category__in=category if isinstance(category, list) else [category])
    return qs


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _by_school(qs, school_field: str = "school_id", agg=None) -> Counts:
    agg = agg or Count("id")
    return {
        (r[school_field], 0): Decimal(r["n"] or 0) for r in qs.order_by().values(school_field).annotate(n=agg)
    }


# --- staff -------------------------------------------------------------------------------------------------------


def _staff_active_counts(school_ids, period, params):
    return _people_counts(_people(school_ids, period, params), period)


def _staff_active_rows(school, period, unit, params):
    return _people_rows(_people([school.id], period, params), period, unit)


register(
    Source(
        "staff_active",
        "Cán bộ, giáo viên, nhân viên đang công tác trong kỳ",
        _staff_active_counts,
        _staff_active_rows,
        per_unit=True,
        params={"category": ""},
        fields=(STAFF_CATEGORY,),
    )
)

register(
    Source(
        "teachers_active",
        "Giáo viên đang công tác trong kỳ",
        lambda s, p, params: _staff_active_counts(s, p, {"category": "teacher"}),
        lambda school, p, unit, params: _staff_active_rows(school, p, unit, {"category": "teacher"}),
        per_unit=True,
    )
)

ATTENDED = ("present", "caught_up")


def _attendees(school_ids, period, params):
    Attendance = _model("activities.Attendance")
    people = _people(school_ids, period, params)
    if Attendance is None:
        return people.none()
    start, end = _aware_range(period)
    kinds = params.get("kind") or "study_session"
    kinds = kinds if isinstance(kinds, list) else [kinds]
    statuses = params.get("activity_status") or ["done", "verified"]
    attended = Attendance.objects.filter(
        person_id=OuterRef("pk"),
        status__in=ATTENDED,
        activity__kind__in=kinds,
        activity__status__in=statuses,
        activity__starts_at__gte=start,
        activity__starts_at__lt=end,
    )
    return people.filter(Exists(attended))


register(
    Source(
        "staff_attended",
        "Cán bộ đã dự ít nhất một hoạt động (theo loại) trong kỳ",
        lambda s, p, params: _people_counts(_attendees(s, p, params), p),
        lambda school, p, unit, params: _people_rows(_attendees([school.id], p, params), p, unit),
        per_unit=True,
        params={"kind": "study_session", "category": ""},
        fields=(ACTIVITY_KIND_STUDY, STAFF_CATEGORY),
    )
)


def _activities(school_ids, period, params):
    Activity = _model("activities.Activity")
    if Activity is None:
        return None
    start, end = _aware_range(period)
    qs = Activity.objects.filter(starts_at__gte=start, starts_at__lt=end)
    if school_ids is not None:
        qs = qs.filter(school_id__in=school_ids)
    kinds = params.get("kind")
    if kinds:
        qs = qs.filter(kind__in=kinds if isinstance(kinds, list) else [kinds])
    return qs.filter(status__in=params.get("activity_status") or ["done", "verified"])


def _activities_counts(school_ids, period, params):
    qs = _activities(school_ids, period, params)
    if qs is None:
        return {}
    out = _by_school(qs)
    for r in qs.order_by().values("school_id", "unit_id").annotate(n=Count("id")):
        if r["unit_id"]:
            out[(r["school_id"], r["unit_id"])] = Decimal(r["n"])
    return out


def _activities_rows(school, period, unit, params):
    qs = _activities([school.id], period, params)
    if qs is None:
        return []
    if unit is not None:
        qs = qs.filter(unit=unit)
    return [
        Row(
            label=a.title,
            detail=a.get_kind_display(),
            day=timezone.localtime(a.starts_at).date(),
            unit=str(a.unit),
        )
        for a in qs.select_related("unit").order_by("starts_at")
    ]


register(
    Source(
        "activities_done",
        "Hoạt động đã thực hiện trong kỳ (theo loại)",
        _activities_counts,
        _activities_rows,
        per_unit=True,
        personal=False,
        params={"kind": ""},
        fields=(ACTIVITY_KIND_ANY,),
    )
)

# --- departments ---------------------------------------------------------------------------------------------------


def _departments(school_ids):
    qs = Organisation.objects.filter(
        kind=Organisation.Kind.UNIT, unit_kind=Organisation.UnitKind.SUBJECT, is_active=True
    )
    return qs.filter(school_id__in=school_ids) if school_ids is not None else qs


def _units_counts(qs) -> Counts:
    out = _by_school(qs)
    for unit_id, school_id in qs.values_list("id", "school_id"):
        out[(school_id, unit_id)] = Decimal(1)
    return out


register(
    Source(
        "subject_departments",
        "Tổ chuyên môn",
        lambda s, p, params: _units_counts(_departments(s)),
        lambda school, p, unit, params: [
            Row(label=u.name) for u in _departments([school.id]).filter(**({"pk": unit.pk} if unit else {}))
        ],
        per_unit=True,
        personal=False,
    )
)


def _approved_plans(school_ids, period):
    DepartmentPlan = apps.get_model("records.DepartmentPlan")
    qs = DepartmentPlan.objects.filter(status="approved", school_year__in=school_years_in(period))
    return qs.filter(school_id__in=school_ids) if school_ids is not None else qs


def _approved_plan_counts(school_ids, period, params):
    units = _departments(school_ids).filter(
        Exists(_approved_plans(school_ids, period).filter(unit_id=OuterRef("pk")))
    )
    return _units_counts(units)


register(
    Source(
        "departments_plan_approved",
        "Tổ chuyên môn có kế hoạch thực hiện đã được duyệt",
        _approved_plan_counts,
        lambda school, p, unit, params: [
            Row(label=str(d.unit), detail=d.title, day=d.reviewed_at.date() if d.reviewed_at else None)
            for d in _approved_plans([school.id], p)
            .filter(**({"unit": unit} if unit else {}))
            .select_related("unit")
        ],
        per_unit=True,
        personal=False,
    )
)

# --- IT self-assessment, professional standard ---------------------------------------------------------------------


def _it_meeting(school_ids, period, params):
    ITSelfAssessment = apps.get_model("records.ITSelfAssessment")
    confirmed = ITSelfAssessment.objects.filter(
        person_id=OuterRef("pk"), status="confirmed", meets=True, school_year__in=school_years_in(period)
    )
    return _people(school_ids, period, {"category": "teacher"}).filter(Exists(confirmed))


register(
    Source(
        "teachers_it_meeting",
        "Giáo viên được tổ trưởng xác nhận ứng dụng CNTT hiệu quả",
        lambda s, p, params: _people_counts(_it_meeting(s, p, params), p),
        lambda school, p, unit, params: _people_rows(_it_meeting([school.id], p, params), p, unit),
        per_unit=True,
    )
)


def _rated(school_ids, period, params, meeting: bool):
    StandardRating = apps.get_model("records.StandardRating")
    ratings = StandardRating.objects.filter(person_id=OuterRef("pk"), school_year__in=school_years_in(period))
    if meeting:
        ratings = ratings.filter(level__in=["tot", "kha", "dat"])
    return _people(school_ids, period, {"category": "teacher"}).filter(Exists(ratings))


register(
    Source(
        "teachers_rated",
        "Giáo viên được đánh giá chuẩn nghề nghiệp",
        lambda s, p, params: _people_counts(_rated(s, p, params, False), p),
        lambda school, p, unit, params: _people_rows(_rated([school.id], p, params, False), p, unit),
        per_unit=True,
    )
)
register(
    Source(
        "teachers_meeting_standard",
        "Giáo viên đạt chuẩn nghề nghiệp (mức Đạt trở lên)",
        lambda s, p, params: _people_counts(_rated(s, p, params, True), p),
        lambda school, p, unit, params: _people_rows(_rated([school.id], p, params, True), p, unit),
        per_unit=True,
    )
)

# --- communication staff -------------------------------------------------------------------------------------------


def _comms_staff(school_ids, period, params, trained: bool):
    CommsStaff = apps.get_model("records.CommsStaff")
    CommsTraining = apps.get_model("records.CommsTraining")
    staff = CommsStaff.objects.filter(
        (Q(start__isnull=True) | Q(start__lte=period.end)) & (Q(end__isnull=True) | Q(end__gte=period.start)),
        person_id=OuterRef("pk"),
    )
    people = _people(school_ids, period, {}).filter(Exists(staff))
    if trained:
        training = CommsTraining.objects.filter(
            person_id=OuterRef("pk"), start__gte=period.start, start__lte=period.end
        )
        people = people.filter(Exists(training))
    return people


register(
    Source(
        "comms_staff",
        "Cán bộ làm công tác truyền thông",
        lambda s, p, params: _people_counts(_comms_staff(s, p, params, False), p, per_unit=False),
        lambda school, p, unit, params: _people_rows(_comms_staff([school.id], p, params, False), p, None),
    )
)
register(
    Source(
        "comms_staff_trained",
        "Cán bộ truyền thông được đào tạo, bồi dưỡng trong kỳ",
        lambda s, p, params: _people_counts(_comms_staff(s, p, params, True), p, per_unit=False),
        lambda school, p, unit, params: _people_rows(_comms_staff([school.id], p, params, True), p, None),
    )
)

# --- classes and students ------------------------------------------------------------------------------------------


def _classes(school_ids, period, params):
    qs = SchoolClass.objects.filter(school_year__in=school_years_in(period))
    if params.get("grade"):
        qs = qs.filter(grade=int(params["grade"]))
    return qs.filter(school_id__in=school_ids) if school_ids is not None else qs


def _class_rows(qs) -> list[Row]:
    return [Row(label=c.name, detail=f"Năm học {c.school_year} · sĩ số {c.student_count}") for c in qs]


register(
    Source(
        "classes",
        "Lớp học trong năm học",
        lambda s, p, params: _by_school(_classes(s, p, params)),
        lambda school, p, unit, params: _class_rows(_classes([school.id], p, params)),
        personal=False,
        params={"grade": ""},
        fields=(GRADE,),
    )
)


def _covered(school_ids, period, params):
    topics = params.get("topics") or ["life_skills", "law"]
    filters = {f"education_coverage__{t}": True for t in topics if t in ("life_skills", "law")}
    return _classes(school_ids, period, params).filter(**filters)


register(
    Source(
        "classes_covered",
        "Lớp đã được giáo dục kỹ năng sống và pháp luật",
        lambda s, p, params: _by_school(_covered(s, p, params)),
        lambda school, p, unit, params: _class_rows(_covered([school.id], p, params)),
        personal=False,
        params={"topics": ["life_skills", "law"]},
        fields=(TOPICS,),
    )
)


def _results(school_ids, period):
    GraduationResult = apps.get_model("records.GraduationResult")
    qs = GraduationResult.objects.filter(school_class__school_year__in=school_years_in(period))
    return qs.filter(school_id__in=school_ids) if school_ids is not None else qs


def _result_source(key, label, column):
    register(
        Source(
            key,
            label,
            lambda s, p, params: _by_school(_results(s, p), agg=Sum(column)),
            lambda school, p, unit, params: [
                Row(label=r.school_class.name, detail=f"{getattr(r, column)} học sinh")
                for r in _results([school.id], p).select_related("school_class")
            ],
            personal=False,
        )
    )


_result_source("grade12_candidates", "Học sinh lớp 12 dự thi tốt nghiệp", "candidates")
_result_source("graduates", "Học sinh tốt nghiệp THPT", "graduates")
_result_source("university_admitted", "Học sinh đỗ đại học", "university_admitted")


def _distributions(school_ids, period, params):
    RatingDistribution = apps.get_model("records.RatingDistribution")
    qs = RatingDistribution.objects.filter(
        school_class__school_year__in=school_years_in(period), kind=params.get("kind") or "learning"
    )
    return qs.filter(school_id__in=school_ids) if school_ids is not None else qs


LEVEL_COLUMNS = {"good": "Tốt", "fair": "Khá", "passed": "Đạt", "failed": "Chưa đạt"}


def _rated_students_counts(school_ids, period, params, level):
    expr = F(level) if level else F("good") + F("fair") + F("passed") + F("failed")
    return _by_school(_distributions(school_ids, period, params), agg=Sum(expr))


def _rated_students_rows(school, period, params, level):
    out = []
    for d in _distributions([school.id], period, params).select_related("school_class"):
        n = getattr(d, level) if level else d.total
        out.append(Row(label=d.school_class.name, detail=f"{n} học sinh · {d.get_kind_display()}"))
    return out


register(
    Source(
        "students_rated",
        "Học sinh được xếp loại (học tập hoặc rèn luyện)",
        lambda s, p, params: _rated_students_counts(s, p, params, None),
        lambda school, p, unit, params: _rated_students_rows(school, p, params, None),
        personal=False,
        params={"kind": "learning"},
        fields=(RATING_KIND,),
    )
)
register(
    Source(
        "students_rated_level",
        "Học sinh xếp loại ở một mức (mặc định Tốt)",
        lambda s, p, params: _rated_students_counts(s, p, params, params.get("level") or "good"),
        lambda school, p, unit, params: _rated_students_rows(
            school, p, params, params.get("level") or "good"
        ),
        personal=False,
        params={"kind": "learning", "level": "good"},
        fields=(RATING_KIND, RATING_LEVEL),
    )
)


def _prizes(school_ids, period, params):
    StudentPrize = apps.get_model("records.StudentPrize")
    rank = StudentPrize.LEVEL_RANK
    minimum = rank.get(params.get("min_level") or "provincial", 1)
    levels = [k for k, v in rank.items() if v >= minimum]
    qs = StudentPrize.objects.filter(school_year__in=school_years_in(period), level__in=levels)
    return qs.filter(school_id__in=school_ids) if school_ids is not None else qs


register(
    Source(
        "student_prizes",
        "Giải học sinh giỏi, cuộc thi (từ cấp tỉnh trở lên)",
        lambda s, p, params: _by_school(_prizes(s, p, params)),
        lambda school, p, unit, params: [
            Row(
                label=x.student_name,
                detail=f"{x.award} — {x.competition} ({x.get_level_display()})",
                day=x.awarded_on,
            )
            for x in _prizes([school.id], p, params)
        ],
        params={"min_level": "provincial"},
        fields=(PRIZE_LEVEL,),
    )
)

# --- incidents ---------------------------------------------------------------------------------------------------


def _incidents(school_ids, period):
    ViolenceIncident = apps.get_model("records.ViolenceIncident")
    qs = ViolenceIncident.objects.filter(occurred_on__gte=period.start, occurred_on__lte=period.end)
    return qs.filter(school_id__in=school_ids) if school_ids is not None else qs


register(
    Source(
        "violence_incidents",
        "Vụ việc bạo lực học đường trong kỳ",
        lambda s, p, params: _by_school(_incidents(s, p)),
        lambda school, p, unit, params: [
            Row(label=str(i), detail=i.get_severity_display(), day=i.occurred_on)
            for i in _incidents([school.id], p)
        ],
        restricted_action="incident.view",
    )
)

# --- content (the content app's per-school functions; one query per school, used only when chosen) -----------------


def _content_selectors():
    try:
        from truyenthong.content import selectors as content_selectors
    except ImportError:
        return None
    return content_selectors


def _per_school(school_ids, fn) -> Counts:
    if school_ids is None:
        school_ids = list(
            Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).values_list("id", flat=True)
        )
    schools = Organisation.objects.filter(pk__in=school_ids)
    return {(s.pk, 0): Decimal(fn(s)) for s in schools}


def _content_source(key, label, fn, params=None, fields=()):
    def counts(school_ids, period, params):
        cs = _content_selectors()
        return {} if cs is None else _per_school(school_ids, lambda s: fn(cs, s, period, params))

    def rows(school, period, unit, params):
        cs = _content_selectors()
        return [] if cs is None else [Row(label=label, detail=str(fn(cs, school, period, params)))]

    register(Source(key, label, counts, rows, personal=False, params=params or {}, fields=fields))


_content_source(
    "content_published",
    "Tin bài đăng trên chuyên mục của Cổng thông tin trong kỳ",
    lambda cs, s, p, params: cs.section_items_published_count(school=s, start=p.start, end=p.end),
)
_content_source(
    "content_reach",
    "Lượt tiếp cận của các bài truyền thông trong kỳ (theo đối tượng)",
    lambda cs, s, p, params: (
        sum(cs.reach_by_audience(school=s, start=p.start, end=p.end).values())
        if not params.get("audience")
        else cs.reach_by_audience(school=s, start=p.start, end=p.end).get(params["audience"], 0)
    ),
    params={"audience": ""},
    fields=(CONTENT_AUDIENCE,),
)
_content_source(
    "classes_parents_reached",
    "Lớp có phụ huynh được tiếp cận thông tin trong kỳ",
    lambda cs, s, p, params: cs.classes_with_parents_reached(
        school=s, start=p.start, end=p.end, school_year=school_years_in(p)[-1]
    )[0],
)

# --- contests (awareness contests: participation per school, unit and class) ---------------------------------------


def _contest_attempts(school_ids, period):
    Attempt = _model("contests.Attempt")
    if Attempt is None:
        return None
    start, end = _aware_range(period)
    qs = Attempt.objects.filter(finished_at__gte=start, finished_at__lt=end).exclude(status="in_progress")
    return qs.filter(round__contest__school_id__in=school_ids) if school_ids is not None else qs


def _contest_participants_counts(school_ids, period, params):
    qs = _contest_attempts(school_ids, period)
    if qs is None:
        return {}
    school = "round__contest__school_id"
    out = _by_school(qs, school, Count("participant_id", distinct=True))
    for r in (
        qs.exclude(participant__unit=None)
        .order_by()
        .values(school, "participant__unit_id")
        .annotate(n=Count("participant_id", distinct=True))
    ):
        out[(r[school], r["participant__unit_id"])] = Decimal(r["n"])
    return out


def _contest_participants_rows(school, period, unit, params):
    qs = _contest_attempts([school.id], period)
    if qs is None:
        return []
    if unit is not None:
        qs = qs.filter(participant__unit=unit)
    seen, rows = set(), []
    for a in qs.select_related("participant__school_class", "participant__unit", "round__contest").order_by(
        "participant__full_name"
    ):
        if a.participant_id not in seen:
            seen.add(a.participant_id)
            rows.append(
                Row(
                    label=a.participant.full_name,
                    detail=a.round.contest.title,
                    unit=a.participant.group_label,
                )
            )
    return rows


register(
    Source(
        "contest_participants",
        "Người đã nộp bài cuộc thi tìm hiểu trong kỳ",
        _contest_participants_counts,
        _contest_participants_rows,
        per_unit=True,
    )
)


def _contest_classes(school_ids, period):
    qs = _contest_attempts(school_ids, period)
    if qs is None:
        return SchoolClass.objects.none()
    return SchoolClass.objects.filter(
        pk__in=qs.exclude(participant__school_class=None).values("participant__school_class_id")
    )


register(
    Source(
        "contest_classes",
        "Lớp có học sinh (hoặc phụ huynh) nộp bài cuộc thi tìm hiểu trong kỳ",
        lambda s, p, params: _by_school(_contest_classes(s, p)),
        lambda school, p, unit, params: _class_rows(_contest_classes([school.id], p)),
        personal=False,
    )
)


# --- surveys (awareness and satisfaction measured on 5-level scales) ---------------------------------------------


def _survey_answers(school_ids, period, params, agree: bool):
    SurveyAnswer = _model("surveys.SurveyAnswer")
    if SurveyAnswer is None:
        return None
    qs = SurveyAnswer.objects.filter(
        question__kind="likert", response__survey__school_year__in=school_years_in(period)
    ).exclude(response__survey__status="draft")
    if params.get("measure"):
        qs = qs.filter(question__measure=params["measure"])
    else:
        qs = qs.exclude(question__measure="")
    if school_ids is not None:
        qs = qs.filter(response__survey__school_id__in=school_ids)
    if agree:
        qs = qs.filter(value__in=[4, 5])
    return qs


def _survey_source(key, label, agree):
    def counts(school_ids, period, params):
        qs = _survey_answers(school_ids, period, params, agree)
        return {} if qs is None else _by_school(qs, "response__survey__school_id")

    def rows(school, period, unit, params):
        qs = _survey_answers([school.id], period, params, agree)
        if qs is None:
            return []
        return [
            Row(label=r["question__text"], detail=f"{r['n']} câu trả lời · {r['response__survey__title']}")
            for r in qs.order_by()
            .values("question__text", "response__survey__title")
            .annotate(n=Count("id"))
            .order_by("response__survey__title")
        ]

    register(
        Source(
            key,
            label,
            counts,
            rows,
            personal=False,
            params={"measure": "awareness"},
            fields=(SURVEY_MEASURE,),
        )
    )


_survey_source("survey_agree", "Câu trả lời khảo sát ở mức đồng ý trở lên (thang 5 mức)", True)
_survey_source("survey_likert_answers", "Câu trả lời khảo sát trên thang 5 mức", False)
