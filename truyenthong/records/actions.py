"""Permission actions of the records app (granted to roles in RecordsConfig.ready)."""

from truyenthong.core.models import Role

VIEW = "record.view"  # see the records of a school (personal data: school staff only)
SUMMARY = "record.summary"  # see counts only (officials of the Sở)
CHANGE = "record.change"  # add, edit, delete school-wide records
DEPT_PLAN = "record.dept_plan"  # write and submit a department's plan (unit-scoped for a tổ trưởng)
APPROVE = "record.approve"  # approve or return department plans
SELF_ASSESS = "record.self_assess"  # a teacher's own IT self-assessment
CONFIRM = "record.confirm"  # confirm IT self-assessments (tổ trưởng for their tổ)
PERSONNEL = "record.personnel"  # teachers' professional-standard ratings: leadership only
INCIDENT_VIEW = "incident.view"  # the school-violence log: leadership only
INCIDENT_CHANGE = "incident.change"

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    VIEW: "xem hồ sơ minh chứng chỉ tiêu",
    SUMMARY: "xem số liệu tổng hợp của hồ sơ",
    CHANGE: "thêm, sửa, xoá hồ sơ của trường",
    DEPT_PLAN: "lập và nộp kế hoạch của tổ",
    APPROVE: "duyệt kế hoạch của tổ",
    SELF_ASSESS: "tự đánh giá ứng dụng công nghệ thông tin",
    CONFIRM: "xác nhận tự đánh giá của giáo viên",
    PERSONNEL: "xem đánh giá chuẩn nghề nghiệp giáo viên",
    INCIDENT_VIEW: "xem sổ theo dõi vụ việc bạo lực học đường",
    INCIDENT_CHANGE: "ghi sổ theo dõi vụ việc bạo lực học đường",
}

GRANTS = {
    Role.LEADERSHIP: {
        VIEW,
        SUMMARY,
        CHANGE,
        DEPT_PLAN,
        APPROVE,
        SELF_ASSESS,
        CONFIRM,
        PERSONNEL,
        INCIDENT_VIEW,
        INCIDENT_CHANGE,
    },
    Role.COMMS: {VIEW, SUMMARY, CHANGE, SELF_ASSESS},
    Role.DEPT_HEAD: {VIEW, SUMMARY, DEPT_PLAN, SELF_ASSESS, CONFIRM},
    Role.TEACHER: {VIEW, SELF_ASSESS},
    Role.YOUTH: {VIEW, SUMMARY, SELF_ASSESS},
    Role.OFFICIAL: {SUMMARY},
}
