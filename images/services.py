"""Creating, changing and deleting library images, and making their renditions.

All file work goes through Django's storage API (``Image.file.storage``, the ``default`` storage),
so the same code writes to the local disk or to S3-compatible object storage. Renditions are made
once, when an image is stored or its focal point moves, by a background task (``renditions_make``;
a 60-megapixel picture takes seconds): the upload answers at once, and until the renditions exist
pages show the cleaned original. Pages only read renditions.

Each function takes an optional ``apps`` (a migration's historical registry), like
``newsroom.roles.sync_roles``, so a data migration can use the same rule.
"""

import uuid
from io import BytesIO

from django.apps import apps as global_apps
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django_tasks import task
from PIL import Image as PILImage

from images import renditions
from images.safety import PreparedImage
from jobs import services as jobs
from newsroom import languages
from newsroom.translated import SOURCE

# A crop moves with the focal point, so its renditions are re-made when the point changes.
FOCUS_DEPENDENT = ("wide", "square", renditions.SOCIAL)


def _models(apps):
    apps = apps or global_apps
    return apps.get_model("images", "Image"), apps.get_model("images", "Rendition")


def _set_fields(image, **values) -> None:
    for name, value in values.items():
        setattr(image, name, value)


def _set_translations(image, translations: dict[str, str] | None) -> None:
    """The other languages' alt text and caption; an empty one is left to fall back to English."""
    for name, value in (translations or {}).items():
        if name.rsplit("_", 1)[0] not in ("alt_text", "caption") or name.rsplit("_", 1)[1] not in languages.codes():
            raise ValueError(f"Not a translated column of an image: {name}")
        setattr(image, name, (value or "").strip())


def image_create(
    *,
    prepared: PreparedImage,
    alt_text: str,
    caption: str = "",
    credit: str = "",
    source: str = "",
    focal_x: int | None = None,
    focal_y: int | None = None,
    uploaded_by=None,
    translations: dict[str, str] | None = None,
    apps=None,
):
    """Store an accepted upload (see ``images.safety.image_prepare``); its renditions are made by
    a background task (in a data migration, ``apps`` given, at once).

    ``alt_text`` and ``caption`` are the source language's (English); ``translations`` gives the
    other languages' columns, ``{"alt_text_ar": …, "caption_ku": …}``.
    If anything fails, the files already written are deleted again and no row is left.
    """
    Image, _ = _models(apps)
    with translation.override(SOURCE):  # alt_text and caption are the source language's columns
        image = Image(alt_text=alt_text.strip(), caption=caption.strip())
    _set_translations(image, translations)
    _set_fields(
        image,
        credit=credit.strip(),
        source=source.strip(),
        focal_x=focal_x,
        focal_y=focal_y,
        width=prepared.width,
        height=prepared.height,
        uploaded_by=uploaded_by,
    )
    image.full_clean(exclude=["file"])  # before a single byte is written
    storage = image.file.storage
    written: list[str] = []
    try:
        with transaction.atomic():
            folder = f"images/{uuid.uuid4().hex[:16]}"
            content = renditions.encode_original(prepared.picture, prepared.format)
            image.file.name = storage.save(f"{folder}/original.{prepared.extension}", ContentFile(content))
            written.append(image.file.name)
            image.save()
            if apps is not None:  # a data migration: no worker runs it
                _renditions_make(image, prepared.picture, written=written, apps=apps)
            else:
                jobs.enqueue(renditions_make, image.pk)
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    return image


def image_update(
    *,
    image,
    alt_text: str,
    caption: str = "",
    credit: str = "",
    source: str = "",
    focal_x: int | None = None,
    focal_y: int | None = None,
    translations: dict[str, str] | None = None,
    apps=None,
):
    """Change an image's text (``translations`` as for ``image_create``) or focal point; a moved
    focal point re-makes the crops once."""
    Image, Rendition = _models(apps)
    stored = Image.objects.get(pk=image.pk)
    with translation.override(SOURCE):
        image.alt_text, image.caption = alt_text.strip(), caption.strip()
    _set_translations(image, translations)
    image.credit, image.source = credit.strip(), source.strip()
    image.focal_x, image.focal_y = focal_x, focal_y
    image.full_clean()
    with transaction.atomic():
        image.save()
        if (stored.focal_x, stored.focal_y) != (focal_x, focal_y):
            stale = Rendition.objects.filter(image=image, crop__in=FOCUS_DEPENDENT)
            _delete_files_on_commit(image.file.storage, [r.file.name for r in stale])
            stale.delete()
            if apps is not None:
                renditions_ensure(image=image, apps=apps)
            else:
                jobs.enqueue(renditions_make, image.pk)
    return image


def image_delete(*, image, apps=None) -> None:
    """Delete an image and, once the deletion is committed, its files.

    A library image still used (a lead image, a person's photo) is protected by its foreign keys:
    ``ProtectedError`` is raised and nothing is deleted.
    """
    _, Rendition = _models(apps)
    names = [image.file.name, *Rendition.objects.filter(image=image).values_list("file", flat=True)]
    with transaction.atomic():
        image.delete()
        _delete_files_on_commit(image.file.storage, names)


def renditions_ensure(*, image, apps=None) -> list:
    """Make the renditions ``image`` lacks; when it lacks none, touch neither Pillow nor storage."""
    _, Rendition = _models(apps)
    have = set(Rendition.objects.filter(image=image).values_list("crop", "format", "width"))
    if all(spec.key in have for spec in _wanted(image)):
        return []
    with image.file.storage.open(image.file.name, "rb") as stored:
        picture = PILImage.open(BytesIO(stored.read()))
        picture.load()
    written: list[str] = []
    try:
        with transaction.atomic():
            return _renditions_make(image, picture, written=written, apps=apps, skip=have)
    except BaseException:
        for name in written:
            image.file.storage.delete(name)
        raise


@task()
def renditions_make(image_id: int) -> int:
    """Make the renditions the image lacks (none twice, so running it again changes nothing); how
    many were made."""
    Image, _ = _models(None)
    image = Image.objects.filter(pk=image_id).first()
    return len(renditions_ensure(image=image)) if image is not None else 0


def _wanted(image) -> list[renditions.Spec]:
    return [*renditions.specs_for((image.width, image.height)), renditions.social_spec()]


def _renditions_make(image, picture, *, written: list[str], apps=None, skip=frozenset()) -> list:
    _, Rendition = _models(apps)
    storage = image.file.storage
    folder = image.file.name.rsplit("/", 1)[0]
    focus = (
        (image.focal_x, image.focal_y) if image.focal_x is not None else renditions.DEFAULT_FOCUS
    )
    missing = [spec for spec in _wanted(image) if spec.key not in skip]
    made = []
    for spec, pixels in renditions.make(picture, missing, focus):
        moved = f"-{focus[0]}x{focus[1]}" if spec.crop in FOCUS_DEPENDENT else ""
        name = f"{folder}/{spec.crop}{moved}-{spec.width}.{spec.extension}"
        saved = storage.save(name, ContentFile(renditions.encode(pixels, spec.format)))
        written.append(saved)
        made.append(
            Rendition(
                image=image,
                crop=spec.crop,
                format=spec.format,
                width=pixels.width,
                height=pixels.height,
                file=saved,
            )
        )
    return Rendition.objects.bulk_create(made)


def _delete_files_on_commit(storage, names: list[str]) -> None:
    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)
