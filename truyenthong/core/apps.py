from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "truyenthong.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from truyenthong.core import collation

        collation.connect()  # Vietnamese order on SQLite connections (PostgreSQL has it from migration 0004)

        # Each app's navigation.py declares its menu entries (see core/navigation.py).
        autodiscover_modules("navigation")
