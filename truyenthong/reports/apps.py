from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "truyenthong.reports"
    label = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("reports", _build_demo, order=70)

        from truyenthong.core.permissions import register_actions
        from truyenthong.reports.actions import GRANTS

        for role, actions in GRANTS.items():
            register_actions(role, actions)


def _build_demo(school):
    from truyenthong.reports.demo import build

    return build(school)
