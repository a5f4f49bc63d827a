"""The one rule for accepting an uploaded picture.

A picture from the field can endanger the person who took it: its EXIF may say where (GPS), when, and
with which phone. So an upload is judged by its content, never its name or declared type, and only
its pixels survive:

1. bytes are counted before anything is decoded (``IMAGES_MAX_UPLOAD_BYTES``);
2. SVG is refused (it is a document that can carry scripts, not a picture);
3. Pillow identifies the format from the bytes; only JPEG (and MPO, the multi-picture JPEG some
   phones write), PNG, WebP and GIF are accepted;
4. the pixel count is checked from the header, before decoding (``IMAGES_MAX_PIXELS``), so a
   decompression bomb is refused without being expanded;
5. Pillow verifies the file, then decodes it completely (a truncated upload is refused);
6. the EXIF orientation is applied to the pixels, colours are converted to sRGB when the file
   carries an ICC profile, and the pixels are copied into a new image that carries no metadata at
   all (no EXIF, GPS, XMP, IPTC, ICC profile, comments or text chunks).

Nothing is stored here: ``image_prepare`` returns the clean picture, and ``images.services`` stores
it. A refused upload therefore leaves nothing behind.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError

# Error messages (the admin shows them under the file field; tests match them).
EMPTY_FILE = _("The file is empty.")
TOO_MANY_BYTES = _(
    "This file is %(size_mb)s MB; the limit is %(limit_mb)s MB. Export the picture as a smaller JPEG."
)
SVG_REFUSED = _(
    "SVG drawings are not accepted: an SVG file can carry scripts. Export the picture as PNG or JPEG."
)
NOT_AN_IMAGE = _(
    "This file is not a picture we can read (its content was checked, not its name). Upload a JPEG, "
    "PNG, WebP or GIF; iPhone photos can be shared as JPEG (“Most Compatible”)."
)
FORMAT_REFUSED = _("%(format)s pictures are not accepted. Upload a JPEG, PNG, WebP or GIF.")
TOO_MANY_PIXELS = _(
    "This picture has too many pixels: the limit is %(limit_mp)s megapixels (for example "
    "8000 × 6000). Resize it before uploading."
)
DAMAGED = _("This picture is damaged or incomplete (the upload may have been cut off). Export it again.")

# Pillow format name -> the format the clean original is stored in.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

DEFAULT_MAX_UPLOAD_BYTES = 30 * 1024 * 1024
DEFAULT_MAX_PIXELS = 60_000_000

_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class PreparedImage:
    """An accepted upload: oriented sRGB pixels with no metadata, and how to store them."""

    picture: PILImage.Image  # mode RGB or RGBA, ``info`` empty
    format: str  # JPEG, PNG or WEBP

    @property
    def width(self) -> int:
        return self.picture.width

    @property
    def height(self) -> int:
        return self.picture.height

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def max_upload_bytes() -> int:
    return getattr(settings, "IMAGES_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def max_pixels() -> int:
    return getattr(settings, "IMAGES_MAX_PIXELS", DEFAULT_MAX_PIXELS)


def image_prepare(*, upload) -> PreparedImage:
    """Judge ``upload`` (a Django ``File`` or any binary file object) and return its clean pixels.

    Raises ``ValidationError`` with one of this module's messages; stores nothing either way.
    """
    data = _read_bounded(upload)
    if _looks_like_svg(data):
        raise ValidationError(SVG_REFUSED, code="svg")
    source_format = _identify(data)
    picture = _decode(data)
    return PreparedImage(picture=_strip(picture), format=ACCEPTED_FORMATS[source_format])


def _read_bounded(upload) -> bytes:
    limit = max_upload_bytes()
    declared = getattr(upload, "size", None)
    if declared is not None and declared > limit:
        raise _too_many_bytes(declared, limit)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_many_bytes(len(data), limit)
    if not data:
        raise ValidationError(EMPTY_FILE, code="empty")
    return data


def _too_many_bytes(size: int, limit: int) -> ValidationError:
    return ValidationError(
        TOO_MANY_BYTES,
        code="too_many_bytes",
        params={"size_mb": f"{size / 1024 / 1024:.3g}", "limit_mb": f"{limit / 1024 / 1024:.3g}"},
    )


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in data[:65536].lower()


def _open(data: bytes) -> PILImage.Image:
    """Open without decoding; Pillow's own bomb check becomes an error, whatever its threshold."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            return PILImage.open(io.BytesIO(data))
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        TOO_MANY_PIXELS, code="too_many_pixels", params={"limit_mp": f"{max_pixels() / 1_000_000:g}"}
    )


def _identify(data: bytes) -> str:
    with _open(data) as image:
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(FORMAT_REFUSED, code="format", params={"format": image.format})
        if image.width * image.height > max_pixels():
            raise _too_many_pixels()
        try:
            image.verify()
        except Exception:  # Pillow raises many kinds here; all mean the file is not sound
            raise ValidationError(DAMAGED, code="damaged") from None
        return image.format


def _decode(data: bytes) -> PILImage.Image:
    image = _open(data)  # verify() leaves the image unusable: open again to decode
    try:
        image.seek(0)  # the first frame of an animation
        image.load()
    except Exception:
        raise ValidationError(DAMAGED, code="damaged") from None
    return image


def _strip(image: PILImage.Image) -> PILImage.Image:
    """Orientation applied, sRGB, RGB/RGBA, and a brand-new image object with no metadata."""
    icc_profile = image.info.get("icc_profile")
    oriented = ImageOps.exif_transpose(image)
    has_alpha = oriented.mode in {"RGBA", "LA", "PA"} or (
        oriented.mode == "P" and "transparency" in oriented.info
    )
    mode = "RGBA" if has_alpha else "RGB"
    converted = _to_srgb(oriented, icc_profile, mode)
    clean = PILImage.new(mode, converted.size)
    clean.paste(converted)
    return clean


def _to_srgb(image: PILImage.Image, icc_profile: bytes | None, mode: str) -> PILImage.Image:
    if icc_profile and image.mode in {"RGB", "RGBA", "CMYK", "L"}:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unusable profile: take the pixels as they are
    if image.mode == "P" or image.mode == "PA":
        image = image.convert("RGBA")
    return image.convert(mode)
