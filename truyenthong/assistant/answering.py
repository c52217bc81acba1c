"""Answer a question from a school's library: the best passages, highlighted, and a short cited answer.

Without an endpoint configured the answer is extractive (sentences copied from the cited passages, see
lib.retrieval.answer). With ASSISTANT_LLM_URL and ASSISTANT_LLM_MODEL set, the answer is generated from the same
passages only; when the endpoint fails or cites nothing valid, the extractive answer is shown instead.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from truyenthong.assistant.index import school_index
from truyenthong.assistant.llm import LlmError, generate
from truyenthong.assistant.models import Document
from truyenthong.lib.retrieval.answer import MIN_MATCHED, NOT_FOUND, compose_answer, highlight
from truyenthong.lib.vntext import nfc

logger = logging.getLogger(__name__)
MAX_QUESTION = 300


@dataclass
class Cited:
    number: int
    document: str  # the document's label: "Kế hoạch số 35/KH-CLQĐ"
    document_id: int
    section: str
    heading: str
    text: str
    score: float
    url: str
    pieces: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def highlighted(self) -> str:
        """The passage as HTML with the question's words in <mark> (escaped; no whitespace added)."""
        return mark_safe(  # noqa: S308 - every piece is escaped here
            "".join(f"<mark>{escape(text)}</mark>" if hit else str(escape(text)) for text, hit in self.pieces)
        )


@dataclass
class Answer:
    question: str
    answered: bool
    text: str  # the short answer shown above the passages
    sentences: list[tuple[str, int]]  # (sentence, citation number) of an extractive answer
    passages: list[Cited]
    generated: bool = False
    elapsed_ms: float = 0.0

    def as_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "passages": [
                {
                    "document": p.document,
                    "section": p.section,
                    "text": p.text,
                    "score": p.score,
                    "url": p.url,
                }
                for p in self.passages
            ],
        }


def clean_question(text: str) -> str:
    return nfc(text)[:MAX_QUESTION]


def passage_url(*, school_code: str, document_id: int, order: int, public: bool) -> str:
    name = "assistant:public-document" if public else "assistant:document-detail"
    return reverse(name, args=[school_code, document_id]) + f"#doan-{order + 1}"


def answer_question(*, school, question: str, top_k: int = 5, include_private: bool = False) -> Answer:
    """The answer to ``question`` over the school's documents (only public ones unless ``include_private``)."""
    start = time.perf_counter()
    question = clean_question(question)
    index = school_index(school.pk)
    allowed = None if include_private else index.public
    hits = index.bm25.search(question, k=max(1, min(top_k, 20)), allowed=allowed) if question else []
    if hits and getattr(settings, "ASSISTANT_EMBEDDING_MODEL", ""):
        from truyenthong.assistant.rerank import rerank

        hits = rerank(question, hits, [index.passages[h.index].text for h in hits])
    relevant, seen = [], set()
    for hit in hits:
        text = index.passages[hit.index].text
        # The same paragraph in two documents (a plan imported twice, a copy uploaded) is shown once.
        if hit.matched >= MIN_MATCHED and text not in seen:
            relevant.append(hit)
            seen.add(text)
    titles = dict(
        (d.pk, d.label)
        for d in Document.objects.filter(pk__in={index.passages[h.index].document_id for h in relevant})
    )
    cited = []
    for n, hit in enumerate(relevant, start=1):
        ref = index.passages[hit.index]
        cited.append(
            Cited(
                number=n,
                document=titles.get(ref.document_id, ""),
                document_id=ref.document_id,
                section=ref.section,
                heading=ref.heading,
                text=ref.text,
                score=hit.score,
                url=passage_url(
                    school_code=school.code,
                    document_id=ref.document_id,
                    order=ref.order,
                    public=not include_private,
                ),
                pieces=highlight(ref.text, question),
            )
        )
    answer = Answer(question=question, answered=bool(cited), text=NOT_FOUND, sentences=[], passages=cited)
    if cited:
        sentences = compose_answer(question, [c.text for c in cited], index.bm25.idf)
        answer.sentences = [(s.text, s.citation) for s in sentences]
        answer.text = " ".join(f"{s.text} [{s.citation}]" for s in sentences)
        url = getattr(settings, "ASSISTANT_LLM_URL", "")
        model = getattr(settings, "ASSISTANT_LLM_MODEL", "")
        if url and model:
            try:
                generated = generate(
                    question,
                    [c.text for c in cited],
                    url=url,
                    model=model,
                    key=getattr(settings, "ASSISTANT_LLM_KEY", ""),
                    timeout=getattr(settings, "ASSISTANT_LLM_TIMEOUT", 20.0),
                )
            except LlmError as exc:
                logger.warning("Trợ lý: máy sinh câu trả lời không dùng được (%s), dùng câu trích.", exc)
            else:
                answer.generated = True
                answer.answered = generated.covered
                answer.text = generated.text
                answer.sentences = []
    answer.elapsed_ms = round((time.perf_counter() - start) * 1000, 2)
    return answer
