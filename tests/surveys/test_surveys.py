"""Surveys: creation from the line notation, one response per person or per link, results with charts,
breakdown by audience, year on year, export read back, indicator sources and the measured rate for the report."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.access import assert_not_found
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.indicators import sources
from truyenthong.lib.periods import current_school_year, period_from_key
from truyenthong.org.models import SchoolClass
from truyenthong.surveys import selectors, services
from truyenthong.surveys.forms import parse_questions
from truyenthong.surveys.models import Survey, SurveyResponse

QUESTIONS = """
[5 nhận thức] Em hiểu rõ nội dung Nghị quyết 71-NQ/TW
[5 hài lòng] Thông tin nhà trường gửi qua nhóm lớp là kịp thời
[1] Em biết thông tin qua kênh nào? | Nhóm Zalo lớp | Cổng thông tin | Bảng tin
[n] Chủ đề muốn tìm hiểu thêm? | Chuyển đổi số | Kỹ năng sống | Ngoại ngữ
[?] Góp ý của em
"""


def _survey(world, year=None, series="Khảo sát nhận thức NQ71"):
    questions, errors = parse_questions(QUESTIONS)
    assert not errors
    survey = services.survey_create(
        school=world.school,
        actor=world.users["comms"],
        title="Khảo sát mức độ hiểu biết về Nghị quyết 71",
        school_year=year or current_school_year(timezone.localdate()).key,
        audiences=["students", "parents"],
        questions=questions,
        series=series,
    )
    services.survey_set_status(survey=survey, actor=world.users["comms"], status=Survey.Status.OPEN)
    return survey


def _answers(survey, likert=(4, 5), choice=0, many=(0, 2), text="Rất bổ ích"):
    q = list(survey.questions.all())
    return {q[0].pk: likert[0], q[1].pk: likert[1], q[2].pk: choice, q[3].pk: list(many), q[4].pk: text}


def test_the_line_notation_is_parsed_and_wrong_lines_are_named():
    questions, errors = parse_questions(QUESTIONS)
    assert [(q["kind"], q["measure"]) for q in questions] == [
        ("likert", "awareness"),
        ("likert", "satisfaction"),
        ("single", ""),
        ("multiple", ""),
        ("text", ""),
    ]
    assert questions[2]["options"] == ["Nhóm Zalo lớp", "Cổng thông tin", "Bảng tin"]
    _, errors = parse_questions("Câu không có dấu\n[5 vui vẻ] Câu lạ")
    assert errors[0].startswith("Dòng 1") and errors[1].startswith("Dòng 2")


def test_one_response_per_link_and_per_account(world):
    survey = _survey(world)
    services.survey_respond(survey=survey, answers=_answers(survey), audience="students", token="abc")
    with pytest.raises(NotAllowed, match="chỉ trả lời một lần"):
        services.survey_respond(survey=survey, answers=_answers(survey), audience="students", token="abc")
    services.survey_respond(survey=survey, answers=_answers(survey), audience="parents", token="other")
    services.survey_respond(
        survey=survey, answers=_answers(survey), audience="parents", user=world.users["teacher"]
    )
    with pytest.raises(NotAllowed):
        services.survey_respond(
            survey=survey, answers=_answers(survey), audience="parents", user=world.users["teacher"]
        )
    assert SurveyResponse.objects.count() == 3
    # anonymous: the account is not kept on the response
    assert not SurveyResponse.objects.filter(user__isnull=False).exists()


def test_missing_and_invalid_answers_are_listed_and_nothing_is_written(world):
    survey = _survey(world)
    q = list(survey.questions.all())
    with pytest.raises(InvalidInput) as exc:
        services.survey_respond(
            survey=survey, answers={q[0].pk: 7, q[2].pk: 9}, audience="students", token="t"
        )
    assert exc.value.errors == [
        "Câu 1: lựa chọn không hợp lệ.",
        "Câu 2: chưa trả lời.",
        "Câu 3: lựa chọn không hợp lệ.",
        "Câu 4: chưa trả lời.",
    ]
    with pytest.raises(InvalidInput, match="Đối tượng"):
        services.survey_respond(
            survey=survey, answers=_answers(survey), audience="staff", user=world.users["teacher"]
        )
    assert not SurveyResponse.objects.exists()


def test_results_breakdown_year_on_year_and_the_measured_rate(world):
    year = current_school_year(timezone.localdate())
    previous_key = f"{year.start.year - 1}-{year.start.year}"
    old = _survey(world, year=previous_key)
    for i, v in enumerate([2, 4, 3, 2]):
        services.survey_respond(
            survey=old, answers=_answers(old, likert=(v, 3)), audience="students", token=f"o{i}"
        )
    survey = _survey(world)
    for i, v in enumerate([5, 4, 4, 2]):
        services.survey_respond(
            survey=survey, answers=_answers(survey, likert=(v, 5)), audience="students", token=f"s{i}"
        )
    services.survey_respond(
        survey=survey, answers=_answers(survey, likert=(1, 1)), audience="parents", token="p"
    )
    results = selectors.results(survey=survey)
    assert results[0].answered == 5 and results[0].agree_percent == 60.0 and results[0].mean == 3.2
    assert results[2].counts[0] == ("Nhóm Zalo lớp", 5)
    assert "<svg" in results[0].chart and "Hoàn toàn đồng ý" in results[0].chart
    breakdown = {b["audience"]: b for b in selectors.audience_breakdown(survey=survey)}
    assert breakdown["Học sinh"]["responses"] == 4 and breakdown["Học sinh"]["likert"][0][1] == 75.0
    assert breakdown["Cha mẹ học sinh"]["likert"][0][1] == 0.0
    rate = selectors.measured_rate(school=world.school, school_year=year.key, measure="awareness")
    assert (rate.agree, rate.answers, rate.percent) == (3, 5, 60.0)
    assert (
        selectors.measured_rate(school=world.school, school_year=previous_key, measure="awareness").percent
        == 25.0
    )
    years = selectors.year_on_year(survey=survey)
    assert [(r.school_year, r.percent) for r in years[0]["rates"]] == [(previous_key, 25.0), (year.key, 60.0)]
    agree = sources.get("survey_agree").counts([world.school.id], year, {"measure": "awareness"})
    total = sources.get("survey_likert_answers").counts([world.school.id], year, {"measure": "awareness"})
    assert agree == {(world.school.id, 0): 3} and total == {(world.school.id, 0): 5}
    assert sources.get("survey_agree").counts([world.other_school.id], year, {"measure": "awareness"}) == {}
    last = period_from_key(previous_key)
    assert sources.get("survey_agree").counts([world.school.id], last, {"measure": "satisfaction"}) == {}


def test_pages_export_and_the_public_form(world, client_for, client):
    survey = _survey(world)
    cls = SchoolClass.objects.create(
        school=world.school, school_year=survey.school_year, name="11A1", grade=11
    )
    form = client.get(reverse("surveys:respond", args=[survey.pk])).content.decode()
    assert "Em hiểu rõ nội dung Nghị quyết 71-NQ/TW" in form
    q = list(survey.questions.all())
    data = {
        "audience": "parents",
        "school_class": cls.pk,
        f"q{q[0].pk}": "5",
        f"q{q[1].pk}": "4",
        f"q{q[2].pk}": "1",
        f"q{q[3].pk}": ["0", "1"],
        f"q{q[4].pk}": '=HYPERLINK("x")',
    }
    r = client.post(reverse("surveys:respond", args=[survey.pk]), data)
    assert "Cảm ơn" in r.content.decode()
    again = client.post(reverse("surveys:respond", args=[survey.pk]), data)
    assert "chỉ trả lời một lần" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    for who, status in [("teacher", 200), ("official", 200), ("outsider", 403)]:
        assert (
            client_for(world.users[who]).get(reverse("surveys:survey-detail", args=[survey.pk])).status_code
            == status
        )
    assert (
        client_for(world.users["teacher"]).get(reverse("surveys:survey-export", args=[survey.pk])).status_code
        == 403
    )
    sheet = load_workbook(
        io.BytesIO(
            client_for(world.users["comms"]).get(reverse("surveys:survey-export", args=[survey.pk])).content
        )
    ).active
    row = [c.value for c in sheet[2]]
    assert row[1:8] == [
        "Cha mẹ học sinh",
        "11A1",
        "5 — Hoàn toàn đồng ý",
        "4 — Đồng ý",
        "Cổng thông tin",
        "Chuyển đổi số; Kỹ năng sống",
        '\'=HYPERLINK("x")',
    ]
    page = (
        client_for(world.users["comms"])
        .get(reverse("surveys:survey-detail", args=[survey.pk]))
        .content.decode()
    )
    assert 'id="response-count">1<' in page and "<svg" in page


def test_a_closed_survey_takes_no_response(world, client):
    survey = _survey(world)
    services.survey_set_status(survey=survey, actor=world.users["comms"], status=Survey.Status.CLOSED)
    page = client.get(reverse("surveys:respond", args=[survey.pk]))
    assert page.status_code == 410
    text = page.content.decode()
    assert "Khảo sát đã kết thúc" in text and survey.title in text and "<form" not in text.split("<main")[-1]
    posted = client.post(reverse("surveys:respond", args=[survey.pk]), {"audience": "students"})
    assert posted.status_code == 410
    assert not survey.responses.exists()
    with pytest.raises(NotAllowed):
        services.survey_respond(survey=survey, answers=_answers(survey), audience="students", token="x")


def test_a_draft_survey_is_not_found_by_its_link(world, client):
    survey = _survey(world)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)  # as it was before being opened
    assert_not_found(client.get(reverse("surveys:respond", args=[survey.pk])))
