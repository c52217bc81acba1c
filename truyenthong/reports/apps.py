from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "truyenthong.reports"
    label = "reports"
    verbose_name = "Báo cáo"
