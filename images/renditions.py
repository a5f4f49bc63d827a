"""What renditions an image gets, and how their pixels are made (Pillow, no storage, no database).

Every image gets, once, at upload (``images.services``):

- ``original``: the whole picture at widths 320, 640, 1024 and 1600 (never enlarged: a picture
  narrower than a width gets its own width instead), in WebP and in JPEG for older browsers;
- ``wide`` (16:9) and ``square`` (1:1): crops around the focal point, for cards and lists, at the
  same widths and formats;
- ``social``: one 1200 × 630 JPEG around the focal point, for ``og:image``.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from PIL import Image as PILImage

WIDTHS = (320, 640, 1024, 1600)
FORMATS = ("webp", "jpeg")
CROPS: dict[str, tuple[int, int] | None] = {"original": None, "wide": (16, 9), "square": (1, 1)}
SOCIAL = "social"
SOCIAL_SIZE = (1200, 630)
DEFAULT_FOCUS = (50, 50)  # percent across, percent down: the centre

CONTENT_TYPES = {"webp": "image/webp", "jpeg": "image/jpeg"}
_EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
_SAVE_OPTIONS = {
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "jpeg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
}
_ORIGINAL_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
}


@dataclass(frozen=True)
class Spec:
    crop: str
    format: str
    width: int

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.crop, self.format, self.width)

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self.format]


def crop_box(size: tuple[int, int], ratio: tuple[int, int], focus: tuple[int, int]) -> tuple[int, int, int, int]:
    """The largest box of ``ratio`` inside ``size``, centred on ``focus`` (percent) where it fits."""
    width, height = size
    if width * ratio[1] > height * ratio[0]:  # too wide: keep the full height
        box_w, box_h = max(1, round(height * ratio[0] / ratio[1])), height
    else:  # too tall: keep the full width
        box_w, box_h = width, max(1, round(width * ratio[1] / ratio[0]))
    centre_x, centre_y = width * focus[0] / 100, height * focus[1] / 100
    left = min(max(round(centre_x - box_w / 2), 0), width - box_w)
    top = min(max(round(centre_y - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def specs_for(size: tuple[int, int]) -> list[Spec]:
    """Every rendition an image of ``size`` should have (the social image excluded)."""
    specs = []
    for crop, ratio in CROPS.items():
        if ratio is None:
            crop_width = size[0]
        else:
            left, _, right, _ = crop_box(size, ratio, DEFAULT_FOCUS)
            crop_width = right - left
        for width in sorted({min(w, crop_width) for w in WIDTHS}):
            specs.extend(Spec(crop, fmt, width) for fmt in FORMATS)
    return specs


def social_spec() -> Spec:
    return Spec(SOCIAL, "jpeg", SOCIAL_SIZE[0])


def make(picture: PILImage.Image, specs: list[Spec], focus: tuple[int, int]) -> Iterator[tuple[Spec, PILImage.Image]]:
    """The pixels of each spec, largest first within a crop so each resize starts small."""
    by_crop: dict[str, list[Spec]] = {}
    for spec in specs:
        by_crop.setdefault(spec.crop, []).append(spec)
    for crop, crop_specs in by_crop.items():
        if crop == SOCIAL:
            box = crop_box(picture.size, SOCIAL_SIZE, focus)
            social = picture.resize(SOCIAL_SIZE, PILImage.Resampling.LANCZOS, box=box, reducing_gap=3.0)
            for spec in crop_specs:
                yield spec, social
            continue
        ratio = CROPS[crop]
        current = picture if ratio is None else picture.crop(crop_box(picture.size, ratio, focus))
        for width in sorted({s.width for s in crop_specs}, reverse=True):
            if width != current.width:
                height = max(1, round(current.height * width / current.width))
                current = current.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
            for spec in crop_specs:
                if spec.width == width:
                    yield spec, current


def encode(picture: PILImage.Image, fmt: str) -> bytes:
    """A rendition's bytes: WebP keeps transparency, JPEG gets a white background."""
    if fmt == "jpeg" and picture.mode != "RGB":
        flat = PILImage.new("RGB", picture.size, (255, 255, 255))
        flat.paste(picture, mask=picture.getchannel("A") if picture.mode == "RGBA" else None)
        picture = flat
    buffer = BytesIO()
    picture.save(buffer, **_SAVE_OPTIONS[fmt])
    return buffer.getvalue()


def encode_original(picture: PILImage.Image, fmt: str) -> bytes:
    """The stored original: the clean pixels, re-encoded, in the upload's own family of format."""
    if fmt == "JPEG":
        return encode(picture, "jpeg") if picture.mode != "RGB" else _save(picture, fmt)
    return _save(picture, fmt)


def _save(picture: PILImage.Image, fmt: str) -> bytes:
    buffer = BytesIO()
    picture.save(buffer, format=fmt, **_ORIGINAL_OPTIONS[fmt])
    return buffer.getvalue()
