"""A BM25 index over passages with two fields (heading, body), pure Python, built once and queried many times.

Scoring is BM25F in its simple form: a term's frequency is the sum over fields of the field's weight times its
count, and so is the length. Each posting stores its finished term weight, so a query is one pass over the
postings of its terms with a multiply and an add.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from truyenthong.lib.retrieval.text import HEADING_WEIGHT, query_terms, terms


def index_heading(doc_type: str, heading: str) -> str:
    """The heading field of a passage: its document's type ("Kế hoạch", "Hướng dẫn") and its section titles.

    The type lets "kế hoạch nói gì về…" prefer plans without naming any document's long title in every passage.
    """
    return f"{doc_type.capitalize()} › {heading}" if doc_type else heading


@dataclass(frozen=True)
class Hit:
    index: int  # position of the passage in the list the index was built from
    score: float
    matched: float  # share of the question's own terms (weight) found in the passage, 0..1


class Bm25Index:
    def __init__(
        self,
        passages: Sequence[tuple[str, str]],
        *,
        k1: float = 1.2,
        b: float = 0.75,
        heading_weight: float = HEADING_WEIGHT,
    ):
        """``passages``: (heading, body) pairs; the heading carries the section titles above the passage."""
        self.size = len(passages)
        freqs: list[Counter] = []
        lengths: list[float] = []
        for heading, body in passages:
            tf: Counter = Counter()
            for term in terms(body):
                tf[term] += 1.0
            for term in terms(heading):
                tf[term] += heading_weight
            freqs.append(tf)
            lengths.append(sum(tf.values()))
        average = (sum(lengths) / len(lengths)) if lengths else 1.0
        df: Counter = Counter()
        for tf in freqs:
            df.update(tf.keys())
        self.idf = {t: math.log(1 + (self.size - n + 0.5) / (n + 0.5)) for t, n in df.items()}
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for i, tf in enumerate(freqs):
            norm = k1 * (1 - b + b * lengths[i] / average)
            for term, f in tf.items():
                ids, weights = postings.setdefault(term, ([], []))
                ids.append(i)
                weights.append(self.idf[term] * f * (k1 + 1) / (f + norm))
        self.postings = postings

    def search(self, question: str, *, k: int = 5, allowed: Iterable[int] | None = None) -> list[Hit]:
        """The best ``k`` passages for a question, best first; ``allowed`` limits the candidates."""
        weights = query_terms(question)
        if not weights or not self.size:
            return []
        scores: dict[int, float] = {}
        get = scores.get
        for term, qw in weights.items():
            posting = self.postings.get(term)
            if posting is None:
                continue
            for i, w in zip(*posting, strict=True):
                scores[i] = get(i, 0.0) + qw * w
        if allowed is not None:
            keep = set(allowed)
            scores = {i: s for i, s in scores.items() if i in keep}
        best = heapq.nlargest(k, scores.items(), key=lambda item: (item[1], -item[0]))
        own = {t: self.idf.get(t, 0.0) for t, w in weights.items() if w >= 1.0}
        total = sum(own.values()) or 1.0
        hits = []
        for i, score in best:
            found = sum(v for t, v in own.items() if self._has(t, i))
            hits.append(Hit(index=i, score=round(score, 4), matched=round(found / total, 3)))
        return hits

    def _has(self, term: str, index: int) -> bool:
        posting = self.postings.get(term)
        if posting is None:
            return False
        ids = posting[0]
        lo, hi = 0, len(ids)
        while lo < hi:  # ids are ascending: binary search
            mid = (lo + hi) // 2
            if ids[mid] < index:
                lo = mid + 1
            else:
                hi = mid
        return lo < len(ids) and ids[lo] == index
