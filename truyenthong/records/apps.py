from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "truyenthong.records"
    label = "records"
    verbose_name = "Hồ sơ minh chứng chỉ tiêu"
