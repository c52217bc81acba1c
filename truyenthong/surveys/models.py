"""Surveys: questions (Likert, single/multiple choice, text), responses one per person or per link, answers."""

from django.conf import settings
from django.db import models

from truyenthong.core.stamps import Created


class Survey(Created):
    class Audience(models.TextChoices):
        STUDENTS = "students", "Học sinh"
        PARENTS = "parents", "Cha mẹ học sinh"
        STAFF = "staff", "Cán bộ, giáo viên, nhân viên"
        PUBLIC = "public", "Mọi người"

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        OPEN = "open", "Đang mở"
        CLOSED = "closed", "Đã đóng"

    school = models.ForeignKey("org.Organisation", on_delete=models.CASCADE, related_name="surveys")
    title = models.CharField("Tên khảo sát", max_length=250)
    description = models.TextField("Giới thiệu", blank=True)
    school_year = models.CharField("Năm học", max_length=9)
    # the same survey repeated each year shares a series name: the year-on-year comparison follows it
    series = models.CharField("Chuỗi khảo sát (so sánh qua các năm)", max_length=100, blank=True)
    audiences = models.JSONField("Đối tượng", default=list)
    anonymous = models.BooleanField("Ẩn danh", default=True)
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "Khảo sát"
        verbose_name_plural = "Khảo sát"
        ordering = ["-school_year", "-created_at"]

    def __str__(self):
        return f"{self.title} ({self.school_year})"


class SurveyQuestion(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", "Thang đo 5 mức (Likert)"
        SINGLE = "single", "Một lựa chọn"
        MULTIPLE = "multiple", "Nhiều lựa chọn"
        TEXT = "text", "Trả lời tự do"

    class Measure(models.TextChoices):
        NONE = "", "Không dùng cho chỉ tiêu"
        AWARENESS = "awareness", "Mức độ hiểu biết, nhận thức"
        SATISFACTION = "satisfaction", "Mức độ hài lòng"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField("Câu hỏi", max_length=500)
    options = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=True)
    measure = models.CharField(max_length=15, choices=Measure.choices, blank=True, default="")

    class Meta:
        ordering = ["survey", "position", "id"]

    def __str__(self):
        return self.text


LIKERT_LABELS = ["Hoàn toàn không đồng ý", "Không đồng ý", "Phân vân", "Đồng ý", "Hoàn toàn đồng ý"]


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # who answered, as the uniqueness key only: "u<id>" for an account, "k<hash>" for a browser link token
    respondent_key = models.CharField(max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    audience = models.CharField(max_length=10, choices=Survey.Audience.choices)
    school_class = models.ForeignKey(
        "org.SchoolClass", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"], name="uniq_survey_response_per_person"
            )
        ]


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="uniq_survey_answer")]
