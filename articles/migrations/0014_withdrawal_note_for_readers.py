# A withdrawal can carry a note for readers, shown on the 410 page; the reason stays internal.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_merge_tag_model_and_surrogate_keys'),
    ]

    operations = [
        migrations.AddField(
            model_name='statuschange',
            name='public_note',
            field=models.TextField(blank=True, help_text='When withdrawing: what readers are told where the story stood (the note stays internal).'),
        ),
    ]
