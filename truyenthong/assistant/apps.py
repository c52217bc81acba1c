from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "truyenthong.assistant"
    label = "assistant"
    verbose_name = "Trợ lý hỏi đáp"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("assistant", _build_demo, order=75)

        from django.db.models.signals import post_save

        from truyenthong.assistant.actions import GRANTS, LABELS
        from truyenthong.assistant.services import on_plan_saved
        from truyenthong.core.permissions import describe_actions, register_actions
        from truyenthong.plans.models import Plan

        for role, actions in GRANTS.items():
            register_actions(role, actions)
        describe_actions(LABELS)
        # Every imported plan enters the library once its import has committed (no edit in plans/ needed).
        post_save.connect(on_plan_saved, sender=Plan, dispatch_uid="assistant-plan-to-library")


def _build_demo(school):
    from truyenthong.assistant.demo import build

    return build(school)
