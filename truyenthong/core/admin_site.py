"""The Django admin is for system administrators only; everyone else works through the permission-checked pages."""

from truyenthong.core.permissions import is_system_admin


def restrict_admin_to_system_admins(site) -> None:
    site.site_header = "truyenthong — quản trị hệ thống"
    site.site_title = "truyenthong"
    site.index_title = "Quản trị"

    def has_permission(request):
        return request.user.is_active and is_system_admin(request.user)

    site.has_permission = has_permission
