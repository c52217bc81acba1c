from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "truyenthong.sharing"
    label = "sharing"
    verbose_name = "Chia sẻ tới nhóm lớp"

    def ready(self):
        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.sharing.actions import GRANTS, LABELS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)
