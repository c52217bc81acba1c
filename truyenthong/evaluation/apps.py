from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "truyenthong.evaluation"
    label = "evaluation"
    verbose_name = "Đánh giá, thi đua, kiểm tra"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("evaluation", _build_demo, order=60)

        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.evaluation.actions import GRANTS, LABELS

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)


def _build_demo(school):
    from truyenthong.evaluation.demo import build

    return build(school)
