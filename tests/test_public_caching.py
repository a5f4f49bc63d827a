"""HTTP caching: validators, conditional GET, a short public lifetime, never a stale page."""

import time_machine
import pytest
from django.utils import timezone

from articles.models import Article, Correction
from tests.factories import PublishedArticleFactory
from tests.public_data import story, white_helmets_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


def revalidate(client, url, first):
    """A browser's conditional GET with the validators of an earlier response."""
    return client.get(url, headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]})


class TestValidators:
    def test_article_has_etag_last_modified_and_a_short_public_lifetime(self, client, newsroom):
        response = client.get(newsroom.interview.get_absolute_url())
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60"}
        assert "Set-Cookie" not in response.headers and "Cookie" not in response.get("Vary", "")

    def test_unchanged_article_answers_304_to_etag_or_date(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        first = client.get(url)
        assert revalidate(client, url, first).status_code == 304
        by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
        assert by_etag.status_code == 304 and by_etag.content == b""
        by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert by_date.status_code == 304

    def test_lists_feeds_and_sitemaps_revalidate_by_etag_only(self, client, newsroom):
        # A story leaving a list makes no date newer, so a date alone never earns a 304 there.
        for url in ["/en/", "/en/tags/idlib/", "/en/rss/", "/sitemap.xml", f"/en/people/{newsroom.raed.slug}/"]:
            first = client.get(url)
            assert "max-age=60" in first["Cache-Control"], url
            assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304, url
            future = "Tue, 01 Jan 2099 00:00:00 GMT"
            assert client.get(url, headers={"if-modified-since": future}).status_code == 200, url


class TestNeverStale:
    def test_an_update_gives_a_new_page(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        first = client.get(url)
        Article.objects.filter(pk=newsroom.interview.pk).update(dek="A new standfirst.", updated_at=timezone.now())
        second = revalidate(client, url, first)
        assert second.status_code == 200 and "A new standfirst." in second.content.decode()

    def test_a_new_correction_gives_a_new_page(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        first = client.get(url)
        Correction.objects.create(article=newsroom.interview, text="Fixed a date.")
        second = revalidate(client, url, first)
        assert second.status_code == 200 and "Fixed a date." in second.content.decode()

    def test_withdrawing_answers_410_at_once(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        first = client.get(url)
        Article.objects.filter(pk=newsroom.interview.pk).update(status=Article.Status.WITHDRAWN)
        assert revalidate(client, url, first).status_code == 410
        home = client.get("/en/").content.decode()
        assert newsroom.interview.headline not in home

    def test_publishing_a_translation_updates_the_switcher(self, client, newsroom):
        url = newsroom.news.get_absolute_url()
        first = client.get(url)
        kurdish = story(headline="Nanpêjxane vedibin", language="ku", translation_key=newsroom.news.translation_key)
        second = revalidate(client, url, first)
        assert second.status_code == 200
        assert kurdish.get_absolute_url() in second.content.decode()

    def test_a_scheduled_story_appears_when_its_time_comes(self, client, newsroom):
        later = PublishedArticleFactory(
            headline="Embargoed until noon", published_at=timezone.now() + timezone.timedelta(minutes=30)
        )
        first = client.get("/en/")
        assert later.headline not in first.content.decode()
        with time_machine.travel(timezone.now() + timezone.timedelta(hours=1)):
            second = client.get("/en/", headers={"if-none-match": first["ETag"]})
            assert second.status_code == 200 and later.headline in second.content.decode()
            article = client.get(later.get_absolute_url())
            assert article.status_code == 200
