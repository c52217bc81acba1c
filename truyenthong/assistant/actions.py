"""Permission actions of the assistant (granted to roles in AssistantConfig.ready)."""

from truyenthong.core.models import Role

ASK = "assistant.ask"  # ask inside the app, over every document of the school (public or not)
MANAGE = "assistant.manage"  # upload, replace, delete documents; edit and publish summaries
QUESTIONS = "assistant.questions"  # read the questions asked (frequent, unanswered)

GRANTS = {
    Role.LEADERSHIP: {ASK, MANAGE, QUESTIONS},
    Role.COMMS: {ASK, MANAGE, QUESTIONS},
    Role.DEPT_HEAD: {ASK},
    Role.TEACHER: {ASK},
    Role.YOUTH: {ASK},
    Role.OFFICIAL: {ASK, QUESTIONS},
}
