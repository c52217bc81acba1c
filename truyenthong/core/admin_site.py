"""The Django admin is for system administrators only, logged in through the one login page (password, then the
TOTP code for any account that has one); everyone else works through the permission-checked pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from truyenthong.core.permissions import is_system_admin

# Apps from other packages whose names are plain English strings (no translation catalogue can reach them): the admin
# shows these Vietnamese names instead. App names are changed on the AppConfig (not part of any migration); model names
# only where the admin shows them (app list, sidebar, list page title), so `makemigrations --check` stays clean.
THIRD_PARTY_NAMES = {
    "axes": ("Chống dò mật khẩu", {}),
    "otp_totp": ("Xác thực hai lớp", {"TOTPDevice": "Ứng dụng tạo mã xác thực (TOTP)"}),
    "django_tasks_database": ("Tác vụ nền", {"DBTaskResult": "Kết quả tác vụ nền"}),
    "django_rq": ("Hàng đợi tác vụ (RQ)", {"Dashboard": "Bảng theo dõi hàng đợi"}),
}


def restrict_admin_to_system_admins(site) -> None:
    site.site_header = "Truyền thông — quản trị hệ thống"
    site.site_title = "Truyền thông"
    site.index_title = "Quản trị"
    _vietnamese_names(site)

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


def _vietnamese_names(site) -> None:
    """Vietnamese names for the apps and models of other packages (see THIRD_PARTY_NAMES).

    The model's `_meta.verbose_name(_plural)` is what the admin shows; migrations read `_meta.original_attrs`, which
    stays as the package wrote it, so no migration of another package is ever asked for.
    """
    from django.apps import apps

    for label, (app_name, model_names) in THIRD_PARTY_NAMES.items():
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        config.verbose_name = app_name
        for model in config.get_models():
            name = model_names.get(model.__name__)
            if name:
                model._meta.verbose_name = name[0].lower() + name[1:]
                model._meta.verbose_name_plural = name
    for model, model_admin in site._registry.items():
        if model._meta.app_label in THIRD_PARTY_NAMES and str(model_admin.search_help_text or "").startswith(
            "Search"
        ):
            model_admin.search_help_text = "Tìm theo tên đăng nhập hoặc thư điện tử của tài khoản"
