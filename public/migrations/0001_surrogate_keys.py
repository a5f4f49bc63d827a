# The versions of the surrogate keys the page cache checks (public.models, public.invalidation).

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='KeyClock',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value', models.BigIntegerField(default=0)),
                ('embargoes_released_until', models.DateTimeField(blank=True, help_text='Stories whose embargo lifted before this time have been purged.', null=True)),
            ],
            options={
                'verbose_name': 'surrogate key clock',
            },
        ),
        migrations.CreateModel(
            name='PageKey',
            fields=[
                ('key', models.CharField(max_length=64, primary_key=True, serialize=False)),
                ('version', models.BigIntegerField()),
            ],
            options={
                'verbose_name': 'surrogate key',
            },
        ),
    ]
