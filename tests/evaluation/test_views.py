"""Every evaluation page: who may open it, who may change things through it, and who is turned away."""

import datetime as dt

import pytest

from tests.access import assert_page, assert_refused, assert_to_login


@pytest.fixture
def setup(evaluated):
    from truyenthong.evaluation.services import (
        cycle_open,
        emulation_year_get_or_create,
        finding_add,
        follow_up_add,
        inspection_create,
        inspection_record,
    )

    w = evaluated
    boss = w.users["principal"]
    w.cycle = cycle_open(school=w.school, period_key="2026-2027", actor=boss)
    w.math_assessment = w.cycle.assessments.get(unit=w.math_unit)
    emulation_year_get_or_create(school=w.school, period_key="2026-2027")
    w.inspection = inspection_create(
        school=w.school,
        actor=boss,
        period_key="2026-2027",
        title="Kiểm tra Tổ Toán",
        scheduled_on=dt.date(2026, 10, 1),
        unit=w.math_unit,
    )
    inspection_record(
        inspection=w.inspection, actor=boss, conducted_on=dt.date(2026, 10, 2), conclusion="Tốt"
    )
    finding = finding_add(inspection=w.inspection, actor=boss, kind="issue", text="Thiếu biên bản")
    w.follow_up = follow_up_add(
        inspection=w.inspection,
        actor=boss,
        action="Bổ sung biên bản",
        owner=w.people["teacher"],
        deadline=dt.date(2026, 11, 1),
        finding=finding,
    )
    return w


def pages(w):
    code = w.school.code
    return {
        "home": f"/truong/{code}/danh-gia/",
        "criteria": f"/truong/{code}/danh-gia/bo-tieu-chi/",
        "cycle": f"/truong/{code}/danh-gia/nam-hoc/2026-2027/",
        "emulation": f"/truong/{code}/thi-dua/2026-2027/",
        "inspections": f"/truong/{code}/kiem-tra/",
        "inspection": f"/kiem-tra/{w.inspection.pk}/",
    }


@pytest.mark.parametrize("role", ["admin", "principal", "comms", "dept_head", "teacher", "youth"])
def test_school_staff_open_every_evaluation_page(setup, client_for, role):
    client = client_for(setup.users[role])
    for name, url in pages(setup).items():
        assert_page(client.get(url), *SHOWS[name], where=name)


SHOWS = {  # each evaluation page's heading, and a figure or name the setup put there
    "home": ("Đánh giá, thi đua, kiểm tra",),
    "criteria": ("Bộ tiêu chí đánh giá công tác truyền thông",),
    "cycle": ("Đánh giá công tác truyền thông năm học 2026-2027",),
    "emulation": ("Thi đua, khen thưởng năm học 2026-2027",),
    "inspections": ("Kế hoạch kiểm tra, giám sát năm học 2026-2027", "Kiểm tra Tổ Toán"),
    "inspection": ("Kiểm tra Tổ Toán", "Thiếu biên bản", "Bổ sung biên bản", "01/11/2026"),
}


@pytest.mark.parametrize("role", ["outsider", "official", "other_official"])
def test_people_outside_the_school_are_refused_every_evaluation_page(setup, client_for, role):
    client = client_for(setup.users[role])
    for name, url in pages(setup).items():
        assert "Kiểm tra Tổ Toán" not in assert_refused(client.get(url), where=name)
    assert_refused(client.get(f"/danh-gia/tu-danh-gia/{setup.math_assessment.pk}/"))


def test_anonymous_visitors_are_sent_to_the_login_page(setup, client):
    assert_to_login(client.get(pages(setup)["home"]))


def test_the_department_head_fills_in_their_own_unit_but_not_another(setup, client_for):
    w = setup
    client = client_for(w.users["dept_head"])
    url = f"/danh-gia/tu-danh-gia/{w.math_assessment.pk}/"
    assert client.get(url).status_code == 200
    first = w.math_assessment.scores.order_by("criterion__order").first().criterion
    response = client.post(
        url, {f"self_score_{first.pk}": "10", f"evidence_note_{first.pk}": "Biên bản", "do": "save"}
    )
    assert response.status_code == 302
    assert w.math_assessment.scores.get(criterion=first).self_score == 10
    youth = w.cycle.assessments.get(unit=w.youth_unit)
    assert client.get(f"/danh-gia/tu-danh-gia/{youth.pk}/").status_code == 403
    assert client.get(f"/danh-gia/cham-diem/{w.math_assessment.pk}/").status_code == 403


def test_leadership_scores_a_unit_from_the_scoring_page(setup, client_for):
    w = setup
    client = client_for(w.users["principal"])
    url = f"/danh-gia/cham-diem/{w.math_assessment.pk}/"
    assert client.get(url).status_code == 200
    data = {"do": "score"}
    for row in w.math_assessment.scores.select_related("criterion"):
        data[f"score_{row.criterion_id}"] = str(row.criterion.max_points)
    assert client.post(url, data).status_code == 302
    w.math_assessment.refresh_from_db()
    assert w.math_assessment.state == "scored"


def test_teachers_cannot_change_emulation_or_inspections(setup, client_for):
    w = setup
    client = client_for(w.users["teacher"])
    code = w.school.code
    assert_refused(client.post(f"/truong/{code}/thi-dua/2026-2027/", {"form": "scores"}))
    assert_refused(client.post(f"/kiem-tra/{w.inspection.pk}/", {"form": "close"}))
    assert_refused(client.post(f"/truong/{code}/danh-gia/bo-tieu-chi/", {"form": "group", "title": "X"}))
    w.inspection.refresh_from_db()
    assert w.inspection.closed_at is None


def test_closing_an_inspection_with_an_open_follow_up_shows_why_from_the_page(setup, client_for):
    w = setup
    client = client_for(w.users["principal"])
    response = client.post(f"/kiem-tra/{w.inspection.pk}/", {"form": "close"}, follow=True)
    assert "yêu cầu khắc phục chưa hoàn thành" in response.content.decode()
    w.inspection.refresh_from_db()
    assert w.inspection.status == "conducted"
    client.post(f"/kiem-tra/khac-phuc/{w.follow_up.pk}/hoan-thanh/", {"note": "Đã bổ sung"})
    client.post(f"/kiem-tra/{w.inspection.pk}/", {"form": "close"})
    w.inspection.refresh_from_db()
    assert w.inspection.status == "closed"


def test_leadership_records_a_commendation_and_sets_thresholds_from_the_page(setup, client_for):
    w = setup
    client = client_for(w.users["principal"])
    url = f"/truong/{w.school.code}/thi-dua/2026-2027/"
    response = client.post(
        url,
        {
            "form": "commendation",
            "kind": "commendation",
            "unit": w.math_unit.pk,
            "title": "Giấy khen",
            "decision_number": "15/QĐ-CLQĐ",
            "decision_date": "2027-05-25",
        },
        follow=True,
    )
    assert "15/QĐ-CLQĐ" in response.content.decode()
    from truyenthong.evaluation.models import EmulationYear

    year = EmulationYear.objects.get(school=w.school, period_key="2026-2027")
    client.post(
        url,
        {"form": "thresholds", "version": year.version, "excellent": "95", "good": "85", "complete": "60"},
    )
    year.refresh_from_db()
    assert year.excellent == 95


def test_leadership_creates_the_default_criteria_set_and_opens_a_cycle(world_with_plan, client_for):
    w = world_with_plan
    client = client_for(w.users["principal"])
    client.post(f"/truong/{w.school.code}/danh-gia/bo-tieu-chi/", {"form": "default"})
    response = client.post(f"/truong/{w.school.code}/danh-gia/mo-ky/", {"nam_hoc": "2025-2026"})
    assert response.status_code == 302 and response["Location"].endswith("/nam-hoc/2025-2026/")


def test_reading_the_evaluation_pages_writes_nothing(world, client_for):
    from truyenthong.evaluation.models import EmulationYear

    client = client_for(world.users["teacher"])
    assert client.get(f"/truong/{world.school.code}/danh-gia/?nam-hoc=2024-2025").status_code == 200
    assert client.get(f"/truong/{world.school.code}/thi-dua/2024-2025/").status_code == 200
    assert not EmulationYear.objects.exists()
