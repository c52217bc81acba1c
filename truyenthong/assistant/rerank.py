"""Optional dense re-ranking of the BM25 candidates with a local sentence-embedding model (off by default).

Enabled by ASSISTANT_EMBEDDING_MODEL = a directory holding a sentence-transformers model on this machine; nothing is
ever downloaded (HF_HUB_OFFLINE is forced). The final score mixes the BM25 score (scaled to 0..1) and the cosine
similarity equally. When the package or the model is missing the BM25 order is kept and a warning is logged once.
"""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from functools import cache

from django.conf import settings

from truyenthong.lib.retrieval.bm25 import Hit

logger = logging.getLogger(__name__)


@cache
def _model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer  # optional, not a dependency
    except ImportError:
        logger.warning("Trợ lý: chưa cài sentence-transformers, bỏ qua bước xếp hạng lại.")
        return None
    try:
        return SentenceTransformer(settings.ASSISTANT_EMBEDDING_MODEL, local_files_only=True)
    except Exception:
        logger.exception("Trợ lý: không nạp được mô hình %s", settings.ASSISTANT_EMBEDDING_MODEL)
        return None


def rerank(question: str, hits: list[Hit], texts: list[str]) -> list[Hit]:
    model = _model()
    if model is None or not hits:
        return hits
    vectors = model.encode([question, *texts], normalize_embeddings=True)
    top = max(h.score for h in hits) or 1.0
    mixed = []
    for hit, vector in zip(hits, vectors[1:], strict=True):
        cosine = float(sum(a * b for a, b in zip(vectors[0], vector, strict=True)))
        mixed.append(replace(hit, score=round(0.5 * hit.score / top + 0.5 * cosine, 4)))
    return sorted(mixed, key=lambda h: -h.score)
