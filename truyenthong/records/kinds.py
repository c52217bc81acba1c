"""The kinds of record, each with its form, who may see and change it, how it is listed, and how its year is found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from truyenthong.records import actions, forms, models as m


def _d(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _yes(value: bool) -> str:
    return "Có" if value else "Chưa"


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type
    form: type
    label: str
    view_action: str
    change_action: str
    columns: tuple[tuple[str, Callable], ...]
    year_filter: str  # ORM path to the school year ("" when dated)
    date_field: str = ""  # for dated records, filtered by the school year's date range
    related: tuple[str, ...] = ()
    personal: bool = False
    names_people: bool = False  # names students (staff are known by `related` holding "person")

    @property
    def logs_reads(self) -> bool:
        """Its pages name staff or students: every read is written to the access log (privacy)."""
        return self.names_people or "person" in self.related


KINDS: dict[str, Kind] = {
    k.slug: k
    for k in [
        Kind(
            "ke-hoach-to",
            m.DepartmentPlan,
            forms.DepartmentPlanForm,
            "Kế hoạch thực hiện của tổ chuyên môn",
            actions.VIEW,
            actions.DEPT_PLAN,
            (
                ("Tổ", lambda r: r.unit.name),
                ("Năm học", lambda r: r.school_year),
                ("Tên kế hoạch", lambda r: r.title),
                ("Trạng thái", lambda r: r.get_status_display()),
            ),
            "school_year",
            related=("unit",),
        ),
        Kind(
            "tieu-chi-cntt",
            m.ITCriterion,
            forms.ITCriterionForm,
            "Tiêu chí ứng dụng CNTT, chuyển đổi số",
            actions.VIEW,
            actions.CHANGE,
            (
                ("Năm học", lambda r: r.school_year),
                ("Thứ tự", lambda r: r.order),
                ("Tiêu chí", lambda r: r.text),
            ),
            "school_year",
        ),
        Kind(
            "tu-danh-gia-cntt",
            m.ITSelfAssessment,
            forms.ITSelfAssessmentForm,
            "Tự đánh giá ứng dụng CNTT của giáo viên",
            actions.CONFIRM,
            actions.CONFIRM,
            (
                ("Giáo viên", lambda r: r.person.full_name),
                ("Năm học", lambda r: r.school_year),
                ("Tự đánh giá", lambda r: "Đạt" if r.self_meets else "Chưa đạt"),
                ("Trạng thái", lambda r: r.get_status_display()),
                (
                    "Tổ trưởng xác nhận",
                    lambda r: ("Đạt" if r.meets else "Chưa đạt") if r.status == "confirmed" else "",
                ),
            ),
            "school_year",
            related=("person",),
            personal=True,
        ),
        Kind(
            "giao-duc-ky-nang",
            m.ClassEducationCoverage,
            forms.CoverageForm,
            "Giáo dục kỹ năng sống, pháp luật theo lớp",
            actions.VIEW,
            actions.CHANGE,
            (
                ("Lớp", lambda r: r.school_class.name),
                ("Năm học", lambda r: r.school_class.school_year),
                ("Kỹ năng sống", lambda r: _yes(r.life_skills)),
                ("Pháp luật", lambda r: _yes(r.law)),
                ("Số buổi", lambda r: r.sessions),
            ),
            "school_class__school_year",
            related=("school_class",),
        ),
        Kind(
            "bao-luc-hoc-duong",
            m.ViolenceIncident,
            forms.IncidentForm,
            "Sổ theo dõi vụ việc bạo lực học đường",
            actions.INCIDENT_VIEW,
            actions.INCIDENT_CHANGE,
            (
                ("Ngày", lambda r: _d(r.occurred_on)),
                ("Lớp", lambda r: r.school_class.name if r.school_class else ""),
                ("Mức độ", lambda r: r.get_severity_display()),
                ("Diễn biến", lambda r: r.description[:120]),
            ),
            "",
            date_field="occurred_on",
            related=("school_class",),
            personal=True,
        ),
        Kind(
            "can-bo-truyen-thong",
            m.CommsStaff,
            forms.CommsStaffForm,
            "Cán bộ làm công tác truyền thông",
            actions.VIEW,
            actions.CHANGE,
            (
                ("Cán bộ", lambda r: r.person.full_name),
                ("Nhiệm vụ", lambda r: r.duty),
                ("Từ ngày", lambda r: _d(r.start)),
                ("Đến ngày", lambda r: _d(r.end)),
            ),
            "",
            related=("person",),
        ),
        Kind(
            "dao-tao-truyen-thong",
            m.CommsTraining,
            forms.CommsTrainingForm,
            "Đào tạo, bồi dưỡng cán bộ truyền thông",
            actions.VIEW,
            actions.CHANGE,
            (
                ("Cán bộ", lambda r: r.person.full_name),
                ("Khóa đào tạo", lambda r: r.title),
                ("Từ ngày", lambda r: _d(r.start)),
                ("Số giờ", lambda r: r.hours),
            ),
            "",
            date_field="start",
            related=("person",),
        ),
        Kind(
            "tot-nghiep",
            m.GraduationResult,
            forms.GraduationForm,
            "Kết quả tốt nghiệp THPT, tuyển sinh đại học",
            actions.VIEW,
            actions.CHANGE,
            (
                ("Lớp", lambda r: r.school_class.name),
                ("Năm học", lambda r: r.school_class.school_year),
                ("Dự thi", lambda r: r.candidates),
                ("Tốt nghiệp", lambda r: r.graduates),
                ("Đỗ đại học", lambda r: r.university_admitted),
            ),
            "school_class__school_year",
            related=("school_class",),
        ),
        Kind(
            "chuan-nghe-nghiep",
            m.StandardRating,
            forms.StandardRatingForm,
            "Đánh giá chuẩn nghề nghiệp giáo viên",
            actions.PERSONNEL,
            actions.PERSONNEL,
            (
                ("Giáo viên", lambda r: r.person.full_name),
                ("Năm học", lambda r: r.school_year),
                ("Xếp loại", lambda r: r.get_level_display()),
            ),
            "school_year",
            related=("person",),
            personal=True,
        ),
        Kind(
            "xep-loai-hoc-sinh",
            m.RatingDistribution,
            forms.RatingDistributionForm,
            "Kết quả học tập, rèn luyện theo lớp",
            actions.VIEW,
            actions.CHANGE,
            (
                ("Lớp", lambda r: r.school_class.name),
                ("Năm học", lambda r: r.school_class.school_year),
                ("Loại", lambda r: r.get_kind_display()),
                ("Tốt", lambda r: r.good),
                ("Khá", lambda r: r.fair),
                ("Đạt", lambda r: r.passed),
                ("Chưa đạt", lambda r: r.failed),
            ),
            "school_class__school_year",
            related=("school_class",),
        ),
        Kind(
            "giai-thuong",
            m.StudentPrize,
            forms.PrizeForm,
            "Giải thưởng của học sinh",
            actions.VIEW,
            actions.CHANGE,
            (
                ("Học sinh", lambda r: r.student_name),
                ("Lớp", lambda r: r.school_class.name if r.school_class else ""),
                ("Cấp", lambda r: r.get_level_display()),
                ("Giải", lambda r: r.award),
                ("Cuộc thi", lambda r: r.competition),
            ),
            "school_year",
            related=("school_class",),
            names_people=True,
        ),
    ]
}
