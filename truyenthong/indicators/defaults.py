"""Default indicator definitions for a plan's measures, chosen by accent-insensitive keywords in the measure's text.

A rule names the words that must all appear (each item may list alternatives), the sources, and the words by which
the plan's tasks that feed the indicator are recognised. A measure that no rule matches gets an "undefined"
indicator, which the dashboard shows as "cần định nghĩa".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


def fold(text: str) -> str:
    """Lower case without Vietnamese diacritics; the shared helper when it exists, a local equivalent otherwise."""
    try:
        from truyenthong.lib.vntext import fold as shared_fold
    except ImportError:  # the shared text helpers are written by another engineer
        shared_fold = None
    if shared_fold is not None:
        return shared_fold(text or "")
    text = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", text.lower()).strip()


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

    def matches(self, folded: str, comparator: str = "") -> bool:
        if self.only_for and comparator not in self.only_for:
            return False
        return all(any(word in folded for word in alternatives) for alternatives in self.all_of)


RULES: list[Rule] = [
    Rule(
        "Tỷ lệ CB, GV, NV được học tập, quán triệt nghị quyết",
        (("hoc tap", "quan triet"), ("nghi quyet", "can bo", "giao vien")),
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
        (("cong nghe thong tin", "chuyen doi so", "cntt"), ("giao vien", "day hoc")),
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
        (("dai hoc",), ("do", "trung tuyen")),
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
        (("ky nang song", "phap luat"),),
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
        (("chuan",), ("giao vien",)),
        numerator="teachers_meeting_standard",
        denominator="teachers_rated",
    ),
    Rule(
        "Tỷ lệ học sinh xếp loại Tốt (kết quả học tập)",
        (("tot",), ("hoc tap", "ren luyen", "xep loai")),
        numerator="students_rated_level",
        numerator_params={"kind": "learning", "level": "good"},
        denominator="students_rated",
        denominator_params={"kind": "learning"},
        comparator="increase",
    ),
    Rule(
        "Số giải học sinh từ cấp tỉnh trở lên",
        (("giai",), ("tinh", "khu vuc", "quoc te", "quoc gia")),
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
]


def rule_for(measure_text: str, target_text: str, *, comparator: str, single_measure: bool) -> Rule | None:
    """The first rule matching the measure's own words; the target's words count only if it has one measure."""
    folded = fold(measure_text)
    for rule in RULES:
        if rule.matches(folded, comparator):
            return rule
    if single_measure or comparator == "zero":
        folded_target = fold(target_text)
        for rule in RULES:
            if rule.matches(folded_target, comparator):
                return rule
    return None
