"""Permission actions of the assistant (granted to roles in AssistantConfig.ready)."""

from truyenthong.core.models import Role

ASK = "assistant.ask"  # ask inside the app, over every document of the school (public or not)
MANAGE = "assistant.manage"  # upload, replace, delete documents; edit and publish summaries
QUESTIONS = "assistant.questions"  # read the questions asked (frequent, unanswered)

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    ASK: "hỏi trợ lý trên mọi tài liệu của trường",
    MANAGE: "quản lý thư viện tài liệu của trợ lý",
    QUESTIONS: "xem các câu hỏi đã được hỏi",
}

GRANTS = {
    Role.LEADERSHIP: {ASK, MANAGE, QUESTIONS},
    Role.COMMS: {ASK, MANAGE, QUESTIONS},
    Role.DEPT_HEAD: {ASK},
    Role.TEACHER: {ASK},
    Role.YOUTH: {ASK},
    Role.OFFICIAL: {ASK, QUESTIONS},
}
