"""The assistant's library (documents and their passages) and the log of questions asked (no personal data)."""

from django.conf import settings
from django.db import models

from truyenthong.core.filenames import StoredName
from truyenthong.core.stamps import Created, Updated
from truyenthong.org.models import Organisation


class Document(Created, Updated):
    class Source(models.TextChoices):
        UPLOAD = "upload", "Tải lên"
        PLAN = "plan", "Kế hoạch đã nhập"

    school = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assistant_documents", verbose_name="Trường"
    )
    title = models.CharField("Tên văn bản", max_length=500)
    doc_type = models.CharField("Loại văn bản", max_length=60, blank=True)
    number = models.CharField("Số, ký hiệu", max_length=60, blank=True)
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    issuer = models.CharField("Cơ quan ban hành", max_length=200, blank=True)
    source = models.CharField("Nguồn", max_length=10, choices=Source.choices, default=Source.UPLOAD)
    plan = models.OneToOneField(
        "plans.Plan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assistant_document",
        verbose_name="Kế hoạch",
    )
    filename = models.CharField("Tên tệp", max_length=255)
    file = models.FileField("Tệp", upload_to=StoredName("assistant"), blank=True)
    is_public = models.BooleanField("Công khai trên trang hỏi đáp", default=True)
    summary = models.TextField("Bản tóm tắt", blank=True)
    summary_item_id = models.PositiveIntegerField("Bài đã đăng từ bản tóm tắt", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Tài liệu hỏi đáp"
        verbose_name_plural = "Tài liệu hỏi đáp"
        ordering = ["-issued_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["school", "filename"], name="assistant_document_unique_filename")
        ]

    def __str__(self):
        return f"{self.title} ({self.number})" if self.number else self.title

    @property
    def label(self) -> str:
        """How a citation names the document: "Kế hoạch số 35/KH-CLQĐ" or its title."""
        if self.number:
            kind = (self.doc_type or "Văn bản").capitalize()
            return f"{kind} số {self.number}"
        return self.title[:120]


class Passage(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="passages")
    order = models.PositiveIntegerField()
    section = models.CharField("Mục", max_length=60, blank=True)
    heading = models.TextField("Tiêu đề mục", blank=True)
    text = models.TextField("Nội dung")

    class Meta:
        ordering = ["document", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "order"], name="assistant_passage_unique_order")
        ]

    def __str__(self):
        return f"{self.document_id}#{self.order}"

    @property
    def anchor(self) -> str:
        return f"doan-{self.order + 1}"


class Question(models.Model):
    """One question asked, with personal details removed; never the asker, their address or account."""

    class Channel(models.TextChoices):
        PUBLIC = "public", "Trang hỏi đáp công khai"
        WIDGET = "widget", "Khung nhúng trên website"
        STAFF = "staff", "Trong hệ thống"
        CLI = "cli", "Dòng lệnh"

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    text = models.CharField("Câu hỏi", max_length=300)
    key = models.CharField("Khóa gộp câu hỏi", max_length=300, db_index=True)
    answered = models.BooleanField("Có tài liệu trả lời", default=False)
    channel = models.CharField("Nơi hỏi", max_length=10, choices=Channel.choices)
    asked_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "Câu hỏi"
        verbose_name_plural = "Câu hỏi"
        ordering = ["-asked_at"]

    def __str__(self):
        return self.text
