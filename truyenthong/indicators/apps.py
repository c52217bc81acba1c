from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "truyenthong.indicators"
    label = "indicators"
    verbose_name = "Chỉ số và bảng điều khiển"

    def ready(self):
        from truyenthong.core.permissions import register_actions
        from truyenthong.indicators.actions import GRANTS

        for role, actions in GRANTS.items():
            register_actions(role, actions)

        from truyenthong.indicators.defaults import Advisor
        from truyenthong.plans.hooks import register_indicator_advisor

        register_indicator_advisor(Advisor())
