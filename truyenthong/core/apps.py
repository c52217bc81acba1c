from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "truyenthong.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from truyenthong.core import collation

        collation.connect()  # Vietnamese order on SQLite connections (PostgreSQL has it from migration 0004)

        from truyenthong.core import widgets

        widgets.install_defaults()  # dates dd/mm/yyyy and times HH:MM on every form, whatever the browser's language

        # Each app's navigation.py declares its menu entries (see core/navigation.py).
        autodiscover_modules("navigation")

        import datetime as dt

        from django.conf import settings

        from truyenthong.core import schedule

        if settings.TASKS_BACKEND == "database":
            schedule.register(
                "tasks.reclaim",
                "Giao lại việc của tiến trình nền đã dừng",
                _reclaim,
                every=dt.timedelta(minutes=1),
            )


def _reclaim() -> str:
    from truyenthong.core.tasks import tasks_reclaim_from_dead_workers

    reclaimed = tasks_reclaim_from_dead_workers()
    return f"Đã giao lại {reclaimed} việc của tiến trình nền đã dừng." if reclaimed else ""
