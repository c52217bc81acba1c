"""Fixtures for record tests: a school year's class and a department plan of Tổ Toán."""

import pytest


@pytest.fixture
def recorded(world):
    from truyenthong.org.models import SchoolClass
    from truyenthong.records.models import DepartmentPlan, ViolenceIncident

    world.cls = SchoolClass.objects.create(
        school=world.school, school_year="2026-2027", name="12 Toán", grade=12, student_count=35
    )
    world.dept_plan = DepartmentPlan.objects.create(
        school=world.school,
        unit=world.math_unit,
        school_year="2026-2027",
        title="Kế hoạch tổ Toán",
        content="Nội dung",
    )
    import datetime as dt

    world.incident = ViolenceIncident.objects.create(
        school=world.school, occurred_on=dt.date(2026, 10, 3), description="Học sinh xô xát ở nhà xe"
    )
    return world
