"""The "vi_icu" collation on PostgreSQL (ICU's Vietnamese order); SQLite registers its own on each connection."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE COLLATION IF NOT EXISTS vi_icu (provider = icu, locale = 'vi')")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS vi_icu")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_form_submission")]

    operations = [migrations.RunPython(create, drop)]
