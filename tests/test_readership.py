"""Most read (readership/, public/most_read.py; docs/READERSHIP.md): the reading beacon counts
readers, not robots, prefetches or staff, with no cookie; the periodic tally makes the lists per
edition, section and window; fronts show them without slowing a kept page."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from fronts.models import ArticleSection, Section
from jobs import services as jobs
from readership import services
from readership.models import Hit, MostRead, Tally
from tests.public_data import story

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
ROBOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
    "facebookexternalhit/1.1",
    "curl/8.5.0",
    "python-requests/2.32",
    "",
]


def beacon(client, article, *, agent=FIREFOX, address="203.0.113.7", **headers):
    return client.post(f"/r/{article.pk}/", headers={"user-agent": agent, **headers}, REMOTE_ADDR=address)


def read(article, readers: int, *, hours_ago: int = 0):
    """``readers`` different readers read ``article`` ``hours_ago`` hours ago."""
    when = timezone.now() - timedelta(hours=hours_ago)
    for n in range(readers):
        services.hit_record(article_pk=article.pk, address=f"198.51.100.{n}", user_agent=FIREFOX, headers={},
                            now=when)


def tally():
    services.tally_hits()
    services.lists_refresh()


def block(page: str) -> str:
    start = page.find('class="most-read"')
    return page[start:page.find("</section>", start)] if start >= 0 else ""


def filed(article, section):
    ArticleSection.objects.create(article=article, section=section, primary=True)
    return article


class TestBeacon:
    def test_a_reader_counts_once_an_hour_with_no_cookie_and_an_empty_answer(self, client):
        article = story(headline="Water in Hasakah")
        first = beacon(client, article)
        assert first.status_code == 204 and first.content == b""
        assert not first.cookies and "no-cache" in first["Cache-Control"]
        beacon(client, article)  # the same reader again: not another reader
        beacon(client, article, address="203.0.113.8")
        assert Hit.objects.filter(article_pk=article.pk).count() == 2
        assert "203.0.113" not in str(list(Hit.objects.values_list("reader", flat=True)))

    def test_robots_prefetches_and_staff_are_not_counted(self, client):
        article = story()
        for agent in ROBOTS:
            assert beacon(client, article, agent=agent).status_code == 204
        beacon(client, article, **{"sec-purpose": "prefetch;prerender"})
        beacon(client, article, purpose="prefetch")
        client.cookies["sessionid"] = "staff"
        beacon(client, article)
        assert not Hit.objects.exists()

    def test_the_beacon_takes_posts_only_costs_one_query_and_is_never_kept(self, client, settings):
        settings.PAGE_CACHE_SECONDS = 300
        article = story()
        assert client.get(f"/r/{article.pk}/", headers={"user-agent": FIREFOX}).status_code == 405
        with CaptureQueriesContext(connection) as queries:
            assert beacon(client, article).status_code == 204
        assert len(queries) == 1, [q["sql"] for q in queries]
        assert beacon(client, article).get("X-Page-Cache") is None

    def test_an_address_past_its_limit_gets_429_and_is_not_counted(self, client, settings):
        settings.RATE_LIMITS = {**settings.RATE_LIMITS, "read": "2/m"}
        articles = [story() for _ in range(3)]
        assert [beacon(client, a).status_code for a in articles] == [204, 204, 429]
        assert Hit.objects.count() == 2

    def test_a_published_story_page_sends_the_beacon_to_this_site_only(self, client):
        article = story()
        response = client.get(article.get_absolute_url())
        page = response.content.decode()
        assert f'data-beacon="/r/{article.pk}/"' in page and "js/read.js" in page
        assert "connect-src 'self'" in response["Content-Security-Policy"]

    def test_the_tally_runs_periodically(self):
        assert jobs.PERIODIC["readership.tally"].every == timedelta(minutes=10)


class TestLists:
    def test_lists_per_edition_and_window_count_readers_of_public_stories_only(self):
        today, lately, arabic = story(headline="Today"), story(headline="Lately"), story(language="ar")
        hidden = story(status=Article.Status.DRAFT, published_at=None)
        read(today, 3)
        read(lately, 2, hours_ago=30)
        read(lately, 2, hours_ago=50)
        read(arabic, 9)
        read(hidden, 50)
        tally()
        assert services.most_read(language="en") == {"day": [today.pk], "week": [lately.pk, today.pk]}
        assert services.most_read(language="ar") == {"day": [arabic.pk], "week": [arabic.pk]}
        assert Tally.objects.get(article=today).reads == 3

    def test_a_section_has_lists_of_its_own(self):
        economy = Section.objects.create(slug="economy", name_en="Economy")
        bread = filed(story(headline="Bread"), economy)
        other = story(headline="Elsewhere")
        read(bread, 1)
        read(other, 5)
        tally()
        assert services.most_read(language="en", section_id=economy.pk)["day"] == [bread.pk]
        assert services.most_read(language="en")["day"] == [other.pk, bread.pk]

    def test_a_second_tally_changes_nothing_and_old_hits_are_forgotten(self):
        article = story()
        read(article, 4, hours_ago=3)
        tally()
        saved = MostRead.objects.get(language="en", section=None, window="day").computed_at
        tally()
        assert Tally.objects.get(article=article).reads == 4
        assert not Hit.objects.exists()  # their hour is over: tallied and gone
        assert MostRead.objects.get(language="en", section=None, window="day").computed_at == saved

    def test_a_withdrawn_story_drops_out(self, client):
        gone, kept = story(headline="Withdrawn later"), story(headline="Still here")
        read(gone, 5)
        read(kept, 1)
        tally()
        assert "Withdrawn later" in block(client.get("/en/").content.decode())
        gone.status = Article.Status.WITHDRAWN
        gone.save()
        assert "Withdrawn later" not in block(client.get("/en/").content.decode())
        services.lists_refresh()
        assert services.most_read(language="en")["day"] == [kept.pk]


class TestOnFronts:
    def test_the_home_and_a_section_front_show_their_lists_in_their_edition(self, client):
        economy = Section.objects.create(slug="economy", name_en="Economy", name_ar="اقتصاد")
        bread = filed(story(headline="Bread prices"), economy)
        story(headline="Football")
        arabic = filed(story(headline="أسعار الخبز", language="ar"), economy)
        read(bread, 2)
        read(Article.objects.get(headline="Football"), 3)
        read(arabic, 1, hours_ago=40)
        tally()
        home = block(client.get("/en/").content.decode())
        assert "Most read" in home and home.index("Football") < home.index("Bread prices")
        front = block(client.get("/en/economy/").content.decode())
        assert "Bread prices" in front and "Football" not in front
        arabic_front = block(client.get("/ar/economy/").content.decode())
        assert "أسعار الخبز" in arabic_front and "آخر 24 ساعة" not in arabic_front  # the week's list only
        assert "الأكثر قراءة" in arabic_front

    def test_nothing_read_yet_shows_no_block(self, client):
        story()
        assert 'class="most-read"' not in client.get("/en/").content.decode()

    def test_the_query_count_does_not_grow_with_the_lists(self, client, settings):
        settings.PAGE_CACHE_SECONDS = 0
        settings.FRAGMENT_CACHE_SECONDS = 0
        stories = [story(headline=f"Story {n}") for n in range(6)]
        read(stories[0], 1)
        tally()
        with CaptureQueriesContext(connection) as one:
            client.get("/en/")
        for n, article in enumerate(stories):
            read(article, n + 2)
        tally()
        with CaptureQueriesContext(connection) as five:
            page = client.get("/en/").content.decode()
        assert block(page).count("<li>") == 10
        assert len(five) == len(one)

    def test_readings_never_retire_a_kept_page_until_a_list_changes(self, client, settings):
        settings.PAGE_CACHE_SECONDS = 300
        first, second = story(headline="First"), story(headline="Second")
        read(first, 3)
        read(second, 1)
        tally()
        assert client.get("/en/")["X-Page-Cache"] == "MISS"
        read(first, 6)  # more readers, the same order
        tally()
        with CaptureQueriesContext(connection) as queries:
            kept = client.get("/en/")
        assert kept["X-Page-Cache"] == "HIT" and len(queries) == 1
        assert "mr-en-0" in kept["Surrogate-Key"].split()
        read(second, 20)
        tally()
        fresh = client.get("/en/")
        assert fresh["X-Page-Cache"] == "MISS"
        assert block(fresh.content.decode()).index("Second") < block(fresh.content.decode()).index("First")


class TestPage:
    def test_the_editions_page_shows_both_lists_as_cards_and_is_kept_by_the_lists_key(self, client, settings):
        settings.PAGE_CACHE_SECONDS = 300
        today, lately = story(headline="Read today"), story(headline="Read on Monday")
        read(today, 2)
        read(lately, 5, hours_ago=60)
        tally()
        response = client.get("/en/most-read/")
        page = response.content.decode()
        day, week = page.index("Last 24 hours"), page.index("Last 7 days")
        assert day < page.index("Read today") < week < page.index("Read on Monday")
        assert page.count('<article class="card') == 3
        assert {"mr-en-0", f"a{today.pk}"} <= set(response["Surrogate-Key"].split())
        arabic = client.get("/ar/most-read/").content.decode()
        assert "الأكثر قراءة" in arabic and "Read today" not in arabic

    def test_the_page_costs_the_same_queries_however_long_the_lists(self, client, settings):
        settings.PAGE_CACHE_SECONDS = 0
        settings.FRAGMENT_CACHE_SECONDS = 0
        stories = [story(headline=f"Story {n}") for n in range(6)]
        read(stories[0], 1)
        tally()
        with CaptureQueriesContext(connection) as one:
            client.get("/en/most-read/")
        for n, article in enumerate(stories):
            read(article, n + 2)
        tally()
        with CaptureQueriesContext(connection) as ten:
            page = client.get("/en/most-read/").content.decode()
        assert page.count('<article class="card') == 10
        assert len(ten) == len(one)

    def test_no_section_may_take_its_address(self):
        with pytest.raises(ValidationError):
            Section(slug="most-read", name_en="Most read").full_clean()
