# Verbose names, help texts and choices marked for translation (the admin in Arabic and Kurmanji): no table changes.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('images', '0003_copy_words_to_english_columns'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='image',
            options={'ordering': ['-created_at', '-id'], 'verbose_name': 'image', 'verbose_name_plural': 'images'},
        ),
        migrations.AlterModelOptions(
            name='rendition',
            options={'ordering': ['image', 'crop', 'width', 'format'], 'verbose_name': 'rendition', 'verbose_name_plural': 'renditions'},
        ),
        migrations.AlterField(
            model_name='image',
            name='caption',
            field=models.TextField(blank=True, help_text='Shown under the picture.', verbose_name='caption'),
        ),
        migrations.AlterField(
            model_name='image',
            name='caption_ar',
            field=models.TextField(blank=True, help_text='Shown under the picture.', null=True, verbose_name='caption'),
        ),
        migrations.AlterField(
            model_name='image',
            name='caption_en',
            field=models.TextField(blank=True, help_text='Shown under the picture.', null=True, verbose_name='caption'),
        ),
        migrations.AlterField(
            model_name='image',
            name='caption_ku',
            field=models.TextField(blank=True, help_text='Shown under the picture.', null=True, verbose_name='caption'),
        ),
        migrations.AlterField(
            model_name='image',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='uploaded'),
        ),
        migrations.AlterField(
            model_name='image',
            name='file',
            field=models.FileField(editable=False, max_length=255, upload_to='', verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='image',
            name='height',
            field=models.PositiveIntegerField(editable=False, verbose_name='height'),
        ),
        migrations.AlterField(
            model_name='image',
            name='source',
            field=models.CharField(blank=True, help_text='The agency or owner, e.g. “North Press”, “handout”.', max_length=200, verbose_name='source'),
        ),
        migrations.AlterField(
            model_name='image',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='last changed'),
        ),
        migrations.AlterField(
            model_name='image',
            name='uploaded_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by'),
        ),
        migrations.AlterField(
            model_name='image',
            name='width',
            field=models.PositiveIntegerField(editable=False, verbose_name='width'),
        ),
        migrations.AlterField(
            model_name='rendition',
            name='crop',
            field=models.CharField(choices=[('original', 'Whole picture'), ('wide', '16:9'), ('square', '1:1'), ('social', 'Social (1200 × 630)')], max_length=10, verbose_name='crop'),
        ),
        migrations.AlterField(
            model_name='rendition',
            name='file',
            field=models.FileField(max_length=255, upload_to='', verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='rendition',
            name='format',
            field=models.CharField(choices=[('webp', 'WebP'), ('jpeg', 'JPEG')], max_length=5, verbose_name='format'),
        ),
        migrations.AlterField(
            model_name='rendition',
            name='height',
            field=models.PositiveIntegerField(verbose_name='height'),
        ),
        migrations.AlterField(
            model_name='rendition',
            name='image',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='renditions', to='images.image', verbose_name='image'),
        ),
        migrations.AlterField(
            model_name='rendition',
            name='width',
            field=models.PositiveIntegerField(verbose_name='width'),
        ),
    ]
