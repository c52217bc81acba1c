"""Permission actions of the contests app (granted to roles in ContestsConfig.ready)."""

from truyenthong.core.models import Role

VIEW = "contest.view"  # see the school's contests, rounds, leaderboards and participation
MANAGE = "contest.manage"  # question bank, contests, rounds, certificates, anomalies, exports
TAKE_STAFF = "contest.take_staff"  # take a round whose audience is the school's staff

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    VIEW: "xem cuộc thi, bảng xếp hạng và số người tham gia",
    MANAGE: "quản lý ngân hàng câu hỏi, cuộc thi và giấy chứng nhận",
    TAKE_STAFF: "dự thi vòng dành cho cán bộ, giáo viên",
}

GRANTS = {
    Role.LEADERSHIP: {VIEW, MANAGE, TAKE_STAFF},
    Role.COMMS: {VIEW, MANAGE, TAKE_STAFF},
    Role.YOUTH: {VIEW, MANAGE, TAKE_STAFF},
    Role.DEPT_HEAD: {VIEW, TAKE_STAFF},
    Role.TEACHER: {VIEW, TAKE_STAFF},
    Role.OFFICIAL: {VIEW},
}
