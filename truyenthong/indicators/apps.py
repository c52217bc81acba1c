from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "truyenthong.indicators"
    label = "indicators"
    verbose_name = "Chỉ số và bảng điều khiển"
