"""Personal data under Law 91/2025/QH15: students as data subjects, consents, who appears in public content,
the log of reads of personal records, and the record of every anonymisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Collate

from truyenthong.core.stamps import Created, PersonSortName

ANONYMISED = "[đã ẩn danh]"


class Purpose(models.TextChoices):
    NAME = "name", "Công bố họ tên"
    PHOTO = "photo", "Công bố hình ảnh"


class Student(PersonSortName, Created):
    """A student named or shown in the school's communication (the least data: name, birth date, class)."""

    school = models.ForeignKey(
        "org.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="Trường"
    )
    full_name = models.CharField("Họ và tên học sinh", max_length=150)
    birth_date = models.DateField("Ngày sinh", null=True, blank=True)
    school_class = models.ForeignKey(
        "org.SchoolClass",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Lớp",
    )
    anonymised_at = models.DateTimeField("Ẩn danh lúc", null=True, blank=True)

    class Meta:
        verbose_name = "Học sinh (chủ thể dữ liệu)"
        verbose_name_plural = "Học sinh (chủ thể dữ liệu)"
        ordering = [Collate(F("sort_name"), "vi_icu"), "id"]

    DERIVED_FIELDS = {"sort_name": "full_name"}

    def __str__(self):
        return self.full_name


class Consent(models.Model):
    """One consent to publish a person's name or photo, given by the person or a parent, until withdrawn."""

    class GivenBy(models.TextChoices):
        SELF = "self", "Chính người đó"
        PARENT = "parent", "Cha mẹ hoặc người giám hộ"

    school = models.ForeignKey(
        "org.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name="Trường"
    )
    person = models.ForeignKey(
        "org.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name="Cán bộ, giáo viên",
    )
    student = models.ForeignKey(
        Student,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
        verbose_name="Học sinh",
    )
    purpose = models.CharField("Nội dung đồng ý", max_length=10, choices=Purpose.choices)
    given_by = models.CharField("Người đồng ý", max_length=10, choices=GivenBy.choices)
    giver_name = models.CharField("Họ tên người đồng ý (cha mẹ, người giám hộ)", max_length=150, blank=True)
    given_on = models.DateField("Ngày đồng ý")
    evidence = models.CharField("Minh chứng đồng ý", max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField("Ngày rút lại", null=True, blank=True)
    withdrawn_by_name = models.CharField("Người rút lại", max_length=150, blank=True)
    withdrawal_evidence = models.CharField("Minh chứng rút lại", max_length=300, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Đồng ý công bố thông tin cá nhân"
        verbose_name_plural = "Đồng ý công bố thông tin cá nhân"
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, student__isnull=True)
                | Q(person__isnull=True, student__isnull=False),
                name="consent_person_xor_student",
            ),
        ]

    def __str__(self):
        return f"{self.subject} — {self.get_purpose_display()} ({self.given_on:%d/%m/%Y})"

    @property
    def subject(self):
        return self.person or self.student

    def standing_on(self, day) -> bool:
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)


class Appearance(models.Model):
    """A person named or shown in a content item: the public may see the item only while the person consents."""

    item = models.ForeignKey(
        "content.ContentItem", on_delete=models.CASCADE, related_name="appearances", verbose_name="Nội dung"
    )
    person = models.ForeignKey(
        "org.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="Cán bộ"
    )
    student = models.ForeignKey(
        Student,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="appearances",
        verbose_name="Học sinh",
    )
    purpose = models.CharField("Xuất hiện bằng", max_length=10, choices=Purpose.choices)
    detected = models.BooleanField("Hệ thống tự phát hiện họ tên", default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Người xuất hiện trong nội dung"
        verbose_name_plural = "Người xuất hiện trong nội dung"
        ordering = ["item", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, student__isnull=True)
                | Q(person__isnull=True, student__isnull=False),
                name="appearance_person_xor_student",
            ),
        ]

    def __str__(self):
        return f"{self.person or self.student} — {self.item}"


class AccessLog(models.Model):
    """Who read a register or a personal record, and when (Law 91: reads of personal data are traceable)."""

    class Kind(models.TextChoices):
        REGISTER = "register", "Danh sách cán bộ"
        RECORD = "record", "Hồ sơ cá nhân"
        DATA_REGISTER = "data_register", "Danh mục dữ liệu cá nhân"
        CONSENTS = "consents", "Hồ sơ đồng ý"
        EXPORT = "export", "Tải dữ liệu cá nhân"
        ERASURE = "erasure", "Ẩn danh, xóa dữ liệu"
        ATTENDANCE = "attendance", "Điểm danh, người tham gia"
        HISTORY = "history", "Lịch sử thay đổi"
        RECORDS = "records", "Hồ sơ chỉ tiêu nêu tên"
        EVALUATION = "evaluation", "Thi đua, kiểm tra"
        CONTESTANTS = "contestants", "Người dự thi"

    at = models.DateTimeField("Thời điểm", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Người xem",
    )
    username = models.CharField("Tài khoản", max_length=150, blank=True)
    school = models.ForeignKey(
        "org.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Trường",
    )
    kind = models.CharField("Loại", max_length=16, choices=Kind.choices)
    object_repr = models.CharField("Đã xem", max_length=300, blank=True)
    person = models.ForeignKey(
        "org.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Hồ sơ của",
    )
    path = models.CharField("Địa chỉ", max_length=300, blank=True)

    class Meta:
        verbose_name = "Nhật ký truy cập dữ liệu cá nhân"
        verbose_name_plural = "Nhật ký truy cập dữ liệu cá nhân"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["school", "at"], name="privacy_access_school_at")]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} — {self.get_kind_display()} {self.object_repr}"


class Erasure(models.Model):
    """One anonymisation or erasure: which record, why, by whom (the personal values themselves are gone)."""

    class Reason(models.TextChoices):
        REQUEST = "request", "Theo yêu cầu"
        RETENTION = "retention", "Hết thời hạn lưu trữ"

    class Mode(models.TextChoices):
        ANONYMISE = "anonymise", "Ẩn danh"
        ERASE = "erase", "Xóa hẳn"

    at = models.DateTimeField("Thời điểm", auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    school = models.ForeignKey("org.Organisation", on_delete=models.CASCADE, null=True, related_name="+")
    category = models.CharField("Nhóm dữ liệu", max_length=30)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    reason = models.CharField("Lý do", max_length=10, choices=Reason.choices)
    mode = models.CharField("Cách làm", max_length=10, choices=Mode.choices, default=Mode.ANONYMISE)
    note = models.CharField("Ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "Ẩn danh, xóa dữ liệu cá nhân"
        verbose_name_plural = "Ẩn danh, xóa dữ liệu cá nhân"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="privacy_erasure_object")]

    def __str__(self):
        return f"{self.get_mode_display()} {self.object_type} #{self.object_id}"
