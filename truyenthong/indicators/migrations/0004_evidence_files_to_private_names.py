"""Move evidence files stored under old guessable public names to private unguessable ones (see
truyenthong/indicators/evidence_files.py)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from truyenthong.indicators.evidence_files import move_public_evidence

    move_public_evidence(apps.get_model("indicators", "ManualEntry"))


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_pending_refresh_coalescing"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
