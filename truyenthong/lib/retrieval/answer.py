"""Extractive answers and summaries: sentences taken whole from passages, each with the passage it came from.

An extractive answer never contains a sentence that is not, character for character, in a cited passage: it is
built only from :func:`split_sentences` of the passages it cites.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from truyenthong.lib.retrieval.passages import split_sentences
from truyenthong.lib.retrieval.text import query_terms, syllables, terms
from truyenthong.lib.vntext import fold

NOT_FOUND = (
    "Tài liệu không đề cập trực tiếp đến nội dung này. Bạn có thể đặt lại câu hỏi bằng từ khác "
    "hoặc liên hệ nhà trường."
)
_LIST_MARK_RE = re.compile(r"^(?:[-+•●▪–]\s*|[a-zđ]\)\s+|\d{1,2}\.\s+)")
# A passage answers only when it holds at least this share of the question's own (idf-weighted) terms.
MIN_MATCHED = 0.45


@dataclass(frozen=True)
class AnswerSentence:
    text: str
    citation: int  # 1-based number of the cited passage in the list shown


def _sentence_score(sentence: str, weights: dict[str, float], idf: dict[str, float]) -> float:
    present = set(terms(sentence))
    return sum(w * idf.get(t, 0.0) for t, w in weights.items() if t in present)


def compose_answer(
    question: str,
    passages: list[str],
    idf: dict[str, float],
    *,
    max_sentences: int = 3,
) -> list[AnswerSentence]:
    """Up to ``max_sentences`` sentences from the passages (given best first) that answer the question best.

    The first passage always gives one sentence; later passages give one only if it scores at least half the best.
    Sentences come out in the order of the passages that hold them.
    """
    weights = query_terms(question)
    chosen: list[tuple[int, int, str, float]] = []
    best_score = 0.0
    for n, passage in enumerate(passages[:max_sentences], start=1):
        scored = [(s, _sentence_score(s, weights, idf)) for s in split_sentences(passage)]
        if not scored:
            continue
        position, (sentence, score) = max(enumerate(scored), key=lambda item: (item[1][1], -item[0]))
        if n == 1:
            best_score = score
        elif score < 0.5 * best_score or score <= 0:
            continue
        sentence = _LIST_MARK_RE.sub(
            "", sentence, count=1
        )  # "- Tuyên truyền…" → "Tuyên truyền…" (still a substring)
        if any(sentence == c[2] for c in chosen):
            continue
        chosen.append((n, position, sentence, score))
    return [AnswerSentence(text=s, citation=n) for n, _, s, _ in chosen]


def highlight(text: str, question: str) -> list[tuple[str, bool]]:
    """The passage cut into (piece, is_match) so a template can mark the words of the question it contains."""
    wanted = {t for t, w in query_terms(question).items() if w >= 1.0 and "_" not in t}
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in re.finditer(r"\w+", text):
        word = match.group()
        if fold(word) in wanted or word.lower() in wanted:
            if match.start() > last:
                pieces.append((text[last : match.start()], False))
            pieces.append((word, True))
            last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def summarise(passages: list[str], *, max_sentences: int = 6) -> list[str]:
    """An extractive summary: the sentences closest to the document's main vocabulary, in document order.

    Each sentence scores the mean tf-idf weight of its distinct terms against the whole document, so long
    sentences are not favoured; very short ones (headings, list stubs) are skipped; one sentence per passage.
    """
    sentences: list[tuple[int, str]] = []
    for i, passage in enumerate(passages):
        for s in split_sentences(passage):
            if len(syllables(s)) >= 8:
                sentences.append((i, s))
    if not sentences:
        return []
    df: Counter = Counter()
    tf: Counter = Counter()
    per_sentence = []
    for _, s in sentences:
        own = [t for t in terms(s) if "_" not in t]
        per_sentence.append(set(own))
        tf.update(own)
        df.update(set(own))
    n = len(sentences)
    weight = {t: tf[t] * math.log(1 + n / df[t]) for t in tf}
    scored = []
    for k, ((passage_index, s), own) in enumerate(zip(sentences, per_sentence, strict=True)):
        if own:
            scored.append((sum(weight[t] for t in own) / len(own), k, passage_index, s))
    scored.sort(key=lambda item: (-item[0], item[1]))
    picked, used_passages, covered = [], set(), set()
    for _, k, passage_index, s in scored:
        own = per_sentence[k]
        # Skip a sentence that mostly repeats what is already picked (plans repeat their titles often).
        if passage_index in used_passages or len(own & covered) > 0.5 * len(own):
            continue
        picked.append((k, s))
        used_passages.add(passage_index)
        covered |= own
        if len(picked) == max_sentences:
            break
    return [s for _, s in sorted(picked)]
