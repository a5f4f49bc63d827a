"""The XSS corpus in Chromium: every public page, feed and sitemap of the hostile newsroom is opened,
and nothing may open a dialog, write to the console, throw, or fetch anything from another host.
The admin pages that show the same content, and the body editor under the admin's policy, too."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns
from tests.browser.conftest import admin_login
from tests.xss_support import hostile_newsroom, load_payloads, public_urls


def serve_media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# The site's URLs plus uploaded files (the live server serves no media without DEBUG), so pictures
# load and a missing file cannot hide among the console messages.
# Chromium asks every site for /favicon.ico; the newsroom has none, and a 404 would be console noise.
urlpatterns = [
    *site_urlpatterns,
    re_path(r"^media/(?P<path>.*)$", serve_media),
    path("favicon.ico", lambda request: HttpResponse(status=204)),
]


class Watch:
    """Everything a page does that a payload could have caused."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.url = ""
        self.expected_status = 200
        self.events: list[str] = []
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.events.append(f"{self.url}: page error {error}"))
        page.on("request", self._request)

    def _dialog(self, dialog):
        self.events.append(f"{self.url}: {dialog.type} dialog {dialog.message!r}")
        dialog.dismiss()

    def _console(self, message):
        if self.url.endswith(".xml") and message.text.startswith("Applying inline style violates"):
            return  # Chromium's own XML viewer styles the sitemap it shows (the page has no style)
        expected = f"Failed to load resource: the server responded with a status of {self.expected_status}"
        if self.expected_status != 200 and message.text.startswith(expected):
            return  # the page itself is the 404/410 we asked for
        self.events.append(f"{self.url}: console {message.type} {message.text!r}")

    def _request(self, request):
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.events.append(f"{self.url}: request to {request.url}")


def in_browser(url: str, errors: dict) -> bool:
    """Pages opened in Chromium: all but the 404s (their page shows nothing of the address) and the
    plain searches (the filtered search of the same payload echoes it in more places). Those are
    still inspected as HTML in tests/test_xss_corpus.py."""
    if errors.get(url) == 404:
        return False
    return "/search/" not in url or "&tag=" in url


@pytest.fixture
def site_urls(settings, media_root):
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def hostile_site(transactional_db, site_urls):
    return hostile_newsroom()


RAW = '<img src=x onerror=alert(1)><img src="http://xss.invalid/p.png"><script>console.log("ran")</script>'


def test_the_watch_notices_a_payload_that_runs(page, live_server):
    """The listeners work: printed raw on a page without a policy, payloads open dialogs and fetch."""
    watch = Watch(page, live_server.url)
    page.goto("about:blank")
    page.set_content(RAW)
    page.wait_for_timeout(300)
    assert any("alert dialog" in e for e in watch.events)
    assert any("xss.invalid" in e for e in watch.events)
    assert any("console log 'ran'" in e for e in watch.events)


def test_the_public_policy_blocks_a_payload_that_slipped_through(page, live_server, db, site_urls):
    """Defence in depth: were a template ever to print a payload raw, the public page's policy
    would still refuse to run it or load from elsewhere, and say so."""
    watch = Watch(page, live_server.url)
    page.goto(live_server.url + "/en/")
    page.set_content(RAW)
    page.wait_for_timeout(300)
    assert not any("dialog" in e or "console log 'ran'" in e for e in watch.events)
    assert any("Executing inline event handler violates" in e for e in watch.events)
    assert any("Executing inline script violates" in e for e in watch.events)
    assert any("Loading the image 'http://xss.invalid/p.png' violates" in e.replace("\\", "") for e in watch.events)


def test_no_payload_runs_on_any_public_page_feed_or_sitemap(page, live_server, hostile_site, artifacts):
    watch = Watch(page, live_server.url)
    urls = public_urls(hostile_site)
    visited = 0
    for kind in ("html", "feed", "sitemap"):
        for url in urls[kind]:
            if not in_browser(url, urls["errors"]):
                continue
            watch.url, watch.expected_status = url, urls["errors"].get(url, 200)
            response = page.goto(live_server.url + url, wait_until="load")
            assert response.status == watch.expected_status, url
            visited += 1
    page.goto(live_server.url + hostile_site.articles[0].get_absolute_url())
    page.screenshot(path=str(artifacts / "xss-article.png"), full_page=True)
    assert watch.events == []
    assert visited >= 7 * len(load_payloads())


def test_the_admin_shows_the_corpus_without_running_it(page, live_server, hostile_site):
    watch = Watch(page, live_server.url)
    admin_login(page, live_server, "xss-editor")
    article, person, organization = hostile_site.articles[0], hostile_site.people[0], hostile_site.organizations[0]
    for url in [
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/articles/article/{article.pk}/revisions/",
        f"/admin/articles/article/{article.pk}/preview/",
        f"/admin/people/person/{person.pk}/change/",
        f"/admin/people/organization/{organization.pk}/change/",
        "/admin/people/person/",
        "/admin/images/image/",
        "/admin/audit/",
    ]:
        watch.url = url
        page.goto(live_server.url + url)
    page.wait_for_timeout(300)
    assert watch.events == []


def test_admin_editor_runs_under_the_admin_policy(page, live_server, superuser, site_urls):
    """The body editor works with the admin's Content-Security-Policy: its import map and its one
    stylesheet are allowed by hash, nothing else inline is, and typing keeps plain spaces."""
    watch = Watch(page, live_server.url)
    admin_login(page, live_server, superuser.username)
    watch.url = "/admin/articles/article/add/"
    response = page.goto(live_server.url + watch.url)
    policy = response.headers["content-security-policy"]
    assert "unsafe-inline" not in policy
    editor = page.locator(".ProseMirror:visible").first
    editor.click()
    page.keyboard.type("Two  spaces stay spaces")
    assert editor.inner_html() == "<p>Two  spaces stay spaces</p>"
    assert editor.evaluate("node => getComputedStyle(node).whiteSpace") == "break-spaces"
    assert watch.events == []


def test_suggestions_of_hostile_names_fill_the_boxes_as_text(page, live_server, hostile_site):
    """static/js/search.js puts suggested names into <option>s as values, never as markup."""
    watch = Watch(page, live_server.url)
    watch.url = "/en/search/"
    page.goto(live_server.url + watch.url)
    page.get_by_text("Filters and sorting").click()
    offered = []
    for box in ("#id_tag", "#id_person", "#id_organization"):
        page.locator(box).press_sequentially("<scr", delay=30)
        options = page.locator(f"{box}-suggestions option")
        options.first.wait_for(state="attached")
        offered += options.evaluate_all("options => options.map(o => o.value)")
    page.wait_for_timeout(300)
    assert watch.events == []
    assert "<script>alert(1)</script>" in offered
