"""Every write service asks the permission layer itself (issue 10, item 3): a command, a scheduled job or the API
that calls a service with a user meets the same refusal as the page, with the same Vietnamese reason. `actor=None`
is the system itself (demo builder, management commands) and is let through; no request can pass it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from truyenthong.activities import services as activity_services
from truyenthong.activities.models import Activity
from truyenthong.indicators import services as indicator_services
from truyenthong.indicators.models import Indicator
from truyenthong.plans import services as plan_services
from truyenthong.records import services as record_services
from truyenthong.records.models import DepartmentPlan


def _activity(world, unit):
    return activity_services.activity_create(
        school=world.school,
        actor=None,
        unit=unit,
        kind=Activity.Kind.DEPARTMENT_MEETING,
        title="Sinh hoạt chuyên đề Nghị quyết 71",
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(hours=1),
    )


def test_activity_writes_refuse_whom_the_page_refuses(world):
    teacher, head, outsider = world.users["teacher"], world.users["dept_head"], world.users["outsider"]
    with pytest.raises(PermissionDenied, match="tạo và sửa hoạt động"):
        _ = activity_services.activity_create(
            school=world.school, actor=teacher, title="x", starts_at=timezone.now(), ends_at=timezone.now()
        )
    other_units = _activity(world, world.youth_unit)
    with pytest.raises(PermissionDenied):  # a tổ trưởng changes only their own tổ's activities
        activity_services.activity_update(
            activity=other_units, expected_version=other_units.version, actor=head, title="Đổi tên"
        )
    own = _activity(world, world.math_unit)
    activity_services.activity_update(activity=own, expected_version=own.version, actor=head, title="Đổi tên")
    own.refresh_from_db()
    assert own.title == "Đổi tên"
    with pytest.raises(PermissionDenied, match="xác nhận minh chứng"):
        activity_services.activity_verify(activity=own, expected_version=own.version, actor=head)
    with pytest.raises(PermissionDenied):
        activity_services.activity_delete(activity=own, actor=outsider)
    assert Activity.objects.filter(pk=own.pk).exists()


def test_plan_writes_refuse_whom_the_page_refuses(world_with_plan):
    w = world_with_plan
    target = w.plan.targets.first()
    with pytest.raises(PermissionDenied, match="sửa kế hoạch"):
        plan_services.target_create(plan=w.plan, phase=None, text="Chỉ tiêu mới", actor=w.users["teacher"])
    with pytest.raises(PermissionDenied, match="sửa kế hoạch"):
        plan_services.plan_part_update(
            instance=target,
            plan=w.plan,
            expected_version=target.version,
            actor=w.users["outsider"],
            changes={"text": "Sửa từ trường khác"},
        )
    target.refresh_from_db()
    assert target.text != "Sửa từ trường khác"
    created = plan_services.target_create(
        plan=w.plan, phase=None, text="Chỉ tiêu mới", actor=w.users["principal"]
    )
    assert created.plan_id == w.plan.pk


def test_indicator_writes_refuse_whom_the_page_refuses(world_with_plan):
    w = world_with_plan
    indicator = Indicator.objects.filter(school=w.school).first()
    with pytest.raises(PermissionDenied, match="định nghĩa chỉ số"):
        indicator_services.indicator_update(
            indicator=indicator, expected_version=indicator.version, actor=w.users["dept_head"], changes={}
        )
    with pytest.raises(PermissionDenied, match="duyệt và khoá"):
        indicator_services.submission_approve(
            school=w.school, period_key="2026-2027", unit=None, actor=w.users["comms"]
        )


def test_record_writes_refuse_whom_the_page_refuses(world):
    with pytest.raises(PermissionDenied):  # a tổ trưởng writes only their own tổ's plan
        record_services.record_create(
            model=DepartmentPlan,
            school=world.school,
            actor=world.users["dept_head"],
            unit=world.youth_unit,
            school_year="2026-2027",
            title="Kế hoạch của tổ khác",
        )
    assert not DepartmentPlan.objects.filter(title="Kế hoạch của tổ khác").exists()
