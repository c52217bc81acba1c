from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "truyenthong.indicators"
    label = "indicators"
    verbose_name = "Chỉ số và bảng điều khiển"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("indicators", _build_demo, order=50)

        from truyenthong.core import events
        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.indicators import refresh
        from truyenthong.indicators.actions import GRANTS, LABELS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)

        from truyenthong.indicators.defaults import Advisor
        from truyenthong.plans.hooks import register_indicator_advisor

        register_indicator_advisor(Advisor())
        # The floors below announce; indicators listen (see core/events.py and indicators/refresh.py).
        events.school_data_changed.connect(refresh.on_school_data_changed, dispatch_uid="indicators-refresh")
        events.period_lock_requested.connect(refresh.on_period_lock_requested, dispatch_uid="indicators-lock")

        import datetime as dt

        from django.conf import settings

        from truyenthong.core import schedule

        check = dt.timedelta(seconds=max(1, min(60, settings.TASKS_REQUEUE_AFTER_SECONDS // 2)))

        schedule.register(
            "indicators.recompute",
            "Tính lại mọi chỉ số của mọi trường",
            refresh.refresh_every_school,
            every=dt.timedelta(days=1),
        )
        schedule.register(
            "indicators.requeue",
            "Xếp lại các lượt tính chỉ số bị treo",
            refresh.refresh_requeue_stale,
            every=check,
        )


def _build_demo(school):
    from truyenthong.indicators.demo import build

    return build(school)
