"""Permission actions of the surveys app (granted to roles in SurveysConfig.ready)."""

from truyenthong.core.models import Role

VIEW = "survey.view"  # see surveys and their results (aggregates only)
MANAGE = "survey.manage"  # create, open and close surveys, export answers
RESPOND_STAFF = "survey.respond_staff"  # answer a survey addressed to the school's staff

GRANTS = {
    Role.LEADERSHIP: {VIEW, MANAGE, RESPOND_STAFF},
    Role.COMMS: {VIEW, MANAGE, RESPOND_STAFF},
    Role.YOUTH: {VIEW, MANAGE, RESPOND_STAFF},
    Role.DEPT_HEAD: {VIEW, RESPOND_STAFF},
    Role.TEACHER: {VIEW, RESPOND_STAFF},
    Role.OFFICIAL: {VIEW},
}
