"""The image library in the admin: uploading, refusals, search, thumbnails, choosing, roles."""

import pytest
from django.urls import reverse

from articles.models import Article
from images import safety
from images.admin import thumbnail_url
from images.models import Image
from tests.factories import ImageFactory, PersonFactory
from tests.jobs_support import after_the_worker
from tests.pictures import jpeg_with_gps, picture_bytes, upload
from tests.test_admin import add_form_data
from tests.accounts_support import staff_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ADD = reverse("admin:images_image_add")
CHANGELIST = reverse("admin:images_image_changelist")


def stored_files(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def post_upload(client, data: bytes, name="photo.jpg", **fields):
    form = {"alt_text": "Rescue workers in Jindires", "caption": "", "credit": "", "source": "", **fields}
    return client.post(ADD, {**form, "upload": upload(name, data)})


def test_a_reporter_uploads_a_phone_photo_and_it_is_stored_clean(client, reporter, media_root):
    staff_login(client, reporter)
    form = client.get(ADD).content.decode()
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in form
    assert "Location, camera and all other hidden data are removed" in form

    with after_the_worker():  # the renditions are made by a background task
        response = post_upload(client, jpeg_with_gps(), credit="Samer Taha", caption="Dawn in Jindires.")
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.credit, image.caption, image.uploaded_by) == ("Samer Taha", "Dawn in Jindires.", reporter)
    assert image.renditions.count() > 10
    assert "photo" not in image.file.name  # the uploaded file name is not kept
    assert b"GPS" not in image.file.read()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"not a picture at all", "photo.jpg", safety.NOT_AN_IMAGE),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg", safety.SVG_REFUSED),
    ],
    ids=["text-named-jpg", "svg"],
)
def test_a_refused_upload_shows_a_clear_message_and_stores_nothing(client, editor, media_root, data, name, message):
    staff_login(client, editor)
    response = post_upload(client, data, name)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["upload"] == [message]
    assert "errornote" in response.content.decode()
    assert Image.objects.count() == 0 and stored_files(media_root) == []


def test_a_picture_without_alt_text_is_refused_and_nothing_is_stored(client, editor, media_root):
    staff_login(client, editor)
    response = post_upload(client, jpeg_with_gps(), alt_text="")
    assert response.context["adminform"].form.errors["alt_text"] == ["This field is required."]
    assert Image.objects.count() == 0 and stored_files(media_root) == []


def test_the_library_is_searchable_by_caption_and_credit_with_thumbnails(client, editor):
    aleppo = ImageFactory(caption="Water returns to Aleppo", credit="Samer Taha")
    idlib = ImageFactory(caption="Market in Idlib", credit="Rojda Amed")
    staff_login(client, editor)
    for term, expected in [("aleppo", [aleppo]), ("rojda", [idlib]), ("taha", [aleppo])]:
        response = client.get(CHANGELIST, {"q": term})
        assert list(response.context["cl"].result_list) == expected
    html = client.get(CHANGELIST).content.decode()
    assert f'<img class="image-thumb" src="{thumbnail_url(aleppo)}" width="64" height="64" alt="">' in html
    assert f"<code>[image:{idlib.pk}]</code>" in html  # the token to place it in a body


def test_the_change_page_previews_the_focal_point_and_moving_it_remakes_the_crops(client, editor):
    image = ImageFactory()
    staff_login(client, editor)
    url = reverse("admin:images_image_change", args=[image.pk])
    html = client.get(url).content.decode()
    assert 'class="image-focal-preview"' in html and 'class="image-crops"' in html
    assert 'name="upload"' not in html  # a stored picture is never replaced
    before = image.renditions.get(crop="wide", format="webp", width=320).file.name
    with after_the_worker():
        response = client.post(url, {"alt_text": image.alt_text, "caption": "", "credit": "", "source": "", "focal_x": "20", "focal_y": "30"})
    assert response.status_code == 302
    assert image.renditions.get(crop="wide", format="webp", width=320).file.name != before


def test_an_image_in_use_cannot_be_deleted_and_an_unused_one_takes_its_files(client, editor, media_root, django_capture_on_commit_callbacks):
    used = ImageFactory()
    PersonFactory(photo=used)
    unused = ImageFactory()
    staff_login(client, editor)
    response = client.post(reverse("admin:images_image_delete", args=[used.pk]), {"post": "yes"})
    assert "Cannot delete" in response.content.decode() and Image.objects.filter(pk=used.pk).exists()
    files = {unused.file.name, *unused.renditions.values_list("file", flat=True)}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:images_image_delete", args=[unused.pk]), {"post": "yes"})
    assert not Image.objects.filter(pk=unused.pk).exists()
    assert not any((media_root / name).exists() for name in files)
    assert (media_root / used.file.name).exists()


def test_the_article_form_chooses_a_lead_image_with_a_thumbnail(client, reporter):
    image = ImageFactory(caption="Water returns to Aleppo")
    staff_login(client, reporter)
    data = add_form_data(
        client, {"bylines": [{"position": "0", "name": "Desk"}]},
        headline="Water returns", kind="news", language="en", lead_image=str(image.pk),
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get()
    assert article.lead_image == image

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'class="vForeignKeyRawIdAdminField image-chooser"' in html
    assert f'src="{thumbnail_url(image)}"' in html  # the chosen picture, as a thumbnail
    assert f'href="{CHANGELIST}?_to_field=id"' in html  # the lookup: the library, with thumbnails and search
    assert "images/admin/images.js" in html


def test_the_thumbnail_address_follows_a_pick_and_needs_view_rights(client, reporter, django_user_model):
    image = ImageFactory()
    url = reverse("admin:images_image_thumbnail", args=[image.pk])
    staff_login(client, reporter)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == thumbnail_url(image)
    staff_login(client, django_user_model.objects.create_user("outsider", is_staff=True))
    assert client.get(url).status_code == 403


def test_a_person_photo_is_chosen_from_the_library(client, editor):
    image = ImageFactory(alt_text="Raed Al-Saleh")
    person = PersonFactory(photo=image)
    staff_login(client, editor)
    html = client.get(reverse("admin:people_person_change", args=[person.pk])).content.decode()
    assert 'name="photo"' in html and 'class="vForeignKeyRawIdAdminField image-chooser"' in html
    assert f'src="{thumbnail_url(image)}"' in html


def test_roles_on_the_image_library(reporter, translator, editor):
    for user in [reporter, translator]:
        assert user.has_perms(["images.add_image", "images.view_image"])
        assert not user.has_perm("images.change_image") and not user.has_perm("images.delete_image")
    assert editor.has_perms(["images.add_image", "images.change_image", "images.delete_image", "images.view_image"])


def test_a_png_named_jpg_is_accepted_in_the_admin(client, translator):
    staff_login(client, translator)
    assert post_upload(client, picture_bytes("PNG", (640, 400)), "scan.jpg").status_code == 302
    assert Image.objects.get().file.name.endswith("/original.png")
