from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "truyenthong.evaluation"
    label = "evaluation"
    verbose_name = "Đánh giá, thi đua, kiểm tra"
