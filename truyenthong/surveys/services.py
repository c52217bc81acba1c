"""Writes of the surveys app: a survey with its questions, opening/closing, and one response per person or link.

One response per person (an account) or per link (a browser that answered keeps a random token in its session; the
database refuses a second response with the same key). Anonymous surveys keep no account on the response."""

from __future__ import annotations

import hashlib
import secrets

from django.db import IntegrityError, transaction

from truyenthong.core.audit import audit_record, snapshot
from truyenthong.core.errors import InvalidInput, NotAllowed
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import require
from truyenthong.lib.vntext import nfc
from truyenthong.surveys import actions
from truyenthong.surveys.models import Survey, SurveyAnswer, SurveyQuestion, SurveyResponse


@transaction.atomic
def survey_create(
    *,
    school,
    actor,
    title: str,
    school_year: str,
    audiences: list[str],
    questions: list[dict],
    anonymous: bool = True,
    series: str = "",
    description: str = "",
) -> Survey:
    """`questions`: dicts with kind, text, options (choices), measure (awareness/satisfaction for Likert)."""
    require(actor, actions.MANAGE, school)
    if not audiences or any(a not in Survey.Audience.values for a in audiences):
        raise InvalidInput("Đối tượng: chọn ít nhất một đối tượng khảo sát.")
    if not questions:
        raise InvalidInput("Câu hỏi: khảo sát cần ít nhất một câu hỏi.")
    survey = Survey(
        school=school,
        title=nfc(title),
        description=nfc(description, keep_newlines=True),
        school_year=school_year,
        series=nfc(series),
        audiences=list(audiences),
        anonymous=anonymous,
        created_by=actor,
    )
    survey.full_clean()
    survey.save()
    for position, q in enumerate(questions, start=1):
        kind = q.get("kind")
        options = [nfc(o) for o in q.get("options") or [] if nfc(o)]
        if kind in (SurveyQuestion.Kind.SINGLE, SurveyQuestion.Kind.MULTIPLE) and len(options) < 2:
            raise InvalidInput(f"Câu {position}: cần ít nhất hai lựa chọn.")
        if kind not in SurveyQuestion.Kind.values:
            raise InvalidInput(f"Câu {position}: loại câu hỏi không hợp lệ.")
        measure = q.get("measure", "")
        if measure and kind != SurveyQuestion.Kind.LIKERT:
            raise InvalidInput(f"Câu {position}: chỉ câu thang đo 5 mức mới dùng để đo chỉ tiêu.")
        question = SurveyQuestion(
            survey=survey,
            position=position,
            kind=kind,
            text=nfc(q.get("text")),
            options=options if kind != SurveyQuestion.Kind.LIKERT else [],
            required=q.get("required", kind != SurveyQuestion.Kind.TEXT),
            measure=measure,
        )
        question.full_clean()
        question.save()
    audit_record(
        actor=actor,
        instance=survey,
        action=AuditEntry.Action.CREATE,
        changes=snapshot(survey),
        organisation=school,
    )
    return survey


@transaction.atomic
def survey_set_status(*, survey: Survey, actor, status: str) -> Survey:
    require(actor, actions.MANAGE, survey.school)
    before = survey.status
    survey.status = status
    survey.full_clean()
    survey.save(update_fields=["status"])
    audit_record(
        actor=actor,
        instance=survey,
        action=AuditEntry.Action.UPDATE,
        changes={"status": [before, status]},
        organisation=survey.school,
    )
    return survey


def link_token() -> str:
    return secrets.token_urlsafe(18)


def _value(question: SurveyQuestion, raw):
    """The answer as stored, or InvalidInput naming the question."""
    where = f"Câu {question.position}"
    if raw in (None, "", []):
        if question.required:
            raise InvalidInput(f"{where}: chưa trả lời.")
        return None
    try:
        if question.kind == SurveyQuestion.Kind.LIKERT:
            value = int(raw)
            if not 1 <= value <= 5:
                raise ValueError
            return value
        if question.kind == SurveyQuestion.Kind.SINGLE:
            value = int(raw)
            if not 0 <= value < len(question.options):
                raise ValueError
            return value
        if question.kind == SurveyQuestion.Kind.MULTIPLE:
            values = sorted({int(v) for v in (raw if isinstance(raw, list) else [raw])})
            if any(not 0 <= v < len(question.options) for v in values):
                raise ValueError
            return values
    except (TypeError, ValueError) as exc:
        raise InvalidInput(f"{where}: lựa chọn không hợp lệ.") from exc
    return nfc(str(raw), keep_newlines=True)[:2000]


def survey_respond(
    *,
    survey: Survey,
    answers: dict[int, object],
    audience: str,
    user=None,
    token: str = "",
    school_class=None,
) -> SurveyResponse:
    """Record one response. `user` (signed in) or `token` (the browser's link token) identifies the respondent."""
    if survey.status != Survey.Status.OPEN:
        raise NotAllowed("Khảo sát không mở.")
    if audience not in survey.audiences:
        raise InvalidInput("Đối tượng: khảo sát này không dành cho đối tượng đã chọn.")
    if audience == Survey.Audience.STAFF:
        if user is None or not getattr(user, "is_authenticated", False):
            raise NotAllowed("Khảo sát dành cho cán bộ, giáo viên: hãy đăng nhập.")
        require(user, actions.RESPOND_STAFF, survey.school)
    signed_in = user is not None and getattr(user, "is_authenticated", False)
    if signed_in:
        key = f"u{user.pk}"
    elif token:
        key = "k" + hashlib.sha256(token.encode()).hexdigest()[:40]
    else:
        raise NotAllowed("Không xác định được người trả lời; hãy mở lại đường dẫn khảo sát.")
    if school_class is not None and school_class.school_id != survey.school_id:
        raise InvalidInput("Lớp: không thuộc trường.")
    questions = list(survey.questions.all())
    errors, values = [], {}
    for q in questions:
        try:
            values[q.pk] = _value(q, answers.get(q.pk))
        except InvalidInput as exc:
            errors.append(exc.message)
    if errors:
        raise InvalidInput("Chưa gửi được; hãy trả lời các câu sau.", errors=errors)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey,
                respondent_key=key,
                user=None if survey.anonymous else (user if signed_in else None),
                audience=audience,
                school_class=school_class,
            )
            SurveyAnswer.objects.bulk_create(
                [
                    SurveyAnswer(response=response, question_id=qid, value=v)
                    for qid, v in values.items()
                    if v is not None
                ]
            )
    except IntegrityError as exc:
        raise NotAllowed("Bạn đã trả lời khảo sát này; mỗi người chỉ trả lời một lần.") from exc
    return response
