"""Permission actions of the surveys app (granted to roles in SurveysConfig.ready)."""

from truyenthong.core.models import Role

VIEW = "survey.view"  # see surveys and their results (aggregates only)
MANAGE = "survey.manage"  # create, open and close surveys, export answers
RESPOND_STAFF = "survey.respond_staff"  # answer a survey addressed to the school's staff

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    VIEW: "xem khảo sát và kết quả",
    MANAGE: "tạo, mở, đóng khảo sát và xuất câu trả lời",
    RESPOND_STAFF: "trả lời khảo sát dành cho cán bộ, giáo viên",
}

GRANTS = {
    Role.LEADERSHIP: {VIEW, MANAGE, RESPOND_STAFF},
    Role.COMMS: {VIEW, MANAGE, RESPOND_STAFF},
    Role.YOUTH: {VIEW, MANAGE, RESPOND_STAFF},
    Role.DEPT_HEAD: {VIEW, RESPOND_STAFF},
    Role.TEACHER: {VIEW, RESPOND_STAFF},
    Role.OFFICIAL: {VIEW},
}
