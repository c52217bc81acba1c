from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "truyenthong.core"
    label = "core"
    verbose_name = "Hệ thống"
