"""The alt text and caption written so far are English: copy them into the English columns."""

from django.db import migrations
from django.db.models import F


def copy_to_english(apps, schema_editor):
    apps.get_model("images", "Image").objects.update(alt_text_en=F("alt_text"), caption_en=F("caption"))


class Migration(migrations.Migration):
    dependencies = [("images", "0002_alt_text_and_caption_per_language")]

    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
