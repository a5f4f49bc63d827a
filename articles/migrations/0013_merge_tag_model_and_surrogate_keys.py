# The tag model of the multilingual work and the end of the content generation, merged.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0011_remove_content_generation'),
        ('articles', '0012_carry_tags_to_tag_model'),
    ]

    operations = [
    ]
