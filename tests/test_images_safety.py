"""Upload safety: judged by content, limited, oriented, and stripped of every trace of where."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

from images import renditions, safety
from images.models import Image, Rendition
from images.safety import image_prepare
from images.services import image_create, renditions_make
from tests.factories import ImageFactory
from tests.jobs_support import after_the_worker
from tests.pictures import SECRET_ARTIST, SECRET_CAMERA, drawing, jpeg_with_gps, picture_bytes, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def refusal(data: bytes, name="photo.jpg") -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        image_prepare(upload=upload(name, data))
    return refused.value


@pytest.mark.parametrize("icc", [True, False], ids=["with-colour-profile", "without"])
def test_gps_and_all_metadata_are_gone_from_the_original_and_every_rendition(media_root, icc):
    data = jpeg_with_gps((900, 600), icc=icc)
    with PILImage.open(BytesIO(data)) as phone_photo:  # the test picture really carries them
        assert phone_photo.getexif().get_ifd(0x8825) and "xmp" in phone_photo.info
        assert ("icc_profile" in phone_photo.info) is icc and phone_photo.info.get("comment")

    image = ImageFactory(picture=data)

    names = [image.file.name, *image.renditions.values_list("file", flat=True)]
    assert len(names) == 1 + len(renditions.specs_for((900, 600))) + 1  # original, renditions, social
    for name in names:
        raw = image.file.storage.open(name).read()
        with PILImage.open(BytesIO(raw)) as stored:
            assert not stored.getexif(), name
            assert not stored.getexif().get_ifd(0x8825), name
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(stored.info), name
        for secret in [b"Exif", b"GPS", SECRET_CAMERA.encode(), SECRET_ARTIST.encode(), b"Afrin", b"xmpmeta"]:
            assert secret not in raw, (name, secret)


def test_text_chunks_and_exif_of_a_png_are_gone_too(media_root):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Location", "Afrin checkpoint")
    data = picture_bytes("PNG", (500, 300), pnginfo=info, exif=drawing().getexif())
    image = ImageFactory(picture=data)
    for name in [image.file.name, *image.renditions.values_list("file", flat=True)]:
        raw = image.file.storage.open(name).read()
        assert b"Afrin" not in raw and b"Location" not in raw, name


def test_exif_orientation_is_applied_to_the_pixels():
    # Orientation 6: the camera was turned; the picture must be shown rotated 90° clockwise.
    prepared = image_prepare(upload=upload("turned.jpg", jpeg_with_gps((800, 500), orientation=6)))
    assert (prepared.width, prepared.height) == (500, 800)
    red_corner = prepared.picture.getpixel((500 - 20, 20))  # top-left moved to top-right
    assert red_corner[0] > 180 and red_corner[1] < 80


def test_a_20000_by_20000_picture_is_refused_before_it_is_decoded(media_root):
    buffer = BytesIO()
    PILImage.new("1", (20000, 20000)).save(buffer, "PNG")  # a few kB that would expand to 1.2 GB
    error = refusal(buffer.getvalue(), "bomb.png")
    assert error.code == "too_many_pixels"
    assert "too many pixels" in error.messages[0] and "60 megapixels" in error.messages[0]
    assert Image.objects.count() == 0 and stored_files(media_root) == []


def test_the_pixel_limit_is_checked_from_the_header(settings):
    settings.IMAGES_MAX_PIXELS = 1_000_000
    error = refusal(picture_bytes("JPEG", (1500, 1000)))
    assert error.code == "too_many_pixels" and "1 megapixels" in error.messages[0]
    assert image_prepare(upload=upload("ok.jpg", picture_bytes("JPEG", (1000, 1000)))).width == 1000


def test_a_file_over_the_byte_limit_is_refused(settings):
    settings.IMAGES_MAX_UPLOAD_BYTES = 10_000
    error = refusal(picture_bytes("PNG", (800, 500), picture=PILImage.effect_noise((800, 500), 80)))
    assert error.code == "too_many_bytes"
    assert error.messages[0].startswith("This file is 0.382 MB; the limit is 0.00954 MB.")


def test_a_png_named_jpg_is_accepted_by_its_content(media_root):
    prepared = image_prepare(upload=upload("holiday.jpg", picture_bytes("PNG", (640, 400))))
    assert prepared.format == "PNG"
    with after_the_worker():
        image = image_create(prepared=prepared, alt_text="A street in Qamishli")
    assert image.file.name.endswith("/original.png")
    with image.file.open() as stored:
        assert PILImage.open(stored).format == "PNG"
    assert image.renditions.filter(crop="original", format="webp").exists()


def test_a_text_file_named_jpg_is_refused():
    error = refusal(b"Meeting notes: the convoy leaves at dawn.\n" * 20, "photo.jpg")
    assert error.code == "not_an_image"
    assert error.messages[0] == safety.NOT_AN_IMAGE


@pytest.mark.parametrize("name", ["drawing.svg", "drawing.png"])
def test_svg_is_refused_whatever_its_name(name):
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    error = refusal(svg, name)
    assert error.code == "svg" and error.messages[0] == safety.SVG_REFUSED


def test_a_truncated_upload_is_refused_as_damaged():
    data = picture_bytes("PNG", (800, 500), picture=PILImage.effect_noise((800, 500), 80))
    error = refusal(data[: len(data) // 2], "cut.png")
    assert error.code == "damaged" and error.messages[0] == safety.DAMAGED


def test_an_empty_file_and_a_bmp_are_refused():
    assert refusal(b"").code == "empty"
    error = refusal(picture_bytes("BMP", (100, 100)), "scan.jpg")
    assert error.code == "format" and "BMP pictures are not accepted" in error.messages[0]


def test_transparency_is_kept_in_webp_and_flattened_on_white_in_jpeg(media_root):
    picture = PILImage.new("RGBA", (400, 400), (0, 0, 0, 0))
    image = ImageFactory(picture=picture_bytes("PNG", picture=picture))
    webp = image.renditions.get(crop="original", format="webp", width=400)
    jpeg = image.renditions.get(crop="original", format="jpeg", width=400)
    assert PILImage.open(webp.file).getpixel((5, 5))[3] == 0
    assert PILImage.open(jpeg.file).getpixel((5, 5)) == (255, 255, 255)


def test_a_failure_while_storing_the_original_leaves_no_row_and_no_file(media_root, monkeypatch):
    prepared = image_prepare(upload=upload("photo.jpg", jpeg_with_gps()))

    def save_then_fail(self, *args, **kwargs):
        raise MemoryError("the server ran out of memory")

    monkeypatch.setattr(Image, "save", save_then_fail)  # the original is written first, then the row
    with pytest.raises(MemoryError), after_the_worker():
        image_create(prepared=prepared, alt_text="A convoy")
    assert Image.objects.count() == 0 and Rendition.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_failure_while_making_renditions_leaves_none_and_the_next_run_makes_them(media_root, monkeypatch):
    prepared = image_prepare(upload=upload("photo.jpg", jpeg_with_gps()))
    calls = []
    real_encode = renditions.encode

    def encode_then_fail(picture, fmt):
        calls.append(fmt)
        if len(calls) == 5:
            raise MemoryError("the server ran out of memory")
        return real_encode(picture, fmt)

    monkeypatch.setattr(renditions, "encode", encode_then_fail)
    with after_the_worker():  # the background task fails half-way (the worker records the failure)
        image = image_create(prepared=prepared, alt_text="A convoy")
    assert len(calls) == 5  # four files had been written
    assert Rendition.objects.count() == 0
    assert stored_files(media_root) == [media_root / image.file.name]  # the original alone: no half-made rendition
    monkeypatch.setattr(renditions, "encode", real_encode)
    assert renditions_make.call(image.pk) > 10  # the task run again makes them all
    assert Rendition.objects.filter(image=image).count() > 10


def test_alt_text_is_required_before_anything_is_stored(media_root):
    prepared = image_prepare(upload=upload("photo.jpg", jpeg_with_gps()))
    with pytest.raises(ValidationError) as refused:
        image_create(prepared=prepared, alt_text="   ")
    assert "alt_text" in refused.value.message_dict
    assert stored_files(media_root) == []
