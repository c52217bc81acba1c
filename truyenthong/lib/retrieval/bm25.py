"""A BM25 index over passages with two fields (heading, body), pure Python, built once and queried many times.

Scoring is BM25F in its simple form: a term's frequency is the sum over fields of the field's weight times its
count, and so is the length. Each posting list stores its finished term weights in a NumPy array, so a query adds
one array per term into a score vector (a sparse matrix-vector product, as bm25s does) and takes the top k.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from truyenthong.lib.retrieval.text import HEADING_WEIGHT, query_terms, terms
from truyenthong.lib.vntext import fold


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
        vocabulary: dict[str, int] = {}
        term_ids: list[int] = []
        doc_ids: list[int] = []
        freqs: list[float] = []
        lengths = np.zeros(max(self.size, 1), dtype=np.float64)
        for i, (heading, body) in enumerate(passages):
            tf: Counter = Counter(terms(body))
            for term in terms(heading):
                tf[term] += heading_weight
            for term, f in tf.items():
                term_ids.append(vocabulary.setdefault(term, len(vocabulary)))
                doc_ids.append(i)
                freqs.append(f)
            lengths[i] = sum(tf.values())
        t = np.asarray(term_ids, dtype=np.int64)
        d = np.asarray(doc_ids, dtype=np.int32)
        f = np.asarray(freqs, dtype=np.float64)
        df = np.bincount(t, minlength=len(vocabulary)).astype(np.float64)
        idf = np.log(1 + (self.size - df + 0.5) / (df + 0.5))
        average = lengths[: self.size].mean() if self.size else 1.0
        norm = k1 * (1 - b + b * lengths / (average or 1.0))
        weights = (idf[t] * f * (k1 + 1) / (f + norm[d])).astype(np.float32)
        order = np.argsort(t, kind="stable")  # by term, documents stay ascending within a term
        self._ids = d[order]
        self._weights = weights[order]
        bounds = np.concatenate(([0], np.cumsum(df.astype(np.int64))))
        names = list(vocabulary)
        self.idf = dict(zip(names, idf.tolist(), strict=True))
        self.postings = {
            name: (self._ids[bounds[k] : bounds[k + 1]], self._weights[bounds[k] : bounds[k + 1]])
            for k, name in enumerate(names)
        }

    def search(self, question: str, *, k: int = 5, allowed: Iterable[int] | None = None) -> list[Hit]:
        """The best ``k`` passages for a question, best first; ``allowed`` limits the candidates."""
        weights = query_terms(question)
        if not weights or not self.size:
            return []
        scores = np.zeros(self.size, dtype=np.float32)
        touched = False
        for term, qw in weights.items():
            posting = self.postings.get(term)
            if posting is not None:
                scores[posting[0]] += np.float32(qw) * posting[1]  # ids are unique within a posting list
                touched = True
        if not touched:
            return []
        if allowed is not None:
            mask = np.zeros(self.size, dtype=bool)
            mask[np.fromiter(allowed, dtype=np.int64)] = True
            scores[~mask] = 0.0
        candidates = np.flatnonzero(scores > 0)
        if candidates.size > k:
            part = np.argpartition(-scores[candidates], k - 1)[:k]
            candidates = candidates[part]
        best = sorted(((int(i), float(scores[i])) for i in candidates), key=lambda item: (-item[1], item[0]))
        own, related = self._coverage_terms(weights)
        total = sum(own.values()) or 1.0
        hits = []
        for i, score in best:
            found = sum(v for t, v in own.items() if self._has(t, i))
            found += sum(v for t, v in related.items() if self._has(t, i))
            hits.append(Hit(index=i, score=round(score, 4), matched=round(min(1.0, found / total), 3)))
        return hits

    def _coverage_terms(self, weights: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
        """Single-syllable terms that say how much of the question a passage covers, weighted by idf.

        A syllable typed with diacritics counts only in that form (so "bơi" is not covered by "bồi"); paraphrase
        terms count at their lower weight towards the question's own total.
        """
        singles = {t: w for t, w in weights.items() if "_" not in t}
        marked = {fold(t) for t in singles if fold(t) != t}
        usable = {t: w for t, w in singles.items() if not (t in marked and fold(t) == t)}
        unseen = math.log(1 + (self.size + 0.5) / 0.5)  # a word no passage uses is as telling as can be
        own = {t: self.idf.get(t, unseen) for t, w in usable.items() if w >= 1.0}
        related = {t: w * self.idf.get(t, 0.0) for t, w in usable.items() if w < 1.0}
        return own, related

    def _has(self, term: str, index: int) -> bool:
        posting = self.postings.get(term)
        if posting is None:
            return False
        ids = posting[0]
        at = int(np.searchsorted(ids, index))  # ids are ascending
        return at < len(ids) and int(ids[at]) == index
