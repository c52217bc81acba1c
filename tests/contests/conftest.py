"""A school with classes, a question bank of every type, and a students' contest with an open round."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from truyenthong.contests import services
from truyenthong.contests.models import Contest
from truyenthong.lib import quiz
from truyenthong.org.models import SchoolClass


def make_bank(school, actor, n_single: int = 12):
    make = services.question_create
    qs = [
        make(
            school=school,
            actor=actor,
            kind=quiz.SINGLE,
            text=f"Câu một lựa chọn số {i}?",
            options=[f"Phương án {c}{i}" for c in "ABCD"],
            correct=[i % 4],
            tags=["Nghị quyết 71"],
        )
        for i in range(n_single)
    ]
    qs.append(
        make(
            school=school,
            actor=actor,
            kind=quiz.MULTIPLE,
            text="Chọn các ý đúng?",
            options=["Ý 1", "Ý 2", "Ý 3", "Ý 4"],
            correct=[0, 2],
            tags=["Nghị quyết 71"],
        )
    )
    qs.append(
        make(
            school=school,
            actor=actor,
            kind=quiz.TRUE_FALSE,
            text="Nghị quyết 71 về giáo dục?",
            correct=[0],
            tags=["Nghị quyết 71"],
        )
    )
    qs.append(
        make(
            school=school,
            actor=actor,
            kind=quiz.SHORT,
            text="Thủ đô của Việt Nam?",
            correct=["Hà Nội", "Thành phố Hà Nội"],
            tags=["Nghị quyết 71"],
        )
    )
    qs.append(
        make(
            school=school,
            actor=actor,
            kind=quiz.SINGLE,
            text="Câu về chủ đề khác?",
            options=["X", "Y"],
            correct=[1],
            tags=["An toàn giao thông"],
        )
    )
    tie = make(school=school, actor=actor, kind=quiz.TIE_BREAK, text="Dự đoán số người trả lời đúng tất cả?")
    return qs, tie


@pytest.fixture
def contest_world(world):
    school = world.school
    actor = world.users["youth"]
    classes = [
        SchoolClass.objects.create(
            school=school, school_year="2026-2027", name=f"10A{i}", grade=10, student_count=40
        )
        for i in (1, 2, 3)
    ]
    questions, tie = make_bank(school, actor)
    contest = services.contest_create(
        school=school,
        actor=actor,
        title="Tìm hiểu Nghị quyết 71-NQ/TW",
        audience=Contest.Audience.STUDENTS,
        classes=classes[:2],
        organiser_unit=world.youth_unit,
    )
    now = timezone.now()
    round_ = services.round_create(
        contest=contest,
        actor=actor,
        name="Vòng 1",
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=1),
        time_limit_seconds=600,
        question_count=10,
        tags=["nghi quyet 71"],
        tie_break_question=tie,
    )
    services.contest_set_status(contest=contest, actor=actor, status=Contest.Status.PUBLISHED)
    world.classes = classes
    world.questions = questions
    world.tie = tie
    world.contest = contest
    world.round = round_
    return world


def register_student(contest, school_class, name="Lê Thị Lan", contact="0905123456", **extra):
    fields = dict(
        full_name=name,
        contact=contact,
        consent=True,
        school_class=school_class,
        birth_date=dt.date(2008, 5, 1),
    )
    fields.update(extra)
    return services.participant_register(contest=contest, **fields)


def right_answer(question):
    if question.kind == quiz.SHORT:
        return question.correct[0]
    if question.kind == quiz.MULTIPLE:
        return list(question.correct)
    return question.correct[0]
