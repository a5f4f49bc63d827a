"""The editor's server side (embeds/): the safe fetch, oEmbed resolution and its cache, the body's
own elements through the sanitizer, the reader's body (notes gone, pictures and embeds drawn), and
the editor's endpoints. No test reaches the internet: ``embeds.fetch.http_get`` is faked."""

import json
import re
import socket

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage

from articles.html import sanitize_html
from embeds import fetch, services
from embeds.body import body_public
from embeds.models import EditorNote, Embed
from images.models import Image
from tests.accounts_support import staff_login
from tests.factories import ImageFactory, PublishedArticleFactory, UserFactory
from tests.pictures import jpeg_with_gps, picture_bytes, upload

VIDEO = "https://www.youtube.com/watch?v=M7lc1UVf-VE"
API = "/admin/embeds/embed/editor/"


class FakeWeb:
    """Answers the server's fetches from a table; records what was asked."""

    def __init__(self, answers):
        self.answers = answers
        self.asked = []

    def __call__(self, url, *, accept="*/*"):
        self.asked.append(url)
        for prefix, (status, content_type, body) in self.answers.items():
            if url.startswith(prefix):
                return fetch.Response(url=url, status=status, content_type=content_type, body=body)
        raise fetch.FetchError(fetch.UNREACHABLE)


def youtube_answers(thumbnail=None):
    oembed = {
        "type": "video",
        "title": "Rebuilding the water station in Aleppo",
        "author_name": "Newsroom TV",
        "provider_name": "YouTube",
        "thumbnail_url": "https://i.ytimg.com/vi/M7lc1UVf-VE/hqdefault.jpg",
        "html": "<iframe src='https://www.youtube.com/embed/M7lc1UVf-VE'></iframe><script>alert(1)</script>",
    }
    return {
        "https://www.youtube.com/oembed": (200, "application/json", json.dumps(oembed).encode()),
        "https://i.ytimg.com/": (200, "image/jpeg", thumbnail or jpeg_with_gps((1280, 720))),
    }


@pytest.fixture
def web(monkeypatch):
    fake = FakeWeb(youtube_answers())
    monkeypatch.setattr(fetch, "http_get", fake)
    return fake


# ---- The fetch refuses what could reach inside --------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/watch?v=M7lc1UVf-VE",
        "ftp://example.org/file",
        "file:///etc/passwd",
        "https://127.0.0.1/admin/",
        "https://10.0.0.5/",
        "https://[::1]/",
        "https://169.254.169.254/latest/meta-data/",
        "https://example.org:8443/",
        "https://user:secret@example.org/",
        "javascript:alert(1)",
        "",
    ],
)
def test_the_fetch_refuses_anything_but_https_to_a_public_address(url):
    with pytest.raises(fetch.FetchError):
        fetch.check_url(url)


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "100.64.0.1", "::1", "fd00::1", "::ffff:127.0.0.1"])
def test_a_host_name_that_resolves_to_an_inside_address_is_refused(monkeypatch, address):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET

    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443)), (family, socket.SOCK_STREAM, 6, "", (address, 443))]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    connections = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connections.append(a))
    with pytest.raises(fetch.FetchError) as refused:
        fetch.http_get("https://rebinding.example.org/oembed")
    assert refused.value.message == fetch.NOT_PUBLIC
    assert connections == []  # not even a connection was opened


def test_a_public_host_is_connected_to_at_the_address_that_was_checked(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443))])
    connected = []

    def create_connection(address, timeout):
        connected.append((address, timeout))
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "create_connection", create_connection)
    with pytest.raises(fetch.FetchError) as failed:
        fetch.http_get("https://www.example.org/page")
    assert failed.value.message == fetch.UNREACHABLE
    assert connected == [(("93.184.216.34", 443), fetch.TIMEOUT_SECONDS)]


# ---- oEmbed: the provider table, discovery, the cache ----------------------------------------


def test_a_youtube_address_is_resolved_once_and_then_answered_from_the_cache(db, web, media_root):
    embed = services.embed_resolve(url=VIDEO)
    assert (embed.provider, embed.kind, embed.title, embed.author_name) == (
        "YouTube", "video", "Rebuilding the water station in Aleppo", "Newsroom TV"
    )
    assert embed.player_url == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE?autoplay=1"
    assert len(web.asked) == 2 and web.asked[0].startswith("https://www.youtube.com/oembed?format=json&url=https%3A%2F%2F")
    # The thumbnail is ours: a JPEG on our storage, at most 640 wide, with no metadata left.
    assert embed.thumbnail.name.startswith("embeds/")
    with embed.thumbnail.open("rb") as stored, PILImage.open(stored) as picture:
        assert picture.format == "JPEG" and picture.width == 640 and not picture.getexif()
    assert (embed.thumbnail_width, embed.thumbnail_height) == (640, 360)

    again = services.embed_resolve(url=VIDEO)
    assert again.pk == embed.pk and len(web.asked) == 2  # no second fetch
    assert Embed.objects.count() == 1


def test_a_thumbnail_that_is_not_a_picture_is_left_out(db, monkeypatch, media_root):
    fake = FakeWeb(youtube_answers(thumbnail=b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"))
    monkeypatch.setattr(fetch, "http_get", fake)
    embed = services.embed_resolve(url=VIDEO)
    assert embed.title and not embed.thumbnail


def test_an_instagram_post_without_a_token_becomes_a_card_with_no_fetch(db, web, settings):
    settings.OEMBED_META_TOKEN = ""
    embed = services.embed_resolve(url="https://www.instagram.com/p/C1a2b3c4d5/")
    assert (embed.provider, embed.title, embed.player_url) == ("Instagram", "", "")
    assert web.asked == []


def test_an_unknown_site_is_embedded_through_oembed_discovery(db, monkeypatch):
    page = b'<html><head><link rel="alternate" type="application/json+oembed" href="https://media.example.org/oembed?u=1"></head></html>'
    fake = FakeWeb({
        "https://media.example.org/story": (200, "text/html; charset=utf-8", page),
        "https://media.example.org/oembed": (200, "application/json", b'{"type": "rich", "title": "A long read", "provider_name": "Example Media"}'),
    })
    monkeypatch.setattr(fetch, "http_get", fake)
    embed = services.embed_resolve(url="https://media.example.org/story")
    assert (embed.provider, embed.title, embed.player_url) == ("Example Media", "A long read", "")
    assert fake.asked == ["https://media.example.org/story", "https://media.example.org/oembed?u=1"]


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>No oEmbed here</title></head></html>",
        b'<html><head><link rel="alternate" type="application/json+oembed" href="http://media.example.org/oembed"></head></html>',
    ],
)
def test_a_site_with_nothing_to_embed_is_refused_with_a_clear_message_and_nothing_stored(db, monkeypatch, page):
    fake = FakeWeb({"https://media.example.org/story": (200, "text/html", page)})
    monkeypatch.setattr(fetch, "http_get", fake)
    with pytest.raises(ValidationError) as refused:
        services.embed_resolve(url="https://media.example.org/story")
    assert refused.value.messages == [str(services.NOT_EMBEDDABLE)]
    assert fake.asked == ["https://media.example.org/story"]  # the http:// endpoint was never asked
    assert not Embed.objects.exists()


def test_an_address_inside_the_network_is_refused_before_any_fetch(db, web):
    with pytest.raises(ValidationError) as refused:
        services.embed_resolve(url="https://192.168.1.1/router")
    assert refused.value.messages == [str(fetch.NOT_PUBLIC)]
    assert web.asked == [] and not Embed.objects.exists()


# ---- The body's own elements -----------------------------------------------------------------


def test_the_sanitizer_keeps_the_editors_elements_in_their_one_form_only():
    kept = (
        '<figure data-image="12"></figure><figure data-embed="https://youtu.be/M7lc1UVf-VE"></figure>'
        '<aside class="pull-quote"><p>Words</p></aside><p><span data-note="0123456789abcdef">passage</span></p>'
    )
    assert sanitize_html(kept) == kept
    hostile = (
        '<figure data-image="12 onerror=alert(1)"></figure><figure data-embed="javascript:alert(1)"></figure>'
        '<figure data-embed="http://example.org/"></figure><aside class="pull-quote evil" style="x">q</aside>'
        '<p><span data-note="x&quot; onclick=&quot;alert(1)">p</span></p><img src="https://tracker.example/x.gif">'
    )
    cleaned = sanitize_html(hostile)
    for gone in ("onerror", "javascript", "http://", "evil", "style", "onclick", "<img", "data-image", "data-embed", "data-note"):
        assert gone not in cleaned


def test_the_readers_body_has_no_note_and_draws_pictures_and_embeds(db, web, media_root, django_assert_max_num_queries):
    image = ImageFactory(picture=picture_bytes("JPEG", (1200, 800)), alt_text="The market in Idlib", credit="Rojda Amed")
    services.embed_resolve(url=VIDEO)
    body = sanitize_html(
        f'<p>The <span data-note="0123456789abcdef">market</span> opened.</p><figure data-image="{image.pk}"></figure>'
        f'<figure data-embed="{VIDEO}"></figure><figure data-embed="https://vimeo.com/76979871"></figure>'
        '<figure data-image="99999"></figure>'
    )
    with django_assert_max_num_queries(3):  # the embeds, the pictures, their renditions
        html = body_public(body)
    assert '<p id="p-1">The market opened.</p>' in html and "data-note" not in html
    assert 'alt="The market in Idlib"' in html and "Rojda Amed" in html
    assert "Rebuilding the water station in Aleppo" in html and 'class="embed-play"' in html
    assert 'href="https://www.youtube.com/watch?v=M7lc1UVf-VE" target="_blank" rel="noopener noreferrer"' in html
    assert "youtube.com/embed" not in html and "<iframe" not in html
    # The one script: our own, that makes "Play here" work (and loads nothing until the click).
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/embeds/embeds.js" defer>']
    # Never resolved: a plain link, nothing else. A picture that no longer exists: nothing.
    assert '<p class="embed-link"><a href="https://vimeo.com/76979871"' in html
    assert "99999" not in html and "<figure></figure>" not in html


def test_an_editors_note_is_never_in_the_public_page_or_its_search(db, client):
    note = EditorNote.objects.create(text="Check the casualty figure with the hospital")
    article = PublishedArticleFactory(
        headline="Hospital reopens", body=f'<p>The <span data-note="{note.key}">hospital</span> reopened.</p>'
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "hospital</span>" not in page and "The hospital reopened." in page
    assert note.key not in page and "casualty" not in page
    assert "Hospital reopens" not in client.get("/en/search/?q=casualty").content.decode()


# ---- The editor's endpoints ------------------------------------------------------------------


def test_a_reporter_searches_the_library_by_credit(client, reporter, media_root):
    ImageFactory(caption="Water returns to Aleppo", credit="Samer Taha")
    wanted = ImageFactory(caption="Market in Idlib", credit="Rojda Amed")
    staff_login(client, reporter)
    results = client.get(f"{API}images/", {"q": "rojda"}).json()["results"]
    assert [r["id"] for r in results] == [wanted.pk]
    assert results[0]["alt"] == wanted.alt_text and results[0]["thumbnail"].startswith("/media/")


def test_an_upload_without_alt_text_is_refused_and_nothing_is_stored(client, reporter, media_root):
    staff_login(client, reporter)
    answer = client.post(f"{API}images/upload/", {"file": upload("photo.jpg", picture_bytes()), "alt_text": "  "})
    assert answer.status_code == 400
    assert "alt text" in answer.json()["errors"]["alt_text"][0]
    assert not Image.objects.exists()
    assert not list(media_root.rglob("*.jpg")) if media_root.exists() else True


def test_an_upload_with_alt_text_caption_and_credit_is_stored_clean_and_returned(client, reporter, media_root):
    staff_login(client, reporter)
    answer = client.post(
        f"{API}images/upload/",
        {"file": upload("IMG_0001.jpg", jpeg_with_gps()), "alt_text": "Bakers at dawn", "caption": "The first bread.", "credit": "Samer Taha"},
    )
    assert answer.status_code == 201
    image = Image.objects.get(pk=answer.json()["id"])
    assert (image.alt_text, image.caption, image.credit, image.uploaded_by) == ("Bakers at dawn", "The first bread.", "Samer Taha", reporter)
    with image.file.open("rb") as stored, PILImage.open(stored) as picture:
        assert not picture.getexif()


def test_a_refused_address_answers_with_the_reason(client, reporter, web):
    staff_login(client, reporter)
    answer = client.post(f"{API}embed/", {"url": "http://www.youtube.com/watch?v=M7lc1UVf-VE"})
    assert answer.status_code == 400 and answer.json()["errors"] == [str(fetch.ONLY_HTTPS)]
    answer = client.post(f"{API}embed/", {"url": VIDEO})
    assert answer.status_code == 200 and answer.json()["title"] == "Rebuilding the water station in Aleppo"


def test_notes_are_written_and_read_by_staff_only(client, reporter):
    anonymous = client.post(f"{API}notes/", {"text": "Check this."})
    assert anonymous.status_code == 302 and not EditorNote.objects.exists()
    reader = UserFactory(username="reader", is_staff=False)
    client.force_login(reader)
    assert client.get(f"{API}notes/").status_code == 302
    staff_login(client, reporter)
    assert client.post(f"{API}notes/", {"text": "   "}).status_code == 400
    key = client.post(f"{API}notes/", {"text": "Check the figure."}).json()["key"]
    client.post(f"{API}notes/", {"text": "Checked: 40, not 14.", "key": key})
    notes = client.get(f"{API}notes/", {"keys": f"{key},ffffffffffffffff"}).json()
    assert notes == {key: {"text": "Checked: 40, not 14.", "author": "Samer Taha"}}


def test_the_editors_words_come_in_the_staff_members_language(client, reporter):
    staff_login(client, reporter)
    english = client.get(f"{API}strings/").json()
    assert english["picture"] == "Picture from the library"
    arabic = client.get(f"{API}strings/", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert set(arabic) == set(english)


def test_the_library_search_costs_the_same_queries_for_3_and_20_pictures(client, reporter, media_root):
    staff_login(client, reporter)
    for _ in range(3):
        ImageFactory(picture=picture_bytes("JPEG", (64, 48)))
    client.get(f"{API}images/")  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(f"{API}images/").json()["results"]) == 3
    for _ in range(17):
        ImageFactory(picture=picture_bytes("JPEG", (64, 48)))
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(f"{API}images/").json()["results"]) == 20
    assert len(many) == len(few)
