"""Record writes: validation in Vietnamese, versions, the department-plan and IT self-assessment workflows."""

import datetime as dt

import pytest

from truyenthong.core.errors import ConflictError, InvalidInput, NotAllowed
from truyenthong.records import services
from truyenthong.records.models import DepartmentPlan, GraduationResult, ITSelfAssessment, RatingDistribution


def test_graduates_cannot_exceed_candidates(recorded):
    with pytest.raises(InvalidInput) as err:
        services.record_create(
            model=GraduationResult,
            school=recorded.school,
            actor=recorded.users["principal"],
            school_class=recorded.cls,
            candidates=35,
            graduates=36,
        )
    assert "Số học sinh tốt nghiệp không thể lớn hơn số dự thi." in err.value.errors


def test_ratings_cannot_exceed_the_class_size(recorded):
    with pytest.raises(InvalidInput) as err:
        services.record_create(
            model=RatingDistribution,
            school=recorded.school,
            actor=recorded.users["principal"],
            school_class=recorded.cls,
            kind="learning",
            good=30,
            fair=10,
        )
    assert "vượt sĩ số lớp (35)" in err.value.errors[0]


def test_a_school_year_must_be_two_consecutive_years(recorded):
    with pytest.raises(InvalidInput) as err:
        services.record_create(
            model=DepartmentPlan,
            school=recorded.school,
            actor=recorded.users["principal"],
            unit=recorded.math_unit,
            school_year="2026-2028",
            title="x",
            content="y",
        )
    assert "Năm học phải có dạng 2026-2027 (hai năm liên tiếp)." in err.value.errors


def test_edits_are_versioned_and_a_stale_edit_is_refused(recorded):
    from truyenthong.core.audit import history_for

    plan = recorded.dept_plan
    services.record_update(
        instance=plan,
        expected_version=1,
        actor=recorded.users["dept_head"],
        changes={"title": "Kế hoạch tổ Toán (sửa)"},
    )
    with pytest.raises(ConflictError):
        services.record_update(
            instance=DepartmentPlan.objects.get(pk=plan.pk),
            expected_version=1,
            actor=recorded.users["principal"],
            changes={"title": "Khác"},
        )
    assert history_for(plan).first().changes == {"title": ["Kế hoạch tổ Toán", "Kế hoạch tổ Toán (sửa)"]}


def test_a_department_plan_is_submitted_returned_with_comments_then_approved(recorded):
    plan = recorded.dept_plan
    services.department_plan_submit(plan=plan, actor=recorded.users["dept_head"])
    with pytest.raises(InvalidInput, match="ghi ý kiến"):
        services.department_plan_review(plan=plan, actor=recorded.users["principal"], approve=False)
    services.department_plan_review(
        plan=plan, actor=recorded.users["principal"], approve=False, comment="Bổ sung chỉ tiêu của tổ"
    )
    plan.refresh_from_db()
    assert (plan.status, plan.review_comment) == ("returned", "Bổ sung chỉ tiêu của tổ")
    services.department_plan_submit(plan=plan, actor=recorded.users["dept_head"])
    services.department_plan_review(plan=plan, actor=recorded.users["principal"], approve=True)
    plan.refresh_from_db()
    assert plan.status == "approved"
    with pytest.raises(NotAllowed):
        services.department_plan_submit(plan=plan, actor=recorded.users["dept_head"])


def test_an_it_self_assessment_counts_only_once_confirmed(recorded):
    a = services.record_create(
        model=ITSelfAssessment,
        school=recorded.school,
        actor=recorded.users["teacher"],
        person=recorded.people["teacher"],
        school_year="2026-2027",
        self_meets=True,
    )
    assert (a.status, a.meets) == ("submitted", False)
    services.it_assessment_confirm(assessment=a, actor=recorded.users["dept_head"], meets=True)
    a.refresh_from_db()
    assert (a.status, a.meets) == ("confirmed", True)


def test_comms_training_cannot_end_before_it_starts(recorded):
    from truyenthong.records.models import CommsTraining

    with pytest.raises(InvalidInput) as err:
        services.record_create(
            model=CommsTraining,
            school=recorded.school,
            actor=recorded.users["principal"],
            person=recorded.people["teacher"],
            title="x",
            start=dt.date(2026, 10, 5),
            end=dt.date(2026, 10, 1),
        )
    assert "Ngày kết thúc phải sau ngày bắt đầu." in err.value.errors


def test_the_write_services_ask_the_permission_layer_whoever_calls_them(recorded):
    """A command, a task or the API calling a service directly meets the same refusal as the page (issue 10)."""
    from django.core.exceptions import PermissionDenied

    from truyenthong.org.services import person_update
    from truyenthong.records.models import DepartmentPlan

    plan = DepartmentPlan.objects.filter(school=recorded.school).first() or DepartmentPlan.objects.create(
        school=recorded.school, unit=recorded.math, school_year="2026-2027", content="Kế hoạch tổ Toán"
    )
    with pytest.raises(PermissionDenied, match="lập và nộp kế hoạch của tổ"):
        services.department_plan_submit(plan=plan, actor=recorded.users["teacher"])
    with pytest.raises(PermissionDenied, match="duyệt kế hoạch của tổ"):
        services.department_plan_review(plan=plan, actor=recorded.users["outsider"], approve=True)
    teacher = recorded.people["teacher"]
    with pytest.raises(PermissionDenied, match="sửa hồ sơ cán bộ"):
        person_update(
            person=teacher, expected_version=teacher.version, actor=recorded.users["comms"], phone="1"
        )
