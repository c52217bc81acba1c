from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "truyenthong.plans"
    label = "plans"
    verbose_name = "Kế hoạch"
