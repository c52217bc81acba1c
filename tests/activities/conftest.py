"""Fixtures for activities: a small plan with tasks, staff linked to accounts, and a study session held yesterday."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone


@pytest.fixture
def plan_task(world):
    from truyenthong.plans.models import Plan, Task, TaskGroup

    plan = Plan.objects.create(
        organisation=world.school, number="35/KH-CLQĐ", title="Kế hoạch truyền thông", is_current=True
    )
    group = TaskGroup.objects.create(
        plan=plan, order=2, number="2", title="Tăng cường truyền thông trong ngành"
    )
    task = Task.objects.create(
        group=group, order=1, text="Tổ chức quán triệt, học tập chuyên đề cho cán bộ, giáo viên."
    )
    return task


@pytest.fixture
def staff(world):
    """Accounts linked to people: the teacher and the principal; plus a colleague who joined later and one who left."""
    from truyenthong.org.services import person_create

    people = world.people
    people["teacher"].user = world.users["teacher"]
    people["teacher"].save(update_fields=["user"])
    people["principal"].user = world.users["principal"]
    people["principal"].save(update_fields=["user"])
    today = timezone.localdate()
    people["newcomer"] = person_create(
        school=world.school,
        code="GV010",
        full_name="Lê Văn Mới",
        active_from=today + dt.timedelta(days=30),
        units=[world.math_unit],
    )
    people["leaver"] = person_create(
        school=world.school,
        code="GV011",
        full_name="Phạm Thị Nghỉ",
        active_to=today - dt.timedelta(days=365),
        units=[world.math_unit],
    )
    people["clerk"] = person_create(
        school=world.school,
        code="NV001",
        full_name="Đỗ Thị Văn Thư",
        category="employee",
        units=[world.office_unit],
    )
    return people


def make_activity(world, *, days_ago: int = 1, kind="study_session", audience="staff", unit=None, **fields):
    from truyenthong.activities.services import activity_create

    start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0) - dt.timedelta(
        days=days_ago
    )
    return activity_create(
        school=world.school,
        actor=world.users["principal"],
        unit=unit or world.leadership_unit,
        kind=kind,
        title=fields.pop("title", "Quán triệt Nghị quyết 71-NQ/TW"),
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place="Hội trường A",
        audience=audience,
        **fields,
    )


@pytest.fixture
def session(world, staff, plan_task):
    return make_activity(world, task=plan_task, planned_participants=4)


def tiny_png() -> bytes:
    # A valid 1×1 PNG, written out so the tests need no imaging library.
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )


def tiny_pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def tiny_docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Biên bản học bù")
    document.save(buffer)
    return buffer.getvalue()
