"""Permission actions of the province app (granted to roles in ProvinceConfig.ready)."""

from truyenthong.core.models import Role

ROLLUP = "province.rollup"  # the Sở's figures computed from its schools', drill-down, reporting timeliness
LINK = "province.link"  # tie a school's indicators to the Sở's (confirm or change the suggestions)

GRANTS = {
    Role.OFFICIAL: {ROLLUP},
    Role.LEADERSHIP: {ROLLUP, LINK},
}
