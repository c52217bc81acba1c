"""Computed values checked against values worked out by hand.

Staff of the school in 2026-2027: the principal (BGH), a teacher (Tổ Toán), a teacher who joins Tổ Toán on
20/01/2027 (semester 2), an office employee (Tổ Văn phòng). The Đoàn unit has no staff.
"""

import datetime as dt
from decimal import Decimal

from tests.indicators.conftest import at, attend, indicator_named, make_activity, value_of


def _sessions(w):
    """HK1: principal present, teacher checks in late, employee absent. HK2: teacher again, late teacher caught up."""
    hk1 = make_activity(w.school, w.leadership_unit, day=dt.date(2026, 10, 10))
    attend(hk1, w.people["principal"])
    attend(hk1, w.people["teacher"], checked_in_at=at(dt.date(2026, 10, 10), 15))  # after the session ended
    attend(hk1, w.people["employee"], status="absent")
    hk2 = make_activity(w.school, w.leadership_unit, day=dt.date(2027, 2, 10))
    attend(hk2, w.people["teacher"])  # a second session: still one person
    attend(hk2, w.people["late_teacher"], status="caught_up")
    planned = make_activity(w.school, w.leadership_unit, day=dt.date(2027, 3, 1), status="planned")
    attend(planned, w.people["employee"])  # a session not held does not count
    return hk1, hk2


def test_study_session_share_counts_each_person_once_in_the_school_year(measured, recompute):
    _sessions(measured)
    recompute(measured.school)
    study = indicator_named(measured.plan, "staff_attended")
    v = value_of(study, "2026-2027")
    # attended: principal, teacher, late teacher = 3 of 4 active staff
    assert (v.numerator, v.denominator, v.value) == (3, 4, Decimal("75.00"))
    assert v.status == "not_met"  # 75 < 100 - 10


def test_a_teacher_who_joined_in_semester_two_counts_only_in_semester_two(measured, recompute):
    from truyenthong.indicators.models import Indicator

    _sessions(measured)
    study = indicator_named(measured.plan, "staff_attended")
    Indicator.objects.filter(pk=study.pk).update(period_kind="semester")
    recompute(measured.school)
    hk1, hk2 = value_of(study, "2026-2027-HK1"), value_of(study, "2026-2027-HK2")
    # HK1: active principal, teacher, employee; attended principal, teacher
    assert (hk1.numerator, hk1.denominator, hk1.value) == (2, 3, Decimal("66.67"))
    # HK2: active 4; attended teacher and the late teacher (caught up)
    assert (hk2.numerator, hk2.denominator, hk2.value) == (2, 4, Decimal("50.00"))


def test_values_per_unit_and_a_unit_with_no_staff_has_no_value(measured, recompute):
    _sessions(measured)
    recompute(measured.school)
    study = indicator_named(measured.plan, "staff_attended")
    math = value_of(study, "2026-2027", measured.math_unit)
    assert (math.numerator, math.denominator, math.status) == (2, 2, "met")
    office = value_of(study, "2026-2027", measured.office_unit)
    assert (office.numerator, office.denominator, office.status) == (0, 1, "not_met")
    assert value_of(study, "2026-2027", measured.youth_unit) is None


def test_deleting_an_activity_removes_its_attendance_from_the_value(measured, recompute):
    hk1, _ = _sessions(measured)
    extra = make_activity(measured.school, measured.office_unit, day=dt.date(2026, 11, 5))
    attend(extra, measured.people["employee"])
    recompute(measured.school)
    study = indicator_named(measured.plan, "staff_attended")
    assert value_of(study, "2026-2027").value == Decimal("100.00")
    extra.delete()
    recompute(measured.school)
    assert value_of(study, "2026-2027").value == Decimal("75.00")


def test_a_person_who_left_before_the_year_is_not_in_the_denominator(measured, recompute):
    from truyenthong.org.services import person_create

    person_create(
        school=measured.school,
        code="GV009",
        full_name="Đã Nghỉ",
        units=[measured.math_unit],
        active_to=dt.date(2026, 6, 30),
    )
    _sessions(measured)
    recompute(measured.school)
    assert value_of(indicator_named(measured.plan, "staff_attended"), "2026-2027").denominator == 4


def test_other_schools_attendance_never_counts(measured, recompute):
    other = make_activity(measured.other_school, measured.other_unit, day=dt.date(2026, 10, 10))
    attend(other, measured.people["other_teacher"])
    recompute(measured.school)
    v = value_of(indicator_named(measured.plan, "staff_attended"), "2026-2027")
    assert (v.numerator, v.denominator) == (0, 4)


def test_incidents_count_zero_is_met_and_one_is_not(measured, recompute):
    from truyenthong.records.models import ViolenceIncident

    recompute(measured.school)
    incidents = indicator_named(measured.plan, "violence_incidents")
    assert (value_of(incidents, "2026-2027").value, value_of(incidents, "2026-2027").status) == (0, "met")
    ViolenceIncident.objects.create(
        school=measured.school, occurred_on=dt.date(2027, 3, 3), description="Xô xát"
    )
    recompute(measured.school)
    assert (value_of(incidents, "2026-2027").value, value_of(incidents, "2026-2027").status) == (1, "not_met")


def test_university_admission_is_compared_with_the_previous_year(measured, recompute):
    from truyenthong.org.models import SchoolClass
    from truyenthong.records.models import GraduationResult

    for year, admitted in (("2025-2026", 20), ("2026-2027", 24)):
        c = SchoolClass.objects.create(
            school=measured.school, school_year=year, name="12 Toán", grade=12, student_count=35
        )
        GraduationResult.objects.create(
            school=measured.school, school_class=c, candidates=35, graduates=35, university_admitted=admitted
        )
    recompute(measured.school)
    uni = indicator_named(measured.plan, "university_admitted")
    grad = indicator_named(measured.plan, "graduates")
    assert value_of(uni, "2025-2026").status == "no_data"  # nothing earlier to compare with
    assert (value_of(uni, "2026-2027").value, value_of(uni, "2026-2027").status) == (Decimal("68.57"), "met")
    assert (value_of(grad, "2026-2027").value, value_of(grad, "2026-2027").status) == (100, "met")


def test_department_plans_it_and_comms_training_shares(measured, recompute):
    from truyenthong.records.models import CommsStaff, CommsTraining, DepartmentPlan, ITSelfAssessment

    w = measured
    DepartmentPlan.objects.create(
        school=w.school,
        unit=w.math_unit,
        school_year="2026-2027",
        title="KH tổ Toán",
        content="…",
        status="approved",
    )
    ITSelfAssessment.objects.create(
        school=w.school, person=w.people["teacher"], school_year="2026-2027", status="confirmed", meets=True
    )
    ITSelfAssessment.objects.create(
        school=w.school,
        person=w.people["late_teacher"],
        school_year="2026-2027",
        status="submitted",
        self_meets=True,
    )  # not confirmed yet: does not count
    CommsStaff.objects.create(school=w.school, person=w.people["employee"])
    CommsStaff.objects.create(school=w.school, person=w.people["teacher"])
    CommsTraining.objects.create(
        school=w.school,
        person=w.people["employee"],
        title="Bồi dưỡng kỹ năng viết tin",
        start=dt.date(2026, 11, 2),
    )
    recompute(w.school)
    plans = value_of(indicator_named(w.plan, "departments_plan_approved"), "2026-2027")
    assert (plans.numerator, plans.denominator, plans.status) == (1, 1, "met")  # Tổ Toán is the only tổ CM
    it = value_of(indicator_named(w.plan, "teachers_it_meeting"), "2026-2027")
    assert (it.numerator, it.denominator, it.value, it.status) == (1, 2, Decimal("50.00"), "not_met")
    comms = value_of(indicator_named(w.plan, "comms_staff_trained"), "2026-2027")
    assert (comms.numerator, comms.denominator, comms.value, comms.status) == (
        1,
        2,
        Decimal("50.00"),
        "not_met",
    )


def test_rating_share_of_good_increases_over_the_previous_year(measured, recompute):
    from truyenthong.org.models import SchoolClass
    from truyenthong.records.models import RatingDistribution

    for year, good in (("2025-2026", 10), ("2026-2027", 10)):
        c = SchoolClass.objects.create(
            school=measured.school, school_year=year, name="10 Anh", grade=10, student_count=40
        )
        RatingDistribution.objects.create(
            school=measured.school, school_class=c, kind="learning", good=good, fair=20, passed=10, failed=0
        )
    recompute(measured.school)
    share = indicator_named(measured.plan, "students_rated_level")
    v = value_of(share, "2026-2027")
    assert (v.value, v.status) == (Decimal("25.00"), "at_risk")  # unchanged: neither rising nor falling


def test_the_at_risk_margin_separates_at_risk_from_not_met():
    from truyenthong.indicators.evaluation import status_of

    assert status_of(Decimal(85), comparator=">=", target=Decimal(90), margin=Decimal(10)) == "at_risk"
    assert status_of(Decimal(79), comparator=">=", target=Decimal(90), margin=Decimal(10)) == "not_met"
    assert status_of(Decimal(90), comparator=">=", target=Decimal(90)) == "met"
    assert status_of(None, comparator=">=", target=Decimal(90)) == "no_data"
    assert status_of(Decimal(3), comparator="decrease", target=None, previous=Decimal(5)) == "met"
