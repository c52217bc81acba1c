"""API tokens: a secret that lets another system (or a person's script) act as one account, within one organisation.

Only a hash of the secret is stored; the secret is shown once when the token is issued. A token is bound to an
account, whose roles decide what it may do through the same permission layer as the pages, and optionally narrowed to
one organisation's subtree (a school's student-information system sees that school only, even if the account that
issued it covers a whole Sở).
"""

from django.conf import settings
from django.db import models

from truyenthong.core.stamps import Created, CreatedBy


class ApiToken(CreatedBy, Created):
    name = models.CharField("Tên (hệ thống sử dụng)", max_length=120)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="Tài khoản",
    )
    organisation = models.ForeignKey(
        "org.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Giới hạn trong đơn vị",
    )
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Mã truy cập API"
        verbose_name_plural = "Mã truy cập API"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
