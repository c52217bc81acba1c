"""Accent-insensitive search over published items: folded copies stored on save, plain ORM queries at read."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from truyenthong.lib.vntext import fold

MAX_TERMS = 6


def search_terms(query: str) -> list[str]:
    folded = fold(query or "")
    return [t for t in folded.split() if t][:MAX_TERMS]


def rank_search(qs: QuerySet, query: str) -> QuerySet:
    """Items containing every term; the whole phrase in the title first, then all terms in the title, then the rest.

    LIKE '%term%' on the folded columns works the same on SQLite and PostgreSQL.
    """
    terms = search_terms(query)
    if not terms:
        return qs.none()
    phrase = " ".join(terms)
    for term in terms:
        qs = qs.filter(search_text__contains=term)
    all_in_title = Q()
    for term in terms:
        all_in_title &= Q(search_title__contains=term)
    return qs.annotate(
        rank=Case(
            When(search_title__contains=phrase, then=Value(3)),
            When(all_in_title, then=Value(2)),
            When(summary__isnull=False, search_text__contains=phrase, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-rank", "-published_at", "-id")
