"""Parts of pages kept per object (public/fragments.py): a page the page cache does not hold is built
from the story cards and article contents that have not changed, and a change retires exactly the
parts that show it — never a stale headline."""

import re

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext

from desk import services
from public import caching, fragments, invalidation, keys
from public.templatetags import public as public_tags
from tests.public_data import story, white_helmets_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Every request builds its page: what is measured here is the parts."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 3600


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


@pytest.fixture
def cards_built(monkeypatch):
    built = []
    original = public_tags._card

    def counting(article, lead):
        built.append(article.headline)
        return original(article, lead)

    monkeypatch.setattr(public_tags, "_card", counting)
    return built


def test_a_list_rebuilt_after_one_publication_builds_only_the_new_storys_card(client, newsroom, cards_built):
    for n in range(5):
        story(headline=f"Wheat harvest {n}", tags=["Harvest"], hours_ago=10 + n)
    client.get("/en/tags/harvest/")
    assert len(cards_built) == 5
    cards_built.clear()
    story(headline="Wheat prices fall", tags=["Harvest"], hours_ago=1)
    page = client.get("/en/tags/harvest/").content.decode()
    assert cards_built == ["Wheat prices fall"]
    assert page.count('<article class="card') == 6 and "Wheat harvest 4" in page


def test_a_changed_headline_is_never_shown_from_a_kept_card(client, newsroom, cards_built):
    client.get("/en/tags/idlib/")
    news = newsroom.news
    news.headline = "Bakeries reopen in Idlib city"
    services.article_save(article=news, user=newsroom.reporter, version=news.version)
    page = client.get("/en/tags/idlib/").content.decode()
    assert "Bakeries reopen in Idlib city" in page
    assert "Bakeries in Idlib reopen after repairs" not in page
    assert cards_built.count("Bakeries reopen in Idlib city") == 1


def test_an_article_read_with_a_new_query_string_is_built_from_its_kept_parts(client, newsroom):
    url = newsroom.interview.get_absolute_url()
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url + "?utm_source=whatsapp").content.decode()
    assert len(queries) == 2  # the story's row, and the versions of what its kept parts show
    assert again == first


def test_the_kept_parts_carry_their_keys_to_the_page(client, newsroom):
    url = newsroom.interview.get_absolute_url()
    built = set(client.get(url)["Surrogate-Key"].split())
    kept = set(client.get(url + "?again")["Surrogate-Key"].split())
    assert kept == built and keys.person(newsroom.raed.pk) in kept


def test_a_part_built_while_a_change_committed_is_not_kept(newsroom):
    calls = []

    def build():
        calls.append(1)
        keys.shows(keys.article(newsroom.news.pk))
        invalidation.keys_changed({keys.article(newsroom.news.pk)})  # a change commits meanwhile
        return "old and new mixed"

    assert fragments.kept_one("test:racing", build) == "old and new mixed"
    fragments.kept_one("test:racing", build)
    assert len(calls) == 2  # not kept the first time: built again


def test_parts_are_built_every_time_when_switched_off(client, newsroom, cards_built, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get("/en/tags/idlib/")
    client.get("/en/tags/idlib/")
    assert len(cards_built) == 4  # two cards, built twice


def test_a_shorter_lifetime_bounds_a_part_that_shows_a_choice_no_key_names(settings, monkeypatch):
    """An article's related stories are a choice among the newest: kept RELATED_REFRESH_SECONDS at
    most, then chosen again (public.views.article_response)."""
    settings.FRAGMENT_CACHE_SECONDS = 86400
    stored = {}
    monkeypatch.setattr(fragments.cache, "set_many", lambda values, timeout: stored.update(timeout=timeout))
    fragments.kept_one("x", lambda: "built", timeout=900)
    assert stored["timeout"] == 900
    fragments.kept_one("y", lambda: "built")
    assert stored["timeout"] == 86400
    settings.FRAGMENT_CACHE_SECONDS = 60
    fragments.kept_one("z", lambda: "built", timeout=900)
    assert stored["timeout"] == 60


def version_reads(queries) -> list[set[str]]:
    """The keys of each read of key versions among ``queries`` (PostgreSQL: one array; SQLite: a list)."""
    reads = []
    for query in queries:
        if "public_pagekey" in query["sql"] and query["sql"].lstrip().upper().startswith("SELECT"):
            quoted = re.findall(r"'([^']+)'", query["sql"].split("WHERE", 1)[1])
            reads.append({key for text in quoted for key in text.strip("{}").split(",")})
    return reads


def test_a_search_reads_the_version_of_each_key_once_while_it_is_built(client, newsroom):
    """The search looks up its kept parts in steps (the names' window of this edition and of the
    others, the menu, the filter boxes, the cards): a key two of them show is read once."""
    client.get("/en/search/?q=White+Helmets")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/en/search/?q=White+Helmets&again=1")
    assert newsroom.interview.headline in page.content.decode()
    reads = version_reads(queries.captured_queries)
    assert len(reads) >= 3  # the parts are looked up in steps
    shown = set(page["Surrogate-Key"].split())
    assert keys.organization(newsroom.civil_defense.pk) in set().union(*reads) <= shown | {keys.ALL}
    for n, read in enumerate(reads):
        for later in reads[n + 1:]:
            assert not read & later, (read & later)


def test_a_page_built_across_a_change_shows_it_at_the_next_request(rf, settings, newsroom):
    """A version remembered while a page is built may be passed by a change committed meanwhile: that
    page shows the moment before it, and is neither kept nor keeps a part that would be stale."""
    settings.PAGE_CACHE_SECONDS = 300
    key = keys.article(newsroom.news.pk)
    text = {"now": "before"}

    def part():
        keys.shows(key)
        return text["now"]

    @caching.public_page
    def view(request):
        first = fragments.kept_one("test:across", part)
        if text["now"] == "before":
            text["now"] = "after"
            invalidation.keys_changed({key})  # a change commits while the page is being built
        return HttpResponse(f"{first} {fragments.kept_one('test:across', part)}")

    assert caching.page_cache_respond(rf.get("/en/across/"), view).content == b"before before"
    assert caching.page_cache_respond(rf.get("/en/across/"), view).content == b"after after"
    assert caching.page_cache_respond(rf.get("/en/across/"), view)[caching.PAGE_CACHE_HEADER] == "HIT"
