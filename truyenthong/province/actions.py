"""Permission actions of the province app (granted to roles in ProvinceConfig.ready)."""

from truyenthong.core.models import Role

ROLLUP = "province.rollup"  # the Sở's figures computed from its schools', drill-down, reporting timeliness
LINK = "province.link"  # tie a school's indicators to the Sở's (confirm or change the suggestions)

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    ROLLUP: "xem số liệu tổng hợp toàn tỉnh",
    LINK: "gắn chỉ số của trường với chỉ tiêu của Sở",
}

GRANTS = {
    Role.OFFICIAL: {ROLLUP},
    Role.LEADERSHIP: {ROLLUP, LINK},
}
