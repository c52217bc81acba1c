"""Records behind the plan's targets: department plans, IT self-assessments, class coverage, incidents, training,
graduation results, professional-standard ratings, student rating distributions and prizes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Collate

from truyenthong.core.stamps import Created, CreatedBy, Updated
from truyenthong.core.versioning import Versioned
from truyenthong.org.models import Organisation, Person, SchoolClass

YEAR_HELP = "Ví dụ: 2026-2027"


def validate_school_year(value: str) -> None:
    from truyenthong.lib.periods import SCHOOL_YEAR, period_from_key

    try:
        period = period_from_key(value, kind=SCHOOL_YEAR)
    except ValueError:
        period = None
    if period is None or period.kind != SCHOOL_YEAR:
        raise ValidationError("Năm học phải có dạng 2026-2027 (hai năm liên tiếp).")


class SchoolYearField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 9)
        kwargs.setdefault("verbose_name", "Năm học")
        kwargs.setdefault("help_text", YEAR_HELP)
        kwargs.setdefault("validators", [validate_school_year])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("max_length", "verbose_name", "help_text", "validators"):
            kwargs.pop(key, None)
        return name, path, args, kwargs


class Record(CreatedBy, Created, Updated, Versioned):
    """Common columns: which school, when it was written and by whom."""

    school = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="Trường"
    )

    class Meta:
        abstract = True


class DepartmentPlan(Record):
    """A subject department's implementation plan for a school year (tổ trưởng submits, leadership approves)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Đang soạn"
        SUBMITTED = "submitted", "Đã nộp, chờ duyệt"
        RETURNED = "returned", "Trả lại để sửa"
        APPROVED = "approved", "Đã duyệt"

    unit = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="Tổ chuyên môn"
    )
    school_year = SchoolYearField()
    title = models.CharField("Tên kế hoạch", max_length=300)
    content = models.TextField("Nội dung chính (gắn với nhiệm vụ chuyên môn)")
    evidence_link = models.URLField("Liên kết tệp kế hoạch", blank=True)
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField("Ngày nộp", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField("Ngày duyệt", null=True, blank=True)
    review_comment = models.TextField("Ý kiến của lãnh đạo", blank=True)

    class Meta:
        verbose_name = "Kế hoạch của tổ chuyên môn"
        verbose_name_plural = "Kế hoạch của tổ chuyên môn"
        ordering = ["-school_year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "school_year"], name="uniq_dept_plan_per_year")
        ]

    def __str__(self):
        return f"{self.title} ({self.school_year})"


class ITCriterion(Record):
    """One criterion of the school's IT / digital-teaching self-assessment for a school year."""

    school_year = SchoolYearField()
    order = models.PositiveIntegerField("Thứ tự", default=0)
    text = models.CharField("Tiêu chí", max_length=300)

    class Meta:
        verbose_name = "Tiêu chí ứng dụng CNTT"
        verbose_name_plural = "Tiêu chí ứng dụng CNTT"
        ordering = ["-school_year", "order", "id"]

    def __str__(self):
        return self.text


class ITSelfAssessment(Record):
    """A teacher's yearly self-assessment; counts once the tổ trưởng confirms it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Chờ tổ trưởng xác nhận"
        CONFIRMED = "confirmed", "Đã xác nhận"
        RETURNED = "returned", "Trả lại"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name="Giáo viên")
    school_year = SchoolYearField()
    criteria_met = models.JSONField("Tiêu chí tự đánh giá đạt", default=list, blank=True)
    self_meets = models.BooleanField("Tự đánh giá: ứng dụng hiệu quả", default=False)
    note = models.TextField("Minh chứng, ghi chú", blank=True)
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    meets = models.BooleanField("Tổ trưởng xác nhận: đạt", default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField("Ngày xác nhận", null=True, blank=True)
    confirm_comment = models.TextField("Ý kiến tổ trưởng", blank=True)

    class Meta:
        verbose_name = "Tự đánh giá ứng dụng CNTT"
        verbose_name_plural = "Tự đánh giá ứng dụng CNTT"
        ordering = ["-school_year", Collate(F("person__sort_name"), "vi_icu")]
        constraints = [models.UniqueConstraint(fields=["person", "school_year"], name="uniq_it_assessment")]

    def __str__(self):
        return f"{self.person.full_name} — {self.school_year}"


class ClassEducationCoverage(Record):
    """Whether a class received life-skills and law education in its school year."""

    school_class = models.OneToOneField(
        SchoolClass, on_delete=models.CASCADE, related_name="education_coverage", verbose_name="Lớp"
    )
    life_skills = models.BooleanField("Đã giáo dục kỹ năng sống", default=False)
    law = models.BooleanField("Đã giáo dục pháp luật", default=False)
    sessions = models.PositiveIntegerField("Số buổi/tiết", default=0)
    note = models.CharField("Hình thức, ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "Giáo dục kỹ năng sống, pháp luật theo lớp"
        verbose_name_plural = "Giáo dục kỹ năng sống, pháp luật theo lớp"
        ordering = ["school_class__school_year", "school_class__grade", "school_class__name"]

    def __str__(self):
        return str(self.school_class)

    @property
    def covered(self) -> bool:
        return self.life_skills and self.law


class ViolenceIncident(Record):
    """A school-violence incident. Leadership only: never teachers, other schools, or officials beyond counts."""

    class Severity(models.TextChoices):
        MINOR = "minor", "Nhẹ"
        SERIOUS = "serious", "Nghiêm trọng"
        GRAVE = "grave", "Đặc biệt nghiêm trọng"

    occurred_on = models.DateField("Ngày xảy ra")
    school_class = models.ForeignKey(
        SchoolClass,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Lớp liên quan",
    )
    severity = models.CharField("Mức độ", max_length=10, choices=Severity.choices, default=Severity.MINOR)
    description = models.TextField("Diễn biến")
    handling = models.TextField("Biện pháp xử lý", blank=True)

    class Meta:
        verbose_name = "Vụ việc bạo lực học đường"
        verbose_name_plural = "Vụ việc bạo lực học đường"
        ordering = ["-occurred_on", "-id"]

    def __str__(self):
        return f"Vụ việc ngày {self.occurred_on:%d/%m/%Y}"


class CommsStaff(Record):
    """A person doing communication work for the school, for a span of time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name="Cán bộ")
    duty = models.CharField("Nhiệm vụ truyền thông", max_length=200, blank=True)
    start = models.DateField("Từ ngày", null=True, blank=True)
    end = models.DateField("Đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "Cán bộ làm công tác truyền thông"
        verbose_name_plural = "Cán bộ làm công tác truyền thông"
        ordering = [Collate(F("person__sort_name"), "vi_icu")]
        constraints = [models.UniqueConstraint(fields=["person"], name="uniq_comms_staff")]

    def __str__(self):
        return self.person.full_name

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "Ngày kết thúc phải sau ngày bắt đầu."})


class CommsTraining(Record):
    """A training or refresher course attended by a communication staff member."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name="Cán bộ")
    title = models.CharField("Tên khóa đào tạo, bồi dưỡng", max_length=300)
    organiser = models.CharField("Đơn vị tổ chức", max_length=200, blank=True)
    start = models.DateField("Từ ngày")
    end = models.DateField("Đến ngày", null=True, blank=True)
    hours = models.PositiveIntegerField("Số tiết/giờ", default=0)
    certificate = models.CharField("Chứng nhận (số, ngày)", max_length=200, blank=True)

    class Meta:
        verbose_name = "Đào tạo, bồi dưỡng cán bộ truyền thông"
        verbose_name_plural = "Đào tạo, bồi dưỡng cán bộ truyền thông"
        ordering = ["-start", "-id"]

    def __str__(self):
        return f"{self.person.full_name} — {self.title}"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "Ngày kết thúc phải sau ngày bắt đầu."})


class GraduationResult(Record):
    """A grade-12 class's graduation and university-admission results for its school year."""

    school_class = models.OneToOneField(
        SchoolClass, on_delete=models.CASCADE, related_name="graduation_result", verbose_name="Lớp 12"
    )
    candidates = models.PositiveIntegerField("Số học sinh dự thi")
    graduates = models.PositiveIntegerField("Số học sinh tốt nghiệp")
    university_admitted = models.PositiveIntegerField("Số học sinh đỗ đại học", default=0)

    class Meta:
        verbose_name = "Kết quả tốt nghiệp, tuyển sinh đại học"
        verbose_name_plural = "Kết quả tốt nghiệp, tuyển sinh đại học"
        ordering = ["school_class__school_year", "school_class__name"]

    def __str__(self):
        return str(self.school_class)

    def clean(self):
        errors = {}
        if self.school_class_id and self.school_class.grade != 12:
            errors["school_class"] = "Chỉ nhập kết quả tốt nghiệp cho lớp 12."
        if self.graduates is not None and self.candidates is not None and self.graduates > self.candidates:
            errors["graduates"] = "Số học sinh tốt nghiệp không thể lớn hơn số dự thi."
        if (
            self.university_admitted is not None
            and self.graduates is not None
            and self.university_admitted > self.graduates
        ):
            errors["university_admitted"] = "Số đỗ đại học không thể lớn hơn số tốt nghiệp."
        if errors:
            raise ValidationError(errors)


class StandardRating(Record):
    """A teacher's yearly rating against the professional standard (chuẩn nghề nghiệp giáo viên)."""

    class Level(models.TextChoices):
        GOOD = "tot", "Tốt"
        FAIR = "kha", "Khá"
        PASS = "dat", "Đạt"
        FAIL = "chua_dat", "Chưa đạt"

    MEETING = (Level.GOOD, Level.FAIR, Level.PASS)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name="Giáo viên")
    school_year = SchoolYearField()
    level = models.CharField("Mức xếp loại", max_length=10, choices=Level.choices)

    class Meta:
        verbose_name = "Đánh giá chuẩn nghề nghiệp giáo viên"
        verbose_name_plural = "Đánh giá chuẩn nghề nghiệp giáo viên"
        ordering = ["-school_year", Collate(F("person__sort_name"), "vi_icu")]
        constraints = [models.UniqueConstraint(fields=["person", "school_year"], name="uniq_standard_rating")]

    def __str__(self):
        return f"{self.person.full_name} — {self.school_year}: {self.get_level_display()}"


class RatingDistribution(Record):
    """How many students of a class were rated Tốt / Khá / Đạt / Chưa đạt in learning or in conduct."""

    class Kind(models.TextChoices):
        LEARNING = "learning", "Kết quả học tập"
        CONDUCT = "conduct", "Kết quả rèn luyện"

    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="rating_distributions", verbose_name="Lớp"
    )
    kind = models.CharField("Loại", max_length=10, choices=Kind.choices)
    good = models.PositiveIntegerField("Tốt", default=0)
    fair = models.PositiveIntegerField("Khá", default=0)
    passed = models.PositiveIntegerField("Đạt", default=0)
    failed = models.PositiveIntegerField("Chưa đạt", default=0)

    class Meta:
        verbose_name = "Kết quả học tập, rèn luyện theo lớp"
        verbose_name_plural = "Kết quả học tập, rèn luyện theo lớp"
        ordering = ["school_class__school_year", "school_class__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["school_class", "kind"], name="uniq_rating_distribution")
        ]

    def __str__(self):
        return f"{self.school_class} — {self.get_kind_display()}"

    @property
    def total(self) -> int:
        return self.good + self.fair + self.passed + self.failed

    def clean(self):
        if self.school_class_id and self.total > self.school_class.student_count:
            raise ValidationError(
                f"Tổng số học sinh được xếp loại ({self.total}) vượt sĩ số lớp ({self.school_class.student_count})."
            )


class StudentPrize(Record):
    """A student's prize at provincial level or above. Only the name and class are kept (least data)."""

    class Level(models.TextChoices):
        PROVINCIAL = "provincial", "Cấp tỉnh"
        REGIONAL = "regional", "Khu vực"
        NATIONAL = "national", "Quốc gia"
        INTERNATIONAL = "international", "Quốc tế"

    LEVEL_RANK = {"provincial": 1, "regional": 2, "national": 3, "international": 4}

    school_year = SchoolYearField()
    student_name = models.CharField("Họ tên học sinh", max_length=150)
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="Lớp"
    )
    level = models.CharField("Cấp giải", max_length=15, choices=Level.choices)
    competition = models.CharField("Cuộc thi / kỳ thi", max_length=300)
    award = models.CharField("Giải", max_length=100, help_text="Ví dụ: Giải Nhất, Huy chương Bạc")
    awarded_on = models.DateField("Ngày trao giải", null=True, blank=True)

    class Meta:
        verbose_name = "Giải thưởng của học sinh"
        verbose_name_plural = "Giải thưởng của học sinh"
        ordering = ["-school_year", "level", "student_name"]

    def __str__(self):
        return f"{self.student_name} — {self.award} ({self.get_level_display()})"
