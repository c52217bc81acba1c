from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "truyenthong.portal"
    label = "portal"
    verbose_name = "Chuyên mục công khai"
