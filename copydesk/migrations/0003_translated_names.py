# Verbose names, help texts and choices marked for translation (the admin in Arabic and Kurmanji): no table changes.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_translated_names'),
        ('copydesk', '0002_import_record_recent_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='importrecord',
            name='article',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='import_record', to='articles.article', verbose_name='article'),
        ),
        migrations.AlterField(
            model_name='importrecord',
            name='confirmed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='confirmed'),
        ),
        migrations.AlterField(
            model_name='importrecord',
            name='confirmed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='confirmed by'),
        ),
        migrations.AlterField(
            model_name='importrecord',
            name='fingerprint',
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name='fingerprint'),
        ),
        migrations.AlterField(
            model_name='importrecord',
            name='imported_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='imported'),
        ),
        migrations.AlterField(
            model_name='importrecord',
            name='imported_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='imported by'),
        ),
        migrations.AlterField(
            model_name='importrecord',
            name='proposals',
            field=models.JSONField(blank=True, default=dict, help_text='People, organizations, tags and kind proposed on import.', verbose_name='proposals'),
        ),
    ]
