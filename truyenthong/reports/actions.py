"""Permission actions of the reports app (granted to roles in ReportsConfig.ready)."""

from truyenthong.core.models import Role

VIEW = "report.view"  # the report list, a report's page, downloads
GENERATE = "report.generate"  # create a report, edit its narrative, generate, make the infographic
FINALISE = "report.finalise"  # issue the final version (number, signer) — leadership signs

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    VIEW: "xem và tải báo cáo",
    GENERATE: "soạn và tạo báo cáo",
    FINALISE: "ban hành báo cáo chính thức",
}

GRANTS = {
    Role.LEADERSHIP: {VIEW, GENERATE, FINALISE},
    Role.COMMS: {VIEW, GENERATE},
    Role.OFFICIAL: {VIEW},
}
