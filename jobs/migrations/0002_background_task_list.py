# The background tasks as the admin lists them (a proxy of django-tasks-db's rows).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('django_tasks_database', '0021_conditional_partial_index_ordering'),
        ('jobs', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='BackgroundTask',
            fields=[
            ],
            options={
                'verbose_name': 'background task',
                'verbose_name_plural': 'background tasks',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('django_tasks_database.dbtaskresult',),
        ),
        migrations.AlterModelOptions(
            name='periodicrun',
            options={'verbose_name': 'periodic job', 'verbose_name_plural': 'periodic jobs'},
        ),
        migrations.AlterModelOptions(
            name='workerheartbeat',
            options={'verbose_name': 'worker', 'verbose_name_plural': 'workers'},
        ),
    ]
