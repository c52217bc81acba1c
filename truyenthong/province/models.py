"""The tie between a school's indicator and the Department's: the school's figures count toward the Sở's target.

A link starts as a suggestion (with its score and the reason in words) and counts in the roll-up only once the
school's leadership confirms it; leadership may also point an indicator at another of the Sở's, or at none.
"""

from django.conf import settings
from django.db import models

from truyenthong.core.stamps import Created


class IndicatorLink(Created):
    school_indicator = models.OneToOneField(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        related_name="upstream_link",
        verbose_name="Chỉ số của trường",
    )
    # SET_NULL, not CASCADE: when the Sở removes a target, the school's tie stays (with `upstream_snapshot`) so the
    # school's page can say which target disappeared instead of the tie vanishing without a word.
    department_indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="downstream_links",
        verbose_name="Chỉ số của Sở",
    )
    score = models.FloatField("Mức khớp", default=0)
    reason = models.CharField("Lý do gợi ý", max_length=300, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField("Xác nhận lúc", null=True, blank=True)
    # The Sở's target as the school confirmed it (name, target text, comparator, value, plan): compared with the
    # target as it is now to say what changed upstream. Empty for ties confirmed before it was kept.
    upstream_snapshot = models.JSONField("Chỉ tiêu của Sở lúc xác nhận", default=dict, blank=True)

    class Meta:
        verbose_name = "Liên kết chỉ số trường – Sở"
        verbose_name_plural = "Liên kết chỉ số trường – Sở"
        indexes = [models.Index(fields=["department_indicator", "confirmed_at"])]

    def __str__(self):
        return f"{self.school_indicator_id} → {self.department_indicator_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def upstream_changed(self) -> bool:
        """The Sở changed its indicator (or re-issued its plan) after the school confirmed the tie (by the clock: the
        fallback for ties confirmed before `upstream_snapshot` was kept; `province.selectors.link_drift` says what)."""
        if self.confirmed_at is None:
            return False
        upstream = self.department_indicator
        if upstream is None:
            return True
        changed = [upstream.updated_at]
        if upstream.plan_id:
            changed.append(upstream.plan.updated_at)
        return any(moment and moment > self.confirmed_at for moment in changed)
