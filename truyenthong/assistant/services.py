"""Writes of the assistant: documents in and out of the library, summaries, and the question log."""

from __future__ import annotations

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction

from truyenthong.assistant import actions
from truyenthong.assistant.answering import Answer, answer_question
from truyenthong.assistant.models import Document, Passage, Question
from truyenthong.core.audit import audit_record
from truyenthong.core.errors import InvalidInput
from truyenthong.core.models import AuditEntry
from truyenthong.core.permissions import require
from truyenthong.core.uploads import DOCX, PDF, TXT, check_upload
from truyenthong.lib.plandoc.model import PlanDocumentError
from truyenthong.lib.plandoc.reader import read_paragraphs
from truyenthong.lib.retrieval.answer import summarise
from truyenthong.lib.retrieval.passages import read_metadata, split_passages
from truyenthong.lib.vntext import fold, nfc

logger = logging.getLogger(__name__)
KINDS = (PDF, DOCX, TXT)


def _store_passages(document: Document, paragraphs: list[str]) -> int:
    document.passages.all().delete()
    passages = split_passages(paragraphs, title=document.title)
    if not passages:
        raise InvalidInput(f"Tệp «{document.filename}» không có đoạn văn bản nào để tra cứu.")
    Passage.objects.bulk_create(
        Passage(
            document=document,
            order=p.order,
            section=p.section[:60],
            heading=p.heading,
            text=p.text,
        )
        for p in passages
    )
    return len(passages)


def _paragraphs(data: bytes, name: str) -> list[str]:
    try:
        return read_paragraphs(data, name)
    except PlanDocumentError as exc:
        raise InvalidInput(exc.message) from exc


@transaction.atomic
def document_upload(
    *, school, actor, name: str, data: bytes, is_public: bool = True, title: str = "", plan=None
) -> Document:
    """Add a .pdf/.docx/.txt to the school's library; a file of the same name (or the same plan) is replaced."""
    require(actor, actions.MANAGE, school)
    name = nfc(name).replace("/", "_")[:255] or "tai-lieu.txt"
    check_upload(name=name, data=data, kinds=KINDS, max_bytes=settings.UPLOAD_MAX_BYTES, field="Tệp tài liệu")
    paragraphs = _paragraphs(data, name)
    meta = read_metadata(paragraphs)
    existing = (
        Document.objects.select_for_update().filter(plan=plan).first()
        if plan is not None
        else Document.objects.select_for_update().filter(school=school, filename=name).first()
    )
    document = existing or Document(school=school, filename=name)
    old = {"title": document.title, "number": document.number} if existing else None
    document.filename = name
    document.title = nfc(title)[:500] or meta.title[:500] or name.rsplit(".", 1)[0]
    document.doc_type = meta.doc_type
    document.number = meta.number[:60]
    document.issued_on = meta.issued_on
    document.issuer = meta.issuer[:200]
    document.is_public = is_public
    document.plan = plan
    document.source = Document.Source.PLAN if plan is not None else Document.Source.UPLOAD
    document.uploaded_by = actor if getattr(actor, "is_authenticated", False) else None
    if document.file:
        old_name = document.file.name
        transaction.on_commit(lambda: document.file.storage.delete(old_name))
    document.file.save(name, ContentFile(data), save=False)
    document.full_clean(exclude=["file"])
    document.save()
    count = _store_passages(document, paragraphs)
    audit_record(
        actor=actor,
        instance=document,
        action=AuditEntry.Action.UPDATE if existing else AuditEntry.Action.CREATE,
        changes={
            "filename": [old and name, name],
            "title": [old and old["title"], document.title],
            "passages": [None, count],
        },
        organisation=school,
    )
    return document


@transaction.atomic
def document_from_plan(*, plan, actor=None) -> Document:
    """The plan, as the school stored it, in the library: written as Word and read back by the plan reader."""
    from truyenthong.lib.plandoc.writer import write_plan_docx
    from truyenthong.plans.services import plan_to_document

    school = plan.organisation.school or plan.organisation
    data = write_plan_docx(plan_to_document(plan))
    name = f"ke-hoach-{plan.number or plan.pk}.docx".replace("/", "-")
    paragraphs = _paragraphs(data, name)
    meta = read_metadata(paragraphs)
    document = Document.objects.select_for_update().filter(plan=plan).first() or Document(
        school=school, plan=plan, source=Document.Source.PLAN
    )
    document.filename = name
    document.title = plan.title[:500]
    document.doc_type = plan.doc_type or meta.doc_type
    document.number = plan.number[:60]
    document.issued_on = plan.issued_on
    document.issuer = plan.issuing_body[:200]
    if Document.objects.filter(school=school, filename=name).exclude(pk=document.pk).exists():
        document.filename = f"ke-hoach-{plan.pk}.docx"
    document.save()
    count = _store_passages(document, paragraphs)
    audit_record(
        actor=actor,
        instance=document,
        action=AuditEntry.Action.IMPORT,
        changes={"plan": [None, plan.pk], "passages": [None, count]},
        organisation=school,
    )
    return document


def on_plan_saved(sender, instance, created, **kwargs):
    """post_save of Plan: once the import has committed, put the new plan in its school's library."""
    if not created or kwargs.get("raw"):
        return

    def add():
        try:
            document_from_plan(plan=instance)
        except Exception:  # the plan is saved; a library failure must not undo or break its import
            logger.exception("Trợ lý: không đưa được kế hoạch %s vào thư viện", instance.pk)

    transaction.on_commit(add)


@transaction.atomic
def document_delete(*, document: Document, actor) -> None:
    require(actor, actions.MANAGE, document.school)
    audit_record(
        actor=actor,
        instance=document,
        action=AuditEntry.Action.DELETE,
        changes={"title": [document.title, None]},
        organisation=document.school,
    )
    if document.file:
        name, storage = document.file.name, document.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    document.delete()


def document_summary_draft(*, document: Document, sentences: int = 6) -> str:
    """An extractive summary (sentences of the document, in its order), to be edited before it is saved."""
    texts = list(document.passages.order_by("order").values_list("text", flat=True))
    return "\n\n".join(summarise(texts, max_sentences=sentences))


@transaction.atomic
def document_summary_update(*, document: Document, actor, summary: str) -> Document:
    require(actor, actions.MANAGE, document.school)
    summary = nfc(summary, keep_newlines=True).strip()
    if len(summary) > 5000:
        raise InvalidInput("Bản tóm tắt dài quá 5.000 ký tự: hãy rút gọn.")
    old = document.summary
    document.summary = summary
    document.save(update_fields=["summary", "updated_at"])
    audit_record(
        actor=actor,
        instance=document,
        action=AuditEntry.Action.UPDATE,
        changes={"summary": [old, summary]} if old != summary else {},
        organisation=document.school,
    )
    return document


@transaction.atomic
def document_summary_publish(*, document: Document, actor):
    """A draft content item from the saved summary (it then follows the content workflow to publication)."""
    from truyenthong.content.services import item_create

    require(actor, actions.MANAGE, document.school)
    if not document.summary.strip():
        raise InvalidInput("Chưa có bản tóm tắt: hãy tạo và lưu bản tóm tắt trước khi đăng.")
    paragraphs = [p.strip() for p in document.summary.split("\n") if p.strip()]
    body = "".join(f"<p>{_escape(p)}</p>" for p in paragraphs)
    body += f"<p><em>Tóm tắt từ {_escape(document.label)}.</em></p>"
    item = item_create(
        school=document.school,
        actor=actor,
        title=f"Tóm tắt dễ hiểu: {document.title}"[:200],
        summary=f"Bản tóm tắt dễ hiểu của {document.label}."[:300],
        body=body,
        tags=["tóm tắt", "hỏi đáp"],
    )
    document.summary_item_id = item.pk
    document.save(update_fields=["summary_item_id", "updated_at"])
    return item


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------- questions

_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE_RE = re.compile(r"(?:\+?84|0)(?:[\s.\-]?\d){8,10}\b")
_LONG_NUMBER_RE = re.compile(r"\b\d{9,}\b")
_URL_RE = re.compile(r"https?://\S+")
_INTRO_RE = re.compile(r"\b(?:tôi|em|con|cháu|mình|tên)\s+(?:tên\s+)?(?:là\s+)?(?=\w)", re.IGNORECASE)
_CLASS_OF_RE = re.compile(r"\b(?:lớp)\s+\d{1,2}[A-Za-z]\d?\b", re.IGNORECASE)


def _without_names(text: str) -> str:
    """ "Tôi là Nguyễn Văn An, …" → "Tôi là [tên], …": capitalised words right after an introduction."""
    out, last = [], 0
    for match in _INTRO_RE.finditer(text):
        words = re.match(r"(?:[^\W\d_][\w]*\s*){1,5}", text[match.end() :])
        if not words:
            continue
        name = [w for w in words.group().split()]
        taken = 0
        for w in name:
            if not w[0].isupper():
                break
            taken += 1
        if taken == 0:
            continue
        end = match.end() + len(" ".join(name[:taken]))
        out.append(text[last : match.end()] + "[tên]")
        last = end
    return "".join(out) + text[last:]


def scrub(text: str) -> str:
    """The question without personal details: e-mails, phone and ID numbers, links, "tôi là <Tên>", class names."""
    text = _EMAIL_RE.sub("[thư điện tử]", nfc(text))
    text = _URL_RE.sub("[liên kết]", text)
    text = _PHONE_RE.sub("[số điện thoại]", text)
    text = _LONG_NUMBER_RE.sub("[số]", text)
    text = _without_names(text)
    text = _CLASS_OF_RE.sub("lớp [lớp]", text)
    return text[:300]


def question_key(text: str) -> str:
    """Questions asked alike fall under one key: folded, punctuation dropped, spaces collapsed."""
    return " ".join(re.findall(r"\w+", fold(text)))[:300]


def question_ask(*, school, question: str, channel: str, user=None, top_k: int = 5) -> Answer:
    """Answer a question and log it (without personal details).

    Staff asking inside the app (and the command line, which acts as the system administrator) search every
    document of the school; the public page and the widget only the public ones.
    """
    include_private = channel in (Question.Channel.STAFF, Question.Channel.CLI)
    if channel == Question.Channel.STAFF:
        require(user, actions.ASK, school)
    answer = answer_question(school=school, question=question, top_k=top_k, include_private=include_private)
    if answer.question:
        text = scrub(answer.question)
        Question.objects.create(
            school=school, text=text, key=question_key(text), answered=answer.answered, channel=channel
        )
    return answer


def rate_limited(*, address: str, scope: str = "ask") -> bool:
    """True when this address has asked more than ASSISTANT_RATE_LIMIT questions in the current window.

    The address is hashed and kept only in the cache for the length of the window.
    """
    limit, window = getattr(settings, "ASSISTANT_RATE_LIMIT", (20, 60))
    if limit <= 0:
        return False
    slot = int(time.time() // window)
    digest = hashlib.sha256(f"{address}|{slot}".encode()).hexdigest()[:20]
    key = f"tt_assistant:rl:{scope}:{digest}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count > limit
