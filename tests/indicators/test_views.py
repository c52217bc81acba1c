"""Every indicator page: the roles allowed see it, the others (the outsider at least) are refused."""

import datetime as dt

import pytest

from tests.indicators.conftest import attend, indicator_named, make_activity

ALL = [
    "admin",
    "principal",
    "comms",
    "dept_head",
    "teacher",
    "youth",
    "official",
    "other_official",
    "outsider",
]


def _expect(client_for, world, url, allowed, method="get", data=None):
    """Allowed: a page (GET 200) or a saved form sent on (POST 302, never back to the login page); refused: 403
    with the reason on the refusal page; anonymous: sent to the login page."""
    for name in ALL:
        response = getattr(client_for(world.users[name]), method)(url, data or {})
        if name in allowed:
            wanted = 200 if method == "get" else 302
            assert response.status_code == wanted, (name, url, response.status_code)
            if wanted == 302:
                assert "/dang-nhap" not in response["Location"], (name, url)
        else:
            assert response.status_code == 403, (name, url, response.status_code)
            assert "không có quyền" in response.content.decode().lower(), (name, url)
    anonymous = getattr(client_for(None), method)(url, data or {})
    assert anonymous.status_code == 302 and "/dang-nhap" in anonymous["Location"], (
        url,
        anonymous.status_code,
    )


VIEWERS = {"admin", "principal", "comms", "dept_head", "youth", "official"}


@pytest.mark.parametrize(
    "path",
    ["bang-dieu-khien/", "chi-so/", "bao-cao-ky/", "tien-do/"],
)
def test_school_pages_are_for_staff_with_indicator_access_and_the_official(measured, client_for, path):
    _expect(client_for, measured, f"/truong/{measured.school.code}/{path}", VIEWERS)


def test_the_dashboard_shows_every_measure_with_its_status(measured, client_for):
    response = client_for(measured.users["principal"]).get(
        f"/truong/{measured.school.code}/bang-dieu-khien/?ky=2026-2027"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="ind-card') == 12
    assert "Cần định nghĩa" in html
    assert "<svg" not in html or "spark" in html  # sparklines are inline SVG drawn on the server


def test_a_department_head_sees_the_dashboard_of_their_own_unit(measured, client_for):
    response = client_for(measured.users["dept_head"]).get(
        f"/truong/{measured.school.code}/bang-dieu-khien/?don-vi={measured.office_unit.pk}"
    )
    assert response.status_code == 200
    assert response.context["unit"] == measured.math_unit
    assert "completeness" not in response.context


def test_the_sub_department_overview_is_for_its_officials(measured, client_for):
    _expect(client_for, measured, f"/so/{measured.department.code}/bang-dieu-khien/", {"admin", "official"})
    response = client_for(measured.users["official"]).get(f"/so/{measured.department.code}/bang-dieu-khien/")
    # Vietnamese alphabetical order: "Trường THPT chuyên Lê Quý Đôn" before "Trường THPT Khác"
    assert [r["school"].code for r in response.context["rows"]] == ["lqd", "khac"]


def test_only_leadership_edits_definitions(measured, client_for):
    study = indicator_named(measured.plan, "staff_attended")
    _expect(
        client_for, measured, f"/truong/{measured.school.code}/chi-so/{study.pk}/sua/", {"admin", "principal"}
    )
    _expect(client_for, measured, f"/truong/{measured.school.code}/chi-so/{study.pk}/lich-su/", VIEWERS)


def test_editing_a_definition_in_the_browser_changes_the_value(measured, client_for):
    from tests.indicators.conftest import value_of

    hk1 = make_activity(
        measured.school, measured.leadership_unit, day=dt.date(2026, 10, 10), kind="council_meeting"
    )
    attend(hk1, measured.people["teacher"])
    study = indicator_named(measured.plan, "staff_attended")
    client = client_for(measured.users["principal"])
    form = client.get(f"/truong/{measured.school.code}/chi-so/{study.pk}/sua/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "tasks"}
    data.update(
        {"numerator__staff_attended__kind": ["council_meeting"]},
        version=study.version,
        tasks=[t.pk for t in study.tasks.all()],
    )
    response = client.post(f"/truong/{measured.school.code}/chi-so/{study.pk}/sua/", data)
    assert response.status_code == 302, response.context["form"].errors
    study.refresh_from_db()
    assert study.numerator_params["kind"] == ["council_meeting"]
    from truyenthong.indicators.services import indicators_recompute

    indicators_recompute(school_ids=[measured.school.pk], today=dt.date(2027, 6, 1))
    assert value_of(study, "2026-2027").numerator == 1


def test_drill_down_lists_people_for_staff_but_only_counts_for_officials(measured, client_for):
    session = make_activity(measured.school, measured.leadership_unit, day=dt.date(2026, 10, 10))
    attend(session, measured.people["teacher"])
    study = indicator_named(measured.plan, "staff_attended")
    url = f"/truong/{measured.school.code}/chi-so/{study.pk}/ky/2026-2027/"
    _expect(client_for, measured, url, VIEWERS)
    staff_page = client_for(measured.users["principal"]).get(url).content.decode()
    assert "Nguyễn Thị Hoa" in staff_page
    official_page = client_for(measured.users["official"]).get(url).content.decode()
    assert "Nguyễn Thị Hoa" not in official_page
    assert "chỉ hiện số lượng" in official_page


def test_the_incident_drill_down_is_for_leadership_only(measured, client_for):
    from truyenthong.records.models import ViolenceIncident

    ViolenceIncident.objects.create(
        school=measured.school, occurred_on=dt.date(2026, 10, 1), description="Bí mật"
    )
    incidents = indicator_named(measured.plan, "violence_incidents")
    url = f"/truong/{measured.school.code}/chi-so/{incidents.pk}/ky/2026-2027/"
    assert "Vụ việc ngày 01/10/2026" in client_for(measured.users["principal"]).get(url).content.decode()
    for name in ("comms", "dept_head", "official"):
        assert "Vụ việc ngày 01/10/2026" not in client_for(measured.users[name]).get(url).content.decode()


def test_hand_entry_is_for_leadership_and_comms(measured, client_for):
    from truyenthong.indicators.models import Indicator

    manual = Indicator.objects.get(plan=measured.plan, method="manual")
    _expect(
        client_for,
        measured,
        f"/truong/{measured.school.code}/chi-so/{manual.pk}/nhap/",
        {"admin", "principal", "comms"},
    )


def test_a_unit_submits_and_leadership_approves_through_the_pages(measured, client_for):
    from truyenthong.indicators.models import Submission

    code, key = measured.school.code, "2025-2026"
    submit = f"/truong/{code}/bao-cao-ky/{key}/nop/"
    assert (
        client_for(measured.users["outsider"]).post(submit, {"unit": measured.math_unit.pk}).status_code
        == 403
    )
    assert (
        client_for(measured.users["dept_head"]).post(submit, {"unit": measured.office_unit.pk}).status_code
        == 403
    )
    assert (
        client_for(measured.users["dept_head"]).post(submit, {"unit": measured.math_unit.pk}).status_code
        == 302
    )
    assert Submission.objects.get(unit=measured.math_unit, period_key=key).state == "submitted"
    approve = f"/truong/{code}/bao-cao-ky/{key}/duyet/"
    assert (
        client_for(measured.users["comms"]).post(approve, {"unit": measured.math_unit.pk}).status_code == 403
    )
    assert (
        client_for(measured.users["principal"]).post(approve, {"unit": measured.math_unit.pk}).status_code
        == 302
    )
    assert Submission.objects.get(unit=measured.math_unit, period_key=key).state == "approved"
