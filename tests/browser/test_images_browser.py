"""A reader sees the lead image on a phone and on a desktop, in English and in Arabic."""

import pytest
from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns
from tests.browser.conftest import admin_login
from tests.factories import ImageFactory, PublishedArticleFactory
from tests.pictures import picture_bytes


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# The site's URLs plus uploaded files, which the live server does not serve without DEBUG.
urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", serve_media)]


@pytest.fixture
def site_with_media(settings, media_root):
    settings.ROOT_URLCONF = __name__


@pytest.mark.parametrize(("width", "language"), [(390, "en"), (1280, "en"), (390, "ar")])
def test_the_lead_image_is_shown_on_phone_and_desktop(
    page, live_server, artifacts, site_with_media, width, language
):
    image = ImageFactory(
        picture=picture_bytes("JPEG", (1600, 1000)),
        alt_text="Rescue workers at a collapsed building",
        caption="Rescue workers search the rubble in Jindires." if language == "en" else "عمال الإنقاذ يبحثون بين الأنقاض في جنديرس.",
        credit="Samer Taha",
        source="North Press",
    )
    article = PublishedArticleFactory(
        language=language,
        headline="Water returns to Aleppo" if language == "en" else "عودة المياه إلى حلب",
        lead_image=image,
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + article.get_absolute_url())
    lead = page.locator("figure.lead-image img")
    lead.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=lead.element_handle())

    assert lead.is_visible()
    box = lead.bounding_box()
    assert box["y"] < 900  # above the fold
    column = page.locator(".story .body").bounding_box()
    assert abs(box["width"] - column["width"]) < 1  # as wide as the text column
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert abs(box["height"] - box["width"] * 1000 / 1600) < 2  # width/height keep the proportions
    chosen = lead.evaluate("img => img.currentSrc")
    assert chosen.endswith(".webp")
    expected_width = 640 if width == 390 else 1024  # sizes: calc(100vw - 2rem) or 44rem, at 1x
    assert f"original-{expected_width}.webp" in chosen
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing overflows
    assert page.locator("figure.lead-image figcaption").inner_text().endswith("Samer Taha / North Press")
    page.screenshot(path=str(artifacts / f"images-lead-{language}-{width}.png"), full_page=False)


def test_a_reporter_picks_a_lead_image_from_the_library_by_its_credit(
    page, live_server, artifacts, site_with_media, reporter
):
    ImageFactory(caption="Water returns to Aleppo", credit="Samer Taha")
    wanted = ImageFactory(caption="Market in Idlib", credit="Rojda Amed", picture=picture_bytes("PNG", (900, 600)))
    admin_login(page, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    with page.expect_popup() as popup_info:
        page.click("#lookup_id_lead_image")
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.locator("img.image-thumb").count() == 2  # the library, as thumbnails
    popup.fill("#searchbar", "rojda")
    popup.press("#searchbar", "Enter")
    popup.wait_for_load_state()
    thumbnails = popup.locator("img.image-thumb")
    assert thumbnails.count() == 1
    popup.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnails.first.element_handle())
    popup.set_viewport_size({"width": 900, "height": 500})
    popup.screenshot(path=str(artifacts / "images-admin-lookup.png"))
    with popup.expect_event("close"):
        thumbnails.first.click()

    assert page.input_value("#id_lead_image") == str(wanted.pk)
    preview = page.locator("#id_lead_image_preview")
    page.wait_for_function("img => !img.hidden && img.complete && img.naturalWidth > 0", arg=preview.element_handle())
    view_link = page.locator("#view_id_lead_image")
    assert view_link.get_attribute("href").startswith(f"/admin/images/image/{wanted.pk}/change/")
    preview.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "images-admin-chooser.png"))


def test_an_editor_sets_the_focal_point_by_clicking_the_picture(
    page, live_server, artifacts, site_with_media, editor
):
    image = ImageFactory(picture=picture_bytes("JPEG", (1200, 800)))
    admin_login(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/images/image/{image.pk}/change/")
    picture = page.locator(".image-focal-preview img")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.3})
    assert (page.input_value("#id_focal_x"), page.input_value("#id_focal_y")) == ("20", "30")
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (20, 30)
    assert image.renditions.get(crop="square", format="webp", width=320).file.name.endswith("square-20x30-320.webp")
    page.screenshot(path=str(artifacts / "images-admin-focal-point.png"), full_page=True)
