"""People in Vietnamese order: Person.sort_name ("Hoa Thị Nguyễn" for "Nguyễn Thị Hoa"), filled for existing rows."""

import django.db.models.functions.comparison
from django.db import migrations, models

from truyenthong.core.stamps import sort_names_filler


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0001_initial'),
        ('core', '0004_vietnamese_collation'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='person',
            options={'ordering': [django.db.models.functions.comparison.Collate(models.F('sort_name'), 'vi_icu'), 'code'], 'verbose_name': 'Cán bộ, giáo viên, nhân viên', 'verbose_name_plural': 'Cán bộ, giáo viên, nhân viên'},
        ),
        migrations.AddField(
            model_name='person',
            name='sort_name',
            field=models.CharField(blank=True, default='', editable=False, max_length=150, verbose_name='Tên để sắp xếp'),
        ),
        migrations.RunPython(sort_names_filler("org", "Person"), migrations.RunPython.noop),
    ]
