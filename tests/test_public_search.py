"""Public search: words, names and aliases, filters and sorting, on PostgreSQL and on SQLite."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from public.search import article_search, strip_conjunctions
from tests.public_data import hidden_stories, story, white_helmets_newsroom

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search (run with DATABASE_URL=postgres://…)"
)


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


def results(client, edition="en", **params) -> list[str]:
    response = client.get(f"/{edition}/search/", params)
    assert response.status_code == 200
    return [article.headline for article in response.context["page"]]


def found(**params) -> list[str]:
    return [a.headline for a in article_search(Article.objects.published(), **params)]


class TestWordsAndNames:
    def test_white_helmets_finds_the_interview_that_only_links_syria_civil_defense(self, client, newsroom):
        text = newsroom.interview.headline + newsroom.interview.dek + newsroom.interview.body
        assert "White Helmets" not in text and "Civil Defense" not in text
        assert results(client, q="White Helmets") == [newsroom.interview.headline]
        assert results(client, q="the white-helmets") == [newsroom.interview.headline]

    def test_arabic_alias_finds_the_arabic_version(self, client, newsroom):
        assert newsroom.interview_ar.headline in results(client, "ar", q="الدفاع المدني السوري")

    def test_a_persons_other_spellings_find_their_interviews(self, client, newsroom):
        for spelling in ["Raed Saleh", "raed al saleh"]:
            assert newsroom.interview.headline in results(client, q=spelling)

    def test_part_of_a_name_is_not_a_match(self, client, newsroom):
        story(headline="A helmet factory reopens")
        assert newsroom.interview.headline not in results(client, q="helm")

    def test_words_are_found_in_headline_standfirst_and_body(self, client, newsroom):
        assert results(client, q="bakeries") == [newsroom.news.headline]  # headline
        assert results(client, q="rubble") == [newsroom.interview.headline]  # standfirst
        assert results(client, q="volunteers month") == [newsroom.interview.headline]  # body, both words

    def test_unknown_words_find_nothing_and_say_so(self, client, newsroom):
        response = client.get("/en/search/", {"q": "xylophone"})
        assert list(response.context["page"]) == []
        assert "No story matches this search." in response.content.decode()

    def test_search_never_finds_unpublished_stories(self, client, newsroom):
        hidden_stories(newsroom)
        for edition in ["en", "ar"]:
            for q in ["White Helmets", "Secret", "zzqdraft", "Raed Al-Saleh", ""]:
                assert not [h for h in results(client, edition, q=q, language="any") if "zzq" in h or "Secret" in h]


class TestArabic:
    def test_conjunctions_are_stripped_from_words_of_four_letters_or_more(self):
        assert strip_conjunctions("والدفاع فالمدني وطن و") == "الدفاع المدني وطن و"
        assert strip_conjunctions("White Helmets") == "White Helmets"

    def test_a_word_joined_to_wa_is_found_by_the_bare_word_and_the_reverse(self, newsroom):
        joined = story(headline="تقرير", language="ar", body="<p>وصل فريق والدفاع إلى القرية</p>")
        bare = story(headline="تقرير آخر", language="ar", body="<p>فريق الإنقاذ في البلدة</p>")
        assert joined.headline in found(query="الدفاع")
        assert joined.headline in found(query="والدفاع")
        assert bare.headline in found(query="والإنقاذ")


class TestFilters:
    def test_language_defaults_to_the_edition_and_can_be_widened(self, client, newsroom):
        assert newsroom.interview_ar.headline not in results(client, q="Raed Saleh")
        everywhere = results(client, q="Raed Saleh", language="any")
        assert newsroom.interview.headline in everywhere and newsroom.interview_ar.headline in everywhere
        assert results(client, q="Raed Saleh", language="ar") == [newsroom.interview_ar.headline]

    def test_kind_tag_person_and_organization_filters(self, client, newsroom):
        story(headline="Rescue drill in Hama", tags=["Rescue"], kind=Article.Kind.FEATURE)
        assert results(client, kind="interview") == [newsroom.interview.headline]
        assert set(results(client, tag="rescue")) == {newsroom.interview.headline, "Rescue drill in Hama"}
        assert results(client, person=newsroom.raed.slug) == [newsroom.interview.headline]
        assert results(client, organization=newsroom.civil_defense.slug) == [newsroom.interview.headline]
        assert results(client, tag="idlib", kind="news") == [newsroom.news.headline]

    def test_date_range(self, client, newsroom):
        old = story(headline="Old story", published_at=timezone.now() - timezone.timedelta(days=40))
        since = (timezone.now() - timezone.timedelta(days=2)).date().isoformat()
        assert old.headline not in results(client, published_from=since)
        until = (timezone.now() - timezone.timedelta(days=30)).date().isoformat()
        assert results(client, published_to=until) == [old.headline]

    def test_a_date_range_takes_whole_days_in_the_sites_time_zone(self, client, newsroom, settings):
        settings.TIME_ZONE = "Asia/Damascus"  # UTC+3
        damascus = timezone.get_fixed_timezone(180)
        day = datetime.date(2024, 3, 10)
        late = story(headline="Late on the tenth", published_at=datetime.datetime(2024, 3, 10, 23, 30, tzinfo=damascus))
        story(headline="Early on the eleventh", published_at=datetime.datetime(2024, 3, 11, 0, 10, tzinfo=damascus))
        story(headline="Last minute of the ninth", published_at=datetime.datetime(2024, 3, 9, 23, 59, tzinfo=damascus))
        with timezone.override("Asia/Damascus"):
            found = results(client, published_from=day.isoformat(), published_to=day.isoformat())
        assert found == [late.headline]

    def test_a_bad_date_is_reported_and_nothing_is_listed(self, client, newsroom):
        response = client.get("/en/search/", {"q": "Idlib", "published_from": "31/31/2026"})
        assert response.status_code == 200
        assert response.context["page"] is None
        assert "Enter a valid date." in response.content.decode()

    def test_an_unknown_tag_is_reported(self, client, newsroom):
        response = client.get("/en/search/", {"tag": "no-such-tag"})
        assert response.context["page"] is None
        assert "No tag called “no-such-tag” appears in our stories." in response.content.decode()


class TestSorting:
    def test_relevance_puts_named_and_headline_matches_first_and_date_sorts_by_time(self, client, newsroom):
        mention = story(headline="Roads cleared", body="<p>Raed Al-Saleh praised the crews.</p>", hours_ago=1)
        by_relevance = results(client, q="Raed Al-Saleh")
        assert by_relevance[0] == newsroom.interview.headline  # he is interviewed there
        assert set(by_relevance) == {newsroom.interview.headline, newsroom.news.headline, mention.headline}
        assert results(client, q="Raed Al-Saleh", sort="newest")[0] == mention.headline
        assert results(client, q="Raed Al-Saleh", sort="oldest")[0] == newsroom.news.headline

    def test_no_words_lists_everything_newest_first(self, client, newsroom):
        assert results(client) == [newsroom.interview.headline, newsroom.news.headline]


@postgres_only
class TestPostgres:
    def test_search_uses_the_gin_index(self, newsroom):
        with CaptureQueriesContext(connection) as queries:
            article_search(Article.objects.all(), query="rescuers")
        text_match = next(q["sql"] for q in queries.captured_queries if "@@" in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_indexscan = off")  # no walking the newest stories either
            cursor.execute(f"EXPLAIN {text_match}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")
        assert "article_search_vector" in plan, plan

    def test_the_stored_vector_follows_every_edit_however_it_is_written(self, newsroom):
        article = story(headline="Bakers return to Saraqib")
        assert found(query="Saraqib") == [article.headline]
        article.headline = "Bakers return to Maarrat"
        article.save()
        assert found(query="Saraqib") == [] and found(query="Maarrat") == [article.headline]
        Article.objects.filter(pk=article.pk).update(body="<p>Flour arrived from Azaz.</p>")  # no save()
        assert found(query="Azaz") == [article.headline]

    def test_english_words_are_stemmed(self, newsroom):
        assert newsroom.interview.headline in found(query="rebuild")  # the body says "Rebuilding"

    def test_arabic_configuration_folds_alef_forms(self, newsroom):
        story(headline="أهالي إدلب يعودون", language="ar")
        assert "أهالي إدلب يعودون" in found(query="ادلب")

    def test_kurdish_uses_the_simple_configuration(self, newsroom):
        story(headline="Ava vexwarinê vegeriya Helebê", language="ku")
        assert found(query="helebê") == ["Ava vexwarinê vegeriya Helebê"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text index")
class TestSqliteFullText:
    def test_words_match_the_beginnings_of_words(self, newsroom):
        # With LIKE, any part of a word matched ("escuer"); the FTS5 index matches beginnings.
        assert newsroom.interview.headline in found(query="rescuer")
        assert found(query="escuers") == []
