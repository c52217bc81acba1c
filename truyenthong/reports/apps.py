from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "truyenthong.reports"
    label = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("reports", _build_demo, order=70)

        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.reports.actions import GRANTS, LABELS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)

        import datetime as dt

        from django.conf import settings

        from truyenthong.core import schedule
        from truyenthong.reports.jobs import jobs_requeue_stalled

        check = dt.timedelta(seconds=max(1, min(60, settings.TASKS_REQUEUE_AFTER_SECONDS // 2)))
        schedule.register(
            "reports.requeue", "Chạy lại báo cáo bị gián đoạn", jobs_requeue_stalled, every=check
        )


def _build_demo(school):
    from truyenthong.reports.demo import build

    return build(school)
