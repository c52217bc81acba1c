"""Organisations (Bộ → Sở → trường → đơn vị), staff, their unit memberships, and classes."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Collate

from truyenthong.core.stamps import Created, PersonSortName, Updated
from truyenthong.core.versioning import Versioned


class Organisation(Created, Updated, Versioned):
    """A node of the education tree. `path` ("/1/4/9/") makes "is X under Y" a prefix test."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", "Bộ GDĐT"
        DEPARTMENT = "department", "Sở GDĐT"
        SCHOOL = "school", "Trường"
        UNIT = "unit", "Đơn vị trong trường"

    class UnitKind(models.TextChoices):
        NONE = "", "—"
        LEADERSHIP = "leadership", "Ban giám hiệu"
        SUBJECT = "subject", "Tổ chuyên môn"
        OFFICE = "office", "Văn phòng"
        YOUTH_UNION = "youth_union", "Đoàn Thanh niên"
        TRADE_UNION = "trade_union", "Công đoàn"
        OTHER = "other", "Đơn vị khác"

    kind = models.CharField("Loại", max_length=12, choices=Kind.choices)
    unit_kind = models.CharField(
        "Loại đơn vị", max_length=12, choices=UnitKind.choices, blank=True, default=""
    )
    code = models.SlugField("Mã", max_length=40, unique=True)
    name = models.CharField("Tên", max_length=200)
    short_name = models.CharField("Tên viết tắt", max_length=60, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="Trực thuộc",
    )
    school = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Trường",
        help_text="The school this node belongs to (itself for a school, empty above schools).",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    place = models.CharField(
        "Địa danh", max_length=100, blank=True, help_text="Dùng trong dòng địa danh, ngày tháng"
    )
    is_active = models.BooleanField("Đang hoạt động", default=True)

    class Meta:
        verbose_name = "Đơn vị"
        verbose_name_plural = "Đơn vị"
        ordering = ["path"]
        indexes = [
            # "the schools under this Sở" (kind = school, path LIKE '/1/2/%'), behind every list a Sở official or a
            # province API token reads: a range of this index instead of a pass over every school and unit.
            # The operator classes make LIKE 'prefix%' a range on PostgreSQL whatever the collation; SQLite ignores them.
            models.Index(
                fields=["kind", "path"],
                name="org_kind_path",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self):
        return self.name

    def is_within(self, other: "Organisation") -> bool:
        """True when self is `other` or below it."""
        return bool(other.path) and self.path.startswith(other.path)

    @property
    def is_school(self) -> bool:
        return self.kind == self.Kind.SCHOOL


class Person(PersonSortName, Created, Updated, Versioned):
    """A member of staff (cán bộ, giáo viên, nhân viên). Personal data: it never leaves its school."""

    class Category(models.TextChoices):
        MANAGER = "manager", "Cán bộ quản lý"
        TEACHER = "teacher", "Giáo viên"
        EMPLOYEE = "employee", "Nhân viên"

    class Gender(models.TextChoices):
        UNSPECIFIED = "", "—"
        FEMALE = "F", "Nữ"
        MALE = "M", "Nam"

    school = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="people", verbose_name="Trường"
    )
    code = models.CharField("Mã cán bộ", max_length=40)
    full_name = models.CharField("Họ và tên", max_length=150)
    gender = models.CharField("Giới tính", max_length=1, choices=Gender.choices, blank=True, default="")
    email = models.EmailField("Email", blank=True)
    phone = models.CharField("Điện thoại", max_length=20, blank=True)
    position = models.CharField("Chức vụ", max_length=120, blank=True)
    category = models.CharField("Loại", max_length=10, choices=Category.choices, default=Category.TEACHER)
    subject = models.CharField("Môn dạy", max_length=80, blank=True)
    active_from = models.DateField("Ngày bắt đầu công tác", null=True, blank=True)
    active_to = models.DateField("Ngày kết thúc công tác", null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="Tài khoản",
    )

    class Meta:
        verbose_name = "Cán bộ, giáo viên, nhân viên"
        verbose_name_plural = "Cán bộ, giáo viên, nhân viên"
        ordering = [Collate(F("sort_name"), "vi_icu"), "code"]
        constraints = [models.UniqueConstraint(fields=["school", "code"], name="uniq_person_code_per_school")]

    DERIVED_FIELDS = {"sort_name": "full_name"}

    def __str__(self):
        return f"{self.full_name} ({self.code})"

    def is_active_on(self, day) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or self.active_to >= day
        )


class Membership(models.Model):
    """A person in a unit (tổ chuyên môn, Văn phòng, Đoàn…), possibly as its head, for a span of time."""

    class UnitRole(models.TextChoices):
        MEMBER = "member", "Thành viên"
        HEAD = "head", "Trưởng đơn vị"
        DEPUTY = "deputy", "Phó đơn vị"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name="Đơn vị"
    )
    role = models.CharField("Vai trò", max_length=10, choices=UnitRole.choices, default=UnitRole.MEMBER)
    start = models.DateField("Từ ngày", null=True, blank=True)
    end = models.DateField("Đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "Thành viên đơn vị"
        verbose_name_plural = "Thành viên đơn vị"
        constraints = [models.UniqueConstraint(fields=["person", "unit"], name="uniq_membership")]

    def __str__(self):
        return f"{self.person.full_name} — {self.unit.name}"


class SchoolClass(Created, Updated, Versioned):
    """A class (lớp) of a school year, with its homeroom teacher (GVCN)."""

    school = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="classes", verbose_name="Trường"
    )
    school_year = models.CharField("Năm học", max_length=9, help_text="Ví dụ: 2026-2027")
    name = models.CharField("Tên lớp", max_length=30)
    grade = models.PositiveSmallIntegerField("Khối")
    student_count = models.PositiveIntegerField("Sĩ số", default=0)
    homeroom_teacher = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homeroom_classes",
        verbose_name="GVCN",
    )

    class Meta:
        verbose_name = "Lớp"
        verbose_name_plural = "Lớp"
        ordering = ["school_year", "grade", Collate(F("name"), "vi_icu")]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year", "name"], name="uniq_class_per_year")
        ]

    def __str__(self):
        return f"{self.name} ({self.school_year})"
