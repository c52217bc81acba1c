from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "truyenthong.plans"
    label = "plans"
    verbose_name = "Kế hoạch"

    def ready(self):
        from truyenthong.core.demo import contribute

        contribute("plans", _build_demo, order=30, synthetic=True)


def _build_demo(school):
    from truyenthong.plans.demo import build

    return build(school)
