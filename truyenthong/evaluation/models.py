"""Đánh giá, thi đua, kiểm tra: the school's criteria set for communication work and its yearly cycle
(self-assessment, scoring, publication), emulation scores and commendations, inspections with findings and
follow-ups."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from truyenthong.core.stamps import Created, CreatedBy, Updated
from truyenthong.core.versioning import Versioned
from truyenthong.org.models import Organisation, Person

# --------------------------------------------------------------------------------------------- criteria set


class CriteriaSet(Created, Updated, Versioned):
    """Bộ tiêu chí đánh giá công tác truyền thông giáo dục: a rubric the school edits."""

    school = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="criteria_sets", verbose_name="Trường"
    )
    title = models.CharField(
        "Tên bộ tiêu chí", max_length=300, default="Bộ tiêu chí đánh giá công tác truyền thông giáo dục"
    )

    class Meta:
        verbose_name = "Bộ tiêu chí"
        verbose_name_plural = "Bộ tiêu chí"
        ordering = ["-id"]

    def __str__(self):
        return self.title

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for g in self.groups.all() for c in g.criteria.all()), Decimal(0))


class CriteriaGroup(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="groups")
    number = models.CharField("Số thứ tự", max_length=10, blank=True)
    title = models.CharField("Nhóm tiêu chí", max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title


class Criterion(models.Model):
    class AutoRule(models.TextChoices):
        NONE = "", "Chấm tay"
        INDICATOR = "indicator", "Theo trạng thái một chỉ số của kế hoạch (đạt: đủ điểm; có nguy cơ: một nửa)"
        ITEMS_PER_MONTH = "items_per_month", "Số tin bài đã đăng mỗi tháng (tối thiểu = tham số)"
        ACTIVITIES = "activities", "Số hoạt động đã thực hiện trong năm (tối thiểu = tham số)"

    group = models.ForeignKey(CriteriaGroup, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField("Tiêu chí")
    max_points = models.DecimalField("Điểm tối đa", max_digits=6, decimal_places=2)
    evidence_required = models.BooleanField("Bắt buộc minh chứng", default=True)
    evidence_hint = models.CharField("Minh chứng cần có", max_length=300, blank=True)
    auto_rule = models.CharField(
        "Chấm tự động", max_length=20, choices=AutoRule.choices, blank=True, default=AutoRule.NONE
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Chỉ số",
    )
    auto_param = models.DecimalField("Tham số", max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text[:80]


class EvaluationCycle(Created):
    """A school year's evaluation against the criteria set: units assess themselves, leadership scores, then
    publishes the results inside the school."""

    class State(models.TextChoices):
        OPEN = "open", "Đang tự đánh giá và chấm điểm"
        PUBLISHED = "published", "Đã công bố kết quả"

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="evaluation_cycles")
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.PROTECT, related_name="cycles")
    period_key = models.CharField("Năm học", max_length=20)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-period_key"]
        constraints = [models.UniqueConstraint(fields=["school", "period_key"], name="uniq_cycle_per_year")]

    def __str__(self):
        return f"Đánh giá năm học {self.period_key}"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED


class UnitAssessment(Versioned):
    class State(models.TextChoices):
        DRAFT = "draft", "Đang tự đánh giá"
        SUBMITTED = "submitted", "Đã gửi tự đánh giá"
        SCORED = "scored", "Đã chấm"

    cycle = models.ForeignKey(EvaluationCycle, on_delete=models.CASCADE, related_name="assessments")
    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", verbose_name="Đơn vị")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["unit__path"]
        constraints = [models.UniqueConstraint(fields=["cycle", "unit"], name="uniq_assessment_unit")]

    def __str__(self):
        return f"{self.unit} — {self.cycle}"


class CriterionScore(models.Model):
    assessment = models.ForeignKey(UnitAssessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    self_score = models.DecimalField("Điểm tự chấm", max_digits=6, decimal_places=2, null=True, blank=True)
    evidence_link = models.URLField("Liên kết minh chứng", blank=True)
    evidence_note = models.TextField("Minh chứng, giải trình", blank=True)
    auto_score = models.DecimalField("Điểm tự động", max_digits=6, decimal_places=2, null=True, blank=True)
    score = models.DecimalField("Điểm chấm", max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField("Nhận xét", blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="uniq_score_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.score}"


# --------------------------------------------------------------------------------------------- emulation


class EmulationYear(Created, Updated, Versioned):
    """A school year's emulation (thi đua): the classification thresholds the school sets, on a 100-point scale."""

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="emulation_years")
    period_key = models.CharField("Năm học", max_length=20)
    excellent = models.DecimalField(
        "Ngưỡng Hoàn thành xuất sắc", max_digits=6, decimal_places=2, default=Decimal("90")
    )
    good = models.DecimalField("Ngưỡng Hoàn thành tốt", max_digits=6, decimal_places=2, default=Decimal("80"))
    complete = models.DecimalField("Ngưỡng Hoàn thành", max_digits=6, decimal_places=2, default=Decimal("50"))

    class Meta:
        ordering = ["-period_key"]
        constraints = [models.UniqueConstraint(fields=["school", "period_key"], name="uniq_emulation_year")]

    def __str__(self):
        return f"Thi đua năm học {self.period_key}"


class EmulationScore(models.Model):
    """The emulation score of a unit or of a person for the year (empty: not scored yet, which is not zero)."""

    year = models.ForeignKey(EmulationYear, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    score = models.DecimalField("Điểm", max_digits=6, decimal_places=2, null=True, blank=True)
    note = models.CharField("Ghi chú", max_length=300, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True)
                | Q(unit__isnull=True, person__isnull=False),
                name="emulation_score_unit_xor_person",
            ),
            models.UniqueConstraint(
                fields=["year", "unit"], name="uniq_emulation_unit", condition=Q(unit__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["year", "person"], name="uniq_emulation_person", condition=Q(person__isnull=False)
            ),
        ]

    def __str__(self):
        return f"{self.unit or self.person}: {self.score}"


class Commendation(CreatedBy, Created):
    """Khen thưởng or biểu dương of a unit or a person, with the decision that grants it."""

    class Kind(models.TextChoices):
        COMMENDATION = "commendation", "Khen thưởng"
        PRAISE = "praise", "Biểu dương"

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="commendations")
    period_key = models.CharField("Năm học", max_length=20)
    kind = models.CharField("Hình thức", max_length=15, choices=Kind.choices, default=Kind.COMMENDATION)
    unit = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="Đơn vị"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="Cá nhân"
    )
    title = models.CharField("Danh hiệu, hình thức khen", max_length=200)
    decision_number = models.CharField("Số quyết định", max_length=60)
    decision_date = models.DateField("Ngày quyết định")
    reason = models.TextField("Thành tích", blank=True)

    class Meta:
        ordering = ["-decision_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, person__isnull=True)
                | Q(unit__isnull=True, person__isnull=False),
                name="commendation_unit_xor_person",
            ),
        ]

    def __str__(self):
        return f"{self.title} — {self.unit or self.person} ({self.decision_number})"

    @property
    def recipient(self):
        return self.unit or self.person


# --------------------------------------------------------------------------------------------- inspections


class Inspection(Created, Updated, Versioned):
    """One inspection (kiểm tra, giám sát) of the yearly inspection plan: a unit or the whole school."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Theo kế hoạch"
        CONDUCTED = "conducted", "Đã kiểm tra, đang khắc phục"
        CLOSED = "closed", "Đã kết thúc"

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="inspections")
    period_key = models.CharField("Năm học", max_length=20)
    unit = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Đơn vị được kiểm tra",
    )
    title = models.CharField("Nội dung kiểm tra", max_length=300)
    scheduled_on = models.DateField("Thời gian dự kiến")
    conducted_on = models.DateField("Ngày kiểm tra", null=True, blank=True)
    inspector = models.CharField("Người/ban kiểm tra", max_length=200, blank=True)
    conclusion = models.TextField("Kết luận", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["scheduled_on", "id"]
        indexes = [models.Index(fields=["school", "period_key"])]

    def __str__(self):
        return self.title


class Finding(Created):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Ưu điểm"
        ISSUE = "issue", "Tồn tại, hạn chế"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField("Loại", max_length=10, choices=Kind.choices, default=Kind.ISSUE)
    text = models.TextField("Nội dung")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.text[:80]


class FollowUp(models.Model):
    """A required follow-up (yêu cầu khắc phục) with its owner and deadline."""

    class Status(models.TextChoices):
        OPEN = "open", "Chưa hoàn thành"
        DONE = "done", "Đã hoàn thành"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="follow_ups")
    finding = models.ForeignKey(
        Finding, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    action = models.TextField("Yêu cầu khắc phục")
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name="Người chịu trách nhiệm"
    )
    deadline = models.DateField("Hạn hoàn thành")
    status = models.CharField(max_length=5, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField("Kết quả khắc phục", blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return self.action[:80]

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.OPEN and self.deadline < today
