# The comparison keys of the Arabic and Kurmanji names of people and organizations, so that a name
# typed in any script and spelling stored finds them (search, the search form's boxes, the copy desk);
# filled for the rows already there.

from django.db import migrations, models

from people.names import normalize_name

OTHER_LANGUAGES = ("ar", "ku")  # the languages other than the source when this was written


def keys_of(row) -> str:
    keys = [normalize_name(getattr(row, f"name_{code}", None) or "") for code in OTHER_LANGUAGES]
    keys = [key for key in dict.fromkeys(keys) if key and key != row.name_key]
    return "|" + "|".join(keys) + "|" if keys else ""


def fill(apps, schema_editor):
    for model in ("Person", "Organization"):
        Model = apps.get_model("people", model)
        changed = []
        for row in Model.objects.exclude(name_ar__isnull=True, name_ku__isnull=True).iterator():
            row.translated_name_keys = keys_of(row)
            if row.translated_name_keys:
                changed.append(row)
        Model.objects.bulk_update(changed, ["translated_name_keys"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0006_translated_names'),
    ]

    operations = [
        migrations.AddField(
            model_name='organization',
            name='translated_name_keys',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='person',
            name='translated_name_keys',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
