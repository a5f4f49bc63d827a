"""Lists and searches do bounded work in a big archive: a list counts its stories only so far, a
search ranks only its newest matches, and both say so."""

import re

import pytest

from articles import search, views
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
