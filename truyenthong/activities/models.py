"""Activities (hoạt động) done under the plan's tasks, their evidence, and who attended staff sessions.

Attendance is the single truth of who attended: "present" and "caught_up" both count as attended; indicators read
it directly. An activity's `actual_participants` is derived from attendance for staff activities and entered by
hand for the others.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Collate
from django.utils import timezone

from truyenthong.core.stamps import Created, CreatedBy, Updated
from truyenthong.core.versioning import Versioned
from truyenthong.org.models import Organisation, Person

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


class Activity(CreatedBy, Created, Updated, Versioned):
    class Kind(models.TextChoices):
        STUDY_SESSION = "study_session", "Quán triệt, học tập chuyên đề nghị quyết"
        PARTY_MEETING = "party_meeting", "Sinh hoạt chi bộ"
        COUNCIL_MEETING = "council_meeting", "Họp hội đồng sư phạm"
        DEPARTMENT_MEETING = "department_meeting", "Sinh hoạt tổ chuyên môn"
        FLAG_CEREMONY = "flag_ceremony", "Sinh hoạt dưới cờ"
        CLASS_MEETING = "class_meeting", "Sinh hoạt lớp"
        EXPERIENTIAL = "experiential", "Hoạt động trải nghiệm"
        SEMINAR = "seminar", "Tọa đàm, hội thảo, diễn đàn"
        CONTEST = "contest", "Cuộc thi"
        PARENT_MEETING = "parent_meeting", "Họp phụ huynh học sinh"
        LOCAL_COORDINATION = "local_coordination", "Phối hợp với địa phương"
        COMMS_TRAINING = "comms_training", "Bồi dưỡng cán bộ truyền thông"
        COMMENDATION = "commendation", "Khen thưởng, biểu dương"
        INSPECTION = "inspection", "Kiểm tra, giám sát"

    class Audience(models.TextChoices):
        STAFF = "staff", "Cán bộ, giáo viên, nhân viên"
        STUDENTS = "students", "Học sinh"
        PARENTS = "parents", "Phụ huynh học sinh"
        COMMUNITY = "community", "Cộng đồng, xã hội"

    class Status(models.TextChoices):
        PLANNED = "planned", "Dự kiến"
        DONE = "done", "Đã thực hiện"
        VERIFIED = "verified", "Đã xác nhận"

    school = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="activities", verbose_name="Trường"
    )
    unit = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="organised_activities",
        verbose_name="Đơn vị tổ chức",
    )
    task = models.ForeignKey(
        "plans.Task",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name="Nhiệm vụ trong kế hoạch",
    )
    kind = models.CharField("Loại hoạt động", max_length=24, choices=Kind.choices)
    title = models.CharField("Tên hoạt động", max_length=300)
    description = models.TextField("Nội dung", blank=True)
    starts_at = models.DateTimeField("Bắt đầu")
    ends_at = models.DateTimeField("Kết thúc")
    place = models.CharField("Địa điểm", max_length=200, blank=True)
    person_in_charge = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities_in_charge",
        verbose_name="Người phụ trách",
    )
    audience = models.CharField("Đối tượng", max_length=10, choices=Audience.choices, default=Audience.STAFF)
    roster_units = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="rostered_activities",
        verbose_name="Đơn vị tham dự",
        help_text="Để trống: toàn thể cán bộ, giáo viên, nhân viên của trường.",
    )
    planned_participants = models.PositiveIntegerField("Số người dự kiến", null=True, blank=True)
    actual_participants = models.PositiveIntegerField("Số người tham gia thực tế", null=True, blank=True)
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices, default=Status.PLANNED)
    done_at = models.DateTimeField("Ghi nhận thực hiện lúc", null=True, blank=True)
    verified_at = models.DateTimeField("Xác nhận lúc", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Hoạt động"
        verbose_name_plural = "Hoạt động"
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["school", "starts_at"]),
            models.Index(fields=["school", "kind", "status"]),
            # every school's activities by time, ties by id: the lists' order (the API's newest first). Many
            # schools hold the same session at the same hour (the Monday flag ceremony), so time alone is no order.
            models.Index(fields=["starts_at", "id"], name="activity_starts_at_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="activity_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def takes_attendance(self) -> bool:
        """Staff activities keep a roster and attendance; their actual participants come from it."""
        return self.audience == self.Audience.STAFF

    @property
    def weekday_label(self) -> str:
        return WEEKDAYS[timezone.localtime(self.starts_at).weekday()]

    @property
    def status_badge(self) -> str:
        return {"planned": "", "done": "warn", "verified": "ok"}[self.status]


def evidence_path(instance: Evidence, filename: str) -> str:
    # Private area under MEDIA_ROOT with an unguessable name; files are served only through a checked view.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"private/activities/{instance.activity.school_id}/{uuid.uuid4().hex}.{ext}"


class Attendance(Updated):
    class Status(models.TextChoices):
        PRESENT = "present", "Có mặt"
        ABSENT = "absent", "Vắng"
        EXCUSED = "excused", "Vắng có phép"
        CAUGHT_UP = "caught_up", "Đã học bù"

    class Method(models.TextChoices):
        TICK = "tick", "Người tổ chức điểm danh"
        QR = "qr", "Tự quét mã QR"
        CATCH_UP = "catch_up", "Học bù"

    ATTENDED = (Status.PRESENT, Status.CAUGHT_UP)

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="attendances", verbose_name="Người"
    )
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices)
    checked_in_at = models.DateTimeField("Thời điểm điểm danh", null=True, blank=True)
    method = models.CharField("Cách điểm danh", max_length=10, choices=Method.choices, default=Method.TICK)
    caught_up_on = models.DateField("Ngày học bù", null=True, blank=True)
    note = models.CharField("Ghi chú", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "Điểm danh"
        verbose_name_plural = "Điểm danh"
        ordering = ["activity", Collate(F("person__sort_name"), "vi_icu")]
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="uniq_attendance_per_person")
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self):
        return f"{self.person.full_name} — {self.get_status_display()}"

    @property
    def attended(self) -> bool:
        return self.status in self.ATTENDED


class Evidence(models.Model):
    """A file (image, PDF, DOCX, XLSX) or a link proving an activity happened, or proving a catch-up."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="evidence")
    attendance = models.ForeignKey(
        Attendance, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    file = models.FileField("Tệp", upload_to=evidence_path, blank=True, max_length=255)
    original_name = models.CharField("Tên tệp", max_length=255, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField("Liên kết", max_length=500, blank=True)
    caption = models.CharField("Mô tả", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Minh chứng"
        verbose_name_plural = "Minh chứng"
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="evidence_has_file_or_link"),
        ]

    def __str__(self):
        return self.caption or self.original_name or self.url

    @property
    def is_image(self) -> bool:
        return self.original_name.lower().rsplit(".", 1)[-1] in {"jpg", "jpeg", "png", "gif", "webp"}


class CalendarToken(Created):
    """A per-user secret in the iCalendar feed URL, so a phone calendar can subscribe without a session."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "Mã đăng ký lịch"
        verbose_name_plural = "Mã đăng ký lịch"

    def __str__(self):
        return f"Lịch của {self.user}"
