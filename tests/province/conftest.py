"""Shared data of the province tests: a Sở plan with two targets (a percentage and a count) and three schools tied
to it, figures for two of them (the third tied but missing)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

TODAY = dt.date(2027, 6, 1)
YEAR = "2026-2027"


def department_plan(w):
    """A Sở plan with two targets: a percentage (teachers using IT ≥ 90%) and a count (≥ 12 articles)."""
    from truyenthong.indicators.models import Indicator
    from truyenthong.plans.models import Measure, Phase, Plan, Target

    plan = Plan.objects.create(organisation=w.department, number="1020/KH-SGDĐT", title="Kế hoạch của Sở")
    phase = Phase.objects.create(
        plan=plan, order=1, label="Giai đoạn 2026-2030", start_year=2026, end_year=2030
    )
    it = Target.objects.create(
        plan=plan,
        phase=phase,
        order=1,
        text="90% trở lên giáo viên ứng dụng công nghệ thông tin trong dạy học",
    )
    it_m = Measure.objects.create(
        target=it,
        order=1,
        value=90,
        unit="%",
        comparator=">=",
        subject="giáo viên ứng dụng công nghệ thông tin trong dạy học",
    )
    articles = Target.objects.create(
        plan=plan, phase=phase, order=2, text="Mỗi trường đăng ít nhất 12 bài viết mỗi năm"
    )
    art_m = Measure.objects.create(
        target=articles, order=1, value=12, unit="", comparator=">=", subject="bài viết được đăng"
    )
    common = {
        "school": w.department,
        "plan": plan,
        "method": Indicator.Method.MANUAL,
        "period_kind": "school_year",
    }
    it_ind = Indicator.objects.create(
        measure=it_m,
        name="Giáo viên ứng dụng công nghệ thông tin trong dạy học",
        target_value=90,
        is_percent=True,
        **common,
    )
    art_ind = Indicator.objects.create(
        measure=art_m, name="Bài viết được đăng", target_value=12, is_percent=False, **common
    )
    return it_ind, art_ind


def school_indicator(school, name, *, percent):
    from truyenthong.indicators.models import Indicator

    return Indicator.objects.create(
        school=school,
        name=name,
        method=Indicator.Method.MANUAL,
        period_kind="school_year",
        target_value=90,
        is_percent=percent,
    )


def school_value(ind, *, numerator=None, denominator=None, value=None, period_key=YEAR):
    from truyenthong.indicators.models import IndicatorValue

    return IndicatorValue.objects.create(
        indicator=ind,
        school=ind.school,
        period_key=period_key,
        scope=0,
        numerator=numerator,
        denominator=denominator,
        value=value,
        status="met",
        computed_at=timezone.now(),
    )


@pytest.fixture
def province(world):
    from truyenthong.org.models import Organisation
    from truyenthong.org.services import organisation_create
    from truyenthong.province.services import link_set

    w = world
    third = organisation_create(
        kind=Organisation.Kind.SCHOOL, code="thu-ba", name="Trường THCS Thứ Ba", parent=w.department
    )
    it_ind, art_ind = department_plan(w)
    schools = {"lqd": w.school, "khac": w.other_school, "thu-ba": third}
    ind = {
        code: school_indicator(s, "Giáo viên dùng CNTT trong dạy học", percent=True)
        for code, s in schools.items()
    }
    arts = {
        code: school_indicator(s, "Bài viết trên cổng thông tin", percent=False)
        for code, s in schools.items()
    }
    # lqd: 45/50 teachers; khac: 18/30; thu-ba has no figures this year (tied, but missing).
    school_value(ind["lqd"], numerator=45, denominator=50, value=Decimal("90.00"))
    school_value(ind["khac"], numerator=18, denominator=30, value=Decimal("60.00"))
    school_value(arts["lqd"], value=15)
    school_value(arts["khac"], value=4)
    admin = w.users["admin"]
    for code in schools:
        link_set(school_indicator=ind[code], department_indicator=it_ind, actor=admin)
        link_set(school_indicator=arts[code], department_indicator=art_ind, actor=admin)
    return w, it_ind, art_ind, ind, arts
