"""Inspections: findings, follow-ups with owners and deadlines, overdue flags, and closing rules."""

import datetime as dt

import pytest

from truyenthong.core.errors import NotAllowed


@pytest.fixture
def inspection(world):
    from truyenthong.evaluation.services import inspection_create, inspection_record

    i = inspection_create(
        school=world.school,
        actor=world.users["principal"],
        period_key="2026-2027",
        title="Kiểm tra việc đăng tin bài của Tổ Toán",
        scheduled_on=dt.date(2026, 10, 15),
        unit=world.math_unit,
    )
    inspection_record(
        inspection=i,
        actor=world.users["principal"],
        conducted_on=dt.date(2026, 10, 16),
        conclusion="Đạt yêu cầu.",
    )
    i.refresh_from_db()
    return i


def add_follow_up(world, inspection, deadline):
    from truyenthong.evaluation.services import finding_add, follow_up_add

    finding = finding_add(
        inspection=inspection, actor=world.users["principal"], kind="issue", text="Thiếu minh chứng"
    )
    return follow_up_add(
        inspection=inspection,
        actor=world.users["principal"],
        action="Bổ sung minh chứng các buổi học tập",
        owner=world.people["teacher"],
        deadline=deadline,
        finding=finding,
    )


def test_an_inspection_cannot_be_closed_with_open_follow_ups(world, inspection):
    from truyenthong.evaluation.services import follow_up_complete, inspection_close

    follow_up = add_follow_up(world, inspection, dt.date(2026, 11, 1))
    with pytest.raises(NotAllowed, match="chưa hoàn thành"):
        inspection_close(inspection=inspection, actor=world.users["principal"])
    inspection.refresh_from_db()
    assert inspection.status == "conducted"
    follow_up_complete(follow_up=follow_up, actor=world.users["principal"], note="Đã bổ sung")
    inspection_close(inspection=inspection, actor=world.users["principal"])
    inspection.refresh_from_db()
    assert inspection.status == "closed"


def test_a_planned_inspection_without_results_cannot_be_closed(world):
    from truyenthong.evaluation.services import inspection_close, inspection_create

    planned = inspection_create(
        school=world.school,
        actor=world.users["principal"],
        period_key="2026-2027",
        title="Kiểm tra Đoàn",
        scheduled_on=dt.date(2027, 3, 1),
    )
    with pytest.raises(NotAllowed):
        inspection_close(inspection=planned, actor=world.users["principal"])


def test_overdue_follow_ups_are_the_open_ones_past_their_deadline(world, inspection):
    from truyenthong.evaluation.selectors import overdue_follow_ups
    from truyenthong.evaluation.services import follow_up_complete

    late = add_follow_up(world, inspection, dt.date(2026, 11, 1))
    not_yet = add_follow_up(world, inspection, dt.date(2026, 12, 31))
    done = add_follow_up(world, inspection, dt.date(2026, 10, 30))
    follow_up_complete(follow_up=done, actor=world.users["principal"])
    today = dt.date(2026, 11, 20)
    assert list(overdue_follow_ups(world.school, today=today)) == [late]
    assert late.is_overdue(today) and not not_yet.is_overdue(today)
    assert not overdue_follow_ups(world.other_school, today=today).exists()


def test_the_owner_of_a_follow_up_may_mark_it_done_but_another_teacher_may_not(
    world, inspection, django_user_model
):
    from django.core.exceptions import PermissionDenied

    from truyenthong.core.models import Role, RoleAssignment
    from truyenthong.evaluation.services import follow_up_complete

    follow_up = add_follow_up(world, inspection, dt.date(2026, 11, 1))
    other = django_user_model.objects.create_user(username="gv2", password="x", full_name="GV 2")
    RoleAssignment.objects.create(user=other, role=Role.TEACHER, organisation=world.school)
    with pytest.raises(PermissionDenied):
        follow_up_complete(follow_up=follow_up, actor=other)
    world.people["teacher"].user = world.users["teacher"]
    world.people["teacher"].save()
    follow_up.refresh_from_db()
    follow_up_complete(follow_up=follow_up, actor=world.users["teacher"], note="Xong")
    assert follow_up.status == "done"


def test_an_overdue_follow_up_shows_on_the_evaluation_home_and_through_the_dashboard_tag(
    world, inspection, client_for
):
    from django.template import Context, Template
    from django.test import RequestFactory

    add_follow_up(world, inspection, dt.date(2020, 1, 1))
    response = client_for(world.users["principal"]).get(f"/truong/{world.school.code}/danh-gia/")
    assert response.status_code == 200
    assert "quá hạn" in response.content.decode()
    request = RequestFactory().get("/")
    request.user = world.users["comms"]
    html = Template("{% load evaluation_tags %}{% overdue_follow_ups school %}").render(
        Context({"school": world.school, "request": request})
    )
    assert "Bổ sung minh chứng các buổi học tập" in html and "Quá hạn" in html
    request.user = world.users["outsider"]
    html = Template("{% load evaluation_tags %}{% overdue_follow_ups school %}").render(
        Context({"school": world.school, "request": request})
    )
    assert "Bổ sung minh chứng" not in html


def test_an_overdue_follow_up_shows_on_the_indicator_dashboard(world_with_plan, client_for):
    from pathlib import Path

    import truyenthong.indicators as indicators_app

    template = Path(indicators_app.__file__).parent / "templates" / "indicators" / "dashboard.html"
    if "overdue_follow_ups" not in template.read_text(encoding="utf-8"):
        pytest.skip("the dashboard does not include {% overdue_follow_ups school %} yet (the lead wires it)")
    from truyenthong.evaluation.services import inspection_create, inspection_record

    w = world_with_plan
    i = inspection_create(
        school=w.school,
        actor=w.users["principal"],
        period_key="2026-2027",
        title="Kiểm tra",
        scheduled_on=dt.date(2026, 10, 1),
    )
    inspection_record(
        inspection=i, actor=w.users["principal"], conducted_on=dt.date(2026, 10, 1), conclusion="x"
    )
    add_follow_up(w, i, dt.date(2020, 1, 1))
    html = client_for(w.users["principal"]).get(f"/truong/{w.school.code}/bang-dieu-khien/").content.decode()
    assert "Bổ sung minh chứng các buổi học tập" in html
