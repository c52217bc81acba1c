"""Default indicator definitions for a plan's measures, suggested by whole words and phrases, never created unasked.

A rule names the phrases that must appear (each item lists alternatives), phrases that rule it out, the sources,
and the words by which the plan's tasks that feed the indicator are recognised. Matching is on accent-folded text
(see ``lib.vntext.fold``), phrase by phrase on word boundaries ("do" does not match "trình độ", "giai" needs
"đạt giải", not "giai đoạn"). A suggestion carries a score (the number of words its phrases cover) and the phrases
it matched, shown to leadership as the reason; a measure that no rule matches is "cần định nghĩa". The upload
preview proposes a suggestion for each measure, pre-ticked only when it is strong; nothing is applied without that
choice (``indicators.services.indicators_create_defaults(choices=…)``).

The rules are about what is measured, not about one plan's wording:
- a percentage rule is never proposed for a count ("02 chuyên đề/năm", "24 bài viết") nor for a "không có / không
  để xảy ra" target: an adverse event is counted, with 0 as the goal (the "vi phạm, mất an toàn" rule);
- a rule about education (kỹ năng sống, pháp luật) needs education wording ("giáo dục", "phổ biến", "tuyên
  truyền"): "không có cán bộ vi phạm pháp luật" is about violations, not about classes taught the law;
- where the platform has no record to compute from, the rule is a manual one that says what to enter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from truyenthong.lib.vntext import fold, nfc

STRONG_SCORE = 2  # a suggestion covering at least this many words (one two-word phrase) is pre-ticked


def _phrase_re(phrase: str) -> re.Pattern:
    return re.compile(r"(?<![a-z0-9])" + re.escape(phrase) + r"(?![a-z0-9])")


@dataclass(frozen=True)
class Rule:
    name: str
    all_of: tuple[tuple[str, ...], ...]
    method: str = "computed"
    numerator: str = ""
    numerator_params: dict = field(default_factory=dict)
    denominator: str = ""
    denominator_params: dict = field(default_factory=dict)
    is_percent: bool = True
    comparator: str | None = None  # overrides the measure's comparator when set
    task_words: tuple[str, ...] = ()
    note: str = ""
    only_for: tuple[str, ...] = ()  # the measure comparators this rule applies to (empty: any)
    none_of: tuple[str, ...] = ()  # phrases that rule the rule out
    units: tuple[
        str, ...
    ] = ()  # the measure units this rule applies to (empty: any but the exclusions below)

    def applies_to(self, comparator: str = "", unit: str | None = "") -> bool:
        """Whether the rule can measure a measure of this kind: the comparators and units it names, and never a
        percentage for a count or for a target of "không để xảy ra" (a count whose goal is 0)."""
        if self.only_for and comparator not in self.only_for:
            return False
        if self.units and (unit or "") not in self.units:
            return False
        return not (self.is_percent and (comparator == "zero" or unit == "count"))

    def match(self, folded: str, comparator: str = "", unit: str | None = "") -> list[tuple[int, int]] | None:
        """The span of one matched phrase per group (longest first), or None when a group has none."""
        if not self.applies_to(comparator, unit):
            return None
        if any(_phrase_re(phrase).search(folded) for phrase in self.none_of):
            return None
        spans = []
        for alternatives in self.all_of:
            found = None
            for phrase in sorted(alternatives, key=len, reverse=True):
                hit = _phrase_re(phrase).search(folded)
                if hit:
                    found = hit.span()
                    break
            if found is None:
                return None
            spans.append(found)
        return spans

    def matches(self, folded: str, comparator: str = "", unit: str | None = "") -> bool:
        return self.match(folded, comparator, unit) is not None


@dataclass(frozen=True)
class Suggestion:
    """A rule proposed for a measure, the words that matched and how strongly."""

    rule: Rule
    matched: tuple[str, ...]
    score: int

    @property
    def strong(self) -> bool:
        return self.score >= STRONG_SCORE

    @property
    def reason(self) -> str:
        return "khớp: " + " + ".join(f"«{m}»" for m in self.matched)


RULES: list[Rule] = [
    Rule(
        "Tỷ lệ CB, GV, NV được học tập, quán triệt nghị quyết",
        (("hoc tap", "quan triet"), ("nghi quyet", "can bo", "giao vien")),
        none_of=("ket qua hoc tap", "loai tot", "hoc tap va ren luyen"),
        numerator="staff_attended",
        numerator_params={"kind": "study_session"},
        denominator="staff_active",
        task_words=("quan triet", "hoc tap"),
        note="Người đang công tác trong kỳ đã dự ít nhất một buổi quán triệt, học tập nghị quyết (có mặt hoặc học bù).",
    ),
    Rule(
        "Tỷ lệ tổ chuyên môn có kế hoạch thực hiện được duyệt",
        (("to chuyen mon",), ("ke hoach",)),
        numerator="departments_plan_approved",
        denominator="subject_departments",
        task_words=("to chuyen mon",),
    ),
    Rule(
        "Tỷ lệ giáo viên ứng dụng hiệu quả CNTT, chuyển đổi số trong dạy học",
        (("cong nghe thong tin", "chuyen doi so", "cntt", "hoc lieu so"), ("giao vien", "day hoc")),
        numerator="teachers_it_meeting",
        denominator="teachers_active",
        task_words=("cong nghe", "chuyen doi so", "tri tue nhan tao"),
    ),
    Rule(
        "Số vụ việc bạo lực học đường",
        (("bao luc",),),
        numerator="violence_incidents",
        is_percent=False,
        comparator="zero",
        task_words=("bao luc", "an toan"),
        only_for=("zero", "<=", "decrease"),
    ),
    Rule(
        "Tỷ lệ học sinh đỗ đại học",
        (
            (
                "do dai hoc",
                "do vao dai hoc",
                "trung tuyen dai hoc",
                "trung tuyen vao",
                "vao dai hoc",
                "do vao cac truong",
            ),
        ),
        numerator="university_admitted",
        denominator="graduates",
        comparator="increase",
        only_for=("increase",),
    ),
    Rule(
        "Tỷ lệ học sinh tốt nghiệp THPT",
        (("tot nghiep",),),
        numerator="graduates",
        denominator="grade12_candidates",
    ),
    Rule(
        "Tỷ lệ lớp được giáo dục kỹ năng sống, pháp luật",
        (
            (
                "giao duc ky nang song",
                "giao duc ve ky nang song",
                "giao duc phap luat",
                "giao duc ve phap luat",
                "pho bien phap luat",
                "tuyen truyen phap luat",
            ),
        ),
        numerator="classes_covered",
        numerator_params={"topics": ["life_skills", "law"]},
        denominator="classes",
        task_words=("sinh hoat lop", "trai nghiem", "phap luat", "ky nang song"),
        note="Tính theo lớp: lớp đã được giáo dục cả kỹ năng sống và pháp luật trong năm học.",
    ),
    Rule(
        "Tỷ lệ cán bộ truyền thông được đào tạo, bồi dưỡng",
        (("truyen thong",), ("dao tao", "boi duong")),
        numerator="comms_staff_trained",
        denominator="comms_staff",
        task_words=("kenh truyen thong", "truyen thong"),
    ),
    Rule(
        "Tỷ lệ giáo viên đạt chuẩn nghề nghiệp",
        (("dat chuan", "tren chuan", "chuan nghe nghiep", "chuan trinh do", "chuan dao tao"), ("giao vien",)),
        numerator="teachers_meeting_standard",
        denominator="teachers_rated",
    ),
    Rule(
        "Tỷ lệ học sinh xếp loại Tốt (kết quả học tập)",
        (
            ("loai tot", "muc tot", "xep loai tot", "danh gia tot", "dat tot"),
            ("hoc tap", "ren luyen", "xep loai"),
        ),
        numerator="students_rated_level",
        numerator_params={"kind": "learning", "level": "good"},
        denominator="students_rated",
        denominator_params={"kind": "learning"},
        comparator="increase",
    ),
    Rule(
        "Số giải học sinh từ cấp tỉnh trở lên",
        (
            ("dat giai", "doat giai", "giai thuong", "co giai", "giai hoc sinh gioi", "giai cap"),
            ("cap tinh", "khu vuc", "quoc te", "quoc gia", "toan quoc"),
        ),
        numerator="student_prizes",
        numerator_params={"min_level": "provincial"},
        is_percent=False,
        comparator="increase",
    ),
    Rule(
        "Tỷ lệ hoạt động quản lý, điều hành trên nền tảng số",
        (("nen tang so",),),
        method="manual",
        note="Nhập tay mỗi năm học kèm minh chứng (danh mục phần mềm, quy trình đã số hóa).",
    ),
    Rule(
        "Số vụ việc, trường hợp vi phạm, mất an toàn (theo sổ theo dõi)",
        (
            (
                "vi pham",
                "mat an toan",
                "tai nan",
                "su co",
                "tin gia",
                "thong tin sai lech",
                "khung hoang truyen thong",
                "ma tuy",
                "te nan",
            ),
        ),
        method="manual",
        is_percent=False,
        only_for=("zero", "<=", "decrease"),
        none_of=("ty le",),
        note=(
            "Nhập tay số vụ việc, trường hợp trong kỳ theo sổ theo dõi, kèm minh chứng; mục tiêu 0 khi kế hoạch ghi "
            "không có, không để xảy ra."
        ),
    ),
    Rule(
        "Tỷ lệ học sinh, học viên bỏ học",
        (("bo hoc",), ("ty le",)),
        method="manual",
        only_for=("<=", "decrease"),
        note="Nhập tay số học sinh (học viên) bỏ học trên tổng số đầu năm học, kèm minh chứng.",
    ),
    Rule(
        "Số chuyên đề, buổi sinh hoạt chuyên đề đã tổ chức",
        (("chuyen de", "buoi ngoai khoa", "buoi sinh hoat chuyen de"),),
        method="manual",
        is_percent=False,
        units=("count",),
        none_of=("nghi quyet",),
        note="Nhập tay số chuyên đề, buổi đã tổ chức trong kỳ (tính theo lớp khi kế hoạch ghi mỗi lớp), kèm minh chứng.",
    ),
    Rule(
        "Số tin, bài đăng trên trang thông tin điện tử của trường",
        (("bai viet", "tin bai", "tin, bai", "bai"), ("trang thong tin", "cong thong tin", "website")),
        numerator="content_published",
        is_percent=False,
        units=("count",),
        task_words=("trang thong tin", "cong thong tin", "tin bai", "bai viet"),
    ),
]


def _best(text: str, comparator: str, unit: str | None) -> Suggestion | None:
    original = nfc(text)
    folded = fold(original)
    aligned = len(folded) == len(original)  # folding keeps one letter per letter, so spans map back
    best: Suggestion | None = None
    for rule in RULES:
        spans = rule.match(folded, comparator, unit)
        if spans is None:
            continue
        words = tuple((original if aligned else folded)[a:b] for a, b in spans)
        score = sum(len(w.split()) for w in words)
        if best is None or score > best.score:
            best = Suggestion(rule=rule, matched=words, score=score)
    return best


def suggest(
    measure_text: str, target_text: str, *, comparator: str, single_measure: bool, unit: str | None = ""
) -> Suggestion | None:
    """The best rule for a measure by its own words; the target's words count only if it has one measure.
    ``unit`` is the measure's ("%", "count", or empty when the plan gives no number)."""
    found = _best(measure_text, comparator, unit)
    if found is None and (single_measure or comparator == "zero"):
        found = _best(target_text, comparator, unit)
    return found


def rule_for(
    measure_text: str, target_text: str, *, comparator: str, single_measure: bool, unit: str | None = ""
) -> Rule | None:
    found = suggest(
        measure_text, target_text, comparator=comparator, single_measure=single_measure, unit=unit
    )
    return found.rule if found else None


def rule_named(name: str) -> Rule | None:
    return next((rule for rule in RULES if rule.name == name), None)


class Advisor:
    """The indicator advisor the plans app asks during an upload (see ``plans.hooks``)."""

    def names(self) -> list[str]:
        return [rule.name for rule in RULES]

    def propose(
        self,
        *,
        measure_text: str,
        target_text: str,
        comparator: str,
        single_measure: bool,
        unit: str | None = "",
    ):
        from truyenthong.plans.hooks import IndicatorProposal

        found = suggest(
            measure_text, target_text, comparator=comparator, single_measure=single_measure, unit=unit
        )
        if found is None:
            return None
        return IndicatorProposal(name=found.rule.name, reason=found.reason, strong=found.strong)

    def create(self, *, plan, actor, choices: dict[int, str] | None) -> None:
        from truyenthong.indicators.services import indicators_create_defaults

        indicators_create_defaults(plan=plan, actor=actor, choices=choices)
