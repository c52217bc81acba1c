"""Permission actions of the evaluation app (granted to roles in EvaluationConfig.ready)."""

from truyenthong.core.models import Role

VIEW = "evaluation.view"  # the evaluation home, published results, rankings, inspections
SELF_ASSESS = "evaluation.self_assess"  # a unit's self-assessment (unit-scoped for tổ trưởng, Bí thư Đoàn)
SCORE = "evaluation.score"  # edit the criteria set, open a cycle, score units, publish results
EMULATION = "emulation.manage"  # thresholds, emulation scores, commendations
INSPECTION = "inspection.manage"  # inspections, findings, follow-ups

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    VIEW: "xem kết quả đánh giá, xếp loại và kiểm tra",
    SELF_ASSESS: "tự đánh giá của đơn vị",
    SCORE: "chấm điểm, công bố kết quả đánh giá",
    EMULATION: "quản lý thi đua, khen thưởng",
    INSPECTION: "quản lý kiểm tra, giám sát",
}

GRANTS = {
    Role.LEADERSHIP: {VIEW, SELF_ASSESS, SCORE, EMULATION, INSPECTION},
    Role.COMMS: {VIEW},
    Role.DEPT_HEAD: {VIEW, SELF_ASSESS},
    Role.YOUTH: {VIEW, SELF_ASSESS},
    # Teachers see the published results inside their school; Sở officials read the reports, not the internal
    # scoring of each tổ.
    Role.TEACHER: {VIEW},
}
