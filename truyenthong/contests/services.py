"""Writes of the contests app: the question bank, contests and rounds, registration, attempts (start, answer,
submit), grading and certificates. Each write is transactional; organiser writes are permission-checked and audited.

Integrity choices written down here:
- The server's clock is the only clock: a round is open, an attempt's deadline passed, by `timezone.now()`.
  A grace of CONTEST_GRACE_SECONDS (default 5 s) absorbs the network delay of the last answer, nothing more.
- One counted attempt per person and round under retries, double clicks, two tabs or two devices: the database
  refuses a second attempt in progress or a repeated number (unique constraints); the request that loses the race
  has its transaction rolled back and reads the winner's attempt, so it resumes that attempt instead of opening
  another. No lock is taken first: a start is one of thousands within seconds, and the constraints already decide.
- Every answer is written when given (one row per question, updated in place), so a dropped connection loses nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from contextlib import nullcontext

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from truyenthong.contests import actions, selectors
from truyenthong.contests.bank_io import ParseResult, parse
from truyenthong.contests.models import Answer, Attempt, Certificate, Contest, Participant, Question, Round
from truyenthong.core.audit import audit_record, snapshot
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import require
from truyenthong.core.uploads import DOCX, XLSX, check_upload
from truyenthong.lib import quiz
from truyenthong.lib.vntext import fold, nfc

MINOR_AGE = 16
NOT_REGISTERED = "Hãy đăng ký (hoặc tiếp tục bằng mã) trước khi làm bài."
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def grace() -> dt.timedelta:
    return dt.timedelta(seconds=getattr(settings, "CONTEST_GRACE_SECONDS", 5))


def _code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def origin_hash(address: str) -> str:
    """A keyed hash of a network address: equal addresses compare equal, the address itself is not kept."""
    return hmac.new(settings.SECRET_KEY.encode(), (address or "").encode(), hashlib.sha256).hexdigest()[:24]


# --- question bank ------------------------------------------------------------------------------------------------


def _clean_question(kind, text, options, correct) -> tuple[str, list, list]:
    text = nfc(text)
    options = [nfc(o) for o in options or [] if nfc(o)]
    if not text:
        raise InvalidInput("Câu hỏi: chưa có nội dung.")
    if kind == quiz.TRUE_FALSE:
        options = list(quiz.TRUE_FALSE_OPTIONS)
    if kind in (quiz.SINGLE, quiz.MULTIPLE, quiz.TRUE_FALSE):
        if len(options) < 2:
            raise InvalidInput("Câu hỏi: cần ít nhất hai phương án.")
        try:
            correct = sorted({int(c) for c in correct})
        except (TypeError, ValueError) as exc:
            raise InvalidInput("Đáp án: phải chọn trong các phương án.") from exc
        if not correct or any(not 0 <= c < len(options) for c in correct):
            raise InvalidInput("Đáp án: phải chọn trong các phương án.")
        if kind != quiz.MULTIPLE and len(correct) != 1:
            raise InvalidInput("Đáp án: câu một lựa chọn chỉ có một đáp án.")
    elif kind == quiz.SHORT:
        options, correct = [], [nfc(c) for c in correct if nfc(c)]
        if not correct:
            raise InvalidInput("Đáp án: cần ít nhất một cách trả lời được chấp nhận.")
    elif kind == quiz.TIE_BREAK:
        options, correct = [], []
    else:
        raise InvalidInput("Loại câu hỏi không hợp lệ.")
    return text, options, correct


@transaction.atomic
def question_create(
    *,
    school,
    actor,
    kind: str,
    text: str,
    options: list | None = None,
    correct: list | None = None,
    tags: list | None = None,
    difficulty: int = 2,
    points: int = 1,
) -> Question:
    require(actor, actions.MANAGE, school)
    text, options, correct = _clean_question(kind, text, options, correct or [])
    q = Question(
        school=school,
        kind=kind,
        text=text,
        options=options,
        correct=correct,
        tags=[nfc(t) for t in tags or [] if nfc(t)],
        difficulty=difficulty,
        points=points,
    )
    q.full_clean()
    q.save()
    audit_record(
        actor=actor, instance=q, action=AuditEntry.Action.CREATE, changes=snapshot(q), organisation=school
    )
    return q


def questions_check_file(*, filename: str, data: bytes) -> ParseResult:
    """Parse an uploaded bank without writing anything (the preview)."""
    check_upload(
        name=filename, data=data, kinds=(XLSX, DOCX), max_bytes=settings.UPLOAD_MAX_BYTES, field="Tệp câu hỏi"
    )
    return parse(filename, data)


@transaction.atomic
def questions_import(*, school, actor, filename: str, data: bytes) -> list[Question]:
    """All or nothing: any row in error and no question is written; the errors say where."""
    require(actor, actions.MANAGE, school)
    result = questions_check_file(filename=filename, data=data)
    if result.errors:
        raise InvalidInput("Tệp câu hỏi có lỗi; chưa câu nào được nhập.", errors=result.errors)
    created = [
        Question(
            school=school,
            kind=p.kind,
            text=p.text,
            options=p.options,
            correct=p.correct,
            tags=p.tags,
            difficulty=p.difficulty,
            points=p.points,
        )
        for p in result.questions
    ]
    Question.objects.bulk_create(created)
    AuditEntry.objects.create(
        actor=actor,
        organisation=school,
        object_type="contests.question",
        object_id="import",
        object_repr=f"Nhập {len(created)} câu hỏi từ {filename}"[:300],
        action=AuditEntry.Action.IMPORT,
        changes={"file": filename, "count": len(created)},
    )
    return created


# --- contests and rounds --------------------------------------------------------------------------------------


@transaction.atomic
def contest_create(
    *, school, actor, title: str, audience: str, description: str = "", classes=(), organiser_unit=None
) -> Contest:
    require(actor, actions.MANAGE, school)
    contest = Contest(
        school=school,
        title=nfc(title),
        description=nfc(description, keep_newlines=True),
        audience=audience,
        organiser_unit=organiser_unit,
        created_by=actor,
    )
    contest.full_clean()
    classes = list(classes)
    if any(c.school_id != school.pk for c in classes):
        raise InvalidInput("Các lớp tham gia: chỉ chọn lớp của trường.")
    if audience == Contest.Audience.STUDENTS and not classes:
        raise InvalidInput("Các lớp tham gia: cuộc thi dành cho học sinh cần chọn ít nhất một lớp.")
    contest.save()
    contest.classes.set(classes)
    audit_record(
        actor=actor,
        instance=contest,
        action=AuditEntry.Action.CREATE,
        changes={**snapshot(contest), "classes": [c.pk for c in classes]},
        organisation=school,
    )
    return contest


@transaction.atomic
def contest_set_status(*, contest: Contest, actor, status: str) -> Contest:
    require(actor, actions.MANAGE, contest.school)
    if status == Contest.Status.PUBLISHED and not contest.rounds.exists():
        raise NotAllowed("Cuộc thi chưa có vòng thi nào; hãy thêm vòng thi trước khi công bố.")
    before = snapshot(contest, ["status"])
    contest.status = status
    contest.save(update_fields=["status"])
    audit_record(
        actor=actor,
        instance=contest,
        action=AuditEntry.Action.UPDATE,
        changes={"status": [before["status"], status]},
        organisation=contest.school,
    )
    return contest


@transaction.atomic
def round_create(
    *,
    contest: Contest,
    actor,
    name: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    time_limit_seconds: int = 900,
    attempts_allowed: int = 1,
    question_count: int = 20,
    tags: list | None = None,
    shuffle_options: bool = True,
    tie_break_question: Question | None = None,
) -> Round:
    require(actor, actions.MANAGE, contest.school)
    if closes_at <= opens_at:
        raise InvalidInput("Thời gian: giờ đóng phải sau giờ mở.")
    if tie_break_question is not None and (
        tie_break_question.kind != quiz.TIE_BREAK or tie_break_question.school_id != contest.school_id
    ):
        raise InvalidInput("Câu hỏi phụ: chọn một câu hỏi loại “Câu hỏi phụ (dự đoán)” của trường.")
    round_ = Round(
        contest=contest,
        name=nfc(name),
        opens_at=opens_at,
        closes_at=closes_at,
        time_limit_seconds=time_limit_seconds,
        attempts_allowed=attempts_allowed,
        question_count=question_count,
        tags=[nfc(t) for t in tags or [] if nfc(t)],
        shuffle_options=shuffle_options,
        tie_break_question=tie_break_question,
    )
    round_.full_clean()
    available = len(selectors.round_pool(round_))  # a round being created reads the bank afresh
    if available < question_count:
        raise InvalidInput(
            f"Số câu hỏi: ngân hàng chỉ có {available} câu phù hợp chủ đề đã chọn, ít hơn {question_count} câu "
            "mỗi lượt."
        )
    round_.save()
    audit_record(
        actor=actor,
        instance=round_,
        action=AuditEntry.Action.CREATE,
        changes=snapshot(round_),
        organisation=contest.school,
    )
    return round_


# --- registration --------------------------------------------------------------------------------------------------


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _rate_limited(key: str, limit: int, window: int) -> bool:
    """A fixed-window counter in the shared cache; True once `limit` is passed within `window` seconds."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def rate_limit_check(*, scope: str, origin: str) -> None:
    limit, window = getattr(settings, "CONTEST_RATE_LIMIT", (30, 600))
    if _rate_limited(f"tt:contest-rate:{scope}:{origin_hash(origin)}", limit, window):
        raise NotAllowed("Có quá nhiều lượt đăng ký từ cùng một địa chỉ; vui lòng thử lại sau ít phút.")


def contest_is_open_for_registration(contest: Contest) -> bool:
    return contest.status == Contest.Status.PUBLISHED and contest.needs_registration


@transaction.atomic
def participant_register(
    *,
    contest: Contest,
    full_name: str,
    contact: str,
    consent: bool,
    school_class=None,
    affiliation: str = "",
    birth_date: dt.date | None = None,
    guardian_name: str = "",
    guardian_consent: bool = False,
    origin: str = "",
    challenge_token: str = "",
    challenge_answer: str = "",
) -> Participant:
    """Register a student, parent or member of the public. Raises InvalidInput with every problem at once."""
    if not contest_is_open_for_registration(contest):
        raise NotAllowed("Cuộc thi này chưa mở đăng ký.")
    now = timezone.now()
    if contest.audience == Contest.Audience.PUBLIC:
        rate_limit_check(scope=f"register:{contest.pk}", origin=origin)
    errors = []
    if contest.audience == Contest.Audience.PUBLIC and not quiz.challenge_check(
        settings.SECRET_KEY, challenge_token, challenge_answer, int(now.timestamp())
    ):
        errors.append(
            "Câu hỏi kiểm tra: kết quả phép tính chưa đúng (hoặc trang đã mở quá lâu, hãy tải lại)."
        )
    full_name, contact = nfc(full_name), nfc(contact)
    if len(full_name) < 2:
        errors.append("Họ và tên: chưa nhập.")
    contact_key = fold(contact).replace(" ", "").replace(".", "").replace("-", "")
    if len(contact_key) < 6:
        errors.append(
            "Điện thoại hoặc email: chưa nhập (dùng để liên hệ khi đoạt giải và để tiếp tục bài thi)."
        )
    if not consent:
        errors.append("Đồng ý: cần đồng ý với thể lệ và việc sử dụng thông tin đăng ký cho cuộc thi.")
    if contest.audience in (Contest.Audience.STUDENTS, Contest.Audience.PARENTS):
        if school_class is None or not contest.classes.filter(pk=school_class.pk).exists():
            errors.append("Lớp: chọn một lớp trong danh sách các lớp tham gia.")
    elif not nfc(affiliation):
        errors.append("Lớp hoặc đơn vị: chưa nhập.")
    if contest.audience in (Contest.Audience.STUDENTS, Contest.Audience.PUBLIC):
        if birth_date is None:
            errors.append("Ngày sinh: chưa nhập (người dưới 16 tuổi cần cha mẹ đồng ý).")
        elif birth_date >= timezone.localdate(now) or _age_on(birth_date, timezone.localdate(now)) > 120:
            errors.append("Ngày sinh: không hợp lệ.")
        elif _age_on(birth_date, timezone.localdate(now)) < MINOR_AGE and (
            not nfc(guardian_name) or not guardian_consent
        ):
            errors.append(
                "Đồng ý của cha mẹ: người dự thi dưới 16 tuổi cần họ tên cha/mẹ (người giám hộ) và xác nhận "
                "cha/mẹ đã đồng ý."
            )
    if errors:
        raise InvalidInput("Chưa đăng ký được; hãy sửa các mục sau.", errors=errors)
    if Participant.objects.filter(contest=contest, contact_key=contact_key).exists():
        raise NotAllowed(
            "Điện thoại hoặc email này đã đăng ký cuộc thi. Để tiếp tục, hãy dùng mục “Tiếp tục bằng mã” với mã "
            "đã được cấp khi đăng ký."
        )
    participant = Participant(
        contest=contest,
        full_name=full_name,
        contact=contact,
        contact_key=contact_key,
        school_class=school_class,
        affiliation=nfc(affiliation) or (school_class.name if school_class else ""),
        birth_date=birth_date,
        consent=True,
        guardian_name=nfc(guardian_name),
        guardian_consent=bool(guardian_consent),
        origin_hash=origin_hash(origin) if origin else "",
        resume_code=_code(8),
    )
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as exc:  # the same contact registered at the same moment from another tab or device
        raise NotAllowed(
            "Điện thoại hoặc email này đã đăng ký cuộc thi. Hãy dùng mục “Tiếp tục bằng mã”."
        ) from exc
    return participant


def participant_resume(*, contest: Contest, contact: str, code: str, origin: str = "") -> Participant:
    """The participant whose contact and resume code both match (for another device or a new browser)."""
    rate_limit_check(scope=f"resume:{contest.pk}", origin=origin)
    key = fold(nfc(contact)).replace(" ", "").replace(".", "").replace("-", "")
    participant = Participant.objects.filter(
        contest=contest, resume_code=nfc(code).upper().replace(" ", "")
    ).first()
    if participant is None or not hmac.compare_digest(participant.contact_key, key):
        raise InvalidInput("Mã tiếp tục hoặc điện thoại/email không khớp với đăng ký nào của cuộc thi.")
    return participant


def participant_for_staff(*, contest: Contest, user) -> Participant:
    """A staff member takes part under their own account (one participant per account and contest)."""
    if contest.audience != Contest.Audience.STAFF or contest.status != Contest.Status.PUBLISHED:
        raise NotAllowed("Cuộc thi này không dành cho cán bộ, giáo viên hoặc chưa được công bố.")
    require(user, actions.TAKE_STAFF, contest.school)
    person = getattr(user, "person", None)
    unit = None
    if person is not None:
        membership = person.memberships.select_related("unit").first()
        unit = membership.unit if membership else None
    try:
        with transaction.atomic():
            participant, _ = Participant.objects.get_or_create(
                contest=contest,
                user=user,
                defaults={
                    "full_name": user.display_name,
                    "unit": unit,
                    "affiliation": unit.name if unit else "",
                    "consent": True,
                    "resume_code": _code(8),
                },
            )
    except IntegrityError:  # two first clicks at once: the other request created it
        participant = Participant.objects.get(contest=contest, user=user)
    return participant


# --- attempts -------------------------------------------------------------------------------------------------------


def _grade_attempt(attempt: Attempt, *, finished_at: dt.datetime, status: str) -> Attempt:
    """Grade the saved answers (those written before the deadline) and close the attempt."""
    questions = {
        pk: (kind, correct, points)
        for pk, kind, correct, points in Question.objects.filter(pk__in=attempt.question_ids).values_list(
            "pk", "kind", "correct", "points"
        )
    }
    answers = attempt.answers.values_list("pk", "question_id", "response", "answered_at")
    in_time = attempt.deadline + grace()
    score = 0
    right_ids = []
    for pk, qid, response, answered_at in answers:
        q = questions.get(qid)
        if q is None:
            continue
        kind, correct, points = q
        if quiz.grade(kind, correct, response) and answered_at <= in_time:
            right_ids.append(pk)
            score += points
    # one statement marks every answer right or wrong (a CASE per answer costs more to build than to run)
    attempt.answers.update(is_correct=Case(When(pk__in=right_ids, then=Value(True)), default=Value(False)))
    end = min(finished_at, attempt.deadline)
    attempt.finished_at = finished_at
    attempt.status = status
    attempt.score = score
    attempt.max_score = sum(points for _kind, _correct, points in questions.values())
    attempt.duration_ms = max(0, int((end - attempt.started_at).total_seconds() * 1000))
    attempt.save(update_fields=["finished_at", "status", "score", "max_score", "duration_ms"])
    return attempt


def round_state(round_: Round, now: dt.datetime | None = None) -> str:
    now = now or timezone.now()
    if round_.contest.status != Contest.Status.PUBLISHED:
        return "closed"
    if now < round_.opens_at:
        return "not_open"
    if now >= round_.closes_at:
        return "closed"
    return "open"


def attempt_start(*, round_: Round, participant: Participant) -> Attempt:
    """Start (or resume) the participant's attempt at a round. Repeated calls return the attempt in progress.

    `participant` may be a stand-in carrying only its id and contest (the participant page takes them from the
    browser session the server wrote at registration, without reading the row): a participant removed since then
    makes the insert fail on its foreign key, and is told to register again."""
    if participant.contest_id != round_.contest_id:
        raise NotAllowed("Người dự thi không thuộc cuộc thi này.")
    for _ in range(3):
        try:
            return _attempt_start_once(round_=round_, participant=participant)
        except IntegrityError:
            # another tab created it between our check and our insert: read it back (or the participant is gone)
            if not Participant.objects.filter(pk=participant.pk).exists():
                raise NotAllowed(NOT_REGISTERED) from None
    raise NotAllowed("Không bắt đầu được bài thi; vui lòng thử lại.")


def _attempt_start_once(*, round_: Round, participant: Participant) -> Attempt:
    """No transaction around the whole: the reads take no lock (on SQLite a transaction would hold the database's
    write lock through the draw), and the unique constraints decide between two tabs inserting at once."""
    now = timezone.now()
    attempts = selectors.attempts_for_start(round_=round_, participant_id=participant.pk)
    for a in attempts:
        if a.is_open:
            if now <= a.deadline + grace():
                return a
            _expire_if_open(a.pk)
    state = round_state(round_, now)
    if state == "not_open":
        raise NotAllowed(f"Vòng thi mở lúc {timezone.localtime(round_.opens_at):%H:%M ngày %d/%m/%Y}.")
    if state == "closed":
        raise NotAllowed("Vòng thi đã đóng.")
    if len(attempts) >= round_.attempts_allowed:
        raise NotAllowed(
            f"Bạn đã dùng hết {round_.attempts_allowed} lượt làm bài của vòng thi này."
            if round_.attempts_allowed > 1
            else "Bạn đã làm bài vòng thi này; mỗi người chỉ làm một lần."
        )
    seed = secrets.randbits(62)
    pool = selectors.round_pool(round_)
    question_ids = quiz.draw(list(pool), round_.question_count, seed)
    orders = {}
    if round_.shuffle_options:
        for qid in question_ids:
            if len(pool[qid].options) > 1:
                orders[str(qid)] = quiz.shuffle_options(len(pool[qid].options), seed, qid)
    deadline = min(now + dt.timedelta(seconds=round_.time_limit_seconds), round_.closes_at)
    attempt = Attempt(
        round=round_,
        participant=participant,
        number=len(attempts) + 1,
        key=secrets.token_hex(16),
        seed=seed,
        question_ids=question_ids,
        option_orders=orders,
        started_at=now,
        deadline=deadline,
    )
    # a refused insert (another tab's attempt, a participant removed) raises IntegrityError to attempt_start, which
    # reads that attempt; inside a caller's transaction the insert has a savepoint, so that transaction lives on
    with transaction.atomic() if connection.in_atomic_block else nullcontext():
        attempt.id = _attempt_insert(attempt)
    attempt._state.adding, attempt._state.db = False, connection.alias  # a row in the database from now on
    attempt.saved_answers = {}
    return attempt


def _attempt_insert(attempt: Attempt) -> int:
    """The new attempt's row, in one plain INSERT … RETURNING (the ORM's save builds the same statement in more time
    than the database takes to run it, and every participant starts within the same seconds)."""
    ops = connection.ops
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {Attempt._meta.db_table} (round_id, participant_id, number, "key", seed, '  # noqa: S608
            "question_ids, option_orders, started_at, deadline, status, score, max_score) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 0, 0) RETURNING id",
            [
                attempt.round_id,
                attempt.participant_id,
                attempt.number,
                attempt.key,
                attempt.seed,
                ops.adapt_json_value(attempt.question_ids, None),
                ops.adapt_json_value(attempt.option_orders, None),
                ops.adapt_datetimefield_value(attempt.started_at),
                ops.adapt_datetimefield_value(attempt.deadline),
                attempt.status,
            ],
        )
        return cursor.fetchone()[0]


def _expire_if_open(attempt_id: int) -> bool:
    """Grade an attempt whose time is over on the answers saved in time, under its row's lock (a submit of the same
    attempt may be running). False when someone else closed it first."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt_id)
        if not locked.is_open:
            return False
        _grade_attempt(locked, finished_at=locked.deadline, status=Attempt.Status.EXPIRED)
        return True


def _valid_response(kind: str, option_count: int, response):
    """The response in the question's own numbering, or InvalidInput."""
    if response is None or response == "" or response == []:
        return None
    n = option_count
    try:
        if kind in (quiz.SINGLE, quiz.TRUE_FALSE):
            value = int(response)
            if not 0 <= value < n:
                raise ValueError
            return value
        if kind == quiz.MULTIPLE:
            values = sorted({int(v) for v in (response if isinstance(response, list) else [response])})
            if any(not 0 <= v < n for v in values):
                raise ValueError
            return values
        if kind == quiz.TIE_BREAK:
            value = int(str(response).strip())
            if not 0 <= value <= 10_000_000:
                raise ValueError
            return value
    except (TypeError, ValueError) as exc:
        raise InvalidInput("Câu trả lời không hợp lệ cho câu hỏi này.") from exc
    text = nfc(str(response))[:500]
    return text or None


def attempt_answer(*, attempt: Attempt, question_id: int, response) -> None:
    """Save one answer as given (replacing an earlier answer to the same question). Refused once the attempt is
    submitted or its time (with the grace) is over.

    `attempt` needs its id, drawn questions and round (selectors.attempt_for_answer reads just these). Every
    participant sends twenty answers, so the write is one statement, in plain SQL: an INSERT … ON CONFLICT DO UPDATE
    that takes its row from the attempt only while the attempt is open and in time. That condition is checked
    by the statement itself, ordered against a submit of the same attempt: on PostgreSQL the attempt's row is
    share-locked for the statement (answers to one attempt never wait for each other; a submit, which locks the row
    for update, waits for them, and an answer arriving during a submit waits for it and then finds the attempt
    closed); on SQLite a statement holds the database's write lock from its start. The question's kind and option
    count come from this process's memory of the last few seconds (selectors.question_shape)."""
    question_ids = attempt.question_ids
    tie_break_id = attempt.round.tie_break_question_id
    if question_id not in question_ids and question_id != tie_break_id:
        raise InvalidInput("Câu hỏi không thuộc bài thi này.")
    kind, option_count = selectors.question_shape(question_id)
    value = _valid_response(kind, option_count, response)
    now = timezone.now()
    in_time = now - grace()
    if question_id == tie_break_id:
        saved = (
            Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.IN_PROGRESS, deadline__gte=in_time)
            .order_by()
            .update(tie_break_guess=value)
        )
        if saved:
            attempt.tie_break_guess = value
    else:
        saved = _answer_write(attempt.pk, question_id, value, now, in_time)
    if not saved:
        _refuse_closed(attempt.pk)


def _answer_write(attempt_id: int, question_id: int, value, now: dt.datetime, in_time: dt.datetime) -> bool:
    ops = connection.ops
    lock = " FOR SHARE" if connection.features.has_select_for_update else ""
    answer_table, attempt_table = Answer._meta.db_table, Attempt._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH open_attempt AS (SELECT id FROM {attempt_table} "  # noqa: S608
            f"WHERE id = %s AND status = %s AND deadline >= %s{lock}) "
            f"INSERT INTO {answer_table} (attempt_id, question_id, response, answered_at, is_correct) "
            "SELECT id, %s, %s, %s, NULL FROM open_attempt WHERE true "
            "ON CONFLICT (attempt_id, question_id) DO UPDATE "
            "SET response = excluded.response, answered_at = excluded.answered_at RETURNING id",
            [
                attempt_id,
                Attempt.Status.IN_PROGRESS.value,
                ops.adapt_datetimefield_value(in_time),
                question_id,
                None if value is None else ops.adapt_json_value(value, None),  # a cleared answer: SQL NULL
                ops.adapt_datetimefield_value(now),
            ],
        )
        return bool(cursor.fetchall())


def _refuse_closed(attempt_id: int):
    """Say why an answer was not taken: the attempt was submitted, or its time is over (or it is gone)."""
    row = Attempt.objects.filter(pk=attempt_id).values_list("status", "deadline").first()
    if row is None:
        raise NotAllowed("Không tìm thấy bài thi.")
    if row[0] != Attempt.Status.IN_PROGRESS:
        raise NotAllowed("Bài thi đã nộp; không thể sửa câu trả lời.")
    raise NotAllowed("Đã hết thời gian làm bài; câu trả lời này không được ghi nhận.")


def attempt_submit(*, attempt: Attempt) -> Attempt:
    """Close and grade the attempt. A second submit (double click, second tab) returns the graded attempt.
    A submission after the deadline is refused: the attempt is graded on the answers saved in time (that grading is
    committed before the refusal is raised)."""
    with transaction.atomic():
        now = timezone.now()
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            return locked
        late = now > locked.deadline + grace()
        if late:
            _grade_attempt(locked, finished_at=locked.deadline, status=Attempt.Status.EXPIRED)
        else:
            return _grade_attempt(locked, finished_at=now, status=Attempt.Status.SUBMITTED)
    raise NotAllowed(
        f"Bài nộp sau thời hạn ({timezone.localtime(locked.deadline):%H:%M:%S}) nên không được nhận; "
        "bài được chấm theo các câu trả lời đã lưu trước thời hạn."
    )


def round_close_expired(*, round_: Round) -> int:
    """Grade every attempt whose time is over but that was never submitted (the person left). Returns how many."""
    now = timezone.now()
    count = 0
    for a in Attempt.objects.filter(
        round=round_, status=Attempt.Status.IN_PROGRESS, deadline__lt=now - grace()
    ).only("pk"):
        count += _expire_if_open(a.pk)
    return count


# --- certificates ---------------------------------------------------------------------------------------------------

AWARDS = ["Giải Nhất", "Giải Nhì", "Giải Ba"]


@transaction.atomic
def certificates_issue(*, round_: Round, actor, winners: int = 3, honourable: int = 0) -> list[Certificate]:
    """Certificates for the first `winners` ranks (Nhất, Nhì, Ba, then Khuyến khích) and `honourable` more.
    Issuing again keeps the certificates already issued (their QR codes are printed) and adds any missing."""
    from truyenthong.contests.selectors import leaderboard

    require(actor, actions.MANAGE, round_.contest.school)
    round_close_expired(round_=round_)
    if timezone.now() < round_.closes_at:
        raise NotAllowed("Vòng thi chưa đóng; chỉ cấp giấy chứng nhận sau khi vòng thi kết thúc.")
    rows = leaderboard(round_=round_)
    issued = []
    for row in rows:
        if row.rank > winners + honourable:
            break
        if row.attempt.score <= 0:
            continue
        award = AWARDS[row.rank - 1] if row.rank <= min(winners, len(AWARDS)) else "Giải Khuyến khích"
        cert, created = Certificate.objects.get_or_create(
            attempt=row.attempt,
            defaults={"code": _code(10), "rank": row.rank, "award": award, "issued_by": actor},
        )
        if created:
            audit_record(
                actor=actor,
                instance=cert,
                action=AuditEntry.Action.CREATE,
                changes=snapshot(cert),
                organisation=round_.contest.school,
            )
        issued.append(cert)
    return issued
