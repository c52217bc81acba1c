from django.apps import AppConfig


class ProvinceConfig(AppConfig):
    name = "truyenthong.province"
    label = "province"
    verbose_name = "Tổng hợp toàn tỉnh"

    def ready(self):
        from truyenthong.core.permissions import register_actions
        from truyenthong.province.actions import GRANTS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
