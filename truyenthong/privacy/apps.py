from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "truyenthong.privacy"
    label = "privacy"
    verbose_name = "Dữ liệu cá nhân"

    def ready(self):
        from truyenthong.core.permissions import register_actions
        from truyenthong.privacy.actions import GRANTS

        for role, actions in GRANTS.items():
            register_actions(role, actions)

        from truyenthong.core import personal_data
        from truyenthong.privacy.selectors import without_unconsented
        from truyenthong.privacy.services import access_log_on_read

        personal_data.subscribe_public_gate(without_unconsented)
        personal_data.personal_data_read.connect(access_log_on_read, dispatch_uid="privacy-access-log")
