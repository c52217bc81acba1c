"""The requests of a synchronised round stay cheap: queries per start, attempt page, answer and submit (3,000
participants start within ten seconds on two cores), and the attempt page's questions written without the template
language still show every question, escaped, with the saved answers restored."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.contests.conftest import register_student, right_answer
from truyenthong.contests import services
from truyenthong.contests.models import Answer, Attempt, Question
from truyenthong.contests.selectors import participant_session_key

# Upper bounds on SQLite and PostgreSQL (the test's transaction turns BEGIN/COMMIT into a savepoint and its release
# on both). Before: start 12, attempt page 4 (the template then cost more than the queries), answer 12 (then 7),
# submit 9.
# start, which answers with the attempt page: the session, the round with its contest and tie-break question (read
# once every few seconds per process), savepoint, the person's attempts, the round's pool (likewise), the insert,
# release (the participant is named by the session and checked by the insert's foreign key; the page of a new
# attempt does not ask for its answers: there are none)
START_QUERIES = 7
# the page again (a reload): the session, the attempt with its round and contest, the saved answers, the tie-break
# question (the twenty questions come from the pool the start has just read)
PAGE_QUERIES = 4
# the session, the attempt (one plain SELECT), the question (once every few seconds per process), the guarded upsert
# (one statement; no transaction of its own)
ANSWER_QUERIES = 4
# the session, the attempt, savepoint, the row locked, the questions, the answers, one UPDATE of the answers, the
# attempt's update, release
SUBMIT_QUERIES = 9


def _participant_client(client, participant):
    session = client.session
    session[participant_session_key(participant.contest_id)] = participant.pk
    session.save()
    return client


def _count(call):
    with CaptureQueriesContext(connection) as captured:
        response = call()
    return response, len(captured)


def test_start_page_answer_and_submit_stay_within_their_query_budgets(contest_world, client):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    c = _participant_client(client, p)

    r, n = _count(lambda: c.post(reverse("contests:attempt-start", args=[w.round.pk])))
    assert r.status_code == 200 and n <= START_QUERIES, n
    attempt = Attempt.objects.get(participant=p)
    assert f'data-key="{attempt.key}"' in r.content.decode()

    r, n = _count(lambda: c.get(reverse("contests:attempt", args=[attempt.key])))
    assert r.status_code == 200 and n <= PAGE_QUERIES, n

    url = reverse("contests:attempt-answer", args=[attempt.key])
    qid = attempt.question_ids[0]
    body = json.dumps({"question": qid, "response": right_answer(Question.objects.get(pk=qid))})
    r, n = _count(lambda: c.post(url, body, content_type="application/json"))
    assert r.json()["ok"] is True and n <= ANSWER_QUERIES, n
    # answering the same question again replaces the answer in place, without reading the question again
    r, n = _count(lambda: c.post(url, body, content_type="application/json"))
    assert r.json()["ok"] is True and n <= ANSWER_QUERIES - 1, n
    assert Answer.objects.filter(attempt=attempt, question_id=qid).count() == 1

    r, n = _count(lambda: c.post(reverse("contests:attempt-submit", args=[attempt.key])))
    assert r.status_code == 302 and n <= SUBMIT_QUERIES, n
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.score == 1


def test_the_attempt_page_escapes_the_questions_and_restores_the_saved_answers(contest_world, client):
    w = contest_world
    p = register_student(w.contest, w.classes[0])
    Question.objects.filter(kind="single").update(text="Điều <b>nào</b> đúng & đủ?")
    attempt = services.attempt_start(round_=w.round, participant=p)
    questions = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    single = next(questions[qid] for qid in attempt.question_ids if questions[qid].kind == "single")
    services.attempt_answer(attempt=attempt, question_id=single.pk, response=2)
    saved = {single.pk: 2}
    for qid in attempt.question_ids:
        q = questions[qid]
        if q.kind in ("multiple", "short"):
            services.attempt_answer(attempt=attempt, question_id=qid, response=right_answer(q))
            saved[qid] = right_answer(q)

    page = (
        _participant_client(client, p).get(reverse("contests:attempt", args=[attempt.key])).content.decode()
    )

    assert "Điều &lt;b&gt;nào&lt;/b&gt; đúng &amp; đủ?" in page and "<b>nào</b>" not in page
    for number, qid in enumerate(attempt.question_ids, start=1):
        q = questions[qid]
        assert f'data-question="{qid}" data-kind="{q.kind}"' in page
        assert f"<legend>Câu {number}. " in page
        if q.kind == "short":
            assert f'name="q{qid}" value="{saved[qid]}"' in page
            continue
        # the options in the attempt's shuffled order, each with its own (original) index
        order = attempt.option_orders.get(str(qid)) or list(range(len(q.options)))
        positions = [page.index(f'name="q{qid}" value="{i}"') for i in order]
        assert positions == sorted(positions)
        wanted = saved.get(qid)
        for i in order:
            checked = i in wanted if isinstance(wanted, list) else i == wanted
            tag = f'name="q{qid}" value="{i}" checked>' if checked else f'name="q{qid}" value="{i}">'
            assert tag in page, (qid, i)
    choices = [v for qid, v in saved.items() if questions[qid].kind != "short"]
    assert page.count(" checked>") == sum(len(v) if isinstance(v, list) else 1 for v in choices)
