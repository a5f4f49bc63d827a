"""Lists and searches do bounded work in a big archive: a list counts its stories only so far, a
search ranks only its newest matches, and both say so."""

import random
import re

import pytest
from django.db import connection
from django.db.models import Q

from public import search
from public import views
from articles.models import Article, Interviewee
from people.models import Person
from tests.public_data import story

pytestmark = pytest.mark.django_db


def headlines(response) -> list[str]:
    return re.findall(r"<h[23]><a [^>]*>([^<]+)</a>", response.content.decode())


def pagination(response) -> str:
    return re.search(r'<nav class="pagination"[^>]*>.*?<span>([^<]+)</span>', response.content.decode(), re.S).group(1)


def test_a_long_list_counts_so_far_says_more_than_and_still_reaches_its_last_page(client, monkeypatch):
    monkeypatch.setattr(views, "COUNT_LIMIT", 40)  # two pages of 20
    stories = [story(headline=f"Hama story {n:02d}", tags=["Hama"], hours_ago=n + 1) for n in range(70)]

    first = client.get("/en/tags/hama/")
    assert pagination(first) == "Page 1 of more than 2"
    assert headlines(first) == [s.headline for s in stories[:20]]
    third = client.get("/en/tags/hama/", {"page": 3})
    assert pagination(third) == "Page 3 of more than 3" and 'rel="next"' in third.content.decode()
    last = client.get("/en/tags/hama/", {"page": 4})
    assert pagination(last) == "Page 4 of 4" and 'rel="next"' not in last.content.decode()
    assert headlines(last) == [s.headline for s in stories[60:]]


def test_a_short_list_keeps_its_exact_count(client, monkeypatch):
    monkeypatch.setattr(views, "COUNT_LIMIT", 40)
    for n in range(25):
        story(headline=f"Idlib story {n}", tags=["Idlib"], hours_ago=n + 1)
    assert pagination(client.get("/en/tags/idlib/")) == "Page 1 of 2"


def test_a_search_ranks_its_newest_matches_and_says_there_are_more(client, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_WINDOW", 5)
    matches = [story(headline=f"Bread queue {n}", dek="Bakeries in Idlib.", hours_ago=n + 1) for n in range(8)]
    story(headline="Water in Raqqa", hours_ago=1)

    page = client.get("/en/search/", {"q": "bakeries"}).content.decode()
    assert "More than 5 stories found" in page
    assert set(headlines(client.get("/en/search/", {"q": "bakeries"}))) == {m.headline for m in matches[:5]}
    oldest = headlines(client.get("/en/search/", {"q": "bakeries", "sort": "oldest"}))
    assert oldest == [m.headline for m in reversed(matches[3:])]


def test_a_search_within_the_window_lists_and_counts_every_match(client, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_WINDOW", 5)
    for n in range(4):
        story(headline=f"Bread queue {n}", dek="Bakeries in Idlib.", hours_ago=n + 1)
    page = client.get("/en/search/", {"q": "bakeries"}).content.decode()
    assert "4 stories found" in page and "More than" not in page


@pytest.mark.parametrize("sort", [search.SORT_RELEVANCE, search.SORT_OLDEST])
@pytest.mark.parametrize("mentions", [3, 12])  # the words alone fill the window of 5, or do not
def test_the_window_is_the_newest_of_words_and_names_together(monkeypatch, sort, mentions):
    """The names are read after the words and only as far back as a full window of words reaches
    (public/search.py, _newest_matches): the window is still the newest (or oldest) stories matching
    the words or the names, and exactly those found through a name get the name's bonus."""
    monkeypatch.setattr(search, "SEARCH_WINDOW", 5)
    raed = Person.objects.create(name="Raed Al-Saleh")
    other = Person.objects.create(name="Huda Hamid")
    hours = iter(random.Random(mentions).sample(range(1, 200), 40))
    by_words = {story(headline=f"Roads {n}", body="<p>Raed Al-Saleh said so.</p>", hours_ago=next(hours)) for n in range(mentions)}
    by_name = set()
    for n in range(9):
        article = story(headline=f"Interview {n}", hours_ago=next(hours))
        Interviewee.objects.create(article=article, person=raed)
        by_name.add(article)
    for n in range(6):  # neither
        Interviewee.objects.create(article=story(headline=f"Other {n}", hours_ago=next(hours)), person=other)
    both = story(headline="Both", body="<p>Raed Al-Saleh again.</p>", hours_ago=next(hours))
    Interviewee.objects.create(article=both, person=raed)
    by_words.add(both)
    by_name.add(both)

    oldest = sort == search.SORT_OLDEST
    ordered = sorted(by_words | by_name, key=lambda a: (a.published_at, a.pk), reverse=not oldest)
    expected = [(a.pk, a in by_name) for a in ordered[:6]]
    text_match, _rank = search._fallback_text("Raed Al-Saleh") if connection.vendor != "postgresql" else search._postgres_text("Raed Al-Saleh")
    organizations, people = search._named_subjects("Raed Al-Saleh")
    assert people == [raed.pk]
    conditions = [Q(text_match), *search._named_conditions(organizations=organizations, people=people)]
    assert search._newest_matches(Article.objects.published(), conditions, oldest=oldest, window=5) == expected
    found = search.article_search(Article.objects.published(), query="Raed Al-Saleh", sort=sort)
    assert {a.pk for a in found} == {pk for pk, _named in expected[:5]}
    assert found.more_than == 5
