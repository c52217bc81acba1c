"""The bookkeeping columns many models share, declared once (issue 10, item 4): when a row was created, when it was
last changed, and by whom. Abstract models: a model lists the ones it has among its bases, e.g.
``class ContentItem(Created, Updated, Versioned)``. The columns are exactly those the models declared one by one
before, so the database schema did not change."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Created(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Updated(models.Model):
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class CreatedBy(models.Model):
    """Who created the row; kept (as empty) when the account is deleted, never a reverse accessor on the user."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
