"""Measurable quantities in a target sentence (chỉ tiêu), read by rule, not by guesswork.

Rules, applied to each clause of the target (clauses are split at ";"):

- Numbers that are not quantities are ignored: years ("2026", "2026-2030"), dates ("22/8/2025"), fractions and
  document references ("71-NQ/TW", "1020/KH-SGDĐT"), and numbers used as ordinals after words such as "số",
  "lớp", "khối", "tháng", "tuần", "học kỳ", "đợt", "lần thứ" ("lớp 10", "Nghị quyết số 71").
- A percentage ("100%", "95,5%") gives a measure in "%"; a whole number followed by a noun ("12 bài viết",
  "04 buổi") gives a measure in "count" (not when the noun is a unit of time: "3 tháng").
- Its comparator comes from the nearest keyword before it in the clause: "tối thiểu", "ít nhất", "không dưới",
  "trên", "đạt", "phấn đấu", "lên", "từ" → ">="; "không quá", "tối đa", "dưới", "xuống (còn)", "chỉ còn" → "<=";
  "giảm" → "decrease"; "tăng", "nâng" → "increase"; "bằng", "đúng" → "=". "trở lên" / "trở xuống" right after
  the number win over them. With no keyword a target states a level to reach, so a plain "100%" means ">=".
  In "từ 80% lên 90%" the first number is the baseline and gives no measure. A value of 0 means "zero".
- "không có", "không để (xảy ra)", "không xảy ra", "không còn", "không phát sinh" give a "zero" measure with no
  unit (value 0), unless a number follows closely ("không để quá 5%" is "<=").
- A trend with no number gives "increase" or "decrease" with no value, but only when the clause says what is
  counted or when: "tỷ lệ", "số lượng", "số lượt", "hằng năm", "qua các năm", "so với" … ("nâng tỷ lệ học sinh
  đỗ đại học hằng năm"). "Nâng cao chất lượng …" and "tăng cường …" alone are qualitative and give nothing.
- ``text`` is the clause; ``subject`` is what the number counts: the words after it ("100% cán bộ … được học
  tập" → "cán bộ … được học tập") or, when the number ends the clause, the words before it without the leading
  verb and the comparator ("Duy trì tỷ lệ học sinh tốt nghiệp THPT đạt 100%" → "tỷ lệ học sinh tốt nghiệp THPT").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from truyenthong.lib.plandoc.model import Measure
from truyenthong.lib.plandoc.refs import REF_RE
from truyenthong.lib.vntext import nfc

SUBJECT_MAX = 250

_W = r"(?<![^\W_])"  # start of a word
_E = r"(?![^\W_])"  # end of a word

_DATE_RE = re.compile(r"\d{1,4}(?:\s*/\s*\d{1,4})+")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_ORDINAL_RE = re.compile(
    _W
    + r"(?P<word>số|lớp|khối|tháng|ngày|tuần|quý|kỳ|điều|khoản|mục|phần|thứ|tiết|trang|chương|bậc|hạng|cấp|"
    r"top|tổ|đội|nhóm|đợt|phòng|khóa|khoá|phiên|vòng|tập|giai đoạn|học kỳ|lần thứ|tầng|dãy|mẫu|phụ lục)"
    r"\s+(?P<num>\d+)",
    re.IGNORECASE,
)
_PERIODIC_BEFORE = ("mỗi", "hằng", "hàng", "trong", "/")

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:,\d+)?|\d+(?:\.\d+)?"
_PERCENT_RE = re.compile(rf"(?<![\w.,/#])(?P<num>{_NUMBER})\s*%")
_COUNT_RE = re.compile(rf"(?<![\w.,/#%-])(?P<num>{_NUMBER})(?![\w%/#]|[.,-]\d)\s+(?P<noun>[^\W\d_]+)")
_TIME_NOUNS = {"tháng", "năm", "ngày", "tuần", "giờ", "phút", "giây", "quý", "kỳ", "tiếng", "h"}
_BASELINE_RE = re.compile(r"\s*%?\s*(?:lên|xuống)\b")

_KEYWORDS: list[tuple[str, str]] = [
    ("tối thiểu", ">="),
    ("ít nhất", ">="),
    ("không dưới", ">="),
    ("không thấp hơn", ">="),
    ("trên", ">="),
    ("đạt", ">="),
    ("phấn đấu", ">="),
    ("lên", ">="),
    ("từ", ">="),
    ("không quá", "<="),
    ("không vượt quá", "<="),
    ("tối đa", "<="),
    ("dưới", "<="),
    ("xuống", "<="),
    ("xuống còn", "<="),
    ("chỉ còn", "<="),
    ("giảm", "decrease"),
    ("giảm thiểu", "decrease"),
    ("tăng", "increase"),
    ("nâng", "increase"),
    ("gia tăng", "increase"),
    ("bằng", "="),
    ("đúng", "="),
]
_KEYWORD_RE = re.compile(
    _W + "(" + "|".join(re.escape(k) for k, _ in sorted(_KEYWORDS, key=lambda kv: -len(kv[0]))) + ")" + _E,
    re.IGNORECASE,
)
_KEYWORD_COMPARATOR = dict(_KEYWORDS)
_AFTER_RE = re.compile(r"\s*(trở lên|trở xuống)" + _E, re.IGNORECASE)

_ZERO_RE = re.compile(
    _W + r"(?:tuyệt đối\s+)?không\s+(?:để\s+(?:xảy\s+ra|phát\s+sinh|có)|để|có|xảy\s+ra|còn|phát\s+sinh)" + _E,
    re.IGNORECASE,
)
_INCREASE_RE = re.compile(
    _W + r"(?:gia\s+tăng|tăng(?!\s+cường)|nâng(?!\s+cấp)|cao\s+hơn|nhiều\s+hơn)" + _E, re.I
)
_DECREASE_RE = re.compile(_W + r"(?:giảm(?:\s+thiểu)?|hạ\s+thấp|thấp\s+hơn|ít\s+hơn)" + _E, re.IGNORECASE)
_MEASURABLE_RE = re.compile(
    _W + r"(?:tỷ\s+lệ|tỉ\s+lệ|số\s+lượng|số\s+lượt|lượt|hằng\s+năm|hàng\s+năm|qua\s+(?:từng|các)\s+năm|"
    r"năm\s+sau\s+cao\s+hơn\s+năm\s+trước|so\s+với|số\s+(?:học\s+sinh|giáo\s+viên|vụ|trường\s+hợp))" + _E,
    re.IGNORECASE,
)

_LEADING_VERBS_RE = re.compile(
    r"^(?:(?:duy\s+trì|phấn\s+đấu|đảm\s+bảo|bảo\s+đảm|giữ\s+vững|giữ|nâng\s+cao|nâng|gia\s+tăng|tăng|giảm\s+thiểu|"
    r"giảm|có|đạt|để|và|cho|về)\s+)+",
    re.IGNORECASE,
)
_TRAILING_WORDS_RE = re.compile(
    r"(?:\s+so\s+với\b.*$|\s+từ\s+[\d.,]+\s*%?|(?<!chưa)(?<!không)\s+đạt"
    r"|\s+(?:đạt\s+mức|ở\s+mức|mức|là|tối\s+thiểu|ít\s+nhất|trên|lên|lên\s+mức|xuống|xuống\s+còn|còn|tăng|giảm|"
    r"nâng|không\s+quá|tối\s+đa|dưới|từ|khoảng|bằng|ổn\s+định|hằng\s+năm|hàng\s+năm|qua\s+(?:từng|các)\s+năm))+$",
    re.IGNORECASE,
)
_EDGE_PUNCT = " \t,.;:!?-–—"


@dataclass
class _Event:
    start: int
    end: int
    measure: Measure


def split_clauses(text: str) -> list[str]:
    """The clauses of a target, split at semicolons, trimmed of list markers and end punctuation."""
    clauses = []
    for part in nfc(text).split(";"):
        part = part.strip(_EDGE_PUNCT).strip()
        if part:
            clauses.append(part)
    return clauses


def measures_in(text: str) -> list[Measure]:
    """Every measure of a target, in the order its clauses state them."""
    found: list[Measure] = []
    for clause in split_clauses(text):
        found.extend(_clause_measures(clause))
    return found


def _masked(clause: str) -> str:
    """The clause with every number that is not a quantity replaced by "#", positions unchanged."""
    chars = list(clause)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i].isdigit():
                chars[i] = "#"

    for match in REF_RE.finditer(clause):
        blank(match.start(), match.end())
    for match in _DATE_RE.finditer(clause):
        blank(match.start(), match.end())
    for match in _YEAR_RE.finditer(clause):
        blank(match.start(), match.end())
    for match in _ORDINAL_RE.finditer(clause):
        before = clause[: match.start()].rstrip().lower()
        if match.group("word").lower() in {"tháng", "ngày", "tuần", "quý", "kỳ"} and before.endswith(
            _PERIODIC_BEFORE
        ):
            continue  # "mỗi tháng 2 bài" counts; "tháng 3" is a date
        blank(match.start("num"), match.end("num"))
    return "".join(chars)


def _number(raw: str, *, percent: bool) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) and not percent:
        return float(raw.replace(".", ""))
    return float(raw.replace(",", "."))


def _comparator_before(clause: str, start: int, floor: int, default: str = ">=") -> str:
    best: tuple[int, int, str] | None = None
    for match in _KEYWORD_RE.finditer(clause, floor, start):
        key = (match.end(), match.end() - match.start())
        if best is None or key > best[:2]:
            best = (*key, _KEYWORD_COMPARATOR[match.group(1).lower()])
    return best[2] if best else default


def _tidy_subject(text: str) -> str:
    text = text.strip(_EDGE_PUNCT)
    text = _LEADING_VERBS_RE.sub("", text)
    text = _TRAILING_WORDS_RE.sub("", text).strip(_EDGE_PUNCT)
    if len(text) > SUBJECT_MAX:
        text = text[:SUBJECT_MAX].rsplit(" ", 1)[0].rstrip(_EDGE_PUNCT) + " …"
    return text


def _subject(clause: str, before: tuple[int, int], after: tuple[int, int]) -> str:
    after_text = _AFTER_RE.sub("", clause[after[0] : after[1]], count=1)
    after_text = after_text.strip(_EDGE_PUNCT)
    if len(after_text.split()) >= 2 and not re.match(r"(?i)so\s+với", after_text):
        return _tidy_subject(after_text)
    return _tidy_subject(clause[before[0] : before[1]])


def _clause_measures(clause: str) -> list[_Event | Measure]:
    masked = _masked(clause)
    numeric: list[tuple[int, int, float, str]] = []  # start, end, value, unit
    for match in _PERCENT_RE.finditer(masked):
        numeric.append((match.start(), match.end(), _number(match.group("num"), percent=True), "%"))
    for match in _COUNT_RE.finditer(masked):
        if match.group("noun").lower() in _TIME_NOUNS:
            continue
        if any(s <= match.start() < e for s, e, _, _ in numeric):
            continue
        numeric.append((match.start(), match.end("num"), _number(match.group("num"), percent=False), "count"))
    numeric.sort()
    # "từ 80% lên 90%": the first number is where one starts from, not a target.
    numeric = [n for n in numeric if not _BASELINE_RE.match(masked, n[1])]

    events: list[_Event] = []
    floor = 0
    for start, end, value, unit in numeric:
        after = _AFTER_RE.match(clause, end)
        if after:
            comparator = ">=" if after.group(1).lower() == "trở lên" else "<="
        else:
            comparator = _comparator_before(clause, start, floor)
        if value == 0:
            measure = Measure(value=0.0, unit=None, comparator="zero", text=clause)
        else:
            measure = Measure(value=value, unit=unit, comparator=comparator, text=clause)
        events.append(_Event(start, end, measure))
        floor = end

    def near_number(pos: int) -> bool:
        return any(0 <= s - pos <= 15 for s, _, _, _ in numeric)

    for match in _ZERO_RE.finditer(clause):
        if near_number(match.end()):
            continue
        events.append(
            _Event(match.start(), match.end(), Measure(value=0.0, unit=None, comparator="zero", text=clause))
        )

    if _MEASURABLE_RE.search(clause):
        for pattern, comparator in ((_INCREASE_RE, "increase"), (_DECREASE_RE, "decrease")):
            for match in pattern.finditer(clause):
                if any(e.measure.comparator == comparator for e in events) or near_number(match.end()):
                    continue
                if any(e.start <= match.start() < e.end for e in events):
                    continue
                if any(start > match.start() for start, _, _, _ in numeric):
                    continue  # the verb of a number that follows: "tăng … lên 40%"
                events.append(
                    _Event(match.start(), match.end(), Measure(None, None, comparator, text=clause))
                )
                break

    events.sort(key=lambda e: e.start)
    for i, event in enumerate(events):
        prev_end = events[i - 1].end if i else 0
        next_start = events[i + 1].start if i + 1 < len(events) else len(clause)
        if event.measure.comparator in ("increase", "decrease") and event.measure.value is None:
            head = clause[prev_end : event.start]
            if head.strip(_EDGE_PUNCT):
                event.measure.subject = _tidy_subject(head)
            else:
                event.measure.subject = _tidy_subject(clause[event.end : next_start])
        else:
            event.measure.subject = _subject(clause, (prev_end, event.start), (event.end, next_start))
    return [e.measure for e in events]
