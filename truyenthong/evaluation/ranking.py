"""Emulation ranking and classification (pure, no Django): competition ranking with explicit ties, entries without a
score listed last and unranked, classification by the thresholds the school sets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from truyenthong.lib.vntext import fold

EXCELLENT, GOOD, COMPLETE, INCOMPLETE, UNSCORED = "excellent", "good", "complete", "incomplete", "unscored"
CLASS_LABELS = {
    EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    GOOD: "Hoàn thành tốt nhiệm vụ",
    COMPLETE: "Hoàn thành nhiệm vụ",
    INCOMPLETE: "Không hoàn thành nhiệm vụ",
    UNSCORED: "Chưa có điểm",
}
CLASS_BADGES = {EXCELLENT: "ok", GOOD: "ok", COMPLETE: "", INCOMPLETE: "bad", UNSCORED: ""}


@dataclass(frozen=True)
class Thresholds:
    """Lowest score of each class: a score ≥ excellent is "Hoàn thành xuất sắc", and so on down."""

    excellent: Decimal
    good: Decimal
    complete: Decimal

    def problems(self) -> list[str]:
        out = []
        if not (self.excellent > self.good > self.complete >= 0):
            out.append("Ngưỡng phải giảm dần: Hoàn thành xuất sắc > Hoàn thành tốt > Hoàn thành ≥ 0.")
        return out


def classify(score: Decimal | None, thresholds: Thresholds) -> str:
    if score is None:
        return UNSCORED
    if score >= thresholds.excellent:
        return EXCELLENT
    if score >= thresholds.good:
        return GOOD
    if score >= thresholds.complete:
        return COMPLETE
    return INCOMPLETE


@dataclass(frozen=True)
class Ranked:
    key: object
    name: str
    score: Decimal | None
    rank: int | None  # None: no score, not ranked
    tied: bool  # shares its rank with another entry ("đồng hạng")
    classification: str

    @property
    def classification_label(self) -> str:
        return CLASS_LABELS[self.classification]

    @property
    def badge(self) -> str:
        return CLASS_BADGES[self.classification]

    @property
    def rank_label(self) -> str:
        if self.rank is None:
            return "—"
        return f"{self.rank} (đồng hạng)" if self.tied else str(self.rank)


def rank(entries: list[tuple[object, str, Decimal | None]], thresholds: Thresholds) -> list[Ranked]:
    """Standard competition ranking ("1, 2, 2, 4"): equal scores share a rank and the next rank skips.

    Entries with equal scores are listed by name (accent-insensitive) so the order never depends on the database.
    Entries without a score come last, unranked and "Chưa có điểm": a missing score is not a zero.
    """
    scored = sorted((e for e in entries if e[2] is not None), key=lambda e: (-e[2], fold(e[1]), e[1]))
    missing = sorted((e for e in entries if e[2] is None), key=lambda e: (fold(e[1]), e[1]))
    counts: dict[Decimal, int] = {}
    for _, _, score in scored:
        counts[score] = counts.get(score, 0) + 1
    out: list[Ranked] = []
    previous: Decimal | None = None
    current_rank = 0
    for position, (key, name, score) in enumerate(scored, start=1):
        if score != previous:
            current_rank, previous = position, score
        out.append(Ranked(key, name, score, current_rank, counts[score] > 1, classify(score, thresholds)))
    out.extend(Ranked(key, name, None, None, False, UNSCORED) for key, name, _ in missing)
    return out


def class_counts(ranked: list[Ranked]) -> dict[str, int]:
    counts = {k: 0 for k in CLASS_LABELS}
    for r in ranked:
        counts[r.classification] += 1
    return counts
