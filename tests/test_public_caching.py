"""Caching: the server-side page cache is never stale; validators, conditional GET, a short public
lifetime for browsers."""

import time_machine
import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from public import caching, keys
from newsroom import roles
from desk import workflow
from articles.models import Article
from people.models import Person
from tests.factories import PublishedArticleFactory, UserFactory
from tests.public_data import story, white_helmets_newsroom
from tests.test_workflow_admin import change_form_data, change_url, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", first_name="Hassan", last_name="Darwish", role=roles.EDITOR)


def revalidate(client, url, first):
    """A browser's conditional GET with the validators of an earlier response."""
    return client.get(url, headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]})


def queries_for(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response


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


class TestPageCache:
    def test_a_cached_page_costs_one_query_and_is_the_same_page(self, client, newsroom):
        for url in [newsroom.interview.get_absolute_url(), "/en/", "/en/search/?q=Idlib", "/sitemap.xml", "/en/rss/"]:
            _, first = queries_for(client, url)
            count, again = queries_for(client, url)
            assert count == 1, url  # the content generation; nothing rendered
            assert again.content == first.content and again["ETag"] == first["ETag"], url
            assert again["Content-Type"] == first["Content-Type"], url

    def test_a_cached_page_carries_every_header_of_a_fresh_one(self, client, newsroom):
        url = newsroom.interview_ar.get_absolute_url()
        fresh = client.get(url)
        cached = client.get(url)
        assert queries_for(client, url)[0] == 1
        for header in ["Content-Type", "Content-Language", "X-Frame-Options", "X-Content-Type-Options",
                       "Referrer-Policy", "Cache-Control", "ETag", "Last-Modified", "Content-Length",
                       "Content-Security-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy"]:
            assert cached.get(header) == fresh.get(header), header
        assert fresh["Content-Language"] == "ar"

    def test_static_files_are_answered_before_the_page_cache_and_the_headers_middleware(self, client, newsroom):
        count, response = queries_for(client, "/static/css/site.css")
        assert count == 0 and response.status_code == 200
        assert "Content-Security-Policy" not in response  # answered by WhiteNoise, right after SecurityMiddleware

    def test_each_page_says_whether_the_page_cache_answered(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        assert client.get(url)["X-Page-Cache"] == "MISS"
        assert client.get(url)["X-Page-Cache"] == "HIT"

    def test_links_with_tracking_parameters_are_served_the_kept_page(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        client.get(url)
        assert queries_for(client, url + "?utm_source=whatsapp&utm_medium=share")[0] == 1
        assert queries_for(client, url + "?fbclid=IwAR0abc")[0] == 1
        assert queries_for(client, "/en/?page=2&utm_source=x")[0] > 1  # page 2 is another page
        assert queries_for(client, "/en/?page=2")[0] == 1

    def test_a_page_kept_from_https_is_not_served_over_plain_http(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        client.get(url, secure=True)
        assert queries_for(client, url)[0] > 1  # rendered for http, not the https copy
        assert queries_for(client, url)[0] == 1

    def test_staff_with_a_session_get_fresh_pages_and_never_fill_the_cache(self, newsroom, editor):
        staff = client_for(editor)
        url = newsroom.interview.get_absolute_url()
        staff.get(url)
        assert queries_for(staff, url)[0] >= 2  # built by the view (the story, its kept parts' versions)
        anonymous = Client()
        assert queries_for(anonymous, url)[0] > 2  # the staff's requests kept no page
        assert queries_for(anonymous, url)[0] == 1

    def test_a_cached_page_still_answers_304_to_the_readers_copy(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        first = client.get(url)
        client.get(url)
        assert revalidate(client, url, first).status_code == 304

    def test_redirects_and_gone_pages_are_cached_too(self, client, newsroom):
        old_address = f"/en/articles/{newsroom.interview.pk}/old-slug/"
        assert client.get(old_address).status_code == 301
        count, again = queries_for(client, old_address)
        assert (count, again.status_code, again["Location"]) == (1, 301, newsroom.interview.get_absolute_url())

    def test_pages_are_kept_for_page_cache_seconds(self, client, newsroom, settings):
        settings.PAGE_CACHE_SECONDS = 120
        client.get("/en/")
        # (The header, not the query count: a page built again from kept fragments costs one query too.)
        with time_machine.travel(timezone.now() + timezone.timedelta(seconds=119)):
            assert queries_for(client, "/en/")[1]["X-Page-Cache"] == "HIT"
        with time_machine.travel(timezone.now() + timezone.timedelta(seconds=121)):
            assert queries_for(client, "/en/")[1].get("X-Page-Cache") != "HIT"

    def test_page_cache_seconds_0_turns_the_page_cache_off(self, client, newsroom, settings):
        settings.PAGE_CACHE_SECONDS = 0
        client.get("/en/")
        assert queries_for(client, "/en/")[1].get("X-Page-Cache") != "HIT"

    def test_logging_in_does_not_retire_the_cached_pages(self, client, newsroom, editor):
        client.get("/en/")
        clock = caching.key_clock()
        assert client_for(editor).get(reverse("admin:index")).status_code == 200
        editor.refresh_from_db()
        assert editor.last_login is not None
        assert caching.key_clock() == clock
        assert queries_for(client, "/en/")[0] == 1

    def test_a_change_moves_its_keys_in_its_own_transaction(self, newsroom):
        key = keys.person(newsroom.raed.pk)
        before = caching.key_versions([key])[key]
        Person.objects.filter(pk=newsroom.raed.pk).update(bio="Not through save: nothing moves.")
        assert caching.key_versions([key])[key] == before
        with pytest.raises(RuntimeError), transaction.atomic():
            newsroom.raed.bio = "Through save, rolled back."
            newsroom.raed.save()
            assert caching.key_versions([key])[key] > before
            raise RuntimeError("the change failed")
        assert caching.key_versions([key])[key] == before
        newsroom.raed.bio = "Through save."
        newsroom.raed.save()
        assert caching.key_versions([key])[key] > before


class TestNeverStale:
    """Every path that changes what readers see retires the cached pages at once."""

    def test_publishing_shows_the_story_on_the_cached_home_at_once(self, client, newsroom, editor):
        draft = story(headline="Water returns to Aleppo", status=Article.Status.DRAFT, published_at=None,
                      reporter=newsroom.reporter)
        assert draft.headline not in client.get("/en/").content.decode()
        workflow.article_transition(article=draft, action=workflow.Action.PUBLISH, user=editor)
        assert draft.headline in client.get("/en/").content.decode()
        assert client.get(draft.get_absolute_url()).status_code == 200

    def test_an_edit_in_the_admin_gives_a_new_page(self, client, newsroom, editor):
        url = newsroom.interview.get_absolute_url()
        first = client.get(url)
        admin = client_for(editor)
        data = change_form_data(admin.get(change_url(newsroom.interview)), dek="A new standfirst.")
        assert admin.post(change_url(newsroom.interview), data).status_code == 302
        second = revalidate(client, url, first)
        assert second.status_code == 200 and "A new standfirst." in second.content.decode()

    def test_a_new_correction_gives_a_new_page(self, client, newsroom, editor):
        url = newsroom.interview.get_absolute_url()
        first = client.get(url)
        admin = client_for(editor)
        page = admin.get(change_url(newsroom.interview))
        data = change_form_data(page)
        prefix = next(i.formset.prefix for i in page.context["inline_admin_formsets"] if i.formset.model.__name__ == "Correction")
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-kind": "correction",
                     f"{prefix}-0-text": "Fixed a date.",
                     f"{prefix}-0-created_at_0": "2026-01-01", f"{prefix}-0-created_at_1": "12:00:00"})
        assert admin.post(change_url(newsroom.interview), data).status_code == 302
        second = revalidate(client, url, first)
        assert second.status_code == 200 and "Fixed a date." in second.content.decode()

    def test_withdrawing_answers_410_at_once_and_leaves_every_list(self, client, newsroom, editor):
        url = newsroom.interview.get_absolute_url()
        first = client.get(url)
        lists = ["/en/", "/en/tags/idlib/", "/en/rss/", "/sitemap-articles.xml", f"/en/people/{newsroom.raed.slug}/"]
        for page in lists:
            assert newsroom.interview.get_absolute_url() in client.get(page).content.decode(), page
        workflow.article_transition(article=newsroom.interview, action=workflow.Action.WITHDRAW, user=editor,
                                    note="The source withdrew the quote.")
        assert revalidate(client, url, first).status_code == 410
        for page in lists:
            assert newsroom.interview.get_absolute_url() not in client.get(page).content.decode(), page

    def test_renaming_a_person_renames_them_on_cached_article_pages(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        assert "Raed Al-Saleh" in client.get(url).content.decode()
        newsroom.raed.name = "Raed al-Saleh (SCD)"
        newsroom.raed.save()
        assert "Raed al-Saleh (SCD)" in client.get(url).content.decode()

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
        later.tags.set(["Idlib"])  # a tag with public stories: its page lists it when its time comes
        lists = ["/en/", "/en/tags/idlib/", "/en/rss/", "/sitemap-articles.xml", "/news-sitemap.xml"]
        first = {url: client.get(url) for url in lists}
        for url in lists:
            assert later.get_absolute_url() not in first[url].content.decode()
        with time_machine.travel(timezone.now() + timezone.timedelta(hours=1)):
            for url in lists:
                second = client.get(url, headers={"if-none-match": first[url]["ETag"]})
                assert second.status_code == 200 and later.get_absolute_url() in second.content.decode(), url
            article = client.get(later.get_absolute_url())
            assert article.status_code == 200

    def test_the_scheduler_publishing_a_due_story_retires_the_cached_pages(self, client, newsroom, editor):
        scheduled = story(headline="Embargo lifts", status=Article.Status.DRAFT, published_at=None,
                          reporter=newsroom.reporter)
        workflow.article_transition(article=scheduled, action=workflow.Action.SCHEDULE, user=editor,
                                    publish_at=timezone.now() + timezone.timedelta(minutes=5))
        assert scheduled.headline not in client.get("/en/").content.decode()
        with time_machine.travel(timezone.now() + timezone.timedelta(minutes=6)):
            workflow.articles_publish_due()
            assert scheduled.headline in client.get("/en/").content.decode()


def between_requests():
    """What the end of a request does to the connection under a real server (Django's test client
    leaves it out): kept, with its health check due again at the next request's first query."""
    connection.close_if_unusable_or_obsolete()
    assert connection.connection is not None and not connection.health_check_done


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL: kept connections and health checks")
@pytest.mark.django_db(transaction=True)
class TestKeptConnection:
    """On a kept PostgreSQL connection, reading the content generation is the request's health check."""

    @pytest.fixture(autouse=True)
    def kept_connections(self, settings):
        settings.DATABASES["default"]["CONN_MAX_AGE"] = 60
        settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
        connection.close()
        yield
        connection.close()

    def test_a_cached_page_costs_one_round_trip_not_two(self, client, monkeypatch):
        url = story(headline="Kept connection", language="en").get_absolute_url()
        assert client.get(url).status_code == 200
        checks = []
        monkeypatch.setattr(type(connections["default"]), "is_usable", lambda self: checks.append(1) or True)
        between_requests()
        again = client.get(url)
        assert again.status_code == 200 and b"Kept connection" in again.content
        assert checks == []  # no separate "SELECT 1" before the generation is read

    def test_a_connection_the_server_dropped_is_replaced_on_the_next_request(self, client):
        url = story(headline="Dropped connection", language="en").get_absolute_url()
        assert client.get(url).status_code == 200
        pid = connection.connection.info.backend_pid
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            other.close()
        between_requests()
        response = client.get(url)
        assert response.status_code == 200 and b"Dropped connection" in response.content
        assert connection.connection.info.backend_pid != pid
