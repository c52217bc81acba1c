from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "truyenthong.contests"
    label = "contests"
    verbose_name = "Cuộc thi tìm hiểu"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("contests", _build_demo, order=43)

        from truyenthong.contests.actions import GRANTS, LABELS
        from truyenthong.core.permissions import describe_actions, register_actions

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)
        from truyenthong.contests.selectors import share_target
        from truyenthong.sharing.registry import register_target

        register_target("cuoc-thi", "Cuộc thi", share_target)


def _build_demo(school):
    from truyenthong.contests.demo import build

    return build(school)
