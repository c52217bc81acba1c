from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "truyenthong.contests"
    label = "contests"
    verbose_name = "Cuộc thi tìm hiểu"

    def ready(self):
        from truyenthong.contests.actions import GRANTS
        from truyenthong.core.permissions import register_actions

        for role, actions in GRANTS.items():
            register_actions(role, actions)
