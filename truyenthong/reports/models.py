"""Reports (sơ kết, tổng kết, the yearly measurement report) with their editable narrative and generated files, and
the small database-backed job table that generates them in the background."""

from __future__ import annotations

from django.db import models

from truyenthong.core.filenames import StoredName
from truyenthong.core.stamps import Created, CreatedBy, Updated
from truyenthong.core.versioning import Versioned
from truyenthong.org.models import Organisation


class Report(CreatedBy, Created, Updated, Versioned):
    class Kind(models.TextChoices):
        SEMESTER_REVIEW = "semester_review", "Sơ kết học kỳ"
        YEAR_REVIEW = "year_review", "Tổng kết năm học"
        PHASE_INTERIM = "phase_interim", "Sơ kết giai đoạn"
        PHASE_FINAL = "phase_final", "Tổng kết giai đoạn"
        MEASUREMENT = "measurement", "Báo cáo đo lường công tác truyền thông năm học"

    class State(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        FINAL = "final", "Bản chính thức"

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField("Loại báo cáo", max_length=20, choices=Kind.choices)
    period_key = models.CharField("Kỳ báo cáo", max_length=20)
    number = models.CharField("Số, ký hiệu", max_length=60, blank=True, help_text="Ví dụ: 45/BC-CLQĐ")
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    summary = models.CharField("Trích yếu", max_length=300)
    narrative = models.JSONField("Phần nhận định", default=dict, blank=True)
    recipients = models.TextField("Nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận")
    signer_authority = models.CharField("Thẩm quyền ký (KT., TM.)", max_length=100, blank=True)
    signer_position = models.CharField("Chức vụ người ký", max_length=100, default="Hiệu trưởng")
    signer_name = models.CharField("Họ tên người ký", max_length=150, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    finalised_at = models.DateTimeField(null=True, blank=True)
    docx = models.FileField(upload_to=StoredName("reports"), blank=True)
    pdf = models.FileField(upload_to=StoredName("reports"), blank=True)
    xlsx = models.FileField(upload_to=StoredName("reports"), blank=True)
    infographic_png = models.FileField(upload_to=StoredName("reports"), blank=True)
    infographic_svg = models.FileField(upload_to=StoredName("reports"), blank=True)
    # The names-free copy served to those who may not see staff names (Sở officials): rendered from the same document
    official_docx = models.FileField(upload_to=StoredName("reports"), blank=True)
    official_pdf = models.FileField(upload_to=StoredName("reports"), blank=True)
    official_xlsx = models.FileField(upload_to=StoredName("reports"), blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    content_item = models.ForeignKey(
        "content.ContentItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Báo cáo"
        verbose_name_plural = "Báo cáo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["school", "kind", "period_key"])]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.period_key}"

    @property
    def is_final(self) -> bool:
        return self.state == self.State.FINAL


class ReportJob(CreatedBy, Created):
    """A generation job: claimed by a worker (`truyenthong run-worker`) or run in a thread of the web process."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang tạo"
        DONE = "done", "Đã xong"
        FAILED = "failed", "Lỗi"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="jobs")
    final = models.BooleanField(default=False, help_text="Generate the final (numbered, signed) version")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=120, blank=True)
    result_file = models.FileField(upload_to=StoredName("reports"), blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Job {self.pk} ({self.status}, {self.progress}%)"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
