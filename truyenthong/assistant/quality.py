"""The assistant's evaluation: recall@1, recall@5, MRR and latency over the Vietnamese question set (no database).

`make eval-assistant` runs it. The corpus is the seed plan and the demo documents, split into passages by the same
code the library uses; a question is answered at rank r when the r-th passage contains its expected text.
Questions are split in two halves: `tune` (looked at while choosing weights, abbreviations and paraphrases) and
`held` (never looked at while tuning), and both are reported. "shown@5" counts the expected passage only when it
is also shown (it covers enough of the question, see lib.retrieval.answer.MIN_MATCHED). Questions of the `none`
split are about things the documents do not say: the assistant must decline them ("declined").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from truyenthong.lib.plandoc.reader import read_paragraphs
from truyenthong.lib.retrieval.answer import MIN_MATCHED
from truyenthong.lib.retrieval.bm25 import Bm25Index, index_heading
from truyenthong.lib.retrieval.passages import Passage, read_metadata, split_passages
from truyenthong.lib.vntext import nfc

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_PLAN = Path(__file__).resolve().parent.parent / "plans" / "fixtures" / "ke-hoach-35-KH-CLQD.txt"
DEMO_DOCUMENTS = {
    "ke-hoach": SEED_PLAN,
    "tom-tat": FIXTURES / "tom-tat-nghi-quyet-71.txt",
    "huong-dan": FIXTURES / "huong-dan-truyen-thong.txt",
    "cuoc-thi": FIXTURES / "the-le-cuoc-thi.txt",
}
QUESTIONS = FIXTURES / "eval-questions.tsv"


@dataclass(frozen=True)
class Question:
    split: str
    document: str
    expected: str
    text: str


@dataclass
class Result:
    count: int
    recall_1: float
    recall_5: float
    mrr: float
    p50_ms: float
    p95_ms: float
    misses: list[tuple[Question, list[str]]]
    shown_5: float = 0.0


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        split, document, expected, text = line.split("\t")
        out.append(Question(split, document, nfc(expected), nfc(text)))
    return out


def load_corpus() -> tuple[list[str], list[Passage], list[str]]:
    """(document key, passage, document type) of every passage of the demo library."""
    keys, passages, kinds = [], [], []
    for key, path in DEMO_DOCUMENTS.items():
        paragraphs = read_paragraphs(path.read_bytes(), path.name)
        kind = read_metadata(paragraphs).doc_type
        for passage in split_passages(paragraphs):
            keys.append(key)
            passages.append(passage)
            kinds.append(kind)
    return keys, passages, kinds


def build_index(passages: list[Passage], kinds: list[str]) -> Bm25Index:
    return Bm25Index([(index_heading(k, p.heading), p.text) for p, k in zip(passages, kinds, strict=True)])


def evaluate(questions: list[Question], index: Bm25Index, keys: list[str], passages: list[Passage]) -> Result:
    ranks, latencies, misses, shown = [], [], [], 0
    for q in questions:
        start = time.perf_counter()
        hits = index.search(q.text, k=5)
        latencies.append((time.perf_counter() - start) * 1000)
        rank = next(
            (
                r
                for r, hit in enumerate(hits, start=1)
                if keys[hit.index] == q.document and q.expected in passages[hit.index].text
            ),
            None,
        )
        ranks.append(rank)
        shown += rank is not None and hits[rank - 1].matched >= MIN_MATCHED
        if rank != 1:
            misses.append((q, [passages[h.index].text[:70] for h in hits[:3]]))
    n = len(questions) or 1
    latencies.sort()
    return Result(
        count=len(questions),
        recall_1=sum(1 for r in ranks if r == 1) / n,
        recall_5=sum(1 for r in ranks if r is not None) / n,
        mrr=sum(1 / r for r in ranks if r) / n,
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p95_ms=latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else 0.0,
        misses=misses,
        shown_5=shown / n,
    )


def declined(index: Bm25Index, questions: list[Question]) -> float:
    """Share of out-of-scope questions for which no passage is shown (the answer is "Tài liệu không đề cập…")."""
    if not questions:
        return 1.0
    return sum(all(h.matched < MIN_MATCHED for h in index.search(q.text, k=5)) for q in questions) / len(
        questions
    )


def run(*, show_misses: bool = False, split: str = "") -> dict[str, Result]:
    keys, passages, kinds = load_corpus()
    index = build_index(passages, kinds)
    questions = load_questions()
    results = {}
    for name in ("tune", "held"):
        if split and split != name:
            continue
        results[name] = evaluate([q for q in questions if q.split == name], index, keys, passages)
    answerable = [q for q in questions if q.split != "none"]
    results["all"] = evaluate(answerable, index, keys, passages) if not split else results[split]
    return results


def run_declined() -> tuple[int, float]:
    keys, passages, kinds = load_corpus()
    outside = [q for q in load_questions() if q.split == "none"]
    return len(outside), declined(build_index(passages, kinds), outside)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đánh giá trợ lý hỏi đáp trên bộ câu hỏi tiếng Việt.")
    parser.add_argument("--misses", action="store_true", help="in các câu chưa đúng ở hạng 1")
    parser.add_argument("--split", choices=["tune", "held"], default="")
    args = parser.parse_args(argv)
    keys, passages, _ = load_corpus()
    print(f"corpus: {len(set(keys))} documents, {len(passages)} passages")
    results = run(show_misses=args.misses, split=args.split)
    print(
        f"{'split':<6} {'n':>4} {'recall@1':>9} {'recall@5':>9} {'shown@5':>8} {'MRR':>6} {'p50 ms':>7} {'p95 ms':>7}"
    )
    for name, r in results.items():
        print(
            f"{name:<6} {r.count:>4} {r.recall_1:>9.3f} {r.recall_5:>9.3f} {r.shown_5:>8.3f} {r.mrr:>6.3f} "
            f"{r.p50_ms:>7.2f} {r.p95_ms:>7.2f}"
        )
    count, share = run_declined()
    print(f"out of scope: {count} questions, declined {share:.3f}")
    if args.misses:
        for name, r in results.items():
            if name == "all":
                continue
            for q, top in r.misses:
                print(f"[{name}] {q.text!r} → expected «{q.expected[:50]}»")
                for t in top:
                    print("      ", t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
