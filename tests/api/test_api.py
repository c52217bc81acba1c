"""The REST API: tokens, the permission layer on every list, figures imported all-or-nothing, the OpenAPI document."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _token(user, org, name="Hệ thống thử"):
    from truyenthong.api.services import api_token_issue

    return api_token_issue(actor=user, user=user, organisation=org, name=name)[1]


def _get(path, key=None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return Client().get(path, params, **headers)


def _post(path, body, key):
    return Client().post(path, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def measured_world(world_with_plan):
    from truyenthong.indicators.services import indicators_create_defaults, indicators_recompute

    w = world_with_plan
    indicators_create_defaults(plan=w.plan, actor=w.users["principal"])
    indicators_recompute(school_ids=[w.school.pk], today=dt.date(2027, 6, 1))
    return w


def test_a_request_without_a_token_is_refused_in_vietnamese(world):
    response = _get("/api/v1/plans/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_or_revoked_token_is_refused(world):
    from truyenthong.api.models import ApiToken
    from truyenthong.api.services import api_token_revoke

    key = _token(world.users["principal"], world.school)
    assert _get("/api/v1/plans/", key[:-2] + "xx").json()["detail"] == "Mã truy cập không hợp lệ."
    assert _get("/api/v1/plans/", "tt_nothing").status_code == 401
    token = ApiToken.objects.get()
    api_token_revoke(actor=world.users["principal"], token=token)
    assert _get("/api/v1/plans/", key).json()["detail"] == "Mã truy cập đã bị thu hồi."


def test_only_the_hash_of_a_token_is_stored(world):
    from truyenthong.api.models import ApiToken

    key = _token(world.users["principal"], world.school)
    token = ApiToken.objects.get()
    assert key not in (token.key_hash, token.prefix) and len(token.key_hash) == 64
    assert key.startswith(f"tt_{token.prefix}_")


def test_a_school_sees_its_own_plan_and_not_another_schools(world_with_plan):
    w = world_with_plan
    own = _get("/api/v1/plans/", _token(w.users["principal"], w.school)).json()
    assert own["count"] == 1
    plan = own["results"][0]
    assert plan["school"] == "lqd" and plan["number"] == w.plan.number and len(plan["phases"]) == 2
    other = _get("/api/v1/plans/", _token(w.users["outsider"], w.other_school)).json()
    assert other["count"] == 0
    assert _get(f"/api/v1/plans/{w.plan.pk}/", _token(w.users["outsider"], w.other_school)).status_code == 404


def test_an_officials_token_narrowed_to_one_school_sees_that_school_only(world_with_plan):
    w = world_with_plan
    wide = _get("/api/v1/schools/", _token(w.users["official"], w.department, "Sở"))
    assert {s["code"] for s in wide.json()["results"]} == {"lqd", "khac"}
    narrow = _get("/api/v1/schools/", _token(w.users["official"], w.other_school, "Một trường"))
    assert [s["code"] for s in narrow.json()["results"]] == ["khac"]
    assert (
        _get("/api/v1/plans/", _token(w.users["official"], w.other_school, "Một trường 2")).json()["count"]
        == 0
    )


def test_a_token_for_an_organisation_the_account_has_no_role_on_is_refused(world):
    from truyenthong.api.services import api_token_issue
    from truyenthong.core.errors import InvalidInput

    with pytest.raises(InvalidInput):
        api_token_issue(
            actor=world.users["teacher"],
            user=world.users["teacher"],
            organisation=world.other_school,
            name="x",
        )


def test_targets_carry_their_measures_with_vietnamese_comparator_labels(world_with_plan):
    w = world_with_plan
    data = _get("/api/v1/targets/", _token(w.users["teacher"], w.school), plan=w.plan.pk).json()
    assert data["count"] == w.plan.targets.count()
    measures = [m for t in data["results"] for m in t["measures"]]
    assert measures and all(
        m["comparator_label"] and m["comparator_label"] != m["comparator"] for m in measures
    )


def test_indicator_values_are_listed_per_period_for_the_school(measured_world):
    from truyenthong.indicators.models import IndicatorValue

    w = measured_world
    key = _token(w.users["principal"], w.school)
    expected = IndicatorValue.objects.filter(school=w.school, period_key="2026-2027", scope=0).count()
    data = _get("/api/v1/indicator-values/", key, school="lqd", period="2026-2027", page_size=500).json()
    assert data["count"] == expected > 0
    assert {r["period_key"] for r in data["results"]} == {"2026-2027"}
    assert all(r["unit"] is None and r["status_label"] for r in data["results"])
    assert _get("/api/v1/indicator-values/", key, indicator="abc").status_code == 400


def test_activities_never_carry_names(world):
    from truyenthong.activities.models import Activity

    tz = dt.timezone(dt.timedelta(hours=7))
    Activity.objects.create(
        school=world.school,
        unit=world.math_unit,
        kind="study_session",
        title="Học tập Nghị quyết 71",
        starts_at=dt.datetime(2026, 10, 1, 8, tzinfo=tz),
        ends_at=dt.datetime(2026, 10, 1, 10, tzinfo=tz),
        person_in_charge=world.people["teacher"],
    )
    response = _get("/api/v1/activities/", _token(world.users["official"], world.department), school="lqd")
    assert response.json()["count"] == 1
    assert "Nguyễn Thị Hoa" not in response.content.decode()
    filtered = _get(
        "/api/v1/activities/", _token(world.users["principal"], world.school), **{"from": "2026-10-02"}
    )
    assert filtered.json()["count"] == 0


def _manual_indicator(w):
    from truyenthong.indicators.models import Indicator

    ind = Indicator.objects.filter(school=w.school, method=Indicator.Method.MANUAL).first()
    if ind is None:
        ind = Indicator.objects.filter(school=w.school).first()
        ind.method = Indicator.Method.MANUAL
        ind.evidence_required = False
        ind.per_unit = False
        ind.save()
    else:
        Indicator.objects.filter(pk=ind.pk).update(evidence_required=False, per_unit=False)
        ind.refresh_from_db()
    return ind


def test_figures_are_imported_all_or_nothing_with_row_errors(measured_world):
    from truyenthong.indicators.models import ManualEntry

    w = measured_world
    ind = _manual_indicator(w)
    key = _token(w.users["principal"], w.school)
    period = "2025-2026" if ind.period_kind == "school_year" else ind.period_kind
    bad = _post(
        "/api/v1/figures/import/",
        {
            "rows": [
                {"indicator": ind.pk, "period": period, "numerator": 40, "denominator": 50},
                {"indicator": ind.pk, "period": period, "numerator": "bốn", "denominator": 50},
                {"indicator": 999999, "period": period, "value": 10},
            ]
        },
        key,
    )
    assert bad.status_code == 400
    body = bad.json()
    assert body["saved"] == 0
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "numerator"), (3, "indicator")]
    assert "không phải là số" in body["errors"][0]["message"]
    assert ManualEntry.objects.count() == 0
    if ind.period_kind == "school_year":
        good = _post(
            "/api/v1/figures/import/",
            {"rows": [{"indicator": ind.pk, "period": period, "numerator": 40, "denominator": 50}]},
            key,
        )
        assert good.status_code == 201, good.json()
        assert good.json() == {"saved": 1, "errors": []}
        assert ManualEntry.objects.get().numerator == 40


def test_figures_from_a_token_of_another_school_are_refused(measured_world):
    w = measured_world
    ind = _manual_indicator(w)
    response = _post(
        "/api/v1/figures/import/",
        {"rows": [{"indicator": ind.pk, "period": "2025-2026", "value": 10}]},
        _token(w.users["outsider"], w.other_school),
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Không tìm thấy chỉ số này."


def test_an_official_who_reads_figures_cannot_import_them(measured_world):
    w = measured_world
    ind = _manual_indicator(w)
    response = _post(
        "/api/v1/figures/import/",
        {"rows": [{"indicator": ind.pk, "period": "2025-2026", "value": 10}]},
        _token(w.users["official"], w.department),
    )
    assert response.json()["errors"][0]["message"] == "Bạn không có quyền nhập số liệu cho chỉ số này."


def test_the_openapi_description_is_served_and_lists_every_resource(db):
    response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    import json

    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/plans/",
        "/api/v1/targets/",
        "/api/v1/indicators/",
        "/api/v1/indicator-values/",
        "/api/v1/activities/",
        "/api/v1/content-items/",
        "/api/v1/figures/import/",
    ):
        assert path in schema["paths"]
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_the_command_issues_a_token_that_works(world_with_plan, capsys):
    from django.core.management import call_command

    call_command("api_token", user="principal", org="lqd", name="Phần mềm quản lý trường")
    key = capsys.readouterr().out.strip()
    assert _get("/api/v1/plans/", key).json()["count"] == 1


def test_a_list_reads_the_same_queries_for_one_row_as_for_many(measured_world, seed_bytes):
    """The lists read only the columns they show (QuerySet.only from the serializer): a column left out would be
    fetched again for every row. A page of one row and a page of every row must cost the same queries, and every
    row carries every field."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from truyenthong.activities.models import Activity
    from truyenthong.content.models import ContentItem
    from truyenthong.plans.services import plan_import

    w = measured_world
    plan_import(
        organisation=w.other_school,
        data=seed_bytes,
        filename="ke-hoach-khac.txt",
        actor=w.users["outsider"],
        max_bytes=10 * 1024 * 1024,
    )
    tz = dt.timezone(dt.timedelta(hours=7))
    for day in (1, 2, 2):  # two at the same hour, as a flag ceremony
        Activity.objects.create(
            school=w.school,
            unit=w.math_unit,
            kind="study_session",
            title=f"Học tập Nghị quyết 71, ngày {day}",
            starts_at=dt.datetime(2026, 10, day, 7, tzinfo=tz),
            ends_at=dt.datetime(2026, 10, day, 9, tzinfo=tz),
        )
    for n in range(2):
        ContentItem.objects.create(
            school=w.school, title=f"Tin số {n}", slug=f"tin-so-{n}", body="<p>Nội dung</p>"
        )
    key = _token(w.users["official"], w.department, "Sở")
    _get("/api/v1/schools/", key)  # a token's first use writes when it was used; the rest only read
    for path, params in [
        ("/api/v1/schools/", {}),
        ("/api/v1/plans/", {}),
        ("/api/v1/targets/", {}),
        ("/api/v1/indicators/", {}),
        ("/api/v1/indicator-values/", {"period": "2026-2027"}),
        ("/api/v1/activities/", {}),
        ("/api/v1/content-items/", {}),
    ]:
        counts, pages = [], []
        for size in (1, 500):
            with CaptureQueriesContext(connection) as queries:
                response = _get(path, key, page_size=size, **params)
            assert response.status_code == 200, (path, response.content[:300])
            counts.append(len(queries))
            pages.append(response.json())
        one, every = pages
        assert every["count"] >= 2 and len(every["results"]) == every["count"], path
        assert counts[0] == counts[1], (path, counts)
        assert one["results"][0] == every["results"][0], path
        assert all(set(row) == set(every["results"][0]) for row in every["results"]), path
    newest = _get("/api/v1/activities/", key).json()["results"]
    assert [a["title"][-6:] for a in newest] == ["ngày 2", "ngày 2", "ngày 1"]
    assert newest[0]["id"] > newest[1]["id"]  # same hour: the later one first, as the index orders them
