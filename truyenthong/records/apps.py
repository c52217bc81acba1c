from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "truyenthong.records"
    label = "records"
    verbose_name = "Hồ sơ minh chứng chỉ tiêu"

    def ready(self):
        from truyenthong.core.permissions import register_actions
        from truyenthong.records.actions import GRANTS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
