from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "truyenthong.activities"
    label = "activities"
    verbose_name = "Hoạt động và điểm danh"
