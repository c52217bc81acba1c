"""Content items, their versions and attachments, the public sections, channels and publications with reach."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from truyenthong.core.stamps import Created, CreatedBy, Updated
from truyenthong.core.versioning import Versioned


class Audience(models.TextChoices):
    STAFF = "staff", "Cán bộ, giáo viên, nhân viên"
    STUDENTS = "students", "Học sinh"
    PARENTS = "parents", "Cha mẹ học sinh"
    COMMUNITY = "community", "Cộng đồng, xã hội"


class Section(Created, Updated, Versioned):
    """A public section (chuyên mục) of the school portal, e.g. /chuyen-muc/nghi-quyet-71/."""

    school = models.ForeignKey(
        "org.Organisation", on_delete=models.CASCADE, related_name="content_sections", verbose_name="Trường"
    )
    slug = models.SlugField("Đường dẫn", max_length=80, unique=True)
    title = models.CharField("Tên chuyên mục", max_length=200)
    description = models.TextField("Giới thiệu", blank=True)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Kế hoạch",
    )
    is_active = models.BooleanField("Đang hiển thị công khai", default=True)

    class Meta:
        verbose_name = "Chuyên mục"
        verbose_name_plural = "Chuyên mục"
        ordering = ["title"]

    def __str__(self):
        return self.title


class Tag(models.Model):
    school = models.ForeignKey("org.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("Thẻ", max_length=60)
    slug = models.SlugField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["school", "slug"], name="uniq_tag_slug_per_school")]

    def __str__(self):
        return self.name


class ContentItem(CreatedBy, Created, Updated, Versioned):
    """One piece of communication: an article, an infographic, a short video, a summary, a photo story, a notice."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "Tin bài"
        INFOGRAPHIC = "infographic", "Infographic"
        VIDEO = "video", "Video ngắn"
        SUMMARY = "summary", "Tài liệu tóm tắt"
        PHOTO_STORY = "photo_story", "Phóng sự ảnh"
        NOTICE = "notice", "Thông báo"

    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        SUBMITTED = "submitted", "Chờ duyệt"
        RETURNED = "returned", "Trả lại để sửa"
        APPROVED = "approved", "Đã duyệt"
        PUBLISHED = "published", "Đã đăng"
        ARCHIVED = "archived", "Lưu trữ"

    school = models.ForeignKey(
        "org.Organisation", on_delete=models.PROTECT, related_name="content_items", verbose_name="Trường"
    )
    unit = models.ForeignKey(
        "org.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="unit_content_items",
        verbose_name="Đơn vị thực hiện",
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name="Chuyên mục",
    )
    kind = models.CharField("Loại", max_length=12, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField("Tiêu đề", max_length=250)
    slug = models.SlugField("Đường dẫn", max_length=120)
    summary = models.TextField("Tóm tắt", blank=True)
    body = models.TextField("Nội dung (đã làm sạch)", blank=True)
    body_html = models.TextField("Nội dung hiển thị", blank=True, editable=False)
    video_url = models.URLField("Video nhúng (YouTube, Facebook)", blank=True)
    video_file = models.FileField("Tệp video", upload_to="content/video/%Y/%m/", blank=True)
    cover_image = models.ImageField("Ảnh đại diện", upload_to="content/cover/%Y/%m/", blank=True)
    cover_thumb = models.ImageField(upload_to="content/thumb/%Y/%m/", blank=True, editable=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="items", verbose_name="Thẻ")
    tasks = models.ManyToManyField(
        "plans.Task", blank=True, related_name="content_items", verbose_name="Nhiệm vụ"
    )
    audiences = models.JSONField("Đối tượng", default=list, blank=True)
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("Thời điểm đăng", null=True, blank=True, db_index=True)
    review_note = models.TextField("Ý kiến của người duyệt", blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField("Lượt xem trên cổng", default=0, editable=False)

    class Meta:
        verbose_name = "Nội dung"
        verbose_name_plural = "Nội dung"
        ordering = ["-published_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["school", "slug"], name="uniq_item_slug_per_school")]
        indexes = [
            models.Index(fields=["section", "status", "published_at"], name="content_public_idx"),
            models.Index(fields=["section", "updated_at"], name="content_section_changed_idx"),
        ]

    def __str__(self):
        return self.title

    def audience_labels(self) -> list[str]:
        return [Audience(a).label for a in self.audiences if a in Audience.values]

    @property
    def is_scheduled(self) -> bool:
        """Published with a time still to come: shown as "Hẹn giờ đăng", not "Đã đăng"."""
        from django.utils import timezone

        return (
            self.status == self.Status.PUBLISHED
            and bool(self.published_at)
            and self.published_at > timezone.now()
        )

    @property
    def has_public_page(self) -> bool:
        """Published, its time come, and in a section: the portal shows it at an address (what the item page links
        to and what a class share kit sends visitors to)."""
        from django.utils import timezone

        return (
            self.status == self.Status.PUBLISHED
            and self.section_id is not None
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def status_label(self) -> str:
        return "Hẹn giờ đăng" if self.is_scheduled else self.get_status_display()


class ItemSearch(models.Model):
    """Accent-folded, lower-case copies of an item's words (truyenthong.lib.vntext.fold), kept in step by the services.

    A table of its own, not columns of ContentItem: a search scans every candidate row, and in SQLite a column
    stored after the long body would make each row read walk through the body's overflow pages.
    """

    item = models.OneToOneField(
        ContentItem, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    title = models.TextField(blank=True)
    words = models.TextField(
        blank=True, help_text="Each distinct folded word of title, summary, tags and body once."
    )

    def __str__(self):
        return self.title


class ContentVersion(Created):
    """A snapshot of an item each time it is saved or moves in the workflow; never edited or deleted."""

    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("Phiên bản")
    status = models.CharField("Trạng thái", max_length=10, choices=ContentItem.Status.choices)
    title = models.CharField(max_length=250)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField("Ghi chú", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="uniq_content_version")]

    def __str__(self):
        return f"{self.item} — phiên bản {self.number}"


class Attachment(Created):
    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="content/files/%Y/%m/")
    name = models.CharField("Tên tệp", max_length=200)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class InlineImage(Created):
    """A picture placed inside an item's body by the editor: checked and re-encoded like a cover (no EXIF, at most
    1600 px), owned by its item so `/media/` serves it exactly when it serves the item's other files."""

    item = models.ForeignKey(
        ContentItem, on_delete=models.CASCADE, related_name="inline_images", verbose_name="Nội dung"
    )
    image = models.ImageField("Ảnh", upload_to="content/inline/%Y/%m/")
    width = models.PositiveIntegerField("Rộng (điểm ảnh)", default=0)
    height = models.PositiveIntegerField("Cao (điểm ảnh)", default=0)

    class Meta:
        verbose_name = "Ảnh chèn trong bài"
        verbose_name_plural = "Ảnh chèn trong bài"
        ordering = ["id"]

    def __str__(self):
        return f"Ảnh trong «{self.item}»"


class Channel(Created, Updated, Versioned):
    """Where the school communicates: its portal section, fanpage, Zalo groups/OA, bulletin board, assemblies."""

    class Kind(models.TextChoices):
        PORTAL = "portal", "Chuyên mục trên cổng thông tin"
        FANPAGE = "fanpage", "Fanpage Facebook"
        ZALO_GROUP = "zalo_group", "Nhóm Zalo"
        ZALO_OA = "zalo_oa", "Zalo OA"
        BULLETIN = "bulletin", "Bảng tin"
        FLAG_CEREMONY = "flag_ceremony", "Sinh hoạt dưới cờ"
        CLASS_MEETING = "class_meeting", "Sinh hoạt lớp"
        PARENT_MEETING = "parent_meeting", "Họp cha mẹ học sinh"

    school = models.ForeignKey(
        "org.Organisation", on_delete=models.CASCADE, related_name="content_channels", verbose_name="Trường"
    )
    kind = models.CharField("Loại kênh", max_length=16, choices=Kind.choices)
    name = models.CharField("Tên kênh", max_length=200)
    url = models.URLField("Địa chỉ", blank=True)
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="channels",
        verbose_name="Chuyên mục",
    )
    school_class = models.ForeignKey(
        "org.SchoolClass",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Lớp (nhóm Zalo của lớp)",
    )
    default_audience = models.CharField(
        "Đối tượng chính", max_length=10, choices=Audience.choices, default=Audience.PARENTS
    )
    is_active = models.BooleanField("Đang dùng", default=True)

    class Meta:
        verbose_name = "Kênh truyền thông"
        verbose_name_plural = "Kênh truyền thông"
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Publication(CreatedBy, Created, Updated, Versioned):
    """An item put out on a channel on a date, with its audience and reach (planned until it happens)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Dự kiến"
        DONE = "done", "Đã đăng"

    item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="publications")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="publications")
    status = models.CharField("Trạng thái", max_length=8, choices=Status.choices, default=Status.DONE)
    date = models.DateField("Ngày đăng", db_index=True)
    audience = models.CharField("Đối tượng", max_length=10, choices=Audience.choices)
    school_class = models.ForeignKey(
        "org.SchoolClass",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Lớp",
    )
    reach = models.PositiveIntegerField("Lượt tiếp cận", default=0)
    reactions = models.PositiveIntegerField("Lượt tương tác", default=0)
    shares = models.PositiveIntegerField("Lượt chia sẻ", default=0)
    parents_reached = models.PositiveIntegerField("Số phụ huynh được tiếp cận", default=0)
    external_id = models.CharField("Mã bài trên kênh", max_length=100, blank=True)
    note = models.CharField("Ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "Lượt đăng tải"
        verbose_name_plural = "Lượt đăng tải"
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.item} — {self.channel} ({self.date:%d/%m/%Y})"

    @property
    def effective_reach(self) -> int:
        """Portal publications count the portal's own views; other channels what was entered or imported."""
        if self.channel.kind == Channel.Kind.PORTAL:
            return max(self.reach, self.item.view_count)
        return self.reach
