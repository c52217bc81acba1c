"""A plan (Kế hoạch) as data: header, legal bases, objectives, phases, targets and measures, tasks, who does what."""

from django.conf import settings
from django.db import models

from truyenthong.core.stamps import Created, CreatedBy, Updated
from truyenthong.core.versioning import Versioned
from truyenthong.lib.plandoc.measures import describe_measure
from truyenthong.lib.plandoc.model import Measure as DocMeasure
from truyenthong.org.models import Organisation


class Plan(CreatedBy, Created, Updated, Versioned):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="plans", verbose_name="Đơn vị ban hành"
    )
    number = models.CharField("Số, ký hiệu", max_length=60, blank=True)
    doc_type = models.CharField("Loại văn bản", max_length=40, default="KẾ HOẠCH")
    place = models.CharField("Địa danh", max_length=100, blank=True)
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    title = models.TextField("Trích yếu")
    parent_body = models.CharField("Cơ quan chủ quản", max_length=200, blank=True)
    issuing_body = models.CharField("Cơ quan ban hành", max_length=200, blank=True)
    intro = models.TextField("Lời mở đầu", blank=True)
    budget = models.TextField("Kinh phí", blank=True)
    closing = models.TextField("Đoạn kết", blank=True)
    recipients = models.JSONField("Nơi nhận", default=list, blank=True)
    signer_authority = models.CharField("Thẩm quyền ký (KT./TM.)", max_length=120, blank=True)
    signer_position = models.CharField("Chức vụ người ký", max_length=120, blank=True)
    signer_name = models.CharField("Người ký", max_length=120, blank=True)
    source_filename = models.CharField("Tệp gốc", max_length=255, blank=True)
    import_warnings = models.JSONField("Cảnh báo khi nhập", default=list, blank=True)
    is_current = models.BooleanField("Kế hoạch đang thực hiện", default=True)

    class Meta:
        verbose_name = "Kế hoạch"
        verbose_name_plural = "Kế hoạch"
        ordering = ["-issued_on", "-id"]

    def __str__(self):
        return f"Kế hoạch số {self.number}" if self.number else self.title[:80]


class LegalBasis(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bases")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField("Nội dung căn cứ")
    refs = models.JSONField("Văn bản được viện dẫn", default=list, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "Căn cứ"
        verbose_name_plural = "Căn cứ"

    def __str__(self):
        return self.text[:80]


class Objective(Versioned):
    """A general objective (mục tiêu chung)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField("Mục tiêu")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "Mục tiêu chung"
        verbose_name_plural = "Mục tiêu chung"

    def __str__(self):
        return self.text[:80]


class Phase(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveIntegerField(default=0)
    label = models.CharField("Giai đoạn", max_length=200)
    start_year = models.PositiveIntegerField("Từ năm", null=True, blank=True)
    end_year = models.PositiveIntegerField("Đến năm", null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "Giai đoạn"
        verbose_name_plural = "Giai đoạn"

    def __str__(self):
        return self.label


class Target(Versioned):
    """A specific objective (chỉ tiêu) of a phase; its measures are what can be computed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    phase = models.ForeignKey(Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="targets")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField("Chỉ tiêu")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "Chỉ tiêu"
        verbose_name_plural = "Chỉ tiêu"

    def __str__(self):
        return self.text[:80]

    @property
    def is_qualitative(self) -> bool:
        return not self.measures.exists()


class Measure(Versioned):
    class Unit(models.TextChoices):
        NONE = "", "—"
        PERCENT = "%", "%"
        COUNT = "count", "số lượng"

    class Comparator(models.TextChoices):
        AT_LEAST = ">=", "đạt tối thiểu"
        EQUAL = "=", "bằng"
        AT_MOST = "<=", "không quá"
        INCREASE = "increase", "tăng so với kỳ trước"
        DECREASE = "decrease", "giảm"
        ZERO = "zero", "không để xảy ra"

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveIntegerField(default=0)
    value = models.DecimalField("Giá trị", max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField("Đơn vị", max_length=8, choices=Unit.choices, blank=True, default="")
    comparator = models.CharField("So sánh", max_length=10, choices=Comparator.choices)
    text = models.CharField("Trích đoạn", max_length=500, blank=True)
    subject = models.CharField("Nội dung đo", max_length=500, blank=True)
    upper_value = models.DecimalField("Cận trên", max_digits=12, decimal_places=2, null=True, blank=True)
    baseline = models.CharField("So với", max_length=200, blank=True)
    noun = models.CharField("Đơn vị đếm", max_length=60, blank=True)
    per_period = models.CharField("Mỗi", max_length=30, blank=True)
    total = models.DecimalField("Trên tổng số", max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "Thước đo"
        verbose_name_plural = "Thước đo"

    def __str__(self):
        return self.describe()

    def describe(self) -> str:
        """The measure in words ("≥ 90%", "giảm ít nhất 30% so với năm học 2024-2025"), as the importer wrote it."""
        text = describe_measure(self.as_document_measure())
        return text[:1].upper() + text[1:] if text[:1].isalpha() else text

    def as_document_measure(self) -> DocMeasure:
        def number(value):
            return None if value is None else float(value)

        return DocMeasure(
            value=number(self.value),
            unit=self.unit or None,
            comparator=self.comparator,
            text=self.text,
            subject=self.subject,
            upper=number(self.upper_value),
            baseline=self.baseline,
            noun=self.noun,
            per=self.per_period,
            total=number(self.total),
        )


class TaskGroup(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="task_groups")
    order = models.PositiveIntegerField(default=0)
    number = models.CharField("Số thứ tự", max_length=10, blank=True)
    title = models.TextField("Nhóm nhiệm vụ")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "Nhóm nhiệm vụ"
        verbose_name_plural = "Nhóm nhiệm vụ"

    def __str__(self):
        return f"{self.number}. {self.title[:80]}"


class Task(Versioned):
    group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField("Nhiệm vụ")
    units = models.ManyToManyField(
        Organisation, through="TaskAssignment", related_name="assigned_tasks", verbose_name="Đơn vị thực hiện"
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "Nhiệm vụ"
        verbose_name_plural = "Nhiệm vụ"

    def __str__(self):
        return self.text[:80]


class TaskAssignment(models.Model):
    class Kind(models.TextChoices):
        LEAD = "lead", "Chủ trì"
        SUPPORT = "support", "Phối hợp"

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="task_assignments")
    kind = models.CharField("Vai trò", max_length=10, choices=Kind.choices, default=Kind.LEAD)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="uniq_task_unit")]
        verbose_name = "Phân công"
        verbose_name_plural = "Phân công"

    def __str__(self):
        return f"{self.unit} — {self.get_kind_display()}"


class Responsibility(Versioned):
    """A unit's duties as written in "Tổ chức thực hiện"; `unit` links it to the organisation when matched."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="responsibilities")
    order = models.PositiveIntegerField(default=0)
    unit_name = models.CharField("Đơn vị", max_length=200)
    unit = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    duties = models.JSONField("Nhiệm vụ", default=list, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "Trách nhiệm"
        verbose_name_plural = "Trách nhiệm"

    def __str__(self):
        return self.unit_name


class PlanUpload(Created):
    """An uploaded plan document waiting for the user to confirm the parsed preview."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    parsed = models.JSONField()
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    def __str__(self):
        return self.filename
