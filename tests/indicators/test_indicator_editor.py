"""The indicator editor offers named sources and named parameters from lists: no JSON anywhere on the page."""

import re

from tests.indicators.conftest import indicator_named


def _url(world, indicator):
    return f"/truong/{world.school.code}/chi-so/{indicator.pk}/sua/"


def _form_data(client, world, indicator, **changes):
    form = client.get(_url(world, indicator)).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "tasks"}
    data.update(version=indicator.version, tasks=[t.pk for t in indicator.tasks.all()])
    data.update(changes)
    return data


def test_the_editor_asks_for_no_json_and_names_every_choice(measured, client_for):
    study = indicator_named(measured.plan, "staff_attended")
    page = client_for(measured.users["principal"]).get(_url(measured, study)).content.decode()
    assert "JSON" not in page
    assert not re.search(r"<textarea[^>]*name=\"(numerator|denominator)_params\"", page)
    assert "{&quot;" not in page and '{"' not in page
    # The parameters are lists with Vietnamese labels, each tied to its source for the page's script.
    assert 'data-param-source="staff_attended"' in page
    assert "Loại hoạt động" in page and "Sinh hoạt chi bộ" in page and "Nhóm cán bộ" in page
    assert "Tất cả cán bộ, giáo viên, nhân viên" in page
    # The list of sources explains them in words, not as codes.
    sources_table = page.split("Các nguồn dữ liệu", 1)[1]
    assert "<code>" not in sources_table and "study_session" not in sources_table


def test_choosing_a_source_and_its_parameters_saves_the_definition(measured, client_for):
    study = indicator_named(measured.plan, "staff_attended")
    client = client_for(measured.users["principal"])
    data = _form_data(
        client,
        measured,
        study,
        numerator_source="staff_attended",
        **{
            "numerator__staff_attended__kind": ["council_meeting", "party_meeting"],
            "numerator__staff_attended__category": "teacher",
            "denominator_source": "staff_active",
            "denominator__staff_active__category": "teacher",
        },
    )
    response = client.post(_url(measured, study), data)
    assert response.status_code == 302, response.context["form"].errors
    study.refresh_from_db()
    assert study.numerator_params == {"kind": ["council_meeting", "party_meeting"], "category": "teacher"}
    assert study.denominator_params == {"category": "teacher"}
    listing = client.get(f"/truong/{measured.school.code}/chi-so/").content.decode()
    assert "Họp hội đồng sư phạm, Sinh hoạt chi bộ" in listing or "Sinh hoạt chi bộ" in listing
    assert "staff_attended /" not in listing and "staff_active" not in listing


def test_another_source_s_parameters_are_not_stored(measured, client_for):
    """Only the chosen source's choices count: a parameter of a source not chosen is ignored."""
    study = indicator_named(measured.plan, "staff_attended")
    client = client_for(measured.users["principal"])
    data = _form_data(
        client,
        measured,
        study,
        numerator_source="activities_done",
        **{"numerator__activities_done__kind": "seminar", "numerator__staff_attended__category": "manager"},
    )
    data.pop("denominator_source", None)
    data["denominator_source"] = ""
    response = client.post(_url(measured, study), data)
    assert response.status_code == 302, response.context["form"].errors
    study.refresh_from_db()
    assert study.numerator_source == "activities_done"
    assert study.numerator_params == {"kind": "seminar"}
    assert study.denominator_params == {}


def test_a_value_outside_the_list_is_refused_in_vietnamese(measured, client_for):
    study = indicator_named(measured.plan, "staff_attended")
    before = dict(study.numerator_params)
    client = client_for(measured.users["principal"])
    data = _form_data(client, measured, study, **{"numerator__staff_attended__category": "hacker"})
    response = client.post(_url(measured, study), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "numerator__staff_attended__category" in errors
    assert "Select a valid choice" not in response.content.decode()
    study.refresh_from_db()
    assert study.numerator_params == before
