"""Pictures made by Pillow for the tests: with GPS and camera EXIF, orientations, transparency."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE, MODEL, ARTIST = 0x010F, 0x0110, 0x013B
SECRET_CAMERA = "FieldPhone X9"
SECRET_ARTIST = "Anonymous stringer in Afrin"
SECRET_XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description photoshop:City="Afrin"/></x:xmpmeta>'


def drawing(size=(800, 500), mode="RGB") -> PILImage.Image:
    """A picture with structure: a sky, a ground, and a red square in the top-left corner."""
    picture = PILImage.new(mode, size, (90, 140, 200) if mode == "RGB" else (90, 140, 200, 255))
    draw = ImageDraw.Draw(picture)
    width, height = size
    draw.rectangle((0, height * 2 // 3, width, height), fill=(120, 90, 60))
    draw.rectangle((0, 0, width // 8, height // 8), fill=(220, 20, 20))
    return picture


def gps_exif(*, orientation: int | None = None) -> PILImage.Exif:
    exif = PILImage.Exif()
    exif[MAKE] = SECRET_CAMERA
    exif[MODEL] = SECRET_CAMERA
    exif[ARTIST] = SECRET_ARTIST
    if orientation:
        exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (36.0, 30.0, 12.5)  # Afrin
    gps[3], gps[4] = "E", (36.0, 52.0, 3.1)
    return exif


def picture_bytes(fmt="JPEG", size=(800, 500), *, picture=None, **save_options) -> bytes:
    picture = picture or drawing(size, "RGBA" if fmt in {"PNG", "WEBP"} and save_options.pop("alpha", False) else "RGB")
    buffer = BytesIO()
    picture.save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def jpeg_with_gps(size=(800, 500), *, orientation: int | None = None, icc: bool = True) -> bytes:
    """A phone photo as it leaves the phone: GPS, camera, photographer, XMP, ICC and a comment."""
    from PIL import ImageCms

    options = {"exif": gps_exif(orientation=orientation), "xmp": SECRET_XMP, "comment": SECRET_ARTIST.encode()}
    if icc:
        options["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return picture_bytes("JPEG", size, **options)


def upload(name: str, data: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
