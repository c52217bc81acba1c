from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "truyenthong.api"
    label = "api"
    verbose_name = "Giao diện lập trình (API)"

    def ready(self):
        from truyenthong.api.actions import GRANTS, LABELS
        from truyenthong.core.permissions import describe_actions, register_actions

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)
