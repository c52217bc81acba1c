"""Reads of the contests app: fetch-and-check accessors, leaderboards, participation and anomalies."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime

from truyenthong.contests import actions
from truyenthong.contests.models import Answer, Attempt, Certificate, Contest, Participant, Question, Round
from truyenthong.core.permissions import require
from truyenthong.lib import quiz
from truyenthong.lib.vntext import fold

# reading speed used to flag answers given faster than a question can be read (characters per second)
READING_CHARS_PER_SECOND = 25
MIN_SECONDS_PER_ANSWER = 1.5
MANY_FROM_ONE_ORIGIN = 5


def contests_for(*, user, school):
    require(user, actions.VIEW, school)
    return Contest.objects.filter(school=school).annotate(
        round_count=Count("rounds", distinct=True), participant_count=Count("participants", distinct=True)
    )


def contest_get_for_user(*, user, contest_id: int, action: str = actions.VIEW) -> Contest:
    contest = get_object_or_404(Contest.objects.select_related("school"), pk=contest_id)
    require(user, action, contest.school)
    return contest


def round_get_for_user(*, user, round_id: int, action: str = actions.VIEW) -> Round:
    round_ = get_object_or_404(
        Round.objects.select_related("contest__school", "tie_break_question"), pk=round_id
    )
    require(user, action, round_.contest.school)
    return round_


def questions_for(*, user, school, tag: str = ""):
    require(user, actions.MANAGE, school)
    qs = Question.objects.filter(school=school)
    if tag:
        wanted = fold(tag)
        ids = [pk for pk, tags in qs.values_list("pk", "tags") if wanted in {fold(t) for t in tags}]
        qs = qs.filter(pk__in=ids)
    return qs


def contest_public(contest_id: int) -> Contest:
    """A published (or finished) contest for its participants; drafts are not found."""
    return get_object_or_404(
        Contest.objects.select_related("school"),
        pk=contest_id,
        status__in=[Contest.Status.PUBLISHED, Contest.Status.CLOSED],
    )


# What the attempt page reads of an attempt with its round and contest (a few columns instead of three whole rows).
ATTEMPT_PAGE_FIELDS = (
    "id",
    "participant_id",
    "deadline",
    "round",
    "round__contest_id",
    "key",
    "status",
    "started_at",
    "question_ids",
    "option_orders",
    "tie_break_guess",
    "round__name",
    "round__created_at",
    "round__tags",
    "round__tie_break_question_id",
    "round__contest",
    "round__contest__title",
    "round__contest__school_id",
)


def attempt_for_participant(*, key: str, session, fields: tuple[str, ...] | None = None) -> Attempt:
    """The attempt behind a key, only for the participant this browser session registered or resumed as; with its
    round and contest, all their columns or only `fields`."""
    with_contest = fields is None or any(f.startswith("round__contest__") for f in fields)
    attempts = Attempt.objects.select_related("round__contest" if with_contest else "round")
    if fields is not None:
        attempts = attempts.only(*fields)
    attempt = get_object_or_404(attempts, key=key)
    if session.get(participant_session_key(attempt.round.contest_id)) != attempt.participant_id:
        raise Http404("Không tìm thấy bài thi.")
    return attempt


def _db_datetime(value) -> dt.datetime:
    """A datetime column read by plain SQL: PostgreSQL's driver gives it aware, SQLite naive in UTC (or as text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _db_json(value):
    """A JSON column read by plain SQL: decoded by PostgreSQL's driver, text on SQLite."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def attempt_for_answer(*, key: str, session) -> Attempt:
    """What saving an answer (or submitting) needs of the attempt behind a key: its id, deadline, drawn questions and
    the round's tie-break question; only for the participant this browser session registered or resumed as.

    Twenty answers per participant make this the most frequent read of a round, so it is one plain SELECT (no
    query building); the attempt and round it returns carry only these columns. Whether the attempt is still open
    is decided by the write that follows (services.attempt_answer, attempt_submit), never by this read."""
    attempt_table, round_table = Attempt._meta.db_table, Round._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.id, a.participant_id, a.deadline, a.question_ids, r.id, r.contest_id, "  # noqa: S608
            f"r.tie_break_question_id FROM {attempt_table} a JOIN {round_table} r ON r.id = a.round_id "
            'WHERE a."key" = %s',
            [key],
        )
        row = cursor.fetchone()
    if row is None or session.get(participant_session_key(row[5])) != row[1]:
        raise Http404("Không tìm thấy bài thi.")
    attempt_id, participant_id, deadline, question_ids, round_id, contest_id, tie_break_id = row
    attempt = Attempt(
        id=attempt_id,
        key=key,
        participant_id=participant_id,
        deadline=_db_datetime(deadline),
        question_ids=_db_json(question_ids),
        round_id=round_id,
    )
    attempt.round = Round(id=round_id, contest_id=contest_id, tie_break_question_id=tie_break_id)
    return attempt


def attempts_for_start(*, round_: Round, participant_id: int) -> list[Attempt]:
    """The participant's attempts at a round, in order, as starting needs them (one plain SELECT: at a synchronised
    start every participant asks at once). Each carries its round, and the columns the attempt page shows; nothing
    else of the row is read, so these are never saved as they are (closing one reads it again, locked)."""
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT id, number, "key", status, seed, question_ids, option_orders, started_at, deadline, '  # noqa: S608
            f"tie_break_guess FROM {Attempt._meta.db_table} WHERE round_id = %s AND participant_id = %s "
            "ORDER BY number",
            [round_.pk, participant_id],
        )
        rows = cursor.fetchall()
    attempts = []
    for pk, number, key, status, seed, question_ids, orders, started_at, deadline, guess in rows:
        read = {
            "id": pk,
            "round_id": round_.pk,
            "participant_id": participant_id,
            "number": number,
            "key": key,
            "seed": seed,
            "question_ids": _db_json(question_ids),
            "option_orders": _db_json(orders),
            "started_at": _db_datetime(started_at),
            "deadline": _db_datetime(deadline),
            "status": status,
            "tie_break_guess": guess,
        }
        # from_db: a row of the database, its values in the model's field order; the columns not read stay deferred
        names = [f.attname for f in Attempt._meta.concrete_fields if f.attname in read]
        attempt = Attempt.from_db(connection.alias, names, [read[n] for n in names])
        attempt.round = round_
        attempts.append(attempt)
    return attempts


def participant_session_key(contest_id: int) -> str:
    return f"contest-participant-{contest_id}"


class PoolQuestion(NamedTuple):
    """What drawing and showing a question needs (never the right answer)."""

    pk: int
    kind: str
    text: str
    options: list
    tags: list


# A synchronised start draws thousands of attempts from the same pool within seconds: each process reads a round's
# pool from the database at most once every POOL_SECONDS and keeps it in its own memory (not the shared cache, which
# would unpickle sixty questions on every start). A question added to the bank (or set aside) reaches the draws
# within that time; grading always reads the questions themselves.
POOL_SECONDS = 10


class _Memo:
    """Values kept POOL_SECONDS in this process's memory, by key; expired ones are dropped once it holds `size`."""

    def __init__(self, size: int):
        self.size = size
        self.held: dict = {}

    def get(self, key):
        found = self.held.get(key)
        return found[1] if found is not None and found[0] > time.monotonic() else None

    def put(self, key, value):
        now = time.monotonic()
        if len(self.held) >= self.size:
            self.held = {k: v for k, v in self.held.items() if v[0] > now}
        self.held[key] = (now + POOL_SECONDS, value)
        return value


_pools = _Memo(100)
_rounds = _Memo(100)
_shapes = _Memo(10_000)


# the columns services.attempt_start reads of the round and its contest (a caller may fetch only these)
START_ROUND_FIELDS = (
    "id",
    "created_at",
    "opens_at",
    "closes_at",
    "time_limit_seconds",
    "attempts_allowed",
    "question_count",
    "tags",
    "shuffle_options",
    # what the attempt page shows, which the start answers with
    "name",
    "tie_break_question",
    "contest",
    "contest__id",
    "contest__status",
    "contest__school_id",
    "contest__title",
)


def round_for_start(round_id: int) -> Round:
    """A round of a published contest, with the columns starting it reads (START_ROUND_FIELDS) and its tie-break
    question, or 404. The start of a round is its busiest moment, so each process keeps the round POOL_SECONDS in
    memory like the pool: an organiser's change to the round or the contest's status (closing it) reaches the
    starts within that time. The instance is shared by the requests of this process and only read."""
    round_ = _rounds.get(round_id)
    if round_ is None:
        round_ = _rounds.put(
            round_id,
            get_object_or_404(
                Round.objects.select_related("contest", "tie_break_question").only(
                    *START_ROUND_FIELDS, "tie_break_question__id", "tie_break_question__text"
                ),
                pk=round_id,
                contest__status=Contest.Status.PUBLISHED,
            ),
        )
    return round_


def round_pool(round_: Round) -> dict[int, PoolQuestion]:
    """The round's pool: the school's active questions (not the tie-break) carrying one of the round's tags (every
    one when the round names none), by id. A round being created (not saved yet) reads it afresh."""
    wanted = {fold(t) for t in round_.tags}
    if round_.pk is None:
        return _read_pool(round_, wanted)
    digest = hashlib.sha256("|".join(sorted(wanted)).encode()).hexdigest()[:16]
    # the creation time tells apart two rounds given the same id (a database rebuilt, a test run)
    key = f"{round_.pk}:{round_.created_at.timestamp()}:{digest}"
    pool = _pools.get(key)
    return pool if pool is not None else _pools.put(key, _read_pool(round_, wanted))


def question_shape(question_id: int) -> tuple[str, int]:
    """A question's kind and number of options: what checking an answer needs (twenty answers per participant).
    Kept POOL_SECONDS in this process's memory like the pools; grading reads the questions themselves."""
    shape = _shapes.get(question_id)
    if shape is None:
        kind, options = Question.objects.values_list("kind", "options").get(pk=question_id)
        shape = _shapes.put(question_id, (kind, len(options or [])))
    return shape


def forget_pools() -> None:
    """Drop this process's pools, rounds and question shapes (tests that change them and must see it at once)."""
    _pools.held.clear()
    _rounds.held.clear()
    _shapes.held.clear()


def _read_pool(round_: Round, wanted: set[str]) -> dict[int, PoolQuestion]:
    rows = (
        Question.objects.filter(school_id=round_.contest.school_id, is_active=True)
        .exclude(kind=quiz.TIE_BREAK)
        .values_list("id", "kind", "text", "options", "tags")
    )
    return {row[0]: PoolQuestion(*row) for row in rows if not wanted or wanted & {fold(t) for t in row[4]}}


@dataclass
class QuestionView:
    question: PoolQuestion
    number: int
    options: list[tuple[int, str]]  # (original index, text) in the order shown
    response: object


def attempt_questions(attempt: Attempt) -> list[QuestionView]:
    """The attempt's questions in drawn order, options in the attempt's shuffled order, with the saved answers.
    The questions come from the round's pool as drawn; one set aside since is read from the database."""
    pool = round_pool(attempt.round)
    questions = {qid: pool[qid] for qid in attempt.question_ids if qid in pool}
    missing = [qid for qid in attempt.question_ids if qid not in questions]
    if missing:
        for row in Question.objects.filter(pk__in=missing).values_list(
            "id", "kind", "text", "options", "tags"
        ):
            questions[row[0]] = PoolQuestion(*row)
    saved = attempt.saved_answers
    if saved is None:
        saved = dict(attempt.answers.values_list("question_id", "response"))
    views = []
    for number, qid in enumerate(attempt.question_ids, start=1):
        q = questions.get(qid)
        if q is None:
            continue
        order = attempt.option_orders.get(str(qid)) or list(range(len(q.options)))
        views.append(QuestionView(q, number, [(i, q.options[i]) for i in order], saved.get(qid)))
    return views


@dataclass
class BoardRow:
    rank: int
    attempt: Attempt
    participant: Participant


def _counted_attempts(round_: Round):
    return (
        Attempt.objects.filter(round=round_)
        .exclude(status=Attempt.Status.IN_PROGRESS)
        .select_related("participant__school_class", "participant__unit")
    )


def tie_break_value(round_: Round, attempts=None) -> int | None:
    """The tie-break's true answer: set by the organiser, or the number of participants with a perfect score."""
    if round_.tie_break_question_id is None:
        return None
    if round_.tie_break_value is not None:
        return round_.tie_break_value
    attempts = attempts if attempts is not None else list(_counted_attempts(round_))
    return len({a.participant_id for a in attempts if a.max_score and a.score == a.max_score})


def leaderboard(
    *, round_: Round, school_class_id: int | None = None, unit_id: int | None = None
) -> list[BoardRow]:
    """One row per participant (their best attempt), ranked by score, then time, then tie-break distance."""
    attempts = list(_counted_attempts(round_))
    best: dict[int, Attempt] = {}
    for a in attempts:
        b = best.get(a.participant_id)
        if b is None or (a.score, -(a.duration_ms or 0)) > (b.score, -(b.duration_ms or 0)):
            best[a.participant_id] = a
    chosen = list(best.values())
    if school_class_id is not None:
        chosen = [a for a in chosen if a.participant.school_class_id == school_class_id]
    if unit_id is not None:
        chosen = [a for a in chosen if a.participant.unit_id == unit_id]
    value = tie_break_value(round_, attempts)
    results = [quiz.Result(a, float(a.score), a.duration_ms or 0, a.tie_break_guess) for a in chosen]
    return [BoardRow(rank_no, r.key, r.key.participant) for rank_no, r in quiz.rank(results, value)]


@dataclass
class GroupParticipation:
    label: str
    enrolled: int | None
    participants: int
    submitted: int
    average_score: float | None

    @property
    def rate(self) -> float | None:
        if not self.enrolled:
            return None
        return round(100 * self.participants / self.enrolled, 1)


def participation(*, contest: Contest) -> list[GroupParticipation]:
    """Per class (with its enrolment) or unit/affiliation: how many registered, submitted, average score."""
    groups: dict[tuple, dict] = {}
    for c in contest.classes.all():
        groups[("class", c.pk)] = {
            "label": c.name,
            "enrolled": c.student_count,
            "people": set(),
            "done": set(),
            "scores": [],
        }
    rows = Participant.objects.filter(contest=contest).select_related("school_class", "unit")
    done = defaultdict(list)
    for a in Attempt.objects.filter(participant__contest=contest).exclude(status=Attempt.Status.IN_PROGRESS):
        done[a.participant_id].append(float(a.score))
    for p in rows:
        if p.school_class_id:
            key = ("class", p.school_class_id)
            label, enrolled = p.school_class.name, p.school_class.student_count
        elif p.unit_id:
            key, label, enrolled = ("unit", p.unit_id), p.unit.name, None
        else:
            key, label, enrolled = ("text", p.affiliation), p.affiliation or "Khác", None
        g = groups.setdefault(
            key, {"label": label, "enrolled": enrolled, "people": set(), "done": set(), "scores": []}
        )
        g["people"].add(p.pk)
        if done.get(p.pk):
            g["done"].add(p.pk)
            g["scores"].append(max(done[p.pk]))
    out = [
        GroupParticipation(
            g["label"],
            g["enrolled"],
            len(g["people"]),
            len(g["done"]),
            round(sum(g["scores"]) / len(g["scores"]), 2) if g["scores"] else None,
        )
        for g in groups.values()
    ]
    return sorted(out, key=lambda g: g.label)


@dataclass
class Anomaly:
    kind: str
    label: str
    detail: str


def anomalies(*, round_: Round) -> list[Anomaly]:
    """What an organiser should look at: answers faster than reading time, many registrations from one address."""
    found: list[Anomaly] = []
    lengths = {}
    answers = (
        Answer.objects.filter(attempt__round=round_)
        .select_related("attempt__participant")
        .order_by("attempt_id", "answered_at")
        .values_list(
            "attempt_id",
            "attempt__participant__full_name",
            "attempt__started_at",
            "question_id",
            "answered_at",
        )
    )
    qids = {row[3] for row in answers}
    for pk, text, options in Question.objects.filter(pk__in=qids).values_list("pk", "text", "options"):
        lengths[pk] = len(text) + sum(len(o) for o in options or [])
    per_attempt: dict[int, list] = defaultdict(list)
    names = {}
    for attempt_id, name, started, qid, at in answers:
        per_attempt[attempt_id].append((started, qid, at))
        names[attempt_id] = name
    for attempt_id, rows in per_attempt.items():
        fast = 0
        previous = rows[0][0]
        for _started, qid, at in rows:
            needed = max(MIN_SECONDS_PER_ANSWER, lengths.get(qid, 0) / READING_CHARS_PER_SECOND / 2)
            if (at - previous).total_seconds() < needed:
                fast += 1
            previous = at
        if fast >= max(3, len(rows) // 2):
            found.append(
                Anomaly(
                    "fast",
                    names[attempt_id],
                    f"{fast}/{len(rows)} câu trả lời nhanh hơn thời gian đọc câu hỏi",
                )
            )
    origins = Counter(
        Participant.objects.filter(contest=round_.contest)
        .exclude(origin_hash="")
        .values_list("origin_hash", flat=True)
    )
    for n, (_origin, count) in enumerate(origins.most_common(), start=1):
        if count < MANY_FROM_ONE_ORIGIN:
            break
        found.append(Anomaly("origin", f"Địa chỉ mạng #{n}", f"{count} lượt đăng ký từ cùng một địa chỉ"))
    return found


def round_stats(round_: Round) -> dict:
    return Attempt.objects.filter(round=round_).aggregate(
        started=Count("id"),
        submitted=Count("id", filter=~Q(status=Attempt.Status.IN_PROGRESS)),
        in_progress=Count("id", filter=Q(status=Attempt.Status.IN_PROGRESS)),
    )


def certificate_public(code: str) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("attempt__participant", "attempt__round__contest__school"),
        code=code.upper(),
    )


def share_target(pk: int):
    """The contest as a target of the sharing kit (its participants' page)."""
    from django.urls import reverse

    from truyenthong.sharing.registry import Target

    contest = Contest.objects.select_related("school").filter(pk=pk).first()
    if contest is None:
        return None
    audience = {
        Contest.Audience.STAFF: "thầy cô",
        Contest.Audience.PARENTS: "quý phụ huynh",
        Contest.Audience.PUBLIC: "mọi người",
    }.get(contest.audience, "các em học sinh")
    return Target(
        contest.school, contest.title, reverse("contests:take-home", args=[pk]), audience, "tham gia cuộc thi"
    )
