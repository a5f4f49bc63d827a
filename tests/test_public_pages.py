"""The reader's pages: language editions, home, article, tag, person, organization and author pages."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone, translation

from articles.models import Article, Correction, prefetch_published_translations
from people.models import Affiliation, Organization, Person
from public import views
from public.views import article_response
from tests.factories import ArticleFactory, PublishedArticleFactory
from tests.public_data import hidden_stories, story, white_helmets_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


class TestEditions:
    @pytest.mark.parametrize(
        "accept, edition", [("ar,en;q=0.5", "/ar/"), ("ku", "/ku/"), ("fr-FR,fr", "/en/"), ("", "/en/")]
    )
    def test_root_sends_readers_to_their_language_else_english(self, client, accept, edition):
        response = client.get("/", headers={"accept-language": accept} if accept else {})
        assert response.status_code == 302
        assert response["Location"] == edition

    def test_arabic_edition_is_right_to_left_with_arabic_interface(self, client, newsroom):
        page = html(client.get("/ar/"))
        assert '<html lang="ar" dir="rtl">' in page
        assert "انتقل إلى المحتوى" in page  # "Skip to content"
        assert newsroom.interview_ar.headline in page
        assert newsroom.interview.headline not in page

    def test_kurdish_and_english_editions_are_left_to_right_in_their_language(self, client, newsroom):
        kurdish = html(client.get("/ku/"))
        assert '<html lang="ku" dir="ltr">' in kurdish
        assert "Hêj tiştek bi vî zimanî nehatiye weşandin." in kurdish  # nothing published in ku yet
        english = html(client.get("/en/"))
        assert '<html lang="en" dir="ltr">' in english
        assert newsroom.interview.headline in english

    def test_pages_have_a_print_stylesheet_without_navigation(self, client, newsroom):
        from django.contrib.staticfiles import finders

        page = html(client.get(newsroom.interview.get_absolute_url()))
        assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in page
        css = open(finders.find("css/print.css"), encoding="utf-8").read()
        assert ".site-header nav" in css and ".related" in css and "display: none" in css

    def test_dates_are_written_in_the_readers_language_and_calendar(self, client):
        when = timezone.datetime(2026, 11, 3, 9, 30, tzinfo=datetime.timezone.utc)
        english = story(headline="Dated story", published_at=when)
        arabic = story(headline="قصة مؤرخة", language="ar", published_at=when, translation_key=english.translation_key)
        kurdish = story(headline="Çîrokek", language="ku", published_at=when, translation_key=english.translation_key)
        assert "3 November 2026, 09:30" in html(client.get(english.get_absolute_url()))
        assert "3 تشرين الثاني 2026، 09:30" in html(client.get(arabic.get_absolute_url()))
        assert "3 Mijdar 2026, 09:30" in html(client.get(kurdish.get_absolute_url()))


class TestHome:
    def test_home_has_a_lead_story_top_stories_and_the_latest(self, client, newsroom):
        # The home is a front (fronts.composition; its sections' blocks: tests/test_fronts.py).
        page = html(client.get("/en/"))
        lead = re.search(r'class="lead-story".*?</section>', page, re.S).group(0)
        assert newsroom.interview.headline in lead  # the newest English story leads
        top = re.search(r'class="top-stories".*?</section>', page, re.S).group(0)
        assert newsroom.news.headline in top
        assert page.count(newsroom.news.headline) == 1  # no story twice

    def test_home_is_paginated(self, client):
        for n in range(25):
            story(headline=f"Paged story {n:02d}", hours_ago=n + 1)
        first = html(client.get("/en/"))
        assert "Paged story 00" in first and "Paged story 21" not in first
        second = html(client.get("/en/", {"page": 2}))
        assert "Paged story 21" in second and "Paged story 24" in second
        assert 'rel="prev"' in second


class TestArticlePage:
    def test_article_shows_everything_a_reader_needs(self, client, newsroom):
        interview = newsroom.interview
        interview.revised_at = timezone.now()
        interview.dateline = "Idlib, Syria"
        interview.save()
        Correction.objects.create(article=interview, text="An earlier version misspelled Sarmada.")
        page = html(client.get(interview.get_absolute_url()))
        assert interview.headline.replace("“", "“") in page
        assert interview.dek in page
        assert f'<a href="/en/authors/{newsroom.reporter.pk}/">Samer Taha</a>' in page
        assert "Idlib, Syria" in page
        assert "Published <time" in page and "Updated <time" in page
        assert "Rescuers in Idlib train new volunteers" in page
        assert f'<a href="/en/people/{newsroom.raed.slug}/">Raed Al-Saleh</a>' in page
        assert "head of the rescue service" in page
        assert f'<a href="/en/organizations/{newsroom.civil_defense.slug}/">Syria Civil Defense</a>' in page
        assert '<a class="tag" href="/en/tags/idlib/">Idlib</a>' in page
        assert "An earlier version misspelled Sarmada." in page
        related = re.search(r'<aside class="related".*?</aside>', page, re.S).group(0)
        assert newsroom.news.headline in related  # shares the tag Idlib

    def test_related_stories_prefer_more_shared_tags_and_people_and_skip_other_languages(self, client, newsroom):
        close = story(headline="Close relative", tags=["Idlib", "Rescue"], hours_ago=30)
        story(headline="Unrelated", tags=["Raqqa"], hours_ago=2)
        page = html(client.get(newsroom.interview.get_absolute_url()))
        related = re.search(r'<aside class="related".*?</aside>', page, re.S).group(0)
        assert related.index(close.headline) < related.index(newsroom.news.headline)
        assert "Unrelated" not in related
        assert newsroom.interview_ar.headline not in related

    def test_related_stories_are_chosen_among_the_newest_of_each_tag(self, client, newsroom, monkeypatch):
        # Two candidates per tag: the oldest "Raqqa" story shares two tags but is beyond the newest two
        # of either, so it loses to newer stories sharing one.
        monkeypatch.setattr(views, "RELATED_CANDIDATES", 2)
        old = story(headline="Old and close", tags=["Raqqa", "Hama"], hours_ago=90)
        newer = [story(headline=f"Raqqa {n}", tags=["Raqqa"], hours_ago=10 + n) for n in range(2)]
        newer += [story(headline=f"Hama {n}", tags=["Hama"], hours_ago=20 + n) for n in range(2)]
        source = story(headline="Source", tags=["Raqqa", "Hama"], hours_ago=1)
        page = html(client.get(source.get_absolute_url()))
        related = re.search(r'<aside class="related".*?</aside>', page, re.S).group(0)
        assert old.headline not in related
        assert all(article.headline in related for article in newer)
        monkeypatch.setattr(views, "RELATED_CANDIDATES", 50)
        cache.clear()  # the story's parts are kept (public.fragments): the new rule builds them again
        page = html(client.get(source.get_absolute_url() + "?again"))
        related = re.search(r'<aside class="related".*?</aside>', page, re.S).group(0)
        assert related.index(old.headline) < related.index("Raqqa 0")  # within reach: two shared tags first

    def test_language_switcher_leads_to_the_same_story_or_the_edition_home(self, client, newsroom):
        page = html(client.get(newsroom.interview.get_absolute_url()))
        switcher = re.search(r'<nav class="languages".*?</nav>', page, re.S).group(0)
        assert f'href="{newsroom.interview_ar.get_absolute_url()}" lang="ar"' in switcher
        assert 'href="/ku/" lang="ku"' in switcher  # no Kurdish version: the Kurdish home

    def test_hreflang_lists_published_versions_and_x_default(self, client, newsroom):
        hidden = hidden_stories(newsroom)
        page = html(client.get(newsroom.interview_ar.get_absolute_url()))
        links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
        assert links == {
            "en": "http://127.0.0.1:8000" + newsroom.interview.get_absolute_url(),
            "ar": "http://127.0.0.1:8000" + newsroom.interview_ar.get_absolute_url(),
            "x-default": "http://127.0.0.1:8000" + newsroom.interview.get_absolute_url(),
        }
        news = html(client.get(newsroom.news.get_absolute_url()))
        assert hidden["draft_translation"].get_absolute_url() not in news
        assert 'hreflang="ar"' not in news.split("</head>")[0]

    def test_wrong_edition_or_old_slug_redirects_permanently(self, client, newsroom):
        url = newsroom.interview.get_absolute_url()
        for old in [url.replace("/en/", "/ar/"), f"/en/articles/{newsroom.interview.pk}/old-slug/"]:
            response = client.get(old)
            assert (response.status_code, response["Location"]) == (301, url)

    def test_unpublished_is_404_and_withdrawn_is_410_in_the_readers_language(self, client, newsroom):
        hidden = hidden_stories(newsroom)
        for name in ["draft", "scheduled", "embargoed", "in_review"]:
            assert client.get(f"/en/articles/{hidden[name].pk}/{hidden[name].slug}/").status_code == 404
        gone = client.get(f"/ar/articles/{hidden['withdrawn'].pk}/x/")
        assert gone.status_code == 410
        assert "سُحبت هذه القصة" in gone.content.decode()
        assert hidden["withdrawn"].headline not in gone.content.decode()

    def test_published_translations_take_one_query_or_none_when_prefetched(self, django_assert_num_queries, newsroom):
        article = Article.objects.get(pk=newsroom.interview.pk)
        with django_assert_num_queries(1):
            assert article.published_translations() == [newsroom.interview_ar]
        articles = list(Article.objects.published())
        with django_assert_num_queries(1):
            prefetch_published_translations(articles)
        with django_assert_num_queries(0):
            by_pk = {a.pk: a.published_translations() for a in articles}
        assert by_pk[newsroom.interview_ar.pk] == [newsroom.interview]
        assert by_pk[newsroom.news.pk] == []

    def test_article_response_renders_an_unpublished_story_privately_for_previews(self, newsroom):
        draft = ArticleFactory(headline="Preview me")
        request = RequestFactory().get("/preview/")
        with translation.override("en"):
            response = article_response(request, draft, extra_context={"canonical_url": "http://x/preview"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "Preview me" in page and '<meta name="robots" content="noindex, nofollow">' in page
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"


class TestListPages:
    def test_tag_page_lists_this_editions_stories_with_the_tag(self, client, newsroom):
        page = html(client.get("/en/tags/idlib/"))
        assert "<h1>Idlib</h1>" in page
        assert newsroom.interview.headline in page and newsroom.news.headline in page
        assert newsroom.interview_ar.headline not in page
        assert html(client.get("/ar/tags/idlib/")).count(newsroom.interview_ar.headline) == 1

    def test_lists_are_paginated(self, client):
        for n in range(22):
            story(headline=f"Tagged {n:02d}", tags=["Hama"], hours_ago=n + 1)
        assert "Tagged 21" not in html(client.get("/en/tags/hama/"))
        assert "Tagged 21" in html(client.get("/en/tags/hama/", {"page": 2}))

    def test_person_page_shows_bio_other_names_interviews_and_mentions(self, client, newsroom):
        page = html(client.get(f"/en/people/{newsroom.raed.slug}/"))
        assert "<h1>Raed Al-Saleh</h1>" in page
        assert "Head of Syria Civil Defense since 2014." in page
        assert '<span dir="auto">رائد الصالح</span>' in page and "Raed Saleh" in page
        assert newsroom.interview.headline in page  # interviewed
        assert newsroom.news.headline in page  # only mentioned in the text
        assert f'<a href="/en/organizations/{newsroom.civil_defense.slug}/">Syria Civil Defense</a>' in page

    def test_organization_page_shows_aliases_people_and_coverage(self, client, newsroom):
        via_affiliation = story(headline="A story interviewing Raed only", hours_ago=40)
        via_affiliation.interviewee_links.create(
            person=newsroom.raed, affiliation=Affiliation.objects.get(person=newsroom.raed)
        )
        page = html(client.get(f"/en/organizations/{newsroom.civil_defense.slug}/"))
        assert "<h1>Syria Civil Defense</h1>" in page
        assert "The White Helmets" in page and "الدفاع المدني السوري" in page
        assert f'<a href="/en/people/{newsroom.raed.slug}/">Raed Al-Saleh</a>, Head' in page
        assert newsroom.interview.headline in page and via_affiliation.headline in page

    def test_a_large_organization_lists_people_with_pages_first_and_counts_the_rest(self, client, newsroom, monkeypatch):
        from public import views as people_views

        monkeypatch.setattr(people_views, "PEOPLE_SHOWN", 3)
        for n in range(4):
            person = Person.objects.create(name=f"Aaron Volunteer {n}")
            Affiliation.objects.create(person=person, organization=newsroom.civil_defense, role="volunteer")
        page = html(client.get(f"/en/organizations/{newsroom.civil_defense.slug}/"))
        people = re.search(r'<section class="affiliated".*?</section>', page, re.S).group(0)
        # Raed has a page (he is interviewed) and comes first, though "Aaron" sorts before him.
        assert people.index("Raed Al-Saleh") < people.index("Aaron Volunteer 0")
        assert "Aaron Volunteer 1" in people and "Aaron Volunteer 2" not in people
        assert "and 2 more people" in people

    def test_author_page_lists_their_published_stories(self, client, newsroom):
        page = html(client.get(f"/en/authors/{newsroom.reporter.pk}/"))
        assert "<h1>Samer Taha</h1>" in page
        assert newsroom.interview.headline in page and newsroom.news.headline in page

    def test_people_organizations_tags_and_authors_of_unpublished_stories_have_no_page(self, client, newsroom):
        hidden_stories(newsroom)
        from tests.factories import UserFactory

        nobody = UserFactory(username="desk")
        ArticleFactory().bylines.create(user=nobody)
        for url in [
            f"/en/people/{Person.objects.get(name='Zzqdraft Person').slug}/",
            f"/en/organizations/{Organization.objects.get(name='Zzqscheduled Organization').slug}/",
            "/en/tags/zzqtagwithdrawn/",
            f"/en/authors/{nobody.pk}/",
        ]:
            assert client.get(url).status_code == 404, url


class TestErrorPages:
    def test_404_page_is_in_the_readers_language(self, client):
        arabic = client.get("/ar/nowhere/")
        assert arabic.status_code == 404
        page = arabic.content.decode()
        assert '<html lang="ar" dir="rtl">' in page and "الصفحة غير موجودة" in page
        assert "Rûpel nehate dîtin" in client.get("/ku/articles/999999/x/").content.decode()

    def test_500_page_is_in_the_readers_language_without_the_database(self, django_assert_num_queries):
        from newsroom.views import server_error

        request = RequestFactory().get("/ar/")
        with translation.override("ar"), django_assert_num_queries(0):
            response = server_error(request)
        page = response.content.decode()
        assert response.status_code == 500
        assert '<html lang="ar" dir="rtl">' in page and "حدث خطأ ما" in page

    def test_published_article_factory_in_the_future_is_not_public(self):
        future = PublishedArticleFactory(published_at=timezone.now() + timezone.timedelta(minutes=5))
        assert not Article.objects.published().filter(pk=future.pk).exists()


class TestTranslations:
    @pytest.mark.parametrize("language", ["ar", "ku"])
    def test_every_interface_text_is_translated_and_compiled(self, language):
        import gettext
        from pathlib import Path

        import polib

        folder = Path(__file__).resolve().parent.parent / "locale" / language / "LC_MESSAGES"
        po = polib.pofile(str(folder / "django.po"))
        assert po.fuzzy_entries() == [] and po.untranslated_entries() == [], "untranslated entry"
        msgids = {(e.msgctxt + "\x04" if e.msgctxt else "") + e.msgid for e in po if not e.obsolete}
        with open(folder / "django.mo", "rb") as mo:
            catalog = gettext.GNUTranslations(mo)._catalog
        compiled = {key if isinstance(key, str) else key[0] for key, value in catalog.items() if value and key}
        assert msgids <= compiled, f"compile the .po again: {sorted(msgids - compiled)[:5]}"
