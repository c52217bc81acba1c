from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "truyenthong.org"
    label = "org"
    verbose_name = "Tổ chức và nhân sự"

    def ready(self):
        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.org.actions import GRANTS, LABELS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)
