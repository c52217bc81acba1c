"""One counted attempt per person under concurrent requests (two tabs, two devices, double clicks): real threads,
each with its own database connection, released at the same moment. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.contests.conftest import register_student
from truyenthong.contests import services
from truyenthong.contests.models import Answer, Attempt
from truyenthong.core.errors import NotAllowed

THREADS = 8


def _together(target, n=THREADS):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # recorded and asserted on below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_starts_of_one_person_open_exactly_one_attempt(world, django_user_model):

    w = _build(world)
    p = register_student(w.contest, w.classes[0])
    results, errors = _together(lambda: services.attempt_start(round_=w.round, participant=p).pk)
    assert not errors, errors
    assert len(set(results)) == 1
    assert Attempt.objects.filter(participant=p).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_once_and_concurrent_answers_keep_one_row(world):
    w = _build(world)
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    qid = attempt.question_ids[0]
    _, errors = _together(lambda: services.attempt_answer(attempt=attempt, question_id=qid, response="1"))
    assert not errors, errors
    assert attempt.answers.filter(question_id=qid).count() == 1
    results, errors = _together(lambda: services.attempt_submit(attempt=attempt).finished_at)
    assert not errors, errors
    assert len(set(results)) == 1


@pytest.mark.django_db(transaction=True)
def test_answers_racing_a_submit_are_either_graded_or_refused(world):
    """An answer and a submit of the same attempt at the same moment: an answer the server acknowledged was saved
    before the grading read the answers (so it is graded), or it was refused; never saved after the grading."""
    w = _build(world)
    for round_trip in range(3):
        p = register_student(w.contest, w.classes[0], contact=f"09{round_trip:08d}")
        attempt = services.attempt_start(round_=w.round, participant=p)
        results = _answers_and_a_submit(attempt)
        rows = dict(Answer.objects.filter(attempt=attempt).values_list("question_id", "is_correct"))
        saved = {qid for outcome, qid in results if outcome == "saved"}
        refused = {qid for outcome, qid in results if outcome == "refused"}
        assert set(rows) == saved, (rows, results)
        assert not refused & set(rows)
        assert all(v is not None for v in rows.values()), rows  # every saved answer was graded


def _answers_and_a_submit(attempt) -> list[tuple[str, object]]:
    """One thread submits, the others answer a question each; which runs first is up to the scheduler."""
    tasks = ["submit", *attempt.question_ids[: THREADS - 1]]
    lock = threading.Lock()

    def act():
        with lock:
            qid = tasks.pop()
        if qid == "submit":
            return ("submit", services.attempt_submit(attempt=attempt).status)
        try:
            services.attempt_answer(attempt=attempt, question_id=qid, response=1)
            return ("saved", qid)
        except NotAllowed as exc:
            assert "đã nộp" in exc.message
            return ("refused", qid)

    results, errors = _together(act)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_with_one_contact_make_one_participant(world):
    w = _build(world)
    outcomes, errors = _together(lambda: register_student(w.contest, w.classes[0], contact="0912345678").pk)
    assert len(outcomes) == 1
    assert len(errors) == THREADS - 1 and all("đã đăng ký" in e.message for e in errors)


def _build(world):
    """The contest world of conftest, built inside this transactional test."""
    import datetime as dt

    from django.utils import timezone

    from tests.contests.conftest import make_bank
    from truyenthong.contests.models import Contest
    from truyenthong.org.models import SchoolClass

    actor = world.users["youth"]
    world.classes = [
        SchoolClass.objects.create(school=world.school, school_year="2026-2027", name=f"11B{i}", grade=11)
        for i in (1, 2)
    ]
    make_bank(world.school, actor)
    world.contest = services.contest_create(
        school=world.school,
        actor=actor,
        title="Thi",
        audience=Contest.Audience.STUDENTS,
        classes=world.classes,
    )
    world.round = services.round_create(
        contest=world.contest,
        actor=actor,
        name="Vòng 1",
        opens_at=timezone.now() - dt.timedelta(minutes=1),
        closes_at=timezone.now() + dt.timedelta(hours=1),
        question_count=10,
    )
    services.contest_set_status(contest=world.contest, actor=actor, status=Contest.Status.PUBLISHED)
    return world
