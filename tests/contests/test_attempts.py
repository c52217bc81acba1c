"""Taking a round: seeded draws, answers saved as given, resume, grading, the server's clock, consent, ranking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.contests.conftest import register_student, right_answer
from truyenthong.contests import selectors, services
from truyenthong.contests.models import Answer, Attempt, Contest, Question
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.lib import quiz


def test_an_attempt_draws_its_questions_from_the_tagged_pool_with_its_recorded_seed(contest_world):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    pool = list(selectors.round_pool(w.round))
    off_topic = Question.objects.get(text="Câu về chủ đề khác?")
    assert off_topic.pk not in pool and w.tie.pk not in pool
    assert attempt.question_ids == quiz.draw(pool, 10, attempt.seed)
    for qid in attempt.question_ids:
        q = Question.objects.get(pk=qid)
        if len(q.options) > 1:
            assert attempt.option_orders[str(qid)] == quiz.shuffle_options(len(q.options), attempt.seed, qid)


def test_starting_again_resumes_the_same_attempt_with_its_answers(contest_world):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    q = Question.objects.get(pk=attempt.question_ids[0])
    services.attempt_answer(attempt=attempt, question_id=q.pk, response=right_answer(q))
    again = services.attempt_start(round_=w.round, participant=p)
    assert again.pk == attempt.pk
    views = selectors.attempt_questions(again)
    assert views[0].response == right_answer(q)
    assert Attempt.objects.filter(participant=p).count() == 1


def test_every_question_type_is_graded_and_the_score_counts_only_right_answers(contest_world):
    w = contest_world
    w.round.question_count = 15
    w.round.save()
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    kinds = set()
    wrong = 0
    for i, qid in enumerate(attempt.question_ids):
        q = Question.objects.get(pk=qid)
        kinds.add(q.kind)
        if i % 5 == 0:
            wrong += 1
            answer = (
                "Hải Phòng"
                if q.kind == quiz.SHORT
                else ([1] if q.kind == quiz.MULTIPLE else (q.correct[0] + 1) % len(q.options))
            )
        elif q.kind == quiz.SHORT:
            answer = "thanh pho ha noi"
        else:
            answer = right_answer(q)
        services.attempt_answer(attempt=attempt, question_id=qid, response=answer)
    services.attempt_answer(attempt=attempt, question_id=w.tie.pk, response="3")
    done = services.attempt_submit(attempt=attempt)
    assert kinds == {quiz.SINGLE, quiz.MULTIPLE, quiz.TRUE_FALSE, quiz.SHORT}
    assert done.status == Attempt.Status.SUBMITTED
    assert done.max_score == 15 and done.score == 15 - wrong
    assert done.tie_break_guess == 3
    assert Answer.objects.filter(attempt=done, is_correct=True).count() == 15 - wrong


def test_a_late_submission_is_refused_and_only_answers_in_time_count(contest_world):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    first = Question.objects.get(pk=attempt.question_ids[0])
    services.attempt_answer(attempt=attempt, question_id=first.pk, response=right_answer(first))
    # the server's clock moves past the deadline (plus the grace): move the deadline back instead of waiting
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - dt.timedelta(seconds=30))
    Answer.objects.filter(attempt=attempt).update(answered_at=timezone.now() - dt.timedelta(seconds=40))
    attempt.refresh_from_db()
    second = Question.objects.get(pk=attempt.question_ids[1])
    with pytest.raises(NotAllowed, match="hết thời gian"):
        services.attempt_answer(attempt=attempt, question_id=second.pk, response=right_answer(second))
    with pytest.raises(NotAllowed, match="sau thời hạn"):
        services.attempt_submit(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED
    assert attempt.score == 1
    # and the expired attempt used the only allowed attempt
    with pytest.raises(NotAllowed, match="chỉ làm một lần"):
        services.attempt_start(round_=w.round, participant=p)


def test_a_submission_within_the_grace_is_accepted(contest_world, settings):
    settings.CONTEST_GRACE_SECONDS = 5
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - dt.timedelta(seconds=2))
    attempt.refresh_from_db()
    assert services.attempt_submit(attempt=attempt).status == Attempt.Status.SUBMITTED


def test_a_round_not_yet_open_or_closed_cannot_be_started(contest_world):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    w.round.opens_at = timezone.now() + dt.timedelta(hours=1)
    w.round.closes_at = timezone.now() + dt.timedelta(hours=2)
    w.round.save()
    with pytest.raises(NotAllowed, match="mở lúc"):
        services.attempt_start(round_=w.round, participant=p)
    w.round.opens_at = timezone.now() - dt.timedelta(hours=2)
    w.round.closes_at = timezone.now() - dt.timedelta(hours=1)
    w.round.save()
    with pytest.raises(NotAllowed, match="đã đóng"):
        services.attempt_start(round_=w.round, participant=p)


def test_a_submitted_attempt_cannot_be_changed_and_a_second_submit_changes_nothing(contest_world):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    done = services.attempt_submit(attempt=attempt)
    again = services.attempt_submit(attempt=attempt)
    assert again.finished_at == done.finished_at
    with pytest.raises(NotAllowed, match="đã nộp"):
        services.attempt_answer(attempt=attempt, question_id=attempt.question_ids[0], response=0)
    with pytest.raises(NotAllowed, match="đã nộp"):
        services.attempt_answer(attempt=attempt, question_id=w.tie.pk, response="7")
    assert not Answer.objects.filter(attempt=attempt).exists()
    attempt.refresh_from_db()
    assert attempt.tie_break_guess is None


def test_an_answer_or_tie_break_after_the_deadline_is_refused_and_an_answer_can_be_cleared(contest_world):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    qid = next(q for q in attempt.question_ids if Question.objects.get(pk=q).kind == quiz.SINGLE)
    services.attempt_answer(attempt=attempt, question_id=qid, response=1)
    services.attempt_answer(attempt=attempt, question_id=qid, response="")  # un-ticked: kept as no answer
    assert Answer.objects.get(attempt=attempt, question_id=qid).response is None
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - dt.timedelta(seconds=30))
    with pytest.raises(NotAllowed, match="hết thời gian"):
        services.attempt_answer(attempt=attempt, question_id=qid, response=0)
    with pytest.raises(NotAllowed, match="hết thời gian"):
        services.attempt_answer(attempt=attempt, question_id=w.tie.pk, response="7")
    assert Answer.objects.get(attempt=attempt, question_id=qid).response is None


def test_answers_to_questions_outside_the_attempt_or_out_of_range_are_refused(contest_world):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    outside = Question.objects.get(text="Câu về chủ đề khác?")
    with pytest.raises(InvalidInput):
        services.attempt_answer(attempt=attempt, question_id=outside.pk, response=1)
    single = next(
        Question.objects.get(pk=q)
        for q in attempt.question_ids
        if Question.objects.get(pk=q).kind == quiz.SINGLE
    )
    with pytest.raises(InvalidInput):
        services.attempt_answer(attempt=attempt, question_id=single.pk, response=9)


def test_several_attempts_when_allowed_and_the_best_one_counts(contest_world):
    w = contest_world
    w.round.attempts_allowed = 2
    w.round.save()
    p = register_student(w.contest, w.classes[0])
    first = services.attempt_start(round_=w.round, participant=p)
    services.attempt_submit(attempt=first)
    second = services.attempt_start(round_=w.round, participant=p)
    assert second.number == 2 and second.pk != first.pk
    for qid in second.question_ids:
        services.attempt_answer(
            attempt=second, question_id=qid, response=right_answer(Question.objects.get(pk=qid))
        )
    services.attempt_submit(attempt=second)
    with pytest.raises(NotAllowed, match="hết 2 lượt"):
        services.attempt_start(round_=w.round, participant=p)
    board = selectors.leaderboard(round_=w.round)
    assert len(board) == 1 and board[0].attempt.pk == second.pk


# --- registration and consent -----------------------------------------------------------------------------------


def test_a_student_under_16_needs_a_parents_consent(contest_world):
    w = contest_world
    today = timezone.localdate()
    young = today.replace(year=today.year - 14)
    with pytest.raises(InvalidInput) as exc:
        register_student(w.contest, w.classes[0], birth_date=young)
    assert any("dưới 16 tuổi" in e for e in exc.value.errors)
    with pytest.raises(InvalidInput):
        register_student(w.contest, w.classes[0], birth_date=young, guardian_name="Lê Văn Ba")
    p = register_student(
        w.contest, w.classes[0], birth_date=young, guardian_name="Lê Văn Ba", guardian_consent=True
    )
    assert p.guardian_consent and p.guardian_name == "Lê Văn Ba"


def test_a_student_turning_16_today_needs_no_parent_and_one_turning_16_tomorrow_does(contest_world):
    w = contest_world
    today = timezone.localdate()
    register_student(
        w.contest, w.classes[0], birth_date=today.replace(year=today.year - 16), contact="0900000001"
    )
    tomorrow = today + dt.timedelta(days=1)
    with pytest.raises(InvalidInput):
        register_student(
            w.contest,
            w.classes[0],
            birth_date=tomorrow.replace(year=tomorrow.year - 16),
            contact="0900000002",
        )


def test_registration_needs_consent_a_listed_class_and_a_new_contact(contest_world):
    w = contest_world
    with pytest.raises(InvalidInput) as exc:
        register_student(w.contest, w.classes[2], consent=False)
    assert any("Lớp" in e for e in exc.value.errors) and any("Đồng ý" in e for e in exc.value.errors)
    register_student(w.contest, w.classes[0], contact="0905 123 456")
    with pytest.raises(NotAllowed, match="đã đăng ký"):
        register_student(w.contest, w.classes[1], name="Người khác", contact="0905.123.456")


def test_resume_by_code_needs_the_matching_contact(contest_world):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    assert (
        services.participant_resume(contest=w.contest, contact="0905123456", code=p.resume_code.lower()) == p
    )
    with pytest.raises(InvalidInput):
        services.participant_resume(contest=w.contest, contact="0999999999", code=p.resume_code)


def test_public_registration_needs_the_challenge_and_is_rate_limited(contest_world, settings):
    w = contest_world
    settings.CONTEST_RATE_LIMIT = (3, 600)
    contest = services.contest_create(
        school=w.school, actor=w.users["comms"], title="Cuộc thi mở", audience=Contest.Audience.PUBLIC
    )
    services.round_create(
        contest=contest,
        actor=w.users["comms"],
        name="Vòng mở",
        opens_at=timezone.now(),
        closes_at=timezone.now() + dt.timedelta(days=1),
        question_count=5,
    )
    services.contest_set_status(contest=contest, actor=w.users["comms"], status=Contest.Status.PUBLISHED)
    text, token = quiz.challenge_make(settings.SECRET_KEY, int(timezone.now().timestamp()))
    a, b = (int(x) for x in text.split(" = ")[0].split(" + "))
    fields = dict(
        full_name="Phạm Văn An",
        consent=True,
        affiliation="Phường Quy Nhơn",
        birth_date=dt.date(1980, 1, 1),
        origin="203.0.113.9",
        challenge_token=token,
    )
    with pytest.raises(InvalidInput) as exc:
        services.participant_register(
            contest=contest, contact="an@example.vn", challenge_answer=str(a + b + 1), **fields
        )
    assert any("phép tính" in e for e in exc.value.errors)
    services.participant_register(
        contest=contest, contact="an@example.vn", challenge_answer=str(a + b), **fields
    )
    services.participant_register(
        contest=contest, contact="binh@example.vn", challenge_answer=str(a + b), **fields
    )
    with pytest.raises(NotAllowed, match="quá nhiều"):
        services.participant_register(
            contest=contest, contact="chi@example.vn", challenge_answer=str(a + b), **fields
        )
    # another address is not limited
    services.participant_register(
        contest=contest,
        contact="chi@example.vn",
        challenge_answer=str(a + b),
        **{**fields, "origin": "198.51.100.7"},
    )


# --- ranking, participation, anomalies, certificates ---------------------------------------------------------------


def _finish(round_, participant, right: int, seconds: float, guess=None):
    attempt = services.attempt_start(round_=round_, participant=participant)
    for qid in attempt.question_ids[:right]:
        services.attempt_answer(
            attempt=attempt, question_id=qid, response=right_answer(Question.objects.get(pk=qid))
        )
    if guess is not None:
        services.attempt_answer(attempt=attempt, question_id=round_.tie_break_question_id, response=guess)
    attempt = services.attempt_submit(attempt=attempt)
    Attempt.objects.filter(pk=attempt.pk).update(duration_ms=int(seconds * 1000))
    return attempt


def test_the_leaderboard_ranks_ties_by_time_then_tie_break_and_filters_by_class(contest_world):
    w = contest_world
    c1, c2 = w.classes[:2]
    people = {
        name: register_student(w.contest, cls, name=name, contact=f"09000000{i:02d}")
        for i, (name, cls) in enumerate([("An", c1), ("Bình", c1), ("Chi", c2), ("Dũng", c2), ("Em", c2)])
    }
    _finish(w.round, people["An"], 10, 100, guess=1)
    _finish(w.round, people["Bình"], 10, 80, guess=9)
    _finish(w.round, people["Chi"], 8, 50, guess=2)
    _finish(w.round, people["Dũng"], 8, 50, guess=7)
    _finish(w.round, people["Em"], 8, 50, guess=7)
    # true tie-break value: two perfect scores
    assert selectors.tie_break_value(w.round) == 2
    board = [(r.rank, r.participant.full_name) for r in selectors.leaderboard(round_=w.round)]
    assert board == [(1, "Bình"), (2, "An"), (3, "Chi"), (4, "Dũng"), (4, "Em")]
    only_c2 = [
        (r.rank, r.participant.full_name)
        for r in selectors.leaderboard(round_=w.round, school_class_id=c2.pk)
    ]
    assert only_c2 == [(1, "Chi"), (2, "Dũng"), (2, "Em")]
    groups = {g.label: g for g in selectors.participation(contest=w.contest)}
    assert groups["10A1"].participants == 2 and groups["10A1"].rate == 5.0
    assert groups["10A2"].submitted == 3


def test_fast_answers_and_many_registrations_from_one_address_are_flagged(contest_world):
    w = contest_world
    for i in range(5):
        register_student(
            w.contest, w.classes[0], name=f"Người {i}", contact=f"09111111{i:02d}", origin="192.0.2.1"
        )
    quick = register_student(w.contest, w.classes[1], name="Nhanh Tay", contact="0922222222")
    _finish(w.round, quick, 10, 3)
    found = selectors.anomalies(round_=w.round)
    assert any(a.kind == "fast" and a.label == "Nhanh Tay" for a in found)
    assert any(a.kind == "origin" and "5 lượt" in a.detail for a in found)


def test_a_normal_pace_is_not_flagged(contest_world):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    attempt = services.attempt_start(round_=w.round, participant=p)
    start = attempt.started_at
    for i, qid in enumerate(attempt.question_ids, start=1):
        services.attempt_answer(
            attempt=attempt, question_id=qid, response=right_answer(Question.objects.get(pk=qid))
        )
        Answer.objects.filter(attempt=attempt, question_id=qid).update(
            answered_at=start + dt.timedelta(seconds=15 * i)
        )
    assert not [a for a in selectors.anomalies(round_=w.round) if a.kind == "fast"]


def test_certificates_are_issued_only_after_the_round_closes_and_not_twice(contest_world):
    w = contest_world
    a = register_student(w.contest, w.classes[0], name="An", contact="0933333331")
    b = register_student(w.contest, w.classes[0], name="Bình", contact="0933333332")
    _finish(w.round, a, 9, 60)
    _finish(w.round, b, 7, 60)
    with pytest.raises(NotAllowed, match="chưa đóng"):
        services.certificates_issue(round_=w.round, actor=w.users["youth"])
    w.round.closes_at = timezone.now() - dt.timedelta(seconds=1)
    w.round.opens_at = timezone.now() - dt.timedelta(hours=2)
    w.round.save()
    certs = services.certificates_issue(round_=w.round, actor=w.users["youth"], winners=3)
    assert [(c.award, c.attempt.participant.full_name) for c in certs] == [
        ("Giải Nhất", "An"),
        ("Giải Nhì", "Bình"),
    ]
    again = services.certificates_issue(round_=w.round, actor=w.users["youth"], winners=3)
    assert [c.code for c in again] == [c.code for c in certs]


def test_only_organisers_manage_the_bank_and_rounds(contest_world):
    from django.core.exceptions import PermissionDenied

    w = contest_world
    for who in ("teacher", "outsider", "official"):
        with pytest.raises(PermissionDenied):
            services.question_create(
                school=w.school, actor=w.users[who], kind=quiz.SHORT, text="?", correct=["x"]
            )
        with pytest.raises(PermissionDenied):
            services.contest_create(
                school=w.school, actor=w.users[who], title="X", audience=Contest.Audience.STAFF
            )
