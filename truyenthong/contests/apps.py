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
        from truyenthong.contests.selectors import share_target
        from truyenthong.sharing.registry import register_target

        register_target("cuoc-thi", "Cuộc thi", share_target)
