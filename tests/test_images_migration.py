"""People's photos uploaded before the image library move into it, cleaned, when migrating."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.pictures import jpeg_with_gps

BEFORE = [("people", "0001_initial")]
AFTER = [("people", "0002_person_photo_from_image_library")]


@pytest.mark.django_db(transaction=True)
def test_old_person_photos_become_clean_library_images(media_root, capsys):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldPerson = old_apps.get_model("people", "Person")
    photo = default_storage.save("people/2025/raed.jpg", ContentFile(jpeg_with_gps((600, 800))))
    broken = default_storage.save("people/2025/broken.jpg", ContentFile(b"not a picture"))
    raed = OldPerson.objects.create(name="Raed Al-Saleh", slug="raed-al-saleh", name_key="raed al saleh", photo=photo)
    other = OldPerson.objects.create(name="Noor", slug="noor", name_key="noor", photo=broken)
    nobody = OldPerson.objects.create(name="Hadi", slug="hadi", name_key="hadi")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the newest state

    from images.models import Image
    from people.models import Person

    image = Person.objects.get(pk=raed.pk).photo
    assert image.alt_text == "Raed Al-Saleh" and (image.width, image.height) == (600, 800)
    assert b"GPS" not in image.file.read()
    assert image.renditions.filter(crop="square").exists()
    assert not default_storage.exists(photo)  # the file with GPS data is gone
    assert Person.objects.get(pk=other.pk).photo is None and default_storage.exists(broken)
    assert "Photo of Noor (people/2025/broken.jpg) not moved" in capsys.readouterr().out
    assert Person.objects.get(pk=nobody.pk).photo is None
    assert Image.objects.count() == 1
