"""Pages are kept by what they show: each public page names its surrogate keys, a change touches
exactly the keys of what changed, so a draft saved every few seconds leaves every kept page kept, and
publishing one story rebuilds its own pages and lists, not an unrelated story's page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from articles.models import Article, Interviewee
from desk import services, workflow
from newsroom import roles
from public import caching, invalidation, keys
from tests.factories import UserFactory
from tests.public_data import story, white_helmets_newsroom
from tests.test_workflow_admin import change_form_data, change_url, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", first_name="Hassan", last_name="Darwish", role=roles.EDITOR)


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 301, 410), (url, response.status_code)
    return len(queries)


def keys_of(response) -> set[str]:
    return set(response["Surrogate-Key"].split())


class TestWhatAPageShows:
    def test_an_article_names_itself_its_story_and_everything_on_it(self, client, newsroom):
        interview = newsroom.interview
        response = client.get(interview.get_absolute_url())
        shown = keys_of(response)
        assert {keys.ALL, keys.article(interview.pk), keys.story(interview.translation_key)} <= shown
        assert {keys.tag(t.pk) for t in interview.tags.all()} <= shown
        assert keys.person(newsroom.raed.pk) in shown
        assert {keys.author(b.user_id) for b in interview.bylines.all() if b.user_id} <= shown
        assert keys.edition("en") not in shown  # a new story elsewhere in the edition leaves it alone
        assert response["xkey"] == response["Surrogate-Key"]
        assert response["Cache-Tag"] == ",".join(sorted(shown))
        assert response["Surrogate-Control"] == "max-age=3600, stale-while-revalidate=30"

    def test_lists_name_their_edition_and_each_story_they_show(self, client, newsroom):
        home = keys_of(client.get("/en/"))
        assert keys.edition("en") in home and keys.article(newsroom.interview.pk) in home
        tag = newsroom.interview.tags.get(slug="idlib")
        assert {keys.tag(tag.pk), keys.tag_list(tag.pk), keys.article(newsroom.interview.pk)} <= keys_of(
            client.get("/en/tags/idlib/"))
        assert keys.SEARCH in keys_of(client.get("/en/search/?q=Idlib"))
        assert keys.edition("en") in keys_of(client.get("/en/rss/"))
        assert {keys.SITEMAP, keys.article(newsroom.interview.pk)} <= keys_of(client.get("/sitemap-articles.xml"))
        assert keys.NAMES in keys_of(client.get("/en/search/suggest/?field=person&q=ra"))

    def test_staff_pages_and_previews_carry_no_keys(self, newsroom, editor):
        staff = client_for(editor)
        assert "Surrogate-Key" not in staff.get("/admin/").headers
        preview = staff.get(f"/admin/articles/article/{newsroom.interview.pk}/preview/")
        assert "Surrogate-Key" not in preview.headers


class TestWhatAChangeTouches:
    def test_a_draft_saved_again_and_again_leaves_every_kept_page_kept(self, client, newsroom, reporter):
        pages = ["/en/", newsroom.interview.get_absolute_url(), "/en/tags/idlib/", "/en/rss/",
                 f"/en/people/{newsroom.raed.slug}/", "/sitemap-articles.xml"]
        for url in pages:
            client.get(url)
        draft = story(headline="Bakeries reopen in Douma", status=Article.Status.DRAFT, published_at=None,
                      reporter=reporter, tags=["Idlib"])
        Interviewee.objects.create(article=draft, person=newsroom.raed)
        desk = client_for(reporter)
        for n in range(3):  # the reporter saves as they type
            data = change_form_data(desk.get(change_url(draft)), body=f"<p>Version {n}.</p>")
            assert desk.post(change_url(draft), data).status_code == 302
        workflow.article_transition(article=draft, action="submit", user=reporter)  # in review: unseen
        assert {url: queries_for(client, url) for url in pages} == dict.fromkeys(pages, 1)

    def test_publishing_a_story_rebuilds_its_lists_and_leaves_an_unrelated_story_kept(self, client, newsroom, editor):
        unrelated = story(headline="Olive harvest begins in Afrin", tags=["Olives"])  # shares nothing
        new = story(headline="Water returns to Hasakah", status=Article.Status.IN_REVIEW, published_at=None,
                    reporter=newsroom.reporter, tags=["Hasakah water"])
        tag_page = "/en/tags/hasakah-water/"
        for url in ["/en/", unrelated.get_absolute_url(), "/en/rss/", "/en/atom/"]:
            client.get(url)
        workflow.article_transition(article=new, action="publish", user=editor)
        assert queries_for(client, unrelated.get_absolute_url()) == 1  # still kept
        for url in ["/en/", "/en/rss/", "/en/atom/"]:
            assert queries_for(client, url) > 1, url  # rebuilt
            assert new.get_absolute_url() in client.get(url).content.decode(), url
        assert "Water returns to Hasakah" in client.get(tag_page).content.decode()
        assert client.get(new.get_absolute_url()).status_code == 200

    def test_publishing_a_story_that_shares_a_tag_and_a_person_leaves_the_other_stories_kept(
        self, client, newsroom, editor
    ):
        """The new story joins its tag's and its interviewee's lists; the pages of older stories with
        the same tag and person show that tag's and that person's names, which did not change."""
        interview = newsroom.interview
        new = story(headline="Rescuers train volunteers in Idlib", status=Article.Status.IN_REVIEW,
                    published_at=None, reporter=newsroom.reporter, tags=["Idlib"])
        Interviewee.objects.create(article=new, person=newsroom.raed)
        person_page = f"/en/people/{newsroom.raed.slug}/"
        for url in [interview.get_absolute_url(), "/en/tags/idlib/", person_page]:
            client.get(url)
        workflow.article_transition(article=new, action="publish", user=editor)
        assert queries_for(client, interview.get_absolute_url()) == 1  # same tag, same person: still kept
        for url in ["/en/tags/idlib/", person_page]:
            assert "Rescuers train volunteers in Idlib" in client.get(url).content.decode(), url

    def test_renaming_a_tag_rebuilds_the_stories_that_show_it(self, client, newsroom):
        interview = newsroom.interview
        client.get(interview.get_absolute_url())
        tag = interview.tags.get(slug="idlib")
        tag.name = "Idlib province"
        tag.save()
        assert "Idlib province" in client.get(interview.get_absolute_url()).content.decode()

    def test_an_edit_of_a_published_story_rebuilds_its_page_and_lists_only(self, client, newsroom, editor):
        interview = newsroom.interview
        unrelated = story(headline="Olive harvest begins in Afrin", tags=["Olives"])
        for url in [interview.get_absolute_url(), unrelated.get_absolute_url(), "/en/"]:
            client.get(url)
        interview.refresh_from_db()
        interview.dek = "A new standfirst."
        services.article_save(article=interview, user=editor, version=interview.version)
        assert queries_for(client, unrelated.get_absolute_url()) == 1
        assert "A new standfirst." in client.get(interview.get_absolute_url()).content.decode()
        assert "A new standfirst." in client.get("/en/").content.decode()

    def test_renaming_a_person_rebuilds_their_pages_and_the_stories_that_name_them(self, client, newsroom):
        named = newsroom.interview
        unrelated = story(headline="Olive harvest begins in Afrin", tags=["Olives"])
        for url in [named.get_absolute_url(), unrelated.get_absolute_url(), f"/en/people/{newsroom.raed.slug}/"]:
            client.get(url)
        newsroom.raed.name = "Raed al-Saleh (SCD)"
        newsroom.raed.save()
        assert "Raed al-Saleh (SCD)" in client.get(named.get_absolute_url()).content.decode()
        assert "Raed al-Saleh (SCD)" in client.get(f"/en/people/{newsroom.raed.slug}/").content.decode()
        assert queries_for(client, unrelated.get_absolute_url()) == 1

    def test_the_keys_of_a_publication(self, newsroom, editor):
        new = story(headline="Schools reopen", status=Article.Status.IN_REVIEW, published_at=None,
                    reporter=newsroom.reporter, tags=["Schools"])
        Interviewee.objects.create(article=new, person=newsroom.raed)
        new.refresh_from_db()
        assert invalidation.article_keys(new) == set()  # in review: no reader sees it
        workflow.article_transition(article=new, action="publish", user=editor)
        touched = invalidation.article_keys(new)
        assert touched == {
            keys.article(new.pk), keys.story(new.translation_key), keys.edition("en"), keys.SEARCH, keys.SITEMAP,
            keys.NAMES, keys.tag_list(new.tags.get().pk), keys.person_list(newsroom.raed.pk),
            *(keys.works(b.user_id) for b in new.bylines.all() if b.user_id),
        }
        versions = caching.key_versions(touched)
        assert min(versions.values()) > 0

    def test_a_page_built_while_a_change_committed_is_not_kept(self, client, newsroom, monkeypatch):
        url = newsroom.interview.get_absolute_url()
        real_clock = caching.key_clock
        monkeypatch.setattr(caching, "key_clock", lambda: real_clock() - 1)  # as if read before a change
        invalidation.keys_changed([keys.article(newsroom.interview.pk)])
        client.get(url)
        monkeypatch.setattr(caching, "key_clock", real_clock)
        assert queries_for(client, url) > 1  # it was served, not kept


class TestEdgePurges:
    def test_one_purge_task_per_change_with_every_key_it_touched(self, newsroom, editor, settings,
                                                                 django_capture_on_commit_callbacks):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.EDGE_PURGE_BACKEND = "varnish"
        settings.EDGE_VARNISH_URLS = ["http://127.0.0.1:9"]
        new = story(headline="Schools reopen", status=Article.Status.IN_REVIEW, published_at=None,
                    reporter=newsroom.reporter, tags=["Schools"])
        with django_capture_on_commit_callbacks(execute=True):
            workflow.article_transition(article=new, action="publish", user=editor)
        purges = DBTaskResult.objects.filter(task_path="public.tasks.edge_purge")
        assert purges.count() == 1
        assert set(purges.get().args_kwargs["args"][0]) == invalidation.article_keys(new)

    @pytest.mark.django_db(transaction=True)
    def test_a_change_made_outside_a_transaction_is_purged_with_its_keys(self, newsroom, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        settings.EDGE_PURGE_BACKEND = "varnish"
        settings.EDGE_VARNISH_URLS = ["http://127.0.0.1:9"]
        invalidation.keys_changed({keys.person(newsroom.raed.pk)})  # a shell, a script: autocommit
        purge = DBTaskResult.objects.get(task_path="public.tasks.edge_purge")
        assert purge.args_kwargs["args"][0] == [keys.person(newsroom.raed.pk)]

    def test_no_edge_no_purge_task(self, newsroom, editor, settings, django_capture_on_commit_callbacks):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        new = story(headline="Schools reopen", status=Article.Status.IN_REVIEW, published_at=None,
                    reporter=newsroom.reporter)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.article_transition(article=new, action="publish", user=editor)
        assert not DBTaskResult.objects.filter(task_path="public.tasks.edge_purge").exists()


def test_an_embargo_lifting_is_purged_by_the_periodic_job(newsroom, time_machine):
    from django.utils import timezone

    from tests.factories import PublishedArticleFactory

    time_machine.move_to("2026-05-01 08:00Z", tick=False)
    invalidation.embargoes_release.call()  # the watermark: nothing before now is purged again
    later = PublishedArticleFactory(headline="Embargoed until noon", published_at=timezone.now() + timezone.timedelta(hours=4))
    key = keys.article(later.pk)
    before = caching.key_versions([key])[key]
    assert invalidation.embargoes_release.call() == 0
    time_machine.move_to("2026-05-01 12:00:01Z", tick=False)
    assert invalidation.embargoes_release.call() > 0
    assert caching.key_versions([key])[key] > before
    assert invalidation.embargoes_release.call() == 0  # once


def test_a_restored_backup_drops_every_kept_page_and_purges_the_edges(client, newsroom, settings,
                                                                       django_capture_on_commit_callbacks):
    """A restored database carries older key versions, which later changes would give out again: no
    kept page may be checked against them."""
    from backups.signals import database_restored

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EDGE_PURGE_BACKEND = "varnish"
    settings.EDGE_VARNISH_URLS = ["http://127.0.0.1:9"]
    url = newsroom.interview.get_absolute_url()
    client.get(url)
    assert queries_for(client, url) == 1  # kept
    with django_capture_on_commit_callbacks(execute=True):
        database_restored.send(sender=None, backup="/backups/2026-12-06")
    assert queries_for(client, url) > 1  # built again
    purge = DBTaskResult.objects.get(task_path="public.tasks.edge_purge")
    assert purge.args_kwargs["args"][0] == [keys.ALL]
