"""Accent-insensitive search over published items: folded words stored on save, plain ORM queries at read.

"giao duc" and "giáo dục" fold to the same terms; an item matches when every term occurs in its words. Items whose
title holds the whole phrase come first, then those whose title holds every term, then any term, then body-only
hits, newest first within each rank. LIKE '%term%' behaves the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from truyenthong.lib.vntext import fold

MAX_TERMS = 6
MAX_RESULTS = 500


def search_terms(query: str) -> list[str]:
    return [t for t in fold(query or "").split() if t][:MAX_TERMS]


def rank_search(qs: QuerySet, query: str) -> QuerySet:
    terms = search_terms(query)
    if not terms:
        return qs.none()
    for term in terms:
        qs = qs.filter(search__words__contains=term)
    all_in_title, any_in_title = Q(), Q()
    for term in terms:
        all_in_title &= Q(search__title__contains=term)
        any_in_title |= Q(search__title__contains=term)
    return qs.annotate(
        rank=Case(
            When(search__title__contains=" ".join(terms), then=Value(3)),
            When(all_in_title, then=Value(2)),
            When(any_in_title, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-rank", "-published_at", "-id")


def ranked_ids(qs: QuerySet, query: str) -> list[int]:
    """The ids of matching items in rank order (at most MAX_RESULTS): one scan, then pages are fetched by id."""
    return list(rank_search(qs, query).values_list("id", flat=True)[:MAX_RESULTS])
