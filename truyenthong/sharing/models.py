"""Short links per class for a shared item, and their visits counted per day (no personal data kept)."""

from django.conf import settings
from django.db import models

from truyenthong.core.stamps import Created


class ShareLink(Created):
    school = models.ForeignKey("org.Organisation", on_delete=models.CASCADE, related_name="share_links")
    target_kind = models.CharField("Loại", max_length=20)
    target_id = models.PositiveBigIntegerField()
    title = models.CharField("Tiêu đề", max_length=300)
    target_path = models.CharField("Đường dẫn đích", max_length=500)
    school_class = models.ForeignKey(
        "org.SchoolClass", on_delete=models.CASCADE, related_name="share_links", verbose_name="Lớp"
    )
    code = models.CharField("Mã rút gọn", max_length=12, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "Đường dẫn chia sẻ"
        verbose_name_plural = "Đường dẫn chia sẻ"
        ordering = ["school_class__grade", "school_class__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["target_kind", "target_id", "school_class"], name="uniq_share_link_per_class"
            )
        ]

    def __str__(self):
        return f"{self.title} — {self.school_class.name}"


class ShareVisitDay(models.Model):
    """How many times a class's link was opened on a day. Only the count: no address, no cookie, no device."""

    link = models.ForeignKey(ShareLink, on_delete=models.CASCADE, related_name="visit_days")
    day = models.DateField()
    visits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "day"], name="uniq_share_visit_day")]
