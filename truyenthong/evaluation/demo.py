"""Demo evaluation data: the default criteria set, a published 2025-2026 evaluation and an open 2026-2027 one,
emulation scores with a tie and an unscored unit, commendations, and inspections (one closed, one with an overdue
follow-up, one planned). Idempotent (a school with a criteria set is left as it is); fixed random seed."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from truyenthong.core.models import Role
from truyenthong.evaluation import services
from truyenthong.evaluation.models import CriteriaSet, Criterion
from truyenthong.org.models import Organisation, Person

PAST, CURRENT = "2025-2026", "2026-2027"


def _leader(school):
    User = get_user_model()
    user = (
        User.objects.filter(role_assignments__role=Role.LEADERSHIP, role_assignments__organisation=school)
        .order_by("id")
        .first()
    )
    return user or User.objects.filter(is_superuser=True).order_by("id").first()


@transaction.atomic
def build(school) -> None:
    if CriteriaSet.objects.filter(school=school).exists():
        return
    actor = _leader(school)
    if actor is None:
        return
    rng = random.Random(2026)
    services.criteria_set_create_default(school=school, actor=actor)
    criteria = list(Criterion.objects.filter(group__criteria_set__school=school).order_by("order"))

    past = services.cycle_open(school=school, period_key=PAST, actor=actor)
    for assessment in past.assessments.select_related("unit"):
        entries = {}
        for c in criteria:
            share = Decimal(rng.choice([60, 70, 80, 90, 100])) / 100
            entries[c.pk] = {"score": str((c.max_points * share).quantize(Decimal("0.5")))}
        services.assessment_score(assessment=assessment, actor=actor, entries=entries)
    services.cycle_publish(cycle=past, actor=actor)

    current = services.cycle_open(school=school, period_key=CURRENT, actor=actor)
    for assessment in current.assessments.select_related("unit")[:3]:
        entries = {
            c.pk: {"self_score": str(c.max_points), "evidence_note": "Biên bản, danh sách kèm theo"}
            for c in criteria
        }
        services.self_assessment_save(assessment=assessment, actor=actor, entries=entries, submit=True)

    year = services.emulation_year_get_or_create(school=school, period_key=PAST)
    services.emulation_fill_from_criteria(year=year, actor=actor)
    people = list(Person.objects.filter(school=school).order_by("code")[:8])
    person_scores = {p.pk: str(rng.choice([78, 84, 84, 88, 92, 95])) for p in people[:7]}
    services.emulation_scores_save(year=year, actor=actor, unit_scores={}, person_scores=person_scores)
    units = list(Organisation.objects.filter(school=school, kind=Organisation.Kind.UNIT).order_by("path"))
    code = (school.short_name or school.code).split()[-1].upper()[:6]
    code = "".join(ch for ch in code if ch.isalnum()) or "TRUONG"
    if units:
        services.commendation_create(
            school=school,
            actor=actor,
            period_key=PAST,
            kind="commendation",
            unit=units[1 % len(units)],
            title="Giấy khen của Hiệu trưởng: Tập thể hoàn thành xuất sắc nhiệm vụ truyền thông",
            decision_number=f"125/QĐ-{code}",
            decision_date=dt.date(2026, 5, 28),
            reason="Đăng đều đặn tin bài, tổ chức tốt các buổi học tập nghị quyết.",
        )
    if people:
        services.commendation_create(
            school=school,
            actor=actor,
            period_key=PAST,
            kind="praise",
            person=people[0],
            title="Biểu dương cá nhân tiêu biểu trong công tác truyền thông",
            decision_number=f"126/QĐ-{code}",
            decision_date=dt.date(2026, 5, 28),
        )

    if len(units) < 2 or not people:
        return
    done = services.inspection_create(
        school=school,
        actor=actor,
        period_key=CURRENT,
        title="Kiểm tra hồ sơ học tập nghị quyết của các tổ",
        scheduled_on=dt.date(2026, 10, 5),
        unit=units[1],
        inspector="Ban kiểm tra nội bộ",
    )
    services.inspection_record(
        inspection=done,
        actor=actor,
        conducted_on=dt.date(2026, 10, 6),
        conclusion="Hồ sơ đầy đủ; một số biên bản thiếu chữ ký.",
    )
    finding = services.finding_add(
        inspection=done, actor=actor, kind="issue", text="Biên bản thiếu chữ ký thư ký"
    )
    fixed = services.follow_up_add(
        inspection=done,
        actor=actor,
        action="Bổ sung chữ ký vào biên bản",
        owner=people[min(1, len(people) - 1)],
        deadline=dt.date(2026, 10, 20),
        finding=finding,
    )
    services.follow_up_complete(follow_up=fixed, actor=actor, note="Đã bổ sung")
    services.inspection_close(inspection=done, actor=actor)

    open_one = services.inspection_create(
        school=school,
        actor=actor,
        period_key=CURRENT,
        title="Giám sát việc đăng tin bài trên cổng thông tin",
        scheduled_on=dt.date(2026, 11, 2),
        unit=units[-1],
        inspector="Phó Hiệu trưởng",
    )
    services.inspection_record(
        inspection=open_one,
        actor=actor,
        conducted_on=dt.date(2026, 11, 3),
        conclusion="Số tin bài tháng 10 chưa đạt 2 tin/tháng.",
    )
    finding = services.finding_add(
        inspection=open_one, actor=actor, kind="issue", text="Tháng 10 chỉ đăng 1 tin bài"
    )
    services.follow_up_add(
        inspection=open_one,
        actor=actor,
        action="Xây dựng lịch đăng tin bài tháng 11, tháng 12",
        owner=people[min(2, len(people) - 1)],
        deadline=dt.date(2026, 11, 15),
        finding=finding,
    )
    services.follow_up_add(
        inspection=open_one,
        actor=actor,
        action="Báo cáo kết quả khắc phục với Ban giám hiệu",
        owner=people[min(2, len(people) - 1)],
        deadline=dt.date(2027, 1, 10),
        finding=finding,
    )
    services.inspection_create(
        school=school,
        actor=actor,
        period_key=CURRENT,
        title="Kiểm tra công tác truyền thông tới cha mẹ học sinh",
        scheduled_on=dt.date(2027, 3, 15),
        inspector="Ban kiểm tra nội bộ",
    )
