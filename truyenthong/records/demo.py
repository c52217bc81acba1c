"""Demo records for school years 2025-2026 and 2026-2027, shaped so the dashboard shows every status and a trend.

Fixed random seed, bulk inserts, idempotent (a school that already has department plans is left as it is).
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from truyenthong.org.models import Organisation, Person, SchoolClass
from truyenthong.records import models as m

YEARS = ("2025-2026", "2026-2027")
CRITERIA = [
    "Sử dụng thành thạo phần mềm trình chiếu, học liệu số trong bài giảng",
    "Khai thác hệ thống quản lý học tập (LMS) để giao bài, chấm bài",
    "Thiết kế ít nhất một bài giảng điện tử hoặc video học liệu trong năm",
    "Sử dụng công cụ đánh giá trực tuyến (câu hỏi, bài kiểm tra)",
    "Cập nhật sổ điểm, học bạ điện tử đúng hạn",
]
# Shares per year that shape the statuses: (2025-2026, 2026-2027)
PLANS_APPROVED = (7 / 9, 1.0)
IT_MEETS = (0.78, 0.87)
COVERED = (1.0, 0.8)
COMMS_TRAINED = (3, 4)  # of 6 comms staff
GOOD_SHARE = (0.42, 0.47)


def _people(school, category=None):
    qs = Person.objects.filter(school=school, active_to__isnull=True)
    if category:
        qs = qs.filter(category=category)
    return list(qs.order_by("code"))


@transaction.atomic
def build(school: Organisation, *, seed: int = 3535, years: tuple[str, ...] = YEARS) -> None:
    if m.DepartmentPlan.objects.filter(school=school).exists():
        return
    rng = random.Random(seed + school.pk)
    now = timezone.now()
    departments = list(
        Organisation.objects.filter(
            school=school, kind=Organisation.Kind.UNIT, unit_kind=Organisation.UnitKind.SUBJECT
        ).order_by("path")
    )
    teachers = _people(school, Person.Category.TEACHER)
    staff = _people(school)
    plans, criteria, assessments, coverage, incidents, results, ratings, dists, prizes = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    for i, year in enumerate(years):
        y0 = int(year[:4])
        share = PLANS_APPROVED[min(i, 1)]
        approved_n = round(len(departments) * share)
        for j, unit in enumerate(departments):
            status = "approved" if j < approved_n else "submitted"
            plans.append(
                m.DepartmentPlan(
                    school=school,
                    unit=unit,
                    school_year=year,
                    title=f"Kế hoạch thực hiện Nghị quyết 71 của {unit.name} năm học {year}",
                    content="Lồng ghép nội dung Nghị quyết vào sinh hoạt tổ chuyên môn; đổi mới phương pháp dạy học.",
                    status=status,
                    submitted_at=now,
                    reviewed_at=now if status == "approved" else None,
                )
            )
        criteria.extend(
            m.ITCriterion(school=school, school_year=year, order=k + 1, text=text)
            for k, text in enumerate(CRITERIA)
        )
        meets_n = round(len(teachers) * IT_MEETS[min(i, 1)])
        for k, person in enumerate(teachers):
            meets = k < meets_n
            assessments.append(
                m.ITSelfAssessment(
                    school=school,
                    person=person,
                    school_year=year,
                    criteria_met=[],
                    self_meets=True if meets else rng.random() < 0.4,
                    status="confirmed",
                    meets=meets,
                    confirmed_at=now,
                )
            )
        classes = list(SchoolClass.objects.filter(school=school, school_year=year).order_by("grade", "name"))
        covered_n = round(len(classes) * COVERED[min(i, 1)])
        for k, c in enumerate(classes):
            if k < covered_n:
                coverage.append(
                    m.ClassEducationCoverage(
                        school=school, school_class=c, life_skills=True, law=True, sessions=4
                    )
                )
            elif k < covered_n + 2:
                coverage.append(
                    m.ClassEducationCoverage(school=school, school_class=c, life_skills=True, law=False)
                )
            good = round(c.student_count * (GOOD_SHARE[min(i, 1)] + rng.uniform(-0.05, 0.05)))
            fair = round((c.student_count - good) * 0.7)
            passed = c.student_count - good - fair
            dists.append(
                m.RatingDistribution(
                    school=school, school_class=c, kind="learning", good=good, fair=fair, passed=passed
                )
            )
            dists.append(
                m.RatingDistribution(
                    school=school,
                    school_class=c,
                    kind="conduct",
                    good=min(c.student_count, good + 8),
                    fair=max(c.student_count - good - 8, 0),
                )
            )
            if c.grade == 12 and i == 0:  # results of 2026-2027 come in June and August 2027
                graduates = c.student_count - (1 if k % 10 == 3 else 0)
                results.append(
                    m.GraduationResult(
                        school=school,
                        school_class=c,
                        candidates=c.student_count,
                        graduates=graduates,
                        university_admitted=round(graduates * rng.uniform(0.7, 0.85)),
                    )
                )
        if i == 0:
            incidents.append(
                m.ViolenceIncident(
                    school=school,
                    occurred_on=dt.date(y0 + 1, 3, 12),
                    school_class=classes[rng.randrange(len(classes))] if classes else None,
                    severity="minor",
                    description="Hai học sinh xô xát sau giờ học; giáo viên chủ nhiệm và Đoàn trường đã can thiệp.",
                    handling="Gặp gỡ phụ huynh, học sinh viết cam kết, sinh hoạt lớp chuyên đề phòng chống bạo lực.",
                )
            )
        for k, person in enumerate(teachers):
            level = "tot" if k % 3 == 0 else ("kha" if k % 3 == 1 else "dat")
            if i == 0 and k == len(teachers) - 1:
                level = "chua_dat"
            ratings.append(m.StandardRating(school=school, person=person, school_year=year, level=level))
        for k in range(4 + i * 2):
            prizes.append(
                m.StudentPrize(
                    school=school,
                    school_year=year,
                    student_name=f"Học sinh {k + 1}",
                    school_class=classes[k % len(classes)] if classes else None,
                    level=["provincial", "provincial", "regional", "national"][k % 4],
                    competition="Kỳ thi chọn học sinh giỏi",
                    award=["Giải Nhất", "Giải Nhì", "Giải Ba", "Huy chương Bạc"][k % 4],
                    awarded_on=dt.date(y0 + 1, 3, 1),
                )
            )
    comms = staff[-6:] if len(staff) >= 6 else staff
    staff_rows = [
        m.CommsStaff(school=school, person=p, duty="Biên tập tin bài, quản trị fanpage") for p in comms
    ]
    trainings = []
    for i, year in enumerate(years):
        y0 = int(year[:4])
        for p in comms[: COMMS_TRAINED[min(i, 1)]]:
            trainings.append(
                m.CommsTraining(
                    school=school,
                    person=p,
                    title="Bồi dưỡng kỹ năng truyền thông giáo dục",
                    organiser="Sở GDĐT Gia Lai",
                    start=dt.date(y0, 10, 20),
                    end=dt.date(y0, 10, 22),
                    hours=16,
                )
            )
    for model, rows in (
        (m.DepartmentPlan, plans),
        (m.ITCriterion, criteria),
        (m.ITSelfAssessment, assessments),
        (m.ClassEducationCoverage, coverage),
        (m.ViolenceIncident, incidents),
        (m.GraduationResult, results),
        (m.StandardRating, ratings),
        (m.RatingDistribution, dists),
        (m.StudentPrize, prizes),
        (m.CommsStaff, staff_rows),
        (m.CommsTraining, trainings),
    ):
        model.objects.bulk_create(rows, batch_size=1000)
