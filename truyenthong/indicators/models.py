"""Indicators as data: a definition per plan measure, values materialised per period and unit, hand-entered values
with their approval, and the per-unit reporting status of each period."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from truyenthong.core.filenames import StoredName
from truyenthong.core.stamps import Created, Updated
from truyenthong.core.versioning import Versioned
from truyenthong.org.models import Organisation
from truyenthong.plans.models import Measure, Plan


class Status(models.TextChoices):
    MET = "met", "Đạt"
    AT_RISK = "at_risk", "Có nguy cơ"
    NOT_MET = "not_met", "Chưa đạt"
    NO_DATA = "no_data", "Chưa có dữ liệu"
    UNDEFINED = "undefined", "Cần định nghĩa"


STATUS_ORDER = {Status.NOT_MET: 0, Status.AT_RISK: 1, Status.NO_DATA: 2, Status.UNDEFINED: 3, Status.MET: 4}


class Indicator(Created, Updated, Versioned):
    """How one measure of the plan is computed. Editable in the browser by leadership; no code involved."""

    class Method(models.TextChoices):
        COMPUTED = "computed", "Tính từ hồ sơ (tử số / mẫu số)"
        MANUAL = "manual", "Nhập tay có minh chứng"
        UNDEFINED = "undefined", "Cần định nghĩa"

    class PeriodKind(models.TextChoices):
        SCHOOL_YEAR = "school_year", "Năm học"
        SEMESTER = "semester", "Học kỳ"
        CALENDAR_YEAR = "calendar_year", "Năm"
        PHASE = "phase", "Giai đoạn"

    school = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="indicators", verbose_name="Trường"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators", null=True, blank=True)
    measure = models.OneToOneField(
        Measure,
        on_delete=models.CASCADE,
        related_name="indicator",
        null=True,
        blank=True,
        verbose_name="Thước đo",
    )
    name = models.CharField("Tên chỉ số", max_length=300)
    method = models.CharField("Cách tính", max_length=10, choices=Method.choices, default=Method.UNDEFINED)
    numerator_source = models.CharField("Tử số", max_length=60, blank=True)
    numerator_params = models.JSONField("Tham số tử số", default=dict, blank=True)
    denominator_source = models.CharField(
        "Mẫu số", max_length=60, blank=True, help_text="Để trống khi chỉ số là một số đếm (không phải tỷ lệ)."
    )
    denominator_params = models.JSONField("Tham số mẫu số", default=dict, blank=True)
    period_kind = models.CharField(
        "Kỳ tính", max_length=15, choices=PeriodKind.choices, default=PeriodKind.SCHOOL_YEAR
    )
    target_value = models.DecimalField(
        "Giá trị chỉ tiêu", max_digits=12, decimal_places=2, null=True, blank=True
    )
    comparator = models.CharField("So sánh", max_length=10, choices=Measure.Comparator.choices, default=">=")
    is_percent = models.BooleanField("Là tỷ lệ %", default=True)
    at_risk_margin = models.DecimalField(
        "Biên 'có nguy cơ'",
        max_digits=8,
        decimal_places=2,
        default=Decimal("10"),
        help_text="Cách chỉ tiêu không quá bấy nhiêu (điểm %) thì xếp 'có nguy cơ' thay vì 'chưa đạt'.",
    )
    evidence_required = models.BooleanField("Bắt buộc minh chứng khi nhập tay", default=True)
    per_unit = models.BooleanField("Nhập/tính theo từng đơn vị", default=False)
    note = models.TextField("Ghi chú cách tính", blank=True)
    tasks = models.ManyToManyField(
        "plans.Task", blank=True, related_name="indicators", verbose_name="Nhiệm vụ đóng góp vào chỉ số"
    )

    class Meta:
        verbose_name = "Chỉ số"
        verbose_name_plural = "Chỉ số"
        ordering = ["school", "measure__target__order", "measure__order", "id"]

    def __str__(self):
        return self.name

    def computation_label(self) -> str:
        """The computation in words: "Cán bộ đã dự … (Loại hoạt động: …) / Cán bộ … đang công tác trong kỳ"."""
        from truyenthong.indicators import sources

        parts = []
        for key, params in (
            (self.numerator_source, self.numerator_params),
            (self.denominator_source, self.denominator_params),
        ):
            source = sources.get(key) if key else None
            if source is None:
                continue
            described = source.describe(params)
            parts.append(f"{source.label} ({described})" if described else source.label)
        return " / ".join(parts)


class IndicatorValue(models.Model):
    """A materialised value of an indicator for one period, for the school (scope 0) or one unit (scope = unit id)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=20)
    scope = models.PositiveIntegerField(default=0, help_text="0 for the whole school, else the unit's id")
    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NO_DATA)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_key", "scope"], name="uniq_indicator_value"),
        ]
        indexes = [
            models.Index(fields=["school", "period_key", "scope"]),
            # a period's whole-school values across every school (the Sở's roll-up reads them by period), in the
            # API's order (indicator): a page of a province's values is read off the index, not sorted from all
            models.Index(fields=["period_key", "scope", "indicator"], name="indicator_value_period"),
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.period_key} {self.scope}: {self.value}"


class ManualEntry(Created, Updated, Versioned):
    """A hand-entered value of an indicator for a period and unit (empty unit: the whole school)."""

    class State(models.TextChoices):
        DRAFT = "draft", "Đang nhập"
        SUBMITTED = "submitted", "Đã gửi"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="entries")
    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField("Kỳ", max_length=20)
    unit = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="Đơn vị"
    )
    numerator = models.DecimalField("Tử số", max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField("Mẫu số", max_digits=14, decimal_places=2, null=True, blank=True)
    value = models.DecimalField("Giá trị", max_digits=14, decimal_places=2, null=True, blank=True)
    evidence_link = models.URLField("Liên kết minh chứng", blank=True)
    evidence_file = models.FileField(
        "Tệp minh chứng", upload_to=StoredName("indicators/evidence"), blank=True
    )
    note = models.TextField("Giải trình", blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Số liệu nhập tay"
        verbose_name_plural = "Số liệu nhập tay"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_key", "unit"],
                name="uniq_manual_entry_unit",
                condition=models.Q(unit__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_key"],
                name="uniq_manual_entry_school",
                condition=models.Q(unit__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.period_key}"


class Submission(models.Model):
    """A unit's report for a period (empty unit: the school's own approval). Approved means locked."""

    class State(models.TextChoices):
        OPEN = "open", "Đang mở"
        SUBMITTED = "submitted", "Đã nộp, chờ duyệt"
        APPROVED = "approved", "Đã duyệt, khóa số liệu"

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=20)
    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    unlock_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "period_key", "unit"],
                name="uniq_submission_unit",
                condition=models.Q(unit__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["school", "period_key"],
                name="uniq_submission_school",
                condition=models.Q(unit__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.school_id} {self.period_key} {self.unit_id or 'trường'}: {self.state}"

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.APPROVED


class PendingRefresh(models.Model):
    """A school whose indicator values wait for a recomputation already queued as a background task.

    One row per school: the writes that arrive while it is waiting add nothing (their changes are read by the task
    when it runs), which coalesces a burst — a room of QR check-ins — into one recomputation.
    """

    school = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField()

    class Meta:
        verbose_name = "Chỉ số chờ tính lại"
        verbose_name_plural = "Chỉ số chờ tính lại"
