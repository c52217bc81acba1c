"""Measurable quantities in a target sentence ("chỉ tiêu").

Rules (applied to each clause of the sentence; clauses are separated by ";"):
- "N%" is a percentage. It is a lower bound (">=") by default — "100%", "90% trở lên", "tối thiểu 70%", "phấn đấu
  95%", "đạt 100%" all mean "reach at least N%" — an upper bound ("<=") after "không quá / tối đa / dưới", a decrease
  after "giảm", an increase by N after "tăng / nâng".
- "ít nhất / tối thiểu / phấn đấu / không quá / tối đa N <noun>" or "N bài viết / buổi / lượt …" is a count.
  Years (19xx, 20xx), dates and document numbers are never quantities.
- "không có / không để xảy ra / không xảy ra / không còn …" with no number is a zero target (value 0).
- "nâng / tăng … hằng năm / so với / ổn định" with no number is an increase over the previous period (value None).
- A clause with none of these is qualitative and gives nothing; a sentence may give several measures.
"""

from __future__ import annotations

import re

from truyenthong.lib.plandoc.model import Measure
from truyenthong.lib.vntext import fold

_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_COUNT_NOUNS = (
    "bai",
    "tin",
    "buoi",
    "hoat dong",
    "luot",
    "san pham",
    "video",
    "cuoc",
    "chuyen de",
    "infographic",
    "lan",
    "so",
    "an pham",
    "chuyen muc",
    "phong su",
    "clip",
    "hoi thao",
    "toa dam",
    "dien dan",
    "giai",
    "nguoi",
    "lop",
    "mo hinh",
    "tai lieu",
    "ban tin",
    "diem",
    "dot",
)
_COUNT = re.compile(r"(?<![\d/.,-])(\d{1,6})(?![\d/%.,-])\s+([^\d\s,;.]+(?:\s+[^\d\s,;.]+)?)")
_LOWER_WORDS = ("it nhat", "toi thieu", "phan dau", "tren", "dat", "tu", "co")
_UPPER_WORDS = ("khong qua", "toi da", "duoi")
_ZERO_WORDS = ("khong co ", "khong de xay ra", "khong xay ra", "khong con ", "khong de ", "khong phat sinh")
_INCREASE_WORDS = ("nang", "tang")
_INCREASE_CONTEXT = ("hang nam", "so voi", "on dinh", "nam sau cao hon", "moi nam")
_QUALIFIERS = re.compile(
    r"^(?:duy trì|phấn đấu|tối thiểu|ít nhất|đạt|có|trên|từ)\s+|\s+(?:trở lên|trở lên\.)$", re.IGNORECASE
)


def _before(clause_folded: str, index: int, words: tuple[str, ...], window: int = 40) -> bool:
    context = clause_folded[max(0, index - window) : index]
    return any(re.search(rf"(^|\s){re.escape(w)}\s*$", context) or f" {w} " in f" {context} " for w in words)


def _subject(clause: str, span: tuple[int, int]) -> str:
    text = (clause[: span[0]] + " " + clause[span[1] :]).strip()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"^(?:duy trì|phấn đấu|tối thiểu|ít nhất)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^trở lên\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+(?:đạt|trở lên|là)$", "", text.rstrip(" .;:,"), flags=re.IGNORECASE)
    return text.strip(" .;:,")


def _value(raw: str) -> float:
    return float(raw.replace(",", "."))


def measures_in(text: str) -> list[Measure]:
    """Every measure in `text`, in the order written."""
    result: list[Measure] = []
    for clause in [c.strip() for c in text.split(";") if c.strip()]:
        folded = fold(clause)
        # fold() keeps length except for removed combining marks, which NFC text does not have separately.
        found: list[tuple[int, Measure]] = []
        for match in _PERCENT.finditer(clause):
            start = match.start()
            if _before(folded, start, ("giam",), 60):
                comparator = "decrease"
            elif _before(folded, start, _UPPER_WORDS):
                comparator = "<="
            elif _before(folded, start, _INCREASE_WORDS, 30):
                comparator = "increase"
            else:
                comparator = ">="
            found.append(
                (
                    start,
                    Measure(_value(match.group(1)), "%", comparator, clause, _subject(clause, match.span())),
                )
            )
        if not found:
            for match in _COUNT.finditer(clause):
                number, noun = match.group(1), fold(match.group(2))
                if len(number) == 4 and number[:2] in ("19", "20"):
                    continue
                start = match.start()
                qualified_low = _before(folded, start, _LOWER_WORDS[:4])
                qualified_up = _before(folded, start, _UPPER_WORDS)
                if not (qualified_low or qualified_up or any(noun.startswith(n) for n in _COUNT_NOUNS)):
                    continue
                comparator = (
                    "<=" if qualified_up else ("decrease" if _before(folded, start, ("giam",)) else ">=")
                )
                found.append(
                    (
                        start,
                        Measure(float(number), "count", comparator, clause, _subject(clause, match.span(1))),
                    )
                )
        if not found:
            padded = f" {folded} "
            hits = [padded.find(w) for w in _ZERO_WORDS if w in padded]
            if hits and "khong qua" not in folded:
                found.append((min(hits), Measure(0.0, None, "zero", clause, clause.strip(" .;"))))
            elif any(re.search(rf"(^|\s){w}(\s|$)", folded) for w in _INCREASE_WORDS) and any(
                w in folded for w in _INCREASE_CONTEXT
            ):
                found.append((0, Measure(None, None, "increase", clause, clause.strip(" .;"))))
        result.extend(m for _, m in sorted(found, key=lambda pair: pair[0]))
    return result
