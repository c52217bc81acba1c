"""Permission actions of the org app beyond the shared ones in core.permissions (granted in OrgConfig.ready)."""

from truyenthong.core.models import Role

RESET_PASSWORD = "people.reset_password"  # give a staff account of the school a temporary password

LABELS = {
    RESET_PASSWORD: "đặt lại mật khẩu tài khoản của cán bộ, giáo viên",
}

# Leadership of the school; the system administrator holds every action
GRANTS = {
    Role.LEADERSHIP: {RESET_PASSWORD},
}
