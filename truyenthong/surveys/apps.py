from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "truyenthong.surveys"
    label = "surveys"
    verbose_name = "Khảo sát"

    def ready(self):
        from truyenthong.core.permissions import register_actions
        from truyenthong.sharing.registry import register_target
        from truyenthong.surveys.actions import GRANTS
        from truyenthong.surveys.selectors import share_target

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        register_target("khao-sat", "Khảo sát", share_target)
