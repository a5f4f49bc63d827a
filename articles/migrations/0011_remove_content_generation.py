# Kept pages are filed by surrogate keys now (public.models): the content generation is read no more.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_merge_fulltext_and_sort_indexes'),
    ]

    operations = [
        migrations.DeleteModel(
            name='ContentGeneration',
        ),
    ]
