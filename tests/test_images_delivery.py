"""Renditions (made once, kept on the storage) and how pages deliver them."""

import re
from io import BytesIO

import pytest
from django.core.files.storage import FileSystemStorage
from django.template import Context, Template
from PIL import Image as PILImage

from articles.html import sanitize_html
from images import renditions
from images.models import Rendition
from images.services import renditions_ensure
from tests.factories import ImageFactory, IntervieweeFactory, PersonFactory, PublishedArticleFactory
from tests.pictures import picture_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def opened(rendition) -> PILImage.Image:
    picture = PILImage.open(BytesIO(rendition.file.read()))
    rendition.file.close()
    return picture


def test_each_width_format_crop_and_the_social_image_are_made(media_root):
    image = ImageFactory(picture=picture_bytes("JPEG", (2000, 1250)))
    made = {(r.crop, r.format, r.width, r.height) for r in image.renditions.all()}
    expected = set()
    for fmt in ["webp", "jpeg"]:
        for width in [320, 640, 1024, 1600]:
            expected |= {
                ("original", fmt, width, round(width * 1250 / 2000)),
                ("wide", fmt, width, round(width * 9 / 16)),
            }
        expected |= {("square", fmt, w, w) for w in [320, 640, 1024, 1250]}  # never wider than the crop
    expected.add(("social", "jpeg", 1200, 630))
    assert made == expected
    for rendition in image.renditions.all():
        picture = opened(rendition)
        assert picture.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
        assert picture.size == (rendition.width, rendition.height)
        assert (media_root / rendition.file.name).is_file()


def test_a_small_picture_is_never_enlarged():
    image = ImageFactory(picture=picture_bytes("JPEG", (500, 300)))
    widths = {r.width for r in image.renditions.filter(crop="original", format="webp")}
    assert widths == {320, 500}


def test_crops_keep_the_focal_point_in_view():
    # A wide picture with the red square in its top-left corner (see tests.pictures.drawing).
    data = picture_bytes("JPEG", (1600, 600))
    centred = ImageFactory(picture=data)
    on_the_square = ImageFactory(picture=data, focal_x=5, focal_y=5)

    def red_share(image, crop):
        square = opened(image.renditions.get(crop=crop, format="jpeg", width=320)).convert("RGB")
        pixels = list(square.get_flattened_data())
        return sum(1 for r, g, b in pixels if r > 180 and g < 80) / len(pixels)

    assert red_share(centred, "square") == 0
    assert red_share(on_the_square, "square") > 0.03
    assert red_share(on_the_square, "wide") > 0.02
    social = on_the_square.renditions.get(crop="social")
    assert (social.width, social.height) == (1200, 630)


def test_moving_the_focal_point_remakes_only_the_crops(django_capture_on_commit_callbacks, media_root):
    from images.services import image_update

    image = ImageFactory(picture=picture_bytes("JPEG", (1200, 800)))
    whole_before = set(image.renditions.filter(crop="original").values_list("pk", "file"))
    square_before = image.renditions.get(crop="square", format="webp", width=320).file.name
    with django_capture_on_commit_callbacks(execute=True):
        image_update(image=image, alt_text=image.alt_text, focal_x=10, focal_y=20)
    assert set(image.renditions.filter(crop="original").values_list("pk", "file")) == whole_before
    square_after = image.renditions.get(crop="square", format="webp", width=320).file.name
    assert square_after != square_before and "10x20" in square_after
    assert not (media_root / square_before).exists() and (media_root / square_after).exists()


@pytest.fixture
def count_image_work(monkeypatch):
    """Counts Pillow opens, Pillow resizes and storage writes while a block runs."""
    counts = {"open": 0, "resize": 0, "save": 0}

    def counting(name, real):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(PILImage, "open", counting("open", PILImage.open))
    monkeypatch.setattr(PILImage.Image, "resize", counting("resize", PILImage.Image.resize))
    monkeypatch.setattr(FileSystemStorage, "_save", counting("save", FileSystemStorage._save))
    return counts


@pytest.fixture
def story_with_pictures():
    lead = ImageFactory(caption="Water returns to the eastern districts.", credit="Samer Taha", source="North Press")
    inline = ImageFactory(caption="The pumping station.", picture=picture_bytes("PNG", (900, 600)))
    body = f"<p>First paragraph.</p><p>[image:{inline.pk}]</p><p>Closing paragraph.</p><p>[image:999999]</p>"
    return PublishedArticleFactory(lead_image=lead, body=body), lead, inline


def test_a_page_view_does_no_image_work_the_first_or_second_time(client, story_with_pictures, count_image_work):
    article, lead, inline = story_with_pictures
    renditions_before = Rendition.objects.count()
    for _ in range(2):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert response.content.decode().count("<picture") == 2
    assert count_image_work == {"open": 0, "resize": 0, "save": 0}
    assert Rendition.objects.count() == renditions_before


def test_renditions_are_made_once(count_image_work):
    image = ImageFactory()
    assert count_image_work["save"] == 1 + image.renditions.count()  # the original, each rendition once
    count_image_work.update(open=0, resize=0, save=0)
    assert renditions_ensure(image=image) == []
    assert count_image_work == {"open": 0, "resize": 0, "save": 0}


def test_a_missing_rendition_is_made_from_the_stored_original(count_image_work):
    image = ImageFactory()
    lost = image.renditions.get(crop="wide", format="jpeg", width=640)
    lost.delete()
    remade = renditions_ensure(image=image)
    assert [(r.crop, r.format, r.width) for r in remade] == [("wide", "jpeg", 640)]
    assert renditions_ensure(image=image) == []


def test_article_html_has_srcset_sizes_width_and_height(client, story_with_pictures):
    article, lead, inline = story_with_pictures
    html = client.get(article.get_absolute_url()).content.decode()
    lead_picture = re.search(r'<figure class="picture-figure lead-image">.*?</figure>', html, re.S).group(0)
    source = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', lead_picture)
    assert [entry.rsplit(" ", 1)[1] for entry in source.group(1).split(", ")] == ["320w", "640w", "800w"]
    assert source.group(1).split(", ")[0].split(" ")[0].endswith(".webp")
    assert source.group(2) == "(min-width: 46rem) 44rem, calc(100vw - 2rem)"
    img = re.search(r"<img [^>]+>", lead_picture).group(0)
    assert 'width="800" height="500"' in img
    assert 'srcset="' in img and ".jpg 320w" in img
    assert f'alt="{lead.alt_text}"' in img
    assert 'loading="eager"' in img and 'fetchpriority="high"' in img  # above the fold
    assert "Water returns to the eastern districts." in lead_picture and "Samer Taha / North Press" in lead_picture


def test_a_body_picture_is_placed_by_its_token_and_loads_lazily(client, story_with_pictures):
    article, lead, inline = story_with_pictures
    assert sanitize_html(article.body) == article.body  # the token is plain text to the sanitizer
    html = client.get(article.get_absolute_url()).content.decode()
    body = re.search(r'<div class="body">(.*?)</div>\s*(<section|</article>)', html, re.S).group(1)
    assert "[image:" not in body  # the unknown token is dropped too
    img = re.search(r"<img [^>]+>", body).group(0)
    assert 'width="900" height="600"' in img and 'loading="lazy"' in img and "fetchpriority" not in img
    assert "The pumping station." in body
    assert body.index("First paragraph") < body.index("<picture") < body.index("Closing paragraph")


def test_body_tokens_cost_two_queries_together(django_assert_num_queries):
    from images.body import body_with_images

    first, second = ImageFactory(), ImageFactory()
    with django_assert_num_queries(2):
        html = body_with_images(f"<p>[image:{first.pk}]</p><p>Text</p><p dir=\"rtl\">[image:{second.pk}]</p>")
    assert html.count("<picture") == 2


def test_the_page_names_the_social_image_for_og_image(client, story_with_pictures, settings):
    """On the site's own address (SITE_URL, as the JSON-LD and the canonical link), not the host the
    request came by: the article's head is built once and served to every reader (a kept fragment)."""
    article, lead, inline = story_with_pictures
    html = client.get(article.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    social = lead.renditions.get(crop="social")
    assert f'<meta property="og:image" content="{settings.SITE_URL}{social.file.url}">' in head
    assert '<meta property="og:image:width" content="1200">' in head
    assert '<meta property="og:image:height" content="630">' in head


def test_an_article_without_a_lead_image_shows_no_picture(client, settings):
    article = PublishedArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<picture" not in html
    # Social cards fall back to the site's share image, never to a library rendition.
    og_image = html.split('<meta property="og:image" content="')[1].split('"')[0]
    assert settings.MEDIA_URL not in og_image and settings.STATIC_URL in og_image


def test_cards_can_show_the_16_by_9_crop():
    image = ImageFactory(picture=picture_bytes("JPEG", (1200, 900)))
    html = Template('{% load images %}{% picture image crop="wide" sizes="20rem" %}').render(Context({"image": image}))
    assert 'width="1024" height="576"' in html and 'loading="lazy"' in html
    assert "wide-50x50-320.webp 320w" in html and 'sizes="20rem"' in html


def test_a_person_page_shows_their_photo(client):
    person = PersonFactory(name="Raed Al-Saleh", photo=ImageFactory(alt_text="Raed Al-Saleh"))
    # Person pages exist once a published story interviews them.
    IntervieweeFactory(article=PublishedArticleFactory(), person=person)
    html = client.get(person.get_absolute_url()).content.decode()
    assert '<picture class="person-photo">' in html and 'alt="Raed Al-Saleh"' in html
    assert "square-50x50-320.webp 320w" in html


def test_files_go_through_the_configured_storage(settings, media_root):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    image = ImageFactory()
    from django.core.files.storage import default_storage, storages

    assert type(storages["default"]).__name__ == "InMemoryStorage"
    assert not media_root.exists()  # nothing written to the local disk
    assert default_storage.exists(image.file.name)
    assert all(default_storage.exists(r.file.name) for r in image.renditions.all())
    assert renditions.SOCIAL in set(image.renditions.values_list("crop", flat=True))


def test_s3_compatible_storage_is_set_from_the_environment_alone():
    import json

    from tests.test_settings import run_manage

    show = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES['default']))"
    s3 = {
        "MEDIA_STORAGE_BACKEND": "storages.backends.s3.S3Storage",
        "S3_BUCKET": "newsroom-media",
        "S3_ENDPOINT_URL": "https://s3.example.net",
        "S3_REGION": "eu-central-1",
        "S3_CUSTOM_DOMAIN": "media.news.example.org",
    }
    configured = json.loads(run_manage("shell", "--no-imports", "-c", show, env_overrides=s3).stdout)
    assert configured["BACKEND"] == "storages.backends.s3.S3Storage"
    assert configured["OPTIONS"] == {
        "bucket_name": "newsroom-media",
        "endpoint_url": "https://s3.example.net",
        "region_name": "eu-central-1",
        "custom_domain": "media.news.example.org",
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    local = json.loads(run_manage("shell", "--no-imports", "-c", show, env_overrides={}).stdout)
    assert local == {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {}}


def test_make_renditions_fills_in_what_is_missing_and_nothing_else(count_image_work):
    from io import StringIO

    from django.core.management import call_command

    image, untouched = ImageFactory(), ImageFactory()
    image.renditions.filter(crop="square").delete()
    count_image_work.update(open=0, resize=0, save=0)
    out = StringIO()
    call_command("make_renditions", stdout=out)
    squares = len([s for s in renditions.specs_for((800, 500)) if s.crop == "square"])
    assert out.getvalue().strip() == f"{squares} renditions made for 1 images."
    assert count_image_work["open"] == 1 and count_image_work["save"] == squares
    call_command("make_renditions", stdout=out)
    assert out.getvalue().strip().endswith("0 renditions made for 0 images.")
    assert untouched.renditions.count() == image.renditions.count()


def test_structured_data_names_the_lead_images_social_rendition(client, story_with_pictures, settings):
    import json

    article, lead, _inline = story_with_pictures
    html = client.get(article.get_absolute_url()).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    social = lead.renditions.get(crop="social", format="jpeg")
    assert data["image"] == [settings.SITE_URL + social.file.url]
