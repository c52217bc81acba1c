from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "truyenthong.surveys"
    label = "surveys"
    verbose_name = "Khảo sát"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("surveys", _build_demo, order=44)

        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.sharing.registry import register_target
        from truyenthong.surveys.actions import GRANTS, LABELS
        from truyenthong.surveys.selectors import share_target

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)
        register_target("khao-sat", "Khảo sát", share_target)


def _build_demo(school):
    from truyenthong.surveys.demo import build

    return build(school)
