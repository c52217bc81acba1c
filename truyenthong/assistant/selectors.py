"""Reads of the assistant that depend on who asks: fetch and check access in one place."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from truyenthong.assistant import actions
from truyenthong.assistant.models import Document, Question
from truyenthong.core.permissions import require
from truyenthong.org.models import Organisation


def public_school(code: str) -> Organisation:
    """A school for the public pages (no login): any school, by its code."""
    return get_object_or_404(Organisation, code=code, kind=Organisation.Kind.SCHOOL)


def documents_of(school: Organisation, *, public_only: bool = False) -> QuerySet:
    qs = Document.objects.filter(school=school).annotate(passage_count=Count("passages"))
    return qs.filter(is_public=True) if public_only else qs


def document_get_for_user(
    *, user, school: Organisation, document_id: int, action: str = actions.ASK
) -> Document:
    document = get_object_or_404(Document.objects.select_related("school"), pk=document_id, school=school)
    require(user, action, document.school)
    return document


def public_document(*, school: Organisation, document_id: int) -> Document:
    return get_object_or_404(Document, pk=document_id, school=school, is_public=True)


def question_stats(*, school: Organisation, days: int = 90, limit: int = 30) -> dict:
    """The most frequent questions and those the library could not answer, over the last ``days`` days."""
    since = timezone.now() - dt.timedelta(days=days)
    recent = Question.objects.filter(school=school, asked_at__gte=since)

    def grouped(qs):
        return list(
            qs.values("key")
            .annotate(
                count=Count("id"),
                last=Max("asked_at"),
                text=Max("text"),
                unanswered=Count("id", filter=Q(answered=False)),
            )
            .order_by("-count", "-last")[:limit]
        )

    return {
        "total": recent.count(),
        "unanswered_total": recent.filter(answered=False).count(),
        "frequent": grouped(recent),
        "unanswered": grouped(recent.filter(answered=False)),
        "days": days,
    }
