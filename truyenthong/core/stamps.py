"""The bookkeeping columns many models share, declared once (issue 10, item 4): when a row was created, when it was
last changed, and by whom; and the order key of a person's name. Abstract models: a model lists the ones it has among
its bases, e.g. ``class ContentItem(Created, Updated, Versioned)``. The columns are exactly those the models declared
one by one before, so the database schema did not change."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from truyenthong.lib.vntext import person_sort_name


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


class PersonSortName(models.Model):
    """A person's name as Vietnamese lists order it: "Hoa Thị Nguyễn" for "Nguyễn Thị Hoa" (given name, then middle
    and family name), kept in step with `full_name` by clean() and save(); lists order by it with the Vietnamese
    collation (`core.collation.vi_person`). Never shown, never audited (list it in DERIVED_FIELDS), anonymised with
    the name. The model declares `full_name` itself."""

    sort_name = models.CharField("Tên để sắp xếp", max_length=150, blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.sort_name = person_sort_name(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.sort_name = person_sort_name(self.full_name)


def sort_names_filler(app_label: str, model_name: str):
    """A data migration's function that fills `sort_name` of a model's existing rows (the migration that adds the
    PersonSortName column to a model runs it once)."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = list(model.objects.only("pk", "full_name"))
        for row in rows:
            row.sort_name = person_sort_name(row.full_name)
        model.objects.bulk_update(rows, ["sort_name"], batch_size=1000)

    return fill
