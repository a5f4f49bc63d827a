from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from images import renditions
from newsroom.translated import SourceColumns


class ImageQuerySet(models.QuerySet):
    def with_renditions(self):
        return self.prefetch_related("renditions")


class Image(SourceColumns):
    """A picture in the library: the lead image of articles, a picture in a body, a person's photo.

    Made only by ``images.services.image_create`` (which judges the upload, strips its metadata and
    makes the renditions); the stored file name is random, because a camera's or a reporter's file
    name can say where and when.
    """

    file = models.FileField(_("file"), max_length=255, editable=False)
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_(
            "What the picture shows, for readers who cannot see it, e.g. “Rescue workers lift "
            "a child from the rubble in Jindires”."
        ),
    )
    caption = models.TextField(_("caption"), blank=True, help_text=_("Shown under the picture."))
    # alt_text and caption have a column per language (images/translation.py).
    credit = models.CharField(
        _("credit / photographer"), max_length=200, blank=True, help_text=_("Who took it, as printed.")
    )
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("The agency or owner, e.g. “North Press”, “handout”.")
    )
    focal_x = models.PositiveSmallIntegerField(
        _("focal point across (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("0 is the left edge, 100 the right. Crops for cards keep this point in view."),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("focal point down (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("0 is the top edge, 100 the bottom."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""),
                name="image_has_alt_text",
                violation_error_message=_("Describe the picture in the alt text."),
            ),
            models.CheckConstraint(
                condition=Q(focal_x__isnull=True, focal_y__isnull=True)
                | Q(focal_x__isnull=False, focal_y__isnull=False, focal_x__lte=100, focal_y__lte=100),
                name="image_focal_point_complete",
                violation_error_message=_("Give both coordinates of the focal point, or neither."),
            ),
        ]
        indexes = [models.Index(fields=["-created_at"], name="image_recent")]

    def __str__(self):
        label = self.caption or self.alt_text
        return label if len(label) <= 80 else label[:79] + "…"

    @property
    def focus(self) -> tuple[int, int]:
        if self.focal_x is None or self.focal_y is None:
            return renditions.DEFAULT_FOCUS
        return (self.focal_x, self.focal_y)

    def renditions_of(self, crop: str, fmt: str) -> list["Rendition"]:
        """This crop's renditions in one format, narrowest first (uses prefetched renditions)."""
        found = [r for r in self.renditions.all() if r.crop == crop and r.format == fmt]
        return sorted(found, key=lambda r: r.width)


class Rendition(models.Model):
    """One resized, cropped, re-encoded copy of an image, made once and kept on the storage."""

    class Crop(models.TextChoices):
        ORIGINAL = "original", _("Whole picture")
        WIDE = "wide", "16:9"
        SQUARE = "square", "1:1"
        SOCIAL = "social", _("Social (1200 × 630)")

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions", verbose_name=_("image"))
    crop = models.CharField(_("crop"), max_length=10, choices=Crop.choices)
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    file = models.FileField(_("file"), max_length=255)

    class Meta:
        ordering = ["image", "crop", "width", "format"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "crop", "format", "width"], name="one_rendition_per_spec"
            )
        ]

    def __str__(self):
        return f"{self.crop} {self.width}×{self.height} {self.format}"

    @property
    def url(self) -> str:
        return self.file.url


def thumbnail_url(image: Image) -> str:
    """The smallest square rendition (the cleaned original if renditions are missing)."""
    square = image.renditions_of("square", "webp")
    return square[0].url if square else image.file.url
