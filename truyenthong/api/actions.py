"""Permission actions of the API app (granted to roles in ApiConfig.ready)."""

from truyenthong.core.models import Role

TOKENS = "api.tokens"  # issue and revoke API tokens for a school's other systems (leadership)

GRANTS = {
    Role.LEADERSHIP: {TOKENS},
}
