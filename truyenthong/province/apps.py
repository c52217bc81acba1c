from django.apps import AppConfig


class ProvinceConfig(AppConfig):
    name = "truyenthong.province"
    label = "province"
    verbose_name = "Tổng hợp toàn tỉnh"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("province", _build_demo, order=55)

        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.province.actions import GRANTS, LABELS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)

        import datetime as dt

        from truyenthong.core import schedule
        from truyenthong.province.reminders import remind_every_department

        schedule.register(
            "province.remind",
            "Nhắc các trường quá hạn nộp báo cáo",
            remind_every_department,
            every=dt.timedelta(days=1),
        )


def _build_demo(school):
    from truyenthong.province.demo import build

    return build(school)
