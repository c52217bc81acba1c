"""Accounts, role assignments and the audit trail shared by every app."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from truyenthong.core.stamps import Created


class User(AbstractUser):
    """A login. Staff records (org.Person) link to it; roles come from RoleAssignment."""

    full_name = models.CharField("Họ và tên", max_length=150, blank=True)
    # Set when leadership or an administrator gives the account a temporary password: until the person chooses
    # their own, every page sends them to the password change (core.middleware.ForcePasswordChangeMiddleware)
    must_change_password = models.BooleanField("Phải đổi mật khẩu", default=False)

    class Meta:
        verbose_name = "Tài khoản"
        verbose_name_plural = "Tài khoản"

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    LEADERSHIP = "leadership", "Ban giám hiệu"
    COMMS = "comms", "Cán bộ truyền thông"
    DEPT_HEAD = "dept_head", "Tổ trưởng chuyên môn"
    TEACHER = "teacher", "Giáo viên / GVCN"
    YOUTH = "youth", "Bí thư Đoàn Thanh niên"
    OFFICIAL = "official", "Chuyên viên Sở GDĐT"


class RoleAssignment(Created):
    """A role held over an organisation and everything below it; `unit` narrows unit-level duties."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField("Vai trò", max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "org.Organisation", on_delete=models.CASCADE, related_name="role_assignments", verbose_name="Đơn vị"
    )
    unit = models.ForeignKey(
        "org.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="unit_role_assignments",
        verbose_name="Tổ/đơn vị phụ trách",
    )

    class Meta:
        verbose_name = "Phân quyền"
        verbose_name_plural = "Phân quyền"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "unit"], name="uniq_role_assignment"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"


class AuditEntry(models.Model):
    """Who changed what, when, from which value to which."""

    class Action(models.TextChoices):
        CREATE = "create", "Tạo mới"
        UPDATE = "update", "Sửa"
        DELETE = "delete", "Xóa"
        IMPORT = "import", "Nhập dữ liệu"

    at = models.DateTimeField("Thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name="Người thực hiện",
    )
    organisation = models.ForeignKey(
        "org.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    changes = models.JSONField("Thay đổi", default=dict, blank=True)

    class Meta:
        verbose_name = "Nhật ký thay đổi"
        verbose_name_plural = "Nhật ký thay đổi"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} {self.object_repr}"


class FormSubmission(models.Model):
    """One submitted form key: the unique key makes a second submission of the same rendered form a no-op."""

    key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True)
    path = models.CharField(max_length=500)
    location = models.CharField("Chuyển tới", max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "Lần gửi biểu mẫu"
        verbose_name_plural = "Lần gửi biểu mẫu"


class TaskWorker(models.Model):
    """A running background worker (`truyenthong run-worker`), heard from every few seconds.

    django-tasks-db marks a task RUNNING when a worker claims it and never looks back; if that worker dies (killed,
    machine restarted) the task would stay RUNNING forever. Workers announce themselves here, and any worker hands a
    dead worker's running task back to the queue (`core.tasks.tasks_reclaim_from_dead_workers`).
    """

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "Tiến trình nền"
        verbose_name_plural = "Tiến trình nền"

    def __str__(self):
        return f"{self.host}:{self.pid} ({self.worker_id})"


class ScheduledRun(models.Model):
    """When a scheduled job (core/schedule.py) last started and finished, and how it went."""

    name = models.CharField("Việc định kỳ", max_length=100, unique=True)
    last_started_at = models.DateTimeField("Bắt đầu lần cuối", null=True, blank=True)
    last_finished_at = models.DateTimeField("Xong lần cuối", null=True, blank=True)
    last_ok = models.BooleanField("Thành công", default=True)
    last_outcome = models.CharField("Kết quả", max_length=500, blank=True)

    class Meta:
        verbose_name = "Việc định kỳ"
        verbose_name_plural = "Việc định kỳ"

    def __str__(self):
        return self.name
