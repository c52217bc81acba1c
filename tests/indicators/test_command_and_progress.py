"""The recompute command, task progress rolled up from activities, and the sparkline."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.indicators.conftest import attend, make_activity


def test_the_recompute_command_refills_the_values(measured):
    from truyenthong.indicators.models import IndicatorValue

    IndicatorValue.objects.all().delete()
    out = StringIO()
    call_command("recompute-indicators", "lqd", stdout=out)
    assert "Đã tính" in out.getvalue()
    assert IndicatorValue.objects.filter(school=measured.school).exists()
    with pytest.raises(CommandError, match="khong-co"):
        call_command("recompute-indicators", "khong-co")


def test_task_progress_comes_from_its_activities_and_rolls_up(measured):
    from truyenthong.indicators.selectors import task_progress
    from truyenthong.plans.models import Task

    task = Task.objects.filter(group__plan=measured.plan, text__icontains="quán triệt").first()
    done = make_activity(measured.school, measured.leadership_unit, day=dt.date(2026, 10, 10))
    planned = make_activity(
        measured.school, measured.leadership_unit, day=dt.date(2027, 3, 10), status="planned"
    )
    for a in (done, planned):
        a.task = task
        a.save()
    attend(done, measured.people["teacher"])
    result = task_progress(plan=measured.plan, period_key="2026-2027", with_timeline=True)
    group = next(g for g in result["groups"] if task in [t.task for t in g.tasks])
    row = next(t for t in group.tasks if t.task == task)
    assert (row.done, row.total) == (1, 2)
    assert row.indicators_total == 0 or row.progress <= 100
    assert row.status == "in_progress"
    assert [a.pk for a in row.timeline] == [done.pk, planned.pk]
    assert group.progress == round(sum(t.progress for t in group.tasks) / len(group.tasks))
    assert result["progress"] == round(sum(g.progress for g in result["groups"]) / len(result["groups"]))


def test_a_sparkline_is_inline_svg_with_gaps_for_missing_periods():
    from truyenthong.indicators.charts import sparkline

    svg = sparkline(
        [("2024-2025", Decimal(50)), ("2025-2026", None), ("2026-2027", Decimal(80))], target=Decimal(90)
    )
    assert svg.startswith("<svg") and svg.count("<polyline") == 2 and "spark-target" in svg
    assert "2025-2026: —" in svg
    assert sparkline([("2026-2027", None)]) == ""


def test_content_sources_are_registered_for_definitions():
    from truyenthong.indicators import sources

    assert {"content_published", "content_reach", "classes_parents_reached"} <= set(sources.REGISTRY)
