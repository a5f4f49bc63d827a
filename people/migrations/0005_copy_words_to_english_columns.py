"""Names, bios, descriptions and roles written so far are English: copy them into the English columns."""

from django.db import migrations
from django.db.models import F


def copy_to_english(apps, schema_editor):
    apps.get_model("people", "Person").objects.update(name_en=F("name"), bio_en=F("bio"))
    apps.get_model("people", "Organization").objects.update(name_en=F("name"), description_en=F("description"))
    apps.get_model("people", "Affiliation").objects.update(role_en=F("role"))


class Migration(migrations.Migration):
    dependencies = [("people", "0004_names_bios_roles_per_language")]

    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]
