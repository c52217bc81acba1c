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
- A change against a baseline: "giảm ít nhất 30% so với năm học 2024-2025" is a decrease of at least 30%
  ("ít nhất", "tối thiểu", "không dưới", "trên" after "tăng"/"giảm" bound the change, they do not turn it into a
  level); the words after "so với" up to the end of the clause or a comma are the ``baseline``.
- A range "90 - 95%", "90% - 95%", "từ 90 đến 95%" is a lower bound with an ``upper`` value.
- A count keeps its unit noun and period: "02 chuyên đề/năm", "2 bài viết mỗi tháng" → ``noun``, ``per``.
- A fraction of units "8/10 tổ" is a count of 8 out of ``total`` 10 (not a date): the second number is not
  smaller than the first and a noun that is not a time word follows.
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
_RANGE_RE = re.compile(
    rf"(?<![\w.,/#])(?:từ\s+)?(?P<lo>{_NUMBER})\s*%?\s*(?:[-–—]|đến|tới)\s*(?P<hi>{_NUMBER})\s*%",
    re.IGNORECASE,
)
_COUNT_RANGE_RE = re.compile(
    r"(?<![\w.,/#])(?:từ\s+)?(?P<lo>\d+)\s*(?:[-–—]|đến|tới)\s*(?P<hi>\d+)\s+(?P<noun>[^\W\d_]+)",
    re.IGNORECASE,
)
# Words after a number that are not what it counts ("3 đến 5", "12 trở lên").
_NOT_NOUNS = {"đến", "tới", "và", "hoặc", "trở", "với", "trên", "dưới", "lên", "xuống", "là", "so"}
_FRACTION_RE = re.compile(
    r"(?<![\w.,/#])(?P<num>\d{1,3})\s*/\s*(?P<den>\d{1,3})(?![\d/])\s+(?P<noun>[^\W\d_]+)"
)
_SO_VOI_RE = re.compile(_W + r"so\s+với\s+(?P<base>[^,;]+)", re.IGNORECASE)
# Two-word unit nouns of counts; any other count keeps its first word as the unit ("04 buổi ngoại khóa" → "buổi").
_COMPOUND_NOUNS = {
    "bài viết",
    "bài báo",
    "bản tin",
    "tin bài",
    "chuyên đề",
    "sản phẩm",
    "hoạt động",
    "câu lạc bộ",
    "tiết học",
    "buổi học",
    "lượt truy cập",
    "lượt xem",
    "học sinh",
    "giáo viên",
    "cán bộ",
    "đề tài",
    "sáng kiến",
    "tác phẩm",
    "công trình",
    "phóng sự",
    "cuộc thi",
    "hội thi",
    "diễn đàn",
    "tọa đàm",
}
_PERIODS = ("năm học", "học kỳ", "năm", "tháng", "tuần", "quý", "đợt")
_PER_RE = re.compile(
    r"\s*(?:/\s*|(?:mỗi|hằng|hàng|trong\s+mỗi|trên\s+mỗi|một)\s+)(?P<per>" + "|".join(_PERIODS) + r")" + _E,
    re.IGNORECASE,
)
_PER_NEAR_RE = re.compile(
    r"(?:/\s*|" + _W + r"(?:mỗi|hằng|hàng)\s+)(?P<per>" + "|".join(_PERIODS) + r")" + _E, re.I
)
_PER_BEFORE_RE = re.compile(_W + r"(?:mỗi|hằng|hàng)\s+(?P<per>" + "|".join(_PERIODS) + r")" + _E, re.I)
# Bounds that, after a change verb ("giảm ít nhất 30%"), bound the change rather than set a level.
_CHANGE_BOUNDS = {"tối thiểu", "ít nhất", "không dưới", "không thấp hơn", "trên"}

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


def _fractions(clause: str) -> list[re.Match]:
    """ "8/10 tổ": a part of a whole followed by what is counted; dates ("15/9 năm", "ngày 8/10") are not."""
    found = []
    for match in _FRACTION_RE.finditer(clause):
        num, den = int(match.group("num")), int(match.group("den"))
        noun = match.group("noun").lower()
        before = clause[: match.start()].rstrip().lower()
        if num > den or den == 0 or noun in _TIME_NOUNS or noun in ("ngày", "năm", "đến", "và", "tới"):
            continue
        if before.endswith(("ngày", "hạn", "trước", "sau", "từ", "đến", "số", "tháng")):
            continue
        found.append(match)
    return found


def _number(raw: str, *, percent: bool) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) and not percent:
        return float(raw.replace(".", ""))
    return float(raw.replace(",", "."))


def _comparator_before(clause: str, start: int, floor: int, default: str = ">=") -> str:
    found: dict[int, tuple[int, str]] = {}  # end → (length, keyword): the longest keyword ending there
    for match in _KEYWORD_RE.finditer(clause, floor, start):
        length = match.end() - match.start()
        if match.end() not in found or length > found[match.end()][0]:
            found[match.end()] = (length, match.group(1).lower())
    if not found:
        return default
    keywords = [found[end][1] for end in sorted(found)]
    last = keywords[-1]
    if last in _CHANGE_BOUNDS:
        # "giảm ít nhất 30%": the bound qualifies the change named before it.
        for keyword in reversed(keywords[:-1]):
            if _KEYWORD_COMPARATOR[keyword] in ("increase", "decrease"):
                return _KEYWORD_COMPARATOR[keyword]
            if keyword not in _CHANGE_BOUNDS:
                break
    return _KEYWORD_COMPARATOR[last]


def _baseline(clause: str, pos: int) -> str:
    """What a change is compared with: the words after "so với" following ``pos`` (or anywhere in the clause)."""
    match = _SO_VOI_RE.search(clause, pos) or _SO_VOI_RE.search(clause)
    if not match:
        return ""
    return match.group("base").strip(_EDGE_PUNCT)


def _noun_and_per(clause: str, start: int, end: int) -> tuple[str, str, int]:
    """The unit noun of a count at ``start``..``end`` ("chuyên đề"), its period ("năm") and where they end."""
    words = re.match(r"\s*([^\W\d_]+)(?:\s+([^\W\d_]+))?", clause[end:])
    if not words:
        return "", "", end
    noun, stop = words.group(1), end + words.end(1)
    if words.group(2) and f"{noun} {words.group(2)}".lower() in _COMPOUND_NOUNS:
        noun, stop = f"{noun} {words.group(2)}", end + words.end(2)
    per = _PER_RE.match(clause, stop) or _PER_NEAR_RE.search(clause[stop : stop + 40])
    if per:
        return noun, per.group("per").lower(), stop
    before = list(_PER_BEFORE_RE.finditer(clause[:start]))
    return noun, before[-1].group("per").lower() if before else "", stop


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
    fractions = _fractions(clause)
    masked = _masked(clause)
    numeric: list[tuple[int, int, float, str]] = []  # start, end, value, unit
    extra: dict[int, dict] = {}  # start → the range's upper value, a fraction's total
    for match in _RANGE_RE.finditer(masked):
        lo, hi = _number(match.group("lo"), percent=True), _number(match.group("hi"), percent=True)
        if lo < hi:
            numeric.append((match.start("lo"), match.end(), lo, "%"))
            extra[match.start("lo")] = {"upper": hi}
    for match in _PERCENT_RE.finditer(masked):
        if any(s <= match.start() < e for s, e, _, _ in numeric):
            continue
        numeric.append((match.start(), match.end(), _number(match.group("num"), percent=True), "%"))
    for match in _COUNT_RANGE_RE.finditer(masked):
        lo, hi = int(match.group("lo")), int(match.group("hi"))
        noun = match.group("noun").lower()
        taken = any(s <= match.start("lo") < e for s, e, _, _ in numeric)
        if lo < hi and noun not in _TIME_NOUNS and noun not in _NOT_NOUNS and not taken:
            numeric.append((match.start("lo"), match.end("hi"), float(lo), "count"))
            extra[match.start("lo")] = {"upper": float(hi)}
    for match in fractions:
        numeric.append((match.start(), match.end("den"), float(match.group("num")), "count"))
        extra[match.start()] = {"total": float(match.group("den"))}
    for match in _COUNT_RE.finditer(masked):
        if match.group("noun").lower() in _TIME_NOUNS or match.group("noun").lower() in _NOT_NOUNS:
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
            measure = Measure(
                value=value, unit=unit, comparator=comparator, text=clause, **extra.get(start, {})
            )
            if unit == "count":
                measure.noun, measure.per, _ = _noun_and_per(clause, start, end)
            if comparator in ("increase", "decrease"):
                measure.baseline = _baseline(clause, end)
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
                trend = Measure(None, None, comparator, text=clause, baseline=_baseline(clause, match.end()))
                events.append(_Event(match.start(), match.end(), trend))
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


# ------------------------------------------------------------------------------------------------- in words

# The one place comparators are named in Vietnamese (pages, forms, previews, reports).
COMPARATOR_LABELS: dict[str, str] = {
    ">=": "tối thiểu",
    "=": "bằng",
    "<=": "tối đa",
    "increase": "tăng",
    "decrease": "giảm",
    "zero": "không để xảy ra",
}
_SYMBOLS = {">=": "≥", "=": "=", "<=": "≤"}


def format_number(value: float | None) -> str:
    """A number the Vietnamese way: 1.200; 0,5; 95."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _quantity(measure: Measure) -> str:
    value = format_number(measure.value)
    if measure.unit == "%":
        if measure.upper is not None:
            return f"{value}–{format_number(measure.upper)}%"
        return f"{value}%"
    if measure.upper is not None:
        value = f"{value}–{format_number(measure.upper)}"
    if measure.total is not None:
        value = f"{value}/{format_number(measure.total)}"
    if measure.noun:
        value = f"{value} {measure.noun}"
    if measure.per:
        value = f"{value}/{measure.per}"
    return value


def describe_measure(measure: Measure) -> str:
    """A measure as a school user reads it: "≥ 90%", "90–95%", "≥ 2 chuyên đề/năm", "≥ 8/10 tổ",
    "giảm ít nhất 30% so với năm học 2024-2025", "tăng so với kỳ trước", "không để xảy ra"."""
    comparator = measure.comparator
    if comparator == "zero":
        return COMPARATOR_LABELS["zero"]
    if comparator in ("increase", "decrease"):
        verb = COMPARATOR_LABELS[comparator]
        baseline = f"so với {measure.baseline}" if measure.baseline else "so với kỳ trước"
        if measure.value is None:
            return f"{verb} {baseline}"
        return f"{verb} ít nhất {_quantity(measure)} {baseline}"
    if measure.value is None:
        return COMPARATOR_LABELS.get(comparator, "")
    if measure.upper is not None:
        return _quantity(measure)
    return f"{_SYMBOLS.get(comparator, '')} {_quantity(measure)}".strip()
