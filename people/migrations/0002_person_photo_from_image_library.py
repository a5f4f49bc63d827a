"""A person's photo becomes a picture of the image library.

Photos already uploaded go through the library's safety rule (metadata stripped, renditions made);
the old file, which may still carry GPS data, is then deleted. A file the rule refuses (or cannot
find) is reported and left where it is, and that person has no photo until one is chosen.
"""

import django.db.models.deletion
from django.db import migrations, models, transaction


def photos_into_library(apps, schema_editor):
    from django.core.exceptions import ValidationError

    from images.safety import image_prepare
    from images.services import image_create

    Person = apps.get_model("people", "Person")
    moved, storage = [], None
    for person in Person.objects.exclude(legacy_photo=""):
        storage = person.legacy_photo.storage
        name = person.legacy_photo.name
        try:
            with storage.open(name, "rb") as upload:
                prepared = image_prepare(upload=upload)
        except (ValidationError, OSError) as error:
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            print(f"\n  Photo of {person.name} ({name}) not moved to the image library: {reason}")
            continue
        image = image_create(prepared=prepared, alt_text=person.name, apps=apps)
        person.photo_id = image.pk
        person.save(update_fields=["photo"])
        moved.append(name)
    if schema_editor.connection.vendor == "postgresql":
        # Check the new keys now, so the column can be dropped in this same transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    if moved:
        transaction.on_commit(lambda: [storage.delete(name) for name in moved])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("images", "0001_image_library"),
    ]

    operations = [
        migrations.RenameField(model_name="person", old_name="photo", new_name="legacy_photo"),
        migrations.AddField(
            model_name="person",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="A portrait from the image library.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="photo_of_people",
                to="images.image",
            ),
        ),
        migrations.RunPython(photos_into_library, migrations.RunPython.noop),
        migrations.RemoveField(model_name="person", name="legacy_photo"),
    ]
