"""The yearly report cites what the school's surveys measured (issue 12, item 4): awareness and satisfaction as
shares of agreeing answers, in the narrative and in the rendered file; a year without surveys says nothing of them."""

from __future__ import annotations

import io

from docx import Document

from tests.reports.conftest import TODAY, YEAR
from truyenthong.reports.services import report_create, report_render
from truyenthong.surveys import services as surveys
from truyenthong.surveys.forms import parse_questions
from truyenthong.surveys.models import Survey

QUESTIONS = """
[5 nhận thức] Em hiểu rõ mục tiêu của Nghị quyết 71-NQ/TW
[5 hài lòng] Thông tin nhà trường gửi qua nhóm lớp là kịp thời
"""


def _survey(w, year: str, values: list[tuple[int, int]]):
    questions, errors = parse_questions(QUESTIONS)
    assert not errors
    survey = surveys.survey_create(
        school=w.school,
        actor=w.users["comms"],
        title="Khảo sát nhận thức về Nghị quyết 71",
        school_year=year,
        audiences=["students"],
        questions=questions,
    )
    surveys.survey_set_status(survey=survey, actor=w.users["comms"], status=Survey.Status.OPEN)
    first, second = survey.questions.all()
    for i, (a, b) in enumerate(values):
        surveys.survey_respond(
            survey=survey, answers={first.pk: a, second.pk: b}, audience="students", token=f"t{i}"
        )
    return survey


def test_the_yearly_report_cites_the_surveys_of_its_year(reported):
    _survey(reported, YEAR, [(5, 4), (4, 2), (4, 5), (2, 3)] * 3)  # awareness 9/12, satisfaction 6/12
    _survey(reported, "2025-2026", [(1, 1)] * 5)  # another year: not cited
    report = report_create(
        school=reported.school,
        actor=reported.users["principal"],
        kind="year_review",
        period_key=YEAR,
        today=TODAY,
    )
    text = report.narrative["uu_diem"]
    assert "mức độ hiểu biết, nhận thức: 75% ý kiến đồng tình hoặc rất đồng tình (9/12 câu trả lời)" in text
    assert "mức độ hài lòng: 50% ý kiến đồng tình hoặc rất đồng tình (6/12 câu trả lời)" in text
    docx = report_render(report, today=TODAY, only=("docx",))["docx"]
    body = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "9/12 câu trả lời" in body


def test_a_year_without_surveys_says_nothing_of_them(reported):
    report = report_create(
        school=reported.school,
        actor=reported.users["principal"],
        kind="year_review",
        period_key=YEAR,
        today=TODAY,
    )
    assert "khảo sát" not in report.narrative["uu_diem"].lower()
