"""Permission actions of the API app (granted to roles in ApiConfig.ready)."""

from truyenthong.core.models import Role

TOKENS = "api.tokens"  # issue and revoke API tokens for a school's other systems (leadership)

# What each action lets a person do, as the refusal page and the permission table say it.
LABELS = {
    TOKENS: "cấp và thu hồi mã truy cập API cho hệ thống khác",
}

GRANTS = {
    Role.LEADERSHIP: {TOKENS},
}
