"""The optional dense re-ranker: off by default; when configured, it reorders the BM25 candidates.

sentence-transformers is not a dependency, so the test stands in a tiny embedding class for it (a third-party
library, not our code): vectors that say "passages about sinh hoạt lớp are closest to the question".
"""

import sys
import types

import pytest
from django.test import override_settings

from truyenthong.assistant import rerank
from truyenthong.assistant.answering import answer_question

pytestmark = pytest.mark.django_db


class _Embedder:
    def __init__(self, path, local_files_only):
        assert local_files_only is True
        self.path = path

    def encode(self, texts, normalize_embeddings):
        return [[1.0, 0.0] if i == 0 or "sinh hoạt lớp" in t else [0.0, 1.0] for i, t in enumerate(texts)]


@pytest.fixture
def fake_model(monkeypatch):
    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = _Embedder
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    rerank._model.cache_clear()
    yield
    rerank._model.cache_clear()


def test_without_a_model_setting_the_bm25_order_is_kept(library):
    answer = answer_question(school=library.school, question="tuyên truyền đến học sinh và phụ huynh")
    assert answer.passages


def test_a_configured_model_reorders_the_candidates(library, fake_model):
    question = "tổ chức tuyên truyền"
    plain = answer_question(school=library.school, question=question, top_k=10)
    with override_settings(ASSISTANT_EMBEDDING_MODEL="/duong-dan/mo-hinh"):
        reranked = answer_question(school=library.school, question=question, top_k=10)
    assert "sinh hoạt lớp" in reranked.passages[0].text
    assert [p.text for p in plain.passages] != [p.text for p in reranked.passages]


def test_a_missing_package_leaves_the_order_alone(library, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    rerank._model.cache_clear()
    with override_settings(ASSISTANT_EMBEDDING_MODEL="/duong-dan/mo-hinh"):
        answer = answer_question(school=library.school, question="kinh phí lấy từ đâu")
    rerank._model.cache_clear()
    assert answer.passages[0].text.startswith("Kinh phí thực hiện")
