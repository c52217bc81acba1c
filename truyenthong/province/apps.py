from django.apps import AppConfig


class ProvinceConfig(AppConfig):
    name = "truyenthong.province"
    label = "province"
    verbose_name = "Tổng hợp toàn tỉnh"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("province", _build_demo, order=55)

        from truyenthong.core.permissions import register_actions
        from truyenthong.province.actions import GRANTS

        for role, actions in GRANTS.items():
            register_actions(role, actions)


def _build_demo(school):
    from truyenthong.province.demo import build

    return build(school)
