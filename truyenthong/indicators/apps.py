from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "truyenthong.indicators"
    label = "indicators"
    verbose_name = "Chỉ số và bảng điều khiển"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("indicators", _build_demo, order=50)

        from truyenthong.core import events
        from truyenthong.core.permissions import register_actions
        from truyenthong.indicators import refresh
        from truyenthong.indicators.actions import GRANTS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        # The floors below announce; indicators listen (see core/events.py and indicators/refresh.py).
        events.school_data_changed.connect(refresh.on_school_data_changed, dispatch_uid="indicators-refresh")
        events.plan_saved.connect(refresh.on_plan_saved, dispatch_uid="indicators-defaults")
        events.period_lock_requested.connect(refresh.on_period_lock_requested, dispatch_uid="indicators-lock")


def _build_demo(school):
    from truyenthong.indicators.demo import build

    return build(school)
