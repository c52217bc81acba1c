from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "truyenthong.records"
    label = "records"
    verbose_name = "Hồ sơ minh chứng chỉ tiêu"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("records", _build_demo, order=41)

        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.records.actions import GRANTS, LABELS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)


def _build_demo(school):
    from truyenthong.records.demo import build

    return build(school)
