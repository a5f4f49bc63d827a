"""The body editor's own buttons, used as an editor would: a picture from the library and a YouTube
video inserted through the editor appear on the public page; the video loads nothing from YouTube
until the reader clicks; the page stays clean for axe and the Nu HTML checker. No test reaches the
internet: the server's fetch (embeds.fetch.http_get) is faked, and the browser's requests to other
hosts are answered by the test (and counted)."""

import json
import subprocess
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from articles.models import Article
from desk.workflow import article_transition
from embeds import fetch
from newsroom.urls import urlpatterns as site_urlpatterns
from tests.browser.conftest import admin_login
from tests.browser.test_page_types import nu_checker
from tests.browser.test_reader import axe_script
from tests.factories import ImageFactory
from tests.pictures import picture_bytes
from tests.workflow_support import article_in, fast_passwords, people  # noqa: F401

VIDEO = "https://www.youtube.com/watch?v=M7lc1UVf-VE"


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", serve_media)]


@pytest.fixture
def site_with_media(settings, media_root):
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def fake_youtube(monkeypatch):
    """YouTube's oEmbed answer and thumbnail, as the server would fetch them."""
    asked = []

    def http_get(url, *, accept="*/*"):
        asked.append(url)
        if url.startswith("https://www.youtube.com/oembed"):
            body = json.dumps({
                "type": "video", "title": "Rebuilding the water station in Aleppo", "author_name": "Newsroom TV",
                "provider_name": "YouTube", "thumbnail_url": "https://i.ytimg.com/vi/M7lc1UVf-VE/hqdefault.jpg",
            }).encode()
            return fetch.Response(url=url, status=200, content_type="application/json", body=body)
        if url.startswith("https://i.ytimg.com/"):
            return fetch.Response(url=url, status=200, content_type="image/jpeg", body=picture_bytes("JPEG", (480, 360)))
        raise AssertionError(f"unexpected fetch {url}")

    monkeypatch.setattr(fetch, "http_get", http_get)
    return asked


def settle(page):
    """Let the editor finish what it does on the next animation frames (Tiptap focuses the text one
    frame after a toolbar button's command): keys pressed before then would be lost."""
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_timeout(50)


def other_hosts(page, live_server):
    """Every request the page makes to a host other than the site's, answered here, never sent."""
    own = urlsplit(live_server.url).netloc
    seen = []

    def answer(route):
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>player</title><p>player</p>")

    page.context.route(lambda url: urlsplit(url).netloc != own, answer)
    return seen


def test_a_picture_and_a_youtube_video_inserted_in_the_editor_appear_on_the_public_page(
    chromium, live_server, site_with_media, people, fake_youtube, artifacts
):
    picture = ImageFactory(
        picture=picture_bytes("JPEG", (1200, 800)),
        alt_text="The market in Idlib at dawn",
        caption="Traders set up their stalls in Idlib.",
        credit="Rojda Amed",
    )
    ImageFactory(caption="Water returns to Aleppo", credit="Samer Taha")
    article = article_in(
        Article.Status.DRAFT, headline="Idlib's market reopens", body="<p>The market reopened on Monday.</p>"
    )
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    admin_login(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("Control+End")

    # A picture from the library, found by its credit.
    page.click("button[title='Picture from the library']")
    dialog = page.locator("dialog.newsroom-editor-dialog")
    dialog.locator("input[type=search]").fill("rojda")
    expect(dialog.locator("button.newsroom-picker-choice")).to_have_count(1)
    dialog.locator(f"button.newsroom-picker-choice[data-image='{picture.pk}']").click()
    assert body.locator(f"figure[data-image='{picture.pk}'] img").count() == 1

    # A YouTube video by its address, resolved by the server.
    page.click("button[title='Embed a video or post']")
    dialog = page.locator("dialog.newsroom-editor-dialog")
    dialog.locator("input[type=url]").fill(VIDEO)
    dialog.locator("button[type=submit]").click()
    body.locator("figure.newsroom-node-embed").wait_for()
    assert "Rebuilding the water station in Aleppo" in body.locator("figure.newsroom-node-embed").inner_text()
    count = page.locator(".newsroom-word-count").inner_text()
    assert count.startswith("5 words")  # "The market reopened on Monday."
    page.screenshot(path=str(artifacts / "editor-picture-and-embed.png"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    context.close()

    article.refresh_from_db()
    assert f'<figure data-image="{picture.pk}"></figure>' in article.body
    assert f'<figure data-embed="{VIDEO}"></figure>' in article.body
    article_transition(article=article, action="publish", user=people["editor"])
    assert fake_youtube == [
        f"https://www.youtube.com/oembed?format=json&url={VIDEO.replace(':', '%3A').replace('/', '%2F').replace('?', '%3F').replace('=', '%3D')}",
        "https://i.ytimg.com/vi/M7lc1UVf-VE/hqdefault.jpg",
    ]

    # The reader: the picture and the video's placeholder; nothing from another host until the click.
    reader = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = reader.new_page()
    seen = other_hosts(page, live_server)
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    figure = page.locator(".story .body figure.picture-figure")
    assert figure.locator("img").get_attribute("alt") == "The market in Idlib at dawn"
    assert "Rojda Amed" in figure.inner_text()
    embed = page.locator(".story .body figure.embed")
    assert "Rebuilding the water station in Aleppo" in embed.inner_text()
    assert embed.locator("img.embed-thumbnail").get_attribute("src").startswith("/media/embeds/")
    page.screenshot(path=str(artifacts / "editor-public-page.png"), full_page=True)
    assert seen == []  # not one request to YouTube (or anyone else) before the click
    embed.locator("button.embed-play").click()
    frame = embed.locator("iframe.embed-frame")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/M7lc1UVf-VE")
    page.wait_for_timeout(300)
    assert seen and all(urlsplit(url).netloc == "www.youtube-nocookie.com" for url in seen)
    reader.close()


@pytest.fixture
def published_with_embed(db, site_with_media, people, fake_youtube):
    from embeds.services import embed_resolve

    picture = ImageFactory(picture=picture_bytes("JPEG", (1200, 800)), alt_text="The market in Idlib at dawn")
    embed_resolve(url=VIDEO, user=people["editor"])
    stories = {}
    for language, headline in (("en", "Idlib's market reopens"), ("ar", "سوق إدلب يفتح أبوابه من جديد")):
        body = (
            f'<p>{headline}.</p><figure data-image="{picture.pk}"></figure>'
            f'<aside class="pull-quote"><p>{headline}</p></aside><figure data-embed="{VIDEO}"></figure>'
            '<p>A <span data-note="0123456789abcdef">passage</span> with a note.</p>'
        )
        story = article_in(Article.Status.DRAFT, headline=headline, language=language, body=body)
        article_transition(article=story, action="publish", user=people["editor"])
        stories[language] = story
    return stories


def test_axe_and_the_nu_checker_find_nothing_on_a_story_with_a_picture_an_embed_and_a_pull_quote(
    page_without_csp, live_server, published_with_embed, tmp_path, artifacts
):
    command = nu_checker()
    script = axe_script()
    files = []
    for language, story in published_with_embed.items():
        page_without_csp.goto(live_server.url + story.get_absolute_url())
        html = page_without_csp.content()
        page_without_csp.screenshot(path=str(artifacts / f"editor-story-{language}.png"), full_page=True)
        assert 'data-note' not in html and "figure.embed" not in html
        page_without_csp.add_script_tag(path=str(script))
        result = page_without_csp.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["nodes"][0]["target"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (language, serious)
        path = tmp_path / f"story-{language}.html"
        import urllib.request

        with urllib.request.urlopen(live_server.url + story.get_absolute_url(), timeout=30) as response:  # nosec B310
            path.write_bytes(response.read())
        files.append(str(path))
    result = subprocess.run([*command, "--format", "json", "--stdout", *files], capture_output=True, text=True, timeout=300)
    errors = [m["message"] for m in json.loads(result.stdout)["messages"] if m["type"] in ("error", "non-document-error")]
    assert errors == []


def test_the_count_follows_the_typing_and_a_note_and_a_pull_quote_are_kept_but_the_note_never_published(
    chromium, live_server, site_with_media, people, artifacts
):
    from embeds.models import EditorNote

    article = article_in(Article.Status.DRAFT, headline="Bakery reopens", body="<p>Bread again.</p>")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    admin_login(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    body = page.locator(".ProseMirror[contenteditable=true]")
    count = page.locator(".newsroom-word-count")
    expect(count).to_have_text("2 words · 12 characters")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" The ovens were lit at dawn.")
    expect(count).to_have_text("8 words · 40 characters")

    # A pull quote: a new paragraph, wrapped.
    page.keyboard.press("Enter")
    page.keyboard.type("We waited two years for bread.")
    page.click("button[title='Pull quote']")
    assert body.locator("aside.pull-quote p").inner_text() == "We waited two years for bread."
    settle(page)  # the toolbar gives the focus back to the text a frame later (Tiptap's focus())

    # A note on "lit at dawn": select it, write the note.
    body.locator("p").first.click()
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")  # before the full stop
    for _ in range(len("lit at dawn")):
        page.keyboard.press("Shift+ArrowLeft")
    page.click("button[title=\"Editor's note on the selected passage\"]")
    dialog = page.locator("dialog.newsroom-editor-dialog")
    dialog.locator("textarea[name=text]").fill("Check the time with the baker.")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_have_count(0)
    expect(page.locator(".newsroom-notes li")).to_contain_text("Check the time with the baker.")
    expect(page.locator(".newsroom-notes li")).to_contain_text("Hassan Darwish")
    assert body.locator("span[data-note]").inner_text() == "lit at dawn"
    page.screenshot(path=str(artifacts / "editor-note-and-pull-quote.png"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    context.close()

    note = EditorNote.objects.get()
    article.refresh_from_db()
    assert note.text == "Check the time with the baker." and note.author == people["editor"]
    assert f'<span data-note="{note.key}">lit at dawn</span>' in article.body
    assert "Check the time" not in article.body  # the note's words are never in the body
    assert '<aside class="pull-quote"><p>We waited two years for bread.</p></aside>' in article.body

    article_transition(article=article, action="publish", user=people["editor"])
    reader = chromium.new_context()
    page = reader.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    html = page.content()
    assert "lit at dawn" in page.locator(".story .body").inner_text()
    assert "data-note" not in html and note.key not in html and "Check the time" not in html
    assert page.locator(".story .body aside.pull-quote").inner_text() == "We waited two years for bread."
    reader.close()


def test_the_editors_buttons_and_dialogs_speak_arabic_right_to_left(chromium, live_server, site_with_media, people, artifacts):
    from accounts.preferences import admin_language_set

    admin_language_set(user=people["editor"], language="ar")
    ImageFactory(caption="سوق إدلب", credit="روجدا آمد")
    article = article_in(Article.Status.DRAFT, headline="سوق إدلب", language="ar", body="<p>افتتح السوق يوم الاثنين.</p>")
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    admin_login(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".newsroom-word-count")).to_have_text("الكلمات: 4 · الأحرف: 24")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.click("button[title='صورة من المكتبة']")
    dialog = page.locator("dialog.newsroom-editor-dialog")
    expect(dialog.locator("h2")).to_have_text("صورة من المكتبة")
    expect(dialog.locator("button.newsroom-picker-choice")).to_have_count(1)
    assert dialog.evaluate("d => getComputedStyle(d).direction") == "rtl"
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280
    page.screenshot(path=str(artifacts / "editor-picture-dialog-ar.png"))
    context.close()
