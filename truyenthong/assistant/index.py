"""The per-school BM25 index over the library, built in memory on first use and rebuilt when the library changes.

The library's state is one aggregate query (number of documents and latest change); an index whose state matches is
reused, so a question costs that query plus the search. Each process keeps its own indexes (a school's library is
small: the seed plan and a few documents are about a hundred passages, built in a few milliseconds).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Count, Max

from truyenthong.assistant.models import Document, Passage
from truyenthong.lib.retrieval.bm25 import Bm25Index, index_heading

_LOCK = threading.Lock()
_INDEXES: dict[int, SchoolIndex] = {}


@dataclass(frozen=True)
class PassageRef:
    passage_id: int
    document_id: int
    is_public: bool
    order: int
    section: str
    heading: str
    text: str


@dataclass
class SchoolIndex:
    state: tuple
    bm25: Bm25Index
    passages: list[PassageRef]
    public: list[int]  # positions of passages of public documents


def _state(school_id: int) -> tuple:
    agg = Document.objects.filter(school_id=school_id).aggregate(n=Count("id"), last=Max("updated_at"))
    return (agg["n"], agg["last"])


def _build(school_id: int, state: tuple) -> SchoolIndex:
    rows = (
        Passage.objects.filter(document__school_id=school_id)
        .order_by("document_id", "order")
        .values_list(
            "id",
            "document_id",
            "document__is_public",
            "order",
            "section",
            "heading",
            "text",
            "document__doc_type",
        )
    )
    refs = [PassageRef(*row[:-1]) for row in rows]
    kinds = [row[-1] for row in rows]
    return SchoolIndex(
        state=state,
        bm25=Bm25Index([(index_heading(k, r.heading), r.text) for r, k in zip(refs, kinds, strict=True)]),
        passages=refs,
        public=[i for i, r in enumerate(refs) if r.is_public],
    )


def school_index(school_id: int) -> SchoolIndex:
    state = _state(school_id)
    current = _INDEXES.get(school_id)
    if current is not None and current.state == state:
        return current
    with _LOCK:
        current = _INDEXES.get(school_id)
        if current is None or current.state != state:
            current = _build(school_id, state)
            _INDEXES[school_id] = current
    return current


def forget(school_id: int | None = None) -> None:
    with _LOCK:
        if school_id is None:
            _INDEXES.clear()
        else:
            _INDEXES.pop(school_id, None)
