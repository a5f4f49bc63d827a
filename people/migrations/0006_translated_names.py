# Verbose names, help texts and choices marked for translation (the admin in Arabic and Kurmanji): no table changes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('images', '0004_translated_names'),
        ('people', '0005_copy_words_to_english_columns'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='affiliation',
            options={'ordering': ['person__name', '-start_date'], 'verbose_name': 'affiliation', 'verbose_name_plural': 'affiliations'},
        ),
        migrations.AlterModelOptions(
            name='organization',
            options={'ordering': ['name'], 'verbose_name': 'organization', 'verbose_name_plural': 'organizations'},
        ),
        migrations.AlterModelOptions(
            name='person',
            options={'ordering': ['name'], 'verbose_name': 'person', 'verbose_name_plural': 'people'},
        ),
        migrations.AlterModelOptions(
            name='personname',
            options={'verbose_name': 'alternate spelling', 'verbose_name_plural': 'alternate spellings'},
        ),
        migrations.AlterField(
            model_name='affiliation',
            name='end_date',
            field=models.DateField(blank=True, null=True, verbose_name='until'),
        ),
        migrations.AlterField(
            model_name='affiliation',
            name='organization',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='affiliations', to='people.organization', verbose_name='organization'),
        ),
        migrations.AlterField(
            model_name='affiliation',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='affiliations', to='people.person', verbose_name='person'),
        ),
        migrations.AlterField(
            model_name='affiliation',
            name='role',
            field=models.CharField(help_text='e.g. “Head”, “Spokesperson”.', max_length=200, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='affiliation',
            name='role_ar',
            field=models.CharField(help_text='e.g. “Head”, “Spokesperson”.', max_length=200, null=True, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='affiliation',
            name='role_en',
            field=models.CharField(help_text='e.g. “Head”, “Spokesperson”.', max_length=200, null=True, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='affiliation',
            name='role_ku',
            field=models.CharField(help_text='e.g. “Head”, “Spokesperson”.', max_length=200, null=True, verbose_name='role'),
        ),
        migrations.AlterField(
            model_name='affiliation',
            name='start_date',
            field=models.DateField(blank=True, null=True, verbose_name='from'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='description',
            field=models.TextField(blank=True, verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='description_ar',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='description_en',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='description_ku',
            field=models.TextField(blank=True, null=True, verbose_name='description'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='founded_year',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='founded in'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='name',
            field=models.CharField(help_text='The name used in English copy.', max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='name_ar',
            field=models.CharField(help_text='The name used in English copy.', max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='name_en',
            field=models.CharField(help_text='The name used in English copy.', max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='name_ku',
            field=models.CharField(help_text='The name used in English copy.', max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='parent',
            field=models.ForeignKey(blank=True, help_text='The larger organization this one belongs to, if any.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='children', to='people.organization', verbose_name='part of'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='slug',
            field=models.SlugField(allow_unicode=True, blank=True, max_length=100, unique=True, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='last changed'),
        ),
        migrations.AlterField(
            model_name='organization',
            name='website',
            field=models.URLField(blank=True, verbose_name='website'),
        ),
        migrations.AlterField(
            model_name='organizationalias',
            name='language',
            field=models.CharField(blank=True, choices=[('en', 'English'), ('ar', 'Arabic'), ('ku', 'Kurdish')], help_text='The language this name is written in, if it is one of ours.', max_length=10, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='organizationalias',
            name='name',
            field=models.CharField(max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='organizationalias',
            name='organization',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='people.organization', verbose_name='organization'),
        ),
        migrations.AlterField(
            model_name='person',
            name='created_at',
            field=models.DateTimeField(auto_now_add=True, verbose_name='created'),
        ),
        migrations.AlterField(
            model_name='person',
            name='name',
            field=models.CharField(help_text='As written in English copy, e.g. “Raed Al-Saleh”.', max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='person',
            name='name_ar',
            field=models.CharField(help_text='As written in English copy, e.g. “Raed Al-Saleh”.', max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='person',
            name='name_en',
            field=models.CharField(help_text='As written in English copy, e.g. “Raed Al-Saleh”.', max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='person',
            name='name_ku',
            field=models.CharField(help_text='As written in English copy, e.g. “Raed Al-Saleh”.', max_length=200, null=True, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='person',
            name='native_name',
            field=models.CharField(blank=True, help_text="In the person's own script, e.g. “رائد الصالح”.", max_length=200, verbose_name='native name'),
        ),
        migrations.AlterField(
            model_name='person',
            name='photo',
            field=models.ForeignKey(blank=True, help_text='A portrait from the image library.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='photo_of_people', to='images.image', verbose_name='photo'),
        ),
        migrations.AlterField(
            model_name='person',
            name='slug',
            field=models.SlugField(allow_unicode=True, blank=True, max_length=100, unique=True, verbose_name='slug'),
        ),
        migrations.AlterField(
            model_name='person',
            name='updated_at',
            field=models.DateTimeField(auto_now=True, verbose_name='last changed'),
        ),
        migrations.AlterField(
            model_name='personname',
            name='language',
            field=models.CharField(blank=True, choices=[('en', 'English'), ('ar', 'Arabic'), ('ku', 'Kurdish')], help_text='The language this name is written in, if it is one of ours.', max_length=10, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='personname',
            name='name',
            field=models.CharField(max_length=200, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='personname',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='alternate_names', to='people.person', verbose_name='person'),
        ),
    ]
