"""The Django admin is for system administrators only, logged in through the one login page (password, then the
TOTP code for any account that has one); everyone else works through the permission-checked pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from truyenthong.core.permissions import is_system_admin


def restrict_admin_to_system_admins(site) -> None:
    site.site_header = "truyenthong — quản trị hệ thống"
    site.site_title = "truyenthong"
    site.index_title = "Quản trị"

    def has_permission(request):
        user = request.user
        if not (user.is_active and is_system_admin(user)):
            return False
        # As django-otp's OTPAdminSite: a session that did not give a code never opens the admin when the account has
        # a device, or when administrators must use two-factor at all.
        if getattr(user, "is_verified", lambda: False)():
            return True
        return not settings.REQUIRE_2FA_FOR_ADMINS and not user_has_device(user, confirmed=True)

    def login(request, extra_context=None):
        # No second, password-only login form: the admin sends everyone to the site's login (which asks for the code).
        target = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('core:login')}?{urlencode({'next': target})}")

    site.has_permission = has_permission
    site.login = login
